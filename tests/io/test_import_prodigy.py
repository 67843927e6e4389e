"""Prodigy JSONL import: round trip of our export, hand-written lines, bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from annotator.core.errors import InputError
from annotator.io.export import ExportFilter
from annotator.io.formats import export_to
from annotator.io.importer import import_files
from annotator.store.project import Project
from tests.helpers import dump
from tests.io.standoff_project import EMOJI, RTL, build, cut, spans


def write(path: Path, *lines: Any) -> Path:
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")
    return path


def span(text: str, part: str, label: str) -> dict[str, Any]:
    found = cut(text, part)
    return {"start": found.start, "end": found.end, "label": label}


def test_round_trip_native_prodigy_native(project: Project, tmp_path: Path) -> None:
    build(project)
    out = tmp_path / "p.jsonl"
    export_to(project, "prodigy", out, ExportFilter(annotator="ana"))
    fresh = Project.create(tmp_path / "fresh.claims")
    try:
        report = import_files(fresh, [out], format="prodigy")
        assert (report.added, report.annotations, report.skipped) == (3, 3, [])
        for article_id in ("e1", "r1", "n1"):
            assert fresh.article(article_id).text == project.article(article_id).text  # type: ignore[union-attr]
            assert spans(fresh, article_id, "ana") == spans(project, article_id, "ana")
        assert spans(fresh, "r1", "ana")["mentions"] == {"الوزير"}
        claim = fresh.labels("e1", "ana").claims[0]
        original = project.labels("e1", "ana").claims[0]
        for name in ("stance", "category", "certainty", "checkworthy", "note"):
            assert getattr(claim, name) == getattr(original, name)
        assert claim.attribution.type == "indirect" and claim.attribution.source_kind == "named"
        assert claim.attribution.cue == cut(EMOJI, "said")
        source = {m.id: m for m in fresh.labels("e1", "ana").mentions}[
            claim.attribution.source_mention  # type: ignore[index]
        ]
        assert EMOJI[source.start : source.end] == "Velgrad"
        assert fresh.article("r1").title == "الميناء"  # type: ignore[union-attr]
        again = import_files(fresh, [out], format="prodigy")
        assert (again.added, again.existing) == (0, 3)
    finally:
        fresh.close()


def test_unknown_label_names_the_file_and_line(project: Project, tmp_path: Path) -> None:
    good = {"text": EMOJI, "meta": {"id": "a1"}, "spans": [span(EMOJI, "Kestria", "Claim")]}
    bad = {"text": RTL, "meta": {"id": "b2"}, "spans": [span(RTL, "الوزير", "Opinion")]}
    path = write(tmp_path / "bad.jsonl", good, bad)
    before = dump(project.path)
    with pytest.raises(InputError) as info:
        import_files(project, [path], format="prodigy")
    message = str(info.value)
    assert str(path) in message and "line 2" in message and "'Opinion'" in message
    assert dump(project.path) == before
    report = import_files(project, [path], format="prodigy", skip_invalid=True)
    assert report.added == 1 and len(report.skipped) == 1
    assert project.article("a1") is not None and project.article("b2") is None
    assert len(project.labels("a1", "prodigy").claims) == 1


def test_relations_match_spans_by_offsets_and_rejected_examples(
    project: Project, tmp_path: Path
) -> None:
    claim, who = span(RTL, "الميناء يجب أن يفتح", "Claim"), span(RTL, "الوزير", "Mention")
    cue = span(RTL, "قال", "Cue")
    line = {
        "text": RTL,
        "spans": [claim, who, cue],
        "relations": [
            {"head_span": {**who, "label": None}, "child_span": claim, "label": "SOURCE"},
            {"head_span": cue, "child_span": claim, "label": "CUE"},
        ],
        "_input_hash": 1,
    }
    rejected = {"text": EMOJI, "spans": [span(EMOJI, "Kestria", "Nope")], "answer": "reject"}
    report = import_files(project, [write(tmp_path / "r.jsonl", line, rejected)], format="prodigy")
    assert (report.added, report.annotations) == (2, 1)
    labels = project.labels("1", "prodigy")
    assert labels.claims[0].attribution.source_mention == labels.mentions[0].id
    assert spans(project, "1", "prodigy")["cues"] == {"قال"}
    assert project.article("2") is not None and not project.labels("2", "prodigy").claims
    dangling = {**line, "relations": [{"head_span": {"start": 0, "end": 1}, "child_span": claim}]}
    with pytest.raises(InputError, match="matches 0 spans"):
        import_files(project, [write(tmp_path / "d.jsonl", dangling)], format="prodigy")
