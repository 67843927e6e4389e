"""Tests of `Project`: every user action on every concept, saved at once.

`Project` is annotator/store/project.py with the edits of actions.py,
actor_edits.py and label_edits.py beside it.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from annotator.core.errors import ProjectError, ValidationError
from annotator.core.model import (
    Actor,
    Article,
    ArticleLabels,
    Attribution,
    Claim,
    ClaimLink,
    Mention,
    Status,
)
from annotator.core.spans import Span
from annotator.store.project import Project
from tests.store.helpers import (
    ACTIONS,
    Scene,
    build_scene,
    event_states,
    label_dump,
    read_rows,
)

STANCES = "support, oppose, neutral"

LABELS = {
    "add actor": "Add actor Ирина Петрова",
    "update actor": "Edit actor Kestria Republic",
    "add alias": "Add alias Skarre",
    "remove alias": "Remove alias Velgrad",
    "merge actors": "Merge Kestria into Norvania",
    "add mention": "Add mention",
    "update mention": "Edit mention",
    "delete mention": "Delete mention",
    "add claim": "Add claim",
    "update claim": "Edit claim",
    "update attribution": "Edit claim",
    "delete claim": "Delete claim",
    "link claims": "Link claims",
    "unlink claims": "Unlink claims",
    "set status": "Mark done",
}
"""The undo log's label of each action of `ACTIONS`, as the UI shows it ("Undo Add claim")."""


@pytest.fixture
def scene(project: Project) -> Scene:
    """The shared `Scene` in the test's project."""
    return build_scene(project)


def _rows(path: Path, table: str) -> list[dict[str, Any]]:
    """Rows of a table without ``updated_at`` (checked to be an ISO time with a zone)."""
    rows = read_rows(path, table)
    for row in rows:
        stamp = row.pop("updated_at", None)
        if stamp is not None:
            assert datetime.fromisoformat(stamp).tzinfo is not None
    return rows


def _assert_unchanged(project: Project, before: list[str], events: int) -> None:
    assert label_dump(project.path) == before
    assert len(event_states(project.path)) == events
    assert project.conn.in_transaction is False


# -- one transaction per action ----------------------------------------------------------------


@pytest.mark.parametrize("action", list(ACTIONS))
def test_each_action_is_committed_when_it_returns(
    project: Project, scene: Scene, action: str
) -> None:
    before = label_dump(project.path)
    events = event_states(project.path)

    ACTIONS[action](project, scene)

    assert project.conn.in_transaction is False
    # A second connection (read-only, plain sqlite3) sees the change.
    after = label_dump(project.path)
    assert after != before
    own_view = sorted(
        line for line in project.conn.iterdump() if not line.startswith('INSERT INTO "events"')
    )
    assert after == own_view
    # ... and exactly one new action in the log.
    new_events = event_states(project.path)[len(events) :]
    assert len(new_events) == 1
    assert new_events == [("ana", LABELS[action], "done")]


def test_an_action_that_changes_nothing_is_not_logged(project: Project, scene: Scene) -> None:
    events = event_states(project.path)
    before = label_dump(project.path)

    project.remove_alias(scene.kestria.id, "no such alias", "ana")
    project.unlink_claims(scene.claim.id, scene.free_claim.id, "ana")
    project.link_claims(scene.claim.id, scene.other_claim.id, "ana")  # already linked

    _assert_unchanged(project, before, len(events))


# -- actors ---------------------------------------------------------------------------------


def test_add_actor_with_aliases(project: Project) -> None:
    actor = project.add_actor("  China ", "ana", "state", (" Beijing", "the Chinese government"))

    assert actor == Actor(actor.id, "China", "state", ("Beijing", "the Chinese government"))
    assert str(uuid.UUID(actor.id)) == actor.id
    assert project.actor(actor.id) == actor
    assert _rows(project.path, "actors") == [
        {"id": actor.id, "name": "China", "name_key": "china", "type": "state", "created_by": "ana"}
    ]
    assert read_rows(project.path, "actor_aliases") == [
        {"actor_id": actor.id, "alias": "Beijing", "alias_key": "beijing", "position": 0},
        {
            "actor_id": actor.id,
            "alias": "the Chinese government",
            "alias_key": "the chinese government",
            "position": 1,
        },
    ]


