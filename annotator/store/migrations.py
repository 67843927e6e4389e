"""Numbered migrations of the project file; ``PRAGMA user_version`` is the number applied.

Each migration is a function taking the database and changing its tables;
`migrate` runs the missing ones in order, each in its own transaction with
the version bump, so an interrupted upgrade leaves a file at a known version.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from typing import Any

import sqlite_utils

Migration = Callable[[sqlite_utils.Database], None]


def _v1_tables(db: sqlite_utils.Database) -> None:
    """Articles, actors, labels and per-annotator status."""
    db.table("meta").create({"key": str, "value": str}, pk="key")
    db.table("articles").create(
        {
            "id": str,
            "title": str,
            "text": str,
            "source": str,
            "url": str,
            "published": str,
            "language": str,
            "story": str,
            "meta": str,
            "text_sha256": str,
            "added_at": str,
        },
        pk="id",
        not_null={"text", "text_sha256"},
    )
    db.table("articles").create_index(["story"])
    db.table("articles").create_index(["source"])
    db.table("actors").create(
        {
            "id": str,
            "name": str,
            "name_key": str,
            "type": str,
            "created_by": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"name", "name_key"},
    )
    db.table("actors").create_index(["name_key"])
    db.table("actor_aliases").create(
        {"actor_id": str, "alias": str, "alias_key": str, "position": int},
        pk=("actor_id", "alias"),
        foreign_keys=[("actor_id", "actors", "id")],
        not_null={"alias_key"},
    )
    db.table("actor_aliases").create_index(["alias_key"])
    db.table("mentions").create(
        {
            "id": str,
            "article_id": str,
            "annotator": str,
            "start": int,
            "end": int,
            "actor_id": str,
            "updated_at": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id"), ("actor_id", "actors", "id")],
        not_null={"article_id", "annotator", "start", "end"},
    )
    db.table("mentions").create_index(["article_id", "annotator"])
    db.table("mentions").create_index(["actor_id"])
    db.table("claims").create(
        {
            "id": str,
            "article_id": str,
            "annotator": str,
            "start": int,
            "end": int,
            "claimant": str,
            "addressee": str,
            "target": str,
            "stance": str,
            "category": str,
            "certainty": str,
            "checkworthy": str,
            "attr_type": str,
            "attr_source_mention": str,
            "attr_source_text": str,
            "attr_source_kind": str,
            "cue_start": int,
            "cue_end": int,
            "note": str,
            "extra": str,
            "updated_at": str,
        },
        pk="id",
        foreign_keys=[
            ("article_id", "articles", "id"),
            ("claimant", "actors", "id"),
            ("addressee", "actors", "id"),
            ("target", "actors", "id"),
            ("attr_source_mention", "mentions", "id"),
        ],
        not_null={"article_id", "annotator", "start", "end"},
    )
    db.table("claims").create_index(["article_id", "annotator"])
    for column in ("claimant", "addressee", "target", "attr_source_mention"):
        db.table("claims").create_index([column])
    db.table("claim_links").create(
        {"claim_a": str, "claim_b": str, "annotator": str},
        pk=("claim_a", "claim_b"),
        foreign_keys=[("claim_a", "claims", "id"), ("claim_b", "claims", "id")],
    )
    db.table("claim_links").create_index(["claim_b"])
    db.table("statuses").create(
        {"article_id": str, "annotator": str, "status": str, "comment": str, "updated_at": str},
        pk=("article_id", "annotator"),
        foreign_keys=[("article_id", "articles", "id")],
        not_null={"status"},
    )
    db.table("statuses").create_index(["annotator", "status"])


def _v2_search_and_history(db: sqlite_utils.Database) -> None:
    """Full-text search over articles, and the persistent undo/redo log."""
    # enable_fts also indexes the articles a version-1 file already holds.
    db.table("articles").enable_fts(["title", "text"], fts_version="FTS5", create_triggers=True)
    db.table("events").create(
        {
            "seq": int,
            "at": str,
            "annotator": str,
            "label": str,
            "article_id": str,
            "changes": str,
            "state": str,
        },
        pk="seq",
        not_null={"changes", "state"},
    )
    db.table("events").create_index(["annotator", "state"])


def _v3_team_tables(db: sqlite_utils.Database) -> None:
    """Assignments of articles to annotators, and the bookkeeping of work packages.

    ``merge_base`` holds row fingerprints: in a work package, the rows as they
    were when it was made (the common base of a three-way merge); in a lead's
    project, the package's rows as they were when it was last merged.
    """
    db.table("assignments").create(
        {"article_id": str, "annotator": str},
        pk=("article_id", "annotator"),
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.table("assignments").create_index(["annotator"])
    db.table("merge_base").create(
        {"package_id": str, "tbl": str, "key": str, "digest": str},
        pk=("package_id", "tbl", "key"),
        not_null={"digest"},
    )
    db.table("merges").create(
        {
            "package_id": str,
            "annotator": str,
            "file": str,
            "packaged_at": str,
            "merged_at": str,
        },
        pk="package_id",
    )
    db.table("merge_conflicts").create(
        {
            "package_id": str,
            "tbl": str,
            "key": str,
            "article_id": str,
            "annotator": str,
            "package_row": str,
            "message": str,
            "found_at": str,
        },
        pk=("package_id", "tbl", "key"),
        not_null={"message"},
    )


def _v4_source_only_mentions(db: sqlite_utils.Database) -> None:
    """Which mentions were made only as a claim's source (S), not marked as mentions (M).

    ``mentions.source_only`` is 1 for those: they go when the source is
    replaced or the claim deleted. The undo log tells which existing mentions
    S made: an action that created a mention and made it a claim's source in
    the same step (whatever language its label is in); every other mention
    was marked (0). The rows of mentions in the log get the column too, so
    undoing an action from before the upgrade finds the row as the action
    left it.
    """
    db.execute("ALTER TABLE mentions ADD COLUMN source_only INTEGER NOT NULL DEFAULT 0")
    logged = [
        (seq, json.loads(text))
        for seq, text in db.execute(
            "SELECT seq, changes FROM events WHERE changes LIKE '%\"mentions\"%' ORDER BY seq"
        ).fetchall()
    ]
    made_by_s = {mention for _, changes in logged for mention in _sources_made(changes)}
    for seq, changes in logged:
        for table, _key, before, after in changes:
            for row in (before, after):
                if table == "mentions" and row is not None:
                    row.setdefault("source_only", int(row.get("id") in made_by_s))
        encoded = json.dumps(changes, ensure_ascii=False)
        db.execute("UPDATE events SET changes = ? WHERE seq = ?", (encoded, seq))
    for mention in made_by_s:
        db.execute("UPDATE mentions SET source_only = 1 WHERE id = ?", (mention,))


def _sources_made(changes: list[list[Any]]) -> set[str]:
    """Ids of the mentions a logged action created and made a claim's source (S)."""
    created = {
        after["id"]
        for table, _key, before, after in changes
        if table == "mentions" and before is None and after is not None
    }
    cited = {
        after.get("attr_source_mention")
        for table, _key, before, after in changes
        if table == "claims"
        and after is not None
        and (before or {}).get("attr_source_mention") != after.get("attr_source_mention")
    }
    return created & cited


