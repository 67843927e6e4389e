"""Joining a hub and syncing laptop copies with it, against a real PostgreSQL server."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.hub.sync import hub_copy, join, sync
from annotator.store.project import Project
from tests.helpers import dump
from tests.hub.conftest import Server
from tests.hub.hubs import Hub, hub_rows_of, laptop_rows, make_hub
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


def copy_for(hub: Hub, who: str, path: Path) -> Path:
    join(hub.dsn(who), who, path)
    return path


def test_the_laptop_and_the_hub_agree_after_a_sync_and_a_second_sync_changes_nothing(
    hub: Hub, tmp_path: Path
) -> None:
    path = copy_for(hub, "ana", tmp_path / "ana.claims")
    with Project.open(path) as copy:
        copy.add_claim("r1", "ana", *at("r1", "China demanded"), stance="oppose")
        copy.update_claim(hub.lead.edited, stance="oppose")
        copy.delete_claim(hub.lead.deleted)
        copy.set_status("p1", "ana", "done")
        copy.add_alias(hub.lead.china, "the People's Republic", "ana")
        first = sync(copy)
    assert first.pushed == 6 and first.conflicts == []  # and the link of the deleted claim
    assert laptop_rows(path) == hub_rows_of(hub, "ana")
    assert hub.rows("claims", f"id = '{hub.lead.deleted}'") == []
    tables = {t: hub.rows(t) for t in ("claims", "statuses", "actor_aliases")}
    assert hub.rows("deletions") != []
    before = dump(path)
    with Project.open(path) as copy:
        second = sync(copy)
    assert (second.pushed, second.pulled, second.conflicts) == (0, 0, [])
    assert {t: hub.rows(t) for t in tables} == tables
    assert hub.rows("deletions") == []  # the only copy has taken them in: trimmed
    changed = [line for line in set(dump(path)) ^ set(before) if "'hub'" not in line]
    assert changed == []  # only the record of the last sync's time


def test_new_assignments_and_actors_on_the_hub_reach_the_laptop(hub: Hub, tmp_path: Path) -> None:
    path = copy_for(hub, "ana", tmp_path / "ana.claims")
    with hub.as_role("lead") as lead:
        lead.execute(
            "INSERT INTO claim_hub.assignments (article_id, annotator) VALUES ('g1', 'ana')"
        )
        lead.execute(
            "DELETE FROM claim_hub.assignments WHERE article_id = 'r2' AND annotator = 'ana'"
        )
        lead.execute(
            "INSERT INTO claim_hub.actors (id, name, name_key, type) VALUES"
            " ('a-new', 'Tarquesh', 'tarquesh', 'state')"
        )
    with Project.open(path) as copy:
        report = sync(copy)
        assert report.articles == 1
        assert sorted(copy.assigned_articles("ana")) == ["g1", "p1", "p2", "r1"]
        assert [a.name for a in copy.actors_named("Tarquesh")] == ["Tarquesh"]
    assert laptop_rows(path) == hub_rows_of(hub, "ana")


def test_an_actor_edited_on_both_sides_is_a_conflict_and_the_hubs_version_is_kept(
    hub: Hub, tmp_path: Path
) -> None:
    ana = copy_for(hub, "ana", tmp_path / "ana.claims")
    ben = copy_for(hub, "ben", tmp_path / "ben.claims")
    with Project.open(ben) as copy:
        copy.update_actor(hub.lead.china, "ben", name="PRC")
        assert sync(copy).conflicts == []
    with Project.open(ana) as copy:
        copy.update_actor(hub.lead.china, "ana", name="People's Republic of China")
        report = sync(copy)
        assert len(report.conflicts) == 1
        assert (
            'actor "People\'s Republic of China" was changed here and on the hub'
            in (report.conflicts[0])
        )
        assert (copy.actor(hub.lead.china) or pytest.fail("gone")).name == "PRC"
    kept = hub.rows("conflicts")
    assert [(r[1], r[3]) for r in kept] == [("ana", "actors")]
    assert "People's Republic of China" in kept[0][5]
    assert laptop_rows(ana) == hub_rows_of(hub, "ana")
    with Project.open(ana) as copy:
        assert sync(copy).conflicts == []  # reported once


def test_two_laptops_of_one_annotator(hub: Hub, tmp_path: Path) -> None:
    first = copy_for(hub, "ana", tmp_path / "office.claims")
    second = copy_for(hub, "ana", tmp_path / "home.claims")
    with Project.open(first) as copy:
        made = copy.add_claim("r1", "ana", *at("r1", "China demanded"), stance="oppose").id
        copy.update_claim(hub.lead.edited, note="from the office")
        copy.delete_claim(hub.lead.deleted)
        sync(copy)
    with Project.open(second) as copy:
        copy.update_claim(hub.lead.edited, note="from home")
        copy.update_claim(hub.lead.deleted, note="still needed")
        report = sync(copy)
        assert sorted(c.split(" was ")[1][:20] for c in report.conflicts) == [
            "changed here and on ",
            "changed here but del",
        ]
        assert copy.claim(made) is not None
        assert (copy.claim(hub.lead.edited) or pytest.fail("gone")).note == "from the office"
        assert copy.claim(hub.lead.deleted) is None
    with Project.open(first) as copy:
        sync(copy)
    assert laptop_rows(first) == laptop_rows(second) == hub_rows_of(hub, "ana")


def test_a_month_offline_with_hundreds_of_changes(hub: Hub, tmp_path: Path) -> None:
    path = copy_for(hub, "ana", tmp_path / "ana.claims")
    with Project.open(path) as copy:
        for n in range(300):
            article = ("p1", "p2", "r1", "r2")[n % 4]
            claim = copy.add_claim(article, "ana", 0, 5 + n % 20, stance="support")
            if n % 3 == 0:
                copy.update_claim(claim.id, stance="oppose")
            if n % 7 == 0:
                copy.delete_claim(claim.id)
        report = sync(copy)
    assert report.pushed == 300 - len(range(0, 300, 7))
    assert laptop_rows(path) == hub_rows_of(hub, "ana")


def test_no_password_is_stored_in_the_copy(hub: Hub, tmp_path: Path) -> None:
    secret = hub.passwords["ana"]
    path = tmp_path / "ana.claims"
    report = join(f"{hub.dsn('ana')} password={secret}", "ana", path)
    assert report.password_dropped
    assert "the password was used but not saved" in report.summary()
    with Project.open(path, read_only=True) as copy:
        record = hub_copy(copy)
    assert record is not None and "password" not in record.dsn
    assert secret.encode() not in path.read_bytes()
    with Project.open(path) as copy:  # the password file gives it
        assert sync(copy).pushed == 0


def test_concurrent_syncs_and_lead_writes_lose_nothing(hub: Hub, tmp_path: Path) -> None:
    """Change numbers are handed out under one lock: a sync never skips a row committed beside it."""
    import threading

    laptops = [copy_for(hub, "ana", tmp_path / f"ana{n}.claims") for n in range(3)]
    made: list[str] = []
    errors: list[BaseException] = []

    def laptop(path: Path, rounds: int) -> None:
        try:
            for _ in range(rounds):
                with Project.open(path) as copy:
                    for _ in range(5):
                        made.append(copy.add_claim("r1", "ana", 0, 5, stance="support").id)
                    sync(copy)
        except BaseException as exc:
            errors.append(exc)

    def lead(rounds: int) -> None:
        try:
            with hub.as_role("lead") as connection:
                for n in range(rounds):
                    connection.execute(
                        "INSERT INTO claim_hub.actors (id, name, name_key) VALUES (%s, %s, %s)",
                        [f"lead-{n}", f"Actor {n}", f"actor {n}"],
                    )
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=laptop, args=(p, 4)) for p in laptops]
    threads.append(threading.Thread(target=lead, args=(40,)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    for path in laptops:
        with Project.open(path) as copy:
            sync(copy)
    expected = hub_rows_of(hub, "ana")
    assert {r[0] for r in hub.rows("claims", "annotator = 'ana'")} >= set(made)
    assert len([r for r in expected if r[0] == "actors"]) == 3 + 40
    for path in laptops:
        assert laptop_rows(path) == expected


def test_a_sync_waits_for_a_write_in_flight_and_then_takes_it(hub: Hub, tmp_path: Path) -> None:
    """The write has its change number before it commits; a sync that did not wait for it would
    record a number past it and never take it."""
    import threading
    import time

    path = copy_for(hub, "ana", tmp_path / "ana.claims")
    with hub.as_role("lead") as lead:
        lead.execute("BEGIN")
        lead.execute(
            "INSERT INTO claim_hub.actors (id, name, name_key) VALUES ('late', 'Late', 'late')"
        )
        done: list[object] = []

        def run_sync() -> None:
            with Project.open(path) as copy:
                done.append(sync(copy))

        thread = threading.Thread(target=run_sync)
        thread.start()
        with hub.server.admin(hub.db) as watcher:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not done:
                waiting = watcher.execute(
                    "SELECT 1 FROM pg_stat_activity WHERE application_name = 'claim-annotator'"
                    " AND wait_event = 'advisory' AND datname = %s",
                    [hub.db],
                ).fetchone()
                if waiting:
                    break
                time.sleep(0.05)
        assert not done, "the sync did not wait for the write in flight"
        lead.execute("COMMIT")
        thread.join(timeout=60)
    assert done
    with Project.open(path, read_only=True) as copy:
        assert copy.actor("late") is not None


def test_an_actor_made_on_two_laptops_is_one_actor_on_the_hub(hub: Hub, tmp_path: Path) -> None:
    """As a merge does: a new actor named like one on the hub (any case or spacing) is that one."""
    ana = copy_for(hub, "ana", tmp_path / "ana.claims")
    ben = copy_for(hub, "ben", tmp_path / "ben.claims")
    with Project.open(ben) as copy:
        bens = copy.add_actor("Tarquesh", "ben", "state").id
        copy.add_mention("g1", "ben", 4, 9, bens)
        sync(copy)
    with Project.open(ana) as copy:
        mine = copy.add_actor("tarquesh ", "ana", "state", ("the Tarquesh coast",)).id
        mention = copy.add_mention("r1", "ana", 0, 5, mine).id
        claim = copy.add_claim("r1", "ana", 0, 5, claimant=hub.lead.china, target=mine).id
        report = sync(copy)
        assert report.matches == [
            "actor 'tarquesh' is the hub's 'Tarquesh' (the same name or alias);"
            " its labels now refer to it",
        ]
        assert copy.actor(mine) is None
        assert (copy.mention(mention) or pytest.fail("gone")).actor == bens
        assert (copy.claim(claim) or pytest.fail("gone")).target == bens
    names = [r[1] for r in hub.rows("actors")]
    assert sorted(names) == ["China", "Kestria", "Norvania", "Tarquesh"]
    aliases = {(r[0], r[1]) for r in hub.rows("actor_aliases")}
    assert (bens, "the Tarquesh coast") in aliases and (bens, "tarquesh") not in aliases
    assert laptop_rows(ana) == hub_rows_of(hub, "ana")
    with Project.open(ana) as copy:
        assert sync(copy).pushed == 0
