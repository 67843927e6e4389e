"""Label Studio export: tasks JSON structure, code point offsets, and the matching config XML."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from annotator.core.errors import AnnotatorError
from annotator.core.spans import Utf16Map
from annotator.io.export import ExportFilter
from annotator.io.formats import export_to
from annotator.store.project import Project
from tests.io.standoff_project import EMOJI, RTL, build, cut


def read(path: Path) -> list[dict[str, Any]]:
    tasks = json.loads(path.read_text("utf-8"))
    assert isinstance(tasks, list)
    return tasks


def region(rid: str, text: str, part: str, label: str) -> dict[str, Any]:
    start, end = cut(text, part)
    return {
        "id": rid,
        "from_name": "label",
        "to_name": "text",
        "type": "labels",
        "value": {"start": start, "end": end, "text": part, "labels": [label]},
    }


def test_tasks_have_the_documented_structure(project: Project, tmp_path: Path) -> None:
    built = build(project)
    claim = built.claim
    out = tmp_path / "tasks.json"
    assert export_to(project, "label-studio", out, ExportFilter(annotator="ana")) == 3
    assert not out.with_name("tasks.json.partial").exists()
    e1, r1, n1 = read(out)
    assert e1["data"] == {
        "text": EMOJI,
        "id": "e1",
        "title": "Harbour",
        "story": "harbour",
        "annotator": "ana",
    }
    (annotation,) = e1["annotations"]
    result = annotation["result"]
    regions = [r for r in result if r["type"] == "labels"]
    entry = project.labels_for(["e1"], "ana")["e1"]["ana"]
    mentions = {EMOJI[m.start : m.end]: m.id for m in entry.mentions}
    assert regions == [
        region(mentions["Velgrad"], EMOJI, "Velgrad", "state"),
        region(mentions["Kestria"], EMOJI, "Kestria", "state"),
        region(claim, EMOJI, "Kestria must reopen the harbour", "Claim"),
        region(f"{claim}:cue", EMOJI, "said", "Cue"),
    ]
    start, end = cut(EMOJI, "Kestria must reopen the harbour")
    choices = [r for r in result if r["type"] == "choices"]
    assert {r["from_name"]: r["value"]["choices"] for r in choices} == {
        "stance": ["oppose"],
        "category": ["demand"],
        "certainty": ["asserted"],
        "checkworthy": ["checkworthy"],
        "attribution_type": ["indirect"],
        "source_kind": ["named"],
    }
    (note,) = [r for r in result if r["type"] == "textarea"]
    assert note == {
        "id": claim,
        "from_name": "note",
        "to_name": "text",
        "type": "textarea",
        "value": {
            "start": start,
            "end": end,
            "text": ["Check the\ntimeline"],
        },
    }
    for r in choices:
        assert r["id"] == claim and r["to_name"] == "text"
        assert r["value"]["start"] == start and r["value"]["end"] == end
        assert r["value"]["text"] == "Kestria must reopen the harbour"
    relations = [r for r in result if r["type"] == "relation"]
    assert relations == [
        {
            "type": "relation",
            "from_id": f"{claim}:cue",
            "to_id": claim,
            "direction": "right",
            "labels": ["Cue"],
        },
        {
            "type": "relation",
            "from_id": mentions["Velgrad"],
            "to_id": claim,
            "direction": "right",
            "labels": ["Source"],
        },
    ]
    assert len(result) == len(regions) + len(choices) + 1 + len(relations)
    assert r1["data"]["text"] == RTL
    r1_result = r1["annotations"][0]["result"]
    assert [r["value"]["text"] for r in r1_result if r["type"] == "labels"] == [
        "الوزير",
        "الميناء يجب أن يفتح",
    ]
    assert [r["value"]["choices"] for r in r1_result if r["type"] == "choices"] == [["support"]]
    assert n1["annotations"][0]["result"][0]["value"]["text"] == "the quay\nmust be repaired"


def test_offsets_are_code_points_as_label_studio_counts_them(
    project: Project, tmp_path: Path
) -> None:
    """Label Studio's editor counts code points: "🐱 Warning: This is a test text" -> 21..25."""
    build(project)
    out = tmp_path / "tasks.json"
    export_to(project, "label-studio", out, ExportFilter(annotator="ana"))
    for task in read(out):
        text = task["data"]["text"]
        for r in task["annotations"][0]["result"]:
            if r["type"] in ("labels", "choices"):  # a textarea's text is the note
                assert text[r["value"]["start"] : r["value"]["end"]] == r["value"]["text"]
    velgrad = read(out)[0]["annotations"][0]["result"][0]["value"]
    # 🇪🇺 is two code points (four UTF-16 units) before "Velgrad", plus a space.
    assert (velgrad["start"], velgrad["end"], velgrad["text"]) == (3, 10, "Velgrad")
    assert Utf16Map(EMOJI).to_utf16(velgrad["start"]) == 5  # what a UTF-16 count would give
    # The same numbers Label Studio's own emoji test expects:
    sample = "🐱 Warning: This is a test text"
    assert sample[21:25] == "test"


