"""A lead's full copy of the hub (annotator hub pull), against the real test server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.hub import lead as lead_pull
from annotator.hub.connect import HubError
from annotator.hub.lead import lead_copy, pull_copy, pull_since
from annotator.hub.sync import join, sync
from annotator.quality.agreement.project import project_agreement
from annotator.store import package_rows
from annotator.store.hub_copy import fingerprints
from annotator.store.project import Project
from tests.helpers import dump, run
from tests.hub.conftest import Server
from tests.hub.hubs import Hub, make_hub
from tests.quality.laptops import at


@pytest.fixture
def hub(pg_server: Server, hub_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Hub:
    return make_hub(pg_server, hub_db, tmp_path, monkeypatch)


def contents(path: Path) -> tuple[dict[tuple[str, str], str], list[tuple[str, str]], list[str]]:
    """Every label-like row's fingerprint, the assignments and the article ids of a file."""
    with Project.open(path, read_only=True) as project:
        rows = fingerprints(project)
        assignments = sorted(package_rows.assignment_pairs(project))
        articles = sorted(r["id"] for r in package_rows.rows(project, "articles"))
    return rows, assignments, articles


def test_a_lead_copys_agreement_equals_the_original_projects(
    hub: Hub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lead_pull, "BATCH", 2)  # many batches, on a small hub
    copy = tmp_path / "copy.claims"
    report = pull_copy(hub.dsn("lead"), copy)
    assert report.rows["articles"] == 6 and "pulled the whole hub" in report.summary()
    with Project.open(hub.lead.path, read_only=True) as original:
        expected = project_agreement(original).to_json()
    with Project.open(copy, read_only=True) as pulled:
        assert project_agreement(pulled).to_json() == expected
        record = lead_copy(pulled)
        assert record is not None and "password" not in record.dsn
    assert contents(copy) == contents(hub.lead.path)
    cli = run("agreement", copy, "--json")
    assert json.loads(cli.output) == json.loads(run("agreement", hub.lead.path, "--json").output)


def test_an_annotator_is_refused_a_full_copy_by_the_server(hub: Hub, tmp_path: Path) -> None:
    target = tmp_path / "ana-all.claims"
    with pytest.raises(HubError, match="refused a full copy to your login") as caught:
        pull_copy(hub.dsn("ana"), target)
    assert "permission denied for table lead_copies" in str(caught.value)
    assert not target.exists() and not (tmp_path / "ana-all.claims.partial").exists()
    refused = run("hub", "pull", hub.dsn("ben"), "-o", target, ok=False)
    assert refused.exit_code == 1 and "a full copy is for leads" in refused.output
    assert "Traceback" not in refused.output


def test_since_brings_the_copy_up_to_date_like_a_new_pull(
    hub: Hub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lead_pull, "BATCH", 3)
    copy = tmp_path / "copy.claims"
    run("hub", "pull", hub.dsn("lead"), "-o", copy)
    laptop = tmp_path / "ana.claims"
    join(hub.dsn("ana"), "ana", laptop)
    with Project.open(laptop) as ana:
        new = ana.add_claim("r1", "ana", *at("r1", "China demanded"), stance="oppose").id
        ana.update_claim(hub.lead.edited, stance="oppose")
        ana.delete_claim(hub.lead.deleted)
        ana.set_status("p1", "ana", "done")
        sync(ana)
    with hub.as_role("lead") as lead:
        lead.execute("DELETE FROM claim_hub.assignments WHERE article_id = 'r2'")
        lead.execute(
            "INSERT INTO claim_hub.assignments (article_id, annotator) VALUES ('g1', 'ana')"
        )
    again = run("hub", "pull", "-o", copy, "--since")
    assert "pulled the hub's changes into copy.claims" in again.output
    fresh = tmp_path / "fresh.claims"
    pull_copy(hub.dsn("lead"), fresh)
    assert contents(copy) == contents(fresh)
    with Project.open(copy, read_only=True) as pulled:
        assert pulled.claim(new).stance == "oppose"
        with Project.open(fresh, read_only=True) as other:
            assert project_agreement(pulled).to_json() == project_agreement(other).to_json()
    before = dump(copy)
    with Project.open(copy) as pulled:
        nothing = pull_since(pulled)
    assert sum(nothing.rows.values()) == 0 and nothing.deleted == 0
    changed = [line for line in set(dump(copy)) ^ set(before) if "'hub_lead'" not in line]
    assert changed == []


def test_since_needs_a_lead_copy(hub: Hub, tmp_path: Path) -> None:
    laptop = tmp_path / "ana.claims"
    join(hub.dsn("ana"), "ana", laptop)
    refused = run("hub", "pull", "-o", laptop, "--since", ok=False)
    assert refused.exit_code == 1 and "is a laptop copy" in refused.output
    exists = run("hub", "pull", hub.dsn("lead"), "-o", laptop, ok=False)
    assert "already exists" in exists.output


def test_a_lead_copy_exports_as_the_original_project(hub: Hub, tmp_path: Path) -> None:
    copy = tmp_path / "copy.claims"
    pull_copy(hub.dsn("lead"), copy)
    for fmt in ("jsonl", "csv"):
        ours, theirs = tmp_path / f"copy.{fmt}", tmp_path / f"lead.{fmt}"
        run("export", copy, "--format", fmt, "-o", ours)
        run("export", hub.lead.path, "--format", fmt, "-o", theirs)
        assert ours.read_bytes() == theirs.read_bytes(), fmt
    assert len(ours.read_text(encoding="utf-8").splitlines()) == 1 + 5  # the five claims
