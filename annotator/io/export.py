"""Export native JSONL: deterministic order and key order, so exports diff cleanly.

Articles come in import order; annotation entries by annotator; labels by
(start, end, id); actors by name. Output is UTF-8 without a BOM, one article
a line, ``\\n`` line ends.
"""

from __future__ import annotations

import dataclasses
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from annotator.core.errors import AnnotatorError, ValidationError
from annotator.core.model import GOLD, STATUSES, Actor, Article, ArticleLabels
from annotator.io.native import article_line
from annotator.io.targets import scratch_path
from annotator.store.label_queries import LabelRows
from annotator.store.project import Project
from annotator.store.queries import ArticleFilter


@dataclass(frozen=True, slots=True)
class ExportFilter:
    """Which articles and annotation entries to export.

    ``annotator`` keeps only that annotator's entries. ``status`` keeps only
    entries with that status, and only articles with at least one such entry
    (an annotator with no entry on an article counts as "todo" there).
    ``story`` keeps only that story's articles.

    ``gold`` exports the adjudicated articles (the `GOLD` annotator marked them
    done) with their gold labels only; with ``fallback="single"`` it adds the
    articles that exactly one annotator labelled, with that annotator's labels.
    """

    annotator: str | None = None
    status: str | None = None
    story: str | None = None
    gold: bool = False
    fallback: str | None = None

    def __post_init__(self) -> None:
        if self.status is not None and self.status not in STATUSES:
            raise ValidationError(f"status {self.status!r} is not one of {', '.join(STATUSES)}")
        if self.fallback not in (None, "single"):
            raise ValidationError(f"fallback {self.fallback!r} is not known (use: single)")
        if self.fallback is not None and not self.gold:
            raise ValidationError("a fallback goes with a gold export")
        if self.gold and (self.annotator is not None or self.status is not None):
            raise ValidationError("a gold export takes no annotator or status filter")

    @property
    def narrows(self) -> bool:
        """True if some labels of the project are left out of the export."""
        return self.gold or any(v is not None for v in (self.annotator, self.status, self.story))


def _gold(entries: dict[str, LabelRows], where: ExportFilter) -> list[LabelRows] | None:
    gold = entries.get(GOLD)
    if gold is not None and gold.status == "done":
        return [gold]
    if where.fallback == "single":
        others = [e for name, e in entries.items() if name != GOLD and e.labelled]
        if len(others) == 1:
            return others
    return None


def _keep(entries: dict[str, LabelRows], where: ExportFilter) -> list[LabelRows] | None:
    """The entries of one article to export, or None to leave the article out."""
    if where.gold:
        return _gold(entries, where)
    chosen = list(entries.values())
    if where.status is None:
        return chosen
    if where.annotator is not None and not chosen and where.status == "todo":
        return []
    kept = [e for e in chosen if e.status == where.status]
    return kept or None


def _only_links_to(entry: LabelRows, claims: set[str]) -> LabelRows:
    if not entry.links:
        return entry
    links = {c: tuple(o for o in others if o in claims) for c, others in entry.links.items()}
    return dataclasses.replace(entry, links={c: o for c, o in links.items() if o} or None)


def _exported_claims(project: Project, where: ExportFilter) -> set[str]:
    """Ids of the claims the export writes (a first pass for a gold export)."""
    if not where.gold:
        return project.claim_ids(where.annotator, where.status, where.story)
    claims: set[str] = set()
    for batch in project.iter_articles(story=where.story):
        labels = project.label_rows_for([a.id for a in batch])
        for article in batch:
            for entry in _gold(labels.get(article.id, {}), where) or []:
                claims.update(c[0] for c in entry.claims)
    return claims


@dataclass(slots=True)
class ExportItem:
    """One article to export, with the annotation entries kept and the actors they use.

    ``rows`` are the entries as the project's rows hold them (what native JSONL
    is written from); ``entries`` the same as `ArticleLabels`, made when first asked for.
    """

    article: Article
    rows: list[LabelRows]
    actors: dict[str, Actor]
    _entries: list[ArticleLabels] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @property
    def entries(self) -> list[ArticleLabels]:
        """The annotation entries kept, as dataclasses."""
        if self._entries is None:
            self._entries = [rows.labels() for rows in self.rows]
        return self._entries


