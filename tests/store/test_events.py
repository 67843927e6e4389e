"""Tests of annotator/store/events.py: undo and redo of every action, from the project file."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.errors import UndoConflictError, ValidationError
from annotator.core.model import Actor, Article, Attribution, Claim, ClaimLink, Mention, Status
from annotator.core.spans import Span
from annotator.store.bulk import BulkWriter
from annotator.store.events import Change
from annotator.store.project import Project
from tests.helpers import dump
from tests.store.helpers import (
    ACTIONS,
    Scene,
    build_scene,
    event_states,
    label_dump,
    redo_all,
    undo_all,
)


@pytest.fixture
def scene(project: Project) -> Scene:
    """The shared `Scene` in the test's project."""
    return build_scene(project)


# -- do, undo, redo: the file after each -----------------------------------------------------


@pytest.mark.parametrize("action", list(ACTIONS))
def test_undo_and_redo_each_action(project: Project, scene: Scene, action: str) -> None:
    before = label_dump(project.path)
    ACTIONS[action](project, scene)
    after = label_dump(project.path)
    assert after != before
    label = event_states(project.path)[-1][1]

    undone = project.undo("ana")

    assert undone is not None
    assert undone.label == label
    assert label_dump(project.path) == before
    assert event_states(project.path)[-1] == ("ana", label, "undone")
    assert project.conn.in_transaction is False

    redone = project.redo("ana")

    assert redone is not None
    assert redone.seq == undone.seq
    assert label_dump(project.path) == after  # the very rows, timestamps included
    assert event_states(project.path)[-1] == ("ana", label, "done")

    assert project.undo("ana") == redone.__class__(**{**_as_dict(redone), "state": "done"})
    assert label_dump(project.path) == before
    assert project.redo("ana") is not None
    assert project.redo("ana") is None
    assert label_dump(project.path) == after


def _as_dict(event: object) -> dict[str, object]:
    return {name: getattr(event, name) for name in event.__slots__}  # type: ignore[attr-defined]


def test_undo_walks_back_through_every_action(project: Project, article_in: Article) -> None:
    dumps = [label_dump(project.path)]
    actor = project.add_actor("Velgrad", "ana", "government")
    dumps.append(label_dump(project.path))
    mention = project.add_mention("a1", "ana", 0, 7, actor.id)
    dumps.append(label_dump(project.path))
    claim = project.add_claim(
        "a1", "ana", 26, 61, attribution=Attribution(source_mention=mention.id)
    )
    dumps.append(label_dump(project.path))
    project.update_claim(claim.id, stance="support")
    dumps.append(label_dump(project.path))
    project.set_status("a1", "ana", "done")
    dumps.append(label_dump(project.path))

    for expected in reversed(dumps[:-1]):
        assert project.undo("ana") is not None
        assert label_dump(project.path) == expected
    assert project.undo("ana") is None
    for expected in dumps[1:]:
        assert project.redo("ana") is not None
        assert label_dump(project.path) == expected
    assert project.redo("ana") is None


def test_undo_keeps_the_order_of_aliases(project: Project) -> None:
    actor = project.add_actor("China", "ana", "state", ("Beijing", "PRC"))
    project.remove_alias(actor.id, "Beijing", "ana")
    project.add_alias(actor.id, "Zhongguo", "ana")
    assert project.actor(actor.id).aliases == ("PRC", "Zhongguo")  # type: ignore[union-attr]

    project.remove_alias(actor.id, "PRC", "ana")
    project.undo("ana")

    assert project.actor(actor.id).aliases == ("PRC", "Zhongguo")  # type: ignore[union-attr]
    undo_all(project, "ana")
    redo_all(project, "ana")
    assert project.actor(actor.id).aliases == ("Zhongguo",)  # type: ignore[union-attr]


def test_nothing_to_undo_or_redo(project: Project, article_in: Article) -> None:
    before = dump(project.path)
    assert project.undo("ana") is None
    assert project.redo("ana") is None
    assert dump(project.path) == before


