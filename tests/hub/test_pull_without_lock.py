"""A sync pushes under the hub's lock and pulls after, without it: nothing is skipped or undone.

The push (`push_changes`) commits and lets the lock go; the pull (`pull_changes`)
reads one snapshot taken after that and gives the copy the change number read
while the push held the lock. A write of another laptop that holds the lock
meanwhile (numbered, not committed) neither holds up the pull nor is skipped:
the next sync takes it. Deletions go to the hub in one statement per table.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.hub.connect import connect
from annotator.hub.sync import join, prepare, pull_changes, push_changes, sync, write_back
from annotator.store.project import Project
from tests.hub.conftest import Server
from tests.hub.hubs import Hub, hub_rows_of, laptop_rows, make_hub
from tests.quality.laptops import at


@pytest.fixture
def hub(pg_server: Server, hub_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Hub:
    return make_hub(pg_server, hub_db, tmp_path, monkeypatch)


def copy_for(hub: Hub, who: str, path: Path) -> Path:
    join(hub.dsn(who), who, path)
    return path


def test_a_pull_does_not_wait_for_a_push_in_flight_and_the_next_sync_takes_it(
    hub: Hub, tmp_path: Path
) -> None:
    path = copy_for(hub, "ana", tmp_path / "office.claims")
    with Project.open(path) as copy:
        made = copy.add_claim("r1", "ana", *at("r1", "China demanded"), stance="oppose").id
        outgoing = prepare(copy)
        with connect(hub.dsn("ana")) as connection:
            # Were the pull to take the hub's lock in any mode, it would fail here, not hang.
            connection.execute("SET lock_timeout = '5s'")
            pushed = push_changes(connection, outgoing, hub.dsn("ana"))
            held = connection.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                " AND pid = pg_backend_pid()"
            ).fetchone()
            assert held == (0,)  # the push let the lock go when it committed
            with hub.as_role("ana") as home:  # ana's other laptop, its push under way
                home.execute("BEGIN")
                home.execute(
                    "UPDATE claim_hub.claims SET note = 'from home' WHERE id = %s",
                    [hub.lead.edited],
                )
                number = home.execute(
                    "SELECT seq FROM claim_hub.claims WHERE id = %s", [hub.lead.edited]
                ).fetchone()
                assert number is not None and number[0] > pushed.upto
                exchanged = pull_changes(connection, outgoing, pushed)  # beside it
                home.execute("COMMIT")
        assert exchanged.pulled.seq == pushed.upto  # not past the write in flight
        report = write_back(copy, outgoing, exchanged)
        assert report.pushed == 1 and report.conflicts == []
        edited = copy.claim(hub.lead.edited) or pytest.fail("gone")
        assert edited.note != "from home"  # committed after the pull's snapshot
        sync(copy)
        edited = copy.claim(hub.lead.edited) or pytest.fail("gone")
        assert edited.note == "from home"  # the next sync took it
        assert copy.claim(made) is not None
    assert [r[0] for r in hub.rows("claims", f"id = '{made}'")] == [made]
    assert laptop_rows(path) == hub_rows_of(hub, "ana")
    assert len(hub.rows("syncs")) == 2


def test_a_change_committed_between_push_and_pull_replaces_the_pushs_correction(
    hub: Hub, tmp_path: Path
) -> None:
    """The push keeps the hub's version of a conflict; the pull, later, has a newer one."""
    office = copy_for(hub, "ana", tmp_path / "office.claims")
    home = copy_for(hub, "ana", tmp_path / "home.claims")
    with Project.open(office) as copy:
        copy.update_claim(hub.lead.edited, note="from the office")
        sync(copy)
    with Project.open(home) as copy:
        copy.update_claim(hub.lead.edited, note="from home")
        outgoing = prepare(copy)
        with connect(hub.dsn("ana")) as connection:
            pushed = push_changes(connection, outgoing, hub.dsn("ana"))
            assert [table for table, _ in pushed.push.corrections] == ["claims"]
            with hub.as_role("ana") as later:  # the office laptop again, committed
                later.execute(
                    "UPDATE claim_hub.claims SET note = 'from the office, later' WHERE id = %s",
                    [hub.lead.edited],
                )
            exchanged = pull_changes(connection, outgoing, pushed)
        report = write_back(copy, outgoing, exchanged)
        assert len(report.conflicts) == 1 and "changed here and on" in report.conflicts[0]
        edited = copy.claim(hub.lead.edited) or pytest.fail("gone")
        assert edited.note == "from the office, later"
        again = sync(copy)  # takes the later version again (numbered past the push's)
        assert (again.pushed, again.conflicts) == (0, [])
        assert (copy.claim(hub.lead.edited) or pytest.fail("gone")).note == "from the office, later"
        third = sync(copy)
        assert (third.pushed, third.pulled, third.conflicts) == (0, 0, [])
    assert laptop_rows(home) == hub_rows_of(hub, "ana")


def test_hundreds_of_deletions_reach_the_hub(hub: Hub, tmp_path: Path) -> None:
    path = copy_for(hub, "ana", tmp_path / "ana.claims")
    with Project.open(path) as copy:
        first = [
            copy.add_claim("r1", "ana", 0, 5 + n % 20, stance="support").id for n in range(200)
        ]
        second = [
            copy.add_claim("p1", "ana", 0, 5 + n % 20, stance="support").id for n in range(200)
        ]
        for one, other in zip(first, second, strict=True):
            copy.link_claims(one, other, "ana")
        for n in range(20):
            copy.add_alias(hub.lead.china, f"alias {n}", "ana")
        assert sync(copy).pushed == 620
    assert len(hub.rows("claim_links", "annotator = 'ana'")) >= 200
    with Project.open(path) as copy:
        for one, other in zip(first[:100], second[:100], strict=True):
            copy.unlink_claims(one, other, "ana")  # 100 links (two-column keys)
        for claim in first[50:]:
            copy.delete_claim(claim)  # 150 claims and the 100 links left of them
        for n in range(20):
            copy.remove_alias(hub.lead.china, f"alias {n}", "ana")
        report = sync(copy)
        assert report.conflicts == []
        assert report.pushed == 100 + 150 + 100 + 20
    gone = "', '".join(first[50:])
    assert hub.rows("claims", f"id IN ('{gone}')") == []
    assert hub.rows("claim_links", f"claim_a IN ('{gone}') OR claim_b IN ('{gone}')") == []
    assert hub.rows("actor_aliases", "alias LIKE 'alias %'") == []
    kept = "', '".join(first[:50] + second)
    assert len(hub.rows("claims", f"id IN ('{kept}')")) == 250
    assert laptop_rows(path) == hub_rows_of(hub, "ana")
    with Project.open(path) as copy:
        again = sync(copy)
    assert (again.pushed, again.pulled, again.conflicts) == (0, 0, [])
