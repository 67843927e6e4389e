"""The throwaway server itself: it runs, and roles log in with passwords only."""

from __future__ import annotations

import psycopg
import pytest

from tests.hub.conftest import Server


def test_the_server_answers(pg_server: Server, hub_db: str) -> None:
    with pg_server.admin(hub_db) as admin:
        (version,) = admin.execute("SHOW server_version_num").fetchone() or (0,)
    assert int(str(version)) >= 150000


def test_a_role_needs_its_password(pg_server: Server, hub_db: str) -> None:
    with pg_server.admin() as admin:
        admin.execute("DROP ROLE IF EXISTS probe_role")
        admin.execute("CREATE ROLE probe_role LOGIN PASSWORD 'right'")
    with psycopg.connect(pg_server.dsn(hub_db, user="probe_role", password="right")) as ok:
        assert ok.execute("SELECT current_user").fetchone() == ("probe_role",)
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(pg_server.tcp_dsn(hub_db, "probe_role", password="wrong"))
