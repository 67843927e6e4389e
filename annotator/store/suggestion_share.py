"""An annotator's rejections of suggestions and the provenance of the labels they accepted,
as work packages carry them and merges bring them back.

A package holds its annotator's rows of ``suggestion_rejections`` and
``suggestion_provenance`` on its articles (`share_rows`), so the app there
does not offer a rejected suggestion again and exports name where labels came
from; a merge (`annotator.quality.merge_file`) adds those made in the package
to the lead's project and removes those undone there. Rows of both tables
never change once written (a rejection or an accept is undone by deleting
it), so a merge compares only whether a row exists: its fingerprint in the
merge base is `PRESENT`. Whose a row is (`SHARED`) is checked like a label's
annotator (`annotator.quality.package_check`).

A package made before the file had these tables (version 9) has none of them
(`has_table`): it carries nothing of suggestions, and nothing is refused for that.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from annotator.store.fingerprints import key_text
from annotator.store.package_rows import BATCH, Share

if TYPE_CHECKING:
    from annotator.store.project import Project

Row = dict[str, Any]

SHARED: dict[str, tuple[tuple[str, ...], str]] = {
    "suggestion_rejections": (("annotator", "key"), "annotator"),
    "suggestion_provenance": (("label_id", "key"), "accepted_by"),
}
"""Table -> (its primary key, the column naming whose row it is), in the order a merge
writes them."""

PRESENT = hashlib.blake2b(b"[]", digest_size=16).hexdigest()
"""The merge base's fingerprint of a row of these tables: what a row that compares no
columns gets (see `annotator.store.fingerprints.digest`), since only its presence counts."""


def _table(table: str) -> str:
    if table not in SHARED:
        raise ValueError(f"not a table of rejections or provenance: {table!r}")
    return table


def key_of(table: str, row: Row) -> tuple[Any, ...]:
    """The primary key values of a row of ``table``."""
    return tuple(row[c] for c in SHARED[table][0])


def row_key(table: str, row: Row) -> str:
    """The primary key of a row as the merge base writes keys (JSON text)."""
    return key_text(key_of(table, row))


def has_table(project: Project, table: str) -> bool:
    """True if the file has ``table`` (one older than version 9 has not)."""
    found = project.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (_table(table),)
    ).fetchone()
    return found is not None


def _stream(project: Project, sql: str, params: Any = ()) -> Iterator[Row]:
    cursor = project.conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    for values in cursor:
        yield dict(zip(names, values, strict=True))


def rows(project: Project, table: str) -> Iterator[Row]:
    """Every row of ``table``, in the order written; none when the file lacks the table."""
    if not has_table(project, table):
        return iter(())
    return _stream(project, f"SELECT * FROM {_table(table)} ORDER BY rowid")


def share_rows(project: Project, share: Share, table: str) -> Iterator[Row]:
    """The annotator's rows of ``table`` on the share's articles, in the order written."""
    owner = SHARED[_table(table)][1]
    sql = (
        f"SELECT t.* FROM {table} t JOIN articles a ON a.id = t.article_id"
        f" WHERE t.{owner} = :who AND {share._chosen()} ORDER BY t.rowid"
    )
    return _stream(project, sql, {"who": share.annotator})


def insert_rows(project: Project, table: str, found: Sequence[Row]) -> int:
    """Insert rows (all of the table's columns, as `rows` gives them) that the file lacks,
    within the caller's transaction; a row whose key is there already stays as it is.
    Returns how many were added."""
    if not found:
        return 0
    columns = list(found[0])
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    key = ", ".join(f'"{c}"' for c in SHARED[_table(table)][0])
    cursor = project.conn.executemany(
        f"INSERT INTO {table} ({names}) VALUES ({marks}) ON CONFLICT ({key}) DO NOTHING",
        [tuple(row[c] for c in columns) for row in found],
    )
    return int(cursor.rowcount)


def delete_rows(project: Project, table: str, keys: Iterable[tuple[Any, ...]]) -> int:
    """Delete the rows with these keys, within the caller's transaction; how many there were."""
    columns = SHARED[_table(table)][0]
    where = " AND ".join(f'"{c}" = ?' for c in columns)
    cursor = project.conn.executemany(f"DELETE FROM {table} WHERE {where}", list(keys))
    return int(cursor.rowcount)


def owners(
    project: Project, table: str, keys: Iterable[tuple[Any, ...]]
) -> dict[tuple[Any, ...], str]:
    """Whose each of these rows is, for those the file holds: key -> annotator."""
    pk, owner = SHARED[_table(table)]
    found: dict[tuple[Any, ...], str] = {}
    wanted = list(dict.fromkeys(keys))
    for part in (wanted[i : i + BATCH] for i in range(0, len(wanted), BATCH)):
        tuple_marks = "(" + ",".join("?" * len(pk)) + ")"
        on = " AND ".join(f't."{c}" = v.column{i + 1}' for i, c in enumerate(pk))
        sql = (
            f"SELECT {', '.join(f't.{c}' for c in pk)}, t.{owner}"
            f" FROM (VALUES {','.join([tuple_marks] * len(part))}) AS v JOIN {table} t ON {on}"
        )
        for values in project.conn.execute(sql, [v for key in part for v in key]):
            found[tuple(values[:-1])] = values[-1]
    return found


def rows_not_of(project: Project, annotator: str) -> Iterator[tuple[str, tuple[Any, ...], str]]:
    """``(table, key, whose)`` of the rows of both tables that are someone else's."""
    for table, (pk, owner) in SHARED.items():
        if not has_table(project, table):
            continue
        sql = f"SELECT {', '.join(pk)}, {owner} FROM {table} WHERE {owner} IS NOT ? ORDER BY rowid"
        for values in project.conn.execute(sql, (annotator,)):
            yield table, tuple(values[:-1]), values[-1]