@pytest.mark.parametrize(
    ("name", "type", "aliases", "message"),
    [
        ("  ", None, (), "an actor needs a name"),
        ("China", "country", (), "actor type 'country' is not in the schema (one of: state, "),
        ("China", None, ("Beijing", "beijing"), "actor 'China' lists 'beijing' twice"),
        ("China", None, ("CHINA",), "actor 'China' lists 'CHINA' twice"),
        ("China", None, ("Beijing", " "), "actor 'China' has an empty alias"),
    ],
)
def test_add_actor_refuses_bad_actors(
    project: Project, name: str, type: str | None, aliases: tuple[str, ...], message: str
) -> None:
    before = label_dump(project.path)
    with pytest.raises(ValidationError) as caught:
        project.add_actor(name, "ana", type, aliases)
    assert str(caught.value).startswith(message)
    _assert_unchanged(project, before, 0)


def test_update_actor_renames_and_keeps_creator_and_aliases(project: Project) -> None:
    actor = project.add_actor("China", "ana", "state", ("Beijing",))

    updated = project.update_actor(actor.id, "ben", name="PR China", type="government")

    assert updated == Actor(actor.id, "PR China", "government", ("Beijing",))
    assert project.actor(actor.id) == updated
    assert _rows(project.path, "actors") == [
        {
            "id": actor.id,
            "name": "PR China",
            "name_key": "pr china",
            "type": "government",
            "created_by": "ana",
        }
    ]
    assert project.find_actors("pr c") == [updated]
    assert project.find_actors("china") == []


def test_update_actor_refuses_unknown_actor_and_bad_type(project: Project) -> None:
    actor = project.add_actor("China", "ana", "state")
    before = label_dump(project.path)

    with pytest.raises(ValidationError, match=r"^no actor 'nope' in this project$"):
        project.update_actor("nope", "ana", name="X")
    with pytest.raises(ValidationError, match=r"^actor type 'nation' is not in the schema"):
        project.update_actor(actor.id, "ana", type="nation")
    with pytest.raises(ValidationError, match=r"^an actor needs a name$"):
        project.update_actor(actor.id, "ana", name=" ")

    _assert_unchanged(project, before, 1)


def test_add_and_remove_alias(project: Project) -> None:
    actor = project.add_actor("China", "ana", "state", ("Beijing",))

    added = project.add_alias(actor.id, " the PRC ", "ana")

    assert added == Actor(actor.id, "China", "state", ("Beijing", "the PRC"))
    assert project.actor(actor.id) == added
    project.remove_alias(actor.id, "Beijing", "ana")
    assert project.actor(actor.id) == Actor(actor.id, "China", "state", ("the PRC",))
    assert read_rows(project.path, "actor_aliases") == [
        {"actor_id": actor.id, "alias": "the PRC", "alias_key": "the prc", "position": 1}
    ]
    # Aliases added after a removal still come last.
    project.add_alias(actor.id, "Zhongguo", "ana")
    assert project.actor(actor.id) == Actor(actor.id, "China", "state", ("the PRC", "Zhongguo"))


def test_add_alias_refuses_duplicates_and_unknown_actors(project: Project) -> None:
    actor = project.add_actor("China", "ana", "state", ("Beijing",))
    before = label_dump(project.path)

    # What it repeats is said exactly (the CLI and imports skip such aliases instead).
    with pytest.raises(ValidationError) as caught:
        project.add_alias(actor.id, "BEIJING", "ana")
    assert str(caught.value) == (
        "actor 'China' lists 'BEIJING' twice: it repeats its alias 'Beijing'"
        " (names match ignoring case)"
    )
    with pytest.raises(ValidationError) as caught:
        project.add_alias(actor.id, " china", "ana")
    assert str(caught.value) == (
        "actor 'China' lists 'china' twice: it repeats its name 'China' (names match ignoring case)"
    )
    with pytest.raises(ValidationError, match=r"^actor 'China' has an empty alias$"):
        project.add_alias(actor.id, "  ", "ana")
    with pytest.raises(ValidationError, match=r"^no actor 'nope' in this project$"):
        project.add_alias("nope", "Beijing", "ana")

    _assert_unchanged(project, before, 1)


