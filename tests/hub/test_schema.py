"""The hub's tables and their versions."""

from __future__ import annotations

import psycopg
import pytest

from annotator.hub.admin import migrate, upgrade
from annotator.hub.connect import HubVersionError, check_version
from annotator.hub.schema import COLUMNS, HUB_VERSION, KEYS
from annotator.store.events import PRIMARY_KEYS
from annotator.store.migrations import SCHEMA_VERSION, tables_at
from tests.hub.conftest import Server


def test_the_hub_mirrors_every_column_of_the_project_files_tables() -> None:
    """A new column in the project file needs a hub migration too: this fails until it has one."""
    tables = tables_at(SCHEMA_VERSION)
    for table, columns in COLUMNS.items():
        assert set(columns) == tables[table], table
    for table, key in PRIMARY_KEYS.items():
        assert KEYS[table] == key


def test_migrating_twice_runs_each_migration_once(pg_server: Server, hub_db: str) -> None:
    with psycopg.connect(pg_server.dsn(hub_db), autocommit=True) as connection:
        assert migrate(connection) == (0, HUB_VERSION)
        assert migrate(connection) == (HUB_VERSION, HUB_VERSION)
        check_version(connection, "dbname=x")
    assert upgrade(pg_server.dsn(hub_db)) == (HUB_VERSION, HUB_VERSION)


def test_a_newer_or_older_hub_is_refused_with_what_to_do(pg_server: Server, hub_db: str) -> None:
    dsn = pg_server.dsn(hub_db)
    with psycopg.connect(dsn, autocommit=True) as connection:
        with pytest.raises(HubVersionError, match="holds no claim hub; the lead makes one"):
            check_version(connection, dsn)
        migrate(connection)
        connection.execute("UPDATE claim_hub.hub_version SET version = %s", [HUB_VERSION + 1])
        with pytest.raises(HubVersionError, match=r"newer than this program reads.*update claim"):
            check_version(connection, dsn)
        connection.execute("UPDATE claim_hub.hub_version SET version = 0")
        with pytest.raises(HubVersionError, match=r"older than this program.s.*hub upgrade"):
            check_version(connection, dsn)
