"""What changed between two dataset builds: articles and labels added, removed, changed, moved.

`diff_datasets(old, new)` compares the native JSONL files (``jsonl/<split>.jsonl``)
of two dataset folders; both must have been built with the ``jsonl`` format.
Articles are keyed by their id, labels (claims, mentions and actors) by theirs.
The old folder is read once to index each article's split, line offset and a
digest of its line; the new one is then streamed, and only an article whose
digest differs is read again from the old file to say what changed. Memory
holds that index (about a hundred bytes an article) and the changes found.

What counts, per split:

- an article is ``added`` (only in the new build), ``removed`` (only in the
  old), ``moved`` (in another split: counted as moved out of its old split and
  into its new one), ``changed`` (same id, different line: the fields that
  differ are named, e.g. ``title``, ``status``) or unchanged; a moved article
  may be changed too;
- a label is ``added``, ``removed`` or ``changed`` (same id, other content:
  the fields that differ are named with dots, e.g. ``stance``,
  ``attribution.cue``). The labels of an added article count as added, those
  of a removed one as removed; the labels of a moved article move with it and
  count only if they changed. Changes are counted in the article's new split
  (its old one for a removed article).

`DatasetDiff.to_json` is for scripts, `DatasetDiff.to_text` for reading (a table
of the counts per split, then the first details).
"""

from __future__ import annotations

import dataclasses
import hashlib
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from annotator.core.errors import AnnotatorError
from annotator.core.table import text_table
from annotator.dataset.build import Progress, build_dataset, read_manifest
from annotator.dataset.options import SPLITS, BuildOptions
from annotator.dataset.writers import jsonl_path
from annotator.store.project import Project

LABEL_KINDS = (("claims", "claim"), ("mentions", "mention"), ("actors", "actor"))
"""The lists of an annotation entry whose items are labels, and what one is called."""
ARTICLE_COUNTS = ("added", "removed", "changed", "moved_in", "moved_out", "unchanged")
LABEL_COUNTS = ("added", "removed", "changed")


@dataclass(slots=True)
class LabelChange:
    """A label added, removed or changed in an article."""

    kind: str
    """``claim``, ``mention`` or ``actor``."""
    id: str
    change: str
    """``added``, ``removed`` or ``changed``."""
    fields: list[str] = field(default_factory=list)
    """For ``changed``: the fields that differ, dotted (``attribution.cue``)."""

    def to_json(self) -> dict[str, Any]:
        """The change as ``--json`` lists it."""
        found: dict[str, Any] = {"kind": self.kind, "id": self.id, "change": self.change}
        if self.change == "changed":
            found["fields"] = self.fields
        return found


