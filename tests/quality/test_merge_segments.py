"""A claim's segments travel in work packages and into gold, like any other claim field."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.model import GOLD
from annotator.quality.merge import merge_packages
from annotator.quality.package import write_package
from annotator.store.project import Project
from tests.quality.laptops import Lead, at, make_lead


@pytest.fixture
def lead(tmp_path: Path) -> Lead:
    return make_lead(tmp_path / "lead.claims")


def test_segments_made_and_removed_on_a_laptop_are_merged(lead: Lead) -> None:
    s1 = lead.shared[0]
    package = lead.path.with_name("ana.claims")
    with Project.open(lead.path) as project:
        write_package(project, "ana", package)
    with Project.open(package) as ana:
        edited = ana.add_claim_segment(lead.edited, at(s1, "port of Velgrad"))
        split = ana.add_claim(s1, "ana", *at(s1, "Beijing"), stance="oppose")
        split = ana.add_claim_segment(split.id, at(s1, "must reopen"))
    with Project.open(lead.path) as project:
        report = merge_packages(project, [package])
        assert report.conflicts == []
        assert project.claim(lead.edited) == edited
        assert project.claim(split.id) == split
    with Project.open(package) as ana:
        alone = ana.remove_claim_segment(lead.edited, at(s1, "port of Velgrad"))
    with Project.open(lead.path) as project:
        assert merge_packages(project, [package]).conflicts == []
        assert project.claim(lead.edited) == alone and alone.segments == ()


def test_accepting_a_claim_in_segments_copies_them_into_gold(lead: Lead) -> None:
    s1 = lead.shared[0]
    with Project.open(lead.path) as project:
        claim = project.add_claim_segment(lead.edited, at(s1, "port of Velgrad"))
        gold_id = project.accept_label(claim.id, "lead")
        gold = project.claim(gold_id)
        assert gold is not None and gold.annotator == GOLD
        assert gold.segments == claim.segments and gold.span == claim.span
