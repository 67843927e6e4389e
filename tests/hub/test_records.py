"""The hub record a laptop copy or a lead's full copy keeps: read back, or a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.errors import ProjectError
from annotator.hub.lead import LeadCopy, lead_copy
from annotator.hub.sync import HubCopy, hub_copy
from annotator.store.hub_copy import HUB_KEY, LEAD_KEY
from annotator.store.project import Project


def _recorded(path: Path, key: str, value: str) -> Project:
    project = Project.create(path)
    project.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
    project.conn.commit()
    return project


def test_records_are_read_back(tmp_path: Path) -> None:
    laptop = HubCopy("dbname=claims", "ana", "c1", "p1", 7, "2026-12-03T10:00:00+00:00")
    lead = LeadCopy("dbname=claims", "c2", "p1", 9)
    with _recorded(tmp_path / "ana.claims", HUB_KEY, laptop.to_json()) as project:
        assert hub_copy(project) == laptop
        assert lead_copy(project) is None
    with _recorded(tmp_path / "lead.claims", LEAD_KEY, lead.to_json()) as project:
        assert lead_copy(project) == lead
        assert hub_copy(project) is None


@pytest.mark.parametrize("value", ["{not json", '{"dsn": "x"}', "[1, 2]"])
def test_a_damaged_record_says_what_to_do(tmp_path: Path, value: str) -> None:
    with (
        _recorded(tmp_path / "ana.claims", HUB_KEY, value) as project,
        pytest.raises(
            ProjectError,
            match=r"ana\.claims: its record of the team hub is "
            r"damaged; join the hub again \(annotator hub join\)$",
        ),
    ):
        hub_copy(project)
    with (
        _recorded(tmp_path / "lead.claims", LEAD_KEY, value) as project,
        pytest.raises(
            ProjectError,
            match=r"lead\.claims: its record of the team hub is "
            r"damaged; pull a new copy \(annotator hub pull\)$",
        ),
    ):
        lead_copy(project)