@dataclass(slots=True)
class ArticleChange:
    """An article added, removed, moved or changed (or whose labels changed)."""

    id: str
    change: str
    """``added``, ``removed``, ``moved`` or ``changed``."""
    split: str
    """Its split in the new build (in the old one when removed)."""
    old_split: str | None = None
    """Where it was, when moved."""
    fields: list[str] = field(default_factory=list)
    """Article fields that differ (``text``, ``title``, ``status`` ...), labels aside."""
    labels: list[LabelChange] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The change as ``--json`` lists it."""
        found: dict[str, Any] = {"id": self.id, "change": self.change, "split": self.split}
        if self.old_split is not None:
            found["from"] = self.old_split
        found["fields"] = self.fields
        found["labels"] = [label.to_json() for label in self.labels]
        return found

    def describe(self) -> str:
        """One line: what happened to the article, then its changed labels."""
        if self.change == "moved":
            head = f"{self.id}: moved {self.old_split} -> {self.split}"
        else:
            head = f"{self.id}: {self.change} ({self.split})"
        if self.fields:
            head += f"; fields: {', '.join(self.fields)}"
        counts = {c: sum(label.change == c for label in self.labels) for c in LABEL_COUNTS}
        if self.change in ("added", "removed"):
            return f"{head}; {counts[self.change]} labels"
        lines = [head]
        for label in self.labels:
            what = f"  {label.change} {label.kind} {label.id}"
            if label.fields:
                what += f": {', '.join(label.fields)}"
            lines.append(what)
        return "\n".join(lines)


@dataclass(slots=True)
class DatasetDiff:
    """The changes between two builds (see the module doc)."""

    old: dict[str, Any]
    """The old build: ``folder``, ``articles``, the manifest's ``project`` and ``options``."""
    new: dict[str, Any]
    articles: dict[str, dict[str, int]]
    """Split -> article counts (`ARTICLE_COUNTS`)."""
    labels: dict[str, dict[str, int]]
    """Split -> label counts (`LABEL_COUNTS`)."""
    changes: list[ArticleChange]
    """Every article with a change, in the order of the new build (removed ones last)."""

    @property
    def options_changed(self) -> dict[str, list[Any]]:
        """Build options that differ: name -> [old, new]."""
        return _differing(self.old.get("options", {}), self.new.get("options", {}))

    @property
    def unchanged(self) -> bool:
        """Whether no article or label was added, removed, moved or changed."""
        return not self.changes

    def to_json(self) -> dict[str, Any]:
        """The diff for scripts: both builds, the counts per split, every change."""
        total_articles = {k: sum(s[k] for s in self.articles.values()) for k in ARTICLE_COUNTS}
        total_labels = {k: sum(s[k] for s in self.labels.values()) for k in LABEL_COUNTS}
        return {
            "old": self.old,
            "new": self.new,
            "options_changed": self.options_changed,
            "splits": {s: {"articles": self.articles[s], "labels": self.labels[s]} for s in SPLITS},
            "total": {"articles": total_articles, "labels": total_labels},
            "changes": [c.to_json() for c in self.changes],
        }

    def to_text(self, limit: int = 20) -> str:
        """A table of the counts per split, then the first ``limit`` changed articles."""
        lines = [
            f"old: {self.old['folder']} ({self.old['articles']} articles)",
            f"new: {self.new['folder']} ({self.new['articles']} articles)",
        ]
        for name, (before, after) in self.options_changed.items():
            lines.append(f"option {name}: {_shown(before)} -> {_shown(after)}")
        old_schema = self.old.get("project", {}).get("schema", {})
        new_schema = self.new.get("project", {}).get("schema", {})
        if old_schema.get("fingerprint") != new_schema.get("fingerprint"):
            lines.append(
                f"label schema: {old_schema.get('name')} revision {old_schema.get('revision')}"
                f" -> {new_schema.get('name')} revision {new_schema.get('revision')}"
            )
        header = ["", *SPLITS, "total"]
        rows = []
        for key in ARTICLE_COUNTS:
            cells = [self.articles[s][key] for s in SPLITS]
            rows.append([f"articles {key.replace('_', ' ')}", *map(str, cells), str(sum(cells))])
        for key in LABEL_COUNTS:
            cells = [self.labels[s][key] for s in SPLITS]
            rows.append([f"labels {key}", *map(str, cells), str(sum(cells))])
        lines += text_table([header, *rows])
        if self.unchanged:
            lines.append("no article or label changed")
            return "\n".join(lines)
        shown = self.changes[: max(limit, 0)]
        if shown:
            lines.append("")
        lines += [change.describe() for change in shown]
        if len(self.changes) > len(shown):
            lines.append(
                f"... and {len(self.changes) - len(shown)} more articles (--limit, --json)"
            )
        return "\n".join(lines)


def _shown(value: Any) -> str:
    return orjson.dumps(value).decode() if isinstance(value, (dict, list)) else str(value)


def _differing(old: Any, new: Any, prefix: str = "") -> dict[str, list[Any]]:
    """Dotted keys of two JSON objects whose values differ: key -> [old, new]."""
    found: dict[str, list[Any]] = {}
    if not isinstance(old, dict) or not isinstance(new, dict):
        return {prefix.rstrip("."): [old, new]} if old != new else {}
    for key in [*old, *(k for k in new if k not in old)]:
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        if isinstance(a, dict) and isinstance(b, dict):
            found |= _differing(a, b, f"{prefix}{key}.")
        else:
            found[f"{prefix}{key}"] = [a, b]
    return found


