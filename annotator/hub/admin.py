"""The lead's side of the hub: make it, publish a project, add people, see progress.

`init` creates the hub's tables (`annotator.hub.schema`) in a database and
publishes a project file into it in one transaction: its settings and label
schema, articles, actors and aliases, assignments, and every label and status
(the annotators' and gold's). `grant` makes a PostgreSQL role an annotator or a
lead of the hub; `status` reads everyone's progress (as far as the role asking
may read it: an annotator sees their own).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from annotator.hub.connect import HubError, check_version, connect, hub_version, where
from annotator.hub.schema import (
    ANNOTATOR_ROLE,
    COLUMNS,
    LEAD_ROLE,
    LOCK_KEY,
    SCHEMA,
    migration_steps,
)
from annotator.store import package_rows
from annotator.store.project import Project

PUBLISHED = ("articles", "actors", "actor_aliases", "mentions", "claims", "claim_links", "statuses")
"""Tables published whole from the project file (assignments come from its own read)."""


def migrate(connection: Any) -> tuple[int, int]:
    """Bring the database's hub up to this program's version; ``(before, after)``.

    Each migration runs in its own transaction under the hub's lock, after
    reading the version again, so two leads upgrading at once run each once.

    Raises:
        HubError: the hub is newer than this program.
    """
    before = hub_version(connection) or 0
    current = before
    for number, sql in migration_steps(before):
        with connection.transaction():
            connection.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
            if (hub_version(connection) or 0) >= number:
                current = number
                continue
            connection.execute(sql)
            current = number
    return before, current


@dataclass(frozen=True, slots=True)
class Published:
    """What `init` put on the hub."""

    rows: dict[str, int]

    def summary(self, hub: str) -> str:
        r = self.rows
        labels = r["mentions"] + r["claims"] + r["claim_links"]
        return (
            f"published {r['articles']} articles, {r['actors']} actors, {r['assignments']}"
            f" assignments, {labels} labels and {r['statuses']} statuses to {hub}"
        )


def _copy(cursor: Any, table: str, rows: Iterable[Sequence[Any]]) -> int:
    columns = ", ".join(f'"{c}"' for c in COLUMNS[table])
    count = 0
    with cursor.copy(f"COPY {SCHEMA}.{table} ({columns}) FROM STDIN") as copy:
        for values in rows:
            copy.write_row(values)
            count += 1
    return count


def init(dsn: str, project: Project) -> Published:
    """Create the hub in the database of ``dsn`` (if needed) and publish ``project`` to it.

    Raises:
        HubError: the hub already holds a project, or the server refused something.
    """
    with connect(dsn) as connection:
        migrate(connection)
        with connection.transaction(), connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
            found = cursor.execute(
                f"SELECT value FROM {SCHEMA}.meta WHERE key = 'project_id'"
            ).fetchone()
            if found is not None:
                raise HubError(
                    f"the hub ({where(dsn)}) already holds a project (id {found[0]});"
                    " nothing was published"
                )
            meta = {
                "project_id": project.project_id,
                "schema": project.schema.source,
                "schema_fingerprint": project.schema.fingerprint,
                "project_file": project.path.name,
            }
            cursor.executemany(
                f"INSERT INTO {SCHEMA}.meta (key, value) VALUES (%s, %s)", list(meta.items())
            )
            counts = {}
            for table in PUBLISHED:
                counts[table] = _copy(
                    cursor,
                    table,
                    (
                        tuple(row[c] for c in COLUMNS[table])
                        for row in package_rows.rows(project, table)
                    ),
                )
            counts["assignments"] = _copy(
                cursor, "assignments", package_rows.assignment_pairs(project)
            )
        for table in (*PUBLISHED, "assignments"):  # plans from the rows just published
            connection.execute(f"ANALYZE {SCHEMA}.{table}")
    return Published(counts)


def upgrade(dsn: str) -> tuple[int, int]:
    """Upgrade the hub to this program's version; ``(before, after)``."""
    with connect(dsn) as connection:
        if hub_version(connection) is None:
            check_version(connection, dsn)  # says there is no hub
        return migrate(connection)


def grant(dsn: str, role: str, annotator: str, lead: bool = False) -> bool:
    """Make ``role`` the hub's annotator ``annotator`` (or a lead); True if the role was made.

    A role the server lacks is made, able to log in, without a password: the
    server's administrator gives it one (``\\password`` in psql) or another way
    to log in (certificates, peer). Needs a login that may create roles and
    grant the hub's group roles (the hub's owner, as a rule).
    """
    sql = importlib.import_module("psycopg.sql")
    annotator = annotator.strip()
    if not annotator or not role.strip():
        raise HubError("name the role and the annotator")
    with connect(dsn) as connection, connection.transaction():
        check_version(connection, dsn)
        made = False
        exists = connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role]).fetchone()
        if exists is None:
            connection.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
            made = True
        group = LEAD_ROLE if lead else ANNOTATOR_ROLE
        connection.execute(
            sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(role))
        )
        connection.execute(
            f"INSERT INTO {SCHEMA}.annotators (name, role, is_lead) VALUES (%s, %s, %s)"
            " ON CONFLICT (name) DO UPDATE SET role = excluded.role, is_lead = excluded.is_lead",
            [annotator, role, lead],
        )
    return made


