"""Prodigy JSONL import: round trip of our export, hand-written lines, bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from annotator.core.errors import InputError
from annotator.core.model import Article, Attribution
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
        assert (
            claim.attribution.attribution_type == "indirect"
            and claim.attribution.source_kind == "named"
        )
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


def test_round_trip_of_two_claims_on_the_same_words_one_with_a_source(
    project: Project, tmp_path: Path
) -> None:
    text = "Velgrad said on Friday that Kestria must reopen the harbour."
    project.add_articles([Article("a", text)])
    norvania = project.add_actor("Norvania", "ana", "state")
    words = cut(text, "Kestria must reopen the harbour")
    sourced = project.add_claim(
        "a",
        "ana",
        *words,
        stance="oppose",
        category="demand",
        certainty="asserted",
        checkworthy="checkworthy",
        attribution=Attribution(
            attribution_type="indirect", source_kind="named", cue=cut(text, "said")
        ),
        note="Check the\ntimeline",
    )
    project.set_claim_source(sourced.id, cut(text, "Velgrad"), norvania.id)
    project.add_claim("a", "ana", *words, stance="support", certainty="hedged", note="other")
    out = tmp_path / "p.jsonl"
    export_to(project, "prodigy", out, ExportFilter())
    fresh = Project.create(tmp_path / "fresh.claims")
    try:
        report = import_files(fresh, [out], format="prodigy")
        assert (report.added, report.annotations, report.skipped) == (1, 1, [])

        def fields(p: Project) -> list[tuple[Any, ...]]:
            labels = p.labels("a", "ana")
            mentions = {m.id: text[m.start : m.end] for m in labels.mentions}
            return sorted(
                (
                    c.start,
                    c.end,
                    c.stance,
                    c.category,
                    c.certainty,
                    c.checkworthy,
                    c.note,
                    c.attribution.attribution_type,
                    c.attribution.source_kind,
                    c.attribution.cue,
                    mentions.get(c.attribution.source_mention),  # type: ignore[arg-type]
                    c.attribution.source_text,
                )
                for c in labels.claims
            )

        assert fields(fresh) == fields(project)
        assert [f[-2:] for f in fields(fresh)] == [("Velgrad", "Velgrad"), (None, None)]
    finally:
        fresh.close()


def test_meta_claims_entries_of_the_wrong_type_are_errors_and_a_non_claim_a_warning(
    project: Project, tmp_path: Path
) -> None:
    claim, who = span(RTL, "الميناء يجب أن يفتح", "Claim"), span(RTL, "الوزير", "Mention")
    entries = [{"span": 1, "stance": "oppose"}, {"span": 0, "stance": "support"}]
    line = {"text": RTL, "spans": [claim, who], "meta": {"claims": entries}}
    path = write(tmp_path / "w.jsonl", line)
    report = import_files(project, [path], format="prodigy")
    assert report.warnings == [
        f"{path}, line 1: meta.claims entry 1 (span 1) is no claim span;"
        " its fields are not imported"
    ]
    # the article id is the line number, whatever the number of claims entries
    (got,) = project.labels("1", "prodigy").claims
    assert got.stance == "support"
    bad = {**line, "meta": {"id": "b", "claims": [entries[1], "oppose"]}}
    with pytest.raises(InputError) as caught:
        import_files(project, [write(tmp_path / "b.jsonl", bad)], format="prodigy")
    assert str(caught.value).endswith("line 1: meta.claims entry 2 must be an object, got str")