def test_config_declares_every_label_relation_and_choice(project: Project, tmp_path: Path) -> None:
    build(project)
    out = tmp_path / "tasks.json"
    export_to(project, "label-studio", out, ExportFilter(annotator="ana"))
    config = tmp_path / "tasks.label_config.xml"
    assert not (tmp_path / "tasks.label_config.xml.partial").exists()
    root = ET.parse(config).getroot()
    assert root.tag == "View"
    (text_tag,) = root.iter("Text")
    assert text_tag.get("name") == "text" and text_tag.get("value") == "$text"
    labels = {el.get("name"): el for el in root.iter("Labels")}
    assert set(labels) == {"label"} and labels["label"].get("toName") == "text"
    declared = {lab.get("value") for lab in labels["label"].iter("Label")}
    choices = {el.get("name"): el for el in root.iter("Choices")}
    for el in choices.values():
        assert el.get("toName") == "text" and el.get("perRegion") == "true"
    assert {c.get("value") for c in choices["stance"].iter("Choice")} == set(
        project.schema.field("stance").ids()
    )
    assert set(choices) == {
        "stance",
        "category",
        "certainty",
        "checkworthy",
        "attribution_type",
        "source_kind",
    }
    for name in ("attribution_type", "source_kind"):
        assert {c.get("value") for c in choices[name].iter("Choice")} == set(
            project.schema.field(name).ids()
        )
    (note,) = root.iter("TextArea")
    assert note.attrib == {
        "name": "note",
        "toName": "text",
        "perRegion": "true",
        "editable": "true",
        "maxSubmissions": "1",
    }
    relation_values = {r.get("value") for r in root.iter("Relation")}
    assert len(list(root.iter("Relations"))) == 1
    for task in read(out):
        for r in task["annotations"][0]["result"]:
            if r["type"] == "labels":
                assert r["from_name"] == "label"
                assert set(r["value"]["labels"]) <= declared
            elif r["type"] == "choices":
                assert r["from_name"] in choices
                allowed = {c.get("value") for c in choices[r["from_name"]].iter("Choice")}
                assert set(r["value"]["choices"]) <= allowed
            elif r["type"] == "textarea":
                assert r["from_name"] == note.get("name")
                assert all(isinstance(t, str) for t in r["value"]["text"])
            else:
                assert r["type"] == "relation"
                assert set(r["labels"]) <= relation_values


def test_filters_and_unlabelled_articles(project: Project, tmp_path: Path) -> None:
    build(project)
    out = tmp_path / "todo.json"
    assert export_to(project, "label-studio", out, ExportFilter(annotator="bo", status="todo")) == 2
    assert [(t["data"]["id"], t["data"]["annotator"], t["annotations"]) for t in read(out)] == [
        ("r1", None, []),
        ("n1", None, []),
    ]
    assert (tmp_path / "todo.label_config.xml").exists()


def test_several_annotators_on_one_article_are_refused(project: Project, tmp_path: Path) -> None:
    build(project)
    out = tmp_path / "tasks.json"
    with pytest.raises(AnnotatorError, match="label-studio holds one annotator's labels"):
        export_to(project, "label-studio", out)
    assert list(tmp_path.glob("tasks*")) == []