def _lines(folder: Path, split: str) -> Iterator[tuple[int, bytes]]:
    """(offset, line) of each article of a split's native JSONL file."""
    path = folder / jsonl_path(split)
    try:
        handle = open(path, "rb")  # noqa: SIM115
    except FileNotFoundError:
        raise AnnotatorError(
            f"{folder} has no {jsonl_path(split)}: dataset diff reads the native JSONL files"
            " (build with --format jsonl)"
        ) from None
    with handle:
        offset = 0
        for line in handle:
            if line.strip():
                yield offset, line
            offset += len(line)


def _article(line: bytes, path: str) -> dict[str, Any]:
    try:
        found = orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        raise AnnotatorError(f"{path}: a line is not valid JSON ({exc})") from None
    if not isinstance(found, dict) or not isinstance(found.get("id"), str):
        raise AnnotatorError(f"{path}: a line is not an article of native JSONL")
    return found


def _labels(article: dict[str, Any]) -> dict[tuple[str, str], Any]:
    """(kind, id) -> the label's JSON, over every annotation entry of an article."""
    found: dict[tuple[str, str], Any] = {}
    for entry in article.get("annotations") or []:
        for key, kind in LABEL_KINDS:
            for label in entry.get(key) or []:
                found[(kind, str(label.get("id")))] = label
    return found


def _entry_fields(article: dict[str, Any]) -> dict[str, Any]:
    """What an article holds besides its labels: its fields and its entries' annotator, status ..."""
    found = {k: v for k, v in article.items() if k != "annotations"}
    entries = article.get("annotations") or []
    skip = {key for key, _ in LABEL_KINDS}
    if len(entries) == 1:  # a dataset holds one entry an article: its fields by name
        found |= {k: v for k, v in entries[0].items() if k not in skip}
    else:
        for entry in entries:
            name = entry.get("annotator")
            found |= {f"{name}.{k}": v for k, v in entry.items() if k not in skip}
    return found


def _compare(old: dict[str, Any], new: dict[str, Any]) -> tuple[list[str], list[LabelChange]]:
    fields = list(_differing(_entry_fields(old), _entry_fields(new)))
    before, after = _labels(old), _labels(new)
    changes = []
    for (kind, label_id), label in after.items():
        was = before.get((kind, label_id))
        if was is None:
            changes.append(LabelChange(kind, label_id, "added"))
        elif was != label:
            changes.append(LabelChange(kind, label_id, "changed", list(_differing(was, label))))
    changes += [
        LabelChange(kind, label_id, "removed")
        for (kind, label_id) in before
        if (kind, label_id) not in after
    ]
    return fields, changes


def _summary(folder: Path) -> dict[str, Any]:
    manifest = read_manifest(folder)
    if "jsonl" not in (manifest.get("options") or {}).get("formats", ["jsonl"]):
        raise AnnotatorError(
            f"{folder} was built without native JSONL, which dataset diff reads"
            " (build with --format jsonl)"
        )
    return {
        "folder": str(folder),
        "articles": sum((manifest.get("splits") or {}).values()),
        "project": manifest.get("project", {}),
        "options": manifest.get("options", {}),
    }


