"""Read doccano JSONL as records in the native line shape.

Both doccano span styles are read:

- relation extraction: ``"entities": [{"id", "start_offset", "end_offset", "label"}]``
  with ``"relations": [{"from_id", "to_id", "type"}]``;
- sequence labelling: ``"label": [[start, end, "label"], ...]`` (no relations).

Offsets are end exclusive and counted, by default, in UTF-16 code units, as
doccano's annotation page counts them (see `export_doccano`);
``offsets="codepoints"`` reads files whose offsets count code points. An
offset inside a character (between the two units of an emoji) is an error.
Each span label
goes through the `LabelMap` to a claim, a mention (actor left empty), an
attribution cue or nothing (``ignore``); a label the map does not know is an
error of that line. A cue attaches to the claim a ``cue`` relation links it
to, else to the one claim it overlaps; a ``source`` relation makes a mention
the claim's cited source (its words become the source's ``source_text``). The
claim fields our own export keeps under ``claims`` (stance, category,
certainty, checkworthy, attribution type, source kind, note) are read back,
each entry matched to its claim entity by offsets and label (see
`export_doccano`; entries of older files, keyed by ``entity`` id, are read
too). ``claims`` that is not a list of objects is an error of the line; an
entry that matches no claim entity (its span changed in doccano) is a warning
of the line, and that claim is imported without the fields. The article id is ``id`` (else the line number),
the annotator ``annotator`` (else the default given). Label ids are
``<article>:<annotator>:<kind><entity id>``, so importing a file again updates
the same labels. Other keys of the line go into the article's ``meta``.

The records then go through the native import path: spans, vocabularies,
transactions, ``skip_invalid`` and messages are those of native JSONL.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.model import ATTRIBUTION_VOCAB_FIELDS
from annotator.core.spans import Utf16Map, utf16_length
from annotator.core.text import normalize_newlines
from annotator.io.export_brat import CLAIM
from annotator.io.export_doccano import check_offsets
from annotator.io.label_map import LabelMap
from annotator.io.readers import Record, converted_jsonl

DEFAULT_ANNOTATOR = "doccano"
_OWN_KEYS = {"id", "text", "annotator", "entities", "relations", "label", "claims"}
CLAIM_FIELDS = ("stance", "category", "certainty", "checkworthy", "note")
"""The claim fields a claim's entry takes from our ``claims`` key (attribution ones aside)."""
_CLAIM_FIELDS = CLAIM_FIELDS


@dataclass
class _Span:
    key: Any  # the entity id (or index, sequence labelling)
    start: int
    end: int
    label: str
    concept: str
    text: str | None = None
    pieces: list[list[int]] | None = None  # a claim's segments, when given (brat fragments)


def read_doccano(
    path: Path,
    label_map: LabelMap,
    annotator: str = DEFAULT_ANNOTATOR,
    offsets: str = "utf16",
) -> Iterator[Record]:
    """Native-shaped records of a doccano JSONL file (or an `InputError` per bad line).

    Raises:
        AnnotatorError: an unknown offset unit.
    """
    check_offsets(offsets)
    return converted_jsonl(
        path, lambda value, n, notes: doccano_record(value, n, label_map, annotator, offsets, notes)
    )


def _to_codepoints(spans: list[_Span], text: str) -> None:
    """Turn the spans' UTF-16 offsets into code points of ``text``, in place."""
    units = Utf16Map(text)
    if units.is_identity:
        return
    length = utf16_length(text)
    for span in spans:
        for name in ("start", "end"):
            setattr(span, name, _codepoint(units, length, text, span, name, getattr(span, name)))
        for piece in span.pieces or []:
            piece[:] = [_codepoint(units, length, text, span, "segment", u) for u in piece]


def _codepoint(units: Utf16Map, length: int, text: str, span: _Span, name: str, unit: int) -> int:
    """The code point offset of UTF-16 offset ``unit`` of an entity (out of range: as it is)."""
    if not 0 <= unit <= length:
        return unit  # out of range: the native checks say so
    cp = units.to_codepoint(unit)
    if units.to_utf16(cp) != unit:
        raise ValidationError(
            f"entity {span.key!r}: {name} {unit} falls inside a character"
            f" (between the two UTF-16 units of {text[cp]!r})"
        )
    return cp


def _int(value: Any, what: str) -> int:
    if type(value) is not int:
        raise ValidationError(f"{what} must be a whole number, got {value!r}")
    return value


