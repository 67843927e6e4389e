"""CSV export: one row per claim with every field flattened, for spreadsheets, R and pandas.

Rows follow `iter_export` (articles in import order, entries by annotator),
then claims by (start, end, id). Offsets count Unicode code points of the
article text, like native JSONL. Actor columns hold the actor id, with the
name in the next column; links are claim ids joined with ``|``; a value not
chosen is an empty cell. A claim in segments (`annotator.core.segments`) has
its hull in ``start``/``end``/``text`` and its pieces in ``segments`` as
``start-end`` joined with ``|`` (``16-29|52-75``); empty for a claim in one
piece. Each extra per-claim field of the schema gets a column
of its own name (``extra_NAME`` if that name is already a column).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import orjson

from annotator.core.model import Actor, Article, ArticleLabels, Claim
from annotator.io.export import ExportFilter, iter_export, replaced
from annotator.store.project import Project

COLUMNS = (
    "article_id", "story", "source", "annotator", "status", "claim_id", "start", "end", "text",
    "claimant", "claimant_name", "addressee", "addressee_name", "target", "target_name",
    "stance", "category", "certainty", "checkworthy", "attribution_type", "source_mention",
    "source_text", "source_kind", "cue_start", "cue_end", "cue_text", "links", "note",
    "segments",
)  # fmt: skip
"""The fixed columns, in order; the schema's extra fields follow."""


def extra_columns(project: Project) -> list[tuple[str, str]]:
    """(column, extra field name) for each extra field of the project's schema."""
    return [
        (f"extra_{f.name}" if f.name in COLUMNS else f.name, f.name)
        for f in project.schema.extra_fields()
    ]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return orjson.dumps(value).decode()


def _row(
    article: Article, entry: ArticleLabels, claim: Claim, actors: dict[str, Actor]
) -> list[Any]:
    def name(actor_id: str | None) -> str | None:
        actor = actors.get(actor_id) if actor_id else None
        return actor.name if actor else None

    attribution = claim.attribution
    cue = attribution.cue
    return [
        article.id, article.story, article.source, entry.annotator, entry.status.status,
        claim.id, claim.start, claim.end, article.text[claim.start : claim.end],
        claim.claimant, name(claim.claimant), claim.addressee, name(claim.addressee),
        claim.target, name(claim.target), claim.stance, claim.category, claim.certainty,
        claim.checkworthy, attribution.attribution_type, attribution.source_mention,
        attribution.source_text, attribution.source_kind,
        cue.start if cue else None, cue.end if cue else None,
        article.text[cue.start : cue.end] if cue else None,
        "|".join(entry.links.get(claim.id, ())), claim.note,
        "|".join(f"{s.start}-{s.end}" for s in claim.segments),
    ]  # fmt: skip


def export_csv(
    project: Project,
    out: TextIO,
    where: ExportFilter | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write one CSV row per exported claim to ``out`` (opened with ``newline=""``).

    Returns the number of articles written (articles without claims write no row).
    """
    extras = extra_columns(project)
    writer = csv.writer(out)
    writer.writerow([*COLUMNS, *(column for column, _ in extras)])
    written = 0
    for items in iter_export(project, where or ExportFilter(), progress):
        for item in items:
            written += 1
            for entry in item.entries:
                for claim in sorted(entry.claims, key=lambda c: (c.start, c.end, c.id)):
                    row = _row(item.article, entry, claim, item.actors)
                    row += [claim.extra.get(name) for _, name in extras]
                    writer.writerow([_cell(v) for v in row])
    return written


def write_csv(
    project: Project,
    target: Path,
    where: ExportFilter,
    progress: Callable[[int, int], None] | None,
) -> int:
    """`export_csv` to ``target`` (UTF-8, no BOM), renamed into place when complete."""
    with replaced(target) as partial, open(partial, "w", encoding="utf-8", newline="") as out:
        return export_csv(project, out, where, progress)
