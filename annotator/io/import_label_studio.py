"""Read a Label Studio JSON export (a JSON list of tasks) as records in the native line shape.

Label Studio exports one JSON array; it is read task by task (`array_items`),
so a 200 MB export takes about as much memory as a 200 MB JSONL file. Tasks
are numbered from 1 in file order, and messages name them ``task N``. A task::

    {"data": {"text": "...", "id": "a1", "title": ...},
     "annotations": [{"completed_by": "ana@example.org", "result": [
        {"id": "r1", "type": "labels", "value": {"start": 3, "end": 10, "labels": ["Claim"]}},
        {"id": "r1", "type": "choices", "from_name": "stance",
         "value": {"choices": ["oppose"]}},
        {"type": "relation", "from_id": "r2", "to_id": "r1", "labels": ["Source"]}]}]}

- ``data.text`` is the text, ``data.id`` the article id (else the task number);
  the article keys ``title``, ``source``, ``url``, ``published``, ``language``
  and ``story`` of ``data`` are read as such, ``annotator`` (written by our own
  export) is dropped, other keys of ``data`` go into the article's ``meta``.
- One annotation entry per Label Studio annotation (cancelled ones are skipped):
  the annotator is ``completed_by`` if it is a string, or the ``email`` of a
  ``completed_by`` object, else the default given (``--annotator``, default
  ``label-studio``). Two annotations of a task by the same annotator are an error.
- ``labels`` results are regions: their one label goes through the `LabelMap`
  ``[labels]``; ``relation`` results (``from_id``, ``to_id``, first of ``labels``)
  through ``[relations]`` (a relation without a label, ``"labels": []``, is the
  cue relation between a cue and a claim, the source relation between a mention
  or source and a claim, and an error between anything else); ``choices`` results named ``stance``, ``category``,
  ``certainty``, ``checkworthy``, ``attribution_type`` or ``source_kind`` with a
  claim region's id set that claim field (``<Choices perRegion="true">``), and a
  ``textarea`` result named ``note`` with a claim region's id its note (the
  strings of ``value.text``, one per line; ``<TextArea perRegion="true">``).
  Other results (other types, other names) are ignored; a file without notes or
  attribution choices imports as before.

The file is read as it comes (a named pipe too). Label Studio's JSON-min
export (one flat object per annotation, no relations, no region ids) is
told apart by its first element and read by `annotator.io.import_label_studio_min`.

Offsets are Unicode code points (Label Studio since PR #1559; see
`annotator.io.export_label_studio`). An annotation is converted as
`doccano_record` converts a doccano line (cue attachment, label ids
``<article>:<annotator>:<kind><region id>``), then goes the native import
path. Most annotations (claims, mentions, sources and cues in one piece,
labelled relations between them, choices and notes of claims, nothing
wrong) are turned into the native entry directly (`_direct_entry`), a third
of the time of building the doccano line first; any other annotation, and
any mistake, goes through `doccano_record`, which gives the same entry or
says what is wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from pathlib import Path
from typing import Any, NamedTuple

from annotator.core.errors import InputError, ValidationError
from annotator.core.model import ATTRIBUTION_VOCAB_FIELDS, CLAIM_VOCAB_FIELDS, Status
from annotator.core.schema import LabelSchema
from annotator.core.text import normalize_newlines
from annotator.io.export_label_studio import CHOICE_FIELDS, NOTE
from annotator.io.import_doccano import CLAIM_FIELDS as _CLAIM_FIELDS
from annotator.io.import_doccano import doccano_record
from annotator.io.import_label_studio_min import is_min, min_records
from annotator.io.json_array import array_items
from annotator.io.label_map import LabelMap
from annotator.io.native import ARTICLE_KEYS, ParsedAnnotation, _known, _Vocab, parse_article
from annotator.io.prepare import Prepared, Unconverted
from annotator.io.readers import Record
from annotator.io.validate import check_plain
from annotator.store.rows import status_values

DEFAULT_ANNOTATOR = "label-studio"
_DROPPED = {"annotator"}  # what our export writes into data besides the article


def read_label_studio(
    path: Path, label_map: LabelMap, annotator: str = DEFAULT_ANNOTATOR
) -> Iterator[Record]:
    """Native-shaped records of a Label Studio JSON (or JSON-min) file, numbered by task.

    A file whose first element is an object without a ``data`` object is read as
    JSON-min (`annotator.io.import_label_studio_min`).
    """
    name = str(path)
    try:
        handle = open(path, "rb")  # noqa: SIM115 (closed by the with below)
    except OSError as exc:
        raise InputError(name, f"cannot read it ({exc.strerror})") from None
    with handle:
        items = array_items(handle)
        first = next(items, None)
        if first is None:
            return
        if first.error is None and is_min(first.value):

            def convert(task: Any, number: int) -> dict[str, Any]:
                return label_studio_record(task, number, label_map, annotator)

            yield from min_records(name, chain([first], items), label_map, annotator, convert)
            return
        for item in chain([first], items):
            number = item.number
            if item.error is not None:
                if number == 1 and item.error.startswith("expected a JSON list"):
                    reason = item.error.replace("a JSON list", "a JSON list of Label Studio tasks")
                    yield number, InputError(name, reason), item.done
                else:
                    yield number, InputError(name, f"task {number}: {item.error}"), item.done
                return
            yield number, LabelStudioTask(item.value, number, label_map, annotator), item.done


def _annotator(annotation: dict[str, Any], default: str) -> str:
    who = annotation.get("completed_by")
    if isinstance(who, dict):
        who = who.get("email")
    return who if isinstance(who, str) and who.strip() else default


def _is_id(value: Any) -> bool:
    return isinstance(value, (str, int)) and not isinstance(value, bool)


def _unlabelled(
    relation: dict[str, Any], entities: list[dict[str, Any]], label_map: LabelMap
) -> str:
    """The relation type of a relation without a label, from the regions it links.

    Between a cue and a claim it is the cue relation, between a mention (or a
    source) and a claim the source relation, as a label of ``[relations]`` that
    maps to it names them; anything else is an error.

    Raises:
        ValidationError: naming the relation and what it links.
    """
    concept = {}
    for entity in entities:
        label = entity.get("label")
        concept[entity["id"]] = label_map.labels.get(label) if isinstance(label, str) else None
    ends = [relation["from_id"], relation["to_id"]]
    shown = f"relation {ends[0]!r} -> {ends[1]!r}"
    kinds = [concept.get(end) if _is_id(end) else None for end in ends]
    wanted = None
    if "claim" in kinds:
        other = kinds[1] if kinds[0] == "claim" else kinds[0]
        wanted = {"cue": "cue", "mention": "source", "source": "source"}.get(str(other))
    names = [name for name, mapped in label_map.relations.items() if mapped == wanted]
    if wanted is None or not names:
        links = " and ".join(f"a {kind}" if kind else "no known region" for kind in kinds)
        raise ValidationError(
            f"{shown} has no label, and between {links} it has no meaning: give it a label"
            " (an unlabelled relation links a cue, mention or source to a claim)"
        )
    return names[0]


def _doccano_shape(result: Any, label_map: LabelMap) -> dict[str, Any]:
    """The doccano ``entities``, ``relations`` and ``claims`` of one annotation's results.

    A relation without a label (``"labels": []``) takes its type from what it
    links (`_unlabelled`).
    """
    if not isinstance(result, list) or not all(isinstance(r, dict) for r in result):
        raise ValidationError('"result" must be a list of objects')
    entities: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    choices: list[tuple[Any, str, Any]] = []
    for item in result:
        kind = item.get("type")
        value = item.get("value")
        if kind == "textarea" and item.get("from_name") != NOTE:
            continue
        if kind in ("labels", "choices", "textarea") and not _is_id(item.get("id")):
            raise ValidationError(
                f"a {kind} result has the id {item.get('id')!r}: region ids are strings or numbers"
            )
        if kind == "relation":
            labels = item.get("labels") or [None]
            if not isinstance(labels, list) or len(labels) != 1:
                raise ValidationError(
                    f"relation {item.get('from_id')!r} -> {item.get('to_id')!r}: expected one label"
                )
            relations.append(
                {
                    "id": f"{item.get('from_id')}->{item.get('to_id')}",
                    "from_id": item.get("from_id"),
                    "to_id": item.get("to_id"),
                    "type": labels[0],
                }
            )
            continue
        if kind not in ("labels", "choices", "textarea"):
            continue
        if not isinstance(value, dict):
            raise ValidationError(f'region {item.get("id")!r}: "value" must be an object')
        if kind == "labels":
            labels = value.get("labels")
            if not isinstance(labels, list) or len(labels) != 1:
                raise ValidationError(f"region {item.get('id')!r}: expected one label")
            entities.append(
                {
                    "id": item.get("id"),
                    "start_offset": value.get("start"),
                    "end_offset": value.get("end"),
                    "label": labels[0],
                    "text": value.get("text"),
                }
            )
        elif kind == "textarea":
            texts = value.get("text")
            if isinstance(texts, str):
                texts = [texts]
            if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
                raise ValidationError(f"region {item.get('id')!r}: a note's text must be strings")
            choices.append((item.get("id"), NOTE, "\n".join(texts)))
        elif item.get("from_name") in CHOICE_FIELDS:
            picked = value.get("choices")
            if not isinstance(picked, list) or len(picked) != 1:
                raise ValidationError(
                    f"region {item.get('id')!r}: {item['from_name']} needs one choice"
                )
            choices.append((item.get("id"), item["from_name"], picked[0]))
    for relation in relations:
        if relation["type"] is None:
            relation["type"] = _unlabelled(relation, entities, label_map)
    regions = {e["id"] for e in entities}
    claims: dict[Any, dict[str, Any]] = {}
    for key, field, choice in choices:
        if key not in regions:
            raise ValidationError(f"{field} choice for an unknown region {key!r}")
        claims.setdefault(key, {"entity": key})[field] = choice
    return {"entities": entities, "relations": relations, "claims": list(claims.values())}


_DIRECT_LABELS = {"claim": "c", "mention": "m", "source": "s", "cue": "c"}
"""Region concepts `_direct_entry` converts, and the letter of their label ids."""
_DIRECT_RELATIONS = {"cue": ("cue",), "source": ("mention", "source")}
"""Relation concepts `_direct_entry` converts, and what they tie to a claim."""


class _Regions(NamedTuple):
    """One annotation's results as `_direct_entry` and `_direct_rows` take them."""

    regions: dict[Any, tuple[str, int, int, Any]]
    """Region id -> (concept, start, end, its text as given or None)."""
    order: list[Any]
    """Region ids in the order of the results."""
    fields: dict[Any, dict[str, Any]]
    """Claim region id -> its choices and note."""
    cue_of: dict[Any, Any]
    """Claim region id -> its cue region id."""
    source_of: dict[Any, Any]
    """Claim region id -> its source (mention or source) region id."""


