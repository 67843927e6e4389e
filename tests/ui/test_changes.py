"""Tests of annotator/ui/changes.py: the message views refresh from carries values, not rows."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import annotator.ui
from annotator.core.model import Actor, Claim, ClaimLink, Mention, Status
from annotator.store.changes import (
    ActorChange,
    ClaimChange,
    LinkChange,
    MentionChange,
    StatusChange,
)
from annotator.ui.changes import Changes

UI = Path(annotator.ui.__file__).parent

ROW_NAMES = {"claim_from_row", "mention_from_row", "claim_from_values", "mention_from_values"}
"""What turns a table row into a value: the store's business, never the views'."""
LOG_NAMES = {"Event"}
"""What a view may import from `annotator.store.events`: the entry a command keeps, as a type."""
ROW_ATTRIBUTES = {"changes", "applied"}
"""An `Event`'s rows (``event.changes``, ``event.applied()``)."""
TABLE_NAMES = {"claims", "mentions", "actors", "actor_aliases", "claim_links", "statuses"}
"""The tables of the labels, actors and statuses, as the log's rows name them."""
TABLE_WIDGETS = {"self.table", "self.registry.table"}
"""``.table`` a view may read: its own table widget (the article list, the actor
registry, the backup list) or the registry's. Any other ``.table`` is a row's table."""
COUNT_KEYS = Counter(
    {
        ("articles/article_list.py", "claims"): 2,  # the Claims column: a count per article
        ("window/restore.py", "claims"): 1,  # columns of the backup list: counts per backup
        ("window/restore.py", "mentions"): 1,
        ("lead/dashboard.py", "claims"): 1,  # keys of Project.stats(): counts per annotator
        ("lead/dashboard.py", "mentions"): 1,
        ("suggestions/menu.py", "actors"): 1,  # the name of a recommender (its menu title)
    }
)
"""Where a table's name is the name of a count or a recommender, not of a table:
(module, name) -> how often."""


def test_the_flags_follow_the_kinds_of_values_changed() -> None:
    claim = Claim("c1", "a1", "ana", 0, 7)
    mention = Mention("m1", "a2", "ana", 0, 7)
    status = Status("a3", "ana", "done")

    assert Changes.of([ClaimChange(None, claim)], "a1") == Changes(
        frozenset({"a1"}), labels=True, changed=(ClaimChange(None, claim),)
    )
    moved = MentionChange(mention, None)
    assert (Changes.of([moved]).articles, Changes.of([moved]).labels) == (frozenset({"a2"}), True)
    marked = Changes.of([StatusChange(Status("a3", "ana"), status)])
    assert (marked.articles, marked.status, marked.labels) == (frozenset({"a3"}), True, False)
    renamed = Changes.of([ActorChange(Actor("x", "Norvania"), Actor("x", "Norvania Republic"))])
    assert (renamed.articles, renamed.actors, renamed.labels) == (frozenset(), True, False)


def test_a_link_touches_every_article_an_actor_change_too() -> None:
    linked = Changes.of([LinkChange(None, ClaimLink("c1", "c2", "ana"))], "a1")
    renamed = Changes.of([ActorChange(Actor("x", "Norvania"), None)])
    claim = Changes.of([ClaimChange(None, Claim("c1", "a1", "ana", 0, 7))], "a1")

    assert linked.labels and linked.touches("a9")  # the other claim's article is not named
    assert renamed.touches("a9")
    assert claim.touches("a1") and not claim.touches("a9")