def test_a_name_or_alias_of_another_actor_is_refused(project: Project, scene: Scene) -> None:
    # Names are looked up ignoring case: a second "Norvania" would make the lookup ambiguous.
    before = label_dump(project.path)
    events = len(event_states(project.path))
    norvania, kestria = scene.norvania, scene.kestria
    refusals = [
        (lambda: project.add_actor(" NORVANIA ", "ana"), "'NORVANIA' is already the name"),
        (lambda: project.add_actor("velgrad", "ana"), "'velgrad' is already an alias"),
        (lambda: project.add_actor("Port", "ana", None, ("Velgrad",)), "'Velgrad' is already an"),
        (lambda: project.add_alias(kestria.id, " VELGRAD", "ana"), "'VELGRAD' is already an"),
        (lambda: project.add_alias(kestria.id, "norvania", "ana"), "'norvania' is already the"),
        (lambda: project.update_actor(kestria.id, "ana", name="Velgrad"), "'Velgrad' is already"),
    ]
    for action, start in refusals:
        with pytest.raises(ValidationError) as caught:
            action()
        assert str(caught.value).startswith(start)
        assert str(caught.value).endswith(f" of Norvania (actor {norvania.id})")
    _assert_unchanged(project, before, events)

    # Its own names are no clash: a rename to its alias, another case of its name.
    assert project.update_actor(norvania.id, "ana", name="NORVANIA").name == "NORVANIA"
    assert project.find_actors("velgrad") == [project.actor(norvania.id)]


def test_merge_actors_moves_labels_and_names(project: Project, scene: Scene) -> None:
    kestria = scene.kestria
    # Also an alias of Norvania (an older file; add_alias now refuses it): not repeated.
    with project.conn:
        project.conn.execute(
            "INSERT INTO actor_aliases (actor_id, alias, alias_key, position)"
            " VALUES (?, 'Velgrad', 'velgrad', 9)",
            (kestria.id,),
        )
    targeted = project.add_claim(
        "a2", "ben", 0, 21, claimant=kestria.id, addressee=kestria.id, target=kestria.id
    )
    kestria_mention = project.add_mention("a2", "ben", 13, 21, kestria.id)

    merged = project.merge_actors(scene.norvania.id, kestria.id, "ana")

    assert merged == Actor(
        scene.norvania.id,
        "Norvania",
        "state",
        ("Velgrad", "Kestria", "the Kestrian government"),
    )
    assert project.actor(scene.norvania.id) == merged
    assert project.actor(kestria.id) is None
    assert project.find_actors("kestria") == [merged]
    assert project.mention(scene.kestria_mention.id).actor == scene.norvania.id  # type: ignore[union-attr]
    assert project.mention(kestria_mention.id).actor == scene.norvania.id  # type: ignore[union-attr]
    claim = project.claim(targeted.id)
    assert claim == Claim(
        targeted.id,
        "a2",
        "ben",
        0,
        21,
        claimant=scene.norvania.id,
        addressee=scene.norvania.id,
        target=scene.norvania.id,
    )
    assert [r["id"] for r in read_rows(project.path, "actors")] == [scene.norvania.id]
    assert {r["actor_id"] for r in read_rows(project.path, "actor_aliases")} == {scene.norvania.id}
    assert project.actor_usage() == [(merged, 3, 3)]