def publish_schema(dsn: str, project: Project) -> int:
    """Publish the label schema updates of ``project`` the hub lacks; how many.

    The project is the lead's own or their full copy (`annotator.hub.lead`),
    its schema updated with ``annotator schema --update``. Each update from the
    hub's schema on is published as a step (``schema_steps``); every laptop
    copy applies them at its next sync, backed up first. Only updates that
    rewrote no label are published: labels on the hub are not rewritten.

    Raises:
        HubError: another project, a history that does not start from the hub's
            schema, an update that rewrote labels, or a login that is no lead's.
    """
    from annotator.store.hub_copy import schema_steps

    steps = schema_steps(project)
    with connect(dsn) as connection, connection.transaction():
        check_version(connection, dsn)
        connection.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        meta = dict(connection.execute(f"SELECT key, value FROM {SCHEMA}.meta").fetchall())
        if meta.get("project_id") != project.project_id:
            raise HubError(
                f"the hub ({where(dsn)}) holds another project than {project.path.name};"
                " nothing was published"
            )
        current = meta.get("schema_fingerprint")
        if current == project.schema.fingerprint:
            return 0
        starts = [i for i, step in enumerate(steps) if step[1] == current]
        if not starts:
            raise HubError(
                f"the label schema of {project.path.name} was not updated from the hub's"
                " (pull the hub's copy with annotator hub pull, update its schema there);"
                " nothing was published"
            )
        todo = steps[starts[-1] :]
        rewriting = [step for step in todo if step[3]]
        if rewriting:
            raise HubError(
                f"an update of the schema of {project.path.name} rewrote {rewriting[0][3]}"
                " label value(s); the hub takes only updates that rewrite no label (add"
                " values and fields, or remove unused ones); nothing was published"
            )
        for fingerprint, previous, source, _ in todo:
            connection.execute(
                f"SELECT {SCHEMA}.publish_schema(%s, %s, %s)", [source, fingerprint, previous]
            )
    return len(todo)


def set_blind(dsn: str, blind: bool) -> None:
    """Whether annotators may read each other's labels (blind: they may not)."""
    with connect(dsn) as connection, connection.transaction():
        check_version(connection, dsn)
        connection.execute(
            f"UPDATE {SCHEMA}.settings SET value = %s WHERE key = 'blind'",
            ["true" if blind else "false"],
        )


@dataclass(frozen=True, slots=True)
class Progress:
    """One annotator's progress on the hub."""

    annotator: str
    assigned: int
    done: int
    in_progress: int
    skipped: int
    labels: int
    last_sync: str | None


@dataclass(frozen=True, slots=True)
class LeadCopyStatus:
    """A lead's full copy of the hub (`annotator.hub.lead`) as the hub recorded its last pull."""

    role: str
    """The login that pulled it."""
    copy_id: str
    last_pull: str
    seq: int
    """The hub's change number it holds everything up to."""


def lead_copies(dsn: str) -> list[LeadCopyStatus]:
    """The leads' full copies, most recently pulled first; none for a login that is no lead."""
    with connect(dsn) as connection, connection.transaction():
        check_version(connection, dsn)
        table = f"{SCHEMA}.lead_copies"
        (allowed,) = connection.execute(
            "SELECT has_table_privilege(%s, 'SELECT')", [table]
        ).fetchone() or (False,)
        if not allowed:
            return []
        return [
            LeadCopyStatus(str(role), str(copy_id), at.isoformat(timespec="seconds"), int(seq))
            for role, copy_id, at, seq in connection.execute(
                f"SELECT role, copy_id, pulled_at, seq FROM {table}"
                " ORDER BY pulled_at DESC, copy_id"
            )
        ]


def status(dsn: str) -> list[Progress]:
    """Every annotator's progress the login may see, by name."""
    with connect(dsn) as connection, connection.transaction():
        check_version(connection, dsn)
        s = SCHEMA
        assigned = {
            row[0]: row[1:]
            for row in connection.execute(
                f"SELECT a.annotator, count(*),"
                " count(*) FILTER (WHERE st.status = 'done'),"
                " count(*) FILTER (WHERE st.status = 'in_progress'),"
                " count(*) FILTER (WHERE st.status = 'skipped')"
                f" FROM {s}.assignments a LEFT JOIN {s}.statuses st"
                " ON st.article_id = a.article_id AND st.annotator = a.annotator"
                " GROUP BY a.annotator"
            )
        }
        labels: dict[str, int] = {}
        for table in ("mentions", "claims"):
            for who, count in connection.execute(
                f"SELECT annotator, count(*) FROM {s}.{table} GROUP BY annotator"
            ):
                labels[who] = labels.get(who, 0) + count
        synced = {
            who: at.isoformat(timespec="seconds")
            for who, at in connection.execute(
                f"SELECT annotator, max(at) FROM {s}.syncs GROUP BY annotator"
            )
        }
    names = sorted(set(assigned) | set(labels) | set(synced))
    found = []
    for name in names:
        total, done, working, skipped = assigned.get(name) or (0, 0, 0, 0)
        found.append(
            Progress(name, total, done, working, skipped, labels.get(name, 0), synced.get(name))
        )
    return found
