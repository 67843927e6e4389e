"""Syncs that are cut: offline, a killed process, a dropped connection, a restarted server.

Each cut sync must leave the hub and the laptop copy consistent (the hub's
transaction is all or nothing, and so is the copy's), and the next sync must
complete it: afterwards both sides hold the same rows, with nothing lost and
nothing twice. A sync is cut "mid-way" by making it wait: the test holds a lock
on a hub table the sync reads after it has written others, or on the copy's
file, and cuts it while it waits (seen in ``pg_stat_activity``).
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest

from annotator.hub.connect import HubAuthError, HubUnreachable
from annotator.hub.sync import hub_copy, join, sync
from annotator.store.project import Project
from tests.helpers import dump, run
from tests.hub.conftest import Server
from tests.hub.hubs import Hub, hub_rows_of, laptop_rows, make_hub
from tests.quality.laptops import at

SYNC = "import sys; from annotator.cli import main; main(['sync', *sys.argv[1:]])"
PATIENCE = 60.0
"""Seconds a test waits for a sync to reach the point where it is cut (not a measurement)."""


@pytest.fixture
def hub(pg_server: Server, hub_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Hub:
    return make_hub(pg_server, hub_db, tmp_path, monkeypatch)


def labelled_copy(hub: Hub, path: Path) -> Path:
    """ana's copy with changes in several tables: an alias, a mention, claims, a status."""
    join(hub.dsn("ana"), "ana", path)
    with Project.open(path) as copy:
        copy.add_alias(hub.lead.norvania, "the Norvanian government", "ana")
        mention = copy.add_mention("r1", "ana", 0, 5, hub.lead.china)
        copy.add_claim("r1", "ana", *at("r1", "China demanded"), stance="oppose")
        copy.update_claim(hub.lead.edited, stance="oppose", note=f"cites {mention.id[:8]}")
        copy.delete_claim(hub.lead.deleted)
        copy.set_status("r1", "ana", "done")
    return path


def start_sync(path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", SYNC, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@contextmanager
def table_locked(hub: Hub, table: str) -> Iterator[psycopg.Connection[Any]]:
    """Hold an exclusive lock on a hub table (a sync that reads it waits) until the block ends."""
    with hub.server.admin(hub.db) as admin:
        admin.execute("BEGIN")
        admin.execute(f"LOCK TABLE claim_hub.{table} IN ACCESS EXCLUSIVE MODE")
        try:
            yield admin
        finally:
            admin.execute("ROLLBACK")


def waiting_sync(hub: Hub, process: subprocess.Popen[str]) -> int:
    """The server process of the sync once it waits for a lock (its pid)."""
    deadline = time.monotonic() + PATIENCE
    with hub.server.admin(hub.db) as watcher:
        while time.monotonic() < deadline:
            found = watcher.execute(
                "SELECT pid FROM pg_stat_activity WHERE application_name = 'claim-annotator'"
                " AND wait_event_type = 'Lock' AND datname = %s",
                [hub.db],
            ).fetchone()
            if found is not None:
                return int(found[0])
            if process.poll() is not None:
                pytest.fail(f"the sync ended before it waited: {process.communicate()}")
            time.sleep(0.05)
    process.kill()
    pytest.fail("the sync never waited for the lock")


def hub_state(hub: Hub) -> dict[str, list[tuple[Any, ...]]]:
    return {t: hub.rows(t) for t in ("actor_aliases", "mentions", "claims", "statuses")}


def completes(hub: Hub, path: Path) -> None:
    """The next sync completes: both sides agree, and a sync after it changes nothing."""
    with Project.open(path) as copy:
        sync(copy)
    assert laptop_rows(path) == hub_rows_of(hub, "ana")
    with Project.open(path) as copy:
        again = sync(copy)
    assert (again.pushed, again.pulled, again.conflicts) == (0, 0, [])
    claims = [r[0] for r in hub.rows("claims")]
    assert len(claims) == len(set(claims))


def test_offline_is_reported_with_the_changes_pending(hub: Hub, tmp_path: Path) -> None:
    path = labelled_copy(hub, tmp_path / "ana.claims")
    before = dump(path)
    with Project.open(path) as copy, pytest.raises(HubUnreachable) as caught:
        sync(copy, f"host=127.0.0.1 port={closed_port()} dbname=x user=ana")
    message = str(caught.value)
    assert "is not reachable" in message
    assert message.endswith(
        "Not synced: 7 changes pending in ana.claims, kept there until the next sync"
    )
    assert dump(path) == before
    completes(hub, path)


def closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_the_cli_says_offline_and_auth_failures_in_one_line(hub: Hub, tmp_path: Path) -> None:
    path = labelled_copy(hub, tmp_path / "ana.claims")
    offline = run("sync", path, "--dsn", f"host=127.0.0.1 port={closed_port()} dbname=x", ok=False)
    assert offline.exit_code == 1
    assert "Traceback" not in offline.output
    assert "not reachable" in offline.output and "7 changes pending" in offline.output
    wrong = f"{hub.server.tcp_dsn(hub.db, hub.roles['ana'])} password=wrong"
    refused = run("sync", path, "--dsn", wrong, ok=False)
    assert refused.exit_code == 1
    assert "refused the login: " in refused.output
    assert "password authentication failed" in refused.output
    assert "Traceback" not in refused.output
    with Project.open(path) as copy, pytest.raises(HubAuthError):
        sync(copy, wrong)


def test_a_sync_killed_mid_way_leaves_both_sides_as_they_were(hub: Hub, tmp_path: Path) -> None:
    path = labelled_copy(hub, tmp_path / "ana.claims")
    before_hub, before_copy = hub_state(hub), dump(path)
    with table_locked(hub, "claims"):  # the sync has sent the alias and the mention by then
        process = start_sync(path)
        waiting_sync(hub, process)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=PATIENCE)
    assert hub_state(hub) == before_hub
    assert dump(path) == before_copy
    completes(hub, path)


