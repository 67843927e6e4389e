"""doccano JSONL export (sequence labelling + relation extraction): exact structure and offsets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from annotator.core.errors import AnnotatorError
from annotator.io.export import ExportFilter
from annotator.io.formats import export_to
from annotator.store.project import Project
from tests.io.standoff_project import EMOJI, RTL, build, cut16


def entity(i: int, text: str, part: str, label: str) -> dict[str, Any]:
    start, end = cut16(text, part)
    return {"id": i, "start_offset": start, "end_offset": end, "label": label}


def utf16_slice(text: str, start: int, end: int) -> str:
    """``text[start:end]`` as JavaScript counts: in UTF-16 code units."""
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


def read(path: Path) -> list[dict[str, Any]]:
    raw = path.read_bytes()
    assert raw.endswith(b"\n") and b"\r" not in raw
    return [json.loads(line) for line in raw.decode("utf-8").splitlines()]


def test_doccano_lines_have_the_documented_structure(project: Project, tmp_path: Path) -> None:
    build(project)
    out = tmp_path / "d.jsonl"
    assert export_to(project, "doccano", out, ExportFilter(annotator="ana", story="harbour")) == 2
    assert not out.with_name("d.jsonl.partial").exists()
    e1, r1 = read(out)
    claim = "Kestria must reopen the harbour"
    assert e1 == {
        "id": "e1",
        "text": EMOJI,
        "annotator": "ana",
        "entities": [
            entity(0, EMOJI, "Velgrad", "state"),
            entity(1, EMOJI, "Kestria", "state"),
            entity(2, EMOJI, claim, "Claim"),
            entity(3, EMOJI, "said", "Cue"),
        ],
        "relations": [
            {"id": 0, "from_id": 3, "to_id": 2, "type": "Cue"},
            {"id": 1, "from_id": 0, "to_id": 2, "type": "Source"},
        ],
        "claims": [
            {
                # the claim entity by what doccano keeps of it: offsets and label
                **{k: v for k, v in entity(2, EMOJI, claim, "Claim").items() if k != "id"},
                "claimant": "Norvania",
                "addressee": None,
                "target": "Kestria",
                "stance": "oppose",
                "category": "demand",
                "certainty": "asserted",
                "checkworthy": "checkworthy",
                "attribution_type": "indirect",
                "source_kind": "named",
                "note": "Check the\ntimeline",
            }
        ],
    }
    # 🇪🇺 and a space: two regional indicators of two UTF-16 units each, then one
    assert e1["entities"][0]["start_offset"] == 5
    assert r1["text"] == RTL
    assert r1["entities"] == [
        entity(0, RTL, "الوزير", "official"),
        entity(1, RTL, "الميناء يجب أن يفتح", "Claim"),
    ]
    assert r1["relations"] == []
    assert r1["claims"][0]["stance"] == "support"


def test_every_entity_slices_the_labelled_words(project: Project, tmp_path: Path) -> None:
    build(project)
    out = tmp_path / "d.jsonl"
    export_to(project, "doccano", out, ExportFilter(annotator="ana"))
    words = {
        "e1": {"Velgrad", "Kestria", "Kestria must reopen the harbour", "said"},
        "r1": {"الوزير", "الميناء يجب أن يفتح"},
        "n1": {"the quay\nmust be repaired"},
    }
    lines = read(out)
    assert [line["id"] for line in lines] == ["e1", "r1", "n1"]
    for line in lines:
        text = line["text"]
        got = {utf16_slice(text, e["start_offset"], e["end_offset"]) for e in line["entities"]}
        assert got == words[line["id"]]
        ids = [e["id"] for e in line["entities"]]
        assert len(set(ids)) == len(ids) and all(type(i) is int for i in ids)
        for rel in line["relations"]:
            assert {rel["from_id"], rel["to_id"]} <= set(ids)


def test_filters_and_unlabelled_articles(project: Project, tmp_path: Path) -> None:
    build(project)
    out = tmp_path / "bo.jsonl"
    assert export_to(project, "doccano", out, ExportFilter(annotator="bo", status="skipped")) == 1
    (line,) = read(out)
    assert line["annotator"] == "bo"
    assert line["entities"] == [entity(0, EMOJI, "the harbour", "Claim")]
    todo = tmp_path / "todo.jsonl"
    assert export_to(project, "doccano", todo, ExportFilter(annotator="bo", status="todo")) == 2
    assert [(x["id"], x["annotator"], x["entities"]) for x in read(todo)] == [
        ("r1", None, []),
        ("n1", None, []),
    ]


def test_several_annotators_on_one_article_are_refused(project: Project, tmp_path: Path) -> None:
    build(project)
    out = tmp_path / "d.jsonl"
    with pytest.raises(AnnotatorError, match="'e1' has labels by ana, bo"):
        export_to(project, "doccano", out)
    assert not out.exists()
    assert not out.with_name("d.jsonl.partial").exists()


def test_code_point_offsets_on_request(project: Project, tmp_path: Path) -> None:
    build(project)
    out = tmp_path / "cp.jsonl"
    export_to(project, "doccano", out, ExportFilter(annotator="ana"), offsets="codepoints")
    e1 = read(out)[0]
    assert e1["entities"][0]["start_offset"] == 3  # 🇪🇺 and a space: three code points
    assert {e1["text"][e["start_offset"] : e["end_offset"]] for e in e1["entities"]} == {
        "Velgrad",
        "Kestria",
        "Kestria must reopen the harbour",
        "said",
    }
    with pytest.raises(AnnotatorError, match="unknown offset unit 'bytes'"):
        export_to(project, "doccano", tmp_path / "b.jsonl", offsets="bytes")
    assert not (tmp_path / "b.jsonl").exists()
