"""`build_dataset`: a project's labelled articles as train/dev/test splits in a folder.

Two passes over the project, inside one read transaction (`one_snapshot`),
so both see the same state and nothing is held whole:

1. read the chosen articles (`BuildOptions.export_filter`, the code paths of
   ``annotator export``) a batch at a time, keeping of each only its id,
   story, MinHash signature (512 bytes) and label counts;
   find near-duplicate pairs, join stories and pairs into groups and deal
   the groups out (`annotator.dataset.splitting`);
2. read them again and write each to its split's files as it comes
   (`annotator.dataset.writers`).

Then agreement on the included articles (`project_agreement` with
``articles``), the report (`DatasetReport`, also ``report.json``) and the
manifest (``manifest.json``: every file's SHA-256 and size, the project's
content fingerprint, schema, build options and tool version; no time, path or
host). Everything is written in a scratch folder beside the target and moved
in when complete, so a failed build leaves the target as it was. Building
again with the same options from an unchanged project gives the same bytes in
every file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import logging
import os
import shutil
from array import array
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from annotator import __version__
from annotator.core.errors import AnnotatorError
from annotator.core.model import GOLD
from annotator.dataset.minhash import Signatures
from annotator.dataset.options import SPLITS, BuildOptions
from annotator.dataset.report import DatasetReport, NearDuplicate
from annotator.dataset.splitting import deal, group_roots
from annotator.dataset.tally import Tally
from annotator.dataset.writers import SplitWriters, quick_msgpack
from annotator.io.export import ExportItem, iter_export
from annotator.io.targets import check_target
from annotator.quality.agreement import project_agreement
from annotator.store.content import content_fingerprint, one_snapshot
from annotator.store.migrations import SCHEMA_VERSION
from annotator.store.project import Project

log = logging.getLogger(__name__)

FORMAT = "claim-annotator dataset"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
REPORT = "report.json"
CARD = "README.md"
"""The dataset card (`annotator.dataset.card`), written by the ``extras`` of the CLI and the app."""
LAYOUT = ("jsonl", "hf", "spacy", "charts")
"""The folders a build writes (besides `MANIFEST`, `REPORT` and `CARD`); `--force` replaces only those files."""

Extras = Callable[[Path, "DatasetReport", dict[str, Any]], list[str]]
"""``(folder, report, manifest without "files") -> relative paths written``: see `build_dataset`."""

_CHANGED = "the project changed while the dataset was built; build again"

Progress = Callable[[str, int, int], None]
"""``(stage, done, total)``: stage ``"reading"`` (pass 1) or ``"writing"`` (pass 2), in articles."""


@dataclass(frozen=True, slots=True)
class DatasetBuild:
    """What `build_dataset` made: the folder, its manifest (as written) and the report."""

    folder: Path
    manifest: dict[str, Any]
    report: DatasetReport


def _json_bytes(data: Any) -> bytes:
    return orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n"


def _chosen(item: ExportItem, options: BuildOptions) -> bool:
    """Whether an article the export filter yields goes into the dataset."""
    if len(item.rows) != 1:
        return False  # no labels by the chosen annotator
    entry = item.rows[0]
    if options.include_unfinished or entry.annotator == GOLD:
        return True
    return entry.status == "done"


def _items(
    project: Project, options: BuildOptions, stage: str, progress: Progress | None
) -> Iterator[ExportItem]:
    report = None if progress is None else (lambda done, total: progress(stage, done, total))
    for batch in iter_export(project, options.export_filter(), report, prune_links=False):
        for item in batch:
            if _chosen(item, options):
                yield item


@dataclass(slots=True)
class _FirstPass:
    ids: list[str]
    stories: list[str | None]
    counts: array[int]
    linked: dict[str, int]
    """Claim id -> article index, for included claims that have links."""
    sources: Counter[str] = dataclasses.field(default_factory=Counter)
    """Whose labels the included articles carry: ``gold``, ``single`` (fallback) or ``annotator``."""
    languages: Counter[str] = dataclasses.field(default_factory=Counter)


def _first_pass(
    project: Project, options: BuildOptions, tally: Tally, progress: Progress | None
) -> tuple[_FirstPass, Signatures]:
    found = _FirstPass([], [], array("q"), {})
    signatures = Signatures()
    for item in _items(project, options, "reading", progress):
        entry = item.rows[0]
        index = len(found.ids)
        found.ids.append(item.article.id)
        found.stories.append(item.article.story)
        found.counts.extend(tally.row(entry, item.actors))
        if options.annotator is not None:
            found.sources["annotator"] += 1
        else:
            found.sources["gold" if entry.annotator == GOLD else "single"] += 1
        if item.article.language:
            found.languages[item.article.language] += 1
        signatures.add(item.article.text, options.shingle_words)
        for claim in entry.links or {}:
            found.linked[claim] = index
    return found, signatures


def _pruned_links(item: ExportItem, split: int, splits: bytearray, linked: dict[str, int]) -> None:
    """Keep only links to claims in this dataset's same split (links never cross splits)."""
    entry = item.rows[0]
    if not entry.links:
        return
    kept = {
        claim: tuple(o for o in others if o in linked and splits[linked[o]] == split)
        for claim, others in entry.links.items()
    }
    item.rows[0] = dataclasses.replace(entry, links={c: o for c, o in kept.items() if o} or None)


