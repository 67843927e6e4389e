"""A work package that was out while the lead changed the schema: updated the same way, it merges."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.model import Article
from annotator.core.schema import load_schema
from annotator.quality.merge import merge_packages
from annotator.quality.package import write_package
from annotator.store.project import Project
from tests.schemas import KEPT, MIXED, with_stances

RENAMED = with_stances(KEPT + '{ id = "none", key = "n", renamed_from = "neutral" },\n' + MIXED)


def test_a_package_updated_with_the_same_file_merges(tmp_path: Path) -> None:
    with Project.create(tmp_path / "lead.claims") as lead:
        lead.add_articles(
            [Article("a1", "Kestria must reopen the port."), Article("a2", "Observers agreed.")]
        )
        untouched = lead.add_claim("a1", "ana", 0, 7, stance="neutral")
        edited = lead.add_claim("a1", "ana", 8, 19, stance="neutral")
        write_package(lead, "ana", tmp_path / "ana.claims")
        with Project.open(tmp_path / "ana.claims") as ana:
            added = ana.add_claim("a2", "ana", 0, 9, stance="neutral")
            ana.update_claim(edited.id, category="demand")
        lead.update_schema(load_schema(RENAMED), "lead")

        with pytest.raises(InputError, match="uses another label schema"):
            merge_packages(lead, [tmp_path / "ana.claims"])
        with Project.open(tmp_path / "ana.claims") as ana:
            ana.update_schema(load_schema(RENAMED), "ana")
        report = merge_packages(lead, [tmp_path / "ana.claims"])

        stances = {c.id: c.stance for c in lead.labels("a1", "ana").claims}
        stances.update({c.id: c.stance for c in lead.labels("a2", "ana").claims})
        assert stances == {untouched.id: "none", edited.id: "none", added.id: "none"}
        # Both sides changed the claim ana edited (the lead's rename, ana's category): a
        # conflict, listed, the project's version kept, as for any claim both changed.
        [conflict] = report.conflicts
        assert "was changed in the package and in the project" in str(conflict)
        assert lead.claim(edited.id).category is None  # type: ignore[union-attr]
