"""Export native JSONL: deterministic order and key order, so exports diff cleanly.

Articles come in import order; annotation entries by annotator; labels by
(start, end, id); actors by name. Output is UTF-8 without a BOM, one article
a line, ``\\n`` line ends.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

import orjson

from annotator.core.errors import ValidationError
from annotator.core.model import CLAIM_ACTOR_FIELDS, STATUSES, ArticleLabels
from annotator.io.native import article_json
from annotator.store.project import Project
from annotator.store.queries import ArticleFilter


@dataclass(frozen=True, slots=True)
class ExportFilter:
    """Which articles and annotation entries to export.

    ``annotator`` keeps only that annotator's entries. ``status`` keeps only
    entries with that status, and only articles with at least one such entry
    (an annotator with no entry on an article counts as "todo" there).
    ``story`` keeps only that story's articles.
    """

    annotator: str | None = None
    status: str | None = None
    story: str | None = None

    def __post_init__(self) -> None:
        if self.status is not None and self.status not in STATUSES:
            raise ValidationError(f"status {self.status!r} is not one of {', '.join(STATUSES)}")


def _keep(
    entries: dict[str, ArticleLabels], article_id: str, where: ExportFilter
) -> list[ArticleLabels] | None:
    chosen = list(entries.values())
    if where.status is None:
        return chosen
    if where.annotator is not None and not chosen and where.status == "todo":
        return []
    kept = [e for e in chosen if e.status.status == where.status]
    return kept or None


def _only_links_to(entry: ArticleLabels, claims: set[str]) -> ArticleLabels:
    links = {c: tuple(o for o in others if o in claims) for c, others in entry.links.items()}
    return dataclasses.replace(entry, links={c: o for c, o in links.items() if o})


def export_jsonl(
    project: Project,
    out: BinaryIO,
    where: ExportFilter = ExportFilter(),
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write the project's articles as native JSONL to ``out``; return how many were written."""
    total = project.article_count()
    if where.story is not None:
        # Progress must reach its total with one story too; with no status in the
        # filter, which annotator is asked does not change the count.
        total = project.count_articles("", ArticleFilter(story=where.story))
    # A filtered export keeps only links to claims it writes too, so it imports on its own.
    filtered = where.annotator is not None or where.status is not None or where.story is not None
    exported = project.claim_ids(where.annotator, where.status, where.story) if filtered else None
    seen = written = 0
    for batch in project.iter_articles(story=where.story):
        labels = project.labels_for([a.id for a in batch], where.annotator)
        referenced: set[str] = set()
        for per_annotator in labels.values():
            for entry in per_annotator.values():
                referenced.update(m.actor for m in entry.mentions if m.actor)
                for claim in entry.claims:
                    referenced.update(
                        getattr(claim, f) for f in CLAIM_ACTOR_FIELDS if getattr(claim, f)
                    )
        actors = project.actors_by_id(referenced)
        lines = []
        for article in batch:
            kept = _keep(labels.get(article.id, {}), article.id, where)
            if kept is None:
                continue
            if exported is not None:
                kept = [_only_links_to(entry, exported) for entry in kept]
            lines.append(orjson.dumps(article_json(article, kept, actors)))
        if lines:
            out.write(b"\n".join(lines) + b"\n")
            written += len(lines)
        seen += len(batch)
        if progress:
            progress(seen, total)
    return written
