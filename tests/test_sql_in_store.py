"""The store owns every SQL statement: no module outside ``annotator/store`` talks to SQLite.

`annotator.store.project` says the store is the only way to read or write a
project file. This scans the source of every other module (``quality``,
``io``, ``ui``, ``core``, ``assist``, the operations and the CLI) with `ast`
and fails on anything that could reach the database or spell SQL:

- an import of ``sqlite3`` or ``sqlite_utils`` (in any form, `importlib` too):
  without them no module can open a connection or name a table type;
- a ``.conn`` or ``.db`` attribute, of a `Project` or of anything else (and
  ``getattr(x, "conn")``): these are how a project's connection is reached,
  and with it every table (``t = project.db["claims"]`` and then
  ``t.insert(...)``, ``t.rows_where(...)``, ``t.get(...)``);
- calls only a database has: ``execute``, ``executemany``, ``executescript``,
  sqlite-utils' ``query``, ``atomic``, ``commit``, ``rollback``, ``cursor``,
  ``iterdump``, the table methods ``rows_where``, ``insert_all``,
  ``upsert_all``, ``delete_where``, and the table writes (``insert``,
  ``upsert``, ``delete`` ...) on ``x["t"]`` or ``x.table("t")``; a table's
  reads (``.rows``, ``.get``) are found by the ``.db`` they start from;
- string literals and f-strings that are SQL, in any case (``"select id from
  claims"`` as much as ``"SELECT id FROM claims"``): recognised by the shape
  of SQL (``SELECT a, b FROM``, ``INSERT INTO``, ``UPDATE t SET c =``,
  ``DELETE FROM t WHERE``, ``WHERE c = ?``, ``PRAGMA x`` ...), so that words
  in a label ("Select text, then press C", "Delete claim") are not SQL.

The CLI (``annotator/cli``) is covered like every other module: it opens
projects through `annotator.store.project.Project` and edits them through
`annotator.operations`, so nothing there needs the database itself.
Documentation strings (docstrings, and the bare strings that document an
attribute) may say SELECT: they are words, never run.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STORE = ROOT / "annotator" / "store"
"""The one package whose modules talk to SQLite."""
HUB = ROOT / "annotator" / "hub"
"""The store of the team hub: its modules talk to PostgreSQL (SQL text, execute, commit ...),
never to SQLite: the scan there looks for SQLite modules and project connections only."""

DATABASE_MODULES = {"sqlite3", "sqlite_utils"}
"""Modules that only the store imports."""
DATABASE_ATTRIBUTES = {"conn", "db"}
"""Attributes that hold a connection (`Project.conn`, `Project.db`, `EventLog.conn` ...)."""
EXECUTING = {
    "execute",
    "executemany",
    "executescript",
    "query",
    "atomic",
    "commit",
    "rollback",
    "cursor",
    "iterdump",
    "rows_where",
    "pks_and_rows_where",
    "insert_all",
    "upsert_all",
    "delete_where",
}
"""Methods only a connection, a cursor or an sqlite-utils database or table has."""
TABLE_WRITES = {
    "insert",
    "upsert",
    "update",
    "delete",
    "create",
    "transform",
    "drop",
    "add_column",
}
"""sqlite-utils table writes, flagged on ``x[...]`` and ``x.table(...)`` (a table's reads,
``get`` and ``rows``, are a dict's and a list's words too: the ``.db`` they need is flagged)."""
ATTRIBUTE_BY_NAME = {"getattr", "setattr", "hasattr", "delattr", "attrgetter"}
"""Calls that reach an attribute by a name given as a string."""
SQL_TEXT = re.compile(
    r"""\b(
      select\s+(distinct\s+)?(
          \*
        | \d+\s*($|,|\bfrom\b)
        | count\s*\(
        | [^\s,]+(\s+as\s+\w+)?(\s*,\s*[^\s,]+(\s+as\s+\w+)?)*\s+from\s+["\w(]
      )
    | select\b[^;]*?\bfrom\s+[\w"]+(\s+\w+)?\s+(where|join|left|inner|cross|order|group|limit)\b
    | insert\s+(or\s+\w+\s+)?into\s
    | replace\s+into\s
    | update\s+(or\s+\w+\s+)?[\w"]+\s+set\s+["\w]+\s*(=|$|\bwhere\b)
    | do\s+(update\s+set|nothing)\b
    | delete\s+from\s+[\w"]+\s*(\bwhere\b|\breturning\b|;|$)
    | (create|drop)\s+(unique\s+|temp\w*\s+|virtual\s+)?(table|index|view|trigger)\s
    | alter\s+table\s
    | pragma\s+\w+\s*(=|\(|$|;)
    | (attach|detach)\s+database\s
    | vacuum\s*($|;|into\b)
    | begin\s+(immediate|exclusive|deferred|transaction)\b
    | (commit|rollback|end)\s+transaction\b
    | (release\s+)?savepoint\s+\w+\s*($|;)
    | on\s+conflict\s*(\(|do\b)
    | where\s+[\w."]+\s*(=|<|>|!=|<>|\bin\s*\(|\bis\s+(not\s+)?(null|\?)|\blike\s|\bbetween\s)
    | order\s+by\s+[\w."]+\s+(asc|desc|limit|collate)\b
    | order\s+by\s+([\w"]+\.)?rowid\b
    | values\s*\(\s*[?:]
    | limit\s+(\d+|\?)\s*($|offset\b|;|\))
    | join\s+[\w"]+(\s+\w+)?\s+on\s+[\w."]+\s*=
    | [\w"]+\.[\w"]+\s+is\s+(not\s+)?null\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
"""SQL inside a string, in any case: a keyword with the shape of SQL around it."""
HOLE = "_"
"""What stands for an f-string's ``{...}`` when its text is matched."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One place that talks to the database."""

    line: int
    what: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.what}"


def _documentation(tree: ast.AST) -> set[int]:
    """The ids of strings that are statements of their own: docstrings, attribute docs."""
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant | ast.JoinedStr)
    }


def _root(name: str) -> str:
    return name.split(".")[0]


def _import(node: ast.AST) -> str | None:
    """The database module an import statement or call imports, or None."""
    if isinstance(node, ast.Import):
        found = [a.name for a in node.names if _root(a.name) in DATABASE_MODULES]
        return found[0] if found else None
    if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        return node.module if _root(node.module) in DATABASE_MODULES else None
    if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        module = node.args[0].value
        if name in ("import_module", "__import__") and isinstance(module, str):
            return module if _root(module) in DATABASE_MODULES else None
    return None


def _is_table(node: ast.expr) -> bool:
    """``x[...]`` or ``x.table(...)``: what may be an sqlite-utils table."""
    if isinstance(node, ast.Subscript):
        return True
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "table"
    )


def _call(node: ast.Call) -> str | None:
    """What a call does with the database, or None."""
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if isinstance(func, ast.Attribute):
        if func.attr in EXECUTING:
            return f"runs SQL: .{func.attr}()"
        if func.attr in TABLE_WRITES and _is_table(func.value):
            return f"runs SQL: table .{func.attr}()"
    if name in ATTRIBUTE_BY_NAME and len(node.args) >= 2 - (name == "attrgetter"):
        attribute = node.args[0 if name == "attrgetter" else 1]
        if isinstance(attribute, ast.Constant) and attribute.value in DATABASE_ATTRIBUTES:
            return f"touches .{attribute.value} ({name})"
    return None


def _text(node: ast.AST) -> str | None:
    """The text of a string literal or f-string (``{...}`` as `HOLE`), or None."""
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else HOLE for v in node.values)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def sql_in(source: str) -> list[Finding]:
    """Every place in a module's source that reaches the database or spells SQL, by line."""
    tree = ast.parse(source)
    documentation = _documentation(tree)
    inside_fstrings = {
        id(part)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for part in node.values
    }
    found = []

    def add(node: ast.AST, what: str) -> None:
        found.append(Finding(getattr(node, "lineno", 0), what))

    for node in ast.walk(tree):
        if (module := _import(node)) is not None:
            add(node, f"imports {module}")
        if isinstance(node, ast.Attribute) and node.attr in DATABASE_ATTRIBUTES:
            add(node, f"touches .{node.attr}")
        if isinstance(node, ast.Call) and (what := _call(node)) is not None:
            add(node, what)
        if id(node) in documentation or id(node) in inside_fstrings:
            continue
        text = _text(node)
        if text is not None and SQL_TEXT.search(text):
            add(node, f"SQL text: {' '.join(text.split())[:40]!r}")
    return sorted(found, key=lambda f: (f.line, f.what))


def outside_the_store() -> list[Path]:
    """The source files of every module of ``annotator`` but those of `STORE` and `HUB`."""
    return sorted(
        p
        for p in (ROOT / "annotator").rglob("*.py")
        if STORE not in p.parents and HUB not in p.parents
    )


def sqlite_in(source: str) -> list[Finding]:
    """What `sql_in` finds that reaches a project file: SQLite modules, ``.conn``, ``.db``."""
    return [
        f for f in sql_in(source) if f.what.startswith("imports") or f.what.startswith("touches")
    ]


def test_the_hub_talks_to_postgresql_only() -> None:
    """annotator/hub spells SQL for PostgreSQL; a project file it reaches through the store."""
    scanned = sorted(HUB.rglob("*.py"))
    assert len(scanned) >= 3
    offending = {
        str(path.relative_to(ROOT)): [str(f) for f in findings]
        for path in scanned
        if (findings := sqlite_in(path.read_text(encoding="utf-8")))
    }
    assert offending == {}, "a project file belongs to annotator/store"


def test_no_module_outside_the_store_talks_to_the_database() -> None:
    scanned = outside_the_store()
    for package in ("quality", "io", "ui", "cli"):  # the scan does see them
        assert len([p for p in scanned if p.is_relative_to(ROOT / "annotator" / package)]) > 5
    assert ROOT / "annotator" / "operations.py" in scanned
    offending = {
        str(path.relative_to(ROOT)): [str(f) for f in findings]
        for path in scanned
        if (findings := sql_in(path.read_text(encoding="utf-8")))
    }
    assert offending == {}, "the database belongs to annotator/store"


def test_the_scan_finds_sql_planted_in_a_module() -> None:
    planted = '''
"""SELECT in a docstring is words, not SQL."""
import sqlite3
from sqlite3 import connect as open_db
import sqlite_utils

def read(project):
    """Read it."""
    rows = project.conn.execute("SELECT id FROM claims").fetchall()
    project.conn.executemany(f"INSERT INTO {table} VALUES (?)", rows)
    sql = (
        "UPDATE claims SET note = ?"
        " WHERE id = ?"
    )
    project.db["claims"].insert({"id": "c1"})
    project.db.table("meta").upsert({"key": "k"}, pk="key")
    with project.db.atomic():
        pass
    project.db.query("select 1")
    sqlite3.connect("x.claims")
    open_db("y.claims")
    sqlite_utils.Database("z.claims")
    return sql, f" WHERE id = {rows[0]}", "Select all (a label)", "DELETE"
'''
    assert [str(f) for f in sql_in(planted)] == [
        "line 3: imports sqlite3",
        "line 4: imports sqlite3",
        "line 5: imports sqlite_utils",
        "line 9: SQL text: 'SELECT id FROM claims'",
        "line 9: runs SQL: .execute()",
        "line 9: touches .conn",
        "line 10: SQL text: 'INSERT INTO _ VALUES (?)'",
        "line 10: runs SQL: .executemany()",
        "line 10: touches .conn",
        "line 12: SQL text: 'UPDATE claims SET note = ? WHERE id = ?'",
        "line 15: runs SQL: table .insert()",
        "line 15: touches .db",
        "line 16: runs SQL: table .upsert()",
        "line 16: touches .db",
        "line 17: runs SQL: .atomic()",
        "line 17: touches .db",
        "line 19: SQL text: 'select 1'",
        "line 19: runs SQL: .query()",
        "line 19: touches .db",
        "line 23: SQL text: 'WHERE id = _'",
    ]


def test_the_scan_finds_a_table_or_connection_held_in_a_variable() -> None:
    """The ways the first scan was fooled: each is found on its own line."""
    planted = """
t = p.db["claims"]
t.insert({"id": "c1"})
t.insert_all([{"id": "c2"}])
t.delete_where("id = ?", ["c1"])
t.upsert({"id": "c1"}, pk="id")
rows = list(t.rows)
found = t.rows_where("id = ?", ["c1"])
one = p.db.table("claims").get("c1")
cursor = connection.cursor()
connection.commit()
connection.rollback()
handle = getattr(p, "conn")
changes = p.events.conn.total_changes
"""
    assert [str(f) for f in sql_in(planted)] == [
        "line 2: touches .db",
        "line 4: runs SQL: .insert_all()",
        "line 5: runs SQL: .delete_where()",
        "line 8: runs SQL: .rows_where()",
        "line 9: touches .db",
        "line 10: runs SQL: .cursor()",
        "line 11: runs SQL: .commit()",
        "line 12: runs SQL: .rollback()",
        "line 13: touches .conn (getattr)",
        "line 14: touches .conn",
    ]


def test_the_scan_finds_every_import_of_the_database_modules() -> None:
    planted = """
import sqlite3 as lite
import sqlite_utils.db
from sqlite_utils.db import Table
import importlib
driver = importlib.import_module("sqlite3")
other = __import__("sqlite_utils")
"""
    assert [str(f) for f in sql_in(planted)] == [
        "line 2: imports sqlite3",
        "line 3: imports sqlite_utils.db",
        "line 4: imports sqlite_utils.db",
        "line 6: imports sqlite3",
        "line 7: imports sqlite_utils",
    ]


def test_the_scan_reads_sql_in_any_case() -> None:
    planted = """
a = "select id, name from actors"
b = "select c.id from claims c join articles a on a.id = c.article_id"
c = f"delete from {table} where id = ?"
d = "update claims set note = ?"
e = "insert or replace into meta (key, value) values (?, ?)"
f = "pragma user_version"
g = "begin immediate"
h = " where annotator is not ?"
i = " order by rowid"
j = "Select * From Claims"
"""
    assert [f.line for f in sql_in(planted)] == list(range(2, 12))


def test_the_scan_leaves_plain_python_and_words_alone() -> None:
    source = '''
"""UPDATE: words in a docstring."""
items = []
items.insert(0, "x")  # a list, not a table
settings = {}
settings.update(a=1)
VOCABULARY = ("support", "oppose")
"""SELECT what a stance may be: an attribute's documentation."""
labels = [
    "Select the claim",
    "Select text, then press C for a claim or M for a mention.",
    "Select all (a label)",
    "Delete claim",
    "Set {label}",
    "Update the set of values",
    "Replace the schema with this TOML file",
    "could not delete the old backup from the disk",
    "Order by name",
    "where it is",
    "Values from the schema",
]
cursor = view.textCursor()
'''
    assert sql_in(source) == []
