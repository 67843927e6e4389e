"""Laptop copies of the hub: `join` makes one, `sync` exchanges changes with the hub.

A laptop copy holds what a work package holds (`annotator.quality.package`):
the project's id and label schema, the whole actor registry, the articles
assigned to its annotator with those assignments, and the annotator's own
labels and statuses on them. It records its hub (`annotator.store.hub_copy`):
the connection string without a password, the annotator, the copy's id and
the hub's change number it has seen, and the fingerprints of its rows as last
synced.

A sync, in order:

1. reads what changed in the copy since the last sync: the rows in its log of
   writes (`annotator.store.hub_copy`) whose fingerprint differs from the one
   recorded, or that are gone; not every row of the copy (one made before the
   log is compared whole once);
2. in one transaction on the hub, under the hub's lock: pushes those changes
   by the rules of a merge (`annotator.quality.merge`), records the copy's
   cursor, reads the hub's change number, and commits (`push_changes`);
3. in a second transaction on the hub, without the lock, on one snapshot
   taken after that commit: pulls everything the hub changed since the copy's
   change number (actors and aliases, new assignments and their articles, the
   annotator's own labels, deletions), records the sync, and commits
   (`pull_changes`; why no change is skipped is said there);
4. in one transaction in the copy: writes what it pulled and, for each row
   the hub did not take as the copy had it, the hub's version; then the new
   change number and the fingerprints of the rows logged and written, and
   empties the log (but for rows edited while the sync was on its way).

The rules of the push, row by row, from the copy's row, the hub's and the
fingerprint at the last sync (the base): changed only in the copy, the hub
takes it; changed only on the hub, the copy takes the hub's; changed on both,
differently (two laptops of one annotator, or an actor edited here and by
someone else), a **conflict**: the hub keeps its version, the copy takes it,
and the copy's version is kept on the hub (table ``conflicts``) and reported.
A row deleted on one side and changed on the other is a conflict too; the
changed version stays. Actors are never deleted on the hub by a sync. An actor
new in the copy whose name or alias equals (any case or spacing) that of an
actor on the hub is that actor, as in a merge: its labels are sent referring to
the hub's actor, its other names become aliases there, and the copy replaces
its own by the hub's.

Cut anywhere, a sync leaves both sides consistent: before the push's commit
nothing happened; after it and before the copy's, the copy still has its old
base and change number, so the next sync finds the same changes, which the
hub already has (nothing to do: the same rows), and pulls again what it
missed. Running it twice changes nothing the second time.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import ProjectError, ValidationError
from annotator.core.schema import load_schema
from annotator.hub.connect import (
    HubError,
    HubSchemaChanged,
    check_version,
    connect,
    driver,
    has_password,
    where,
    without_password,
)
from annotator.hub.schema import COLUMNS, KEYS, LOCK_KEY, SCHEMA, TRIMMED_KEY, select_list
from annotator.quality.actor_match import normalise
from annotator.store import database, package_rows
from annotator.store import hub_copy as hub_copy_store
from annotator.store.content import one_snapshot
from annotator.store.events import now
from annotator.store.fingerprints import TRACKED, Row, digest, key_text, row_key
from annotator.store.hub_copy import HUB_KEY, CopyWriter, fingerprints, read_hub_record
from annotator.store.lock import lock_path
from annotator.store.packages import Key
from annotator.store.project import Project

LABELS = ("mentions", "claims", "claim_links", "statuses")
"""Tables of the annotator's own rows."""
LOCK_TIMEOUT = 120
"""Seconds a sync waits for the hub's lock (other syncs, a lead's change) before giving up."""
ACTOR_COLUMNS = {"mentions": ("actor_id",), "claims": ("claimant", "addressee", "target")}
"""Columns of label tables that name an actor."""
COPY_ROWS = 200
"""Rows of one table a push sends with COPY and one statement, rather than a statement each."""
NAMES = {
    "actors": "actor",
    "actor_aliases": "alias",
    "mentions": "mention",
    "claims": "claim",
    "claim_links": "claim link",
    "statuses": "status",
}


@dataclass
class HubCopy:
    """What a laptop copy records about its hub."""

    dsn: str
    """The connection string, without a password."""
    annotator: str
    copy_id: str
    project_id: str
    last_seq: int = 0
    """The highest change number of the hub the copy has taken in."""
    last_sync: str | None = None

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


def hub_copy(project: Project) -> HubCopy | None:
    """The hub record of a project file; None if it is no laptop copy.

    Raises:
        ProjectError: the record is damaged.
    """
    return read_hub_record(project, HUB_KEY, HubCopy, "join the hub again (annotator hub join)")


@dataclass(frozen=True, slots=True)
class Change:
    """A row of the copy that differs from its last sync."""

    table: str
    key: str
    values: tuple[Any, ...]
    row: Row | None
    """The copy's row; None: deleted in the copy."""
    base: str | None
    """Its fingerprint at the last sync; None: new in the copy."""


def pending_changes(project: Project, copy: HubCopy) -> list[Change]:
    """What changed in the copy since its last sync, table by table in `TRACKED` order."""
    return _read_changes(project, copy).changes


@dataclass
class _Read:
    """What `_read_changes` read of the copy."""

    changes: list[Change]
    snapshot: dict[Key, str]
    """The fingerprints of the rows read (every row, or those in the log), as read."""
    mark: int | None = None
    """The number of the log's last entry read; None: the copy was compared whole."""
    logged: frozenset[Key] = frozenset()
    """The rows in the log when it was read."""


def _read_changes(project: Project, copy: HubCopy) -> _Read:
    """`pending_changes`: from the log of writes where the copy keeps one, else of every row."""
    with one_snapshot(project):
        if not hub_copy_store.tracking(project):
            changes, snapshot = _compare_all(project, copy)
            return _Read(changes, snapshot)
        return _logged_changes(project, copy)


def _logged_changes(project: Project, copy: HubCopy) -> _Read:
    """The rows in the log of writes since the last sync that differ from their base."""
    mark, logged = hub_copy_store.changed_keys(project)
    wanted: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for table, values in dict.fromkeys(logged):
        wanted[table].append(values)
    changes: list[Change] = []
    snapshot: dict[Key, str] = {}
    keys: set[Key] = set()
    for table in TRACKED:
        if table not in wanted:
            continue
        rows = hub_copy_store.rows_of(project, table, wanted[table])
        texts = {values: key_text(list(values)) for values in wanted[table]}
        base = hub_copy_store.base_of(project, copy.copy_id, table, list(texts.values()))
        for values in wanted[table]:
            key = texts[values]
            keys.add((table, key))
            row, before = rows.get(values), base.get(key)
            if row is None:
                if before is not None and table != "actors":
                    changes.append(Change(table, key, values, None, before))
                continue
            now_digest = digest(table, row)
            snapshot[table, key] = now_digest
            if before != now_digest:
                key_columns = TRACKED[table][0]
                changes.append(Change(table, key, tuple(row[c] for c in key_columns), row, before))
    return _Read(changes, snapshot, mark, frozenset(keys))