def test_merge_actors_refuses_itself_and_unknown_actors(project: Project, scene: Scene) -> None:
    before = label_dump(project.path)
    events = len(event_states(project.path))

    with pytest.raises(ValidationError, match=r"^cannot merge an actor with itself$"):
        project.merge_actors(scene.kestria.id, scene.kestria.id, "ana")
    with pytest.raises(ValidationError, match=r"^no actor 'gone' in this project$"):
        project.merge_actors(scene.kestria.id, "gone", "ana")
    with pytest.raises(ValidationError, match=r"^no actor 'gone' in this project$"):
        project.merge_actors("gone", scene.kestria.id, "ana")

    _assert_unchanged(project, before, events)


# -- mentions -------------------------------------------------------------------------------


def test_add_update_delete_mention(project: Project, article_in: Article) -> None:
    actor = project.add_actor("Velgrad", "ana", "government")

    mention = project.add_mention("a1", "ana", 0, 7, actor.id)

    assert mention == Mention(mention.id, "a1", "ana", 0, 7, actor.id)
    assert project.mention(mention.id) == mention
    assert _rows(project.path, "mentions") == [
        {
            "id": mention.id,
            "article_id": "a1",
            "annotator": "ana",
            "start": 0,
            "end": 7,
            "actor_id": actor.id,
            "source_only": 0,
        }
    ]
    moved = project.update_mention(mention.id, start=31, end=39, actor=None)
    assert moved == Mention(mention.id, "a1", "ana", 31, 39, None)
    assert project.mention(mention.id) == moved
    project.delete_mention(mention.id)
    assert project.mention(mention.id) is None
    assert read_rows(project.path, "mentions") == []


def test_mention_spans_count_code_points(project: Project, article_in: Article) -> None:
    flag = article_in.text.index("🇪🇺")
    mention = project.add_mention("a1", "ana", flag, flag + 2)
    assert article_in.text[mention.start : mention.end] == "🇪🇺"
    end = project.add_mention("a1", "ana", 0, len(article_in.text))
    assert project.labels("a1", "ana").mentions == (end, mention)


def test_delete_mention_clears_the_claims_source(project: Project, scene: Scene) -> None:
    project.delete_mention(scene.velgrad_mention.id)

    claim = project.claim(scene.claim.id)
    assert claim is not None
    assert claim.attribution == Attribution(
        attribution_type="indirect", source_mention=None, source_text="Velgrad", cue=Span(8, 12)
    )
    assert claim == Claim(**{**_fields(scene.claim), "attribution": claim.attribution})


def _fields(claim: Claim) -> dict[str, Any]:
    return {name: getattr(claim, name) for name in Claim.__dataclass_fields__}


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (-1, 7, "mention -1..7 is out of range (the text has 78 characters)"),
        (70, 79, "mention 70..79 is out of range (the text has 78 characters)"),
        (7, 7, "mention 7..7 is empty or reversed"),
        (9, 3, "mention 9..3 is empty or reversed"),
        ("0", 7, "mention offsets must be whole numbers, got '0'..7"),
        (0, 7.0, "mention offsets must be whole numbers, got 0..7.0"),
        (True, 7, "mention offsets must be whole numbers, got True..7"),
    ],
)
def test_add_mention_refuses_bad_spans(
    project: Project, article_in: Article, start: Any, end: Any, message: str
) -> None:
    before = label_dump(project.path)
    with pytest.raises(ValidationError) as caught:
        project.add_mention("a1", "ana", start, end)
    assert str(caught.value) == message
    _assert_unchanged(project, before, 0)


def test_mention_refuses_unknown_actor_and_article(project: Project, article_in: Article) -> None:
    mention = project.add_mention("a1", "ana", 0, 7)
    before = label_dump(project.path)

    with pytest.raises(ValidationError) as caught:
        project.add_mention("a1", "ana", 0, 7, "ghost")
    assert str(caught.value) == "the mention refers to an actor that does not exist (ghost)"
    with pytest.raises(ValidationError, match=r"^the mention refers to an actor that does not"):
        project.update_mention(mention.id, actor="ghost")
    with pytest.raises(ValidationError, match=r"^no article 'zz' in this project$"):
        project.add_mention("zz", "ana", 0, 7)
    with pytest.raises(ValidationError, match=r"^mention 0..99 is out of range"):
        project.update_mention(mention.id, end=99)

    _assert_unchanged(project, before, 1)


