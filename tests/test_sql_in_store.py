"""The store owns every SQL statement: no module outside ``annotator/store`` executes SQL.

`annotator.store.project` says the store is the only way to read or write a
project file. This scans the source of every other module (``quality``,
``io`` and ``ui`` among them; ``core``, ``assist``, the CLI) with `ast` for
anything that talks SQL: calls that execute it (``execute``, ``executemany``,
``executescript``, sqlite-utils' ``query``), connections opened directly
(`sqlite3.connect`, `sqlite_utils.Database`), sqlite-utils table writes
(``db["t"].insert(...)``, ``db.table("t").upsert(...)``), transactions opened
on a database (``.atomic()``), and string literals that are SQL.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STORE = ROOT / "annotator" / "store"
"""The one package whose modules run SQL."""

EXECUTING = {"execute", "executemany", "executescript", "query", "atomic"}
"""Methods that run SQL (on a connection, an sqlite-utils database or a cursor)."""
TABLE_WRITES = {
    "insert",
    "insert_all",
    "upsert",
    "upsert_all",
    "update",
    "delete",
    "delete_where",
    "create",
    "transform",
    "drop",
    "add_column",
}
"""sqlite-utils table methods that write, flagged on ``db[...]`` and ``db.table(...)``."""
CONNECTING = {("sqlite3", "connect"), ("sqlite_utils", "Database")}
"""What opens a database."""
SQL_TEXT = re.compile(
    r"^\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|PRAGMA|ATTACH|DETACH|VACUUM"
    r"|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|WITH|FROM|WHERE|ON CONFLICT)\s"
)
"""The start of a string that is SQL (keywords in capitals, as the store writes them)."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One place that talks SQL."""

    line: int
    what: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.what}"


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the string nodes that are docstrings (these may say SELECT)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _imported_names(tree: ast.AST) -> dict[str, tuple[str, str]]:
    """Local names bound by ``from sqlite3 import connect`` and the like: name -> (module, name)."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in ("sqlite3", "sqlite_utils"):
            for alias in node.names:
                names[alias.asname or alias.name] = (node.module, alias.name)
    return names


def _is_table(node: ast.expr) -> bool:
    """``db[...]`` or ``db.table(...)``: an sqlite-utils table."""
    if isinstance(node, ast.Subscript):
        return True
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "table"
    )


def _call(node: ast.Call, imported: dict[str, tuple[str, str]]) -> str | None:
    """What SQL a call runs, or None if it runs none."""
    func = node.func
    if isinstance(func, ast.Attribute):
        if func.attr in EXECUTING:
            return f".{func.attr}()"
        if func.attr in TABLE_WRITES and _is_table(func.value):
            return f"table .{func.attr}()"
        if isinstance(func.value, ast.Name) and (func.value.id, func.attr) in CONNECTING:
            return f"{func.value.id}.{func.attr}()"
    if isinstance(func, ast.Name) and imported.get(func.id) in CONNECTING:
        module, name = imported[func.id]
        return f"{module}.{name}()"
    return None


def _sql_text(node: ast.AST) -> str | None:
    """The start of a string literal (or f-string) that is SQL, or None."""
    if isinstance(node, ast.JoinedStr):
        first = node.values[0] if node.values else None
        text = first.value if isinstance(first, ast.Constant) else None
    elif isinstance(node, ast.Constant):
        text = node.value
    else:
        return None
    if isinstance(text, str) and SQL_TEXT.match(text):
        return " ".join(text.split())[:40]
    return None


def sql_in(source: str) -> list[Finding]:
    """Every place in a module's source that executes SQL or spells it, by line."""
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    imported = _imported_names(tree)
    inside_fstrings = {
        id(part)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for part in node.values
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            what = _call(node, imported)
            if what is not None:
                found.append(Finding(node.lineno, f"runs SQL: {what}"))
        elif id(node) not in docstrings and id(node) not in inside_fstrings:
            text = _sql_text(node)
            if text is not None:
                found.append(Finding(getattr(node, "lineno", 0), f"SQL text: {text!r}"))
    return sorted(found, key=lambda f: (f.line, f.what))


def outside_the_store() -> list[Path]:
    """The source files of every module of ``annotator`` but those of `STORE`."""
    return sorted(p for p in (ROOT / "annotator").rglob("*.py") if STORE not in p.parents)


def test_no_module_outside_the_store_executes_sql() -> None:
    scanned = outside_the_store()
    for package in ("quality", "io", "ui"):  # the scan does see them
        assert len([p for p in scanned if p.is_relative_to(ROOT / "annotator" / package)]) > 5
    offending = {
        str(path.relative_to(ROOT)): [str(f) for f in findings]
        for path in scanned
        if (findings := sql_in(path.read_text(encoding="utf-8")))
    }
    assert offending == {}, "SQL belongs in annotator/store"


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
        "line 9: SQL text: 'SELECT id FROM claims'",
        "line 9: runs SQL: .execute()",
        "line 10: SQL text: 'INSERT INTO'",
        "line 10: runs SQL: .executemany()",
        "line 12: SQL text: 'UPDATE claims SET note = ? WHERE id = ?'",
        "line 15: runs SQL: table .insert()",
        "line 16: runs SQL: table .upsert()",
        "line 17: runs SQL: .atomic()",
        "line 19: runs SQL: .query()",
        "line 20: runs SQL: sqlite3.connect()",
        "line 21: runs SQL: sqlite3.connect()",
        "line 22: runs SQL: sqlite_utils.Database()",
        "line 23: SQL text: 'WHERE id ='",
    ]


def test_the_scan_leaves_plain_python_alone() -> None:
    source = '''
"""UPDATE: words in a docstring."""
items = []
items.insert(0, "x")  # a list, not a table
settings = {}
settings.update(a=1)
label = "Select the claim"
'''
    assert sql_in(source) == []