def _compare_all(project: Project, copy: HubCopy) -> tuple[list[Change], dict[Key, str]]:
    """Every row of the copy compared with its base (a copy that keeps no log yet)."""
    base = hub_copy_store.full_base(project, copy.copy_id)
    seen: dict[Key, str] = {}
    changes: list[Change] = []
    for table in TRACKED:
        key_columns = TRACKED[table][0]
        for row in hub_copy_store.all_rows(project, table):
            key = row_key(table, row)
            now_digest = digest(table, row)
            seen[table, key] = now_digest
            before = base.get((table, key))
            if before != now_digest:
                values = tuple(row[c] for c in key_columns)
                changes.append(Change(table, key, values, row, before))
        for (t, key), before in base.items():
            if t == table and (t, key) not in seen and t != "actors":
                changes.append(Change(table, key, tuple(json.loads(key)), None, before))
    return changes, seen


@dataclass
class Pulled:
    """What a pull read from the hub: rows by table, deletions, and the hub's change number."""

    seq: int
    rows: dict[str, list[Row]] = field(default_factory=dict)
    deleted: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)
    whole: dict[str, set[tuple[Any, ...]]] | None = None
    """For a copy given its whole share again (deletions it needed were trimmed): the keys
    of every row of that share on the hub, by table; what else of its share the copy
    holds is gone from the hub. None: a pull of the changes since the copy's cursor."""

    def count(self) -> int:
        return sum(len(r) for r in self.rows.values()) + len(self.deleted)


@dataclass
class SyncReport:
    """What a sync did."""

    path: Path
    pushed: int = 0
    pulled: int = 0
    articles: int = 0
    conflicts: list[str] = field(default_factory=list)
    matches: list[str] = field(default_factory=list)
    """Actors new in the copy found on the hub by name (their labels now refer to those)."""
    schema: int | None = None
    """The schema revision the copy took from the hub first; None: the schema stayed."""

    def summary(self) -> str:
        text = (
            f"synced {self.path.name}: {self.pushed} change{'s' * (self.pushed != 1)} sent,"
            f" {self.pulled} received"
        )
        if self.articles:
            text += f" ({self.articles} new article{'s' * (self.articles != 1)})"
        if self.conflicts:
            text += f"; {len(self.conflicts)} conflict{'s' * (len(self.conflicts) != 1)}"
        if self.schema is not None:
            text += (
                f"; the label schema the lead published is now this copy's (revision"
                f" {self.schema}; the copy was backed up first)"
            )
        return text


def _describe(table: str, row: Row | None, values: Sequence[Any]) -> str:
    name = NAMES.get(table, table)
    if row is not None and table == "actors":
        return f"actor {row['name']!r}"
    if table == "actor_aliases":
        return f"alias {values[1]!r} of actor {str(values[0])[:8]}"
    if table == "statuses":
        return f"the status of article {values[0]!r}"
    article = f" in article {row['article_id']!r}" if row and "article_id" in row else ""
    return f"{name} {str(values[0])[:8]}{article}"


