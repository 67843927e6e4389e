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


def laptop_rows(path: Path) -> set[tuple[str, str, str]]:
    """``(table, key, fingerprint)`` of every row a sync compares, in a laptop copy."""
    from annotator.store.hub_copy import fingerprints

    with Project.open(path, read_only=True) as copy:
        return {(table, key, value) for (table, key), value in fingerprints(copy).items()}


def hub_rows_of(hub: Hub, annotator: str) -> set[tuple[str, str, str]]:
    """The same for the hub: the actors and aliases, and ``annotator``'s labels on their articles."""
    from annotator.hub.schema import COLUMNS
    from annotator.store.fingerprints import TRACKED, digest, row_key

    found = set()
    assigned = (
        f"article_id IN (SELECT article_id FROM claim_hub.assignments"
        f" WHERE annotator = '{annotator}')"
    )
    with hub.server.admin(hub.db) as admin:
        for table in TRACKED:
            columns = ", ".join(f'"{c}"' for c in COLUMNS[table])
            where = "true"
            if table in ("mentions", "claims", "statuses"):
                where = f"annotator = '{annotator}' AND {assigned}"
            elif table == "claim_links":
                where = (
                    f"annotator = '{annotator}' AND claim_a IN (SELECT id FROM claim_hub.claims"
                    f" WHERE {assigned})"
                )
            for values in admin.execute(f"SELECT {columns} FROM claim_hub.{table} WHERE {where}"):
                row = dict(zip(COLUMNS[table], values, strict=True))
                found.add((table, row_key(table, row), digest(table, row)))
    return found
