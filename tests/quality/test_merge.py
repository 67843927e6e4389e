"""`merge_packages`: packages labelled on two laptops come back, on real project files."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import InputError, ProjectError
from annotator.core.schema import default_schema
from annotator.quality.merge import merge_packages, normalise
from annotator.quality.merge_report import MergeReport
from annotator.quality.package import write_package
from annotator.store.project import Project
from tests.helpers import dump
from tests.quality.laptops import Lead, at, beijing_claim, make_lead
from tests.store.helpers import read_rows


@pytest.fixture
def lead(tmp_path: Path) -> Lead:
    return make_lead(tmp_path / "lead.claims")


def package(lead: Lead, annotator: str) -> Path:
    target = lead.path.with_name(f"{annotator}.claims")
    with Project.open(lead.path) as project:
        write_package(project, annotator, target)
    return target


def merge(lead: Lead, *files: Path) -> MergeReport:
    with Project.open(lead.path) as project:
        return merge_packages(project, list(files))


def claims_of(path: Path) -> dict[str, dict[str, object]]:
    return {row["id"]: row for row in read_rows(path, "claims")}


def test_normalise_ignores_case_and_spacing() -> None:
    assert normalise("  the Chinese\tCAPITAL ") == normalise("The chinese capital")
    assert normalise("Straße") == normalise("STRASSE")  # casefold, not lower


# -- the two laptops ---------------------------------------------------------------------------


def label_on_two_laptops(lead: Lead) -> dict[str, str]:
    """ana and ben label their packages; returns the ids the checks need."""
    ana_file, ben_file = package(lead, "ana"), package(lead, "ben")
    s1 = lead.shared[0]
    ids: dict[str, str] = {}
    with Project.open(ana_file) as ana:
        ids["ana_actor"], ids["ana_mention"], ids["ana_claim"] = beijing_claim(ana, s1, "ana")
        guard = ana.add_actor("tarquesh  COAST guard", "ana", "military")
        ids["ana_guard_claim"] = ana.add_claim(
            lead.ana_only, "ana", 0, 5, target=guard.id, stance="neutral"
        ).id
        ana.update_claim(lead.edited, stance="oppose", note="on the laptop")
        ana.delete_claim(lead.deleted)
        ana.link_claims(ids["ana_claim"], lead.linked, "ana")
        ana.set_status(s1, "ana", "done", "checked")
        ana.set_status(lead.ana_only, "ana", "in_progress")
    with Project.open(ben_file) as ben:
        guard = ben.add_actor("Tarquesh Coast Guard", "ben", "military", ("the coast guard",))
        ids["ben_guard"] = guard.id
        ids["ben_mention"] = ben.add_mention(
            lead.ben_only, "ben", *at("g1", "Tarquesh coast guard"), guard.id
        ).id
        ids["ben_claim"] = ben.add_claim(
            s1, "ben", 28, 59, claimant=lead.china, stance="support"
        ).id
        ben.update_claim(lead.ben_claim, stance="neutral")
        ben.set_status(s1, "ben", "done")
        ben.set_status(lead.ben_only, "ben", "skipped", "no claims")
    return ids


def test_two_laptops_merge_back_every_label_exactly_once(lead: Lead) -> None:
    ids = label_on_two_laptops(lead)
    ana_file, ben_file = lead.path.with_name("ana.claims"), lead.path.with_name("ben.claims")
    ana_claims, ben_claims = claims_of(ana_file), claims_of(ben_file)

    ben_report = merge(lead, ben_file)
    ana_report = merge(lead, ana_file)

    # ben: one new actor (on neither side before), one claim and mention added, one updated.
    assert [str(m) for m in ben_report.matches] == []
    assert (ben_report.actors_added, ben_report.labels_added, ben_report.labels_updated) == (
        1,
        2,
        1,
    )
    assert ben_report.statuses == 2
    assert ben_report.conflicts == []
    # ana: "beijing" is China (by alias), her coast guard is ben's (by name, other spacing).
    assert [str(m) for m in ana_report.matches] == [
        "actor 'beijing' (from ana.claims) matched to 'China'",
        "actor 'tarquesh  COAST guard' (from ana.claims) matched to 'Tarquesh Coast Guard'",
    ]
    assert ana_report.actors_added == 0
    assert ana_report.conflicts == []
    assert ana_report.labels_deleted == 2  # the claim and its link ...
    assert ana_report.labels_added == 4  # mention, two claims, a link
    assert ana_report.labels_updated == 1
    assert ana_report.summary() == (
        "merged 1 file: labels: 4 added, 1 updated, 2 deleted; 2 statuses changed in"
        " 3 articles; actors: 1 updated, 2 matched"
    )

    merged = claims_of(lead.path)
    expected = (set(ana_claims) | set(ben_claims)) - {lead.deleted}
    assert set(merged) == expected
    spans = [(c["article_id"], c["annotator"], c["start"], c["end"]) for c in merged.values()]
    assert len(spans) == len(set(spans))  # nothing duplicated
    for claim_id, row in ana_claims.items():  # ana's claims as she left them, actors mapped
        mapped = {**row, "claimant": lead.china} if claim_id == ids["ana_claim"] else row
        if claim_id == ids["ana_guard_claim"]:
            mapped = {**row, "target": ids["ben_guard"]}
        assert merged[claim_id] == mapped
    for claim_id, row in ben_claims.items():
        assert merged[claim_id] == row
    with Project.open(lead.path, read_only=True) as project:
        assert project.mention(ids["ana_mention"]).actor == lead.china  # type: ignore[union-attr]
        claim = project.claim(ids["ana_claim"])
        assert claim is not None and claim.attribution.source_mention == ids["ana_mention"]
        china = project.actor(lead.china)
        assert china is not None and china.aliases == ("Beijing", "the Chinese  capital")
        assert project.actor(ids["ana_actor"]) is None  # matched, not added
        guard = project.actor(ids["ben_guard"])
        assert guard is not None and guard.aliases == ("the coast guard",)
        assert project.status(lead.shared[0], "ana").status == "done"
        assert project.status(lead.shared[0], "ana").comment == "checked"
        assert project.status(lead.ana_only, "ana").status == "in_progress"
        assert project.status(lead.shared[0], "ben").status == "done"
        assert project.status(lead.ben_only, "ben").comment == "no claims"
        labels = project.labels(lead.shared[1], "ana")
        assert labels.links[lead.linked] == tuple(sorted((lead.kept, ids["ana_claim"])))
    links = {(r["claim_a"], r["claim_b"]) for r in read_rows(lead.path, "claim_links")}
    assert not any(lead.deleted in pair for pair in links)


def test_merging_again_changes_nothing(lead: Lead) -> None:
    label_on_two_laptops(lead)
    ana_file, ben_file = lead.path.with_name("ana.claims"), lead.path.with_name("ben.claims")
    merge(lead, ben_file, ana_file)
    before = dump(lead.path)

    again = merge(lead, ana_file, ben_file)

    assert dump(lead.path) == before
    assert again.changes() == 0
    assert again.conflicts == []
    assert len(again.matches) == 2  # still said, so the lead sees where labels went
    assert again.summary() == "merged 2 files: actors: 2 matched"


def test_a_later_copy_of_a_package_merges_only_what_changed_since(lead: Lead) -> None:
    ids = label_on_two_laptops(lead)
    ana_file = lead.path.with_name("ana.claims")
    merge(lead, ana_file)
    with Project.open(ana_file) as ana:  # ana goes on working on the same package
        ana.update_claim(ids["ana_claim"], note="second look")
        ana.delete_claim(lead.kept)

    report = merge(lead, ana_file)

    assert (report.labels_updated, report.labels_deleted, report.conflicts) == (1, 2, [])
    merged = claims_of(lead.path)
    assert merged[ids["ana_claim"]]["note"] == "second look"
    assert lead.kept not in merged


def test_a_label_changed_in_both_is_a_conflict_and_the_project_keeps_its_version(
    lead: Lead,
) -> None:
    ana_file = package(lead, "ana")
    with Project.open(ana_file) as ana:
        ana.update_claim(lead.edited, stance="oppose")
        ana.update_claim(lead.kept, note="fine")
    with Project.open(lead.path) as project:
        project.update_claim(lead.edited, stance="support", note="lead's fix")
    with Project.open(ana_file, read_only=True) as ana:
        theirs = ana.claim(lead.edited)

    report = merge(lead, ana_file)

    assert [str(c) for c in report.conflicts] == [
        'ana.claims: claim "said on Monday" of ana in p1 was changed in the package and in the'
        " project (stance 'oppose' in ana.claims, 'support' here; note '' in ana.claims,"
        " \"lead's fix\" here); the project's version is kept"
    ]
    assert report.labels_updated == 1  # the claim only ana changed
    merged = claims_of(lead.path)
    assert (merged[lead.edited]["stance"], merged[lead.edited]["note"]) == ("support", "lead's fix")
    assert merged[lead.kept]["note"] == "fine"
    (stored,) = read_rows(lead.path, "merge_conflicts")
    assert stored["tbl"] == "claims" and json.loads(stored["key"]) == [lead.edited]
    assert json.loads(stored["package_row"])["stance"] == theirs.stance == "oppose"  # type: ignore[union-attr]
    before = dump(lead.path)
    assert merge(lead, ana_file).conflicts == []  # reported once, kept in merge_conflicts
    assert dump(lead.path) == before


def test_a_label_deleted_in_the_package_is_deleted_unless_the_project_changed_it(
    lead: Lead,
) -> None:
    ana_file = package(lead, "ana")
    with Project.open(ana_file) as ana:
        ana.delete_claim(lead.deleted)
        ana.delete_claim(lead.edited)
    with Project.open(lead.path) as project:
        project.update_claim(lead.edited, stance="support")

    report = merge(lead, ana_file)

    merged = claims_of(lead.path)
    assert lead.deleted not in merged
    assert merged[lead.edited]["stance"] == "support"
    assert [str(c) for c in report.conflicts] == [
        'ana.claims: claim "said on Monday" of ana in p1 was deleted in the package but changed'
        " in the project; the project's version is kept"
    ]
    assert report.labels_deleted == 2  # the claim and its link


def test_a_label_changed_in_the_package_but_deleted_in_the_project_stays_deleted(
    lead: Lead,
) -> None:
    ana_file = package(lead, "ana")
    with Project.open(ana_file) as ana:
        ana.update_claim(lead.edited, stance="oppose")
    with Project.open(lead.path) as project:
        project.delete_claim(lead.edited)

    report = merge(lead, ana_file)

    assert lead.edited not in claims_of(lead.path)
    assert [c.message.split(": ", 1)[1] for c in report.conflicts] == [
        'claim "said on Monday" of ana in p1 was changed in the package but deleted in the project;'
        " it stays deleted"
    ]


def test_an_untouched_package_changes_no_label(lead: Lead) -> None:
    ana_file = package(lead, "ana")
    with Project.open(lead.path) as project:
        project.update_claim(lead.edited, stance="support")  # only the lead changed it
    before = [r for r in dump(lead.path) if not r.startswith('INSERT INTO "merge')]

    report = merge(lead, ana_file)

    assert (report.changes(), report.conflicts) == (0, [])
    after = [r for r in dump(lead.path) if not r.startswith('INSERT INTO "merge')]
    assert after == before
    assert claims_of(lead.path)[lead.edited]["stance"] == "support"


def test_actor_renamed_in_a_package_is_renamed_unless_the_lead_renamed_it_too(lead: Lead) -> None:
    ana_file = package(lead, "ana")
    with Project.open(ana_file) as ana:
        ana.update_actor(lead.norvania, "ana", name="Norvania Republic")
        ana.update_actor(lead.china, "ana", type="government")
        ana.add_alias(lead.china, "PRC", "ana")
    with Project.open(lead.path) as project:
        project.update_actor(lead.china, "lead", type="state", name="People's Republic of China")

    report = merge(lead, ana_file)

    with Project.open(lead.path, read_only=True) as project:
        assert project.actor(lead.norvania).name == "Norvania Republic"  # type: ignore[union-attr]
        china = project.actor(lead.china)
        assert china is not None
        assert (china.name, china.type) == ("People's Republic of China", "state")
        assert china.aliases == ("Beijing", "PRC")  # a new alias is no conflict
    assert [str(c).split(": ", 1)[1] for c in report.conflicts] == [
        'actor "People\'s Republic of China" was changed in the package and in the project'
        " (name 'China' in ana.claims, \"People's Republic of China\" here; type 'government'"
        " in ana.claims, 'state' here); the project's version is kept"
    ]
    assert report.actors_updated == 2


def test_alias_removed_in_a_package_is_removed(lead: Lead) -> None:
    ana_file = package(lead, "ana")
    with Project.open(ana_file) as ana:
        ana.remove_alias(lead.norvania, "Velgrad", "ana")

    merge(lead, ana_file)

    with Project.open(lead.path, read_only=True) as project:
        assert project.actor(lead.norvania).aliases == ()  # type: ignore[union-attr]


def test_source_mention_deleted_in_the_project_leaves_the_claim_its_words(lead: Lead) -> None:
    with Project.open(lead.path) as project:
        velgrad = project.add_mention(lead.shared[0], "ana", *at("p1", "Velgrad"), lead.norvania)
    ana_file = package(lead, "ana")
    with Project.open(ana_file) as ana:
        claim = ana.add_claim(lead.shared[0], "ana", 28, 59)
        ana.set_claim_source(claim.id, at("p1", "Velgrad"), lead.norvania)
    with Project.open(lead.path) as project:
        project.delete_mention(velgrad.id)

    report = merge(lead, ana_file)

    merged = claims_of(lead.path)[claim.id]
    assert (merged["attr_source_mention"], merged["attr_source_text"]) == (None, "Velgrad")
    assert merged["claimant"] == lead.norvania
    assert [c.table for c in report.conflicts] == []  # the mention was not changed by ana


# -- refusals ----------------------------------------------------------------------------------


def test_a_package_of_another_project_is_refused_and_nothing_changes(
    lead: Lead, tmp_path: Path
) -> None:
    (tmp_path / "other").mkdir()
    foreign = package(make_lead(tmp_path / "other" / "lead.claims"), "ana")
    good = package(lead, "ana")
    with Project.open(good) as ana:
        ana.set_status(lead.ana_only, "ana", "done")
    before = dump(lead.path)

    with pytest.raises(InputError) as caught:
        merge(lead, good, foreign)

    with (
        Project.open(lead.path, read_only=True) as project,
        Project.open(foreign, read_only=True) as other,
    ):
        mine, theirs = project.project_id, other.project_id
    assert str(caught.value) == (
        f"{foreign}: belongs to another project (project id {theirs}; lead.claims has {mine});"
        " nothing was merged"
    )
    assert dump(lead.path) == before  # the good file before it was not merged either


def test_a_package_with_another_schema_is_refused(lead: Lead) -> None:
    ana_file = package(lead, "ana")
    other = default_schema().source.replace('id = "oppose"', 'id = "against"')
    assert other != default_schema().source
    conn = sqlite3.connect(ana_file)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (other,))
    conn.commit()
    conn.close()
    before = dump(lead.path)

    with pytest.raises(InputError) as caught:
        merge(lead, ana_file)

    assert str(caught.value) == (
        f"{ana_file}: uses another label schema than lead.claims (field 'stance' differs);"
        " nothing was merged"
    )
    assert dump(lead.path) == before


def test_a_project_that_is_not_a_package_is_refused(lead: Lead, tmp_path: Path) -> None:
    copy = tmp_path / "copy.claims"
    with Project.open(lead.path, read_only=True) as project:
        project.conn.execute("VACUUM INTO ?", (str(copy),))
    before = dump(lead.path)

    with pytest.raises(
        InputError, match=r"is not a work package \(make them with `annotator package`\)"
    ):
        merge(lead, copy)
    with pytest.raises(InputError, match=r"lead.claims: is the project itself"):
        merge(lead, lead.path)

    assert dump(lead.path) == before


def test_merging_into_a_package_is_refused(lead: Lead) -> None:
    ana_file, ben_file = package(lead, "ana"), package(lead, "ben")
    before = dump(ana_file)

    with Project.open(ana_file) as ana, pytest.raises(ProjectError) as caught:
        merge_packages(ana, [ben_file])

    assert str(caught.value) == (
        "ana.claims is a work package; merge packages into the lead's project"
    )
    assert dump(ana_file) == before


def test_a_damaged_package_changes_nothing(lead: Lead) -> None:
    ana_file = package(lead, "ana")
    with Project.open(ana_file) as ana:
        ana.add_claim(lead.shared[0], "ana", 0, 4, stance="oppose")
        ana.set_status(lead.ana_only, "ana", "done")
    conn = sqlite3.connect(ana_file)
    conn.execute('UPDATE claims SET "end" = 500 WHERE id = ?', (lead.kept,))  # past the text
    conn.commit()
    conn.close()
    before = dump(lead.path)

    with pytest.raises(InputError) as caught:
        merge(lead, ana_file)

    assert str(caught.value).startswith(f"{ana_file}: claim ")
    assert str(caught.value).endswith("; nothing of it was merged")
    assert dump(lead.path) == before