class _Push:
    """Pushes a copy's changes to the hub inside the caller's transaction."""

    def __init__(self, cursor: Any, copy: HubCopy, changes: list[Change]) -> None:
        self.cursor = cursor
        self.copy = copy
        self.changes = changes
        self.corrections: dict[tuple[str, str], tuple[tuple[Any, ...], Row | None]] = {}
        """Rows the hub did not take as the copy has them: the hub's version (None: none)."""
        self.conflicts: list[tuple[str, str, Row | None, str]] = []
        self.matches: list[str] = []
        """Actors new in the copy that are actors of the hub by name (see `_match_actors`)."""
        self.actor_map: dict[str, str] = {}
        self._matched_names: dict[str, list[str]] = {}
        self._local = {id(c.row) for c in changes if c.row is not None}
        self.sent: dict[tuple[str, str], str] = {}
        """Fingerprints of the rows sent as the copy has them (not changed on the way)."""
        self.pushed = 0

    def run(self) -> None:
        by_table: dict[str, list[Change]] = defaultdict(list)
        for change in self.changes:
            by_table[change.table].append(change)
        deletes: dict[str, list[Change]] = {}
        for table in TRACKED:
            mine = by_table.get(table, [])
            if not mine:
                continue
            hub = self._hub_rows(table, [c.values for c in mine])
            if table == "actors":
                self._match_actors(mine, hub, by_table.get("actor_aliases", []))
                mine = [c for c in mine if c.values[0] not in self.actor_map]
            elif table == "actor_aliases":
                mine = [c for c in mine if c.values[0] not in self.actor_map]
                mine += self._matched_aliases()
                hub = self._hub_rows(table, [c.values for c in mine]) if mine else {}
            elif self.actor_map and table in ACTOR_COLUMNS:
                mine = [self._remapped(c) for c in mine]
            if table in ("mentions", "claims", "statuses"):
                mine = self._on_assigned(mine, hub)
            upserts, deletes[table] = self._decide(table, mine, hub)
            if table == "claims":
                upserts = self._sourced(upserts)
            if table == "claim_links":
                upserts = self._linked(upserts)
            self._upsert(table, upserts)
        for table in reversed(TRACKED):
            self._delete(table, [change.values for change in deletes.get(table, [])])
        for table, key, row, message in self.conflicts:
            self.cursor.execute(
                f"INSERT INTO {SCHEMA}.conflicts (annotator, copy_id, tbl, key, laptop_row,"
                " message) VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
                [
                    self.copy.annotator,
                    self.copy.copy_id,
                    table,
                    key,
                    None if row is None else json.dumps(row, ensure_ascii=False),
                    message,
                ],
            )

    def _match_actors(
        self, mine: list[Change], hub: dict[tuple[Any, ...], Row], aliases: list[Change]
    ) -> None:
        """Map actors new in the copy to the hub's actor of the same name, as a merge does.

        An actor new in the copy (not on the hub) whose name or one of whose aliases
        equals, ignoring case and spacing, the name or an alias of an actor on the hub
        is that actor: names before aliases, then the first by name. Its labels are
        sent referring to the hub's actor, its other names become aliases of it, and
        the copy drops its own (it takes the hub's with the pull).
        """
        own_aliases: dict[str, list[str]] = defaultdict(list)
        for change in aliases:
            if change.row is not None:
                own_aliases[change.values[0]].append(change.values[1])
        new = [c for c in mine if c.row is not None and c.base is None and c.values not in hub]
        if not new:
            return
        names = {c.values[0]: [c.row["name"], *own_aliases[c.values[0]]] for c in new if c.row}
        wanted = sorted({normalise(n) for ns in names.values() for n in ns})
        spaced = "regexp_replace(btrim({0}), '\\s+', ' ', 'g')"
        by_name: dict[str, list[tuple[str, str]]] = defaultdict(list)
        by_alias: dict[str, list[tuple[str, str]]] = defaultdict(list)
        hub_names: dict[str, str] = {}
        keys: dict[str, set[str]] = defaultdict(set)
        for actor_id, name, alias in self.cursor.execute(
            f"SELECT a.id, a.name, NULL FROM {SCHEMA}.actors a"
            f" WHERE {spaced.format('a.name_key')} = ANY(%(w)s::text[])"
            f" UNION ALL SELECT a.id, a.name, l.alias FROM {SCHEMA}.actor_aliases l"
            f" JOIN {SCHEMA}.actors a ON a.id = l.actor_id"
            f" WHERE {spaced.format('l.alias_key')} = ANY(%(w)s::text[])",
            {"w": wanted},
        ):
            hub_names[actor_id] = name
            keys[actor_id].add(normalise(name))
            if alias is None:
                by_name[normalise(name)].append((normalise(name), actor_id))
            else:
                by_alias[normalise(alias)].append((normalise(name), actor_id))
                keys[actor_id].add(normalise(alias))
        for change in new:
            local_id = change.values[0]
            first, others = names[local_id][:1], names[local_id][1:]
            for group, table in (
                (first, by_name),
                (first, by_alias),
                (others, by_name),
                (others, by_alias),
            ):
                found = sorted(c for n in group for c in table.get(normalise(n), ()))
                if found:
                    match = found[0][1]
                    self.actor_map[local_id] = match
                    self._matched_names[match] = [
                        n for n in names[local_id] if normalise(n) not in keys[match]
                    ]
                    keys[match].update(normalise(n) for n in names[local_id])
                    self.corrections["actors", change.key] = (change.values, None)
                    for alias in own_aliases[local_id]:
                        key = key_text([local_id, alias])
                        self.corrections["actor_aliases", key] = ((local_id, alias), None)
                    self.matches.append(
                        f"actor {names[local_id][0]!r} is the hub's {hub_names[match]!r}"
                        " (the same name or alias); its labels now refer to it"
                    )
                    break

    def _matched_aliases(self) -> list[Change]:
        """New aliases of the hub's actors: the other names of the copy's actors matched to them."""
        added = []
        for actor_id, names in self._matched_names.items():
            (last,) = self.cursor.execute(
                f"SELECT coalesce(max(position), -1) FROM {SCHEMA}.actor_aliases"
                " WHERE actor_id = %s",
                [actor_id],
            ).fetchone()
            for position, alias in enumerate(dict.fromkeys(names), start=int(last) + 1):
                row = {
                    "actor_id": actor_id,
                    "alias": alias,
                    "alias_key": alias.casefold(),
                    "position": position,
                }
                added.append(
                    Change(
                        "actor_aliases", row_key("actor_aliases", row), (actor_id, alias), row, None
                    )
                )
        return added

    def _remapped(self, change: Change) -> Change:
        """A label change with the copy's matched actors replaced by the hub's."""
        row = change.row
        if row is None:
            return change
        columns = ACTOR_COLUMNS[change.table]
        if not any(row[c] in self.actor_map for c in columns):
            return change
        remapped = {**row, **{c: self.actor_map.get(row[c], row[c]) for c in columns}}
        return Change(change.table, change.key, change.values, remapped, change.base)

    def _where_keys(self, table: str, alias: str = "") -> str:
        key = KEYS[table]
        prefix = f"{alias}." if alias else ""
        names = ", ".join(f'{prefix}"{c}"' for c in key)
        arrays = ", ".join("%s::text[]" for _ in key)
        return f"({names}) IN (SELECT * FROM unnest({arrays}))"

    def _hub_rows(self, table: str, keys: list[tuple[Any, ...]]) -> dict[tuple[Any, ...], Row]:
        width = len(KEYS[table])
        columns = [[str(k[i]) for k in keys] for i in range(width)]
        found = self.cursor.execute(
            f"SELECT {select_list(table)} FROM {SCHEMA}.{table} WHERE {self._where_keys(table)}",
            columns,
        ).fetchall()
        at = [COLUMNS[table].index(c) for c in KEYS[table]]
        return {
            tuple(values[i] for i in at): dict(zip(COLUMNS[table], values, strict=True))
            for values in found
        }

    def _conflict(
        self, change: Change, message: str, theirs: Row | None, keep_ours: bool = False
    ) -> None:
        what = _describe(change.table, change.row or theirs, change.values)
        self.conflicts.append((change.table, change.key, change.row, f"{what} {message}"))
        if not keep_ours:
            self.corrections[change.table, change.key] = (change.values, theirs)

    def _decide(
        self, table: str, mine: list[Change], hub: dict[tuple[Any, ...], Row]
    ) -> tuple[list[Row], list[Change]]:
        upserts: list[Row] = []
        deletes: list[Change] = []
        for change in mine:
            theirs = hub.get(change.values)
            current = None if theirs is None else digest(table, theirs)
            if change.row is not None:
                ours = digest(table, change.row)
                if current == ours:
                    continue
                if current is None and (change.base is None or table == "actors"):
                    upserts.append(change.row)
                elif current is None:
                    self._conflict(
                        change, "was changed here but deleted on the hub; it stays deleted", None
                    )
                elif change.base is not None and current == change.base:
                    upserts.append(change.row)
                else:
                    self._conflict(
                        change,
                        "was changed here and on the hub; the hub's version is kept",
                        theirs,
                    )
            elif theirs is not None:
                if current == change.base:
                    deletes.append(change)
                else:
                    self._conflict(
                        change,
                        "was deleted here but changed on the hub; the hub's version is kept",
                        theirs,
                    )
        return upserts, deletes

    def _sourced(self, claims: list[Row]) -> list[Row]:
        """Claims without their source where that mention is not on the hub (as a merge does)."""
        cited = [c["attr_source_mention"] for c in claims if c["attr_source_mention"]]
        if not cited:
            return claims
        there = {
            r[0]
            for r in self.cursor.execute(
                f"SELECT id FROM {SCHEMA}.mentions WHERE id = ANY(%s::text[])", [cited]
            )
        }
        kept = []
        for claim in claims:
            if claim["attr_source_mention"] and claim["attr_source_mention"] not in there:
                claim = {**claim, "attr_source_mention": None}
                self.corrections["claims", row_key("claims", claim)] = ((claim["id"],), claim)
            kept.append(claim)
        return kept

    def _on_assigned(self, mine: list[Change], hub: dict[tuple[Any, ...], Row]) -> list[Change]:
        """The changes but labels written on articles not assigned to the annotator.

        Those are conflicts: the hub keeps its version (the server's policies
        refuse an annotator's labels there); deleting one's own stays allowed.
        """
        articles = sorted({c.row["article_id"] for c in mine if c.row is not None})
        if not articles:
            return mine
        assigned = {
            r[0]
            for r in self.cursor.execute(
                f"SELECT article_id FROM {SCHEMA}.assignments WHERE annotator = %s"
                " AND article_id = ANY(%s::text[])",
                [self.copy.annotator, articles],
            )
        }
        kept = []
        for change in mine:
            if change.row is None or change.row["article_id"] in assigned:
                kept.append(change)
                continue
            theirs = hub.get(change.values)
            if theirs is not None and digest(change.table, theirs) == digest(
                change.table, change.row
            ):
                continue  # the hub has it as it is here
            self._conflict(
                change,
                f"is on an article not assigned to {self.copy.annotator}; it was not sent",
                theirs,
            )
        return kept

    def _linked(self, links: list[Row]) -> list[Row]:
        """Links between two of the annotator's claims on the hub, on articles assigned to them.

        The others are conflicts (the hub's policies refuse them too).
        """
        ends = sorted({c for link in links for c in (link["claim_a"], link["claim_b"])})
        there = {
            r[0]
            for r in self.cursor.execute(
                f"SELECT c.id FROM {SCHEMA}.claims c JOIN {SCHEMA}.assignments a"
                " ON a.article_id = c.article_id AND a.annotator = c.annotator"
                " WHERE c.id = ANY(%s::text[]) AND c.annotator = %s",
                [ends, self.copy.annotator],
            )
        }
        kept = []
        for link in links:
            if link["claim_a"] in there and link["claim_b"] in there:
                kept.append(link)
                continue
            values = (link["claim_a"], link["claim_b"])
            change = Change("claim_links", row_key("claim_links", link), values, link, None)
            self._conflict(
                change,
                "links a claim that is not on the hub, or not one of yours on an article"
                " assigned to you; it was not sent",
                None,
            )
        return kept

    def _upsert(self, table: str, rows: list[Row]) -> None:
        if not rows:
            return
        columns = COLUMNS[table]
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("%s" for _ in columns)
        key = ", ".join(f'"{c}"' for c in KEYS[table])
        kept = set(KEYS[table]) | ({"created_by"} if table == "actors" else set())
        updates = ", ".join(f'"{c}" = EXCLUDED."{c}"' for c in columns if c not in kept)
        update = updates and table not in ("claim_links", "actor_aliases")
        action = f"UPDATE SET {updates}" if update else "NOTHING"
        values = [tuple(row[c] for c in columns) for row in rows]
        if len(rows) < COPY_ROWS:
            self.cursor.executemany(
                f"INSERT INTO {SCHEMA}.{table} ({names}) VALUES ({marks})"
                f" ON CONFLICT ({key}) DO {action}",
                values,
            )
        else:  # one statement for all: a third of the time of a statement per row
            staged = f"pushed_{table}"
            self.cursor.execute(
                f"CREATE TEMPORARY TABLE IF NOT EXISTS {staged}"
                f" (LIKE {SCHEMA}.{table} INCLUDING DEFAULTS) ON COMMIT DROP"
            )
            with self.cursor.copy(f"COPY {staged} ({names}) FROM STDIN") as copy:
                for row_values in values:
                    copy.write_row(row_values)
            self.cursor.execute(
                f"INSERT INTO {SCHEMA}.{table} ({names}) SELECT {names} FROM {staged}"
                f" ON CONFLICT ({key}) DO {action}"
            )
        self.pushed += len(rows)
        for row in rows:
            if id(row) in self._local:
                self.sent[table, row_key(table, row)] = digest(table, row)

    def _delete(self, table: str, keys: list[tuple[Any, ...]]) -> None:
        """Delete the rows of ``keys`` from a hub table, all in one statement."""
        if not keys:
            return
        width = len(KEYS[table])
        columns = [[str(k[i]) for k in keys] for i in range(width)]
        self.cursor.execute(
            f"DELETE FROM {SCHEMA}.{table} WHERE {self._where_keys(table)}", columns
        )
        self.pushed += len(keys)