def _dotted(node: ast.expr) -> str:
    """``self.registry.table`` for that expression; "" for anything but names and attributes."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and (inner := _dotted(node.value)):
        return f"{inner}.{node.attr}"
    return ""


def row_reads(source: str) -> list[tuple[int, str]]:
    """Every place where a view's source reads the log's rows or names a table, by line.

    The names of tables are reported as ``table name 'claims'``, for
    `COUNT_KEYS` to let the few that name counts pass.
    """
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.ImportFrom) and node.module == "annotator.store":
            for alias in node.names:
                if alias.name in ("rows", "events"):
                    found.append((line, f"imports annotator.store.{alias.name}"))
        elif isinstance(node, ast.ImportFrom) and node.module == "annotator.store.rows":
            found.append((line, "imports annotator.store.rows"))
        elif isinstance(node, ast.ImportFrom) and node.module == "annotator.store.events":
            if names := {a.name for a in node.names} - LOG_NAMES:
                found.append((line, f"imports {sorted(names)} of the log"))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in ("annotator.store.rows", "annotator.store.events"):
                    found.append((line, f"imports {alias.name}"))
        elif isinstance(node, ast.Name | ast.Attribute):
            name = node.id if isinstance(node, ast.Name) else node.attr
            if name in ROW_NAMES or name == "Change":
                found.append((line, f"uses {name}"))
            elif isinstance(node, ast.Attribute) and name in ROW_ATTRIBUTES:
                found.append((line, f"reads .{name}"))
            elif (
                isinstance(node, ast.Attribute)
                and name == "table"
                and _dotted(node) not in TABLE_WIDGETS
            ):
                found.append((line, f"reads .table of {ast.unparse(node.value)}"))
        elif isinstance(node, ast.Constant) and node.value in TABLE_NAMES:
            found.append((line, f"table name {node.value!r}"))
    return sorted(found)


def test_no_view_reads_rows_or_table_names() -> None:
    """Views see claims, mentions, actors, links and statuses: rows stay in the store."""
    found = []
    names: Counter[tuple[str, str]] = Counter()
    for path in sorted(UI.rglob("*.py")):
        module = path.relative_to(UI).as_posix()
        for line, what in row_reads(path.read_text(encoding="utf-8")):
            if what.startswith("table name "):
                names[module, what.removeprefix("table name ").strip("'")] += 1
            else:
                found.append(f"{module}, line {line}: {what}")
    assert found == []
    assert names == COUNT_KEYS, "a table's name in a view (or a count key gone: update COUNT_KEYS)"


def test_the_scan_finds_rows_read_in_a_view() -> None:
    planted = """
from annotator.store.events import Change, Event, PRIMARY_KEYS
from annotator.store import events, rows
import annotator.store.rows
from annotator.store.rows import claim_from_row

def apply(self, event: Event) -> None:
    for change in event.changes:
        if change.table == "claims":
            self.show(claim_from_row(change.after))
    undone = event.applied(True)
    made = Change("mentions", {}, None, None)
    match self._change.table:
        case "claim_links" | "actor_aliases":
            pass
    seen = {"statuses": 1, "actors": 2}
    self.table.setColumnHidden(0, True)  # the view's own table widget
    self.registry.table.selectRow(0)
"""
    assert row_reads(planted) == [
        (2, "imports ['Change', 'PRIMARY_KEYS'] of the log"),
        (3, "imports annotator.store.events"),
        (3, "imports annotator.store.rows"),
        (4, "imports annotator.store.rows"),
        (5, "imports annotator.store.rows"),
        (8, "reads .changes"),
        (9, "reads .table of change"),
        (9, "table name 'claims'"),
        (10, "uses claim_from_row"),
        (11, "reads .applied"),
        (12, "table name 'mentions'"),
        (12, "uses Change"),
        (13, "reads .table of self._change"),
        (14, "table name 'actor_aliases'"),
        (14, "table name 'claim_links'"),
        (16, "table name 'actors'"),
        (16, "table name 'statuses'"),
    ]


def test_the_scan_leaves_domain_changes_and_widgets_alone() -> None:
    source = """
from annotator.store.changes import ClaimChange, MentionChange
from annotator.store.events import Event

def apply(self, changes, event: Event | None) -> None:
    for change in changes.changed:
        match change:
            case ClaimChange(before=None, after=claim):
                self.add(claim)
            case MentionChange():
                self.refresh()
    self.table.resizeColumnsToContents()
    label = self.tr("Claims")
"""
    assert row_reads(source) == []
