"""Rows of project files as work packages and merges copy, compare and check them.

Packages and merges copy rows whole, timestamps and all (see
`annotator.store.bulk.BulkWriter.put_row`), so most reads here give rows as
dicts of a table's columns, a batch at a time. `annotator.quality.package`
reads one annotator's `Share` of a project; `annotator.quality.merge` reads a
package and looks its rows up in the lead's project; the reads under "checks"
answer what `annotator.quality.package_check` asks before a merge.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annotator.store.events import PRIMARY_KEYS, fetch_row
from annotator.store.reader import chunks

if TYPE_CHECKING:
    from annotator.store.project import Project

Row = dict[str, Any]

BATCH = 500
"""Rows fetched at a time."""
TABLES = ("articles", *PRIMARY_KEYS)
"""The tables whose rows are read whole."""


def _stream(project: Project, sql: str, params: Any = ()) -> Iterator[Row]:
    """The rows of a query as dicts, fetched a batch at a time."""
    cursor = project.conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    while batch := cursor.fetchmany(BATCH):
        for values in batch:
            yield dict(zip(names, values, strict=True))


def _table(table: str) -> str:
    if table not in TABLES:
        raise ValueError(f"not a table of labels or articles: {table!r}")
    return table


def rows(project: Project, table: str, columns: Sequence[str] | None = None) -> Iterator[Row]:
    """Every row of ``table`` (only ``columns`` when given) in the order it was written.

    Aliases come by actor, then in each actor's order.
    """
    names = ", ".join(f'"{c}"' for c in columns) if columns else "*"
    order = "actor_id, position, rowid" if table == "actor_aliases" else "rowid"
    return _stream(project, f"SELECT {names} FROM {_table(table)} ORDER BY {order}")


def value_batches(
    project: Project, table: str, size: int = BATCH
) -> tuple[tuple[str, ...], Iterator[list[tuple[Any, ...]]]]:
    """The columns of ``table``, and its rows as tuples of them, ``size`` rows at a time.

    The rows come in the order `rows` gives them; tuples rather than dicts, for
    reading many rows.
    """
    order = "actor_id, position, rowid" if table == "actor_aliases" else "rowid"
    cursor = project.conn.execute(f"SELECT * FROM {_table(table)} ORDER BY {order}")
    columns = tuple(d[0] for d in cursor.description)

    def batches() -> Iterator[list[tuple[Any, ...]]]:
        while batch := cursor.fetchmany(size):
            yield batch

    return columns, batches()


def row(project: Project, table: str, key: Row) -> Row | None:
    """The row of ``table`` with primary key ``key`` (column -> value), or None."""
    return fetch_row(project.conn, _table(table), key)


def _by_key(
    project: Project,
    table: str,
    keys: Iterable[tuple[Any, ...]],
    columns: str,
    up_to_rowid: int | None = None,
) -> Iterator[Row]:
    """The rows (``columns`` of them) of ``table`` whose primary key is one of ``keys``.

    ``up_to_rowid``: only rows with a rowid up to this one.
    """
    pk = PRIMARY_KEYS[_table(table)]
    unique = list(dict.fromkeys(keys))
    older = "" if up_to_rowid is None else f" AND t.rowid <= {int(up_to_rowid)}"
    if len(pk) == 1:
        for ids in chunks([k[0] for k in unique]):
            marks = ",".join("?" * len(ids))
            sql = f'SELECT {columns} FROM {table} t WHERE t."{pk[0]}" IN ({marks}){older}'
            yield from _stream(project, sql, ids)
        return
    # A join with the keys as a table of values: SQLite looks each up by the primary key
    # (``(a, b) IN (VALUES ...)`` would read the whole table).
    on = " AND ".join(f't."{c}" = v.column{i + 1}' for i, c in enumerate(pk))
    tuple_marks = "(" + ",".join("?" * len(pk)) + ")"
    size = BATCH // len(pk)
    for part in (unique[i : i + size] for i in range(0, len(unique), size)):
        values = [value for key in part for value in key]
        sql = (
            f"SELECT {columns} FROM (VALUES {','.join([tuple_marks] * len(part))}) AS v"
            f" JOIN {table} t ON {on}{older}"
        )
        yield from _stream(project, sql, values)


def rows_by_key(
    project: Project, table: str, keys: Iterable[tuple[Any, ...]]
) -> dict[tuple[Any, ...], Row]:
    """The rows of ``table`` with these primary keys (values in key order): key -> row.

    Keys the file does not hold are left out; a batch of keys is read at a time.
    """
    pk = PRIMARY_KEYS[_table(table)]
    return {tuple(r[c] for c in pk): r for r in _by_key(project, table, keys, "t.*")}


def existing_keys(
    project: Project,
    table: str,
    keys: Iterable[tuple[Any, ...]],
    up_to_rowid: int | None = None,
) -> set[tuple[Any, ...]]:
    """Those of these primary keys that ``table`` holds (``up_to_rowid``: in its rows up to it)."""
    pk = PRIMARY_KEYS[_table(table)]
    columns = ", ".join(f't."{c}"' for c in pk)
    found = _by_key(project, table, keys, columns, up_to_rowid)
    return {tuple(r[c] for c in pk) for r in found}


# -- articles ----------------------------------------------------------------------------------


def article_texts(project: Project) -> Iterator[tuple[str, str, int]]:
    """``(id, text fingerprint, text length)`` of every article, in import order."""
    sql = "SELECT id, text_sha256, length(text) FROM articles ORDER BY rowid"
    yield from project.conn.execute(sql)


def text_fingerprints(project: Project, ids: Sequence[str]) -> dict[str, str]:
    """The text fingerprint of each of these articles the file holds: id -> ``text_sha256``."""
    found: dict[str, str] = {}
    for part in chunks(ids):
        marks = ",".join("?" * len(part))
        sql = f"SELECT id, text_sha256 FROM articles WHERE id IN ({marks})"
        found.update(project.conn.execute(sql, part).fetchall())
    return found


def article_rows(project: Project, ids: Sequence[str]) -> Iterator[Row]:
    """The rows of these articles, in import order (a batch of ids at a time)."""
    for part in chunks(ids):
        marks = ",".join("?" * len(part))
        sql = f"SELECT * FROM articles WHERE id IN ({marks}) ORDER BY rowid"
        yield from _stream(project, sql, part)


def words(project: Project, article_id: str, start: int, end: int) -> str:
    """``text[start:end]`` of an article ("" when there is no such article)."""
    found = project.conn.execute(
        "SELECT substr(text, ?, ?) FROM articles WHERE id = ?",
        (start + 1, end - start, article_id),
    ).fetchone()
    text: str = found[0] if found else ""
    return text


def claim_articles(project: Project) -> dict[str, str]:
    """The article of every claim: claim id -> article id."""
    return dict(project.conn.execute("SELECT id, article_id FROM claims"))


# -- actors ------------------------------------------------------------------------------------


def actor_names(project: Project) -> list[tuple[str, str]]:
    """``(actor id, name)`` of every actor."""
    return [(i, n) for i, n in project.conn.execute("SELECT id, name FROM actors")]


def alias_names(project: Project) -> list[tuple[str, str]]:
    """``(actor id, alias)`` of every alias."""
    return [(i, a) for i, a in project.conn.execute("SELECT actor_id, alias FROM actor_aliases")]


def alias_keys(project: Project, actor_ids: Sequence[str]) -> set[tuple[str, str]]:
    """``(actor id, alias key)`` of every alias of these actors."""
    found: set[tuple[str, str]] = set()
    for part in chunks(sorted(set(actor_ids))):
        marks = ",".join("?" * len(part))
        sql = f"SELECT actor_id, alias_key FROM actor_aliases WHERE actor_id IN ({marks})"
        found.update(project.conn.execute(sql, part).fetchall())
    return found


def has_alias(project: Project, actor_id: str, alias_key: str) -> bool:
    """True if the actor has an alias with this key (its casefolded spelling)."""
    found = project.conn.execute(
        "SELECT 1 FROM actor_aliases WHERE actor_id = ? AND alias_key = ?", (actor_id, alias_key)
    ).fetchone()
    return found is not None


# -- one annotator's share ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Share:
    """One annotator's share of a project: what a work package for them holds of its labels."""

    annotator: str
    assigned_only: bool
    """Only the articles assigned to the annotator; False: every article."""

    def _chosen(self) -> str:
        """Which articles: SQL over ``articles`` aliased ``a``."""
        if not self.assigned_only:
            return "1"
        return "a.id IN (SELECT article_id FROM assignments WHERE annotator = :who)"