def pull(cursor: Any, annotator: str, since: int, upto: int | None = None) -> Pulled:
    """Everything of the annotator's share the hub changed after change number ``since``.

    ``upto``: the change number the pull gives the copy, one at or below which
    every change is in the transaction's snapshot (`pull_changes`); None: the
    sequence's last value, read under the hub's lock, so that it is one no
    uncommitted write can fall under.
    """
    s = SCHEMA
    pulled = Pulled(_last_number(cursor) if upto is None else upto)
    params = {"me": annotator, "since": since}
    new = [
        r[0]
        for r in cursor.execute(
            f"SELECT article_id FROM {s}.assignments WHERE annotator = %(me)s"
            " AND seq > %(since)s ORDER BY article_id",
            params,
        )
    ]
    params["new"] = new
    assigned = f"article_id IN (SELECT article_id FROM {s}.assignments WHERE annotator = %(me)s)"

    def read(table: str, sql: str) -> None:
        pulled.rows[table] = [
            dict(zip(COLUMNS[table], values, strict=True)) for values in cursor.execute(sql, params)
        ]

    read("actors", f"SELECT {select_list('actors')} FROM {s}.actors WHERE seq > %(since)s")
    read(
        "actor_aliases",
        f"SELECT {select_list('actor_aliases')} FROM {s}.actor_aliases WHERE seq > %(since)s"
        " ORDER BY actor_id, position",
    )
    read(
        "articles",
        f"SELECT {select_list('articles')} FROM {s}.articles WHERE id = ANY(%(new)s::text[])"
        " ORDER BY id",
    )
    pulled.rows["assignments"] = [{"article_id": a, "annotator": annotator} for a in new]
    for table in ("mentions", "claims", "statuses"):
        read(
            table,
            f"SELECT {select_list(table)} FROM {s}.{table} WHERE annotator = %(me)s AND {assigned}"
            " AND (seq > %(since)s OR article_id = ANY(%(new)s::text[])) ORDER BY seq",
        )

    # Driven from the links, each end looked up by its key: a join of the claims with
    # themselves is planned as a nested loop over both while the statistics are stale.
    def end(column: str, extra: str = "") -> str:
        return (
            f"EXISTS (SELECT 1 FROM {s}.claims c WHERE c.id = l.{column}"
            f" AND c.annotator = %(me)s AND c.{assigned}{extra})"
        )

    newly = " AND c.article_id = ANY(%(new)s::text[])"
    read(
        "claim_links",
        f"SELECT {select_list('claim_links', 'l')} FROM {s}.claim_links l"
        f" WHERE l.annotator = %(me)s AND {end('claim_a')} AND {end('claim_b')}"
        f" AND (l.seq > %(since)s OR {end('claim_a', newly)} OR {end('claim_b', newly)})"
        " ORDER BY l.seq",
    )
    present = {
        table: {tuple(r[c] for c in KEYS[table]) for r in rows}
        for table, rows in pulled.rows.items()
    }
    for table, first, second in cursor.execute(
        f"SELECT tbl, k1, k2 FROM {s}.deletions WHERE seq > %(since)s"
        " AND (annotator = %(me)s OR annotator IS NULL)"
        " AND tbl NOT IN ('actors', 'articles') ORDER BY seq",
        params,
    ):
        values = (first,) if second is None else (first, second)
        if table in KEYS and values not in present.get(table, set()):
            pulled.deleted.append((table, values))
    return pulled