def _check_folder(project: Project, folder: Path, force: bool) -> dict[str, Any] | None:
    """Refuse a folder that is a file, the project, or not empty (unless ``force``).

    Returns the manifest of the build already there (with ``force``), or None.
    """
    if folder.exists() and not folder.is_dir():
        raise AnnotatorError(f"{folder} is a file; name a folder for the dataset")
    check_target(project, folder, doing="build the dataset in")
    if not folder.exists() or not any(folder.iterdir()):
        return None
    if not force:
        raise AnnotatorError(
            f"{folder} is not empty; name a new or empty folder, or pass --force to replace"
            " the dataset files built there before (other files are left alone)"
        )
    try:
        old = orjson.loads((folder / MANIFEST).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    return old if isinstance(old, dict) else None


def _ours(path: str) -> bool:
    """A path (relative, from a manifest) a build may replace or remove."""
    parts = Path(path).parts
    if not parts or ".." in parts or Path(path).is_absolute():
        return False
    return (len(parts) == 1 and parts[0] in (MANIFEST, REPORT, CARD)) or parts[0] in LAYOUT


def _install(scratch: Path, folder: Path, written: list[str], old: dict[str, Any] | None) -> None:
    """Move the new files into ``folder``; remove the old build's files not written again."""
    folder.mkdir(parents=True, exist_ok=True)
    stale = [
        p
        for p in (old or {}).get("files", {})
        if isinstance(p, str) and _ours(p) and p not in written
    ]
    for path in stale:
        (folder / path).unlink(missing_ok=True)
    for path in [*written, REPORT, MANIFEST]:
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(scratch / path, target)
    for path in stale:  # folders of shards no longer written, if nothing else is in them
        parent = (folder / path).parent
        while parent != folder and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent


def _file_entry(path: Path) -> dict[str, Any]:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return {"sha256": digest.hexdigest(), "bytes": path.stat().st_size}


def _libraries(formats: tuple[str, ...]) -> dict[str, str]:
    """Versions of the libraries whose output the files hold (their bytes depend on them)."""
    found: dict[str, str] = {"orjson": orjson.__version__}
    if "hf" in formats:
        from annotator.io.export_hf import import_pyarrow

        found["pyarrow"] = import_pyarrow().__version__
    if "spacy" in formats:
        from annotator.io.export_spacy import import_spacy

        found["spacy"] = import_spacy().__version__
    return found


def build_dataset(
    project: Project,
    folder: Path | str,
    options: BuildOptions | None = None,
    force: bool = False,
    progress: Progress | None = None,
    extras: Extras | None = None,
) -> DatasetBuild:
    """Build the dataset of ``project`` in ``folder`` (see the module doc).

    Args:
        project: an open project (read-only is enough).
        folder: where to write; made if missing. It must be empty unless ``force``.
        options: splits, seed, threshold, labels and formats; defaults when None.
        force: replace the files of a build already in ``folder`` (only the
            files a build writes: `MANIFEST`, `REPORT` and what is under
            `LAYOUT`'s folders; anything else there is left alone).
        progress: called with ``(stage, done, total)`` as articles are read.
        extras: writes more files (a dataset card, charts) into the folder being
            built, given the report and the manifest so far; returns their
            relative paths, which the manifest then lists like the others.

    Raises:
        AnnotatorError: no article to build from, a folder that is not empty
            (without ``force``) or is a file or the project, spaCy or pyarrow
            missing for a format asked for, an article changed between the passes.
    """
    options = options or BuildOptions()
    folder = Path(folder)
    old = _check_folder(project, folder, force)
    _libraries(options.formats)  # a missing library is said before any work
    folder.parent.mkdir(parents=True, exist_ok=True)
    scratch = folder.parent / f".{folder.name}.building-{os.getpid()}"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    try:
        with one_snapshot(project):
            manifest, report, written = _build(project, scratch, options, progress, extras)
        _install(scratch, folder, written, old)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    log.info("built a dataset of %d articles from %s in %s", report.articles, project.path, folder)
    return DatasetBuild(folder, manifest, report)


def _no_articles(project: Project, options: BuildOptions) -> AnnotatorError:
    if options.annotator is not None:
        if options.annotator not in project.annotators():
            return AnnotatorError(f"no labels by {options.annotator!r} in this project")
        return AnnotatorError(
            f"{options.annotator} has no article marked done; nothing to build"
            " (--include-unfinished takes their unfinished ones too)"
        )
    hint = "" if options.fallback else ", or --fallback single for articles one annotator labelled"
    return AnnotatorError(
        "no adjudicated (gold) article is done; nothing to build"
        f" (use --annotator NAME for one annotator's labels{hint})"
    )


def _build(
    project: Project,
    scratch: Path,
    options: BuildOptions,
    progress: Progress | None,
    extras: Extras | None,
) -> tuple[dict[str, Any], DatasetReport, list[str]]:
    tally = Tally(project.schema)
    first, signatures = _first_pass(project, options, tally, progress)
    if not first.ids:
        raise _no_articles(project, options)
    pairs = signatures.pairs(options.near_duplicate)
    del signatures
    roots = group_roots(first.stories, pairs)
    splits = deal(roots, first.counts, tally.width, options.split, options.seed)

    quick = quick_msgpack() if "spacy" in options.formats else contextlib.nullcontext()
    with quick:
        writers = SplitWriters(scratch, options.formats, project.schema, options.alignment_mode)
        try:
            index = 0
            for item in _items(project, options, "writing", progress):
                if index >= len(first.ids) or item.article.id != first.ids[index]:
                    raise AnnotatorError(_CHANGED)
                _pruned_links(item, splits[index], splits, first.linked)
                writers.add(SPLITS[splits[index]], item)
                index += 1
            if index != len(first.ids):
                raise AnnotatorError(_CHANGED)
        except BaseException:
            writers.abandon()
            raise
        written = writers.close()

    agreement = project_agreement(project, None, articles=set(first.ids))
    per_split = [array("q", bytes(8 * tally.width)) for _ in SPLITS]
    for i, split in enumerate(splits):
        row = per_split[split]
        at = i * tally.width
        for d in range(tally.width):
            row[d] += first.counts[at + d]
    report = DatasetReport(
        articles=len(first.ids),
        groups=len(set(roots)),
        splits={name: tally.distribution(per_split[s]) for s, name in enumerate(SPLITS)},
        near_duplicates=[
            NearDuplicate(
                first.ids[a], first.ids[b], round(sim, 4), SPLITS[splits[a]], SPLITS[splits[b]]
            )
            for a, b, sim in pairs
        ],
        stories_across_splits=_stories_across(first.stories, splits),
        agreement=agreement.to_json(),
        unaligned_spans=dict(writers.unaligned) if "spacy" in options.formats else None,
        warnings=_warnings(options, roots, [row[0] for row in per_split]),
        labels={k: first.sources[k] for k in ("gold", "single", "annotator") if first.sources[k]},
        languages=dict(sorted(first.languages.items(), key=lambda kv: (-kv[1], kv[0]))),
    )
    (scratch / REPORT).write_bytes(_json_bytes(report.to_json()))
    schema = project.schema
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "tool": {"name": "claim-annotator", "version": __version__},
        "libraries": _libraries(options.formats),
        "project": {
            "content_fingerprint": content_fingerprint(project, schema.fingerprint),
            "file_version": SCHEMA_VERSION,
            "schema": {
                "name": schema.name,
                "version": schema.version,
                "revision": schema.revision,
                "fingerprint": schema.fingerprint,
            },
        },
        "options": options.to_json(),
        "splits": {name: report.splits[name]["articles"] for name in SPLITS},
    }
    if extras is not None:
        written = sorted({*written, *extras(scratch, report, dict(manifest))})
    manifest["files"] = {path: _file_entry(scratch / path) for path in sorted([*written, REPORT])}
    (scratch / MANIFEST).write_bytes(_json_bytes(manifest))
    return manifest, report, written