OLD_DEFAULT_SCHEMA_SHA256 = "29981e17b5ed47f191ea2b645b0dd7677aa5fd6c617a08ef79d3e59f52900f0c"
"""The default schema as versions 1 to 4 stored it (attribution type listed fifth)."""


def _v5_default_field_order(db: sqlite_utils.Database) -> None:
    """List the attribution type second in a project still on the old default schema.

    The claim form and the value keys follow the schema's field order; the
    default used to list the attribution type after check-worthiness, so the
    documented keys (C, a stance key, an attribution key) would have set the
    category instead. Only a schema that is exactly the old default text is
    changed (a lead's own schema is theirs); the values are the same.
    """
    found = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    if found is None or hashlib.sha256(found[0].encode()).hexdigest() != OLD_DEFAULT_SCHEMA_SHA256:
        return
    text: str = found[0]
    start = text.index("[fields.attribution_type]")
    end = text.index("[fields.source_kind]")
    block, rest = text[start:end], text[:start] + text[end:]
    note = (
        "# The claim form shows the claim fields in the order listed here, and the\n"
        "# value keys walk through them in that order after a claim is marked.\n"
    )
    rest = rest.replace("\n\n[schema]", "\n" + note + "\n[schema]", 1)
    after_stance = rest.index("[fields.category]")
    reordered = rest[:after_stance] + block + rest[after_stance:]
    db.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (reordered,))