def _spans(obj: dict[str, Any], label_map: LabelMap) -> list[_Span]:
    raw: list[tuple[Any, Any, Any, Any, Any, Any]] = []
    if "entities" in obj:
        entities = obj["entities"]
        if not isinstance(entities, list) or not all(isinstance(e, dict) for e in entities):
            raise ValidationError('"entities" must be a list of objects')
        for index, e in enumerate(entities):
            key = e.get("id", index)
            raw.append(
                (
                    key,
                    e.get("start_offset"),
                    e.get("end_offset"),
                    e.get("label"),
                    e.get("text"),
                    e.get("segments"),
                )
            )
    if "label" in obj:
        labels = obj["label"]
        if not isinstance(labels, list) or not all(
            isinstance(x, list) and len(x) == 3 for x in labels
        ):
            raise ValidationError('"label" must be a list of [start, end, "label"]')
        for index, (start, end, label) in enumerate(labels):
            raw.append((f"s{index}", start, end, label, None, None))
    spans: list[_Span] = []
    seen: set[Any] = set()
    for key, start, end, label, text, pieces in raw:
        what = f"entity {key!r}"
        if not isinstance(key, (int, str)) or isinstance(key, bool) or key in seen:
            raise ValidationError(f"{what}: entity ids must be unique numbers or strings")
        seen.add(key)
        if not isinstance(label, str):
            raise ValidationError(f"{what}: the label must be a string")
        concept = label_map.labels.get(label)
        if concept is None:
            known = ", ".join(sorted(label_map.labels))
            raise ValidationError(
                f"unknown label {label!r} (known: {known}); map it in a --map file under [labels]"
            )
        spans.append(
            _Span(
                key,
                _int(start, f"{what}: start"),
                _int(end, f"{what}: end"),
                label,
                concept,
                text,
                _pieces(pieces, what) if concept == "claim" else None,
            )
        )
    return spans


def _pieces(raw: Any, what: str) -> list[list[int]] | None:
    """An entity's ``segments`` (``[[start, end], ...]``), as brat's reader gives them."""
    if raw is None:
        return None
    if not isinstance(raw, list) or not all(isinstance(p, list) and len(p) == 2 for p in raw):
        raise ValidationError(f"{what}: segments must be a list of [start, end]")
    return [[_int(a, f"{what}: segment"), _int(b, f"{what}: segment")] for a, b in raw]


def _saved_fields(
    saved: Any, places: dict[Any, tuple[int, int, str]], warnings: list[str]
) -> dict[Any, dict[str, Any]]:
    """The entries of our ``claims`` key, by the key of the claim entity each belongs to.

    ``places`` gives each claim entity's offsets (as the file counts them) and
    label. An entry names its entity by the same three values, which doccano
    keeps (it renumbers entity ids); claims on the same words take their
    entries in the order of their entity ids, which doccano hands out in file
    order. An entry of an older file names the entity ``id`` instead. An entry
    that matches no claim entity (its span or label changed in doccano, or the
    claim deleted) is left out, with a warning appended to ``warnings``.

    Raises:
        ValidationError: ``claims`` is not a list of objects, or an entry's
            offsets or label are not of their type.
    """
    fields: dict[Any, dict[str, Any]] = {}
    if saved is None:
        return fields
    if not isinstance(saved, list):
        raise ValidationError(f'"claims" must be a list of objects, got {type(saved).__name__}')
    unclaimed: dict[tuple[int, int, str], list[Any]] = {}
    for key in sorted(places, key=lambda k: (isinstance(k, str), k)):
        unclaimed.setdefault(places[key], []).append(key)
    for number, item in enumerate(saved, 1):
        what = f"claims entry {number}"
        if not isinstance(item, dict):
            raise ValidationError(f"{what} must be an object, got {type(item).__name__}")
        if "start_offset" in item or "end_offset" in item:
            start = _int(item.get("start_offset"), f"{what}: start_offset")
            end = _int(item.get("end_offset"), f"{what}: end_offset")
            label = item.get("label", CLAIM)
            if not isinstance(label, str):
                raise ValidationError(f"{what}: the label must be a string")
            keys = unclaimed.get((start, end, label))
            named = f"start_offset {start}, end_offset {end}, label {label!r}"
            key = keys.pop(0) if keys else None
        else:
            entity = item.get("entity")
            named = f"entity {entity!r}"
            key = entity if _hashable(entity) and entity in places else None
        if key is None:
            warnings.append(
                f"{what} ({named}) matches no claim entity; its fields are not imported"
            )
        else:
            fields[key] = item
    return fields


