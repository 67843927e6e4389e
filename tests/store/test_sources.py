"""Tests of the source rules (store/label_edits.py): sources mean what the annotator meant.

A named source is a mention of an actor (the claimant by default); an unnamed,
document or author source is words without a mention. A mention made only as a
source (S) goes with it; one marked with M stays. Each rule runs inside the one
action that triggers it, so one undo takes all of it back.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from annotator.core.model import Article, Attribution, Mention
from annotator.core.schema import default_schema, load_schema
from annotator.core.spans import Span
from annotator.store.project import Project
from tests.helpers import span_in
from tests.store.helpers import event_states, label_dump, read_rows

TEXT = (
    "Dagny Holm told the harbour board that the ferry levy would double by May, "
    "though diplomatic circles doubt it and recent reports say otherwise."
)


def at(words: str) -> Span:
    """The span of the first ``words`` in `TEXT`."""
    return span_in(TEXT, words)


@dataclass
class Board:
    """An article with one claim of "ana" on it."""

    project: Project
    claim: str

    def source_of(self, claim_id: str | None = None) -> Mention | None:
        """The mention the claim cites as its source, if any."""
        claim = self.project.claim(claim_id or self.claim)
        assert claim is not None
        return self.project.mention(claim.attribution.source_mention or "")

    def mentions(self) -> list[tuple[str, str | None, int]]:
        """Every mention in the file: its words, actor and ``source_only`` column."""
        return [
            (TEXT[r["start"] : r["end"]], r["actor_id"], r["source_only"])
            for r in read_rows(self.project.path, "mentions", "start")
        ]


@pytest.fixture
def board(project: Project) -> Board:
    """The article `TEXT` with one claim, no source yet."""
    project.add_articles([Article(id="f1", text=TEXT, title="Ferry levy")])
    claim = project.add_claim("f1", "ana", *at("the ferry levy would double by May"))
    return Board(project, claim.id)


def assert_one_undo_step(project: Project, before: list[str], after: list[str]) -> None:
    """The last action is one step: undo gives back ``before``, redo ``after``."""
    assert label_dump(project.path) == after
    project.undo("ana")
    assert label_dump(project.path) == before
    project.redo("ana")
    assert label_dump(project.path) == after


# -- 1. the claimant names the source ---------------------------------------------------------


def test_setting_the_claimant_gives_the_source_mention_without_actor_that_actor(
    board: Board,
) -> None:
    project = board.project
    project.set_claim_source(board.claim, at("Dagny Holm"), None)  # S: no actor has that name
    assert board.mentions() == [("Dagny Holm", None, 1)]
    holm = project.add_actor("Dagny Holm", "ana", "person")
    before = label_dump(project.path)

    saved = project.update_claim(board.claim, claimant=holm.id)

    assert saved.claimant == holm.id
    assert board.mentions() == [("Dagny Holm", holm.id, 1)]
    assert project.claim(board.claim) == saved
    assert event_states(project.path)[-1] == ("ana", "Edit claim", "done")
    assert_one_undo_step(project, before, label_dump(project.path))


def test_a_new_claimant_leaves_a_source_mention_with_an_actor_alone(board: Board) -> None:
    project = board.project
    holm = project.add_actor("Dagny Holm", "ana", "person")
    board_actor = project.add_actor("Harbour board", "ana", "government")
    project.set_claim_source(board.claim, at("Dagny Holm"), holm.id)

    project.update_claim(board.claim, claimant=board_actor.id)

    assert board.mentions() == [("Dagny Holm", holm.id, 1)]


# -- 2. a source-only mention goes with its source --------------------------------------------


def test_replacing_the_source_deletes_the_mention_made_only_as_source(board: Board) -> None:
    project = board.project
    project.set_claim_source(board.claim, at("Dagny Holm"), None)
    before = label_dump(project.path)

    project.set_claim_source(board.claim, at("the harbour board"), None)

    assert board.mentions() == [("the harbour board", None, 1)]
    assert board.source_of() == project.labels("f1", "ana").mentions[0]
    assert_one_undo_step(project, before, label_dump(project.path))


def test_replacing_the_source_keeps_a_mention_marked_with_m(board: Board) -> None:
    project = board.project
    marked = project.add_mention("f1", "ana", *at("Dagny Holm"))  # M
    project.set_claim_source(board.claim, at("Dagny Holm"), None)  # S reuses it
    assert board.source_of() == marked

    project.set_claim_source(board.claim, at("the harbour board"), None)

    assert board.mentions() == [("Dagny Holm", None, 0), ("the harbour board", None, 1)]


def test_replacing_the_source_keeps_a_mention_another_claim_cites(board: Board) -> None:
    project = board.project
    other = project.add_claim("f1", "ana", *at("recent reports say otherwise"))
    project.set_claim_source(board.claim, at("Dagny Holm"), None)
    project.set_claim_source(other.id, at("Dagny Holm"), None)  # the same mention
    assert board.source_of() == board.source_of(other.id)

    project.set_claim_source(board.claim, at("the harbour board"), None)

    assert board.mentions() == [("Dagny Holm", None, 1), ("the harbour board", None, 1)]
    assert board.source_of(other.id) is not None


def test_setting_the_same_source_again_keeps_it(board: Board) -> None:
    project = board.project
    first = project.set_claim_source(board.claim, at("Dagny Holm"), None)

    again = project.set_claim_source(board.claim, at("Dagny Holm"), None)

    assert again == first
    assert board.mentions() == [("Dagny Holm", None, 1)]


def test_marking_a_source_as_a_mention_reuses_it(board: Board) -> None:
    project = board.project
    project.set_claim_source(board.claim, at("Dagny Holm"), None)
    source = board.source_of()
    assert source is not None and source.source_only
    holm = project.add_actor("Dagny Holm", "ana", "person")
    before = label_dump(project.path)

    marked = project.add_mention("f1", "ana", *at("Dagny Holm"), holm.id)  # M

    assert marked == Mention(source.id, "f1", "ana", *at("Dagny Holm"), holm.id, False)
    assert board.mentions() == [("Dagny Holm", holm.id, 0)]
    assert_one_undo_step(project, before, label_dump(project.path))
    # Marked, it stays when the source moves on.
    project.set_claim_source(board.claim, at("the harbour board"), None)
    assert ("Dagny Holm", holm.id, 0) in board.mentions()


def test_marking_a_mention_twice_keeps_one(board: Board) -> None:
    project = board.project
    holm = project.add_actor("Dagny Holm", "ana", "person")
    first = project.add_mention("f1", "ana", *at("Dagny Holm"), holm.id)
    events = len(event_states(project.path))

    again = project.add_mention("f1", "ana", *at("Dagny Holm"))  # no actor given: keeps Holm

    assert again == first
    assert board.mentions() == [("Dagny Holm", holm.id, 0)]
    assert len(event_states(project.path)) == events  # nothing changed, nothing logged
    assert project.add_mention("f1", "ben", *at("Dagny Holm")).id != first.id  # ben's own


def test_deleting_a_claim_deletes_its_source_only_source(board: Board) -> None:
    project = board.project
    project.set_claim_source(board.claim, at("Dagny Holm"), None)
    before = label_dump(project.path)

    project.delete_claim(board.claim)

    assert read_rows(project.path, "claims") == []
    assert board.mentions() == []
    assert_one_undo_step(project, before, label_dump(project.path))


def test_deleting_a_claim_keeps_a_source_another_claim_cites_or_a_marked_one(
    board: Board,
) -> None:
    project = board.project
    other = project.add_claim("f1", "ana", *at("recent reports say otherwise"))
    third = project.add_claim("f1", "ana", *at("diplomatic circles doubt it"))
    project.set_claim_source(board.claim, at("Dagny Holm"), None)
    project.set_claim_source(other.id, at("Dagny Holm"), None)
    project.add_mention("f1", "ana", *at("the harbour board"))  # M
    project.set_claim_source(third.id, at("the harbour board"), None)

    project.delete_claim(board.claim)
    project.delete_claim(third.id)

    assert board.mentions() == [("Dagny Holm", None, 1), ("the harbour board", None, 0)]


# -- 3. unnamed, document and author sources are words ------------------------------------------


@pytest.mark.parametrize("kind", ["unnamed", "document", "author"])
def test_a_kind_other_than_named_turns_a_source_without_actor_into_words(
    board: Board, kind: str
) -> None:
    project = board.project
    project.set_claim_source(board.claim, at("diplomatic circles"), None)
    before = label_dump(project.path)

    saved = project.update_attribution(board.claim, source_kind=kind)

    assert saved.attribution == Attribution(
        source_mention=None, source_text="diplomatic circles", source_kind=kind
    )
    assert project.claim(board.claim) == saved
    assert board.mentions() == []  # no orphan left for exports
    assert_one_undo_step(project, before, label_dump(project.path))


def test_words_of_an_unnamed_source_keep_a_mention_marked_with_m(board: Board) -> None:
    project = board.project
    project.add_mention("f1", "ana", *at("diplomatic circles"))  # M, no actor
    project.set_claim_source(board.claim, at("diplomatic circles"), None)

    saved = project.update_attribution(board.claim, source_kind="unnamed")

    assert (saved.attribution.source_mention, saved.attribution.source_text) == (
        None,
        "diplomatic circles",
    )
    assert board.mentions() == [("diplomatic circles", None, 0)]


def test_an_unnamed_kind_leaves_a_source_with_an_actor_as_it_is(board: Board) -> None:
    project = board.project
    holm = project.add_actor("Dagny Holm", "ana", "person")
    project.set_claim_source(board.claim, at("Dagny Holm"), holm.id)

    saved = project.update_attribution(board.claim, source_kind="unnamed")

    assert saved.attribution.source_mention is not None
    assert board.mentions() == [("Dagny Holm", holm.id, 1)]


def test_a_source_of_an_unnamed_kind_stays_words(board: Board) -> None:
    project = board.project
    project.update_attribution(board.claim, source_kind="document")
    project.set_claim_source(board.claim, at("Dagny Holm"), None)
    before = label_dump(project.path)

    saved = project.set_claim_source(board.claim, at("recent reports"), None)

    assert saved.attribution == Attribution(
        source_mention=None, source_text="recent reports", source_kind="document"
    )
    assert board.mentions() == []
    assert_one_undo_step(project, before, label_dump(project.path))


def test_a_known_actor_as_source_is_named_and_the_claimant(board: Board) -> None:
    project = board.project
    holm = project.add_actor("Dagny Holm", "ana", "person")

    saved = project.set_claim_source(board.claim, at("Dagny Holm"), holm.id)

    assert saved.claimant == holm.id
    assert saved.attribution.source_kind == "named"
    assert board.mentions() == [("Dagny Holm", holm.id, 1)]
    other = project.add_claim("f1", "ana", *at("recent reports say otherwise"))
    project.update_attribution(other.id, source_kind="author")
    kept = project.set_claim_source(other.id, at("Dagny Holm"), holm.id)
    assert kept.attribution.source_kind == "author"  # a kind already chosen is kept


# -- replacing a source: the kind and the claimant follow the new one -------------------------


def test_a_known_actor_replacing_an_unnamed_source_makes_it_named(board: Board) -> None:
    project = board.project
    project.set_claim_source(board.claim, at("diplomatic circles"), None)
    project.update_attribution(board.claim, source_kind="unnamed")  # U: words, no mention
    holm = project.add_actor("Dagny Holm", "ana", "person")
    saved = project.set_claim_source(board.claim, at("Dagny Holm"), holm.id)
    assert (saved.attribution.source_kind, saved.claimant) == ("named", holm.id)
    assert board.mentions() == [("Dagny Holm", holm.id, 1)]


def test_unknown_words_replacing_a_named_source_open_the_kind_again(board: Board) -> None:
    project = board.project
    holm = project.add_actor("Dagny Holm", "ana", "person")
    project.set_claim_source(board.claim, at("Dagny Holm"), holm.id)
    before = label_dump(project.path)
    saved = project.set_claim_source(board.claim, at("diplomatic circles"), None)
    # the claimant came from the old source and goes with it; the kind is asked again
    assert (saved.attribution.source_kind, saved.claimant) == (None, None)
    assert board.mentions() == [("diplomatic circles", None, 1)]  # the old one was source-only
    assert_one_undo_step(project, before, label_dump(project.path))


def test_a_claimant_chosen_by_hand_stays_and_does_not_name_unknown_source_words(
    board: Board,
) -> None:
    project = board.project
    ministry = project.add_actor("Ferry ministry", "ana", "government")
    project.update_claim(board.claim, claimant=ministry.id)
    project.set_claim_source(board.claim, at("diplomatic circles"), None)
    assert board.mentions() == [("diplomatic circles", None, 1)]  # not a mention of the ministry
    saved = project.update_attribution(board.claim, source_kind="unnamed")
    assert (saved.claimant, saved.attribution.source_text) == (ministry.id, "diplomatic circles")
    assert board.mentions() == []


def test_named_kind_with_the_claimant_already_set_names_the_source(board: Board) -> None:
    """N pressed after S when the claimant is already the source's actor: no actor-less mention."""
    project = board.project
    holm = project.add_actor("Dagny Holm", "ana", "person")
    project.update_claim(board.claim, claimant=holm.id)
    project.set_claim_source(board.claim, at("Dagny Holm"), None)
    saved = project.update_attribution(board.claim, source_kind="named")
    assert saved.claimant == holm.id
    assert board.mentions() == [("Dagny Holm", holm.id, 1)]


def test_a_schema_without_a_named_kind_still_takes_known_sources(tmp_path) -> None:  # type: ignore[no-untyped-def]
    lines = default_schema().source.splitlines()
    custom = load_schema("\n".join(line for line in lines if 'id = "named"' not in line))
    assert not custom.allows("source_kind", "named")
    with Project.create(tmp_path / "custom.claims", custom) as project:
        project.add_articles([Article(id="f1", text=TEXT, title="Ferry levy")])
        claim = project.add_claim("f1", "ana", *at("the ferry levy would double by May"))
        holm = project.add_actor("Dagny Holm", "ana", "person")
        saved = project.set_claim_source(claim.id, at("Dagny Holm"), holm.id)
        assert (saved.claimant, saved.attribution.source_kind) == (holm.id, None)
        assert project.mention(saved.attribution.source_mention or "") is not None