def _v6_issued_packages(db: sqlite_utils.Database) -> None:
    """The work packages a lead's project made: whom each is for and what was assigned.

    A merge compares a package with this record, not with the package's own
    (a file on someone's laptop). ``assigned`` is the JSON list of the article
    ids assigned to the annotator when the package was made (``[]`` when the
    project had no assignments), or NULL when it is not known: a package made
    before this version, known only because it was merged. Those merged before
    the upgrade are recorded from ``merges``, so they merge again as before.
    """
    db.table("issued_packages").create(
        {"package_id": str, "annotator": str, "packaged_at": str, "file": str, "assigned": str},
        pk="package_id",
        not_null={"annotator"},
    )
    db.execute(
        "INSERT INTO issued_packages (package_id, annotator, packaged_at, file, assigned)"
        " SELECT package_id, annotator, packaged_at, file, NULL FROM merges"
        " WHERE annotator IS NOT NULL"
    )


def _v7_attribution_type_column(db: sqlite_utils.Database) -> None:
    """The claims' attribution type is stored as ``attribution_type`` (it was ``attr_type``).

    One name from schema to model, table and exports. The rows a project keeps
    as JSON follow: claims in the undo log (so an action from before the
    upgrade still undoes and redoes) and the package rows of merge conflicts
    (so a later merge of the same package finds them as it left them).
    """
    db.execute("ALTER TABLE claims RENAME COLUMN attr_type TO attribution_type")
    logged = db.execute(
        "SELECT seq, changes FROM events WHERE changes LIKE '%\"attr_type\"%' ORDER BY seq"
    ).fetchall()
    for seq, text in logged:
        changes = json.loads(text)
        for change in changes:
            if change[0] == "claims":
                change[2:4] = [_attribution_type_renamed(row) for row in change[2:4]]
        encoded = json.dumps(changes, ensure_ascii=False)
        db.execute("UPDATE events SET changes = ? WHERE seq = ?", (encoded, seq))
    kept = db.execute(
        "SELECT rowid, package_row FROM merge_conflicts"
        " WHERE tbl = 'claims' AND package_row IS NOT NULL"
    ).fetchall()
    for rowid, text in kept:
        row = _attribution_type_renamed(json.loads(text))
        encoded = json.dumps(row, ensure_ascii=False)
        db.execute("UPDATE merge_conflicts SET package_row = ? WHERE rowid = ?", (encoded, rowid))


def _attribution_type_renamed(row: dict[str, Any] | None) -> dict[str, Any] | None:
    """A ``claims`` row with ``attr_type`` renamed, in its place among the columns."""
    if row is None:
        return None
    return {("attribution_type" if k == "attr_type" else k): v for k, v in row.items()}


def _v8_schema_changes(db: sqlite_utils.Database) -> None:
    """The updates of the project's label schema (`annotator.store.schema_changes`).

    One row per update: its revision (the schema as created is revision 1,
    so the first update is 2), when and by whom, the fingerprints and TOML
    of the schema after and before, the changes in words (a JSON list), how
    many label values were rewritten and the backup made before. A project
    from before this version has had no update: it is at revision 1.
    """
    db.table("schema_changes").create(
        {
            "revision": int,
            "at": str,
            "changed_by": str,
            "fingerprint": str,
            "previous_fingerprint": str,
            "schema": str,
            "previous_schema": str,
            "changes": str,
            "labels": int,
            "backup": str,
        },
        pk="revision",
        not_null={"at", "fingerprint", "schema", "previous_schema"},
    )


