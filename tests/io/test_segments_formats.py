"""Claims in segments through the span formats: doccano, Label Studio and Prodigy tie each
further segment to the claim's first by a Segment relation and read them back; spaCy and
Hugging Face write one span per segment (spaCy: one id) and the segments' offsets."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest
import spacy
from spacy.tokens import DocBin

from annotator.core.model import Claim
from annotator.core.spans import Utf16Map
from annotator.io.export import ExportFilter
from annotator.io.formats import export_to
from annotator.io.importer import import_files
from annotator.store.project import Project
from tests.io import segmented


def _kept(claim: Claim, project: Project) -> tuple[object, ...]:
    """What these formats keep of a claim: its segments, cue, source span, fields and note."""
    source = None
    if claim.attribution.source_mention is not None:
        mention = project.mention(claim.attribution.source_mention)
        assert mention is not None
        source = mention.span
    attribution = claim.attribution
    return (
        claim.content,
        attribution.cue,
        source,
        attribution.attribution_type,
        attribution.source_kind,
        claim.stance,
        claim.category,
        claim.note,
    )


@pytest.mark.parametrize(
    ("fmt", "name", "options"),
    [
        ("doccano", "out.jsonl", {}),
        ("doccano", "out.jsonl", {"offsets": "codepoints"}),
        ("label-studio", "out.json", {}),
        ("prodigy", "out.jsonl", {}),
    ],
)
def test_segments_survive_a_round_trip(
    tmp_path: Path, fmt: str, name: str, options: dict[str, str]
) -> None:
    segmented.make(tmp_path / "p.claims")
    with Project.open(tmp_path / "p.claims") as project:
        export_to(project, fmt, tmp_path / name, ExportFilter(annotator="ana"), **options)
        before = sorted(_kept(c, project) for c in project.labels("q1", "ana").claims)
    with Project.create(tmp_path / "back.claims") as back:
        offsets = options.get("offsets", "utf16")
        report = import_files(back, [tmp_path / name], format=fmt, annotator="ana", offsets=offsets)
        assert report.warnings == []
        claims = back.labels("q1", "ana").claims
        assert len(claims) == 3
        assert sorted(_kept(c, back) for c in claims) == before


def test_doccano_writes_one_claim_entity_per_segment_tied_by_segment_relations(
    tmp_path: Path,
) -> None:
    segmented.make(tmp_path / "p.claims")
    with Project.open(tmp_path / "p.claims") as project:
        export_to(project, "doccano", tmp_path / "d.jsonl", ExportFilter(), offsets="codepoints")
    line = orjson.loads((tmp_path / "d.jsonl").read_bytes())
    claims = {e["id"]: e for e in line["entities"] if e["label"] == "Claim"}
    assert len(claims) == 2 + 3 + 1  # the segments of the three claims
    segments = [r for r in line["relations"] if r["type"] == "Segment"]
    assert len(segments) == 3
    text = segmented.TEXT
    heads = {r["from_id"] for r in segments}
    assert sorted(text[claims[h]["start_offset"] : claims[h]["end_offset"]] for h in heads) == [
        "Ships",
        "The toll plan",
    ]
    assert len(line["claims"]) == 3  # the fields: one entry per claim, on its first segment


def test_spacy_has_one_span_per_segment_with_the_claims_id(tmp_path: Path) -> None:
    claims = segmented.make(tmp_path / "p.claims")
    with Project.open(tmp_path / "p.claims") as project:
        export_to(project, "spacy", tmp_path / "c.spacy", ExportFilter())
    (doc,) = DocBin().from_disk(tmp_path / "c.spacy").get_docs(spacy.blank("en").vocab)
    by_id: dict[str, list[str]] = {}
    for span in doc.spans["claims"]:
        by_id.setdefault(span.id_, []).append(span.text)
    expected = {c.id: [segmented.TEXT[s.start : s.end] for s in c.content] for c in claims}
    assert by_id == expected


def test_hf_lists_segments_and_tags_them_apart(tmp_path: Path) -> None:
    claims = segmented.make(tmp_path / "p.claims")
    with Project.open(tmp_path / "p.claims") as project:
        export_to(project, "hf", tmp_path / "h.jsonl", ExportFilter(), bio=True)
    row = orjson.loads((tmp_path / "h.jsonl").read_bytes())
    by_id = {c["id"]: c for c in row["claims"]}
    for claim in claims:
        written = by_id[claim.id]
        assert (written["start"], written["end"]) == claim.span
        if claim.segments:
            assert json.loads(written["segments"]) == [list(s) for s in claim.segments]
        else:
            assert written["segments"] is None
    tags = dict(zip(row["tokens"], row["ner_tags"], strict=False))
    assert tags["said"] == "O"  # the cue between two segments is not the claim's
    assert tags["will"] == "B-Claim"  # the second segment starts a run of its own


def test_label_studio_regions_of_further_segments_count_code_points(tmp_path: Path) -> None:
    segmented.make(tmp_path / "p.claims")
    with Project.open(tmp_path / "p.claims") as project:
        export_to(project, "label-studio", tmp_path / "t.json", ExportFilter())
    (task,) = orjson.loads((tmp_path / "t.json").read_bytes())
    result = task["annotations"][0]["result"]
    further = [r for r in result if r.get("id", "").endswith(":segment2")]
    assert len(further) == 2
    for region in further:
        value = region["value"]
        assert segmented.TEXT[value["start"] : value["end"]] == value["text"]
    assert not Utf16Map(segmented.TEXT).is_identity  # the emoji: UTF-16 would differ
    relations = [r for r in result if r["type"] == "relation" and r["labels"] == ["Segment"]]
    assert len(relations) == 3