def diff_datasets(old: Path | str, new: Path | str) -> DatasetDiff:
    """The changes from the dataset in ``old`` to the one in ``new`` (see the module doc).

    Raises:
        AnnotatorError: a folder is not a dataset, was built without native
            JSONL, or holds a line that is not an article.
    """
    old, new = Path(old), Path(new)
    old_summary, new_summary = _summary(old), _summary(new)
    articles = {s: dict.fromkeys(ARTICLE_COUNTS, 0) for s in SPLITS}
    labels = {s: dict.fromkeys(LABEL_COUNTS, 0) for s in SPLITS}
    index: dict[str, tuple[int, int, bytes]] = {}
    for number, split in enumerate(SPLITS):
        for offset, line in _lines(old, split):
            article_id = _article(line, jsonl_path(split))["id"]
            index[article_id] = (number, offset, hashlib.blake2b(line, digest_size=16).digest())
    changes: list[ArticleChange] = []
    handles = {s: open(old / jsonl_path(s), "rb") for s in SPLITS}  # noqa: SIM115
    try:
        for split in SPLITS:
            for _, line in _lines(new, split):
                article = _article(line, jsonl_path(split))
                found = index.pop(article["id"], None)
                if found is None:
                    articles[split]["added"] += 1
                    added = [LabelChange(k, i, "added") for (k, i) in _labels(article)]
                    labels[split]["added"] += len(added)
                    changes.append(ArticleChange(article["id"], "added", split, labels=added))
                    continue
                number, offset, digest = found
                old_split = SPLITS[number]
                moved = old_split != split
                if moved:
                    articles[split]["moved_in"] += 1
                    articles[old_split]["moved_out"] += 1
                if hashlib.blake2b(line, digest_size=16).digest() == digest:
                    if moved:
                        changes.append(ArticleChange(article["id"], "moved", split, old_split))
                    else:
                        articles[split]["unchanged"] += 1
                    continue
                handles[old_split].seek(offset)
                before = _article(handles[old_split].readline(), jsonl_path(old_split))
                fields, label_changes = _compare(before, article)
                if not moved:
                    articles[split]["changed" if fields or label_changes else "unchanged"] += 1
                for change in label_changes:
                    labels[split][change.change] += 1
                if moved or fields or label_changes:
                    changes.append(
                        ArticleChange(
                            article["id"],
                            "moved" if moved else "changed",
                            split,
                            old_split if moved else None,
                            fields,
                            label_changes,
                        )
                    )
        for article_id, (number, offset, _) in index.items():
            split = SPLITS[number]
            handles[split].seek(offset)
            removed = [
                LabelChange(k, i, "removed")
                for (k, i) in _labels(_article(handles[split].readline(), jsonl_path(split)))
            ]
            articles[split]["removed"] += 1
            labels[split]["removed"] += len(removed)
            changes.append(ArticleChange(article_id, "removed", split, labels=removed))
    finally:
        for handle in handles.values():
            handle.close()
    return DatasetDiff(old_summary, new_summary, articles, labels, changes)


def options_from_manifest(options: dict[str, Any]) -> BuildOptions:
    """The `BuildOptions` a manifest's ``options`` record (`BuildOptions.to_json` read back).

    Raises:
        AnnotatorError: the options are not those of a build.
    """
    try:
        split = options["split"]
        return BuildOptions(
            split=(int(split["train"]), int(split["dev"]), int(split["test"])),
            seed=int(options["seed"]),
            near_duplicate=float(options["near_duplicate"]),
            shingle_words=int(options["shingle_words"]),
            annotator=options.get("annotator"),
            fallback=options.get("fallback"),
            include_unfinished=bool(options.get("include_unfinished")),
            formats=tuple(options.get("formats") or ("jsonl",)),
            alignment_mode=str(options.get("alignment_mode", "expand")),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise AnnotatorError(f"the manifest's build options are not readable ({exc})") from None


def diff_project(
    old: Path | str,
    project: Project,
    options: BuildOptions | None = None,
    progress: Progress | None = None,
) -> DatasetDiff:
    """The changes from the dataset in ``old`` to what ``project`` would build now.

    The project is built (native JSONL only) into a temporary folder, removed
    afterwards, with ``options``, by default the options the old dataset
    was built with (read from its manifest, formats aside).

    Raises:
        AnnotatorError: as `diff_datasets` and `build_dataset` do.
    """
    old = Path(old)
    if options is None:
        options = options_from_manifest(read_manifest(old).get("options") or {})
    formats = list(options.formats)
    options = dataclasses.replace(options, formats=("jsonl",))
    with tempfile.TemporaryDirectory(prefix="annotator-dataset-diff-") as scratch:
        built = Path(scratch) / "dataset"
        build_dataset(project, built, options, progress=progress)
        found = diff_datasets(old, built)
    found.new["folder"] = f"{project.path} (now)"
    found.new["options"] = {**found.new["options"], "formats": formats}  # as asked, not as built
    return found
