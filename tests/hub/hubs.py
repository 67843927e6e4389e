"""A hub for the tests: the lead's project of the team tests published to a fresh database.

ana and ben log in as roles of their own with passwords that libpq reads from
a password file (PGPASSFILE), as a laptop would; the lead has a role too.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest

from annotator.hub.admin import grant, init
from annotator.store.project import Project
from tests.hub.conftest import Server
from tests.quality.laptops import Lead, make_lead


@dataclass
class Hub:
    """A published hub and how each person reaches it."""

    server: Server
    db: str
    lead: Lead
    roles: dict[str, str]
    """Annotator name (and "lead") -> PostgreSQL role."""
    passwords: dict[str, str]

    @property
    def owner_dsn(self) -> str:
        return self.server.dsn(self.db)

    def dsn(self, who: str) -> str:
        """The connection string of ``who`` (no password: the password file has it)."""
        return self.server.dsn(self.db, user=self.roles[who])

    def as_role(self, who: str) -> psycopg.Connection[Any]:
        """A connection logged in as ``who``'s role (autocommit)."""
        return psycopg.connect(self.dsn(who), autocommit=True)

    def rows(self, table: str, where: str = "true") -> list[tuple[Any, ...]]:
        """Rows of a hub table as the owner reads them (no policy applies), sorted."""
        with self.server.admin(self.db) as admin:
            found = admin.execute(f"SELECT * FROM claim_hub.{table} WHERE {where}").fetchall()
        return sorted(found, key=repr)


def make_hub(
    server: Server, db: str, folder: Path, monkeypatch: pytest.MonkeyPatch, **grants: str
) -> Hub:
    """Publish the team tests' lead project to ``db`` and give ana, ben and a lead their roles."""
    lead = make_lead(folder / "lead.claims")
    with Project.open(lead.path, read_only=True) as project:
        init(server.dsn(db), project)
    roles = {who: f"{db}_{who}" for who in ("ana", "ben", "lead", *grants)}
    passwords = {who: f"secret-{who}" for who in roles}
    with server.admin() as admin:
        for role in roles.values():
            admin.execute(f'DROP ROLE IF EXISTS "{role}"')
    for who, role in roles.items():
        grant(server.dsn(db), role, grants.get(who, who), lead=who == "lead")
    with server.admin() as admin:
        for who, role in roles.items():
            admin.execute(f"ALTER ROLE \"{role}\" PASSWORD '{passwords[who]}'")
    passfile = folder / "pgpass"
    passfile.write_text(
        "".join(f"*:{server.port}:{db}:{roles[w]}:{passwords[w]}\n" for w in roles),
        encoding="utf-8",
    )
    os.chmod(passfile, 0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    return Hub(server, db, lead, roles, passwords)
