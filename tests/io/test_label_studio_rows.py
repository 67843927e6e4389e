"""Label Studio tasks made into rows straight from their regions give the rows the whole way gives.

`LabelStudioTask.prepared` (`_prepared_task`) skips the native record of a
usual task; the whole way converts the task (`label_studio_record`) and
prepares that record (`prepare`). Over thousands of made-up tasks, the usual
ones and every kind of odd or wrong one (with and without ``\\r`` line ends,
NULs where a file could hide one), the direct rows are exactly the whole
way's whenever there are any, and the reader's records prepare to what the
whole way gives, record or message.
"""

from __future__ import annotations

import random
from typing import Any

from annotator.core.errors import AnnotatorError
from annotator.core.schema import default_schema
from annotator.io.import_label_studio import (
    LabelStudioTask,
    _prepared_task,
    label_studio_record,
)
from annotator.io.prepare import Prepared, prepare
from tests.io.test_label_studio_direct import _label_map, _task
from tests.io.test_parallel_import import _usual

SCHEMA = default_schema()
STAMP = "2026-12-03T14:00:00+00:00"
PLAIN = "Velgrad said the harbour would reopen. Officials denied it on Monday, Škoda added 🙂."


def _comparable(prepared: Prepared) -> Any:
    """A prepared record whose error compares by its type and message (errors compare as objects)."""
    error = prepared.error
    return prepared._replace(error=None if error is None else (type(error), str(error)))


def _whole_way(task: Any, number: int) -> Any:
    try:
        record = label_studio_record(task, number, _label_map(), "label-studio")
        return _comparable(prepare(record, None, SCHEMA, STAMP))
    except AnnotatorError as exc:
        return ("error", str(exc))


def _spoiled(rng: random.Random, task: dict[str, Any]) -> dict[str, Any]:
    """The task with, now and then, its text without ``\\r`` or a NUL somewhere."""
    data = task.get("data")
    if isinstance(data, dict) and rng.random() < 0.5:
        data["text"] = PLAIN
    roll = rng.random()
    annotations = task.get("annotations") or []
    if roll < 0.03 and annotations:
        annotations[0]["completed_by"] = "an\x00a"
    elif roll < 0.06 and annotations and annotations[0].get("result"):
        result = annotations[0]["result"]
        key = result[0].get("id") if isinstance(result[0], dict) else "r0"
        result.append(
            {"id": key, "type": "textarea", "from_name": "note", "value": {"text": "bad\x00note"}}
        )
    elif roll < 0.08 and isinstance(data, dict):
        data["origin"] = "feed\x00"
    return task


def test_the_direct_rows_are_the_whole_ways_and_it_refuses_nothing_differently() -> None:
    rng = random.Random(20261204)
    taken = 0
    for number in range(1, 4001):
        if rng.random() < 0.3:
            task = _usual(number, rng.randrange(4))
            task["data"]["text"] = PLAIN
            task = _spoiled(rng, task)
        else:
            task = _spoiled(rng, _task(rng))
        expected = _whole_way(task, number)
        direct = _prepared_task(task, number, _label_map(), "label-studio", None, SCHEMA, STAMP)
        if direct is not None:
            taken += 1
            assert _comparable(direct) == expected, task
        try:
            read = _comparable(
                prepare(LabelStudioTask(task, number, _label_map(), "label-studio"), None,
                        SCHEMA, STAMP)
            )  # fmt: skip
        except AnnotatorError as exc:
            read = ("error", str(exc))
        assert read == expected, task
    assert 1200 < taken < 3500  # both ways were taken, often


def test_a_usual_task_is_made_into_rows_directly() -> None:
    result = [
        {"id": "c1", "type": "labels", "value": {"start": 0, "end": 37, "labels": ["Claim"]}},
        {"id": "m1", "type": "labels", "value": {"start": 0, "end": 7, "labels": ["Mention"]}},
        {"id": "q1", "type": "labels", "value": {"start": 8, "end": 12, "labels": ["Cue"]}},
        {"id": "c1", "type": "choices", "from_name": "stance", "value": {"choices": ["oppose"]}},
        {"type": "relation", "from_id": "m1", "to_id": "c1", "labels": ["Source"]},
    ]
    task = {"data": {"id": "a1", "text": PLAIN, "origin": "feed"}}
    task["annotations"] = [{"completed_by": "ana@example.org", "result": result}]

    direct = _prepared_task(task, 1, _label_map(), "label-studio", None, SCHEMA, STAMP)

    assert direct is not None and _comparable(direct) == _whole_way(task, 1)
    (entry,) = direct.entries
    assert entry.mentions == [
        ("a1:ana@example.org:mm1", "a1", "ana@example.org", 0, 7, None, 0, STAMP)
    ]
    assert entry.claims[0][:5] == ("a1:ana@example.org:cc1", "a1", "ana@example.org", 0, 37)
    assert entry.claims[0][8] == "oppose" and entry.claims[0][13:18] == (
        "a1:ana@example.org:mm1",
        "Velgrad",
        None,
        8,
        12,
    )


def _region(key: Any, start: int, end: int, label: str) -> dict[str, Any]:
    return {"id": key, "type": "labels", "value": {"start": start, "end": end, "labels": [label]}}


def test_regions_whose_ids_differ_only_as_number_and_string_are_refused_both_ways() -> None:
    # Region 1 and region "1" make the same label id: the whole way says it is used twice.
    for result in (
        [_region(1, 0, 7, "Mention"), _region("1", 8, 12, "Mention")],
        [_region("1", 0, 37, "Claim"), _region(1, 39, 60, "Claim")],
        [_region(2, 0, 37, "Claim"), _region("2", 0, 7, "Mention"), _region(" 2", 8, 12, "Claim")],
    ):
        task = {"data": {"id": "a1", "text": PLAIN}}
        task["annotations"] = [{"completed_by": "ana", "result": result}]
        expected = _whole_way(task, 1)
        direct = _prepared_task(task, 1, _label_map(), "label-studio", None, SCHEMA, STAMP)
        assert direct is None or _comparable(direct) == expected, result
        read = prepare(LabelStudioTask(task, 1, _label_map(), "label-studio"), None, SCHEMA, STAMP)
        assert _comparable(read) == expected