def _segment_relation(
    rel: dict[str, Any], by_key: dict[Any, _Span], segment_of: dict[Any, Any]
) -> None:
    """Record a ``segment`` relation: ``from_id`` a claim's first segment, ``to_id`` one more.

    Raises:
        ValidationError: an end is not a claim, or a segment would belong to two claims.
    """
    if not all(_hashable(rel.get(end)) and rel[end] in by_key for end in ("from_id", "to_id")):
        raise ValidationError(f"relation {rel.get('id')!r} refers to an unknown entity")
    first, more = by_key[rel["from_id"]], by_key[rel["to_id"]]
    if first.concept != "claim" or more.concept != "claim" or first is more:
        raise ValidationError(
            f"relation {rel.get('id')!r} ({rel.get('type')}) must link two claim spans:"
            " a claim's first segment and one more segment of it"
        )
    if more.key in segment_of:
        raise ValidationError(
            f"relation {rel.get('id')!r}: entity {more.key!r} is a segment of two claims"
        )
    segment_of[more.key] = first.key
    _first_segment(first.key, segment_of)  # a cycle is an error


def _first_segment(key: Any, segment_of: dict[Any, Any]) -> Any:
    """The entity of a claim's first segment, following ``segment`` relations from ``key``."""
    seen = {key}
    while key in segment_of:
        key = segment_of[key]
        if key in seen:
            raise ValidationError(f"segment relations go round in a circle at entity {key!r}")
        seen.add(key)
    return key


class _Piece:
    """One segment of a claim, in the offsets of the line."""

    def __init__(self, start: int, end: int, text: str | None = None) -> None:
        self.start, self.end, self.text = start, end, text


def _contents(claims: dict[Any, _Span], segment_of: dict[Any, Any]) -> dict[Any, list[Any]]:
    """Each claim's segments in text order: its own pieces (or span) and its segment entities'."""
    content: dict[Any, list[Any]] = {}
    for key, span in claims.items():
        own = [_Piece(a, b) for a, b in span.pieces] if span.pieces else [span]
        content.setdefault(_first_segment(key, segment_of), []).extend(own)
    for pieces in content.values():
        pieces.sort(key=lambda p: (p.start, p.end))
    return content


def _words(text: Any, span: _Span) -> str | None:
    """The words of ``span`` as the article will store them (line breaks as ``\\n``)."""
    if not isinstance(text, str) or not 0 <= span.start < span.end <= len(text):
        return None  # the native checks name what is wrong
    return normalize_newlines(text[span.start : span.end])[0]


def _hashable(value: Any) -> bool:
    return isinstance(value, (int, str)) and not isinstance(value, bool)


def _span_json(span: _Span | _Piece) -> dict[str, Any]:
    out: dict[str, Any] = {"start": span.start, "end": span.end}
    if span.text is not None:
        out["text"] = span.text
    return out