def test_event_records_rows_before_and_after(project: Project, article_in: Article) -> None:
    first = project.set_status("a1", "ana", "in_progress", "first pass")
    project.set_status("a1", "ana", "done")

    (latest, earlier) = project.events.history("ana")

    assert (latest.label, latest.article_id, latest.state) == ("Mark done", "a1", "done")
    (change,) = latest.changes
    assert isinstance(change, Change)
    assert (change.table, change.key) == ("statuses", {"article_id": "a1", "annotator": "ana"})
    assert change.before is not None
    assert change.after is not None
    assert (change.before["status"], change.after["status"]) == ("in_progress", "done")
    assert change.after["comment"] == first.comment
    (created,) = earlier.changes
    assert created.before is None


def test_the_same_values_written_later_are_no_action(project: Project, article_in: Article) -> None:
    claim = project.add_claim("a1", "ana", 0, 4)
    project.update_claim(claim.id, stance="oppose")
    project.set_status("a1", "ana", "done")
    # As if those were written a while ago: the rows differ from a rewrite now only in time.
    for table in ("claims", "statuses"):
        project.conn.execute(f"UPDATE {table} SET updated_at = '2001-01-01T00:00:00+00:00'")
    before = [e.seq for e in project.events.history("ana")]

    project.update_claim(claim.id, stance="oppose")
    project.set_status("a1", "ana", "done")

    assert [e.seq for e in project.events.history("ana")] == before
    project.update_claim(claim.id, stance="support")  # a real change still is one
    assert len(project.events.history("ana")) == len(before) + 1


def test_history_lists_done_and_undone_newest_first(project: Project, article_in: Article) -> None:
    project.set_status("a1", "ana", "in_progress")
    project.set_status("a1", "ana", "done")
    project.set_status("a1", "ana", "skipped")
    project.undo("ana")
    project.undo("ana")
    project.set_status("a1", "ana", "done", "again")  # drops the two undone actions

    history = project.events.history("ana")

    assert [(e.label, e.state) for e in history] == [
        ("Mark done", "done"),
        ("Mark in progress", "done"),
    ]
    assert [e.state for e in project.events.history("ana", limit=1)] == ["done"]
    assert project.events.history("ben") == []


# -- undo across restarts and annotators -------------------------------------------------------


def test_undo_survives_a_restart(project_path: Path) -> None:
    with Project.create(project_path) as project:
        scene = build_scene(project)
        before = label_dump(project_path)
        project.update_claim(scene.claim.id, stance="oppose")
        after = label_dump(project_path)

    with Project.open(project_path) as reopened:
        undone = reopened.undo("ana")
        assert undone is not None
        assert undone.label == "Edit claim"
        assert label_dump(project_path) == before

    with Project.open(project_path) as reopened:
        assert reopened.redo("ana") is not None
        assert label_dump(project_path) == after
        assert reopened.claim(scene.claim.id).stance == "oppose"  # type: ignore[union-attr]


def test_undo_is_per_annotator(project: Project, article_in: Article) -> None:
    ana_claim = project.add_claim("a1", "ana", 0, 7)
    ben_claim = project.add_claim("a1", "ben", 8, 12)
    project.set_status("a1", "ben", "done")

    undone = project.undo("ana")

    assert undone is not None
    assert undone.annotator == "ana"
    assert project.claim(ana_claim.id) is None
    assert project.claim(ben_claim.id) == ben_claim
    assert project.status("a1", "ben").status == "done"
    assert project.undo("ana") is None
    # Ben's history is untouched and his own.
    assert project.undo("ben") is not None
    assert project.status("a1", "ben") == Status("a1", "ben")
    assert project.undo("ben") is not None
    assert project.claim(ben_claim.id) is None
    assert project.redo("ana") is not None
    assert project.claim(ana_claim.id) == ana_claim


def test_a_new_action_after_undo_drops_redo(project: Project, article_in: Article) -> None:
    project.set_status("a1", "ana", "in_progress")
    project.undo("ana")
    project.set_status("a1", "ana", "skipped")

    assert project.redo("ana") is None
    assert event_states(project.path) == [
        ("ana", "Mark in progress", "dropped"),
        ("ana", "Mark skipped", "done"),
    ]
    assert project.status("a1", "ana").status == "skipped"


def test_another_annotators_action_keeps_my_redo(project: Project, article_in: Article) -> None:
    claim = project.add_claim("a1", "ana", 0, 7)
    project.undo("ana")
    project.add_claim("a1", "ben", 8, 12)

    assert project.redo("ana") is not None
    assert project.claim(claim.id) == claim


# -- conflicts: undo never overwrites later work -------------------------------------------


