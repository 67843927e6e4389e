"""Read Label Studio's JSON-min export: one flat object per annotation.

JSON-min (Label Studio's Export → JSON-MIN, ``convert_to_json_min`` of its
converter) is one JSON list; each annotation that is not cancelled is one
object: the task's data fields at the top level (``text``, ...), ``id`` the
task's id (it replaces a data field ``id``), one key per control named by its
``from_name``, then ``annotator`` (an email, or a user number),
``annotation_id``, ``created_at``, ``updated_at``, ``lead_time`` (and
``agreement``)::

    {"text": "...", "id": 7,
     "label": [{"start": 3, "end": 10, "text": "...", "labels": ["Claim"]}],
     "stance": "oppose",
     "annotator": "ana@example.org", "annotation_id": 12, "lead_time": 4.2}

A control's results are a list; a ``Choices`` or ``TextArea`` control with one
result of one value is written as that value alone (``"oppose"``).
`read_label_studio` takes a file for JSON-min when its first element is an
object without a ``data`` object. Read here:

- Objects one after another with the same ``id`` are the annotations of one
  task, one article; tasks are numbered in file order (messages name
  ``task N``). A task nobody annotated is not in the file.
- A key holding a list of objects with ``labels`` is a labels control: each
  object is a region, its one label through the `LabelMap` ``[labels]``.
- ``stance``, ``category``, ``certainty``, ``checkworthy``, ``attribution_type``,
  ``source_kind`` (choices) and ``note`` (text) set claim fields, as in JSON.
  A per-region result keeps its region only as an object with ``start`` and
  ``end``; a bare value (a string) is the field of the annotation's claim if it
  has one claim, else it is left out (one warning for the field's values).
- ``annotator`` is the annotator if it is a string, else the default given
  (``--annotator``, default ``label-studio``).
- ``annotation_id``, ``created_at``, ``updated_at``, ``lead_time`` and
  ``agreement`` are dropped. Other keys holding a list of objects are other
  controls, ignored; the remaining keys of a task's first object are the
  article's, as the keys of ``data`` in JSON (``title``, ``source``, ... and
  ``meta``).

What JSON-min cannot carry, and how it is read:

- No relations: a cue attaches to the one claim it overlaps; a cue that
  overlaps none or several, or a claim's second cue, is left out with a
  warning. No claim has a source: a ``source`` region is a mention tied to
  no claim (a warning says so, once a file, when a task has claims and
  mentions or sources). A claim in several segments comes in as one claim per segment.
- No region ids: regions are numbered in the object's order, so label ids are
  ``<article>:<annotator>:<kind><n>``; importing the same file again updates
  the same labels.

Each task becomes a Label Studio JSON task and goes through
`label_studio_record`, so the checks and messages are those of JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from annotator.core.errors import InputError, ValidationError
from annotator.io.export_label_studio import CHOICE_FIELDS, NOTE
from annotator.io.json_array import Item
from annotator.io.label_map import LabelMap
from annotator.io.readers import Noted, Record

DROPPED = ("annotator", "annotation_id", "created_at", "updated_at", "lead_time", "agreement")
"""The keys of a JSON-min object about the annotation, not the article."""
Convert = Callable[[Any, int], dict[str, Any]]
"""The record of one Label Studio JSON task and its number."""
NO_RELATIONS = "JSON-min keeps no relations; export Label Studio JSON to keep them"


def is_min(value: Any) -> bool:
    """Whether a file whose first element is ``value`` is JSON-min (not a task of JSON)."""
    return isinstance(value, dict) and not isinstance(value.get("data"), dict)


def _task_key(value: Any) -> Any:
    """What ties the objects of one task together: its ``id`` (None: a task of its own)."""
    if isinstance(value, dict):
        key = value.get("id")
        if isinstance(key, (str, int)) and not isinstance(key, bool):
            return (type(key).__name__, key)
    return None


def min_records(
    name: str,
    items: Iterator[Item],
    label_map: LabelMap,
    annotator: str,
    convert: Convert,
) -> Iterator[Record]:
    """Native-shaped records of a JSON-min file's elements, one per task.

    ``convert(task, number)`` is the record of one Label Studio JSON task
    (`label_studio_record` with the map and default annotator).
    """
    group: list[Any] = []
    told: set[str] = set()  # what is said once a file
    key: Any = None
    done = 0
    number = 0
    for item in items:
        if item.error is not None:
            if group:
                number += 1
                yield _record(name, group, number, label_map, annotator, convert, done, told)
            yield number + 1, InputError(name, f"task {number + 1}: {item.error}"), item.done
            return
        this = _task_key(item.value)
        if group and (this is None or this != key):
            number += 1
            yield _record(name, group, number, label_map, annotator, convert, done, told)
            group = []
        group.append(item.value)
        key, done = this, item.done
    if group:
        number += 1
        yield _record(name, group, number, label_map, annotator, convert, done, told)


def _record(
    name: str,
    group: list[Any],
    number: int,
    label_map: LabelMap,
    annotator: str,
    convert: Convert,
    done: int,
    told: set[str],
) -> Record:
    warnings: list[str] = []
    try:
        task = min_task(group, label_map, annotator, warnings, told)
        record = convert(task, number)
    except ValidationError as exc:
        return number, InputError(name, f"task {number}: {exc}"), done
    return number, Noted(record, warnings) if warnings else record, done


def min_task(
    objects: list[Any],
    label_map: LabelMap,
    default: str,
    warnings: list[str],
    told: set[str] | None = None,
) -> dict[str, Any]:
    """The Label Studio JSON task of one task's JSON-min objects (one per annotation).

    What is left out is appended to ``warnings``; what holds for the whole file
    (sources tied to no claim) only if not yet in ``told``, which then holds it.

    Raises:
        ValidationError: an object is not one of JSON-min.
    """
    for obj in objects:
        if not isinstance(obj, dict):
            raise ValidationError(f"expected a JSON-min object, got {type(obj).__name__}")
    first = objects[0]
    data = {
        k: v
        for k, v in first.items()
        if k not in DROPPED and k not in CHOICE_FIELDS and k != NOTE and not _objects(v)
    }
    annotations = []
    for obj in objects:
        who = obj.get("annotator")
        name = who if isinstance(who, str) else default
        result = _result(obj, label_map, warnings, name, set() if told is None else told)
        annotations.append({"completed_by": who, "result": result})
    return {"data": data, "annotations": annotations}


def _objects(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _result(
    obj: dict[str, Any], label_map: LabelMap, warnings: list[str], who: str, told: set[str]
) -> list[dict[str, Any]]:
    """The Label Studio results of one annotation: regions with ids, choices tied to them."""
    regions: list[dict[str, Any]] = []
    for key, value in obj.items():
        if key in DROPPED or not _objects(value) or not all("labels" in v for v in value):
            continue
        for region in value:
            regions.append({"id": str(len(regions) + 1), "type": "labels", "value": region})
    concepts = {r["id"]: _concept(r["value"], label_map) for r in regions}
    claims = [r for r in regions if concepts[r["id"]] == "claim"]
    _drop_loose_cues(regions, concepts, claims, warnings, who)
    if claims and "source" not in told and {"mention", "source"} & set(concepts.values()):
        told.add("source")
        warnings.append(
            f"{who}: no claim cites a mention as its source, here and in the tasks after"
            f" ({NO_RELATIONS})"
        )
    result = list(regions)
    for field in (*CHOICE_FIELDS, NOTE):
        if field in obj:
            result += _choices(field, obj[field], claims, warnings, who)
    return result


def _concept(value: Any, label_map: LabelMap) -> str | None:
    labels = value.get("labels")
    if isinstance(labels, list) and len(labels) == 1 and isinstance(labels[0], str):
        return label_map.labels.get(labels[0])
    return None  # not one label: label_studio_record says so


def _span(value: Any) -> tuple[int, int] | None:
    start, end = value.get("start"), value.get("end")
    if type(start) is int and type(end) is int:
        return start, end
    return None


def _drop_loose_cues(
    regions: list[dict[str, Any]],
    concepts: dict[str, str | None],
    claims: list[dict[str, Any]],
    warnings: list[str],
    who: str,
) -> None:
    """Leave out the cues that overlap no claim or several, and second cues of a claim."""
    spans = [(c["id"], _span(c["value"])) for c in claims]
    taken: set[str] = set()
    for region in list(regions):
        span = _span(region["value"])
        if concepts[region["id"]] != "cue" or span is None:
            continue
        hits = [key for key, s in spans if s is not None and s[0] < span[1] and span[0] < s[1]]
        if len(hits) == 1 and hits[0] not in taken:
            taken.add(hits[0])
            continue
        why = "a second cue of its claim" if len(hits) == 1 else f"it overlaps {len(hits)} claims"
        warnings.append(
            f"{who}: cue {region['value'].get('text')!r} at {span[0]}-{span[1]} left out:"
            f" {why}, and {NO_RELATIONS}"
        )
        regions.remove(region)


def _choices(
    field: str, value: Any, claims: list[dict[str, Any]], warnings: list[str], who: str
) -> list[dict[str, Any]]:
    """The choices (or note) results of one field, each tied to its claim region."""
    kind = "textarea" if field == NOTE else "choices"
    values = value if isinstance(value, list) else [value]
    bare = [one for one in values if isinstance(one, str)]
    if bare and not (len(bare) == len(values) == 1 and len(claims) == 1):
        shown = bare[0] if len(bare) == 1 else bare
        warnings.append(
            f"{who}: {field} {shown!r} left out: JSON-min keeps no region ids, and the"
            f" annotation has {len(claims)} claims"
        )
    out: list[dict[str, Any]] = []
    for one in values:
        if isinstance(one, dict):
            span = _span(one)
            region = next((c for c in claims if span and _span(c["value"]) == span), None)
            picked = one.get("text" if field == NOTE else "choices")
            if region is None:
                warnings.append(f"{who}: {field} {picked!r} left out: its region is no claim")
                continue
        elif isinstance(one, str):
            picked = [one]
            region = claims[0] if len(claims) == 1 and len(values) == 1 else None
            if region is None:
                continue  # told above
        else:
            raise ValidationError(f"{field}: expected a string or a region object, got {one!r}")
        name = "text" if field == NOTE else "choices"
        out.append({"id": region["id"], "type": kind, "from_name": field, "value": {name: picked}})
    return out
