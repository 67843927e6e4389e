"""Export to doccano JSONL for sequence labelling with relations (entities + relations).

One article a line::

    {"id": "a1", "text": "...", "annotator": "ana",
     "entities": [{"id": 0, "start_offset": 0, "end_offset": 7, "label": "state"}, ...],
     "relations": [{"id": 0, "from_id": 0, "to_id": 1, "type": "Source"}],
     "claims": [{"entity": 1, "stance": "oppose", ...}]}

Entities are mentions (label: the actor's type, or ``Mention``), claims
(``Claim``) and attribution cues (``Cue``); relations are ``Source`` (source
mention -> claim) and ``Cue`` (cue -> claim). Entity ids are whole numbers,
unique within a line, that the relations refer to. Offsets are
``start_offset``/``end_offset``, end exclusive, counted by default in UTF-16
code units, as doccano's annotation page counts them: doccano (1.8, with
v-annotator) takes offsets from the browser's text selection and JavaScript
string indexes, and its Python backend stores and exports those numbers
unchanged, so an emoji before a span counts two. ``offsets="codepoints"``
writes Unicode code points instead (Python's ``text[start:end]``), for
scripts that read the file themselves. doccano's "count grapheme clusters as
one character" project option uses a third count that we do not write.
Mentions and cues lie inside claims,
so the doccano project needs "Allow overlapping spans" on. ``id``,
``annotator`` and ``claims`` (each claim's fields, keyed by its entity id) are
extra keys doccano keeps as metadata.

doccano holds one annotator's labels per text: an article with entries by
several annotators is refused (choose with ``--annotator`` or ``--gold``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from annotator.core.errors import AnnotatorError
from annotator.core.model import Actor, Article, ArticleLabels
from annotator.core.spans import Utf16Map
from annotator.io.export import ExportFilter, replaced, write_lines
from annotator.io.export_brat import CLAIM, CUE, mention_type
from annotator.io.export_one import claim_fields, one_entry
from annotator.store.project import Project

OFFSETS = ("utf16", "codepoints")
"""How offsets count characters: UTF-16 code units (doccano's own) or code points."""


def check_offsets(offsets: str) -> None:
    """Refuse an offset unit other than those of `OFFSETS`.

    Raises:
        AnnotatorError: an unknown unit.
    """
    if offsets not in OFFSETS:
        raise AnnotatorError(f"unknown offset unit {offsets!r}; use one of {', '.join(OFFSETS)}")


def doccano_line(
    article: Article,
    entry: ArticleLabels | None,
    actors: dict[str, Actor],
    offsets: str = "utf16",
) -> dict[str, Any]:
    """The doccano object for one article and its (only) annotation entry."""
    units = Utf16Map(article.text) if offsets == "utf16" else None
    if units is not None and units.is_identity:
        units = None
    entities: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    ids: dict[str, int] = {}

    def entity(key: str, start: int, end: int, label: str) -> int:
        ids[key] = len(entities)
        if units is not None:
            start, end = units.to_utf16(start), units.to_utf16(end)
        entities.append({"id": ids[key], "start_offset": start, "end_offset": end, "label": label})
        return ids[key]

    def relation(from_id: int, to_id: int, kind: str) -> None:
        relations.append({"id": len(relations), "from_id": from_id, "to_id": to_id, "type": kind})

    if entry is not None:
        for mention in sorted(entry.mentions, key=lambda m: (m.start, m.end, m.id)):
            actor = actors.get(mention.actor) if mention.actor else None
            entity(mention.id, mention.start, mention.end, mention_type(actor))
        ordered = sorted(entry.claims, key=lambda c: (c.start, c.end, c.id))
        for claim in ordered:
            claim_id = entity(claim.id, claim.start, claim.end, CLAIM)
            claims.append({"entity": claim_id, **claim_fields(claim, actors)})
        for claim in ordered:
            cue = claim.attribution.cue
            if cue is not None:
                relation(entity(f"cue:{claim.id}", *cue, CUE), ids[claim.id], "Cue")
            source = claim.attribution.source_mention
            if source is not None and source in ids:
                relation(ids[source], ids[claim.id], "Source")
    return {
        "id": article.id,
        "text": article.text,
        "annotator": entry.annotator if entry is not None else None,
        "entities": entities,
        "relations": relations,
        "claims": claims,
    }


def export_doccano(
    project: Project,
    out: BinaryIO,
    where: ExportFilter | None = None,
    progress: Callable[[int, int], None] | None = None,
    offsets: str = "utf16",
) -> int:
    """Write doccano JSONL to ``out``; return how many articles were written.

    ``offsets``: ``utf16`` (doccano's count, the default) or ``codepoints``.

    Raises:
        AnnotatorError: an article has labels by several annotators, or an unknown offset unit.
    """
    check_offsets(offsets)
    return write_lines(
        project,
        out,
        lambda i: doccano_line(i.article, one_entry(i, "doccano"), i.actors, offsets),
        where,
        progress,
    )


def write_doccano(
    project: Project,
    target: Path,
    where: ExportFilter,
    progress: Callable[[int, int], None] | None = None,
    offsets: str = "utf16",
) -> int:
    """Write doccano JSONL to the file ``target`` (via a ``.partial`` file renamed into place)."""
    check_offsets(offsets)
    with replaced(target) as partial, open(partial, "wb") as out:
        return export_doccano(project, out, where, progress, offsets)