def _direct_regions(result: Any, label_map: LabelMap) -> _Regions | None:
    """The regions of one annotation's results and what ties them, or None.

    None for anything `doccano_record` of `_doccano_shape` would refuse or read
    in a way the direct conversions do not (segments, ignored labels,
    unlabelled relations, choices of regions that are no claims, cues on no
    single claim, ...): those go that way instead.
    """
    if not isinstance(result, list):
        return None
    regions: dict[Any, tuple[str, int, int, Any]] = {}  # id -> (concept, start, end, text)
    order: list[Any] = []
    fields: dict[Any, dict[str, Any]] = {}
    ties: list[tuple[str, Any, Any]] = []
    labels_of, relations_of = label_map.labels, label_map.relations
    for item in result:
        if type(item) is not dict:
            return None
        kind = item.get("type")
        if kind == "relation":
            names = item.get("labels")
            if type(names) is not list or len(names) != 1 or type(names[0]) is not str:
                return None
            concept = relations_of.get(names[0])
            if concept == "ignore":
                continue
            if concept not in _DIRECT_RELATIONS:
                return None
            ties.append((concept, item.get("from_id"), item.get("to_id")))
            continue
        if kind not in ("labels", "choices", "textarea"):
            continue
        name = item.get("from_name")
        if kind == "textarea" and name != NOTE:
            continue
        key, value = item.get("id"), item.get("value")
        if type(key) not in (str, int) or type(value) is not dict:
            return None
        if kind == "labels":
            names = value.get("labels")
            if type(names) is not list or len(names) != 1 or type(names[0]) is not str:
                return None
            concept = labels_of.get(names[0])
            start, end = value.get("start"), value.get("end")
            if concept not in _DIRECT_LABELS or type(start) is not int or type(end) is not int:
                return None
            if key in regions:
                return None
            regions[key] = (concept, start, end, value.get("text"))
            order.append(key)
        elif kind == "textarea":
            texts = value.get("text")
            if type(texts) is str:
                texts = [texts]
            if type(texts) is not list or not all(type(t) is str for t in texts):
                return None
            fields.setdefault(key, {})[NOTE] = "\n".join(texts)
        elif name in CHOICE_FIELDS:
            picked = value.get("choices")
            if type(picked) is not list or len(picked) != 1:
                return None
            fields.setdefault(key, {})[name] = picked[0]
    cue_of: dict[Any, Any] = {}
    source_of: dict[Any, Any] = {}
    for concept, one, other in ties:
        if type(one) not in (str, int) or type(other) not in (str, int):
            return None
        if one not in regions or other not in regions:
            return None
        if regions[one][0] != "claim":
            one, other = other, one
        if regions[one][0] != "claim" or regions[other][0] not in _DIRECT_RELATIONS[concept]:
            return None
        if concept == "cue":
            if one in cue_of:
                return None
            cue_of[one] = other
        else:
            source_of[one] = other
    claims = [key for key in order if regions[key][0] == "claim"]
    for key in fields:
        if key not in regions or regions[key][0] != "claim":
            return None
    if len(cue_of) != len(set(cue_of.values())):
        return None
    tied = set(cue_of.values())
    for key in order:
        concept, start, end, _ = regions[key]
        if concept != "cue" or key in tied:
            continue
        hits = [c for c in claims if regions[c][1] < end and start < regions[c][2]]
        if len(hits) != 1 or hits[0] in cue_of:
            return None
        cue_of[hits[0]] = key
    return _Regions(regions, order, fields, cue_of, source_of)


