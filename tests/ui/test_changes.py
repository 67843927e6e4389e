"""Tests of annotator/ui/changes.py: the message views refresh from carries values, not rows."""

from __future__ import annotations

import ast
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


def test_no_view_reads_rows_or_table_names() -> None:
    """Views see claims, mentions, actors, links and statuses: rows stay in the store."""
    found = []
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "annotator.store.rows":
                found.append(f"{path.relative_to(UI)} imports annotator.store.rows")
            elif isinstance(node, ast.ImportFrom) and node.module == "annotator.store.events":
                names = {a.name for a in node.names} - {"Event"}
                if names:
                    found.append(f"{path.relative_to(UI)} imports {sorted(names)} of the log")
            elif isinstance(node, ast.Name | ast.Attribute):
                name = node.id if isinstance(node, ast.Name) else node.attr
                if name in ROW_NAMES:
                    found.append(f"{path.relative_to(UI)} uses {name}")
    assert found == []