def _drop_echoes(pulled: Pulled, sent: dict[tuple[str, str], str]) -> None:
    """Leave out of a pull the rows the hub holds just as this sync sent them from the copy."""
    if not sent:
        return
    for table, rows in pulled.rows.items():
        if table in TRACKED:
            pulled.rows[table] = [
                row for row in rows if sent.get((table, row_key(table, row))) != digest(table, row)
            ]


def _apply(
    writer: CopyWriter,
    copy: HubCopy,
    pulled: Pulled,
    corrections: dict[tuple[str, str], tuple[tuple[Any, ...], Row | None]],
) -> None:
    """Write what a sync pulled and the hub's versions of the rows it did not take."""
    for table in ("actors", "actor_aliases", "articles"):
        for row in pulled.rows.get(table, []):
            if table == "actors" and row["created_by"] != copy.annotator:
                row = {**row, "created_by": None}  # who else made it is not the copy's to see
            writer.put_row(table, row)
    writer.put_assignments((r["article_id"], r["annotator"]) for r in pulled.rows["assignments"])
    for table in LABELS:
        for row in pulled.rows.get(table, []):
            writer.put_row(table, row)
    corrected = sorted(corrections.items(), key=lambda item: list(TRACKED).index(item[0][0]))
    for (table, _key), (_values, hub_row) in corrected:
        if hub_row is not None:
            writer.put_row(table, hub_row)
    writer.flush()
    for (table, _key), (values, hub_row) in reversed(corrected):
        if hub_row is None:
            writer.delete_any(table, dict(zip(KEYS[table], values, strict=True)))
    for table, values in reversed(pulled.deleted):
        if table == "assignments":
            writer.delete_assignment(*values)
        else:
            writer.delete_any(table, dict(zip(KEYS[table], values, strict=True)))


def _identity(cursor: Any, annotator: str, dsn: str) -> None:
    """Refuse a login the hub knows as another annotator (a lead may sync anyone's copy)."""
    me, lead, role = cursor.execute(
        f"SELECT {SCHEMA}.me(), {SCHEMA}.is_lead(), session_user"
    ).fetchone()
    if me is not None and me != annotator and not lead:
        raise HubError(
            f"you log in to the hub ({where(dsn)}) as the role {role!r}, which is the"
            f" annotator {me!r}, not {annotator!r}; log in as {annotator!r}'s role"
        )


def _hub_project(cursor: Any, dsn: str) -> dict[str, str]:
    meta = dict(cursor.execute(f"SELECT key, value FROM {SCHEMA}.meta").fetchall())
    if "project_id" not in meta:
        raise HubError(f"the hub ({where(dsn)}) holds no project yet (annotator hub init)")
    return meta


@dataclass(frozen=True, slots=True)
class JoinReport:
    path: Path
    annotator: str
    articles: int
    labels: int
    actors: int
    password_dropped: bool

    def summary(self) -> str:
        text = (
            f"joined the hub as {self.annotator}: {self.articles} articles,"
            f" {self.labels} labels and {self.actors} actors in {self.path}"
        )
        if self.password_dropped:
            text += (
                "; the password was used but not saved: put it in your password file"
                " (~/.pgpass or PGPASSFILE) or a service file for the next sync"
            )
        return text


def join(dsn: str, annotator: str, target: Path | str) -> JoinReport:
    """Make a laptop copy of the hub for ``annotator`` at ``target``.

    Raises:
        HubError: unreachable, refused, no hub, nothing assigned.
        ProjectError: ``target`` exists.
    """
    target = Path(target)
    annotator = annotator.strip()
    if not annotator:
        raise HubError("name the annotator the copy is for (--annotator)")
    if target.exists():
        raise ProjectError(f"{target} already exists; choose another name")
    stored = without_password(dsn)
    with connect(dsn) as connection:
        check_version(connection, dsn)
        with connection.transaction(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}s'")
            cursor.execute("SELECT pg_advisory_xact_lock_shared(%s)", [LOCK_KEY])
            _identity(cursor, annotator, dsn)
            meta = _hub_project(cursor, dsn)
            pulled = pull(cursor, annotator, 0)
            copy_id = str(uuid.uuid4())
            cursor.execute(
                f"INSERT INTO {SCHEMA}.copies (copy_id, annotator, seq) VALUES (%s, %s, %s)",
                [copy_id, annotator, pulled.seq],
            )
    if not pulled.rows["assignments"]:
        raise HubError(
            f"no articles are assigned to {annotator!r} on the hub ({where(dsn)});"
            " the lead assigns them first"
        )
    copy = HubCopy(stored, annotator, copy_id, meta["project_id"], pulled.seq, now())
    partial = target.with_name(target.name + ".partial")
    _remove(partial)
    database.create_file(partial, meta["schema"], project_id=meta["project_id"])
    try:
        with (
            Project.open(partial, user=annotator) as project,
            CopyWriter(project, doing=f"the copy {target.name}") as writer,
        ):
            _apply(writer, copy, pulled, {})
            writer.finish(copy.to_json(), copy.copy_id)
        lock_path(partial).unlink(missing_ok=True)
        if target.exists():
            raise ProjectError(f"{target} already exists; choose another name")
        partial.rename(target)
    except BaseException:
        _remove(partial)
        raise
    labels = sum(len(pulled.rows[t]) for t in ("mentions", "claims", "claim_links"))
    return JoinReport(
        target,
        annotator,
        len(pulled.rows["articles"]),
        labels,
        len(pulled.rows["actors"]),
        has_password(dsn),
    )


