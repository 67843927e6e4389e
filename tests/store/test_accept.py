"""Tests of `Project.accept_label` (annotator/store/adjudication.py): copying labels into gold."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.core.errors import ValidationError
from annotator.core.model import GOLD, Attribution, Claim, Mention
from annotator.core.spans import Span
from annotator.store.project import Project
from tests.store.helpers import Scene, build_scene, event_states, label_dump


@pytest.fixture
def scene(project: Project) -> Scene:
    """The shared `Scene` by "ana": a claim in a1 citing a mention, linked to a claim in a2."""
    return build_scene(project)


def _gold(project: Project, article_id: str) -> tuple[list[Claim], list[Mention]]:
    labels = project.labels(article_id, GOLD)
    return list(labels.claims), list(labels.mentions)


def _as(label: Claim | Mention, new_id: str, **changes: object) -> Claim | Mention:
    """``label`` as gold would hold it under ``new_id``."""
    return dataclasses.replace(label, id=new_id, annotator=GOLD, **changes)


# -- what is copied -----------------------------------------------------------------------------


def test_accept_claim_copies_it_and_its_source_mention(project: Project, scene: Scene) -> None:
    new = project.accept_label(scene.claim.id, "lead")

    claims, mentions = _gold(project, "a1")
    assert len(mentions) == 1
    source = mentions[0]
    assert source == _as(scene.velgrad_mention, source.id)
    assert source.id != scene.velgrad_mention.id
    attribution = dataclasses.replace(scene.claim.attribution, source_mention=source.id)
    assert claims == [_as(scene.claim, new, attribution=attribution)]
    assert new != scene.claim.id
    assert project.claim(scene.claim.id) == scene.claim  # ana's own claim is untouched
    assert event_states(project.path)[-1] == ("lead", "Accept claim", "done")


def test_accept_claim_cites_the_gold_mention_of_the_same_span(
    project: Project, scene: Scene
) -> None:
    gold_source = project.accept_label(scene.velgrad_mention.id, "lead")
    project.update_mention(gold_source, actor=scene.kestria.id)  # gold settled it otherwise

    new = project.accept_label(scene.claim.id, "lead")

    claims, mentions = _gold(project, "a1")
    assert [m.id for m in mentions] == [gold_source]
    assert mentions[0].actor == scene.kestria.id
    assert claims[0].id == new
    assert claims[0].attribution.source_mention == gold_source
    assert claims[0].attribution.source_text == "Velgrad"


def test_accept_claim_without_source(project: Project, scene: Scene) -> None:
    new = project.accept_label(scene.free_claim.id, "lead")

    claims, mentions = _gold(project, "a2")
    assert claims == [_as(scene.free_claim, new)]
    assert mentions == []


def test_accept_mention(project: Project, scene: Scene) -> None:
    new = project.accept_label(scene.kestria_mention.id, "lead")

    assert _gold(project, "a1") == ([], [_as(scene.kestria_mention, new)])
    assert event_states(project.path)[-1] == ("lead", "Accept mention", "done")


def test_links_are_made_only_between_gold_claims(project: Project, scene: Scene) -> None:
    first = project.accept_label(scene.claim.id, "lead")
    assert project.labels("a1", GOLD).links == {}  # the other end is not in gold yet

    second = project.accept_label(scene.other_claim.id, "lead")

    assert project.labels("a1", GOLD).links == {first: (second,)}
    assert project.labels("a2", GOLD).links == {second: (first,)}
    assert project.labels("a1", "ana").links == {scene.claim.id: (scene.other_claim.id,)}


# -- replacing ----------------------------------------------------------------------------------


def test_accept_another_version_replaces_the_gold_one(project: Project, scene: Scene) -> None:
    ben = project.add_claim("a1", "ben", 26, 61, stance="oppose", category="demand")
    left = project.accept_label(scene.claim.id, "lead")
    other = project.accept_label(scene.other_claim.id, "lead")

    right = project.accept_label(ben.id, "lead", replacing=[left])

    claims, _ = _gold(project, "a1")
    assert claims == [_as(ben, right)]
    assert project.claim(left) is None
    assert project.labels("a1", GOLD).links == {right: (other,)}  # the link moved along
    assert project.labels("a2", GOLD).links == {other: (right,)}


def test_replacing_a_gold_mention_repoints_gold_claims(project: Project, scene: Scene) -> None:
    ben = project.add_mention("a1", "ben", 0, 12, scene.norvania.id)  # "Velgrad said"
    claim = project.accept_label(scene.claim.id, "lead")
    old_source = project.labels("a1", GOLD).mentions[0].id

    new = project.accept_label(ben.id, "lead", replacing=[old_source])

    claims, mentions = _gold(project, "a1")
    assert mentions == [_as(ben, new)]
    assert claims[0].id == claim
    assert claims[0].attribution.source_mention == new
    assert claims[0].attribution.source_text == "Velgrad said"


def test_replacing_a_gold_mention_by_a_claim_keeps_the_source_words(
    project: Project, scene: Scene
) -> None:
    claim = project.accept_label(scene.claim.id, "lead")
    source = project.labels("a1", GOLD).mentions[0].id
    ben = project.add_claim("a1", "ben", 0, 12)

    project.accept_label(ben.id, "lead", replacing=[source])

    claims, mentions = _gold(project, "a1")
    assert mentions == []
    kept = next(c for c in claims if c.id == claim)
    assert kept.attribution.source_mention is None
    assert kept.attribution.source_text == "Velgrad"


@pytest.mark.parametrize(
    "replace",
    [
        lambda s, gold_a2: [s.claim.id],  # not gold
        lambda s, gold_a2: [gold_a2],  # gold, but of another article
        lambda s, gold_a2: ["no-such-label"],
    ],
    ids=["not gold", "other article", "unknown"],
)
def test_replacing_anything_but_gold_labels_of_the_article_is_refused(
    project: Project, scene: Scene, replace: Callable[[Scene, str], list[str]]
) -> None:
    gold_a2 = project.accept_label(scene.free_claim.id, "lead")
    before, events = label_dump(project.path), len(event_states(project.path))

    with pytest.raises(ValidationError, match="can only replace gold labels of article 'a1'"):
        project.accept_label(scene.kestria_mention.id, "lead", replacing=replace(scene, gold_a2))

    assert label_dump(project.path) == before
    assert len(event_states(project.path)) == events
    assert project.conn.in_transaction is False


def test_accepting_a_gold_label_or_nothing_is_refused(project: Project, scene: Scene) -> None:
    new = project.accept_label(scene.free_claim.id, "lead")
    before = label_dump(project.path)

    with pytest.raises(ValidationError, match="already in gold"):
        project.accept_label(new, "lead")
    with pytest.raises(ValidationError, match="no longer exists"):
        project.accept_label("no-such-label", "lead")

    assert label_dump(project.path) == before


# -- undo ---------------------------------------------------------------------------------------


Prepare = Callable[[Project, Scene], Callable[[], str]]


def _accept_claim(project: Project, scene: Scene) -> Callable[[], str]:
    return lambda: project.accept_label(scene.claim.id, "lead")


def _accept_mention(project: Project, scene: Scene) -> Callable[[], str]:
    return lambda: project.accept_label(scene.kestria_mention.id, "lead")


def _replace_linked_claim(project: Project, scene: Scene) -> Callable[[], str]:
    """Gold holds ana's claim (linked, citing a gold mention); ben's claim is to replace it."""
    ben = project.add_claim(
        "a1",
        "ben",
        26,
        61,
        stance="oppose",
        attribution=Attribution(attribution_type="direct", cue=Span(8, 12)),
    )
    project.set_claim_source(ben.id, Span(0, 12), scene.kestria.id)  # a source gold lacks
    left = project.accept_label(scene.claim.id, "lead")
    project.accept_label(scene.other_claim.id, "lead")
    return lambda: project.accept_label(ben.id, "lead", replacing=[left])


@pytest.mark.parametrize(
    "prepare",
    [_accept_claim, _accept_mention, _replace_linked_claim],
    ids=["claim with source", "mention", "replacing a linked claim"],
)
def test_undo_and_redo_accept(project: Project, scene: Scene, prepare: Prepare) -> None:
    accept = prepare(project, scene)
    before = label_dump(project.path)

    accept()

    after = label_dump(project.path)
    assert after != before
    assert event_states(project.path)[-1][::2] == ("lead", "done")

    assert project.undo("lead") is not None
    assert label_dump(project.path) == before
    assert event_states(project.path)[-1][::2] == ("lead", "undone")
    assert project.conn.in_transaction is False

    assert project.redo("lead") is not None
    assert label_dump(project.path) == after  # the very rows, timestamps included
    assert event_states(project.path)[-1][::2] == ("lead", "done")

    assert project.undo("lead") is not None
    assert label_dump(project.path) == before


def test_undo_of_replacing_restores_the_replaced_gold_claim_and_link(
    project: Project, scene: Scene
) -> None:
    ben = project.add_claim("a1", "ben", 26, 61, stance="oppose")
    left = project.accept_label(scene.claim.id, "lead")
    other = project.accept_label(scene.other_claim.id, "lead")
    before = label_dump(project.path)

    right = project.accept_label(ben.id, "lead", replacing=[left])
    assert project.claim(left) is None
    project.undo("lead")

    assert label_dump(project.path) == before
    assert project.labels("a1", GOLD).links == {left: (other,)}
    assert project.claim(right) is None


def test_undo_accept_after_reopening(project_path: Path) -> None:
    with Project.create(project_path) as project:
        scene = build_scene(project)
        before = label_dump(project_path)
        project.accept_label(scene.claim.id, "lead")
        after = label_dump(project_path)

    with Project.open(project_path) as project:
        undone = project.undo("lead")
        assert undone is not None and undone.label == "Accept claim"
        assert label_dump(project_path) == before
    with Project.open(project_path) as project:
        assert project.redo("lead") is not None
        assert label_dump(project_path) == after
