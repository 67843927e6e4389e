"""Read Prodigy JSONL (spans and relations, ``rel.manual`` style) as records in the native shape.

The file is streamed line by line, one example a line::

    {"text": "...", "meta": {"id": "a1", "annotator": "ana", "title": ..., "story": ...,
                             "claims": [{"span": 1, "stance": "oppose", ...}]},
     "spans": [{"start": 3, "end": 10, "label": "state"}, ...],
     "relations": [{"head_span": {"start": 3, "end": 10, "label": "state"},
                    "child_span": {...}, "label": "SOURCE"}],
     "answer": "accept"}

- The article id is ``meta.id`` (else the line number), the annotator
  ``meta.annotator`` (else the default given: ``--annotator``, default
  ``prodigy``); ``meta.title``, ``source``, ``url``, ``published``, ``language``
  and ``story`` are article fields, other ``meta`` keys go into the article's
  ``meta``. Prodigy's own keys (``tokens``, ``_input_hash``, ``_view_id``, ...)
  are ignored.
- Span labels go through the `LabelMap` ``[labels]``, relation labels through
  ``[relations]``; a relation's ``head_span`` and ``child_span`` are matched to
  ``spans`` by ``start``/``end`` (and ``label`` when several spans share them,
  then ``id``, which our export writes on each span, when several share the label
  too: two claims on the same words).
  `prodigy_label_map` adds ``SOURCE``, ``CUE``, ``SEGMENT`` (a claim's
  further segment) and ``CLAIMANT`` (ignored: the claimant is an actor, which
  an import does not recover) (what our export writes) to the default mapping.
- ``meta.claims`` (our export: ``span`` index, ``stance``, ``category``,
  ``certainty``, ``checkworthy``, ``attribution_type``, ``source_kind``,
  ``note``) set those claim fields; an entry whose ``span`` is no claim span is
  a warning of the line (the fields are not imported).
- An example whose ``answer`` is ``reject`` or ``ignore`` is imported without
  labels (no annotation entry).

Offsets are Unicode code points. The records go through `doccano_record`
(label ids ``<article>:<annotator>:<kind><span index>``), then the native import path.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.schema import LabelSchema
from annotator.io.export_prodigy import (
    CLAIMANT_RELATION,
    CUE_RELATION,
    SEGMENT_RELATION,
    SOURCE_RELATION,
)
from annotator.io.import_doccano import doccano_record
from annotator.io.label_map import LabelMap, default_label_map
from annotator.io.native import ARTICLE_KEYS
from annotator.io.readers import Record, converted_jsonl

DEFAULT_ANNOTATOR = "prodigy"
_META_OWN = {"id", "annotator", "claims"}


def prodigy_label_map(schema: LabelSchema) -> LabelMap:
    """The default mapping plus the relation labels of our Prodigy export."""
    default = default_label_map(schema)
    relations = {
        **default.relations,
        SOURCE_RELATION: "source",
        CUE_RELATION: "cue",
        CLAIMANT_RELATION: "ignore",  # the claimant is an actor: meta.claims names it
        SEGMENT_RELATION: "segment",
    }
    return LabelMap(default.labels, relations)


def read_prodigy(
    path: Path, label_map: LabelMap, annotator: str = DEFAULT_ANNOTATOR
) -> Iterator[Record]:
    """Native-shaped records of a Prodigy JSONL file (or an `InputError` per bad line)."""
    return converted_jsonl(
        path, lambda value, n, notes: prodigy_record(value, n, label_map, annotator, notes)
    )


def _find(spans: list[Any], end_span: Any, what: str) -> int:
    if not isinstance(end_span, dict):
        raise ValidationError(f"relation {what} must be a span object")
    hits = [
        i
        for i, s in enumerate(spans)
        if s.get("start") == end_span.get("start") and s.get("end") == end_span.get("end")
    ]
    if len(hits) > 1:
        hits = [i for i in hits if spans[i].get("label") == end_span.get("label")]
    if len(hits) > 1 and "id" in end_span:  # our export: the span's id tells same words apart
        hits = [i for i in hits if spans[i].get("id") == end_span["id"]]
    if len(hits) != 1:
        raise ValidationError(
            f"relation {what} {end_span.get('start')}..{end_span.get('end')}"
            f" matches {len(hits)} spans"
        )
    return hits[0]


def prodigy_record(
    obj: Any,
    number: int,
    label_map: LabelMap,
    default_annotator: str = DEFAULT_ANNOTATOR,
    warnings: list[str] | None = None,
) -> dict[str, Any]:
    """The native record of one decoded Prodigy line (its warnings appended to ``warnings``).

    Raises:
        ValidationError: the line cannot be read as Prodigy.
    """
    if not isinstance(obj, dict):
        raise ValidationError(f"expected a JSON object, got {type(obj).__name__}")
    meta = obj.get("meta") or {}
    if not isinstance(meta, dict):
        raise ValidationError('"meta" must be an object')
    labelled = obj.get("answer", "accept") == "accept"
    spans = obj.get("spans") or [] if labelled else []
    relations = obj.get("relations") or [] if labelled else []
    if not isinstance(spans, list) or not all(isinstance(s, dict) for s in spans):
        raise ValidationError('"spans" must be a list of objects')
    if not isinstance(relations, list) or not all(isinstance(r, dict) for r in relations):
        raise ValidationError('"relations" must be a list of objects')
    entities = [
        {
            "id": index,
            "start_offset": s.get("start"),
            "end_offset": s.get("end"),
            "label": s.get("label"),
        }
        for index, s in enumerate(spans)
    ]
    shaped_relations = [
        {
            "id": index,
            "from_id": _find(spans, rel.get("head_span"), "head_span"),
            "to_id": _find(spans, rel.get("child_span"), "child_span"),
            "type": rel.get("label"),
        }
        for index, rel in enumerate(relations)
    ]
    claims = (meta.get("claims") if labelled else None) or []
    if not isinstance(claims, list):
        raise ValidationError('"meta.claims" must be a list of objects')
    notes = [] if warnings is None else warnings
    fields = []
    for place, claim in enumerate(claims, 1):
        what = f"meta.claims entry {place}"
        if not isinstance(claim, dict):
            raise ValidationError(f"{what} must be an object, got {type(claim).__name__}")
        index = claim.get("span")
        if type(index) is not int:
            raise ValidationError(
                f"{what}: span must be the index of a span (a whole number), got {index!r}"
            )
        label = spans[index].get("label") if 0 <= index < len(spans) else None
        if isinstance(label, str) and label_map.labels.get(label) == "claim":
            fields.append({**claim, "entity": index})
        else:
            notes.append(f"{what} (span {index}) is no claim span; its fields are not imported")
    article_id = meta.get("id")
    shaped = {
        "id": number if article_id is None else article_id,
        "text": obj.get("text"),
        "annotator": meta.get("annotator") or default_annotator,
        "entities": entities,
        "relations": shaped_relations,
        "claims": fields,
    }
    record = doccano_record(shaped, number, label_map, default_annotator, warnings=notes)
    extra = {k: v for k, v in meta.items() if k not in _META_OWN}
    article = {k: v for k, v in extra.items() if k in ARTICLE_KEYS}
    rest = {k: v for k, v in extra.items() if k not in ARTICLE_KEYS}
    if not labelled:
        record["annotations"] = []
    return {**record, **article, "meta": rest}