def test_undo_of_a_claim_changed_by_an_import_is_refused(
    project: Project, article_in: Article
) -> None:
    claim = project.add_claim("a1", "ana", 0, 7, stance="support")
    with BulkWriter(project) as writer:
        writer.put_claim(Claim(claim.id, "a1", "ana", 0, 7, stance="oppose"))
    before = dump(project.path)

    with pytest.raises(UndoConflictError) as caught:
        project.undo("ana")

    assert str(caught.value) == (
        "cannot undo or redo 'Add claim': the claim it changed was changed since "
        "(by an import or merge)"
    )
    assert dump(project.path) == before
    assert project.claim(claim.id).stance == "oppose"  # type: ignore[union-attr]
    assert project.conn.in_transaction is False


def test_undo_of_a_status_changed_by_an_import_is_refused(
    project: Project, article_in: Article
) -> None:
    project.set_status("a1", "ana", "in_progress")
    with BulkWriter(project) as writer:
        writer.put_status(Status("a1", "ana", "done", "imported"))
    before = dump(project.path)

    with pytest.raises(UndoConflictError) as caught:
        project.undo("ana")

    assert str(caught.value) == (
        "cannot undo or redo 'Mark in progress': the status it changed was changed since "
        "(by an import or merge)"
    )
    assert dump(project.path) == before


def test_undo_of_an_alias_changed_since_is_refused(project: Project) -> None:
    actor = project.add_actor("China", "ana")
    project.add_alias(actor.id, "Beijing", "ana")
    project.conn.execute(
        "UPDATE actor_aliases SET position = 5 WHERE actor_id = ?", (actor.id,)
    )  # e.g. a merge of files reordered the aliases
    project.conn.commit()
    before = dump(project.path)

    with pytest.raises(UndoConflictError) as caught:
        project.undo("ana")

    assert str(caught.value) == (
        "cannot undo or redo 'Add alias Beijing': the alias it changed was changed since "
        "(by an import or merge)"
    )
    assert dump(project.path) == before


def test_multi_row_undo_conflict_changes_nothing(project: Project, scene: Scene) -> None:
    """A conflict on a row undone last leaves the rows undone before it as they were."""
    project.merge_actors(scene.norvania.id, scene.kestria.id, "ana")
    mention = scene.kestria_mention
    with BulkWriter(project) as writer:  # an import moves the merged mention
        writer.put_mention(Mention(mention.id, "a1", "ana", 30, 39, scene.norvania.id))
    before = dump(project.path)

    with pytest.raises(UndoConflictError) as caught:
        project.undo("ana")

    assert str(caught.value) == (
        "cannot undo or redo 'Merge Kestria into Norvania': the mention it changed was "
        "changed since (by an import or merge)"
    )
    assert dump(project.path) == before
    assert project.actor(scene.kestria.id) is None  # re-inserted first, then rolled back


def test_redo_of_a_row_recreated_since_is_refused(project: Project, article_in: Article) -> None:
    claim = project.add_claim("a1", "ana", 0, 7, stance="support")
    project.undo("ana")
    with BulkWriter(project) as writer:
        writer.put_claim(Claim(claim.id, "a1", "ana", 0, 7, stance="neutral"))
    before = dump(project.path)

    with pytest.raises(UndoConflictError, match=r"^cannot undo or redo 'Add claim': the claim"):
        project.redo("ana")

    assert dump(project.path) == before
    assert event_states(project.path) == [("ana", "Add claim", "undone")]


def test_undo_of_an_actor_another_annotator_now_uses_is_refused(
    project: Project, article_in: Article
) -> None:
    actor = project.add_actor("Norvania", "ana", "state")
    project.add_mention("a1", "ben", 31, 39, actor.id)
    before = dump(project.path)

    with pytest.raises(UndoConflictError) as caught:
        project.undo("ana")

    assert str(caught.value) == (
        "cannot undo 'Add actor Norvania': later labels depend on what it changed"
    )
    assert dump(project.path) == before
    assert project.actor(actor.id) == actor


