"""Label Studio JSON import: round trip of our export, hand-written tasks, bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from annotator.core.errors import InputError
from annotator.core.model import Attribution
from annotator.io.export import ExportFilter
from annotator.io.formats import export_to
from annotator.io.importer import import_files
from annotator.store.project import Project
from tests.helpers import dump
from tests.io.standoff_project import EMOJI, RTL, build, cut, spans


def write(path: Path, tasks: list[Any]) -> Path:
    path.write_text(json.dumps(tasks, ensure_ascii=False), "utf-8")
    return path


def region(key: str, text: str, part: str, label: str) -> dict[str, Any]:
    span = cut(text, part)
    value = {"start": span.start, "end": span.end, "text": part, "labels": [label]}
    return {"id": key, "from_name": "label", "to_name": "text", "type": "labels", "value": value}


def test_round_trip_native_label_studio_native(project: Project, tmp_path: Path) -> None:
    build(project)
    out = tmp_path / "tasks.json"
    export_to(project, "label-studio", out, ExportFilter(annotator="ana"))
    fresh = Project.create(tmp_path / "fresh.claims")
    try:
        report = import_files(fresh, [out], format="label-studio", annotator="ana")
        assert (report.added, report.annotations, report.skipped) == (3, 3, [])
        for article_id in ("e1", "r1", "n1"):
            assert fresh.article(article_id).text == project.article(article_id).text  # type: ignore[union-attr]
            assert spans(fresh, article_id, "ana") == spans(project, article_id, "ana")
        assert spans(fresh, "r1", "ana")["claims"] == {"الميناء يجب أن يفتح"}
        claim = fresh.labels("e1", "ana").claims[0]
        original = project.labels("e1", "ana").claims[0]
        for name in ("stance", "category", "certainty", "checkworthy"):
            assert getattr(claim, name) == getattr(original, name)
        assert claim.stance == "oppose" and claim.checkworthy == "checkworthy"
        assert fresh.labels("r1", "ana").claims[0].stance == "support"
        assert claim.attribution.cue == cut(EMOJI, "said")
        source = {m.id: m for m in fresh.labels("e1", "ana").mentions}[
            claim.attribution.source_mention  # type: ignore[index]
        ]
        assert EMOJI[source.start : source.end] == "Velgrad"
        # data.title and data.story are article keys; data.annotator is dropped
        r1 = fresh.article("r1")
        assert r1 is not None and r1.title == "الميناء" and r1.story == "harbour"
        assert r1.meta == {}
        again = import_files(fresh, [out], format="label-studio", annotator="ana")
        assert (again.added, again.existing) == (0, 3)
        assert len(fresh.labels("e1", "ana").claims) == 1
    finally:
        fresh.close()


def test_annotations_by_completed_by_and_task_numbers(project: Project, tmp_path: Path) -> None:
    claim = region("c", RTL, "الميناء يجب أن يفتح", "Claim")
    stance = {
        "id": "c",
        "from_name": "stance",
        "to_name": "text",
        "type": "choices",
        "value": {"choices": ["support"]},
    }
    path = write(
        tmp_path / "ls.json",
        [
            {
                "id": 41,
                "data": {"text": RTL, "source": "wire", "batch": 2},
                "annotations": [
                    {"completed_by": "lina@example.org", "result": [claim, stance]},
                    {"completed_by": {"id": 3, "email": "omar@example.org"}, "result": [claim]},
                    {"completed_by": 7, "result": [region("m", RTL, "الوزير", "Mention")]},
                    {"was_cancelled": True, "completed_by": 8, "result": [claim]},
                ],
            },
            {"data": {"text": EMOJI, "id": "e"}, "annotations": []},
        ],
    )
    report = import_files(project, [path], format="label-studio")
    assert (report.added, report.annotations) == (2, 3)
    article = project.article("1")  # no data.id: the task number
    assert article is not None and article.source == "wire" and article.meta == {"batch": 2}
    assert project.labels("1", "lina@example.org").claims[0].stance == "support"
    assert project.labels("1", "omar@example.org").claims[0].stance is None
    assert spans(project, "1", "label-studio")["mentions"] == {"الوزير"}
    assert project.article("e") is not None


def test_unknown_label_names_the_file_and_task(project: Project, tmp_path: Path) -> None:
    good = {
        "data": {"text": EMOJI, "id": "a1"},
        "annotations": [{"result": [region("k", EMOJI, "Kestria", "Claim")]}],
    }
    bad = {
        "data": {"text": RTL, "id": "b2"},
        "annotations": [{"result": [region("o", RTL, "الوزير", "Opinion")]}],
    }
    path = write(tmp_path / "bad.json", [good, bad])
    before = dump(project.path)
    with pytest.raises(InputError) as info:
        import_files(project, [path], format="label-studio")
    message = str(info.value)
    assert str(path) in message and "task 2" in message and "'Opinion'" in message
    assert dump(project.path) == before  # a1 came first but nothing was written
    report = import_files(project, [path], format="label-studio", skip_invalid=True)
    assert report.added == 1 and len(report.skipped) == 1
    assert "task 2" in str(report.skipped[0])
    assert project.article("a1") is not None and project.article("b2") is None
    assert len(project.labels("a1", "label-studio").claims) == 1


def test_native_errors_and_bad_files_name_the_task(project: Project, tmp_path: Path) -> None:
    wrong_text = region("k", EMOJI, "Kestria", "Claim")
    wrong_text["value"]["text"] = "Velgrad"
    path = write(
        tmp_path / "t.json",
        [{"data": {"text": EMOJI}, "annotations": [{"result": [wrong_text]}]}],
    )
    with pytest.raises(InputError, match="task 1: "):
        import_files(project, [path], format="label-studio")
    not_json = tmp_path / "n.json"
    not_json.write_text("[{", "utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        import_files(project, [not_json], format="label-studio")
    same = {"data": {"text": RTL}, "annotations": [{"result": []}, {"result": []}]}
    with pytest.raises(InputError, match="task 1: two annotations by 'label-studio'"):
        import_files(project, [write(tmp_path / "s.json", [same])], format="label-studio")
    assert project.article("1") is None


def _claim_fields(project: Project, article_id: str) -> dict[tuple[int, int], tuple[Any, ...]]:
    return {
        (c.start, c.end): (c.note, c.attribution.attribution_type, c.attribution.source_kind)
        for c in project.labels(article_id, "ana").claims
    }


def test_note_attribution_type_and_source_kind_survive_a_round_trip(
    project: Project, tmp_path: Path
) -> None:
    build(project)
    (r1_claim,) = project.labels("r1", "ana").claims
    project.update_claim(
        r1_claim.id,
        note="He said \"tomorrow\" 🙂\nand 'maybe' <b>&amp;</b>",
        attribution=Attribution(attribution_type="direct", source_kind="unnamed"),
    )
    first = tmp_path / "first.json"
    export_to(project, "label-studio", first, ExportFilter(annotator="ana"))
    fresh = Project.create(tmp_path / "fresh.claims")
    try:
        import_files(fresh, [first], format="label-studio", annotator="ana")
        for article_id in ("e1", "r1", "n1"):
            assert _claim_fields(fresh, article_id) == _claim_fields(project, article_id)
        assert _claim_fields(fresh, "e1") == {
            cut(EMOJI, "Kestria must reopen the harbour"): (
                "Check the\ntimeline",
                "indirect",
                "named",
            )
        }
        (claim,) = fresh.labels("r1", "ana").claims
        assert claim.note == "He said \"tomorrow\" 🙂\nand 'maybe' <b>&amp;</b>"
        assert (claim.attribution.attribution_type, claim.attribution.source_kind) == (
            "direct",
            "unnamed",
        )
        second = tmp_path / "second.json"
        export_to(fresh, "label-studio", second, ExportFilter(annotator="ana"))
    finally:
        fresh.close()

    def per_region(path: Path) -> list[list[tuple[Any, ...]]]:
        return [
            sorted(
                (r["from_name"], r["value"]["start"], r["value"]["end"], str(r["value"]))
                for r in task["annotations"][0]["result"]
                if r["type"] in ("choices", "textarea")
            )
            for task in json.loads(path.read_text("utf-8"))
        ]

    assert per_region(second) == per_region(first)
    assert any(r[0] == "note" for task in per_region(first) for r in task)


def test_files_without_notes_and_unknown_controls_import_as_before(
    project: Project, tmp_path: Path
) -> None:
    claim = region("k", EMOJI, "Kestria must reopen the harbour", "Claim")
    where = {k: claim["value"][k] for k in ("start", "end")}
    unknown = [
        {"id": "k", "from_name": "sentiment", "to_name": "text", "type": "choices",
         "value": {**where, "choices": ["angry"]}},
        {"id": "k", "from_name": "comment", "to_name": "text", "type": "textarea",
         "value": {**where, "text": ["not ours"]}},
        {"id": "x", "from_name": "summary", "to_name": "text", "type": "textarea",
         "value": {"text": ["a whole-task text area"]}},
        {"id": "k", "from_name": "stance", "to_name": "text", "type": "choices",
         "value": {**where, "choices": ["oppose"]}},
    ]  # fmt: skip
    path = write(
        tmp_path / "old.json",
        [{"data": {"text": EMOJI, "id": "a1"}, "annotations": [{"result": [claim, *unknown]}]}],
    )
    report = import_files(project, [path], format="label-studio")
    assert (report.added, report.skipped) == (1, [])
    (imported,) = project.labels("a1", "label-studio").claims
    assert imported.stance == "oppose" and imported.note == ""
    assert (
        imported.attribution.attribution_type is None and imported.attribution.source_kind is None
    )
    note = {"id": "k", "from_name": "note", "to_name": "text", "type": "textarea",
            "value": {**where, "text": ["first", "second"]}}  # fmt: skip
    claim["value"].update(zip(("start", "end"), cut(RTL, "الميناء يجب أن يفتح"), strict=True))
    claim["value"]["text"] = "الميناء يجب أن يفتح"
    note["value"].update({k: claim["value"][k] for k in ("start", "end")})
    path = write(
        tmp_path / "two.json",
        [{"data": {"text": RTL, "id": "b2"}, "annotations": [{"result": [claim, note]}]}],
    )
    import_files(project, [path], format="label-studio")
    assert project.labels("b2", "label-studio").claims[0].note == "first\nsecond"