def doccano_record(
    obj: Any,
    number: int,
    label_map: LabelMap,
    default_annotator: str = DEFAULT_ANNOTATOR,
    offsets: str = "codepoints",
    warnings: list[str] | None = None,
) -> dict[str, Any]:
    """The native record of one decoded doccano line, offsets in code points.

    ``offsets`` says how the line counts: ``codepoints`` (the default, for the
    other formats' readers that build doccano-shaped lines) or ``utf16``.
    What the line's warnings say (a ``claims`` entry that matches no claim) is
    appended to ``warnings``.

    Raises:
        ValidationError: the line cannot be read as doccano.
    """
    if not isinstance(obj, dict):
        raise ValidationError(f"expected a JSON object, got {type(obj).__name__}")
    article_id = obj.get("id", number)
    if isinstance(article_id, int) and not isinstance(article_id, bool):
        article_id = str(article_id)
    if not isinstance(article_id, str) or not article_id.strip():
        raise ValidationError('"id" must be a non-empty string or a number')
    annotator = obj.get("annotator") or default_annotator
    if not isinstance(annotator, str):
        raise ValidationError('"annotator" must be a string')
    spans = _spans(obj, label_map)
    places = {s.key: (s.start, s.end, s.label) for s in spans}  # as the file counts
    if offsets == "utf16" and isinstance(obj.get("text"), str):
        _to_codepoints(spans, obj["text"])
    by_key = {s.key: s for s in spans}
    prefix = f"{article_id}:{annotator}:"
    ids = {s.key: f"{prefix}{s.concept[0]}{s.key}" for s in spans}
    claims = {s.key: s for s in spans if s.concept == "claim"}
    segment_of: dict[Any, Any] = {}  # a further segment's entity -> its claim's first
    cue_of: dict[Any, _Span] = {}
    source_of: dict[Any, _Span] = {}
    attached: set[Any] = set()
    relations = obj.get("relations") or []
    if not isinstance(relations, list) or not all(isinstance(r, dict) for r in relations):
        raise ValidationError('"relations" must be a list of objects')
    for rel in relations:
        kind = rel.get("type")
        concept = label_map.relations.get(kind) if isinstance(kind, str) else None
        if concept is None:
            known = ", ".join(sorted(label_map.relations))
            raise ValidationError(
                f"unknown relation type {kind!r} (known: {known});"
                " map it in a --map file under [relations]"
            )
        if concept == "ignore":
            continue
        if concept == "segment":
            _segment_relation(rel, by_key, segment_of)
            continue
        for end in ("from_id", "to_id"):
            if not _hashable(rel.get(end)):
                raise ValidationError(
                    f"relation {rel.get('id')!r}: {end} must be an entity id (a number or a"
                    f" string), got {rel.get(end)!r}"
                )
        ends = [by_key.get(rel["from_id"]), by_key.get(rel["to_id"])]
        if None in ends:
            raise ValidationError(f"relation {rel.get('id')!r} refers to an unknown entity")
        claim = next((s for s in ends if s and s.concept == "claim"), None)
        other = next((s for s in ends if s and s is not claim), None)
        wanted = "cue" if concept == "cue" else "mention"
        if claim is not None and claim.key in segment_of:
            claim = by_key[_first_segment(claim.key, segment_of)]
        if (
            claim is None
            or other is None
            or (other.concept != wanted and not (wanted == "mention" and other.concept == "source"))
        ):
            raise ValidationError(
                f"relation {rel.get('id')!r} ({kind}) must link a {wanted} and a claim"
            )
        if concept == "cue":
            if claim.key in cue_of:
                raise ValidationError(f"claim entity {claim.key!r} has two cues")
            cue_of[claim.key] = other
            attached.add(other.key)
        else:
            source_of[claim.key] = other
    content = _contents(claims, segment_of)
    for key in segment_of:
        del claims[key]
    for cue in (s for s in spans if s.concept == "cue" and s.key not in attached):
        hits = [c for c in claims.values() if c.start < cue.end and cue.start < c.end]
        if len(hits) != 1:
            raise ValidationError(
                f"cue entity {cue.key!r} ({cue.label}) is related to no claim and overlaps"
                f" {len(hits)} claims; link it to its claim with a cue relation"
            )
        if hits[0].key in cue_of:
            raise ValidationError(f"claim entity {hits[0].key!r} has two cues")
        cue_of[hits[0].key] = cue
    notes = [] if warnings is None else warnings
    fields = _saved_fields(obj.get("claims"), {k: places[k] for k in claims}, notes)
    claim_json = []
    for key, span in claims.items():
        item = {"id": ids[key], **_span_json(span)}
        if len(content[key]) > 1:
            item["start"], item["end"] = content[key][0].start, content[key][-1].end
            item.pop("text", None)  # the words of the first segment only
            item["segments"] = [_span_json(piece) for piece in content[key]]
        extra = fields.get(key, {})
        item.update({f: extra[f] for f in _CLAIM_FIELDS if extra.get(f) is not None})
        attribution = {f: extra[f] for f in ATTRIBUTION_VOCAB_FIELDS if extra.get(f)}
        if key in cue_of:
            attribution["cue"] = _span_json(cue_of[key])
        if key in source_of:
            source = source_of[key]
            attribution["source_mention"] = ids[source.key]
            attribution["source_text"] = _words(obj.get("text"), source)
        if attribution:
            item["attribution"] = attribution
        claim_json.append(item)
    mentions = [
        {
            "id": ids[s.key],
            **_span_json(s),
            **({"source_only": True} if s.concept == "source" else {}),
        }
        for s in spans
        if s.concept in ("mention", "source")
    ]
    meta = {k: v for k, v in obj.items() if k not in _OWN_KEYS}
    return {
        "id": article_id,
        "text": obj.get("text"),
        "meta": meta,
        "annotations": [{"annotator": annotator, "mentions": mentions, "claims": claim_json}],
    }