def _remove(path: Path) -> None:
    for leftover in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)
    lock_path(path).unlink(missing_ok=True)


@dataclass
class Outgoing:
    """What a sync read from the copy before it goes to the hub (`prepare`)."""

    path: Path
    copy: HubCopy
    changes: list[Change]
    schema_fingerprint: str
    snapshot: dict[Key, str]
    """The fingerprint of every row of the copy read (all, or those in its log of writes):
    edits made after it are told apart."""
    mark: int | None = None
    """The number of the last entry of the copy's log of writes read; None: no log was read
    (the copy was compared whole)."""
    logged: frozenset[Key] = frozenset()
    """The rows that were in that log."""

    @property
    def count(self) -> int:
        """How many changes of the copy wait to be sent."""
        return len(self.changes)

    def pending(self) -> str:
        count = self.count
        return (
            f"Not synced: {count} change{'s' * (count != 1)} pending in {self.path.name},"
            " kept there until the next sync"
        )


@dataclass
class Exchanged:
    """What the hub took and gave in a sync's transaction there (`exchange`)."""

    pulled: Pulled
    pushed: int
    corrections: dict[tuple[str, str], tuple[tuple[Any, ...], Row | None]]
    conflicts: list[str]
    matches: list[str]


def prepare(project: Project) -> Outgoing:
    """Read what a sync sends: the copy's record and its changes since the last sync.

    Only reads: it may run on a reader of the file (`Project.reader`) in a
    thread of its own while the window keeps writing.

    Raises:
        HubError: the copy holds labels of another annotator.
        ProjectError: not a laptop copy.
    """
    copy = hub_copy(project)
    if copy is None:
        raise ProjectError(
            f"{project.path.name} is not a copy of a team hub (make one with annotator hub join)"
        )
    read = _read_changes(project, copy)
    changes = read.changes
    for change in changes:
        owner = change.row.get("annotator") if change.row else copy.annotator
        if change.table in LABELS and owner not in (copy.annotator, None):
            raise HubError(
                f"{project.path.name} holds labels of {owner!r}; a copy of the hub syncs only"
                f" {copy.annotator!r}'s labels; nothing was synced"
            )
    return Outgoing(
        project.path,
        copy,
        changes,
        project.schema.fingerprint,
        read.snapshot,
        read.mark,
        read.logged,
    )


def exchange(outgoing: Outgoing, dsn: str | None = None) -> Exchanged:
    """Push the copy's changes, then pull the hub's, in two transactions on the hub.

    The push holds the hub's lock (`push_changes`); the pull holds none
    (`pull_changes`), so other syncs push while this one pulls. Touches no
    project file (any thread may run it); what it pulled is written by
    `write_back`. Until then the hub has the changes and the copy its old
    record, so a sync cut anywhere is completed by the next.

    Raises:
        HubUnreachable: offline, or the connection was lost (the message says how many
            changes wait).
        HubError: refused (login, version, another project or schema, another annotator).
    """
    reach = dsn or outgoing.copy.dsn
    try:
        with connect(reach) as connection:
            check_version(connection, reach)
            pushed = push_changes(connection, outgoing, reach)
            return pull_changes(connection, outgoing, pushed)
    except HubSchemaChanged:
        raise
    except HubError as exc:
        raise type(exc)(f"{exc}. {outgoing.pending()}") from None


@dataclass
class Pushed:
    """What the hub took in a sync's push (`push_changes`), and the change number after it."""

    push: _Push
    upto: int
    """The sequence's last value when the push committed: every change numbered at or below
    it was committed by then, and every later one is numbered above it."""


def push_changes(connection: Any, outgoing: Outgoing, reach: str) -> Pushed:
    """A sync's first transaction on the hub: the push, under the hub's lock, and the cursor.

    Holding the lock (which every write on the hub takes before it numbers a
    row) it checks the login, project and schema, pushes, records the copy's
    cursor and trims the deletions every copy has, and reads the change
    number `Pushed.upto`; then it commits, which lets the lock go.

    Raises:
        HubSchemaChanged: the lead published a new label schema (nothing was pushed).
        HubError: refused (login, another project or schema, another annotator).
    """
    copy = outgoing.copy
    with connection.transaction(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}s'")
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        _identity(cursor, copy.annotator, reach)
        meta = _hub_project(cursor, reach)
        if meta["project_id"] != copy.project_id:
            raise HubError(
                f"the hub ({where(reach)}) holds another project than {outgoing.path.name};"
                " nothing was synced"
            )
        if meta.get("schema_fingerprint") != outgoing.schema_fingerprint:
            _schema_changed(cursor, outgoing, meta, reach)
        push = _Push(cursor, copy, outgoing.changes)
        push.run()
        _record_cursor(cursor, copy)
        upto = _last_number(cursor)
    return Pushed(push, upto)