def _warnings(options: BuildOptions, roots: array[int], sizes: list[int]) -> list[str]:
    """Splits asked for but left empty, and groups too large for the split asked for."""
    found = []
    total = sum(sizes)
    largest = max(Counter(roots).values())
    for name, share, size in zip(SPLITS, options.split, sizes, strict=True):
        if share and not size:
            found.append(
                f"{name} is empty although {share}% was asked for: the {total} articles are in"
                f" {len(set(roots))} groups (stories and near duplicates), the largest of"
                f" {largest} articles"
            )
    if found or largest <= total * min(s for s in options.split if s) / 100:
        return found
    found.append(
        f"the largest group (a story or near duplicates) holds {largest} of {total} articles,"
        " more than the smallest split asked for; split sizes follow the ratios only roughly"
    )
    return found


def _stories_across(stories: list[str | None], splits: bytearray) -> int:
    """How many stories have articles in more than one split (0 by construction)."""
    seen: dict[str, int] = {}
    across: set[str] = set()
    for story, split in zip(stories, splits, strict=True):
        if story and seen.setdefault(story, split) != split:
            across.add(story)
    return len(across)


def read_manifest(folder: Path | str) -> dict[str, Any]:
    """The manifest of the dataset in ``folder``.

    Raises:
        AnnotatorError: there is none, or it is not a dataset manifest.
    """
    path = Path(folder) / MANIFEST
    try:
        found = orjson.loads(path.read_bytes())
    except FileNotFoundError:
        raise AnnotatorError(f"{folder} holds no dataset ({MANIFEST} is missing)") from None
    except orjson.JSONDecodeError as exc:
        raise AnnotatorError(f"{path} is not valid JSON: {exc}") from None
    if not isinstance(found, dict) or found.get("format") != FORMAT:
        raise AnnotatorError(f"{path} is not the manifest of a dataset built by this tool")
    return found
