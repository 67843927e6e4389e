"""Suggestions in exports on request: native JSONL's "suggestions", Label Studio's predictions."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from annotator.assist.compute import compute_suggestions
from annotator.assist.patterns import VERSION as PATTERNS
from annotator.io.export import ExportFilter
from annotator.io.formats import export_to
from annotator.io.importer import import_files
from annotator.store.project import Project
from tests.assist.gold import DATA
from tests.helpers import run


@pytest.fixture
def gold(tmp_path: Path) -> Iterator[Project]:
    """The gold sample articles, suggestions computed for ana and bo, one accepted by ana."""
    path = tmp_path / "gold.claims"
    run("init", path)
    run("import", path, DATA)
    with Project.open(path) as project:
        compute_suggestions(project, "ana", recommenders=["patterns", "actors"])
        compute_suggestions(project, "bo", recommenders=["patterns"])
        project.accept_suggestions(project.offered_keys("ferry-01", "ana")[:1], "ana")
        yield project


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_native_lines_carry_suggestions_apart_from_labels(gold: Project, tmp_path: Path) -> None:
    out = tmp_path / "with.jsonl"
    assert export_to(gold, "jsonl", out, suggestions=True) == 12
    found = lines(out)
    assert all(list(line)[-2:] == ["annotations", "suggestions"] for line in found)
    ferry = next(line for line in found if line["id"] == "ferry-01")
    offered, accepted = ferry["suggestions"]["offered"], ferry["suggestions"]["accepted"]
    assert {o["annotator"] for o in offered} == {"ana", "bo"}
    every = [(line, o) for line in found for o in line["suggestions"]["offered"]]
    # (a claim's known source is not offered again as a mention: those are names elsewhere)
    assert {o["kind"] for _, o in every} >= {"claim", "mention"}
    for line, o in every:
        for mention in o["mentions"]:
            assert line["text"][mention["start"] : mention["end"]] == mention["text"]
    for o in offered:
        assert 0 <= o["score"] <= 1 and o["recommender"] in ("patterns", "actors")
        for mention in o["mentions"]:
            assert ferry["text"][mention["start"] : mention["end"]] == mention["text"]
        if o["claim"] is not None:
            claim = o["claim"]
            assert ferry["text"][claim["start"] : claim["end"]] == claim["text"]
    (first,) = {a["key"] for a in accepted}
    assert first not in {o["key"] for o in offered if o["annotator"] == "ana"}
    assert {a["accepted_by"] for a in accepted} == {"ana"}
    (entry,) = [e for e in ferry["annotations"] if e["annotator"] == "ana"]
    made = {c["id"] for c in entry["claims"]} | {m["id"] for m in entry["mentions"]}
    assert {a["label"] for a in accepted} <= made  # provenance names the labels


def test_the_annotator_filter_narrows_the_suggestions(gold: Project, tmp_path: Path) -> None:
    out = tmp_path / "bo.jsonl"
    export_to(gold, "jsonl", out, ExportFilter(annotator="bo"), suggestions=True)
    offered = [o for line in lines(out) for o in line["suggestions"]["offered"]]
    assert offered and {(o["annotator"], o["recommender"]) for o in offered} == {("bo", "patterns")}
    assert all(line["suggestions"]["accepted"] == [] for line in lines(out))


def test_native_import_keeps_nothing_of_the_suggestions(gold: Project, tmp_path: Path) -> None:
    plain, rich = tmp_path / "plain.jsonl", tmp_path / "rich.jsonl"
    export_to(gold, "jsonl", plain)
    export_to(gold, "jsonl", rich, suggestions=True)
    again = tmp_path / "again.claims"
    with Project.create(again) as other:
        import_files(other, [rich])
        assert other.iter_stored_suggestions() == []
        assert all(a.meta == {} for batch in other.iter_articles() for a in batch)
        round_trip = tmp_path / "round.jsonl"
        export_to(other, "jsonl", round_trip)
    assert round_trip.read_bytes() == plain.read_bytes()


def test_label_studio_tasks_carry_predictions(gold: Project, tmp_path: Path) -> None:
    out = tmp_path / "tasks.json"
    export_to(gold, "label-studio", out, ExportFilter(annotator="ana"), suggestions=True)
    tasks = json.loads(out.read_text("utf-8"))
    assert len(tasks) == 12
    versions = set()
    for task in tasks:
        text = task["data"]["text"]
        for prediction in task["predictions"]:
            assert set(prediction) == {"model_version", "score", "result"}
            assert isinstance(prediction["model_version"], str)
            assert 0 <= prediction["score"] <= 1
            versions.add(prediction["model_version"])
            regions = {r["id"] for r in prediction["result"] if r["type"] == "labels"}
            for result in prediction["result"]:
                if result["type"] == "relation":
                    assert {result["from_id"], result["to_id"]} <= regions
                    continue
                assert result["from_name"] in (
                    "label",
                    "stance",
                    "category",
                    "certainty",
                    "checkworthy",
                    "attribution_type",
                    "source_kind",
                )
                assert result["id"] in regions
                value = result["value"]
                assert text[value["start"] : value["end"]] == value["text"]
                if result["type"] == "labels":
                    assert 0 <= result["score"] <= 1
    assert versions == {f"patterns {PATTERNS}", "actors 1"}
    plain = tmp_path / "plain.json"
    export_to(gold, "label-studio", plain, ExportFilter(annotator="ana"))
    assert all("predictions" not in task for task in json.loads(plain.read_text("utf-8")))


def test_label_studio_import_reads_the_annotations_not_the_predictions(
    gold: Project, tmp_path: Path
) -> None:
    out = tmp_path / "tasks.json"
    export_to(gold, "label-studio", out, ExportFilter(annotator="ana"), suggestions=True)
    with Project.create(tmp_path / "ls.claims") as other:
        import_files(other, [out], "label-studio")
        claims = sum(
            len(entry.claims)
            for entries in other.labels_for(
                [a.id for b in other.iter_articles() for a in b]
            ).values()
            for entry in entries.values()
        )
    assert claims == len(gold.labels("ferry-01", "ana").claims)


def test_suggestions_go_with_jsonl_and_label_studio_only(gold: Project, tmp_path: Path) -> None:
    result = run("export", gold.path, "--format", "csv", "-o", tmp_path / "x.csv",
                 "--suggestions", ok=False)  # fmt: skip
    assert result.stderr == "Error: --suggestions goes with --format jsonl or label-studio\n"
    stdout = run("export", gold.path, "--suggestions", "--annotator", "ana").stdout
    assert all("suggestions" in json.loads(line) for line in stdout.splitlines())
