"""Tests of annotator/store/changes.py: each logged action, and its undo, as domain values."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import annotator.store.changes
from annotator.core.model import Actor, Article, ClaimLink, Status
from annotator.store.changes import (
    ActorChange,
    ClaimChange,
    DomainChange,
    LinkChange,
    MentionChange,
    StatusChange,
    domain_changes,
)
from annotator.store.events import Event
from annotator.store.project import Project
from tests.store.helpers import ACTIONS, Scene, build_scene, read_rows
from tests.test_sql_in_store import sql_in

Values = dict[tuple[str, Any], Any]


def values(project: Project) -> Values:
    """Every claim, mention, actor, claim link and (set) status of the project, by kind and id."""
    found: Values = {}
    for batch in project.iter_articles():
        labels = project.labels_for([a.id for a in batch])
        for per_annotator in labels.values():
            for entry in per_annotator.values():
                found.update((("claim", c.id), c) for c in entry.claims)
                found.update((("mention", m.id), m) for m in entry.mentions)
                status = entry.status
                if status != Status(status.article_id, status.annotator):
                    found["status", (status.article_id, status.annotator)] = status
    for actor, _mentions, _claims in project.actor_usage():
        found["actor", actor.id] = actor
    for row in read_rows(project.path, "claim_links"):
        link = ClaimLink(row["claim_a"], row["claim_b"], row["annotator"])
        found["link", (link.claim_a, link.claim_b)] = link
    return found


def slot(change: DomainChange) -> tuple[str, Any]:
    """Where ``change`` sits in `values`."""
    match change:
        case ClaimChange():
            return "claim", change.id
        case MentionChange():
            return "mention", change.id
        case ActorChange():
            return "actor", change.id
        case LinkChange():
            return "link", change.claims
        case StatusChange():
            return "status", (change.after.article_id, change.after.annotator)


def applied(before: Values, changes: tuple[DomainChange, ...]) -> Values:
    """``before`` with ``changes`` applied, each checked to start from what ``before`` holds."""
    result = dict(before)
    for change in changes:
        key = slot(change)
        old, new = change.before, change.after
        if isinstance(change, StatusChange):  # "todo" with no comment: never set
            old = None if old == Status(old.article_id, old.annotator) else old
            new = None if new == Status(new.article_id, new.annotator) else new
        assert result.get(key) == old, key
        if new is None:
            result.pop(key, None)
        else:
            result[key] = new
    return result


@pytest.fixture
def scene(project: Project) -> Scene:
    """The shared `Scene` in the test's project."""
    return build_scene(project)


def logged(project: Project, action: Any, scene: Scene) -> Event:
    """Run ``action`` and return the one log entry it wrote."""
    with project.labelled("the action") as events:
        action(project, scene)
    (event,) = events
    return event


@pytest.mark.parametrize("action", list(ACTIONS))
def test_each_action_and_its_undo_as_values(project: Project, scene: Scene, action: str) -> None:
    before = values(project)
    event = logged(project, ACTIONS[action], scene)
    after = values(project)

    done = domain_changes(project, event)

    assert done
    assert applied(before, done) == after
    assert {slot(c) for c in done} == {
        k for k in before.keys() | after.keys() if before.get(k) != after.get(k)
    }

    project.undo("ana")
    undone = domain_changes(project, event, undone=True)

    assert applied(after, undone) == before
    assert [(slot(c), c.before, c.after) for c in undone] == [
        (slot(c), c.after, c.before) for c in reversed(done)
    ]

    project.redo("ana")
    assert domain_changes(project, event) == done


def test_adding_a_claim_is_the_claim_after(project: Project, article_in: Article) -> None:
    with project.labelled("Add claim") as events:
        claim = project.add_claim("a1", "ana", 0, 7, stance="oppose")

    assert domain_changes(project, events[0]) == (ClaimChange(None, claim),)


def test_an_alias_change_is_the_whole_actor_before_and_after(project: Project) -> None:
    actor = project.add_actor("Norvania", "ana", "state", ("Velgrad", "the Norvanian side"))
    with project.labelled("Remove alias") as events:
        project.remove_alias(actor.id, "Velgrad", "ana")
    (event,) = events
    fewer = Actor(actor.id, "Norvania", "state", ("the Norvanian side",))

    assert domain_changes(project, event) == (ActorChange(actor, fewer),)
    project.undo("ana")
    # The alias comes back in its place, before the one that stayed.
    assert domain_changes(project, event, undone=True) == (ActorChange(fewer, actor),)
    assert project.actor(actor.id) == actor


def test_a_claim_written_twice_by_one_action_is_one_change(
    project: Project, article_in: Article
) -> None:
    keep = project.add_actor("Norvania", "ana", "state")
    other = project.add_actor("Velgrad", "ana", "state")
    claim = project.add_claim("a1", "ana", 0, 7, claimant=other.id, target=other.id)
    with project.labelled("Merge") as events:
        project.merge_actors(keep.id, other.id, "ana")
    (event,) = events
    changes = domain_changes(project, event)
    assert [c.table for c in event.changes].count("claims") == 2  # claimant, then target

    merged = project.claim(claim.id)
    assert [c for c in changes if isinstance(c, ClaimChange)] == [ClaimChange(claim, merged)]
    assert merged is not None and (merged.claimant, merged.target) == (keep.id, keep.id)
    actors = [c for c in changes if isinstance(c, ActorChange)]
    assert actors == [
        ActorChange(keep, Actor(keep.id, "Norvania", "state", ("Velgrad",))),
        ActorChange(other, None),
    ]


def test_a_status_never_set_is_todo(project: Project, article_in: Article) -> None:
    with project.labelled("Mark done") as events:
        done = project.set_status("a1", "ana", "done", "checked")
    (event,) = events
    todo = Status("a1", "ana")

    assert domain_changes(project, event) == (StatusChange(todo, done),)
    project.undo("ana")
    assert domain_changes(project, event, undone=True) == (StatusChange(done, todo),)


def test_a_link_is_both_claims(project: Project, scene: Scene) -> None:
    with project.labelled("Link") as events:
        link = project.link_claims(scene.free_claim.id, scene.claim.id, "ana")
    (change,) = domain_changes(project, events[0])

    assert change == LinkChange(None, link)
    assert change.claims == (link.claim_a, link.claim_b)


def test_actors_are_read_as_the_actor_queries_read_them() -> None:
    """The translation reads the project through `Project.actor_rows`, which `actors_by_id`
    reads too: it holds no connection and no SQL of its own."""
    source = Path(annotator.store.changes.__file__).read_text(encoding="utf-8")
    assert [str(f) for f in sql_in(source)] == []
