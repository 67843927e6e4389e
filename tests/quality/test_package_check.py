"""A work package carries only its annotator's labels: tampered packages are refused whole.

Each test edits ana's package as someone with ``sqlite3`` (or the store's own
calls, which take any annotator name) would, then checks that the merge
refuses it, names the rows, and leaves the lead's project byte for byte as it was.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from annotator.core.errors import AnnotatorError, InputError, ProjectError
from annotator.core.model import Article
from annotator.quality.merge import merge_packages
from annotator.quality.merge_report import MergeReport
from annotator.quality.package import PACKAGE_KEY, write_package
from annotator.store.fingerprints import digest
from annotator.store.project import Project
from tests.helpers import dump, run
from tests.quality.laptops import TEXTS, Lead, at, make_lead
from tests.store.helpers import SUGGESTION_TABLES, read_rows

REFUSED = (
    "{file}: holds what a package of 'ana' may not change: {rows}. A package carries only"
    " its annotator's labels and statuses; nothing was merged"
)


@pytest.fixture
def lead(tmp_path: Path) -> Lead:
    return make_lead(tmp_path / "lead.claims")


@pytest.fixture
def ana_file(lead: Lead) -> Path:
    target = lead.path.with_name("ana.claims")
    with Project.open(lead.path) as project:
        write_package(project, "ana", target)
    return target


def merge(lead: Lead, *files: Path) -> MergeReport:
    with Project.open(lead.path) as project:
        return merge_packages(project, list(files))


def sql(path: Path, statement: str, *params: Any) -> None:
    """Change a file as ``sqlite3 path statement`` does (foreign keys off, as there)."""
    conn = sqlite3.connect(path)
    try:
        conn.execute(statement, params)
        conn.commit()
    finally:
        conn.close()


def refused(lead: Lead, ana_file: Path) -> str:
    """Merge the package, which must be refused with the project unchanged; the message."""
    before = dump(lead.path)
    with pytest.raises(InputError) as caught:
        merge(lead, ana_file)
    assert dump(lead.path) == before
    return str(caught.value)


def rows_named(*rows: str) -> str:
    return ", ".join(rows)


# -- each kind of tampering ----------------------------------------------------------------------


def claim_moved_to_ben(lead: Lead, ana_file: Path) -> str:
    sql(ana_file, "UPDATE claims SET annotator = 'ben' WHERE id = ?", lead.edited)
    return f"claims {lead.edited!r} (annotator 'ben')"


def mention_moved_to_gold(lead: Lead, ana_file: Path) -> str:
    with Project.open(ana_file) as ana:
        mention = ana.add_mention(lead.shared[0], "ana", *at("p1", "Velgrad"), lead.norvania)
    sql(ana_file, "UPDATE mentions SET annotator = 'gold' WHERE id = ?", mention.id)
    return f"mentions {mention.id!r} (annotator 'gold')"


def status_moved_to_ben(lead: Lead, ana_file: Path) -> str:
    sql(ana_file, "UPDATE statuses SET annotator = 'ben' WHERE article_id = ?", lead.shared[0])
    return f"statuses {lead.shared[0]!r} (annotator 'ben')"


def link_moved_to_ben(lead: Lead, ana_file: Path) -> str:
    sql(
        ana_file,
        "UPDATE claim_links SET annotator = 'ben' WHERE ? IN (claim_a, claim_b)",
        lead.kept,
    )
    pair = sorted((lead.kept, lead.linked))
    return f"claim_links {pair[0]!r}–{pair[1]!r} (annotator 'ben')"


def gold_claim_added(lead: Lead, ana_file: Path) -> str:
    with Project.open(ana_file) as ana:  # the store takes any annotator name
        claim = ana.add_claim(lead.shared[0], "gold", *at("p1", "the port"), stance="oppose")
    return f"claims {claim.id!r} (annotator 'gold')"


def bens_labels_added(lead: Lead, ana_file: Path) -> str:
    with Project.open(ana_file) as ana:
        claim = ana.add_claim(lead.shared[1], "ben", *at("p2", "Officials"), stance="support")
        ana.set_status(lead.shared[1], "ben", "done")
    return rows_named(f"claims {claim.id!r} (annotator 'ben')", "statuses 'p2' (annotator 'ben')")


def bens_claim_taken_over(lead: Lead, ana_file: Path) -> str:
    # ana's claim given the id of ben's: merging it would make ben's claim hers.
    sql(ana_file, "UPDATE claims SET id = ? WHERE id = ?", lead.ben_claim, lead.edited)
    return f"claims {lead.ben_claim!r} (annotator 'ana'; 'ben' in the project)"


def source_is_bens_mention(lead: Lead, ana_file: Path) -> str:
    with Project.open(lead.path) as project:
        bens = project.add_mention(lead.shared[0], "ben", *at("p1", "Beijing"), lead.china)
    sql(ana_file, "UPDATE claims SET attr_source_mention = ? WHERE id = ?", bens.id, lead.edited)
    return f"claims {lead.edited!r} (cites mention {bens.id!r} of 'ben' in the project)"


def link_to_bens_claim(lead: Lead, ana_file: Path) -> str:
    pair = sorted((lead.ben_claim, lead.linked))
    sql(ana_file, "INSERT INTO claim_links VALUES (?, ?, 'ana')", *pair)
    return (
        f"claim_links {pair[0]!r}–{pair[1]!r} (claim {lead.ben_claim!r} is not in the package:"
        " annotator 'ben' in the project)"
    )


def base_lists_bens_claim(lead: Lead, ana_file: Path) -> str:
    # The package says it was made with ben's claim and no longer has it: a merge
    # would delete ben's claim.
    (row,) = [r for r in read_rows(lead.path, "claims") if r["id"] == lead.ben_claim]
    conn = sqlite3.connect(ana_file)
    (record,) = conn.execute("SELECT value FROM meta WHERE key = ?", (PACKAGE_KEY,)).fetchone()
    conn.close()
    package_id = json.loads(record)["package_id"]
    key = json.dumps([lead.ben_claim])
    sql(ana_file, "INSERT INTO merge_base VALUES (?, 'claims', ?, ?)", package_id, key,
        digest("claims", row))  # fmt: skip
    return (
        f"claims {lead.ben_claim!r} (annotator 'ben' in the project, listed in the package as"
        " packaged)"
    )


def assignments_changed(lead: Lead, ana_file: Path) -> str:
    sql(ana_file, "INSERT INTO assignments VALUES (?, 'ana')", lead.ben_only)
    sql(ana_file, "UPDATE assignments SET annotator = 'ben' WHERE article_id = ?", lead.ana_only)
    sql(ana_file, "DELETE FROM assignments WHERE article_id = ?", lead.shared[1])
    gone = (lead.ana_only, lead.shared[1])
    return rows_named(
        f"assignments {lead.ana_only!r} (annotator 'ben')",
        f"assignments {lead.ben_only!r} (annotator 'ana', added)",
        *(f"assignments {a!r} (annotator 'ana', removed)" for a in sorted(gone)),
    )


def actor_made_by_ben(lead: Lead, ana_file: Path) -> str:
    with Project.open(ana_file) as ana:
        navy = ana.add_actor("Tarquesh navy", "ben", "military")
    return f"actors {navy.id!r} ('Tarquesh navy', created by 'ben')"


TAMPERING: dict[str, Callable[[Lead, Path], str]] = {
    "claim moved to ben": claim_moved_to_ben,
    "mention moved to gold": mention_moved_to_gold,
    "status moved to ben": status_moved_to_ben,
    "link moved to ben": link_moved_to_ben,
    "gold claim added": gold_claim_added,
    "ben's labels added": bens_labels_added,
    "ben's claim taken over": bens_claim_taken_over,
    "source is ben's mention": source_is_bens_mention,
    "link to ben's claim": link_to_bens_claim,
    "base lists ben's claim": base_lists_bens_claim,
    "assignments changed": assignments_changed,
    "actor made by ben": actor_made_by_ben,
}


@pytest.mark.parametrize("tamper", TAMPERING.values(), ids=TAMPERING.keys())
def test_a_package_that_changes_what_is_not_its_annotators_is_refused_whole(
    lead: Lead, ana_file: Path, tamper: Callable[[Lead, Path], str]
) -> None:
    with Project.open(ana_file) as ana:  # good work beside the tampering: not merged either
        ana.update_claim(lead.kept, note="checked")
        ana.set_status(lead.ana_only, "ana", "done")
    rows = tamper(lead, ana_file)

    assert refused(lead, ana_file) == REFUSED.format(file=ana_file, rows=rows)


def test_many_rows_are_named_a_few_then_counted(lead: Lead, ana_file: Path) -> None:
    with Project.open(ana_file) as ana:
        for words in ("Beijing", "Monday", "port", "Velgrad"):
            ana.add_claim(lead.shared[0], "ana", *at("p1", words))
    sql(ana_file, "UPDATE claims SET annotator = 'ben'")
    ids = [r["id"] for r in read_rows(ana_file, "claims")]

    message = refused(lead, ana_file)

    shown = rows_named(*(f"claims {i!r} (annotator 'ben')" for i in ids[:5]))
    assert message == REFUSED.format(file=ana_file, rows=f"{shown} and {len(ids) - 5} more")


def test_a_package_with_other_table_columns_is_refused(lead: Lead, ana_file: Path) -> None:
    sql(ana_file, "ALTER TABLE claims ADD COLUMN reviewer TEXT")

    assert refused(lead, ana_file) == (
        f"{ana_file}: has another table 'claims' than lead.claims (column 'reviewer' added);"
        " nothing was merged"
    )
    sql(ana_file, "ALTER TABLE claims DROP COLUMN reviewer")
    sql(ana_file, "ALTER TABLE statuses DROP COLUMN comment")
    before = dump(lead.path)
    with pytest.raises(AnnotatorError) as caught:  # opening it may find it damaged first
        merge(lead, ana_file)
    assert "'statuses'" in str(caught.value) and "'comment'" in str(caught.value)
    assert dump(lead.path) == before


def test_a_package_merged_before_cannot_change_whose_it_is(lead: Lead, ana_file: Path) -> None:
    merge(lead, ana_file)
    conn = sqlite3.connect(ana_file)
    (record,) = conn.execute("SELECT value FROM meta WHERE key = ?", (PACKAGE_KEY,)).fetchone()
    conn.close()
    sql(ana_file, "UPDATE meta SET value = ? WHERE key = ?",
        json.dumps({**json.loads(record), "annotator": "ben"}), PACKAGE_KEY)  # fmt: skip
    for table in ("claims", "statuses", "claim_links", "assignments"):
        sql(ana_file, f"UPDATE {table} SET annotator = 'ben'")

    assert refused(lead, ana_file) == (
        f"{ana_file}: was merged before as the package of 'ana' but now names 'ben';"
        " nothing was merged"
    )


# -- the project's record of the packages it issued ------------------------------------------------


def package_record(path: Path) -> dict[str, Any]:
    conn = sqlite3.connect(path)
    (record,) = conn.execute("SELECT value FROM meta WHERE key = ?", (PACKAGE_KEY,)).fetchone()
    conn.close()
    return dict(json.loads(record))


def set_package_record(path: Path, **changes: Any) -> dict[str, Any]:
    record = {**package_record(path), **changes}
    sql(path, "UPDATE meta SET value = ? WHERE key = ?", json.dumps(record), PACKAGE_KEY)
    return record


def test_packaging_records_the_package_in_the_lead_project(lead: Lead, ana_file: Path) -> None:
    record = package_record(ana_file)

    (issued,) = read_rows(lead.path, "issued_packages")

    assert issued == {
        "package_id": record["package_id"],
        "annotator": "ana",
        "packaged_at": record["packaged_at"],
        "file": "ana.claims",
        "assigned": json.dumps(record["assigned"]),
    }
    assert record["assigned"] == ["p1", "p2", "r1", "r2"]


def test_a_package_made_over_as_bens_whole_is_refused(tmp_path: Path) -> None:
    """ana's new labels, and the package's record and assignments, all say ben: the project does not.

    Nothing in the package contradicts itself, so only the project's record of
    whom it made the package for can tell.
    """
    path = tmp_path / "lead.claims"
    with Project.create(path) as project:
        project.add_articles([Article(id=i, text=t) for i, t in TEXTS.items()])
        project.set_assignments([(a, who) for a in ("p1", "p2") for who in ("ana", "ben")])
        package = tmp_path / "ana.claims"
        write_package(project, "ana", package)
    with Project.open(package) as ana:
        mention = ana.add_mention("p1", "ana", *at("p1", "Beijing"), None)
        ana.add_claim("p1", "ana", *at("p1", "said on Monday"), stance="support")
        ana.add_claim("p2", "ana", *at("p2", "Officials"), stance="oppose")
        ana.set_status("p1", "ana", "done")
    assert mention.annotator == "ana"
    set_package_record(package, annotator="ben")
    for table in ("claims", "mentions", "statuses", "events", "assignments"):
        sql(package, f"UPDATE {table} SET annotator = 'ben'")
    before = dump(path)

    with Project.open(path) as project, pytest.raises(InputError) as caught:
        merge_packages(project, [package])

    assert str(caught.value) == (
        f"{package}: names 'ben' as its annotator, but lead.claims made this package for"
        " 'ana'; nothing was merged"
    )
    assert dump(path) == before
    assert read_rows(path, "claims") == []


def test_a_package_the_project_never_made_is_refused(lead: Lead, ana_file: Path) -> None:
    record = set_package_record(ana_file, package_id="0f0e0d0c-forged")
    sql(ana_file, "UPDATE merge_base SET package_id = ?", record["package_id"])

    assert refused(lead, ana_file) == (
        f"{ana_file}: lead.claims has no record of making this package (for 'ana', id"
        " 0f0e0d0c-forged); a package made before projects recorded them (file version 6)"
        " merges with `annotator merge --accept-unrecorded`; nothing was merged"
    )


def test_assignments_are_checked_against_the_project_not_the_package(
    lead: Lead, ana_file: Path
) -> None:
    # The package's own record is changed along with its assignments.
    set_package_record(ana_file, assigned=["p1", "p2", "r1", "r2", lead.ben_only])
    sql(ana_file, "INSERT INTO assignments VALUES (?, 'ana')", lead.ben_only)

    assert refused(lead, ana_file) == REFUSED.format(
        file=ana_file, rows=f"assignments {lead.ben_only!r} (annotator 'ana', added)"
    )


def unrecorded(lead: Lead, ana_file: Path) -> None:
    """Make ana's package as version 5 made it: the project has no record of it."""
    sql(lead.path, "DELETE FROM issued_packages")
    old = {k: v for k, v in package_record(ana_file).items() if k != "assigned"}
    sql(ana_file, "UPDATE meta SET value = ? WHERE key = ?", json.dumps(old), PACKAGE_KEY)