def test_a_dropped_connection_is_a_message_and_the_next_sync_completes(
    hub: Hub, tmp_path: Path
) -> None:
    path = labelled_copy(hub, tmp_path / "ana.claims")
    before_hub, before_copy = hub_state(hub), dump(path)
    with table_locked(hub, "claims") as admin:
        process = start_sync(path)
        pid = waiting_sync(hub, process)
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
        out, err = process.communicate(timeout=PATIENCE)
    assert process.returncode == 1, (out, err)
    assert "Traceback" not in err
    assert "the connection to the hub" in err and "was lost" in err
    assert "Not synced: 7 changes pending in ana.claims" in err
    assert hub_state(hub) == before_hub
    assert dump(path) == before_copy
    completes(hub, path)


def test_a_server_restarted_mid_sync(hub: Hub, tmp_path: Path) -> None:
    path = labelled_copy(hub, tmp_path / "ana.claims")
    before_hub, before_copy = hub_state(hub), dump(path)
    admin = hub.server.admin(hub.db)
    admin.execute("BEGIN")
    admin.execute("LOCK TABLE claim_hub.claims IN ACCESS EXCLUSIVE MODE")
    process = start_sync(path)
    waiting_sync(hub, process)
    hub.server.restart()  # an immediate stop: the server crashes and recovers
    admin.close()
    out, err = process.communicate(timeout=PATIENCE)
    assert process.returncode == 1, (out, err)
    assert "Traceback" not in err and "Not synced: 7 changes pending" in err
    assert hub_state(hub) == before_hub
    assert dump(path) == before_copy
    completes(hub, path)


def test_a_sync_cut_after_the_hubs_commit_is_completed_by_the_next(
    hub: Hub, tmp_path: Path
) -> None:
    """The hub took the changes, the copy could not record it (its file was locked)."""
    path = labelled_copy(hub, tmp_path / "ana.claims")
    before_copy = dump(path)
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # a writer the sync waits for, then gives up on
        process = start_sync(path)
        out, err = process.communicate(timeout=PATIENCE)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert process.returncode == 1, (out, err)
    assert "Traceback" not in err
    assert "another program is writing to the project" in err
    assert "The hub has taken this copy's changes; sync again" in err
    assert dump(path) == before_copy  # the copy still has its old base and change number
    assert len(hub.rows("syncs")) == 1  # the hub committed the sync
    with Project.open(path) as copy:
        record = hub_copy(copy)
        again = sync(copy)
    assert record is not None
    assert again.conflicts == [] and again.pushed == 0  # the hub had every change already
    completes(hub, path)


def test_sslmode_passes_through_to_the_server(hub: Hub, tmp_path: Path) -> None:
    """The test server has no TLS: sslmode=require is refused by libpq, disable works."""
    role = hub.roles["ana"]
    with pytest.raises(HubUnreachable, match="SSL"):
        join(hub.server.tcp_dsn(hub.db, role, sslmode="require"), "ana", tmp_path / "a.claims")
    path = tmp_path / "b.claims"
    join(hub.server.tcp_dsn(hub.db, role, sslmode="disable"), "ana", path)
    with Project.open(path, read_only=True) as copy:
        record = hub_copy(copy)
    assert record is not None and "sslmode=disable" in record.dsn


def test_a_hub_held_too_long_by_someone_else_is_busy_not_a_hang(
    hub: Hub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import annotator.hub.sync as hub_sync
    from annotator.hub.connect import HubError
    from annotator.hub.schema import LOCK_KEY

    path = labelled_copy(hub, tmp_path / "ana.claims")
    before = dump(path)
    monkeypatch.setattr(hub_sync, "LOCK_TIMEOUT", 1)
    with hub.server.admin(hub.db) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
        with Project.open(path) as copy, pytest.raises(HubError) as caught:
            sync(copy)
    assert "is busy (another sync or a lead's change holds it)" in str(caught.value)
    assert str(caught.value).endswith(
        "7 changes pending in ana.claims, kept there until the next sync"
    )
    assert dump(path) == before
    completes(hub, path)