def test_changing_a_deleted_label_says_it_is_gone(project: Project, scene: Scene) -> None:
    project.delete_claim(scene.free_claim.id)
    project.delete_mention(scene.kestria_mention.id)
    before = label_dump(project.path)

    for change in (
        lambda: project.update_claim(scene.free_claim.id, note="x"),
        lambda: project.update_attribution(scene.free_claim.id, attribution_type="direct"),
        lambda: project.delete_claim(scene.free_claim.id),
        lambda: project.update_mention(scene.kestria_mention.id, end=30),
        lambda: project.delete_mention(scene.kestria_mention.id),
        lambda: project.link_claims(scene.claim.id, scene.free_claim.id, "ana"),
    ):
        with pytest.raises(ValidationError, match=r"^that label no longer exists$"):
            change()

    assert label_dump(project.path) == before


# -- claims ---------------------------------------------------------------------------------


def test_add_claim_with_attribution_and_cue(project: Project, article_in: Article) -> None:
    velgrad = project.add_actor("Velgrad", "ana", "government")
    norvania = project.add_actor("Norvania", "ana", "state")
    source = project.add_mention("a1", "ana", 0, 7, velgrad.id)
    attribution = Attribution(
        attribution_type="indirect",
        source_mention=source.id,
        source_text="Velgrad",
        source_kind="named",
        cue=Span(8, 12),
    )

    claim = project.add_claim(
        "a1",
        "ana",
        26,
        61,
        claimant=velgrad.id,
        target=norvania.id,
        stance="support",
        category="prediction",
        certainty="asserted",
        checkworthy="checkworthy",
        attribution=attribution,
        note="port",
    )

    assert project.claim(claim.id) == claim
    assert claim.attribution == attribution
    assert _rows(project.path, "claims") == [
        {
            "id": claim.id,
            "article_id": "a1",
            "annotator": "ana",
            "start": 26,
            "end": 61,
            "claimant": velgrad.id,
            "addressee": None,
            "target": norvania.id,
            "stance": "support",
            "category": "prediction",
            "certainty": "asserted",
            "checkworthy": "checkworthy",
            "attribution_type": "indirect",
            "attr_source_mention": source.id,
            "attr_source_text": "Velgrad",
            "attr_source_kind": "named",
            "cue_start": 8,
            "cue_end": 12,
            "note": "port",
            "extra": None,
            "segments": None,
        }
    ]


def test_update_claim_and_attribution(project: Project, scene: Scene) -> None:
    updated = project.update_claim(scene.claim.id, stance="oppose", certainty="hedged", note="n")
    assert updated == Claim(
        **{**_fields(scene.claim), "stance": "oppose", "certainty": "hedged", "note": "n"}
    )
    assert project.claim(scene.claim.id) == updated

    attributed = project.update_attribution(
        scene.claim.id, attribution_type="direct", source_kind="named"
    )

    assert attributed.attribution == Attribution(
        attribution_type="direct",
        source_mention=scene.velgrad_mention.id,
        source_text="Velgrad",
        source_kind="named",
        cue=Span(8, 12),
    )
    assert attributed == Claim(**{**_fields(updated), "attribution": attributed.attribution})
    assert project.claim(scene.claim.id) == attributed
    cleared = project.update_attribution(scene.claim.id, cue=None, source_mention=None)
    assert project.claim(scene.claim.id) == cleared
    assert cleared.attribution.cue is None
    row = read_rows(project.path, "claims")[0]
    assert (row["cue_start"], row["cue_end"], row["attr_source_mention"]) == (None, None, None)


def test_delete_claim_removes_its_links(project: Project, scene: Scene) -> None:
    project.link_claims(scene.free_claim.id, scene.claim.id, "ana")
    assert len(read_rows(project.path, "claim_links")) == 2

    project.delete_claim(scene.claim.id)

    assert project.claim(scene.claim.id) is None
    assert read_rows(project.path, "claim_links") == []
    assert [r["id"] for r in read_rows(project.path, "claims")] == [
        scene.other_claim.id,
        scene.free_claim.id,
    ]
    assert project.labels("a2", "ana").links == {}


