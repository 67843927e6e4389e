"""Label Studio tasks converted directly give the records the doccano route gives, or go that way.

`label_studio_record` turns most annotations into native entries directly
(`_direct_record`) and sends the rest through `_doccano_shape` and
`doccano_record` (`_doccano_record`). Over thousands of made-up tasks, the
usual ones and every kind of odd or wrong one, the direct record is exactly
the doccano route's whenever there is one, it never accepts what the doccano
route refuses, and the public function gives what the doccano route gives
(record or message).
"""

from __future__ import annotations

import random
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.schema import default_schema
from annotator.io.import_label_studio import _direct_record, _doccano_record, label_studio_record
from annotator.io.label_map import LabelMap, default_label_map

TEXT = "Velgrad said the harbour would reopen.\r\nOfficials denied it on Monday, Škoda added 🙂."


def _label_map() -> LabelMap:
    default = default_label_map(default_schema())
    return LabelMap(
        {**default.labels, "Speaker": "source", "Junk": "ignore"},
        {**default.relations, "Noise": "ignore"},
        default.events,
    )


def _region(rng: random.Random, key: Any, label: Any) -> dict[str, Any]:
    start = rng.randrange(0, 40)
    end = start + rng.randrange(1, 30)
    value: dict[str, Any] = {"start": start, "end": end, "labels": [label]}
    if rng.random() < 0.8:
        value["text"] = TEXT[start:end]
    odd = rng.random()
    if odd < 0.02:
        value["start"] = str(start)
    elif odd < 0.04:
        value["labels"] = [label, label]
    elif odd < 0.05:
        value["end"] = 500  # past the text: the native checks say so, both ways alike
    return {"id": key, "type": "labels", "from_name": "label", "value": value}


def _task(rng: random.Random) -> dict[str, Any]:
    data: dict[str, Any] = {"text": TEXT}
    roll = rng.random()
    data["id"] = (
        None
        if roll < 0.1
        else rng.choice([7, True, "", " ", "a1"])
        if roll < 0.15
        else f"art{rng.randrange(100)}"
    )
    if data["id"] is None:
        del data["id"]
    for key in ("title", "story", "annotator", "extra", "source"):
        if rng.random() < 0.4:
            data[key] = f"{key} value"
    annotations = []
    for person in range(rng.choice([0, 1, 1, 1, 2, 3])):
        result: list[Any] = []
        keys: list[Any] = []
        for index in range(rng.randrange(0, 7)):
            key: Any = rng.choice([f"r{index}", index, f"r{index}"])
            if rng.random() < 0.03:
                key = rng.choice([True, None, 1.5, "r0"])
            label = rng.choice(["Claim", "Claim", "Mention", "Speaker", "Cue", "Cue", "Junk"])
            if rng.random() < 0.03:
                label = rng.choice(["Unknown", 5])
            result.append(_region(rng, key, label))
            keys.append(key)
        for _ in range(rng.randrange(0, 5)):
            if not keys:
                break
            kind = rng.random()
            key = rng.choice(keys)
            if kind < 0.35:
                name = rng.choice(["stance", "attribution_type", "source_kind", "category", "x"])
                choice = rng.choice(["support", "direct", "person", "", None])
                picked: Any = [choice] if rng.random() < 0.95 else [choice, choice]
                result.append(
                    {"id": key, "type": "choices", "from_name": name, "value": {"choices": picked}}
                )
            elif kind < 0.45:
                text: Any = rng.choice(["a note", ["two", "lines"], [3]])
                name = rng.choice(["note", "note", "other"])
                result.append(
                    {"id": key, "type": "textarea", "from_name": name, "value": {"text": text}}
                )
            else:
                labels: Any = [rng.choice(["Cue", "Source", "Segment", "Noise", "Unknown"])]
                if rng.random() < 0.1:
                    labels = rng.choice([[], None, "Cue", ["Cue", "Source"]])
                ends = [rng.choice(keys), rng.choice(keys)]
                if rng.random() < 0.03:
                    ends[0] = rng.choice(["nowhere", [1], True])
                result.append(
                    {"type": "relation", "from_id": ends[0], "to_id": ends[1], "labels": labels}
                )
        if rng.random() < 0.05:
            result.append({"type": "rating", "value": {"rating": 3}})
        if rng.random() < 0.02:
            result.append("not an object")
        who: Any = rng.choice(
            [f"ann{person}@example.org", {"id": person, "email": f"ann{person}@x.org"}, None]
        )
        annotation: dict[str, Any] = {"completed_by": who, "result": result}
        if rng.random() < 0.05:
            annotation["was_cancelled"] = True
        annotations.append(annotation)
    return {"id": rng.randrange(1000), "data": data, "annotations": annotations}


def _outcome(convert: Any, task: Any, number: int, label_map: LabelMap) -> Any:
    try:
        return convert(task, number, label_map)
    except ValidationError as exc:
        return ("error", str(exc))


def test_the_direct_records_are_the_doccano_routes_and_it_refuses_nothing_differently() -> None:
    rng = random.Random(20261203)
    label_map = _label_map()
    direct_taken = 0
    for number in range(1, 4001):
        task = _task(rng)
        expected = _outcome(_doccano_record, task, number, label_map)
        direct = _direct_record(task, number, label_map, "label-studio")
        if direct is not None:
            direct_taken += 1
            assert direct == expected, task
        assert _outcome(label_studio_record, task, number, label_map) == expected, task
    assert 1000 < direct_taken < 4000  # both ways were taken, often


def test_a_usual_task_is_converted_directly() -> None:
    label_map = _label_map()
    result = [
        {"id": "c1", "type": "labels", "value": {"start": 0, "end": 37, "labels": ["Claim"]}},
        {"id": "m1", "type": "labels", "value": {"start": 0, "end": 7, "labels": ["Mention"]}},
        {"id": "q1", "type": "labels", "value": {"start": 8, "end": 12, "labels": ["Cue"]}},
        {"id": "c1", "type": "choices", "from_name": "stance", "value": {"choices": ["oppose"]}},
        {"id": "c1", "type": "textarea", "from_name": "note", "value": {"text": ["a", "b"]}},
        {"type": "relation", "from_id": "m1", "to_id": "c1", "labels": ["Source"]},
    ]
    task = {"data": {"id": "a1", "text": TEXT, "title": "Port", "origin": "feed"}}
    task["annotations"] = [{"completed_by": {"email": "ana@example.org"}, "result": result}]

    record = _direct_record(task, 1, label_map, "label-studio")

    assert record == {
        "id": "a1",
        "text": TEXT,
        "meta": {"origin": "feed"},
        "title": "Port",
        "annotations": [
            {
                "annotator": "ana@example.org",
                "mentions": [{"id": "a1:ana@example.org:mm1", "start": 0, "end": 7}],
                "claims": [
                    {
                        "id": "a1:ana@example.org:cc1",
                        "start": 0,
                        "end": 37,
                        "stance": "oppose",
                        "note": "a\nb",
                        "attribution": {
                            "cue": {"start": 8, "end": 12},
                            "source_mention": "a1:ana@example.org:mm1",
                            "source_text": "Velgrad",
                        },
                    }
                ],
            }
        ],
    }
    assert record == _doccano_record(task, 1, label_map)
