"""Native JSONL keeps a claim's segments: the shape, the round trip, old files, bad segments."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from annotator.core.errors import InputError
from annotator.core.spans import Span
from annotator.io.importer import import_files
from annotator.store.project import Project
from tests.io import segmented
from tests.io.lines import claim, entry, export_bytes, span, write_jsonl

TEXT = "“The plan,” she said, “will fail.”"


def test_a_claim_in_segments_is_written_with_its_hull_and_its_segments(tmp_path: Path) -> None:
    segmented.make(tmp_path / "p.claims")
    with Project.open(tmp_path / "p.claims") as project:
        line = orjson.loads(export_bytes(project))
    two, three, whole = line["annotations"][0]["claims"]
    text = segmented.TEXT
    assert [two["start"], two["end"]] == [text.index("The toll"), text.index(" before winter") + 14]
    assert two["text"] == text[two["start"] : two["end"]]
    assert two["segments"] == [span(text, "The toll plan"), span(text, "will fail before winter")]
    assert [s["text"] for s in three["segments"]] == [
        "Ships",
        "are already leaving",
        "for Skarre\nBay",
    ]
    assert "segments" not in whole  # a claim in one piece is written as before


def test_export_import_export_keeps_every_segment_byte_for_byte(tmp_path: Path) -> None:
    claims = segmented.make(tmp_path / "p.claims")
    with Project.open(tmp_path / "p.claims") as project:
        first = export_bytes(project)
    (tmp_path / "p.jsonl").write_bytes(first)
    with Project.create(tmp_path / "q.claims") as project:
        import_files(project, [tmp_path / "p.jsonl"])
        assert export_bytes(project) == first
        assert [project.claim(c.id) for c in claims] == claims


def _line(*claims: dict[str, Any]) -> dict[str, Any]:
    return {"id": "a1", "text": TEXT, "annotations": [entry(claims=list(claims))]}


def test_a_file_without_segments_imports_as_before(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "old.jsonl", _line(claim("c1", TEXT, "will fail")))
    with Project.create(tmp_path / "p.claims") as project:
        import_files(project, [path])
        found = project.claim("c1")
        assert found is not None and found.segments == ()
        assert found.content == (Span(TEXT.index("will"), TEXT.index("will") + 9),)


def test_one_segment_is_read_as_the_claim_in_one_piece(tmp_path: Path) -> None:
    one = claim("c1", TEXT, "will fail", segments=[span(TEXT, "will fail")])
    path = write_jsonl(tmp_path / "one.jsonl", _line(one))
    with Project.create(tmp_path / "p.claims") as project:
        import_files(project, [path])
        found = project.claim("c1")
        assert found is not None and found.segments == ()


def _split(**change: Any) -> dict[str, Any]:
    hull = span(TEXT, "The plan,” she said, “will fail")
    return {
        "id": "c1",
        **hull,
        "segments": [span(TEXT, "The plan"), span(TEXT, "will fail")],
        **change,
    }


@pytest.mark.parametrize(
    ("item", "message"),
    [
        (_split(segments=[span(TEXT, "will fail"), span(TEXT, "The plan")]), "comes before"),
        (
            _split(segments=[span(TEXT, "The plan"), span(TEXT, "plan,” she")]),
            "segment 2 .* overlaps segment 1",
        ),
        (_split(segments=[{**span(TEXT, "The plan"), "text": "A plan"}]), "segment 1 .* says"),
        (_split(segments=[span(TEXT, "plan"), span(TEXT, "will fail")]), "first segment's start"),
        (_split(segments=[span(TEXT, "will fail")]), "one segment .* is not its span"),
        (_split(segments=[]), "segments must be a list"),
        (_split(segments="The plan"), "segments must be a list"),
    ],
)
def test_bad_segments_are_refused_naming_the_line_and_claim(
    tmp_path: Path, item: dict[str, Any], message: str
) -> None:
    path = write_jsonl(tmp_path / "bad.jsonl", _line(item))
    with Project.create(tmp_path / "p.claims") as project:
        with pytest.raises(InputError, match=rf"bad\.jsonl, line 1: claim 'c1'.*{message}"):
            import_files(project, [path])
        assert project.claim("c1") is None