def test_link_and_unlink_claims(project: Project, scene: Scene) -> None:
    link = project.link_claims(scene.free_claim.id, scene.claim.id, "ben")

    assert link == ClaimLink(*sorted((scene.free_claim.id, scene.claim.id)), "ben")
    assert {
        (r["claim_a"], r["claim_b"], r["annotator"]) for r in read_rows(project.path, "claim_links")
    } == {
        (*sorted((scene.claim.id, scene.other_claim.id)), "ana"),
        (link.claim_a, link.claim_b, "ben"),
    }
    assert project.labels("a1", "ana").links == {
        scene.claim.id: tuple(sorted((scene.other_claim.id, scene.free_claim.id)))
    }

    project.unlink_claims(scene.claim.id, scene.free_claim.id, "ben")

    assert project.labels("a1", "ana").links == {scene.claim.id: (scene.other_claim.id,)}


def test_link_claims_in_the_same_article_is_refused(project: Project, scene: Scene) -> None:
    before = label_dump(project.path)
    with pytest.raises(ValidationError) as caught:
        project.link_claims(scene.other_claim.id, scene.free_claim.id, "ana")
    assert str(caught.value) == "linked claims must be in two different articles"
    assert label_dump(project.path) == before


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"stance": "maybe"}, f"stance 'maybe' is not in the schema (one of: {STANCES})"),
        ({"stance": "Support"}, f"stance 'Support' is not in the schema (one of: {STANCES})"),
        ({"stance": 1}, f"stance 1 is not in the schema (one of: {STANCES})"),
        ({"category": "rumour"}, "category 'rumour' is not in the schema (one of: assertion, "),
        ({"certainty": "sure"}, "certainty 'sure' is not in the schema (one of: asserted, "),
        ({"checkworthy": "yes"}, "checkworthy 'yes' is not in the schema (one of: checkworthy, "),
        (
            {"attribution": Attribution(attribution_type="quote")},
            "attribution type 'quote' is not in the schema (one of: direct, indirect, ",
        ),
        (
            {"attribution": Attribution(source_kind="anon")},
            "source kind 'anon' is not in the schema (one of: named, unnamed, ",
        ),
        (
            {"attribution": Attribution(cue=Span(70, 80))},
            "cue 70..80 is out of range (the text has 78 characters)",
        ),
        ({"attribution": Attribution(cue=Span(9, 9))}, "cue 9..9 is empty or reversed"),
        ({"extra": {"urgency": "high"}}, "extra field 'urgency' is not in the schema"),
        ({"claimant": "ghost"}, "the claim's claimant refers to an actor that does not exist"),
        ({"addressee": "ghost"}, "the claim's addressee refers to an actor that does not exist"),
        ({"target": "ghost"}, "the claim's target refers to an actor that does not exist"),
        (
            {"attribution": Attribution(source_mention="ghost")},
            "the attribution's source must be a mention in the same article",
        ),
    ],
)
def test_add_claim_refuses_bad_fields(
    project: Project, article_in: Article, fields: dict[str, Any], message: str
) -> None:
    before = label_dump(project.path)
    with pytest.raises(ValidationError) as caught:
        project.add_claim("a1", "ana", 0, 7, **fields)
    assert str(caught.value).startswith(message)
    _assert_unchanged(project, before, 0)


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (0, 79, "claim 0..79 is out of range (the text has 78 characters)"),
        (-2, 5, "claim -2..5 is out of range (the text has 78 characters)"),
        (5, 4, "claim 5..4 is empty or reversed"),
        (None, 4, "claim offsets must be whole numbers, got None..4"),
    ],
)
def test_add_claim_refuses_bad_spans(
    project: Project, article_in: Article, start: Any, end: Any, message: str
) -> None:
    before = label_dump(project.path)
    with pytest.raises(ValidationError) as caught:
        project.add_claim("a1", "ana", start, end)
    assert str(caught.value) == message
    _assert_unchanged(project, before, 0)