def iter_export(
    project: Project,
    where: ExportFilter = ExportFilter(),
    progress: Callable[[int, int], None] | None = None,
    prune_links: bool = True,
) -> Iterator[list[ExportItem]]:
    """The articles an export writes, a batch at a time, in import order.

    Every format uses this, so filters, gold choice and link pruning are the
    same whatever is written: entries are chosen by ``where``, and a narrowed
    export keeps only links to claims it writes too, so it imports on its own.
    That takes a first pass over the project (the ids of every claim written);
    ``prune_links=False`` leaves it to the caller (a dataset build prunes
    links to its own splits) and keeps every link.
    """
    total = project.article_count()
    if where.story is not None:
        # Progress must reach its total with one story too; with no status in the
        # filter, which annotator is asked does not change the count.
        total = project.count_articles("", ArticleFilter(story=where.story))
    exported = _exported_claims(project, where) if where.narrows and prune_links else None
    seen = 0
    for batch in project.iter_articles(story=where.story):
        labels = project.label_rows_for([a.id for a in batch], where.annotator)
        referenced: set[str] = set()
        for per_annotator in labels.values():
            for entry in per_annotator.values():
                referenced |= entry.actor_ids()
        actors = project.actors_by_id(referenced)
        items = []
        for article in batch:
            kept = _keep(labels.get(article.id, {}), where)
            if kept is None:
                continue
            if exported is not None:
                kept = [_only_links_to(entry, exported) for entry in kept]
            items.append(ExportItem(article, kept, actors))
        seen += len(batch)
        if items:
            yield items
        if progress:
            progress(seen, total)


_SYSTEM_FOLDERS = (Path("/dev"), Path("/proc"))
"""``/dev/stdout`` may lead to a regular file (``> out`` in the shell): written into, too."""


def is_stream(target: Path) -> bool:
    """True if ``target`` is to be written into, not replaced: a pipe, a device, ``/dev/...``."""
    try:
        mode = os.stat(target).st_mode
    except (OSError, ValueError):
        return False  # nothing there yet (or unreadable: writing it says why)
    if stat.S_ISDIR(mode):
        return False
    if not stat.S_ISREG(mode):
        return True
    return any(target.absolute().is_relative_to(folder) for folder in _SYSTEM_FOLDERS)


@contextmanager
def replaced(target: Path, unstreamable: str | None = None) -> Iterator[Path]:
    """A path to write instead of ``target``, renamed onto it only if writing succeeds.

    A failed export leaves neither a half-written file nor the scratch file.
    A symbolic link stays: the file it leads to is replaced. A target that is
    not a regular file (a named pipe, ``/dev/stdout``, a device) is never
    replaced: it is yielded itself, to be written into as a stream (a failed
    export may then have written part of it).

    Args:
        target: the file to write.
        unstreamable: why the format cannot be written into a pipe or device
            (it seeks, or writes more than one file); such a target is refused.

    Raises:
        AnnotatorError: ``target`` is a folder, or a pipe or device and ``unstreamable`` is set.
    """
    if target.is_dir():
        raise AnnotatorError(f"{target} is a folder; name a file to export to")
    if is_stream(target):
        if unstreamable is not None:
            raise AnnotatorError(
                f"{target} is not a regular file (a named pipe or a device), and {unstreamable};"
                " export to a file"
            )
        yield target
        return
    real = Path(os.path.realpath(target)) if target.is_symlink() else target
    partial = scratch_path(real)
    try:
        yield partial
        partial.replace(real)
    finally:
        partial.unlink(missing_ok=True)


def write_lines(
    project: Project,
    out: BinaryIO,
    line: Callable[[ExportItem], dict[str, Any]],
    where: ExportFilter | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write one JSON object a line, made by ``line`` from each exported article; the count."""
    written = 0
    for items in iter_export(project, where or ExportFilter(), progress):
        lines = [orjson.dumps(line(item)) for item in items]
        out.write(b"\n".join(lines))
        out.write(b"\n")
        written += len(lines)
    return written


def export_jsonl(
    project: Project,
    out: BinaryIO,
    where: ExportFilter = ExportFilter(),
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write the project's articles as native JSONL to ``out``; return how many were written."""
    return write_lines(
        project,
        out,
        lambda i: article_line(i.article, i.rows, i.actors, project.schema),
        where,
        progress,
    )
