"""CSV export: read back with the csv module, filters, Unicode."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest

from annotator.core.model import GOLD, Article, Attribution
from annotator.core.schema import default_schema, load_schema
from annotator.core.spans import Span
from annotator.io.export import ExportFilter
from annotator.io.export_csv import COLUMNS
from annotator.io.formats import export_to
from annotator.store.project import Project
from tests.io import segmented
from tests.io.lines import assert_rows_and_dataclasses_agree

# Emoji (a flag is two code points), RTL Arabic, CJK, and a newline inside the claim.
T1 = "Velgrad 🇪🇺 said: «الميناء يجب أن يُفتح»\nand 港口必须重新开放 now, officials said."
T2 = "Kestria rejected the demand 🚢 on Tuesday."
T3 = "Nothing to see here."

EXTRA = """
[fields.frame]
label = "Frame"
extra = true
values = [{ id = "economy", name = "Economy" }, { id = "security", name = "Security" }]

[fields.text]
label = "Clashes with a column"
extra = true
values = [{ id = "yes", name = "Yes" }]
"""


def cut(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part))


@dataclass
class Built:
    project: Project
    ids: dict[str, str]


@pytest.fixture
def built(tmp_path: Path) -> Built:
    schema = load_schema(default_schema().source + EXTRA, "test schema")
    project = Project.create(tmp_path / "csv.claims", schema)
    project.add_articles(
        [
            Article("p1", T1, source="Ledger ✓", story="port"),
            Article("p2", T2, source=None, story="port"),
            Article("r1", T3, story="rail"),
        ]
    )
    norvania = project.add_actor("Норвания", "ana", "state")
    kestria = project.add_actor("Kestria 🇰", "ana", "state")
    velgrad = project.add_mention("p1", "ana", *cut(T1, "Velgrad"), norvania.id)
    demand = project.add_claim(
        "p1",
        "ana",
        *cut(T1, "«الميناء يجب أن يُفتح»\nand 港口必须重新开放"),
        claimant=norvania.id,
        addressee=kestria.id,
        target=kestria.id,
        stance="oppose",
        category="demand",
        certainty="asserted",
        checkworthy="checkworthy",
        attribution=Attribution("indirect", velgrad.id, "Velgrad 🇪🇺", "named", cut(T1, "said")),
        note='a "quoted", note\nover two lines',
        extra={"frame": "economy", "text": "yes"},
    )
    reply = project.add_claim("p2", "ana", *cut(T2, "rejected the demand 🚢"), stance="support")
    project.link_claims(demand.id, reply.id, "ana")
    project.set_status("p1", "ana", "done")
    bo = project.add_claim("p1", "bo", *cut(T1, "港口必须重新开放"))
    project.set_status("p1", "bo", "in_progress")
    gold = project.add_claim("p2", GOLD, *cut(T2, "Kestria rejected"), claimant=kestria.id)
    project.set_status("p2", GOLD, "done")
    ids = {
        "norvania": norvania.id,
        "kestria": kestria.id,
        "velgrad": velgrad.id,
        "demand": demand.id,
        "reply": reply.id,
        "bo": bo.id,
        "gold": gold.id,
    }
    yield Built(project, ids)
    project.close()


HEADER = [*COLUMNS, "frame", "extra_text"]


def read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == HEADER
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_every_field_is_flattened(built: Built, tmp_path: Path) -> None:
    out = tmp_path / "claims.csv"
    assert export_to(built.project, "csv", out) == 3  # r1 counts, though it writes no row
    assert out.read_bytes()[:3] != b"\xef\xbb\xbf"  # no BOM
    rows = read(out)
    ids = built.ids
    assert [r["claim_id"] for r in rows] == [ids["demand"], ids["bo"], ids["reply"], ids["gold"]]
    demand = rows[0]
    span = cut(T1, "«الميناء يجب أن يُفتح»\nand 港口必须重新开放")
    said = cut(T1, "said")
    assert demand == {
        "article_id": "p1",
        "story": "port",
        "source": "Ledger ✓",
        "annotator": "ana",
        "status": "done",
        "claim_id": ids["demand"],
        "start": str(span.start),
        "end": str(span.end),
        "text": "«الميناء يجب أن يُفتح»\nand 港口必须重新开放",
        "claimant": ids["norvania"],
        "claimant_name": "Норвания",
        "addressee": ids["kestria"],
        "addressee_name": "Kestria 🇰",
        "target": ids["kestria"],
        "target_name": "Kestria 🇰",
        "stance": "oppose",
        "category": "demand",
        "certainty": "asserted",
        "checkworthy": "checkworthy",
        "attribution_type": "indirect",
        "source_mention": ids["velgrad"],
        "source_text": "Velgrad 🇪🇺",
        "source_kind": "named",
        "cue_start": str(said.start),
        "cue_end": str(said.end),
        "cue_text": "said",
        "links": ids["reply"],
        "note": 'a "quoted", note\nover two lines',
        "segments": "",
        "frame": "economy",
        "extra_text": "yes",
    }
    # Offsets are code points: slicing the article text gives the claim text back.
    assert T1[int(demand["start"]) : int(demand["end"])] == demand["text"]
    bare = rows[1]
    assert bare["annotator"] == "bo" and bare["status"] == "in_progress"
    assert bare["text"] == "港口必须重新开放"
    empty = [c for c in HEADER if c not in ("article_id", "story", "source", "annotator")]
    empty = [c for c in empty if c not in ("status", "claim_id", "start", "end", "text")]
    assert all(bare[c] == "" for c in empty)
    reply = rows[2]
    assert reply["source"] == "" and reply["stance"] == "support"
    assert reply["links"] == ids["demand"]
    assert T2[int(reply["start"]) : int(reply["end"])] == "rejected the demand 🚢"


def test_links_of_several_claims_are_joined_with_a_bar(built: Built, tmp_path: Path) -> None:
    ids = built.ids
    built.project.link_claims(ids["demand"], ids["gold"], "ana")
    out = tmp_path / "claims.csv"
    export_to(built.project, "csv", out)
    demand = read(out)[0]
    assert demand["claim_id"] == ids["demand"]
    assert sorted(demand["links"].split("|")) == sorted([ids["reply"], ids["gold"]])


def test_filters(built: Built, tmp_path: Path) -> None:
    ids = built.ids
    out = tmp_path / "f.csv"
    export_to(built.project, "csv", out, ExportFilter(annotator="bo"))
    assert [r["claim_id"] for r in read(out)] == [ids["bo"]]
    export_to(built.project, "csv", out, ExportFilter(story="rail"))
    assert read(out) == []
    export_to(built.project, "csv", out, ExportFilter(gold=True))
    rows = read(out)
    assert [(r["claim_id"], r["annotator"], r["claimant_name"]) for r in rows] == [
        (ids["gold"], GOLD, "Kestria 🇰")
    ]
    export_to(built.project, "csv", out, ExportFilter(annotator="ana", status="done"))
    rows = read(out)
    assert [r["claim_id"] for r in rows] == [ids["demand"]]
    assert rows[0]["links"] == ""  # the linked claim is not exported


def test_empty_project_writes_the_header_only(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "empty.csv"
    assert export_to(project, "csv", out) == 0
    with open(out, encoding="utf-8", newline="") as f:
        assert list(csv.reader(f)) == [list(COLUMNS)]
    assert not (tmp_path / "empty.csv.partial").exists()


def test_native_lines_are_the_same_made_from_rows_or_from_dataclasses(built: Built) -> None:
    # Extra fields, gold, non-ASCII text: as `tests.io.test_export` checks on its project.
    assert_rows_and_dataclasses_agree(built.project)


def test_a_claim_in_segments_lists_them(tmp_path: Path) -> None:
    claims = segmented.make(tmp_path / "s.claims")
    with Project.open(tmp_path / "s.claims") as project:
        export_to(project, "csv", tmp_path / "s.csv", ExportFilter())
    with open(tmp_path / "s.csv", encoding="utf-8", newline="") as f:
        rows = {row["claim_id"]: row for row in csv.DictReader(f)}
    for claim in claims:
        expected = "|".join(f"{s.start}-{s.end}" for s in claim.segments)
        assert rows[claim.id]["segments"] == expected
    assert any(rows[c.id]["segments"].count("|") == 2 for c in claims)  # three pieces