def test_claim_source_must_be_in_the_same_article(project: Project, scene: Scene) -> None:
    before = label_dump(project.path)
    with pytest.raises(ValidationError, match=r"^the attribution's source must be a mention in"):
        project.update_attribution(scene.other_claim.id, source_mention=scene.velgrad_mention.id)
    with pytest.raises(ValidationError, match=r"^no article 'zz' in this project$"):
        project.add_claim("zz", "ana", 0, 4)
    assert label_dump(project.path) == before


# -- status ---------------------------------------------------------------------------------


def test_set_status_and_keep_comment(project: Project, article_in: Article) -> None:
    assert project.status("a1", "ana") == Status("a1", "ana", "todo", "")

    first = project.set_status("a1", "ana", "in_progress", "two claims left")
    assert first == Status("a1", "ana", "in_progress", "two claims left")
    kept = project.set_status("a1", "ana", "done")
    assert kept == Status("a1", "ana", "done", "two claims left")
    assert project.status("a1", "ana") == kept
    cleared = project.set_status("a1", "ana", "skipped", "")
    assert cleared == Status("a1", "ana", "skipped", "")
    assert _rows(project.path, "statuses") == [
        {"article_id": "a1", "annotator": "ana", "status": "skipped", "comment": ""}
    ]
    assert project.status("a1", "ben") == Status("a1", "ben")


def test_set_status_refuses_unknown_status_and_article(
    project: Project, article_in: Article
) -> None:
    before = label_dump(project.path)
    with pytest.raises(ValidationError) as caught:
        project.set_status("a1", "ana", "finished")
    assert str(caught.value) == "status 'finished' is not one of todo, in_progress, done, skipped"
    with pytest.raises(ValidationError, match=r"^no article 'zz' in this project$"):
        project.set_status("zz", "ana", "done")
    _assert_unchanged(project, before, 0)


def test_labels_are_kept_per_annotator(project: Project, article_in: Article) -> None:
    ana = project.add_claim("a1", "ana", 0, 7)
    ben = project.add_claim("a1", "ben", 0, 7)
    project.set_status("a1", "ben", "done")

    assert project.labels("a1", "ana") == ArticleLabels(
        "a1", "ana", Status("a1", "ana"), (), (ana,), {}
    )
    assert project.labels("a1", "ben") == ArticleLabels(
        "a1", "ben", Status("a1", "ben", "done"), (), (ben,), {}
    )


def test_labels_survive_closing_and_opening(project_path: Path) -> None:
    with Project.create(project_path) as project:
        scene = build_scene(project)
        labels = project.labels("a1", "ana")
    with Project.open(project_path) as reopened:
        assert reopened.labels("a1", "ana") == labels
        assert reopened.actor(scene.norvania.id) == scene.norvania


def test_a_constraint_failure_names_the_action_and_saves_nothing(
    project: Project, scene: Scene
) -> None:
    # Validation runs before the write, so force the failure with a trigger.
    before = label_dump(project.path)
    project.conn.execute(
        "CREATE TEMP TRIGGER boom BEFORE INSERT ON claims BEGIN "
        "SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed'); END"
    )
    with pytest.raises(ProjectError) as caught:
        project.add_claim("a1", "ana", 0, 7)
    assert str(caught.value).startswith(
        "could not save add claim: it refers to a label or actor that no longer exists"
    )
    assert label_dump(project.path) == before


def test_total_changes_grows_with_every_write_and_only_then(
    project: Project, article_in: Article
) -> None:
    """What the app's backup timer compares (`BackupScheduler.changed`)."""
    opened = project.total_changes
    project.labels("a1", "ana")
    project.article_count()
    assert project.total_changes == opened  # reads write nothing
    claim = project.add_claim("a1", "ana", 0, 7)
    marked = project.total_changes
    assert marked > opened
    project.update_claim(claim.id, stance="support")
    assert project.total_changes > marked
    before_undo = project.total_changes
    project.undo("ana")
    assert project.total_changes > before_undo
