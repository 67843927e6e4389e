"""Joining a hub and syncing laptop copies with it, against a real PostgreSQL server."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.hub.sync import hub_copy, join, sync
from annotator.store.project import Project
from tests.hub.conftest import Server
from tests.hub.hubs import Hub, make_hub
from tests.quality.laptops import at


@pytest.fixture
def hub(pg_server: Server, hub_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Hub:
    return make_hub(pg_server, hub_db, tmp_path, monkeypatch)


def test_join_copies_the_annotators_share(hub: Hub, tmp_path: Path) -> None:
    report = join(hub.dsn("ana"), "ana", tmp_path / "ana.claims")
    assert report.articles == 4
    with Project.open(tmp_path / "ana.claims", read_only=True) as copy:
        assert sorted(copy.assigned_articles("ana")) == ["p1", "p2", "r1", "r2"]
        record = hub_copy(copy)
        assert record is not None and record.annotator == "ana"


def test_a_label_made_on_the_laptop_reaches_the_hub(hub: Hub, tmp_path: Path) -> None:
    path = tmp_path / "ana.claims"
    join(hub.dsn("ana"), "ana", path)
    with Project.open(path) as copy:
        claim = copy.add_claim("r1", "ana", *at("r1", "China demanded"), stance="oppose").id
        report = sync(copy)
    assert report.pushed == 1, report
    assert [r[0] for r in hub.rows("claims", f"id = '{claim}'")] == [claim]
    with Project.open(path) as copy:
        again = sync(copy)
    assert again.pushed == 0 and again.conflicts == []