def pull_changes(connection: Any, outgoing: Outgoing, pushed: Pushed) -> Exchanged:
    """A sync's second transaction on the hub, after the push committed: the pull, without lock.

    One snapshot (REPEATABLE READ) taken after the push committed holds every
    change numbered up to `Pushed.upto` (all committed before the push let the
    lock go) and maybe later ones, whole transactions each. It pulls every change
    of the copy's share above the copy's number, and gives the copy `Pushed.upto`,
    not a number read now: a change numbered above it and not yet committed
    is not in the snapshot, and the next sync asks for it (one that is comes
    again then, the same). Rows of the pull come from a later state of the hub
    than those the push read, so they replace the push's corrections of the same
    rows. It records the sync (``syncs``) and commits. If the lead published a
    new label schema since the push, it pulls nothing: the next sync takes the
    schema first.
    """
    copy, push = outgoing.copy, pushed.push
    connection.isolation_level = driver().IsolationLevel.REPEATABLE_READ
    with connection.transaction(), connection.cursor() as cursor:
        meta = dict(cursor.execute(f"SELECT key, value FROM {SCHEMA}.meta").fetchall())
        trimmed = int(meta.get(TRIMMED_KEY, 0))
        if meta.get("schema_fingerprint") != outgoing.schema_fingerprint:
            pulled = Pulled(copy.last_seq, {"articles": [], "assignments": []})
        elif copy.last_seq < trimmed:  # deletions it needed are gone: its whole share
            pulled = pull(cursor, copy.annotator, 0, pushed.upto)
            pulled.whole = {
                table: {tuple(r[c] for c in KEYS[table]) for r in rows}
                for table, rows in pulled.rows.items()
            }
        else:
            pulled = pull(cursor, copy.annotator, copy.last_seq, pushed.upto)
        newer = _pulled_keys(pulled)
        corrections = {k: v for k, v in push.corrections.items() if k not in newer}
        _drop_echoes(pulled, push.sent)
        cursor.execute(
            f"INSERT INTO {SCHEMA}.syncs (annotator, copy_id, pushed, pulled, conflicts)"
            " VALUES (%s, %s, %s, %s, %s)",
            [copy.annotator, copy.copy_id, push.pushed, pulled.count(), len(push.conflicts)],
        )
    return Exchanged(
        pulled,
        push.pushed,
        corrections,
        [message for _, _, _, message in push.conflicts],
        push.matches,
    )


def _pulled_keys(pulled: Pulled) -> set[tuple[str, str]]:
    """The rows of the copy's tables a pull brings or deletes, as ``(table, key)``."""
    keys = {
        (table, row_key(table, row))
        for table, rows in pulled.rows.items()
        if table in TRACKED
        for row in rows
    }
    keys.update((table, key_text(list(values))) for table, values in pulled.deleted)
    return keys


def _last_number(cursor: Any) -> int:
    """The sequence's last value: the highest change number handed out."""
    (seq,) = cursor.execute(
        f"SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM {SCHEMA}.change_seq"
    ).fetchone()
    return int(seq)


def _record_cursor(cursor: Any, copy: HubCopy) -> None:
    """Record the change number the copy has surely taken in, and trim deletions below all.

    The number the copy sent (not the one this sync gives it, which it may
    fail to write): the deletions at or below every copy's are trimmed.
    """
    cursor.execute(
        f"INSERT INTO {SCHEMA}.copies (copy_id, annotator, seq) VALUES (%s, %s, %s)"
        " ON CONFLICT (copy_id) DO UPDATE SET seq = excluded.seq, synced_at = now()",
        [copy.copy_id, copy.annotator, copy.last_seq],
    )
    cursor.execute(f"SELECT {SCHEMA}.trim_deletions()")


def _schema_changed(cursor: Any, outgoing: Outgoing, meta: dict[str, str], reach: str) -> None:
    """Raise `HubSchemaChanged` with the steps a lead published from the copy's schema.

    Raises:
        HubError: the hub's schema is not one the copy can reach by published steps.
    """
    steps = {
        previous: (fingerprint, source)
        for fingerprint, previous, source in cursor.execute(
            f"SELECT fingerprint, previous_fingerprint, schema FROM {SCHEMA}.schema_steps"
        )
    }
    path: list[str] = []
    current = outgoing.schema_fingerprint
    while (
        current != meta.get("schema_fingerprint") and current in steps and len(path) <= len(steps)
    ):
        current, source = steps[current]
        path.append(source)
    if current != meta.get("schema_fingerprint"):
        raise HubError(
            f"the label schema on the hub ({where(reach)}) differs from that of"
            f" {outgoing.path.name}, and no update the lead published leads from it; join"
            " the hub again (annotator hub join)"
        )
    raise HubSchemaChanged(
        f"the lead changed the label schema on the hub ({where(reach)}):"
        f" {outgoing.path.name} takes it first",
        path,
    )


def apply_schema(project: Project, changed: HubSchemaChanged) -> int:
    """Update the copy's label schema to the hub's, step by step; the revision reached.

    As `Project.update_schema` always does: the copy is backed up first, then
    each step is one transaction.

    Raises:
        HubError: a label of the copy holds a value the new schema removes (said which).
        BackupError: the copy could not be backed up (nothing changed).
    """
    for number, source in enumerate(changed.steps, start=1):
        new = load_schema(source, f"the hub's label schema (update {number})")
        try:
            project.update_schema(new, "team hub")
        except ValidationError as exc:
            raise HubError(
                f"the lead changed the label schema on the hub, but {project.path.name} cannot"
                f" take it: {exc}. Change those labels, or ask the lead; nothing was synced"
            ) from None
    return project.schema.revision


def write_back(
    project: Project, outgoing: Outgoing, exchanged: Exchanged, edited: bool = False
) -> SyncReport:
    """Write what the hub gave into the copy, with the new record, in one transaction.

    Rows edited since `prepare` read the copy (the app keeps labelling while a
    sync is on its way) are left as they are now and keep the fingerprint the
    sync sent (or none, if new), so the next sync sends them; a row the hub
    also changed meanwhile is then a conflict by the usual rules, the hub's
    version kept. A copy that logs its writes finds those rows in its log;
    one compared whole looks for them only when ``edited`` says it may have
    been written since.

    Raises:
        ProjectError: the copy could not be written (the hub has its changes; the next
            sync completes it), or it is open read-only.
    """
    copy = outgoing.copy
    pulled = exchanged.pulled
    done = HubCopy(**{**asdict(copy), "last_seq": pulled.seq, "last_sync": now()})
    if project.read_only:
        raise ProjectError(f"{project.path.name} is open read-only: nothing was synced")
    try:
        if outgoing.mark is not None:
            with CopyWriter(project, doing="the sync") as writer:
                if not hub_copy_store.tracking(project):  # its tables were rebuilt meanwhile
                    raise ProjectError(f"{project.path.name} was changed during the sync.")
                pulled = _write_logged(writer, outgoing, exchanged, done)
        else:
            pulled = _write_whole(project, outgoing, exchanged, done, edited)
    except ProjectError as exc:
        raise ProjectError(
            f"{exc} The hub has taken this copy's changes; sync again to bring"
            f" {project.path.name} up to date (nothing is lost or sent twice)"
        ) from None
    return SyncReport(
        project.path,
        exchanged.pushed,
        pulled.count(),
        len(pulled.rows["articles"]),
        exchanged.conflicts,
        exchanged.matches,
    )


