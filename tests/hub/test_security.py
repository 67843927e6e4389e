"""Who may do what on the hub, enforced by PostgreSQL: each test logs in as a role and tries.

Row-level security hides rows (a read finds none, an update or delete touches
none) and refuses rows a role may not write; table privileges refuse whole
statements. Every refusal here comes from the server, not from our code.
"""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from psycopg import errors

from annotator.hub.admin import set_blind
from tests.hub.conftest import Server
from tests.hub.hubs import Hub, make_hub

ARTICLE = "p1"


@pytest.fixture
def hub(pg_server: Server, hub_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Hub:
    return make_hub(pg_server, hub_db, tmp_path, monkeypatch)


def annotators_of(connection: psycopg.Connection[tuple[object, ...]], table: str) -> set[object]:
    found = connection.execute(f"SELECT DISTINCT annotator FROM claim_hub.{table}").fetchall()
    return {row[0] for row in found}


def test_an_annotator_reads_articles_actors_and_only_their_own_labels(hub: Hub) -> None:
    assert {r[2] for r in hub.rows("claims")} >= {"ana", "ben"}  # the owner sees both
    with hub.as_role("ana") as ana:
        (articles,) = ana.execute("SELECT count(*) FROM claim_hub.articles").fetchone() or (0,)
        assert articles == 6
        actors = ana.execute("SELECT name FROM claim_hub.actors ORDER BY name").fetchall()
        assert [a[0] for a in actors] == ["China", "Kestria", "Norvania"]
        for table in ("claims", "statuses", "assignments"):
            assert annotators_of(ana, table) == {"ana"}, table


def test_an_annotator_cannot_write_another_annotators_labels(hub: Hub) -> None:
    with hub.as_role("ana") as ana:
        with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
            ana.execute(
                'INSERT INTO claim_hub.claims (id, article_id, annotator, start, "end")'
                " VALUES ('forged', %s, 'ben', 0, 5)",
                [ARTICLE],
            )
        with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
            ana.execute("UPDATE claim_hub.claims SET annotator = 'ben' WHERE annotator = 'ana'")
        # ben's rows are not there for ana: an update or delete touches none of them.
        assert (
            ana.execute(
                "UPDATE claim_hub.claims SET note = 'x' WHERE id = %s", [hub.lead.ben_claim]
            ).rowcount
            == 0
        )
        assert ana.execute("DELETE FROM claim_hub.statuses WHERE annotator = 'ben'").rowcount == 0
    assert [r[0] for r in hub.rows("claims", f"id = '{hub.lead.ben_claim}'")] == [
        hub.lead.ben_claim
    ]
    assert [r[1] for r in hub.rows("statuses", "annotator = 'ben'")] == ["ben"]


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO claim_hub.articles (id, text, text_sha256) VALUES ('x', 'x', 'x')",
        "DELETE FROM claim_hub.articles",
        "UPDATE claim_hub.articles SET text = 'changed'",
        "INSERT INTO claim_hub.assignments (article_id, annotator) VALUES ('g1', 'ana')",
        "DELETE FROM claim_hub.assignments",
        "DELETE FROM claim_hub.actors",
        "UPDATE claim_hub.settings SET value = 'false'",
        "INSERT INTO claim_hub.annotators (name, role, is_lead) VALUES ('x', 'x', true)",
        "UPDATE claim_hub.annotators SET is_lead = true",
        "DELETE FROM claim_hub.deletions",
        "UPDATE claim_hub.meta SET value = 'x'",
        "DELETE FROM claim_hub.syncs",
    ],
)
def test_an_annotator_may_not_change_what_the_lead_owns(hub: Hub, statement: str) -> None:
    with hub.as_role("ana") as ana, pytest.raises(errors.InsufficientPrivilege):
        ana.execute(statement)


def test_an_annotator_cannot_record_a_sync_or_conflict_for_someone_else(hub: Hub) -> None:
    with hub.as_role("ana") as ana:
        for table, columns, values in (
            ("syncs", "annotator, copy_id, pushed, pulled, conflicts", "'ben', 'c', 0, 0, 0"),
            ("conflicts", "annotator, copy_id, tbl, key, message", "'ben', 'c', 't', 'k', 'm'"),
        ):
            with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
                ana.execute(f"INSERT INTO claim_hub.{table} ({columns}) VALUES ({values})")


def test_open_annotation_shows_others_labels_but_never_lets_them_be_written(hub: Hub) -> None:
    set_blind(hub.owner_dsn, False)
    with hub.as_role("ana") as ana:
        assert annotators_of(ana, "claims") >= {"ana", "ben"}
        assert (
            ana.execute(
                "UPDATE claim_hub.claims SET note = 'x' WHERE id = %s", [hub.lead.ben_claim]
            ).rowcount
            == 0
        )
        assert annotators_of(ana, "assignments") == {"ana"}


def test_the_lead_reads_and_writes_everything_but_the_hubs_own_records(hub: Hub) -> None:
    with hub.as_role("lead") as lead:
        assert annotators_of(lead, "claims") >= {"ana", "ben"}
        assert (
            lead.execute(
                "UPDATE claim_hub.claims SET note = 'seen' WHERE id = %s", [hub.lead.ben_claim]
            ).rowcount
            == 1
        )
        lead.execute("UPDATE claim_hub.settings SET value = 'false' WHERE key = 'blind'")
        with pytest.raises(errors.InsufficientPrivilege):
            lead.execute("DELETE FROM claim_hub.deletions")


def test_a_role_the_hub_does_not_know_reads_nothing(hub: Hub, pg_server: Server) -> None:
    role = f"{hub.db}_stranger"
    with pg_server.admin() as admin:
        admin.execute(f'DROP ROLE IF EXISTS "{role}"')
        admin.execute(f"CREATE ROLE \"{role}\" LOGIN PASSWORD 'pw'")
    dsn = pg_server.dsn(hub.db, user=role, password="pw")
    with (
        psycopg.connect(dsn, autocommit=True) as stranger,
        pytest.raises(errors.InsufficientPrivilege),
    ):
        stranger.execute("SELECT * FROM claim_hub.articles")
