"""Helpers for the store tests: reading a project file from outside, undoing everything."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.core.model import Actor, Article, Attribution, Claim, Mention
from annotator.core.spans import Span
from annotator.store.project import Project
from tests.helpers import dump


def sha256(path: Path) -> str:
    """The SHA-256 of the file's bytes, to show a refused file was left exactly as it was."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def label_dump(path: Path) -> list[str]:
    """`dump` without the undo log (its ``state`` changes on every undo and redo), sorted.

    Sorted because a row that undo puts back gets a new rowid and so a new
    place in the dump; no query of labels depends on that place (they order
    by span, name or alias position).
    """
    return sorted(line for line in dump(path) if not line.startswith('INSERT INTO "events"'))


def read_rows(path: Path, table: str, order: str = "rowid") -> list[dict[str, Any]]:
    """Every row of ``table`` as seen by a separate read-only connection (committed data only)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(f'SELECT * FROM "{table}" ORDER BY {order}')]
    finally:
        conn.close()


def event_states(path: Path) -> list[tuple[str, str, str]]:
    """``(annotator, label, state)`` of every logged action, oldest first."""
    return [(r["annotator"], r["label"], r["state"]) for r in read_rows(path, "events", "seq")]


def undo_all(project: Project, annotator: str) -> int:
    """Undo every action of ``annotator``; return how many were undone."""
    count = 0
    while project.undo(annotator) is not None:
        count += 1
    return count


def redo_all(project: Project, annotator: str) -> int:
    """Redo every undone action of ``annotator``; return how many were redone."""
    count = 0
    while project.redo(annotator) is not None:
        count += 1
    return count


def write_filled_project(path: Path) -> None:
    """Create a closed project file of some 40 pages: articles, labels and undo history."""
    with Project.create(path) as project:
        project.add_articles(
            [
                Article(id=f"n{i:02}", text=f"Report {i}. " + "The harbour stays shut. " * 60)
                for i in range(60)
            ]
        )
        actor = project.add_actor("Norvania", "ana", "state")
        project.add_mention("n00", "ana", 0, 6, actor.id)
        project.add_claim("n00", "ana", 0, 10, claimant=actor.id, stance="oppose")
        project.set_status("n00", "ana", "done")


@dataclass
class Scene:
    """Two articles of one story with actors, mentions, claims, a link and a status by "ana"."""

    norvania: Actor
    kestria: Actor
    velgrad_mention: Mention
    kestria_mention: Mention
    claim: Claim
    other_claim: Claim
    free_claim: Claim


SCENE_TEXTS = {
    "a1": "Velgrad said on Monday 🇪🇺 that Norvania would reopen the port, officials said.",
    "a2": "Officials in Norvania denied that the port would reopen soon.",
}


def build_scene(project: Project, annotator: str = "ana") -> Scene:
    """Fill an empty project with a `Scene` (articles, then one action per label)."""
    project.add_articles(
        [
            Article(id="a1", text=SCENE_TEXTS["a1"], title="Port to reopen", story="port"),
            Article(id="a2", text=SCENE_TEXTS["a2"], title="Port stays shut", story="port"),
        ]
    )
    norvania = project.add_actor("Norvania", annotator, "state", ("Velgrad",))
    kestria = project.add_actor("Kestria", annotator, "state", ("the Kestrian government",))
    velgrad = project.add_mention("a1", annotator, 0, 7, norvania.id)
    kestria_mention = project.add_mention("a1", annotator, 31, 39, kestria.id)
    claim = project.add_claim(
        "a1",
        annotator,
        26,
        61,
        claimant=norvania.id,
        stance="support",
        category="commitment",
        attribution=Attribution(
            attribution_type="indirect",
            source_mention=velgrad.id,
            source_text="Velgrad",
            cue=Span(8, 12),
        ),
    )
    other = project.add_claim("a2", annotator, 22, 60, claimant=norvania.id, stance="oppose")
    free = project.add_claim("a2", annotator, 0, 21, stance="neutral")
    project.link_claims(claim.id, other.id, annotator)
    project.set_status("a1", annotator, "in_progress", "halfway")
    return Scene(norvania, kestria, velgrad, kestria_mention, claim, other, free)


ACTIONS: dict[str, Callable[[Project, Scene], object]] = {
    "add actor": lambda p, s: p.add_actor("Ирина Петрова", "ana", "person", ("Ирина",)),
    "update actor": lambda p, s: p.update_actor(s.kestria.id, "ana", name="Kestria Republic"),
    "add alias": lambda p, s: p.add_alias(s.kestria.id, "Skarre", "ana"),
    "remove alias": lambda p, s: p.remove_alias(s.norvania.id, "Velgrad", "ana"),
    "merge actors": lambda p, s: p.merge_actors(s.norvania.id, s.kestria.id, "ana"),
    "add mention": lambda p, s: p.add_mention("a2", "ana", 13, 21, s.norvania.id),
    "update mention": lambda p, s: p.update_mention(s.kestria_mention.id, actor=s.norvania.id),
    "delete mention": lambda p, s: p.delete_mention(s.velgrad_mention.id),
    "add claim": lambda p, s: p.add_claim("a1", "ana", 63, 77, stance="neutral"),
    "update claim": lambda p, s: p.update_claim(s.claim.id, stance="oppose", note="recheck"),
    "update attribution": lambda p, s: p.update_attribution(
        s.claim.id, attribution_type="direct", cue=None
    ),
    "delete claim": lambda p, s: p.delete_claim(s.claim.id),
    "link claims": lambda p, s: p.link_claims(s.claim.id, s.free_claim.id, "ana"),
    "unlink claims": lambda p, s: p.unlink_claims(s.other_claim.id, s.claim.id, "ana"),
    "set status": lambda p, s: p.set_status("a1", "ana", "done", "all claims found"),
}
"""One of each user action, on a `Scene`, all by "ana"."""


def damage_a_page(path: Path) -> None:
    """Overwrite one page in the middle of a closed project file, as a disk error would.

    The page is one of the articles table's leaf pages, so the damage is in use
    (a free page may be garbage without harm).
    """
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = [
        row[0]
        for row in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'articles' AND pagetype = 'leaf' ORDER BY pageno"
        )
    ]
    conn.close()
    offset = (pages[len(pages) // 2] - 1) * page_size
    data = bytearray(path.read_bytes())
    data[offset : offset + page_size] = b"\xde\xad\xbe\xef" * (page_size // 4)
    path.write_bytes(bytes(data))


def damage_pages_of(path: Path, name: str) -> None:
    """Overwrite every page of one table or index (``name``) of a closed project file."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = [r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name = ?", (name,))]
    conn.close()
    assert pages, f"{name} has no pages"
    data = bytearray(path.read_bytes())
    for page in pages:
        offset = (page - 1) * page_size
        data[offset : offset + page_size] = b"\xde\xad\xbe\xef" * (page_size // 4)
    path.write_bytes(bytes(data))


SUGGESTION_TABLES = (
    "suggestions",
    "suggestion_rejections",
    "suggestion_provenance",
    "recommender_settings",
    "learned_models",
    "lexicons",
    "suggestion_runs",
)
"""The tables file versions 9 and 10 added (the assist's suggestions): a version 5 file has none."""