def _v9_suggestions(db: sqlite_utils.Database) -> None:
    """Suggestions of the recommenders (`annotator.assist`), beside the labels, never among them.

    - ``suggestions``: what the recommenders proposed for an annotator (the
      labels that accepting one would create, as JSON), until computed again;
    - ``suggestion_rejections``: the keys an annotator rejected, so that a new
      computation does not offer them again;
    - ``suggestion_provenance``: which labels an accepted suggestion made (or,
      for field values, set), who accepted it and when;
    - ``recommender_settings``: recommenders switched on or off in the project;
    - ``learned_models``: the models learned from the project's labels, as bytes;
    - ``lexicons``: the project's additions to the cue lexicon of a language (TOML).
    """
    db.table("suggestions").create(
        {
            "annotator": str,
            "key": str,
            "article_id": str,
            "recommender": str,
            "version": str,
            "score": float,
            "kind": str,
            "labels": str,
            "note": str,
            "created_at": str,
        },
        pk=("annotator", "key"),
        foreign_keys=[("article_id", "articles", "id")],
        not_null={"article_id", "recommender", "version", "score", "kind", "labels"},
    )
    db.table("suggestions").create_index(["article_id", "annotator"])
    db.table("suggestion_rejections").create(
        {
            "annotator": str,
            "key": str,
            "article_id": str,
            "recommender": str,
            "rejected_at": str,
        },
        pk=("annotator", "key"),
    )
    db.table("suggestion_rejections").create_index(["article_id", "annotator"])
    db.table("suggestion_provenance").create(
        {
            "label_id": str,
            "key": str,
            "label": str,
            "article_id": str,
            "recommender": str,
            "version": str,
            "score": float,
            "accepted_by": str,
            "accepted_at": str,
        },
        pk=("label_id", "key"),
        not_null={"label", "recommender", "accepted_by"},
    )
    db.table("suggestion_provenance").create_index(["key", "accepted_by"])
    db.table("suggestion_provenance").create_index(["article_id", "accepted_by"])
    db.table("recommender_settings").create(
        {"recommender": str, "enabled": int, "updated_by": str, "updated_at": str},
        pk="recommender",
        not_null={"enabled"},
    )
    db.table("learned_models").create(
        {
            "recommender": str,
            "version": str,
            "model": bytes,
            "annotator": str,
            "articles": int,
            "claims": int,
            "trained_at": str,
        },
        pk="recommender",
        not_null={"version", "model"},
    )
    db.table("lexicons").create(
        {"language": str, "text": str, "updated_by": str, "updated_at": str},
        pk="language",
        not_null={"text"},
    )


def _v10_suggestion_runs(db: sqlite_utils.Database) -> None:
    """``suggestion_runs``: which recommender (and version) computed an article for an annotator.

    One row per article, annotator and recommender, written with the article's
    suggestions, also when it found none, so an article computed with nothing
    to offer is not computed again at every start. A file of version 9 has no
    rows: its articles are computed once more, then recorded.
    """
    db.table("suggestion_runs").create(
        {
            "annotator": str,
            "article_id": str,
            "recommender": str,
            "version": str,
            "computed_at": str,
        },
        pk=("annotator", "article_id", "recommender"),
        foreign_keys=[("article_id", "articles", "id")],
        not_null={"version"},
    )
    db.table("suggestion_runs").create_index(["article_id"])


def _v11_claim_segments(db: sqlite_utils.Database) -> None:
    """``claims.segments``: the pieces of a discontinuous claim (`annotator.core.segments`).

    NULL for a claim in one piece, which every claim of an older file is;
    else ``[[start, end], ...]`` (JSON, two or more, in text order), with the
    claim's ``start``/``end`` kept as their hull, so a reader of the span
    alone still finds the claim where it is. The claims rows in the undo log
    and in merge conflicts get the key too (NULL), so an action from before
    the upgrade still undoes and redoes, and a conflict row reads as a row.
    """
    db.execute("ALTER TABLE claims ADD COLUMN segments TEXT")
    logged = db.execute(
        "SELECT seq, changes FROM events WHERE changes LIKE '%\"claims\"%' ORDER BY seq"
    ).fetchall()
    for seq, text in logged:
        changes = json.loads(text)
        for change in changes:
            if change[0] == "claims":
                change[2:4] = [_with_segments(row) for row in change[2:4]]
        encoded = json.dumps(changes, ensure_ascii=False)
        db.execute("UPDATE events SET changes = ? WHERE seq = ?", (encoded, seq))
    kept = db.execute(
        "SELECT rowid, package_row FROM merge_conflicts"
        " WHERE tbl = 'claims' AND package_row IS NOT NULL"
    ).fetchall()
    for rowid, text in kept:
        encoded = json.dumps(_with_segments(json.loads(text)), ensure_ascii=False)
        db.execute("UPDATE merge_conflicts SET package_row = ? WHERE rowid = ?", (encoded, rowid))


def _with_segments(row: dict[str, Any] | None) -> dict[str, Any] | None:
    """A ``claims`` row of an older file with ``segments`` (NULL) after its last column."""
    if row is None or "segments" in row:
        return row
    return {**row, "segments": None}


def _v12_mention_span_index(db: sqlite_utils.Database) -> None:
    """An index of mentions by article and span, with their annotator.

    Agreement counts two annotators' mentions span by span in each article
    (`annotator.store.agreement_rows`); the index holds every column that
    count reads, in the order it groups them, so SQLite walks it instead of
    reading and sorting the rows.
    """
    db.table("mentions").create_index(["article_id", "start", "end", "annotator"])


