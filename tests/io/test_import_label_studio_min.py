"""Label Studio JSON-min import, Label Studio from a named pipe, unlabelled relations."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import AnnotatorError, InputError
from annotator.io.importer import import_files
from annotator.store.project import Project
from tests.helpers import dump
from tests.io.malformed import JSON_VALUES, changes, dumps, garbled

TEXT = "Ana Berg said the 😀 port must close. Officials said taxes will rise."


def at(part: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def reg(part: str, label: str, text: str = TEXT) -> dict[str, Any]:
    """A region as JSON-min writes it (no id, no type)."""
    start, end = at(part, text)
    return {"start": start, "end": end, "text": part, "labels": [label]}


def obj(annotator: Any, regions: list[dict[str, Any]], **more: Any) -> dict[str, Any]:
    """One JSON-min object: task 7's data, one annotation, its metadata."""
    return {
        "text": TEXT,
        "title": "Port",
        "desk": "x",
        "id": 7,
        "label": regions,
        **more,
        "annotator": annotator,
        "annotation_id": 12,
        "created_at": "2026-01-02T10:00:00Z",
        "updated_at": "2026-01-02T10:01:00Z",
        "lead_time": 4.5,
    }


def write(path: Path, items: list[Any]) -> Path:
    path.write_text(json.dumps(items, ensure_ascii=False, indent=2), "utf-8")
    return path


def test_json_min_annotations_of_a_task_make_one_article(project: Project, tmp_path: Path) -> None:
    ana = obj(
        "ana@example.org",
        [
            reg("the 😀 port must close", "Claim"),
            reg("said the", "Cue"),
            reg("Ana Berg", "Mention"),
        ],
        stance="oppose",
        note="check",
        sentiment="angry",  # a control we do not read: a data field to us
    )
    ben = obj(
        5,  # a user number: the default annotator
        [reg("the 😀 port must close", "Claim"), reg("taxes will rise", "Claim")],
        stance=["support", "oppose"],  # bare choices of two claims: no region to tie them to
    )
    other = {"text": "Short one.", "id": 8, "annotator": "ana@example.org", "label": []}
    path = write(tmp_path / "min.json", [ana, ben, other])

    report = import_files(project, [path], format="label-studio")

    assert (report.added, report.annotations, report.skipped) == (2, 3, [])
    article = project.article("7")
    assert article is not None and article.title == "Port"
    assert article.meta == {"desk": "x", "sentiment": "angry"}  # no annotation metadata
    (claim,) = project.labels("7", "ana@example.org").claims
    assert (claim.start, claim.end) == at("the 😀 port must close")  # code points
    assert claim.stance == "oppose" and claim.note == "check"
    assert claim.attribution.cue == at("said the")  # the one claim it overlaps
    assert claim.id == "7:ana@example.org:c1"
    mentions = project.labels("7", "ana@example.org").mentions
    assert [(m.start, m.end) for m in mentions] == [at("Ana Berg")]
    ben_claims = project.labels("7", "label-studio").claims
    assert [c.stance for c in ben_claims] == [None, None]
    assert report.warnings == [
        f"{path}: task 1: ana@example.org: no claim cites a mention as its source, here and in"
        " the tasks after (JSON-min keeps no relations; export Label Studio JSON to keep them)",
        f"{path}: task 1: label-studio: stance ['support', 'oppose'] left out: JSON-min keeps"
        " no region ids, and the annotation has 2 claims",
    ]
    assert project.article("8") is not None

    again = import_files(project, [path], format="label-studio")
    assert (again.added, again.existing) == (0, 2)
    assert len(project.labels("7", "ana@example.org").claims) == 1  # the same label ids