def test_a_package_made_before_packages_were_recorded_merges_when_accepted(
    lead: Lead, ana_file: Path
) -> None:
    unrecorded(lead, ana_file)
    with Project.open(ana_file) as ana:
        ana.update_claim(lead.kept, note="checked")
    refused(lead, ana_file)  # not without saying so

    with Project.open(lead.path) as project:
        report = merge_packages(project, [ana_file], accept_unrecorded=True)

    assert report.unrecorded == ["ana.claims (ana)"]
    assert report.summary() == (
        "merged 1 file: labels: 1 updated in 1 article; not recorded as made by this project,"
        " taken as the package their own record names: ana.claims (ana)"
    )
    (issued,) = read_rows(lead.path, "issued_packages")  # recorded now: merges again as usual
    assert (issued["annotator"], issued["assigned"]) == ("ana", None)
    assert merge(lead, ana_file).unrecorded == []


def test_an_accepted_unrecorded_package_is_still_checked(lead: Lead, ana_file: Path) -> None:
    unrecorded(lead, ana_file)
    rows = claim_moved_to_ben(lead, ana_file)
    before = dump(lead.path)

    with Project.open(lead.path) as project, pytest.raises(InputError) as caught:
        merge_packages(project, [ana_file], accept_unrecorded=True)

    assert str(caught.value) == REFUSED.format(file=ana_file, rows=rows)
    assert dump(lead.path) == before