def _direct_entry(
    result: Any, prefix: str, text: Any, label_map: LabelMap
) -> dict[str, Any] | None:
    """The native entry (mentions and claims) of one annotation's results, or None.

    None where `_direct_regions` is. ``prefix`` is ``<article>:<annotator>:``.
    """
    found = _direct_regions(result, label_map)
    if found is None:
        return None
    regions, order, fields, cue_of, source_of = found
    mentions: list[dict[str, Any]] = []
    claim_json: list[dict[str, Any]] = []
    for key in order:
        concept, start, end, words = regions[key]
        if concept == "cue":
            continue
        item = {"id": f"{prefix}{_DIRECT_LABELS[concept]}{key}", "start": start, "end": end}
        if words is not None:
            item["text"] = words
        if concept == "mention":
            mentions.append(item)
            continue
        if concept == "source":
            item["source_only"] = True
            mentions.append(item)
            continue
        extra = fields.get(key, {})
        item.update({f: extra[f] for f in _CLAIM_FIELDS if extra.get(f) is not None})
        attribution = {f: extra[f] for f in ATTRIBUTION_VOCAB_FIELDS if extra.get(f)}
        if key in cue_of:
            _, cue_start, cue_end, cue_words = regions[cue_of[key]]
            cue = {"start": cue_start, "end": cue_end}
            if cue_words is not None:
                cue["text"] = cue_words
            attribution["cue"] = cue
        if key in source_of:
            source = source_of[key]
            concept, start, end, _ = regions[source]
            attribution["source_mention"] = f"{prefix}{_DIRECT_LABELS[concept]}{source}"
            within = isinstance(text, str) and 0 <= start < end <= len(text)
            attribution["source_text"] = normalize_newlines(text[start:end])[0] if within else None
        if attribution:
            item["attribution"] = attribution
        claim_json.append(item)
    return {"mentions": mentions, "claims": claim_json}