def test_json_min_regions_choices_and_what_it_cannot_carry(
    project: Project, tmp_path: Path
) -> None:
    first, second = "the 😀 port must close", "taxes will rise"
    per_region = {**dict(zip(("start", "end"), at(second), strict=True)), "text": second}
    item = obj(
        "ana@example.org",
        [
            reg(first, "Claim"),
            reg(second, "Claim"),
            reg("Ana Berg", "Source"),
            reg("said the 😀 port", "Cue"),  # overlaps one claim: its cue
            reg("Officials said taxes", "Cue"),  # overlaps one claim: its cue
            reg("Ana", "Cue"),  # overlaps none
        ],
        stance={**per_region, "choices": ["support"]},  # a region kept: several choices
    )
    path = write(tmp_path / "min.json", [item])

    report = import_files(project, [path], format="label-studio")

    claims = {(c.start, c.end): c for c in project.labels("7", "ana@example.org").claims}
    assert claims[at(second)].stance == "support" and claims[at(first)].stance is None
    assert claims[at(first)].attribution.cue == at("said the 😀 port")
    assert claims[at(second)].attribution.cue == at("Officials said taxes")
    assert claims[at(first)].attribution.source_mention is None
    (source,) = project.labels("7", "ana@example.org").mentions
    assert (source.start, source.end) == at("Ana Berg")
    place = f"{path}: task 1: ana@example.org:"
    assert report.warnings == [
        f"{place} cue 'Ana' at 0-3 left out: it overlaps 0 claims, and JSON-min keeps no"
        " relations; export Label Studio JSON to keep them",
        f"{place} no claim cites a mention as its source, here and in the tasks after"
        " (JSON-min keeps no relations; export Label Studio JSON to keep them)",
    ]
    twice = write(tmp_path / "twice.json", [item, {**item, "id": 8}])
    said = import_files(project, [twice], format="label-studio").warnings
    assert [w for w in said if "source" in w] == [  # once a file
        f"{twice}: task 1: ana@example.org: no claim cites a mention as its source, here and"
        " in the tasks after (JSON-min keeps no relations; export Label Studio JSON to keep them)"
    ]
    assert len(said) == 3  # and the loose cue of each task


def test_json_min_errors_name_the_task(project: Project, tmp_path: Path) -> None:
    good = obj("ana@example.org", [reg("taxes will rise", "Claim")])
    bad = {**obj("ana@example.org", [reg("taxes will rise", "Opinion")]), "id": 9}
    path = write(tmp_path / "bad.json", [good, {**good, "annotator": "ben"}, bad])
    before = dump(project.path)
    with pytest.raises(InputError) as info:
        import_files(project, [path], format="label-studio")
    assert str(info.value).startswith(f"{path}: task 2: ") and "'Opinion'" in str(info.value)
    assert dump(project.path) == before
    same = write(tmp_path / "same.json", [good, good])
    with pytest.raises(InputError, match=r"task 1: two annotations by 'ana@example\.org'"):
        import_files(project, [same], format="label-studio")
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps([good, {**good, "id": 9}])[:-30], "utf-8")
    report = import_files(project, [broken], format="label-studio", skip_invalid=True)
    assert report.added == 1 and len(report.skipped) == 1
    assert str(report.skipped[0]).startswith(f"{broken}: task 2: not valid JSON")
    with pytest.raises(InputError, match="task 1: stance: expected a string or a region"):
        import_files(project, [write(tmp_path / "s.json", [{**good, "stance": 3}])], "label-studio")


def _through_a_pipe(tmp_path: Path, content: bytes) -> tuple[Path, threading.Thread]:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)

    def feed() -> None:
        with open(pipe, "wb") as out:
            out.write(content)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    return pipe, writer