def test_packaging_needs_a_project_it_can_write(lead: Lead) -> None:
    target = lead.path.with_name("ana.claims")
    before = dump(lead.path)

    with (
        Project.open(lead.path, read_only=True) as project,
        pytest.raises(ProjectError) as caught,
    ):
        write_package(project, "ana", target)

    assert str(caught.value) == (
        "lead.claims is open read-only: a package is recorded in the project it is made"
        " from (a merge checks it against that record); nothing was written"
    )
    assert not target.exists() and dump(lead.path) == before


# -- what a package may change -------------------------------------------------------------------


def test_a_link_the_lead_made_between_the_annotators_claims_comes_back(lead: Lead) -> None:
    with Project.open(lead.path) as project:
        project.unlink_claims(lead.kept, lead.linked, "ana")
        project.link_claims(lead.kept, lead.linked, "lead")
    target = lead.path.with_name("ana.claims")
    with Project.open(lead.path) as project:
        write_package(project, "ana", target)
    with Project.open(target) as ana:
        ana.update_claim(lead.kept, note="checked")
        ana.add_actor("Tarquesh navy", "ana", "military")

    report = merge(lead, target)

    assert (report.labels_updated, report.actors_added) == (1, 1)
    links = {
        (r["claim_a"], r["claim_b"]): r["annotator"] for r in read_rows(lead.path, "claim_links")
    }
    assert links[tuple(sorted((lead.kept, lead.linked)))] == "lead"