def share_articles(project: Project, share: Share) -> Iterator[Row]:
    """The articles of the share, in import order."""
    sql = f"SELECT a.* FROM articles a WHERE {share._chosen()} ORDER BY a.rowid"
    return _stream(project, sql, {"who": share.annotator})


def share_labels(project: Project, share: Share, table: str) -> Iterator[Row]:
    """The annotator's rows of ``mentions``, ``claims`` or ``statuses`` on the share's articles."""
    if table not in ("mentions", "claims", "statuses"):
        raise ValueError(f"not a table of labels: {table!r}")
    sql = (
        f"SELECT t.* FROM {table} t JOIN articles a ON a.id = t.article_id"
        f" WHERE t.annotator = :who AND {share._chosen()} ORDER BY t.rowid"
    )
    return _stream(project, sql, {"who": share.annotator})


def share_links(project: Project, share: Share) -> Iterator[Row]:
    """Links between two of the annotator's claims, both on the share's articles."""
    both = " AND ".join(
        f"{end}.id IN (SELECT t.id FROM claims t JOIN articles a ON a.id = t.article_id"
        f" WHERE t.annotator = :who AND {share._chosen()})"
        for end in ("ca", "cb")
    )
    sql = (
        "SELECT l.* FROM claim_links l JOIN claims ca ON ca.id = l.claim_a"
        f" JOIN claims cb ON cb.id = l.claim_b WHERE {both} ORDER BY l.rowid"
    )
    return _stream(project, sql, {"who": share.annotator})