def test_undo_of_a_merge_restores_other_annotators_labels(project: Project, scene: Scene) -> None:
    bens = project.add_claim("a2", "ben", 0, 21, claimant=scene.kestria.id)
    before = label_dump(project.path)

    project.merge_actors(scene.norvania.id, scene.kestria.id, "ana")
    assert project.claim(bens.id).claimant == scene.norvania.id  # type: ignore[union-attr]
    project.undo("ana")

    assert label_dump(project.path) == before
    assert project.claim(bens.id) == bens
    # Ben edits his claim after the merge: the merge can no longer be undone.
    project.redo("ana")
    project.update_claim(bens.id, stance="oppose")
    with pytest.raises(UndoConflictError, match=r"the claim it changed was changed since"):
        project.undo("ana")
    assert project.actor(scene.kestria.id) is None


# -- random sequences -------------------------------------------------------------------------

NAMES = ("China", "Beijing", "Ирина", "李明", "Norvania", "the Kestrian government")
STATUSES = ("todo", "in_progress", "done", "skipped")
STANCES = (None, "support", "oppose", "neutral")
OPS = (
    "add_actor",
    "update_actor",
    "add_alias",
    "remove_alias",
    "merge",
    "add_mention",
    "update_mention",
    "delete_mention",
    "add_claim",
    "update_claim",
    "update_attribution",
    "delete_claim",
    "link",
    "unlink",
    "set_status",
)
TEXTS = {"a1": "Velgrad said that Norvania would reopen the port.", "a2": "Kestria denied it 🌊."}

steps = st.lists(
    st.tuples(st.sampled_from(OPS), st.integers(0, 99), st.integers(0, 99), st.integers(0, 99)),
    min_size=1,
    max_size=20,
)


def _ids(project: Project, table: str) -> list[str]:
    return [r[0] for r in project.conn.execute(f"SELECT id FROM {table} ORDER BY rowid")]


def _apply(project: Project, op: str, x: int, y: int, z: int) -> None:
    """Run one random action; raises ValidationError when the combination makes no sense."""
    actors, mentions, claims = (_ids(project, t) for t in ("actors", "mentions", "claims"))
    article = ("a1", "a2")[x % 2]
    start = y % len(TEXTS[article])
    end = start + 1 + z % 5

    def pick(items: list[str], n: int) -> str:
        if not items:
            raise ValidationError("nothing to pick")
        return items[n % len(items)]

    if op == "add_actor":
        project.add_actor(f"{NAMES[x % len(NAMES)]} {y}", "ana", ("state", None)[z % 2])
    elif op == "update_actor":
        project.update_actor(pick(actors, x), "ana", name=f"{NAMES[y % len(NAMES)]} {z}")
    elif op == "add_alias":
        project.add_alias(pick(actors, x), f"{NAMES[y % len(NAMES)]}-{z}", "ana")
    elif op == "remove_alias":
        actor = project.actor(pick(actors, x))
        assert actor is not None
        project.remove_alias(actor.id, pick(list(actor.aliases), y), "ana")
    elif op == "merge":
        project.merge_actors(pick(actors, x), pick(actors, y), "ana")
    elif op == "add_mention":
        project.add_mention(article, "ana", start, end, pick(actors, z) if z % 3 else None)
    elif op == "update_mention":
        project.update_mention(pick(mentions, x), start=y % 10, end=y % 10 + 1 + z % 5)
    elif op == "delete_mention":
        project.delete_mention(pick(mentions, x))
    elif op == "add_claim":
        source = pick(mentions, y) if z % 2 else None
        project.add_claim(
            article,
            "ana",
            start,
            end,
            stance=STANCES[z % len(STANCES)],
            claimant=pick(actors, y) if z % 3 == 0 else None,
            attribution=Attribution(source_mention=source),
        )
    elif op == "update_claim":
        project.update_claim(pick(claims, x), stance=STANCES[y % len(STANCES)], note=str(z))
    elif op == "update_attribution":
        project.update_attribution(
            pick(claims, x), attribution_type=("direct", "indirect", None)[y % 3]
        )
    elif op == "delete_claim":
        project.delete_claim(pick(claims, x))
    elif op == "link":
        project.link_claims(pick(claims, x), pick(claims, y), "ana")
    elif op == "unlink":
        project.unlink_claims(pick(claims, x), pick(claims, y), "ana")
    elif op == "set_status":
        project.set_status(article, "ana", STATUSES[y % 4], None if z % 2 else f"c{z}")


