"""The hub commands as a user runs them: one line per outcome, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.hub.lead import lead_copy
from annotator.store import package_rows
from annotator.store.project import Project
from tests.helpers import run
from tests.hub.conftest import Server
from tests.hub.hubs import Hub, make_hub
from tests.quality.laptops import at, make_lead


@pytest.fixture
def hub(pg_server: Server, hub_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Hub:
    return make_hub(pg_server, hub_db, tmp_path, monkeypatch)


def test_init_publishes_every_row_of_the_project(
    pg_server: Server, hub_db: str, tmp_path: Path
) -> None:
    lead = make_lead(tmp_path / "lead.claims")
    with Project.open(lead.path) as project:
        project.add_claim("p1", "gold", *at("p1", "Beijing said"), stance="support")
    result = run("hub", "init", pg_server.dsn(hub_db), "--from", lead.path)
    assert result.output.startswith("published 6 articles, 3 actors, 8 assignments, 8 labels")
    with Project.open(lead.path, read_only=True) as project, pg_server.admin(hub_db) as admin:
        for table in ("articles", "actors", "actor_aliases", "mentions", "claims", "statuses"):
            (count,) = admin.execute(f"SELECT count(*) FROM claim_hub.{table}").fetchone() or (0,)
            assert count == len(list(package_rows.rows(project, table))), table
        gold = admin.execute("SELECT count(*) FROM claim_hub.claims WHERE annotator = 'gold'")
        assert gold.fetchone() == (1,)
    again = run("hub", "init", pg_server.dsn(hub_db), "--from", lead.path, ok=False)
    assert again.exit_code == 1
    assert "already holds a project" in again.output and "nothing was published" in again.output


def test_join_sync_and_status_from_the_command_line(hub: Hub, tmp_path: Path) -> None:
    path = tmp_path / "ana.claims"
    joined = run("hub", "join", hub.dsn("ana"), "--annotator", "ana", "-o", path)
    assert joined.output.startswith("joined the hub as ana: 4 articles")
    with Project.open(path) as copy:
        copy.set_status("r1", "ana", "done")
    synced = run("sync", path)
    assert synced.output.strip() == "synced ana.claims: 1 change sent, 0 received"
    status = run("hub", "status", hub.dsn("lead")).output.splitlines()
    assert status[0].startswith("ana  ") and "1 of 4 done" in status[0]
    assert "last sync 20" in status[0]
    assert status[1].startswith("ben  ") and "last sync never" in status[1]
    own = run("hub", "status", hub.dsn("ben")).output.splitlines()  # ben sees only his own
    assert [line.split()[0] for line in own] == ["ben"]
    assert not any("lead copies" in line for line in status)


def test_status_lists_the_leads_full_copies_with_their_last_pull(hub: Hub, tmp_path: Path) -> None:
    run("hub", "pull", hub.dsn("lead"), "-o", tmp_path / "first.claims")
    run("hub", "pull", hub.dsn("lead"), "-o", tmp_path / "second.claims")
    with Project.open(tmp_path / "first.claims") as copy:
        record = lead_copy(copy)
    assert record is not None
    status = run("hub", "status", hub.dsn("lead")).output.splitlines()
    at = status.index("lead copies (annotator hub pull):")
    listed = status[at + 1 :]
    assert len(listed) == 2
    assert all(line.split()[0] == hub.roles["lead"] for line in listed)
    assert any(f"copy {record.copy_id[:8]}, last pull 20" in line for line in listed)
    own = run("hub", "status", hub.dsn("ana")).output  # an annotator sees no lead copies
    assert "lead copies" not in own and "Traceback" not in own


def test_join_refuses_another_annotators_copy_and_an_unassigned_name(
    hub: Hub, tmp_path: Path
) -> None:
    other = run(
        "hub", "join", hub.dsn("ana"), "--annotator", "ben", "-o", tmp_path / "x.claims", ok=False
    )
    assert other.exit_code == 1
    assert "which is the annotator 'ana', not 'ben'" in other.output
    nobody = run(
        "hub", "join", hub.dsn("lead"), "--annotator", "cy", "-o", tmp_path / "y.claims", ok=False
    )
    assert "no articles are assigned to 'cy'" in nobody.output
    assert not list(tmp_path.glob("[xy].claims*"))


def test_a_hub_of_another_version_is_refused_by_sync(hub: Hub, tmp_path: Path) -> None:
    path = tmp_path / "ana.claims"
    run("hub", "join", hub.dsn("ana"), "--annotator", "ana", "-o", path)
    with hub.server.admin(hub.db) as admin:
        admin.execute("UPDATE claim_hub.hub_version SET version = version + 1")
    refused = run("sync", path, ok=False)
    assert refused.exit_code == 1
    assert "newer than this program reads" in refused.output
    assert "Traceback" not in refused.output


def test_a_project_that_is_no_copy_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plain.claims"
    Project.create(path).close()
    refused = run("sync", path, ok=False)
    assert "is not a copy of a team hub" in refused.output


def test_hub_commands_do_not_load_the_driver_until_they_run(tmp_path: Path) -> None:
    """psycopg is an optional extra: the app and the other commands never import it."""
    path = tmp_path / "plain.claims"
    Project.create(path).close()
    code = (
        "import sys, json; from annotator.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('psycopg'))))"
    )
    for argv in (["stats", str(path)], ["hub", "--help"], ["sync", "--help"]):
        done = subprocess.run(
            [sys.executable, "-c", code, *argv], capture_output=True, text=True, check=True
        )
        assert json.loads(done.stdout.splitlines()[-1]) == [], argv


def test_init_without_the_right_to_make_roles_is_a_message(
    pg_server: Server, hub_db: str, tmp_path: Path
) -> None:
    role = f"{hub_db}_plain"
    with pg_server.admin() as admin:
        admin.execute(f'DROP ROLE IF EXISTS "{role}"')
        admin.execute(f"CREATE ROLE \"{role}\" LOGIN PASSWORD 'pw'")
    lead = make_lead(tmp_path / "lead.claims")
    dsn = pg_server.dsn(hub_db, user=role, password="pw")
    refused = run("hub", "init", dsn, "--from", lead.path, ok=False)
    assert refused.exit_code == 1
    assert "refused: permission denied" in refused.output
    assert "Traceback" not in refused.output and "unexpected" not in refused.output
