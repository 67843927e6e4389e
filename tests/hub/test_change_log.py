"""A sync reads only what the laptop copy wrote since the last one (its log of writes).

The copy logs every row written (triggers, `annotator.store.hub_copy`); a sync
reads those rows and their fingerprints, not every row of the copy. The rows
it reads are counted by the store's own hook (`counting_reads`), not timed.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.hub.sync import exchange, join, pending_changes, prepare, sync, write_back
from annotator.store.hub_copy import TRIGGERS, counting_reads, fingerprints, tracking
from annotator.store.project import Project
from tests.hub.conftest import Server
from tests.hub.hubs import Hub, hub_rows_of, laptop_rows, make_hub
from tests.quality.laptops import at


@pytest.fixture
def hub(pg_server: Server, hub_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Hub:
    return make_hub(pg_server, hub_db, tmp_path, monkeypatch)


def add_claims(copy: Project, count: int, first: int = 0) -> list[str]:
    made = []
    for n in range(first, first + count):
        article = ("p1", "p2", "r1", "r2")[n % 4]
        made.append(copy.add_claim(article, "ana", n % 40, n % 40 + 5, stance="support").id)
    return made


def test_a_sync_reads_the_rows_written_since_the_last_not_every_row(
    hub: Hub, tmp_path: Path
) -> None:
    path = tmp_path / "ana.claims"
    join(hub.dsn("ana"), "ana", path)
    with Project.open(path) as copy:
        assert tracking(copy)
        add_claims(copy, 600)
        sync(copy)
        rows = len(fingerprints(copy))
        read = {}
        for count in (10, 30, 90):
            made = add_claims(copy, count, first=1000 + count)
            with counting_reads() as reads:
                report = sync(copy)
            assert report.pushed == count and report.pulled == 0
            read[count] = reads.rows
            with counting_reads() as reads:
                assert pending_changes(copy, _record(copy)) == []
            assert reads.rows == 0  # nothing written since: nothing to read
            assert {r[0] for r in hub.rows("claims", "annotator = 'ana'")} >= set(made)
    assert rows > 600
    # The log, the rows and their fingerprints: a few reads per change, whatever the copy holds.
    assert read == {10: 30, 30: 90, 90: 270}
    assert laptop_rows(path) == hub_rows_of(hub, "ana")


def _record(copy: Project):  # type: ignore[no-untyped-def]
    from annotator.hub.sync import hub_copy

    record = hub_copy(copy)
    assert record is not None
    return record


def test_undo_redo_and_edits_before_a_sync_send_only_the_result(hub: Hub, tmp_path: Path) -> None:
    path = tmp_path / "ana.claims"
    join(hub.dsn("ana"), "ana", path)
    with Project.open(path) as copy:
        gone = copy.add_claim("r1", "ana", *at("r1", "China demanded"), stance="oppose").id
        copy.delete_claim(gone)  # made and deleted: the hub never sees it
        copy.update_claim(hub.lead.edited, note="first")
        copy.delete_claim(hub.lead.edited)  # edited, then deleted: a deletion
        undone = copy.add_claim("r2", "ana", 0, 5, stance="support").id
        copy.undo("ana")  # made, undone: nothing
        kept = copy.add_claim("p1", "ana", 0, 5, stance="support").id
        copy.undo("ana")
        copy.redo("ana")  # made, undone, redone: sent
        copy.update_claim(hub.lead.kept, note="changed")
        copy.undo("ana")  # edited and undone: as synced, nothing to send
        changes = pending_changes(copy, _record(copy))
        assert sorted((c.table, c.values[0], c.row is None) for c in changes) == sorted(
            [("claims", hub.lead.edited, True), ("claims", kept, False)]
        )
        report = sync(copy)
    claims = {r[0] for r in hub.rows("claims")}
    assert kept in claims and gone not in claims and undone not in claims
    assert hub.lead.edited not in claims and hub.lead.kept in claims
    assert report.conflicts == []
    assert laptop_rows(path) == hub_rows_of(hub, "ana")
    with Project.open(path) as copy:
        again = sync(copy)
    assert (again.pushed, again.pulled, again.conflicts) == (0, 0, [])


def test_edits_made_while_a_sync_is_on_its_way_stay_logged_and_go_next(
    hub: Hub, tmp_path: Path
) -> None:
    path = tmp_path / "ana.claims"
    join(hub.dsn("ana"), "ana", path)
    with Project.open(path) as copy:
        claim = copy.add_claim("r1", "ana", 0, 5, stance="support").id
        outgoing = prepare(copy)
        exchanged = exchange(outgoing)
        copy.update_claim(claim, note="after the sync read the copy")
        copy.set_status("p2", "ana", "done")
        write_back(copy, outgoing, exchanged, edited=True)
        waiting = pending_changes(copy, _record(copy))
        assert sorted(c.table for c in waiting) == ["claims", "statuses"]
        report = sync(copy)
        assert report.pushed == 2 and report.conflicts == []
    assert laptop_rows(path) == hub_rows_of(hub, "ana")


def test_a_copy_without_the_log_is_compared_whole_once_then_logged(
    hub: Hub, tmp_path: Path
) -> None:
    """A copy made before the log (file version 12), or whose triggers are gone."""
    path = tmp_path / "ana.claims"
    join(hub.dsn("ana"), "ana", path)
    conn = sqlite3.connect(path)
    for name in TRIGGERS:
        conn.execute(f"DROP TRIGGER {name}")
    conn.commit()
    conn.close()
    with Project.open(path) as copy:
        assert not tracking(copy)
        add_claims(copy, 40)  # not logged
        rows = len(fingerprints(copy))
        with counting_reads() as reads:
            report = sync(copy)
        assert report.pushed == 40
        assert reads.rows >= 2 * rows  # every row and every fingerprint
        assert tracking(copy)
        add_claims(copy, 5, first=100)
        with counting_reads() as reads:
            report = sync(copy)
        assert report.pushed == 5 and reads.rows == 15
    assert laptop_rows(path) == hub_rows_of(hub, "ana")