def test_a_package_made_before_assignments_were_recorded_still_merges(
    lead: Lead, ana_file: Path
) -> None:
    conn = sqlite3.connect(ana_file)
    (record,) = conn.execute("SELECT value FROM meta WHERE key = ?", (PACKAGE_KEY,)).fetchone()
    conn.close()
    old = {k: v for k, v in json.loads(record).items() if k != "assigned"}
    sql(ana_file, "UPDATE meta SET value = ? WHERE key = ?", json.dumps(old), PACKAGE_KEY)
    sql(ana_file, "INSERT INTO assignments VALUES (?, 'ben')", lead.ana_only)

    assert refused(lead, ana_file) == REFUSED.format(
        file=ana_file, rows=f"assignments {lead.ana_only!r} (annotator 'ben')"
    )
    sql(ana_file, "DELETE FROM assignments WHERE annotator = 'ben'")
    assert merge(lead, ana_file).conflicts == []


# -- where the lead sees it ----------------------------------------------------------------------


def test_the_merge_command_exits_1_with_one_line(lead: Lead, ana_file: Path) -> None:
    rows = claim_moved_to_ben(lead, ana_file)
    before = dump(lead.path)

    result = run("merge", lead.path, ana_file, ok=False)

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "Error: " + REFUSED.format(file=ana_file, rows=rows) + "\n"
    assert dump(lead.path) == before


