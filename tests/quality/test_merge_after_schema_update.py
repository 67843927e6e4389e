"""A work package that was out while the lead changed the schema: updated the same way, it merges.

The update rewrites the labels on both sides; the merge must not take that
for an edit of either side (a conflict), nor take an edit for no change.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.model import Article
from annotator.core.schema import load_schema
from annotator.quality.merge import merge_packages
from annotator.quality.package import write_package
from annotator.store.project import Project
from tests.helpers import dump
from tests.schemas import DEFAULT, KEPT, MIXED, with_stances
from tests.store.helpers import read_rows

RENAMED = with_stances(
    KEPT + '{ id = "none", name = "None", key = "n", renamed_from = "neutral" },\n' + MIXED
)
TEXT = "Kestria must reopen the port."


def update(path: Path, text: str = RENAMED, who: str = "lead") -> None:
    """Apply the schema ``text`` to the project file at ``path``."""
    with Project.open(path) as project:
        project.update_schema(load_schema(text), who)


def test_a_package_updated_with_the_same_file_merges(tmp_path: Path) -> None:
    with Project.create(tmp_path / "lead.claims") as lead:
        lead.add_articles([Article("a1", TEXT), Article("a2", "Observers agreed.")])
        untouched = lead.add_claim("a1", "ana", 0, 7, stance="neutral")
        edited = lead.add_claim("a1", "ana", 8, 19, stance="neutral")
        write_package(lead, "ana", tmp_path / "ana.claims")
        with Project.open(tmp_path / "ana.claims") as ana:
            added = ana.add_claim("a2", "ana", 0, 9, stance="neutral")
            ana.update_claim(edited.id, category="demand")
        lead.update_schema(load_schema(RENAMED), "lead")

        with pytest.raises(InputError, match="uses another label schema"):
            merge_packages(lead, [tmp_path / "ana.claims"])
        update(tmp_path / "ana.claims", who="ana")
        report = merge_packages(lead, [tmp_path / "ana.claims"])

        stances = {c.id: c.stance for c in lead.labels("a1", "ana").claims}
        stances.update({c.id: c.stance for c in lead.labels("a2", "ana").claims})
        assert stances == {untouched.id: "none", edited.id: "none", added.id: "none"}
        # Only ana changed the claim she edited (the rename is the same on both sides):
        # the project takes her edit, and nothing is a conflict.
        assert report.conflicts == []
        assert lead.claim(edited.id).category == "demand"  # type: ignore[union-attr]
        assert report.labels_updated == 1 and report.labels_added == 1


def test_a_package_not_updated_is_refused_saying_how_and_keeps_its_edit(tmp_path: Path) -> None:
    with Project.create(tmp_path / "lead.claims") as lead:
        lead.add_articles([Article("a1", TEXT)])
        claim = lead.add_claim("a1", "ana", 0, 7, stance="neutral")
        write_package(lead, "ana", tmp_path / "ana.claims")
        with Project.open(tmp_path / "ana.claims") as ana:
            ana.update_claim(claim.id, category="demand")
        lead.update_schema(load_schema(RENAMED), "lead")
        before = dump(lead.path)

        with pytest.raises(InputError) as caught:
            merge_packages(lead, [tmp_path / "ana.claims"])

        assert str(caught.value).endswith(
            "nothing was merged. The schema of lead.claims was updated since (revision 2 now):"
            " update the package with the same file (annotator schema ana.claims --update"
            " NEW.toml, with the same --map options), then merge it; its labels wait in it until"
            " then"
        )
        assert dump(lead.path) == before
        with Project.open(tmp_path / "ana.claims", read_only=True) as ana:
            assert ana.claim(claim.id).category == "demand"  # type: ignore[union-attr]


def test_a_kept_conflict_is_rewritten_and_does_not_come_back(tmp_path: Path) -> None:
    with Project.create(tmp_path / "lead.claims") as lead:
        lead.add_articles([Article("a1", TEXT)])
        claim = lead.add_claim("a1", "ana", 0, 7, stance="neutral")
        write_package(lead, "ana", tmp_path / "ana.claims")
        with Project.open(tmp_path / "ana.claims") as ana:
            ana.update_claim(claim.id, category="demand")
        lead.update_claim(claim.id, category="evaluation")
        assert len(merge_packages(lead, [tmp_path / "ana.claims"]).conflicts) == 1
        [kept] = read_rows(lead.path, "merge_conflicts")

        lead.update_schema(load_schema(RENAMED), "lead")
        update(tmp_path / "ana.claims", who="ana")
        [rewritten] = read_rows(lead.path, "merge_conflicts")
        assert json.loads(rewritten["package_row"]) == {
            **json.loads(kept["package_row"]),
            "stance": "none",
        }
        assert merge_packages(lead, [tmp_path / "ana.claims"]).conflicts == []
        assert read_rows(lead.path, "merge_conflicts") == [rewritten]  # not found again
        assert lead.claim(claim.id).category == "evaluation"  # type: ignore[union-attr]


def test_after_a_merge_the_lead_and_the_package_go_on_after_the_update(tmp_path: Path) -> None:
    """The lead's base (the package's rows as last merged) is fingerprinted again, from the
    row as it is and, for a row the lead edited since, from the undo log."""
    with Project.create(tmp_path / "lead.claims") as lead:
        lead.add_articles([Article("a1", TEXT)])
        by_ana = lead.add_claim("a1", "ana", 0, 7, stance="neutral")
        by_lead = lead.add_claim("a1", "ana", 8, 19, stance="neutral")
        write_package(lead, "ana", tmp_path / "ana.claims")
        assert merge_packages(lead, [tmp_path / "ana.claims"]).changes() == 0
        lead.update_claim(by_lead.id, note="checked by the lead")
        lead.update_schema(load_schema(RENAMED), "lead")
        update(tmp_path / "ana.claims", who="ana")
        with Project.open(tmp_path / "ana.claims") as ana:
            ana.update_claim(by_ana.id, category="demand")

        report = merge_packages(lead, [tmp_path / "ana.claims"])

        assert report.conflicts == []
        assert report.labels_updated == 1
        assert lead.claim(by_ana.id).category == "demand"  # type: ignore[union-attr]
        assert lead.claim(by_lead.id).note == "checked by the lead"  # type: ignore[union-attr]
        assert {c.stance for c in lead.labels("a1", "ana").claims} == {"none"}


def test_an_actor_type_renamed_on_both_sides_is_no_change(tmp_path: Path) -> None:
    renamed = DEFAULT.replace('{ id = "state",', '{ id = "country", renamed_from = "state",')
    assert renamed != DEFAULT
    with Project.create(tmp_path / "lead.claims") as lead:
        lead.add_articles([Article("a1", TEXT)])
        kestria = lead.add_actor("Kestria", "lead", "state")
        write_package(lead, "ana", tmp_path / "ana.claims")
        with Project.open(tmp_path / "ana.claims") as ana:
            ana.update_actor(kestria.id, "ana", name="Republic of Kestria")
        lead.update_schema(load_schema(renamed), "lead")
        update(tmp_path / "ana.claims", renamed, "ana")

        report = merge_packages(lead, [tmp_path / "ana.claims"])

        assert report.conflicts == []
        actor = lead.actor(kestria.id)
        assert actor is not None and (actor.name, actor.type) == ("Republic of Kestria", "country")