def _write_logged(
    writer: CopyWriter, outgoing: Outgoing, exchanged: Exchanged, done: HubCopy
) -> Pulled:
    """`write_back` in a copy that logs its writes: only the rows logged and written are read.

    Rows written since `prepare` read the log (numbers above its mark) are
    left as they are, stay in the log and keep the fingerprint the sync sent
    (or the one they had, if they were not in the log then). Every other row
    in the log, and every row the sync writes here (the triggers log those
    too, cascades included), takes its fingerprint as it now is; the log is
    emptied but for the rows edited meanwhile.
    """
    project = writer.project
    assert outgoing.mark is not None
    since = hub_copy_store.keys_since(project, outgoing.mark)
    pulled, corrections = exchanged.pulled, exchanged.corrections
    if since:
        pulled = _without(pulled, since)
        corrections = {k: v for k, v in corrections.items() if k not in since}
    before = hub_copy_store.last_change(project)
    pulled = _whole_share(project, pulled)
    _apply(writer, done, pulled, corrections)
    if pulled.whole is not None:
        _drop_gone(writer, done, pulled.whole)
    writer.flush()
    written = hub_copy_store.keys_since(project, before)
    entries = hub_copy_store.current_digests(project, (outgoing.logged | written) - since)
    for key in since & outgoing.logged:
        entries[key] = outgoing.snapshot.get(key)
    writer.finish_changes(done.to_json(), outgoing.copy.copy_id, entries, since)
    return pulled


def _write_whole(
    project: Project, outgoing: Outgoing, exchanged: Exchanged, done: HubCopy, edited: bool
) -> Pulled:
    """`write_back` in a copy compared whole: every row's fingerprint is written, then logged."""
    copy = outgoing.copy
    pulled = exchanged.pulled
    with CopyWriter(project, doing="the sync") as writer:
        since: set[Key] = set()
        corrections = exchanged.corrections
        if edited:
            current = fingerprints(project)
            snapshot = outgoing.snapshot
            since = {
                k for k in current.keys() | snapshot.keys() if current.get(k) != snapshot.get(k)
            }
            pulled = _without(pulled, since)
            corrections = {k: v for k, v in corrections.items() if k not in since}
        pulled = _whole_share(project, pulled)
        _apply(writer, done, pulled, corrections)
        if pulled.whole is not None:
            _drop_gone(writer, done, pulled.whole)
        base = None
        if since:
            writer.flush()
            base = fingerprints(project)
            for key in since:
                if key in outgoing.snapshot:
                    base[key] = outgoing.snapshot[key]
                else:
                    base.pop(key, None)
        writer.finish(done.to_json(), copy.copy_id, base, since)
    return pulled


def _whole_share(project: Project, pulled: Pulled) -> Pulled:
    """A pull of the copy's whole share without the articles the copy holds as they are."""
    if pulled.whole is None or not pulled.rows.get("articles"):
        return pulled
    ids = [r["id"] for r in pulled.rows["articles"]]
    held = package_rows.text_fingerprints(project, ids)
    rows = dict(pulled.rows)
    rows["articles"] = [r for r in rows["articles"] if held.get(r["id"]) != r["text_sha256"]]
    return Pulled(pulled.seq, rows, pulled.deleted, pulled.whole)


def _drop_gone(writer: CopyWriter, copy: HubCopy, whole: dict[str, set[tuple[Any, ...]]]) -> None:
    """Delete what of the copy's share the hub no longer has (a pull of its whole share).

    Labels and statuses only on articles assigned to the annotator on the hub
    (as a pull gives them); links between claims the hub has. Children first.
    """
    held = hub_copy_store.share_keys(writer.project, copy.annotator)
    assigned = {article for article, _ in whole.get("assignments", set())}
    claims = {key[0] for key in whole.get("claims", set())}
    for table in ("claim_links", "claims", "mentions", "statuses", "actor_aliases"):
        there = whole.get(table, set())
        for found in sorted(held.get(table, set())):
            key = found[:-1] if table in ("mentions", "claims", "statuses") else found
            if key in there:
                continue
            if table in ("mentions", "claims", "statuses") and found[-1] not in assigned:
                continue  # not of the share the hub gives
            if table == "claim_links" and not (key[0] in claims and key[1] in claims):
                continue
            writer.delete_any(table, dict(zip(KEYS[table], key, strict=True)))
    for article_id, annotator in sorted(held["assignments"] - whole.get("assignments", set())):
        writer.delete_assignment(article_id, annotator)


def _without(pulled: Pulled, keys: set[Key]) -> Pulled:
    """The pull without the rows (and deletions) of ``keys``."""
    kept = Pulled(pulled.seq)
    if pulled.whole is not None:  # and those rows are not gone
        kept.whole = {table: set(found) for table, found in pulled.whole.items()}
        for table, key in keys:
            kept.whole.setdefault(table, set()).add(tuple(json.loads(key)))
    for table, rows in pulled.rows.items():
        if table in TRACKED:
            rows = [r for r in rows if (table, row_key(table, r)) not in keys]
        kept.rows[table] = rows
    kept.deleted = [
        (table, values)
        for table, values in pulled.deleted
        if table not in TRACKED or (table, key_text(list(values))) not in keys
    ]
    return kept


def sync(project: Project, dsn: str | None = None) -> SyncReport:
    """Sync a laptop copy with its hub (``dsn``: another way to reach it this time).

    `prepare`, `exchange` and `write_back` in turn, on one connection to the copy.

    Raises:
        HubUnreachable: offline, or the connection was lost: nothing changed in the copy,
            the message says how many changes wait.
        HubError: refused (login, version, another project or schema, another annotator).
        ProjectError: not a laptop copy, or open read-only.
    """
    outgoing = prepare(project)
    if project.read_only:
        raise ProjectError(f"{project.path.name} is open read-only: nothing was synced")
    schema = None
    try:
        exchanged = exchange(outgoing, dsn)
    except HubSchemaChanged as changed:
        schema = apply_schema(project, changed)
        outgoing = prepare(project)
        exchanged = exchange(outgoing, dsn)
    report = write_back(project, outgoing, exchanged)
    report.schema = schema
    return report


__all__ = [
    "Change",
    "Exchanged",
    "HubCopy",
    "JoinReport",
    "Outgoing",
    "Pushed",
    "SyncReport",
    "apply_schema",
    "exchange",
    "join",
    "key_text",
    "prepare",
    "pull_changes",
    "push_changes",
    "sync",
    "write_back",
]