# -- checks ------------------------------------------------------------------------------------


def columns(project: Project, table: str) -> set[str]:
    """The columns of a table of the file (none when it has no such table)."""
    sql = "SELECT name FROM pragma_table_info(?)"
    return {r[0] for r in project.conn.execute(sql, (table,))}


def label_owners(project: Project, table: str, ids: Sequence[str]) -> dict[str, str]:
    """The annotator of each of these mentions or claims (ids not in the project left out)."""
    found: dict[str, str] = {}
    for part in chunks(sorted(set(ids))):
        marks = ",".join("?" * len(part))
        sql = f"SELECT id, annotator FROM {_table(table)} WHERE id IN ({marks})"
        found.update(project.conn.execute(sql, part).fetchall())
    return found


def labels_not_of(project: Project, annotator: str) -> Iterator[tuple[str, str, str]]:
    """``(table, id, annotator)`` of the mentions, claims and statuses of anyone else.

    A status is named by its article.
    """
    for table in ("mentions", "claims"):
        sql = f"SELECT id, annotator FROM {table} WHERE annotator IS NOT ? ORDER BY rowid"
        for label_id, other in project.conn.execute(sql, (annotator,)):
            yield table, label_id, other
    sql = "SELECT article_id, annotator FROM statuses WHERE annotator IS NOT ? ORDER BY rowid"
    for article_id, other in project.conn.execute(sql, (annotator,)):
        yield "statuses", article_id, other


def label_ids(project: Project, table: str, annotator: str) -> list[str]:
    """The ids of the annotator's mentions or claims, in the order they were written."""
    sql = f"SELECT id FROM {_table(table)} WHERE annotator = ? ORDER BY rowid"
    return [r[0] for r in project.conn.execute(sql, (annotator,))]


def sources_elsewhere(project: Project) -> list[tuple[str, str]]:
    """``(claim id, mention id)`` of claims citing as source a mention the file does not hold."""
    sql = (
        "SELECT c.id, c.attr_source_mention FROM claims c"
        " LEFT JOIN mentions m ON m.id = c.attr_source_mention"
        " WHERE c.attr_source_mention IS NOT NULL AND m.id IS NULL ORDER BY c.rowid"
    )
    return [(c, m) for c, m in project.conn.execute(sql)]


def link_ends(project: Project) -> list[tuple[str, str, str, bool, bool]]:
    """Every link as ``(claim_a, claim_b, annotator, claim_a missing, claim_b missing)``."""
    sql = (
        "SELECT l.claim_a, l.claim_b, l.annotator, a.id IS NULL, b.id IS NULL"
        " FROM claim_links l LEFT JOIN claims a ON a.id = l.claim_a"
        " LEFT JOIN claims b ON b.id = l.claim_b ORDER BY l.rowid"
    )
    return [
        (a, b, who, bool(no_a), bool(no_b)) for a, b, who, no_a, no_b in project.conn.execute(sql)
    ]


def link_maker(project: Project, claim_a: str, claim_b: str) -> str | None:
    """Who made the link between two claims, or None if there is none."""
    sql = "SELECT annotator FROM claim_links WHERE claim_a = ? AND claim_b = ?"
    found = project.conn.execute(sql, (claim_a, claim_b)).fetchone()
    maker: str | None = None if found is None else found[0]
    return maker


def assignment_pairs(project: Project) -> list[tuple[str, str]]:
    """Every assignment as ``(article id, annotator)``, in the order they were written."""
    sql = "SELECT article_id, annotator FROM assignments ORDER BY rowid"
    return [(a, who) for a, who in project.conn.execute(sql)]


def actors_made_by_others(project: Project, annotator: str) -> list[tuple[str, str, str]]:
    """``(id, name, maker)`` of the actors whose recorded maker is someone else."""
    sql = (
        "SELECT id, name, created_by FROM actors"
        " WHERE created_by IS NOT NULL AND created_by IS NOT ? ORDER BY rowid"
    )
    return [(i, n, who) for i, n, who in project.conn.execute(sql, (annotator,))]