@pytest.mark.parametrize("kind", ["json", "json-min"])
def test_label_studio_reads_from_a_named_pipe(project: Project, tmp_path: Path, kind: str) -> None:
    claim = reg("taxes will rise", "Claim")
    if kind == "json":
        result = [{"id": "r", "type": "labels", "value": claim}]
        items: list[Any] = [
            {"data": {"text": TEXT, "id": f"a{n}"}, "annotations": [{"result": result}]}
            for n in range(300)
        ]
    else:
        items = [{**obj("ana", [claim]), "id": f"a{n}"} for n in range(300)]
    pipe, writer = _through_a_pipe(tmp_path, json.dumps(items).encode())

    report = import_files(project, [pipe], format="label-studio")
    writer.join(timeout=10)

    assert (report.added, report.skipped) == (300, [])
    who = "label-studio" if kind == "json" else "ana"
    assert len(project.labels("a299", who).claims) == 1


def _relation_task(ends: tuple[str, str], labels: list[str]) -> list[dict[str, Any]]:
    parts = {"c": ("the 😀 port must close", "Claim"), "k": ("said", "Cue"),
             "m": ("Ana Berg", "Mention"), "d": ("taxes will rise", "Claim")}  # fmt: skip
    result: list[dict[str, Any]] = [
        {"id": key, "type": "labels", "from_name": "label", "value": reg(part, label)}
        for key, (part, label) in parts.items()
        if key in (*ends, "c")
    ]
    result.append({"type": "relation", "from_id": ends[0], "to_id": ends[1], "labels": labels})
    return [{"data": {"text": TEXT, "id": "t"}, "annotations": [{"result": result}]}]


def test_an_unlabelled_relation_means_what_it_links(project: Project, tmp_path: Path) -> None:
    path = write(tmp_path / "cue.json", _relation_task(("k", "c"), []))
    import_files(project, [path], format="label-studio")
    claim = next(
        c
        for c in project.labels("t", "label-studio").claims
        if c.start == at("the 😀 port must close")[0]
    )
    assert claim.attribution.cue == at("said")

    path = write(tmp_path / "source.json", _relation_task(("c", "m"), []))
    import_files(project, [path], format="label-studio")
    claim = next(
        c
        for c in project.labels("t", "label-studio").claims
        if c.start == at("the 😀 port must close")[0]
    )
    (mention,) = project.labels("t", "label-studio").mentions
    assert claim.attribution.source_mention == mention.id
    assert claim.attribution.source_text == "Ana Berg"

    before = dump(project.path)
    for ends, links in (
        (("c", "d"), "claim and a claim"),
        (("m", "x"), "mention and no known region"),
    ):
        path = write(tmp_path / "bad.json", [{"data": {"text": "x"}}, *_relation_task(ends, [])])
        with pytest.raises(InputError) as info:
            import_files(project, [path], format="label-studio")
        assert str(info.value).startswith(
            f"{path}: task 2: relation {ends[0]!r} -> {ends[1]!r} has no label, and between a"
            f" {links}"
        )
    assert dump(project.path) == before


def test_json_min_files_made_and_garbled_by_hypothesis(tmp_path: Path) -> None:
    """Changed and garbled JSON-min files import, or fail with our error and no change."""
    valid = [
        obj(
            "ana@example.org",
            [reg("the 😀 port must close", "Claim"), reg("said", "Cue"), reg("Ana Berg", "Source")],
            stance="oppose",
            note=["a", "b"],
        ),
        obj("ben", [reg("taxes will rise", "Claim")], certainty={"start": 1, "end": 2}),
        {"text": "Short one.", "id": 8, "label": []},
    ]
    counter = iter(range(10**9))
    with Project.create(tmp_path / "p.claims") as project:

        @settings(
            max_examples=80,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        @given(data=st.data())
        def check(data: st.DataObject) -> None:
            items = [data.draw(changes(v)) if data.draw(st.booleans()) else v for v in valid]
            if data.draw(st.booleans()):
                items.append(data.draw(JSON_VALUES))
            content = data.draw(garbled(dumps(items)))
            source = tmp_path / f"in{next(counter)}.json"
            source.write_bytes(content)
            before = dump(project.path)
            try:
                import_files(
                    project, [source], "label-studio", skip_invalid=data.draw(st.booleans())
                )
            except AnnotatorError:
                assert dump(project.path) == before

        check()
