"""Hub version 3: deletions trimmed once every copy has them, labels only on assigned articles.

A copy's cursor (the change number it has surely taken in) is recorded at
each sync; the deletions at or below every cursor seen in the last days are
trimmed. A copy away longer, whose cursor was passed, is given its whole share
again at its next sync and drops what the hub no longer has. Writing labels
on an article not assigned to the annotator is refused by the server itself.
"""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from psycopg import errors

from annotator.hub.connect import HubError
from annotator.hub.lead import pull_copy, pull_since
from annotator.hub.schema import TRIMMED_KEY
from annotator.hub.sync import hub_copy, join, sync
from annotator.store.project import Project
from tests.hub.conftest import Server
from tests.hub.hubs import Hub, hub_rows_of, laptop_rows, make_hub
from tests.quality.laptops import at


@pytest.fixture
def hub(pg_server: Server, hub_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Hub:
    return make_hub(pg_server, hub_db, tmp_path, monkeypatch)


def copy_id(path: Path) -> str:
    with Project.open(path, read_only=True) as copy:
        record = hub_copy(copy)
    assert record is not None
    return record.copy_id


def trimmed(hub: Hub) -> int:
    found = hub.rows("meta", f"key = '{TRIMMED_KEY}'")
    return int(str(found[0][1])) if found else 0


def away(hub: Hub, table: str, where: str) -> None:
    """Make a copy look unseen for 100 days (longer than the hub keeps deletions for it)."""
    column = "pulled_at" if table == "lead_copies" else "synced_at"
    with hub.server.admin(hub.db) as admin:
        admin.execute(
            f"UPDATE claim_hub.{table} SET {column} = now() - interval '100 days' WHERE {where}"
        )


def test_deletions_are_trimmed_once_every_copy_has_taken_them_in(hub: Hub, tmp_path: Path) -> None:
    office, home = tmp_path / "office.claims", tmp_path / "home.claims"
    join(hub.dsn("ana"), "ana", office)
    join(hub.dsn("ana"), "ana", home)
    with Project.open(office) as copy:
        copy.delete_claim(hub.lead.deleted)
        sync(copy)
    deleted = hub.rows("deletions")
    assert {r[1] for r in deleted} == {"claims", "claim_links"}
    with Project.open(home) as copy:
        sync(copy)  # takes them in; its cursor on the hub is still the one before
        assert copy.claim(hub.lead.deleted) is None
    with Project.open(office) as copy:
        sync(copy)
    assert hub.rows("deletions") == deleted  # home has not said yet that it has them
    with Project.open(home) as copy:
        sync(copy)
    assert hub.rows("deletions") == []
    assert trimmed(hub) == max(r[0] for r in deleted)
    for path in (office, home):
        with Project.open(path) as copy:
            again = sync(copy)
        assert (again.pushed, again.pulled, again.conflicts) == (0, 0, [])
        assert laptop_rows(path) == hub_rows_of(hub, "ana")


def test_a_copy_away_past_the_trim_gets_its_whole_share_and_drops_what_is_gone(
    hub: Hub, tmp_path: Path
) -> None:
    office, home = tmp_path / "office.claims", tmp_path / "home.claims"
    join(hub.dsn("ana"), "ana", office)
    join(hub.dsn("ana"), "ana", home)
    with Project.open(home) as copy:  # offline work, not synced
        made = copy.add_claim("r1", "ana", *at("r1", "China demanded"), stance="oppose").id
        copy.update_claim(hub.lead.edited, note="from home")
    with Project.open(office) as copy:
        copy.delete_claim(hub.lead.deleted)
        copy.add_alias(hub.lead.china, "the People's Republic", "ana")
        sync(copy)
        copy.remove_alias(hub.lead.china, "the People's Republic", "ana")
        sync(copy)
    with hub.as_role("lead") as lead:
        lead.execute("DELETE FROM claim_hub.claims WHERE id = %s", [hub.lead.kept])
    away(hub, "copies", f"copy_id = '{copy_id(home)}'")
    with Project.open(office) as copy:
        sync(copy)
        sync(copy)  # its own cursor now passes every deletion
    assert hub.rows("deletions") == []
    with Project.open(home) as copy:
        report = sync(copy)
        assert report.conflicts == [] and report.pushed == 2
        assert report.articles == 0  # it holds them all already
        assert copy.claim(hub.lead.deleted) is None and copy.claim(hub.lead.kept) is None
        assert "the People's Republic" not in (copy.actor(hub.lead.china) or pytest.fail()).aliases
        assert copy.claim(made) is not None
    assert made in {r[0] for r in hub.rows("claims")}
    assert laptop_rows(home) == hub_rows_of(hub, "ana")
    with Project.open(home) as copy:
        again = sync(copy)
    assert (again.pushed, again.pulled, again.conflicts) == (0, 0, [])


def test_a_lead_copy_pulled_before_the_trim_is_told_to_pull_anew(hub: Hub, tmp_path: Path) -> None:
    full = tmp_path / "lead-copy.claims"
    pull_copy(hub.dsn("lead"), full)
    laptop = tmp_path / "ana.claims"
    join(hub.dsn("ana"), "ana", laptop)
    with Project.open(laptop) as copy:
        copy.delete_claim(hub.lead.deleted)
        sync(copy)
    with Project.open(laptop) as copy:
        sync(copy)
    assert hub.rows("deletions") != []  # the lead's copy holds them back
    away(hub, "lead_copies", "true")
    with Project.open(laptop) as copy:
        sync(copy)
    assert hub.rows("deletions") == []
    with Project.open(full) as copy, pytest.raises(HubError, match="pull a new copy"):
        pull_since(copy, hub.dsn("lead"))


def test_an_annotator_cannot_write_labels_on_articles_not_assigned_to_them(hub: Hub) -> None:
    other = hub.lead.ben_only  # assigned to ben only
    refused = [
        ('INSERT INTO claim_hub.claims (id, article_id, annotator, start, "end")'
         " VALUES ('forged', %(other)s, 'ana', 0, 5)"),
        ('INSERT INTO claim_hub.mentions (id, article_id, annotator, start, "end")'
         " VALUES ('forged', %(other)s, 'ana', 0, 5)"),
        "INSERT INTO claim_hub.statuses (article_id, annotator, status)"
        " VALUES (%(other)s, 'ana', 'done')",
        "UPDATE claim_hub.claims SET article_id = %(other)s WHERE id = %(kept)s",
        "INSERT INTO claim_hub.claim_links (claim_a, claim_b, annotator)"
        " VALUES (%(kept)s, %(ben)s, 'ana')",
    ]  # fmt: skip
    values = {"other": other, "kept": hub.lead.kept, "ben": hub.lead.ben_claim}
    with hub.as_role("ana") as ana:
        for statement in refused:
            with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
                ana.execute(statement, values)
        ana.execute(  # on an article assigned to ana: allowed
            'INSERT INTO claim_hub.claims (id, article_id, annotator, start, "end")'
            " VALUES ('mine', %s, 'ana', 0, 5)",
            [hub.lead.shared[0]],
        )
        assert ana.execute("DELETE FROM claim_hub.claims WHERE id = 'mine'").rowcount == 1
    with hub.as_role("lead") as lead:  # a lead writes anywhere
        lead.execute(
            'INSERT INTO claim_hub.claims (id, article_id, annotator, start, "end")'
            " VALUES ('leads', %s, 'ana', 0, 5)",
            [other],
        )
    assert psycopg  # the driver the roles log in with


def test_labels_on_an_article_taken_away_are_a_conflict_not_a_failed_sync(
    hub: Hub, tmp_path: Path
) -> None:
    path = tmp_path / "ana.claims"
    join(hub.dsn("ana"), "ana", path)
    with hub.as_role("lead") as lead:
        lead.execute("DELETE FROM claim_hub.assignments WHERE article_id = 'r2'")
    with Project.open(path) as copy:
        made = copy.add_claim("r2", "ana", 0, 5, stance="support").id
        kept = copy.add_claim("r1", "ana", 0, 5, stance="support").id
        report = sync(copy)
        assert len(report.conflicts) == 1 and "not assigned to ana" in report.conflicts[0]
        assert copy.claim(made) is None  # the hub's version: none
        assert "r2" not in copy.assigned_articles("ana")
    claims = {r[0] for r in hub.rows("claims")}
    assert kept in claims and made not in claims
    assert [r[3] for r in hub.rows("conflicts")] == ["claims"]
    with Project.open(path) as copy:
        again = sync(copy)
    assert (again.pushed, again.conflicts) == (0, [])
