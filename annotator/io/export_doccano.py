"""Export to doccano JSONL for sequence labelling with relations (entities + relations).

One article a line::

    {"id": "a1", "text": "...", "annotator": "ana",
     "entities": [{"id": 0, "start_offset": 0, "end_offset": 7, "label": "state"}, ...],
     "relations": [{"id": 0, "from_id": 0, "to_id": 1, "type": "Source"}],
     "claims": [{"start_offset": 10, "end_offset": 80, "label": "Claim",
                 "stance": "oppose", ...}]}

Entities are mentions (label: the actor's type, or ``Mention``), claims
(``Claim``) and attribution cues (``Cue``); relations are ``Source`` (source
mention -> claim) and ``Cue`` (cue -> claim). A claim in segments
(`annotator.core.segments`) is one ``Claim`` entity per segment: the first
is the claim (its relations and ``claims`` entry name it), and a ``Segment``
relation ties it to each further one (first -> further); the import joins
them again. Entity ids are whole numbers,
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
so the doccano project needs "Allow overlapping spans" on: without it doccano
1.8.4's import drops each span that overlaps an earlier one and then fails on
the relations that point at a dropped span. ``id``, ``annotator`` and
``claims`` are extra keys doccano keeps as metadata and exports unchanged.

Each entry of ``claims`` (a claim's fields) names its claim entity by the
entity's ``start_offset``, ``end_offset`` and ``label``, never by its ``id``:
doccano stores each entity under a new database key and exports that key as
``id`` (and in ``from_id``/``to_id``), so entity ids do not survive a trip
through doccano, but offsets and labels do. Claims on the same words are
listed in the order of their entities, which doccano keeps as the order of its
keys.

The file is UTF-8 without a byte order mark. In doccano's import dialog keep
the encoding ``utf_8`` (the dialog's default in 1.8.4), not ``Auto`` (also what
its import API uses when a script names no encoding): ``Auto`` asks chardet 4,
which judges a file under 8 KB as a whole and may take BOM-less UTF-8 for a
single-byte code page (Windows-1254 was seen), garbling every non-ASCII
character. A BOM would make ``Auto`` right (chardet reports ``UTF-8-SIG``) but
``utf_8`` wrong: doccano then keeps the BOM in front of the first line, whose
JSON no longer parses, so it skips that article with an error.

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
from annotator.io.label_map import SEGMENT
from annotator.store.project import Project

CLAIM_PLACE = ("start_offset", "end_offset", "label")
"""The keys that tie an entry of ``claims`` to its claim entity: what doccano keeps of a span."""

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
            first, *more = claim.content
            place = entities[entity(claim.id, *first, CLAIM)]
            claims.append({key: place[key] for key in CLAIM_PLACE} | claim_fields(claim, actors))
            for n, segment in enumerate(more, 2):
                relation(ids[claim.id], entity(f"segment{n}:{claim.id}", *segment, CLAIM), SEGMENT)
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