def _import_start(project: Project) -> None:
    """Articles and labels as an import leaves them: in the file, with nothing to undo."""
    china = Actor("act-china", "China", "state", ("Beijing", "PRC"))
    irina = Actor("act-irina", "Ирина", "person", ())
    velgrad = Mention("m-velgrad", "a1", "ana", 0, 7, china.id)
    claim = Claim(
        "c-1",
        "a1",
        "ana",
        8,
        40,
        claimant=china.id,
        stance="oppose",
        attribution=Attribution(
            attribution_type="indirect", source_mention=velgrad.id, cue=Span(8, 12)
        ),
    )
    other = Claim("c-2", "a2", "ana", 0, 17, target=irina.id)
    with BulkWriter(project) as writer:
        for article_id, text in TEXTS.items():
            writer.add_article(Article(id=article_id, text=text, story="s"))
        writer.put_actor(china, "ben")
        writer.put_actor(irina, "ana")
        writer.put_mention(velgrad)
        writer.put_mention(Mention("m-kestria", "a2", "ana", 0, 7, irina.id))
        writer.put_claim(claim)
        writer.put_claim(other)
        writer.put_link(ClaimLink.between(claim.id, other.id, "ana"))
        writer.put_status(Status("a1", "ana", "in_progress", "imported"))


def _view(project: Project) -> tuple[object, ...]:
    """What the app shows of the project: actors with their aliases in order, and labels."""
    actors = [r[0] for r in project.conn.execute("SELECT id FROM actors")]
    return (project.actors_by_id(actors), project.labels_for(list(TEXTS)))


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(steps=steps)
def test_random_actions_undo_step_by_step_and_redo_to_the_end(
    steps: list[tuple[str, int, int, int]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.claims"
        with Project.create(path) as project:
            _import_start(project)
            states = [(label_dump(path), _view(project))]  # after each saved action
            for step in steps:
                try:
                    _apply(project, *step)
                except ValidationError:
                    assert label_dump(path) == states[-1][0]  # a refused action changes nothing
                    continue
                if label_dump(path) != states[-1][0]:
                    states.append((label_dump(path), _view(project)))

            assert len(event_states(path)) == len(states) - 1
            for expected in reversed(states[:-1]):
                assert project.undo("ana") is not None
                assert (label_dump(path), _view(project)) == expected
            assert project.undo("ana") is None
            assert redo_all(project, "ana") == len(states) - 1
            assert (label_dump(path), _view(project)) == states[-1]


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(steps=steps, restart_after=st.integers(0, 20))
def test_undo_all_after_a_restart(
    steps: list[tuple[str, int, int, int]], restart_after: int
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.claims"
        with Project.create(path) as project:
            _import_start(project)
            start = label_dump(path)
            for step in steps:
                with contextlib.suppress(ValidationError):
                    _apply(project, *step)
            end = label_dump(path)
            for _ in range(restart_after):
                project.undo("ana")
        with Project.open(path) as project:
            undo_all(project, "ana")
            assert label_dump(path) == start
        with Project.open(path) as project:
            redo_all(project, "ana")
            assert label_dump(path) == end


def test_undo_of_a_row_deleted_behind_its_back_is_a_conflict(project: Project) -> None:
    actor = project.add_actor("China", "ana")
    project.conn.execute("DELETE FROM actors WHERE id = ?", (actor.id,))
    project.conn.commit()
    before = dump(project.path)

    with pytest.raises(UndoConflictError, match=r"the actor it changed was changed since"):
        project.undo("ana")

    assert dump(project.path) == before


def test_an_action_hands_back_the_entry_it_logged(project: Project, article_in: Article) -> None:
    """`labelled` collects the log entries its actions wrote, equal to what the log holds."""
    with project.labelled("Mark claim") as logged:
        project.add_claim(article_in.id, "ana", 0, 5)
    (entry,) = logged
    stored = project.events.next_undo("ana")
    assert stored is not None
    assert (entry.seq, entry.label, entry.annotator, entry.article_id, entry.state) == (
        stored.seq, "Mark claim", "ana", article_in.id, "done",
    )  # fmt: skip
    assert [(c.table, c.key, c.before, c.after) for c in entry.changes] == [
        (c.table, c.key, c.before, c.after) for c in stored.changes
    ]
    with project.labelled("Set stance") as logged:  # nothing changed: nothing logged
        claim = project.labels(article_in.id, "ana").claims[0]
        project.update_claim(claim.id, stance=None)
    assert logged == []