def _v13_hub_changes(db: sqlite_utils.Database) -> None:
    """``hub_changes``: the rows of a laptop copy of a team hub written since its last sync.

    One entry per row written (its table and primary key; ``k2`` is '' for a
    key of one column), numbered ``n`` in the order of its last write;
    AUTOINCREMENT, so a number is never given twice and a sync tells the
    writes made after it read the log by their numbers. Triggers fill it only
    in a laptop copy (`annotator.store.hub_copy.track_changes`, installed when
    the copy is made or first synced); a sync reads it instead of every row,
    and empties it. Empty in every other file.
    """
    db.execute(
        "CREATE TABLE hub_changes (n INTEGER PRIMARY KEY AUTOINCREMENT, tbl TEXT NOT NULL,"
        " k1 TEXT NOT NULL, k2 TEXT NOT NULL DEFAULT '', UNIQUE (tbl, k1, k2))"
    )


MIGRATIONS: tuple[Migration, ...] = (
    _v1_tables,
    _v2_search_and_history,
    _v3_team_tables,
    _v4_source_only_mentions,
    _v5_default_field_order,
    _v6_issued_packages,
    _v7_attribution_type_column,
    _v8_schema_changes,
    _v9_suggestions,
    _v10_suggestion_runs,
    _v11_claim_segments,
    _v12_mention_span_index,
    _v13_hub_changes,
)
"""Migration N (1-based) is ``MIGRATIONS[N - 1]``."""

SCHEMA_VERSION = len(MIGRATIONS)
"""The file version this code writes."""


Tables = dict[str, frozenset[str]]
"""Table names and their column names."""


@functools.cache
def tables_at(version: int) -> Tables:
    """The tables (and their columns) of a file of ``version``, made by the migrations in memory.

    Full-text search's own tables (``articles_fts_*``) are left out: SQLite
    makes them, and their set depends on its version.
    """
    db = sqlite_utils.Database(memory=True, execute_plugins=False)  # no entry point scan
    try:
        migrate(db, target=version)
        return table_columns(db)
    finally:
        db.close()


def table_columns(db: sqlite_utils.Database) -> Tables:
    """The tables of a database and their columns, without SQLite's and full-text search's own."""
    names = [
        row[0]
        for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        if not row[0].startswith(("sqlite_", "articles_fts_"))
    ]
    return {
        name: frozenset(
            column[1] for column in db.execute(f"PRAGMA table_info({_quote(name)})").fetchall()
        )
        for name in names
    }


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def version_mismatch(found: Tables, version: int) -> str | None:
    """What in ``found`` contradicts file version ``version``; None when they agree.

    Tables and columns of the file that no version makes (a user's own) are
    allowed; each table and column a migration makes must be there from its
    version on, and not before it.
    """
    if not 0 <= version <= SCHEMA_VERSION:
        return None  # a newer version is refused by its number
    expected, latest = tables_at(version), tables_at(SCHEMA_VERSION)
    for table in latest:
        if table not in expected and table in found:
            return f"it has the table {table!r} of version {_first_version(table)}"
        if table in expected and table not in found:
            return f"its table {table!r} is missing"
    for table, columns in latest.items():
        have = found.get(table)
        if table not in expected or have is None:
            continue
        if missing := sorted(expected[table] - have):
            return f"its table {table!r} lacks the column {missing[0]!r}"
        if later := sorted((columns - expected[table]) & have):
            column = later[0]
            return (
                f"its table {table!r} has the column {column!r} "
                f"of version {_first_version(table, column)}"
            )
    return None


def _first_version(table: str, column: str | None = None) -> int:
    """The first version whose files have ``table`` (and ``column`` in it)."""
    for version in range(1, SCHEMA_VERSION + 1):
        columns = tables_at(version).get(table)
        if columns is not None and (column is None or column in columns):
            return version
    return SCHEMA_VERSION


def migrate(db: sqlite_utils.Database, target: int = SCHEMA_VERSION) -> int:
    """Apply the migrations from the file's version up to ``target``; return the old version."""
    current: int = db.execute("PRAGMA user_version").fetchone()[0]
    for number in range(current + 1, target + 1):
        with db.atomic():
            MIGRATIONS[number - 1](db)
            db.execute(f"PRAGMA user_version = {number}")
    return current
