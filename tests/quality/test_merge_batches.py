"""Merges of packages larger than a batch, and the checks a merge makes of each row.

A merge reads a package's labels a batch at a time and inserts a batch of
labels added since the package was made at once; these tests hold it to
deciding every row as the rules say all the same: across batches, when the
project already has some of those labels from elsewhere, and when a row is
bad (hand-edited) after many good ones.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.model import Article, Attribution
from annotator.core.spans import Span
from annotator.quality.merge import merge_packages
from annotator.quality.merge_report import MergeReport
from annotator.quality.package import write_package
from annotator.store.package_rows import BATCH
from annotator.store.project import Project
from tests.helpers import dump
from tests.store.helpers import read_rows

WORDS = "Officials said the port must reopen before the summer, a spokesperson said. "
TEXT = WORDS * 280
"""One long article: room for more labels than a batch."""
SAID = [i for i in range(len(TEXT) - 20) if TEXT.startswith("said", i)]


@pytest.fixture
def lead(tmp_path: Path) -> Path:
    path = tmp_path / "lead.claims"
    with Project.create(path) as project:
        project.add_articles([Article("long", TEXT, title="Long"), Article("short", WORDS)])
        project.add_actor("Norvania", "lead", "state")
        project.add_claim("short", "ana", 0, 9, stance="oppose")  # in the base of ana's package
    return path


def labelled_package(lead: Path, mentions: int) -> Path:
    """ana's package, in which she marks ``mentions`` mentions and a claim citing each."""
    target = lead.with_name("ana.claims")
    with Project.open(lead) as project:
        write_package(project, "ana", target)
    with Project.open(target) as ana:
        for i, start in enumerate(SAID[:mentions]):
            mention = ana.add_mention("long", "ana", start, start + 4)
            ana.add_claim(
                "long",
                "ana",
                start + 5,
                start + 20,
                stance=("support", "oppose", "neutral")[i % 3],
                attribution=Attribution(
                    "indirect", source_mention=mention.id, cue=Span(start, start + 4)
                ),
            )
        ana.set_status("long", "ana", "done")
    return target


def merge(lead: Path, package: Path) -> MergeReport:
    with Project.open(lead) as project:
        return merge_packages(project, [package])


def copy_rows(source: Path, target: Path, table: str, where: str) -> list[str]:
    """Copy rows of ``table`` from one file to the other, as another tool might; their ids."""
    conn = sqlite3.connect(target)
    try:
        conn.execute("ATTACH DATABASE ? AS other", (str(source),))
        with conn:
            ids = [r[0] for r in conn.execute(f"SELECT id FROM other.{table} WHERE {where}")]
            conn.execute(f"INSERT INTO main.{table} SELECT * FROM other.{table} WHERE {where}")
        return ids
    finally:
        conn.close()


def test_a_package_larger_than_a_batch_merges_every_label_once(lead: Path) -> None:
    count = len(SAID)
    assert count > BATCH  # mentions and claims each take more than a batch
    package = labelled_package(lead, count)

    report = merge(lead, package)

    assert (report.labels_added, report.labels_updated, report.statuses) == (2 * count, 0, 1)
    assert report.conflicts == []
    assert {r["id"] for r in read_rows(lead, "claims")} == {
        r["id"] for r in read_rows(package, "claims")
    }
    merged = {r["id"]: r for r in read_rows(lead, "claims")}
    for row in read_rows(package, "claims"):
        assert merged[row["id"]] == row  # its source mention came along
    before = dump(lead)
    assert merge(lead, package).changes() == 0
    assert dump(lead) == before


def test_labels_the_project_has_from_elsewhere_are_decided_not_overwritten(lead: Path) -> None:
    package = labelled_package(lead, len(SAID))
    # Some of ana's labels reach the project another way first (copied by hand here),
    # in the first batch and in later ones; the lead then edits one of them.
    copied = copy_rows(package, lead, "mentions", "rowid % 7 = 0")
    cites_copied = "rowid % 5 = 0 AND attr_source_mention IN (SELECT id FROM main.mentions)"
    copied += copy_rows(package, lead, "claims", cites_copied)
    edited = copied[-1]
    with Project.open(lead) as project:
        project.update_claim(edited, note="the lead's")
    labels = len(read_rows(package, "mentions")) + len(read_rows(package, "claims")) - 1

    report = merge(lead, package)

    # What the project had is kept; unchanged ones are no conflict, the edited one is.
    assert report.labels_added == labels - len(copied)
    assert report.labels_updated == 0
    assert [(c.table, c.key) for c in report.conflicts] == [("claims", f'["{edited}"]')]
    assert "changed in the package and in the project" in report.conflicts[0].message
    merged = {r["id"]: r for r in read_rows(lead, "claims")}
    assert merged[edited]["note"] == "the lead's"
    assert {r["id"] for r in read_rows(lead, "mentions")} == {
        r["id"] for r in read_rows(package, "mentions")
    }


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("stance = 'furious'", "stance 'furious' is not in the schema"),
        ("cue_end = 100000", "cue"),
        ('"end" = 100000', "claim"),
        ("start = 'x'", "claim offsets must be whole numbers"),
    ],
)
def test_a_bad_claim_after_many_good_ones_refuses_the_package(
    lead: Path, change: str, message: str
) -> None:
    package = labelled_package(lead, len(SAID))
    conn = sqlite3.connect(package)
    with conn:  # on the laptop, by hand: the last claim, its values like the others'
        conn.execute(f"UPDATE claims SET {change} WHERE rowid = (SELECT max(rowid) FROM claims)")
    conn.close()
    before = dump(lead)

    with pytest.raises(InputError) as caught:
        merge(lead, package)

    assert message in str(caught.value)
    assert str(caught.value).endswith("; nothing of it was merged")
    assert dump(lead) == before