def test_a_package_merged_before_the_upgrade_merges_again_without_asking(
    lead: Lead, ana_file: Path
) -> None:
    merge(lead, ana_file)
    # The lead's project as version 5 left it: no record of the packages it made.
    sql(lead.path, "DROP TABLE issued_packages")
    sql(lead.path, "DROP TABLE schema_changes")
    for table in SUGGESTION_TABLES:  # versions 9 and 10
        sql(lead.path, f"DROP TABLE {table}")
    sql(lead.path, "ALTER TABLE claims RENAME COLUMN attribution_type TO attr_type")
    sql(lead.path, "ALTER TABLE claims DROP COLUMN segments")  # version 11
    sql(lead.path, "DROP INDEX idx_mentions_article_id_start_end_annotator")  # version 12
    sql(lead.path, "DROP TABLE hub_changes")  # version 13
    sql(lead.path, "PRAGMA user_version = 5")
    with Project.open(ana_file) as ana:
        ana.update_claim(lead.kept, note="checked again")

    report = merge(lead, ana_file)  # opening the project upgrades it

    assert (report.labels_updated, report.unrecorded) == (1, [])
    (issued,) = read_rows(lead.path, "issued_packages")
    assert (issued["package_id"], issued["annotator"]) == (
        package_record(ana_file)["package_id"],
        "ana",
    )