def _direct_rows(
    result: Any,
    article_id: str,
    who: str,
    text: str,
    label_map: LabelMap,
    vocab: _Vocab,
    stamp: str,
) -> ParsedAnnotation | None:
    """The rows `prepare` makes of `_direct_entry`'s entry, straight from the regions, or None.

    For a text without ``\r`` (offsets then are the stored text's). None also
    for any label the native fast paths (`annotator.io.native._fast_claim`,
    ``_fast_mention``) would leave to the checks that say what is wrong, and
    for a NUL in a region id or note (`check_plain`): the task then goes the
    whole way, which says it; and for two regions whose ids make one label id
    (``1`` and ``"1"``), which the whole way refuses.
    """
    found = _direct_regions(result, label_map)
    if found is None:
        return None
    regions, order, fields, cue_of, source_of = found
    prefix = f"{article_id}:{who}:"
    length = len(text)
    ids = vocab.ids
    mentions: list[tuple[Any, ...]] = []
    claims: list[tuple[Any, ...]] = []
    made: set[str] = set()
    for key in order:
        concept, start, end, words = regions[key]
        if not 0 <= start < end <= length or (words is not None and words != text[start:end]):
            return None
        if concept == "cue":
            continue
        if type(key) is str and "\x00" in key:
            return None
        label_id = f"{prefix}{_DIRECT_LABELS[concept]}{key}"
        if label_id in made:  # regions 1 and "1": the whole way says the id is used twice
            return None
        made.add(label_id)
        if concept != "claim":
            source_only = int(concept == "source")
            mentions.append((label_id, article_id, who, start, end, None, source_only, stamp))
            continue
        extra = fields.get(key, {})
        values = [extra.get(f) for f in CLAIM_VOCAB_FIELDS]
        attribution_type = extra.get("attribution_type") or None
        source_kind = extra.get("source_kind") or None
        note = extra.get(NOTE)
        if not (
            all(_known(v, ids.get(f)) for f, v in zip(CLAIM_VOCAB_FIELDS, values, strict=True))
            and _known(attribution_type, ids.get("attribution_type"))
            and _known(source_kind, ids.get("source_kind"))
            and (note is None or "\x00" not in note)
        ):
            return None
        cue: tuple[Any, Any] = (None, None)
        if key in cue_of:
            cue = regions[cue_of[key]][1:3]
        source_mention = source_text = None
        if key in source_of:
            source = source_of[key]
            concept, source_start, source_end, _ = regions[source]
            source_mention = f"{prefix}{_DIRECT_LABELS[concept]}{source}"
            source_text = text[source_start:source_end]
        claims.append(
            (
                label_id,
                article_id,
                who,
                start,
                end,
                None,  # claimant, addressee, target: Label Studio has none
                None,
                None,
                *values,
                attribution_type,
                source_mention,
                source_text,
                source_kind,
                *cue,
                note or "",
                None,  # extra
                None,  # segments
                stamp,
            )
        )
    status = status_values(Status(article_id, who, "todo", ""), stamp)
    return ParsedAnnotation(who, [], [], mentions, claims, status, [])


def _prepared_task(
    task: Any,
    number: int,
    label_map: LabelMap,
    default_annotator: str,
    story: str | None,
    schema: LabelSchema,
    stamp: str,
) -> Prepared | None:
    """`prepare` of `label_studio_record`, straight from the task's regions, or None.

    None where `_direct_record` or `_direct_rows` is, and for a text with ``\r``
    or an article `parse_article` or `check_plain` refuses: the task then goes
    the whole way (`LabelStudioTask.record`, then `prepare`). Otherwise the same
    `Prepared` that way gives (`tests/io/test_label_studio_rows.py`), without
    making the native record's labels and reading them back.
    """
    parts = _task_parts(task, number, default_annotator)
    if parts is None:
        return None
    data, article_id, text, annotations = parts
    if type(text) is not str or "\r" in text or any("\x00" in who for _, who in annotations):
        return None
    record = _article_record(data, article_id, text)
    try:
        check_plain(record)
        article, _, _ = parse_article(record, story)
    except ValidationError:
        return None
    vocab = _vocab(schema)
    entries: list[ParsedAnnotation] = []
    for result, who in annotations:
        rows = _direct_rows(result, article.id, who, text, label_map, vocab, stamp)
        if rows is None:
            return None
        entries.append(rows)
    return Prepared.of(article, stamp, entries)


_VOCABS: dict[int, tuple[LabelSchema, _Vocab]] = {}
"""Schema (by identity) -> its value ids, for `_prepared_task`."""


def _vocab(schema: LabelSchema) -> _Vocab:
    kept = _VOCABS.get(id(schema))
    if kept is None or kept[0] is not schema:
        kept = _VOCABS[id(schema)] = (schema, _Vocab(schema))
    return kept[1]


class LabelStudioTask(Unconverted):
    """A Label Studio task as read, converted when it is prepared (see `Unconverted`)."""

    __slots__ = ("annotator", "label_map", "number", "task")

    def __init__(self, task: Any, number: int, label_map: LabelMap, annotator: str) -> None:
        self.task, self.number, self.label_map, self.annotator = task, number, label_map, annotator

    def prepared(self, story: str | None, schema: LabelSchema, stamp: str) -> Prepared | None:
        return _prepared_task(
            self.task, self.number, self.label_map, self.annotator, story, schema, stamp
        )

    def record(self) -> dict[str, Any]:
        return label_studio_record(self.task, self.number, self.label_map, self.annotator)


def _task_parts(
    task: Any, number: int, default_annotator: str
) -> tuple[dict[str, Any], str, Any, list[tuple[Any, str]]] | None:
    """A task's ``data``, article id, text and (results, annotator) of each annotation kept.

    None where the direct conversions leave the task to `doccano_record`: a
    task that is no object, an odd ``data`` or annotation list, an id it does
    not take, two annotations by one annotator. Cancelled annotations are left out.
    """
    if type(task) is not dict:
        return None
    data = task.get("data")
    annotations = task.get("annotations") or []
    if type(data) is not dict or type(annotations) is not list:
        return None
    article_id = _article_id(data.get("id"), number)
    if article_id is None:
        return None
    kept: list[tuple[Any, str]] = []
    seen: set[str] = set()
    for annotation in annotations:
        if type(annotation) is not dict:
            return None
        if annotation.get("was_cancelled"):
            continue
        who = _annotator(annotation, default_annotator)
        if who in seen:
            return None
        seen.add(who)
        kept.append((annotation.get("result") or [], who))
    return data, article_id, data.get("text"), kept


def _article_record(data: dict[str, Any], article_id: str, text: Any) -> dict[str, Any]:
    """The article part of a task's native record: ``data``'s article keys, the rest meta."""
    record: dict[str, Any] = {"id": article_id, "text": text, "meta": {}}
    for key, value in data.items():
        if key in ("id", "text") or key in _DROPPED:
            continue
        if key in ARTICLE_KEYS:
            record[key] = value
        else:
            record["meta"][key] = value
    return record


def _article_id(value: Any, number: int) -> str | None:
    """The article id as `doccano_record` takes it (None: not one, that says why)."""
    if value is None:
        return str(number)
    if type(value) is int:
        return str(value)
    return value if type(value) is str and value.strip() else None


def label_studio_record(
    task: Any, number: int, label_map: LabelMap, default_annotator: str = DEFAULT_ANNOTATOR
) -> dict[str, Any]:
    """The native record of one Label Studio task.

    Annotations `_direct_entry` converts take that way; a task with any other
    goes wholly through `doccano_record` (`_doccano_record`), which reads the
    others as well and gives the same record for those it converts.

    Raises:
        ValidationError: the task cannot be read as Label Studio.
    """
    record = _direct_record(task, number, label_map, default_annotator)
    if record is not None:
        return record
    return _doccano_record(task, number, label_map, default_annotator)


def _direct_record(
    task: Any, number: int, label_map: LabelMap, default_annotator: str
) -> dict[str, Any] | None:
    """`label_studio_record` by `_direct_entry`, or None if an annotation needs `doccano_record`."""
    parts = _task_parts(task, number, default_annotator)
    if parts is None:
        return None
    data, article_id, text, annotations = parts
    entries: list[dict[str, Any]] = []
    for result, who in annotations:
        entry = _direct_entry(result, f"{article_id}:{who}:", text, label_map)
        if entry is None:
            return None
        entries.append({"annotator": who, **entry})
    record = _article_record(data, article_id, text)
    record["annotations"] = entries
    return record


def _doccano_record(
    task: Any, number: int, label_map: LabelMap, default_annotator: str = DEFAULT_ANNOTATOR
) -> dict[str, Any]:
    """`label_studio_record` through `_doccano_shape` and `doccano_record`, every annotation.

    Raises:
        ValidationError: the task cannot be read as Label Studio.
    """
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        raise ValidationError('expected a task object with a "data" object')
    data = task["data"]
    annotations = task.get("annotations") or []
    if not isinstance(annotations, list) or not all(isinstance(a, dict) for a in annotations):
        raise ValidationError('"annotations" must be a list of objects')
    article_id = data.get("id")
    base: dict[str, Any] = {
        "id": number if article_id is None else article_id,
        "text": data.get("text"),
    }
    extra = {k: v for k, v in data.items() if k not in ("id", "text") and k not in _DROPPED}
    entries: list[dict[str, Any]] = []
    seen: set[str] = set()
    record: dict[str, Any] | None = None
    for annotation in annotations:
        if annotation.get("was_cancelled"):
            continue
        who = _annotator(annotation, default_annotator)
        if who in seen:
            raise ValidationError(
                f"two annotations by {who!r}; give each a completed_by or import them separately"
            )
        seen.add(who)
        shaped = {
            **base,
            "annotator": who,
            **_doccano_shape(annotation.get("result") or [], label_map),
        }
        record = doccano_record(shaped, number, label_map, default_annotator)
        entries.extend(record["annotations"])
    if record is None:
        record = doccano_record(base, number, label_map, default_annotator)
    article = {k: v for k, v in extra.items() if k in ARTICLE_KEYS}
    meta = {k: v for k, v in extra.items() if k not in ARTICLE_KEYS}
    return {**record, **article, "meta": meta, "annotations": entries}
