"""Suggestions in the project file: stored, offered, accepted with provenance, rejected, undone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.assist.patterns import AttributionPatterns
from annotator.assist.suggestion import (
    SuggestContext,
    Suggestion,
    claim_suggestion,
    fields_suggestion,
    link_suggestion,
    mention_suggestion,
)
from annotator.core.errors import ProjectError, ValidationError
from annotator.core.model import Article, Attribution
from annotator.store.changes import (
    ACCEPTED,
    OFFERED,
    REJECTED,
    AssistSettingChange,
    ClaimChange,
    SuggestionChange,
    domain_changes,
)
from annotator.store.project import Project
from annotator.store.suggestion_rows import suggestion_from_row, suggestion_labels
from tests.helpers import dump, span_in

TEXT = (
    "Norvania's foreign minister José Núñez said on Friday that the harbour would reopen 🌊. "
    "Observers note that talks stalled."
)
OTHER = "Officials said the harbour would reopen within weeks."
RULES = ("patterns", "1")


@pytest.fixture
def project(project_path: Path) -> Iterator[Project]:
    with Project.create(project_path) as opened:
        opened.add_articles(
            [Article("a1", TEXT, story="s"), Article("a2", OTHER, story="s"), Article("a3", TEXT)]
        )
        yield opened


def words(needle: str, text: str = TEXT, nth: int = 0) -> tuple[int, int]:
    return tuple(span_in(text, needle, nth))  # type: ignore[return-value]


def named_claim(project: Project, actor_id: str | None = None, article: str = "a1") -> Suggestion:
    return claim_suggestion(
        RULES,
        Article(article, TEXT),
        span_in(TEXT, "the harbour would reopen 🌊"),
        0.9,
        attribution=Attribution("indirect", source_kind="named", cue=span_in(TEXT, "said")),
        source=span_in(TEXT, "José Núñez"),
        source_actor=actor_id,
        fields={"category": "prediction"},
        note="cue 'said'",
    )


def content(project: Project) -> list[str]:
    return [line for line in dump(project.path) if not line.startswith('INSERT INTO "events"')]


def test_a_suggestion_is_stored_as_json_and_read_back_whole(project: Project) -> None:
    actor = project.add_actor("José Núñez", "ana", "person")
    made = [  # in text order
        mention_suggestion(("actors", "2"), "a1", span_in(TEXT, "Norvania"), None, 0.5,
                           new_actor=("Norvania", "state")),
        named_claim(project, actor.id),
    ]  # fmt: skip
    assert project.replace_suggestions("ana", ["a1"], made) == 2
    assert project.stored_suggestions("a1", "ana") == made
    assert project.offered_suggestions("a1", "ana") == made
    assert project.offered_suggestions("a1", "bo") == []  # computed for ana only
    row = {"key": "k", "kind": "claim", "recommender": "r", "version": "v", "score": 0.5,
           "article_id": "a1", "note": "", "labels": __import__("orjson").dumps(
               suggestion_labels(made[1]))}  # fmt: skip
    assert suggestion_from_row(row).claim == made[1].claim
    assert project.offered_counts("ana") == {"a1": 2}


def test_suggestions_are_never_labels(project: Project) -> None:
    project.replace_suggestions("ana", ["a1"], [named_claim(project)])
    labels = project.labels("a1", "ana")
    assert labels.claims == () and labels.mentions == ()
    assert project.labels_for(["a1"]) == {}


def test_computing_again_replaces_the_articles_suggestions_of_those_recommenders(
    project: Project,
) -> None:
    claim = named_claim(project)
    mention = mention_suggestion(("actors", "1"), "a1", span_in(TEXT, "Norvania"), None, 0.5)
    project.replace_suggestions("ana", ["a1"], [claim, mention])
    project.replace_suggestions("ana", ["a1"], [], recommenders=["actors"])
    assert project.stored_suggestions("a1", "ana") == [claim]
    project.replace_suggestions("ana", ["a1"], [])
    assert project.stored_suggestions("a1", "ana") == []


def test_accepting_a_claim_makes_claim_source_mention_and_provenance_in_one_step(
    project: Project,
) -> None:
    actor = project.add_actor("José Núñez", "ana", "person")
    suggestion = named_claim(project, actor.id)
    project.replace_suggestions("ana", ["a1"], [suggestion])
    before = content(project)

    (done,) = project.accept_suggestions([suggestion.key], "ana")

    claim = done.created.claim
    assert claim is not None and project.claim(claim.id) == claim
    assert (claim.annotator, claim.span, claim.claimant, claim.category) == (
        "ana", span_in(TEXT, "the harbour would reopen 🌊"), actor.id, "prediction"
    )  # fmt: skip
    assert claim.attribution.cue == span_in(TEXT, "said")
    (source,) = done.created.mentions
    assert claim.attribution.source_mention == source.id and source.source_only
    assert project.mention(source.id) == source
    assert done.missing == ("stance", "certainty", "checkworthy")
    prov = project.provenance([claim.id, source.id])
    assert {p.label for entries in prov.values() for p in entries} == {"claim", "mention"}
    (first,) = prov[claim.id]
    assert (first.key, first.recommender, first.version, first.score, first.accepted_by) == (
        suggestion.key, "patterns", "1", 0.9, "ana"
    )  # fmt: skip
    assert project.offered_suggestions("a1", "ana") == []
    assert project.accepted_keys("ana") == {suggestion.key}

    event = project.events.history("ana", 1)[0]
    assert event.label == "Accept suggestion"
    changes = domain_changes(project, event)
    assert SuggestionChange(suggestion.key, "ana", "a1", OFFERED, ACCEPTED) in changes
    assert any(isinstance(c, ClaimChange) for c in changes)

    assert project.undo("ana") == event  # one step takes it all back
    assert content(project) == before
    assert project.offered_suggestions("a1", "ana") == [suggestion]
    assert SuggestionChange(suggestion.key, "ana", "a1", ACCEPTED, OFFERED) in domain_changes(
        project, event, undone=True
    )
    project.redo("ana")
    assert project.claim(claim.id) == claim


def test_accepting_reuses_a_mention_at_the_same_span_and_a_known_actor(project: Project) -> None:
    mention = project.add_mention("a1", "ana", *words("José Núñez"))
    suggestion = named_claim(project)
    new_actor = mention_suggestion(
        ("entities", "1"), "a1", span_in(TEXT, "Norvania"), None, 0.4, new_actor=("Norvania", None)
    )
    project.replace_suggestions("ana", ["a1"], [suggestion, new_actor])
    known = project.add_actor("Norvania", "ana", "state")

    done = project.accept_suggestions([suggestion.key, new_actor.key], "ana")

    assert done[0].created.claim is not None
    assert done[0].created.claim.attribution.source_mention == mention.id
    assert len(project.labels("a1", "ana").mentions) == 2
    assert done[1].created.actor == known
    assert done[1].created.mentions[0].actor == known.id
    assert [e.label for e in project.events.history("ana", 1)] == ["Accept suggestion"]


def test_accepting_a_new_actor_adds_it_and_undo_removes_it(project: Project) -> None:
    s = mention_suggestion(
        ("entities", "1"),
        "a1",
        span_in(TEXT, "Norvania"),
        None,
        0.4,
        new_actor=("Norvania", "state"),
    )
    project.replace_suggestions("ana", ["a1"], [s])
    (done,) = project.accept_suggestions([s.key], "ana")
    assert done.created.actor is not None and project.actors_named("Norvania") == [
        done.created.actor
    ]
    assert project.provenance([done.created.actor.id])[done.created.actor.id][0].label == "actor"
    project.undo("ana")
    assert project.actors_named("Norvania") == []


def test_a_rejection_is_remembered_across_computations_and_undone(project: Project) -> None:
    suggestion = named_claim(project)
    project.replace_suggestions("ana", ["a1"], [suggestion])
    before = content(project)
    rejected = project.reject_suggestion(suggestion.key, "ana")
    assert rejected == suggestion
    assert project.offered_suggestions("a1", "ana") == []
    assert project.rejected_keys("ana") == {suggestion.key}
    project.replace_suggestions("ana", ["a1"], [suggestion])  # computed again
    assert project.offered_suggestions("a1", "ana") == []
    assert project.offered_suggestions("a1", "bo") == []  # not bo's either: never computed
    project.replace_suggestions("bo", ["a1"], [suggestion])
    assert project.offered_suggestions("a1", "bo") == [suggestion]  # bo did not reject it
    event = project.events.history("ana", 1)[0]
    assert domain_changes(project, event) == (
        SuggestionChange(suggestion.key, "ana", "a1", OFFERED, REJECTED),
    )
    with pytest.raises(ValidationError, match="no longer offered"):
        project.reject_suggestion(suggestion.key, "ana")
    with pytest.raises(ValidationError, match="no longer offered"):
        project.accept_suggestions([suggestion.key], "ana")
    project.undo("ana")
    assert project.offered_suggestions("a1", "ana") == [suggestion]
    project.replace_suggestions("bo", ["a1"], [])
    assert content(project) == before


def test_a_label_of_the_annotator_covers_a_suggestion(project: Project) -> None:
    suggestion = named_claim(project)
    mention = mention_suggestion(("actors", "1"), "a1", span_in(TEXT, "José Núñez"), None, 0.5)
    project.replace_suggestions("ana", ["a1"], [suggestion, mention])
    project.replace_suggestions("bo", ["a1"], [suggestion, mention])
    project.add_claim("a1", "ana", *words("harbour would"))
    project.add_mention("a1", "ana", *words("Núñez"))
    assert project.offered_suggestions("a1", "ana") == []
    assert project.offered_suggestions("a1", "bo") == [mention, suggestion]  # hers, not his


def test_accept_all_is_one_step_and_skips_what_an_earlier_one_covers(project: Project) -> None:
    claim = named_claim(project)
    source = mention_suggestion(("actors", "1"), "a1", span_in(TEXT, "José Núñez"), None, 0.5)
    other = mention_suggestion(("actors", "1"), "a1", span_in(TEXT, "Norvania"), None, 0.5)
    inside = claim_suggestion(RULES, Article("a1", TEXT), span_in(TEXT, "harbour would"), 0.3)
    project.replace_suggestions("ana", ["a1"], [claim, source, other, inside])
    done = project.accept_suggestions(project.offered_keys("a1", "ana"), "ana")
    # In text order; the claim takes the mention made before it as its source, and
    # the claim inside it is covered by then.
    assert [d.suggestion.key for d in done] == [other.key, source.key, claim.key]
    made = done[2].created.claim
    assert made is not None and made.attribution.source_mention == done[1].created.mentions[0].id
    assert len(project.labels("a1", "ana").mentions) == 2
    assert len(project.events.history("ana")) == 1
    assert project.offered_suggestions("a1", "ana") == []


def test_fields_and_link_suggestions(project: Project) -> None:
    first = project.add_claim("a1", "ana", *words("the harbour would reopen"), stance="support")
    second = project.add_claim("a2", "ana", *words("the harbour would reopen", OTHER))
    fields = fields_suggestion(
        ("learned", "nb-1"), first, {"stance": "oppose", "certainty": "hedged"}, 0.7
    )
    link = link_suggestion(("links", "1"), "a1", first.id, second.id, 0.8)
    project.replace_suggestions("ana", ["a1"], [fields, link])
    assert project.offered_suggestions("a1", "ana") == [link, fields]  # no span: best first
    done = project.accept_suggestions([fields.key, link.key], "ana")
    updated = project.claim(first.id)
    assert updated is not None and (updated.stance, updated.certainty) == ("support", "hedged")
    assert done[0].created.claim == updated
    assert project.labels("a1", "ana").links == {first.id: (second.id,)}
    provenance = project.provenance([first.id])[first.id]
    assert [p.label for p in provenance] == ["fields"]
    project.undo("ana")
    assert project.claim(first.id) == first and project.labels("a1", "ana").links == {}
    project.delete_claim(second.id)
    assert project.offered_suggestions("a1", "ana") == [fields]  # the link's claim is gone


def test_values_the_schema_lacks_are_left_open(project: Project) -> None:
    s = claim_suggestion(
        RULES, Article("a1", TEXT), span_in(TEXT, "talks stalled"), 0.5,
        fields={"stance": "ambivalent", "category": "assertion"},
    )  # fmt: skip
    project.replace_suggestions("ana", ["a1"], [s])
    (done,) = project.accept_suggestions([s.key], "ana")
    assert done.created.claim is not None
    assert (done.created.claim.stance, done.created.claim.category) == (None, "assertion")


def test_an_actor_deleted_since_refuses_the_accept_and_changes_nothing(project: Project) -> None:
    actor = project.add_actor("José Núñez", "ana", "person")
    other = project.add_actor("Núñez", "ana", "person")
    suggestion = named_claim(project, other.id)
    project.replace_suggestions("ana", ["a1"], [suggestion])
    project.merge_actors(actor.id, other.id, "ana")
    before = content(project)
    with pytest.raises(ValidationError, match="actor that does not exist"):
        project.accept_suggestions([suggestion.key], "ana")
    assert content(project) == before


def test_settings_lexicon_and_learned_model(project: Project) -> None:
    assert project.recommender_settings() == {}
    project.set_recommender_enabled("learned", False, "lead")
    assert project.recommender_settings() == {"learned": False}
    (change,) = domain_changes(project, project.events.history("lead", 1)[0])
    assert change == AssistSettingChange("learned")
    project.undo("lead")
    assert project.recommender_settings() == {}
    project.set_lexicon("en", '[[verbs]]\nforms = ["quipped"]\n', "lead")
    assert project.lexicon_text("en") == '[[verbs]]\nforms = ["quipped"]\n'
    assert project.lexicon_languages() == ["en"]
    project.set_lexicon("en", "", "lead")
    assert project.lexicon_text("en") is None
    assert project.learned_model() is None
    saved = project.save_learned_model("learned", "nb-1", b"\x00\x01model", "ana", 5, 40)
    assert project.learned_model() == saved and saved.model == b"\x00\x01model"
    assert project.events.history("lead", 5)[0].label.startswith("Edit cue lexicon")


def test_a_read_only_project_refuses_to_store_suggestions(project: Project) -> None:
    path = project.path
    project.close()
    with Project.open(path, read_only=True) as reader:
        with pytest.raises(ProjectError, match="read-only"):
            reader.replace_suggestions("ana", ["a1"], [])
        with pytest.raises(ProjectError, match="read-only"):
            reader.save_learned_model("learned", "v", b"", None, 0, 0)


def test_real_pattern_suggestions_round_trip_and_accept(project: Project) -> None:
    actor = project.add_actor("José Núñez", "ana", "person", aliases=("Núñez",))
    context = SuggestContext(actors=project.all_actors(), schema=project.schema)
    article = project.article("a1")
    assert article is not None
    found = AttributionPatterns().suggest(article, context)
    assert found
    project.replace_suggestions("ana", ["a1"], found)
    assert project.stored_suggestions("a1", "ana") == sorted(
        found, key=lambda s: (s.span.start if s.span else 1 << 62, -s.score, s.key)
    )
    done = project.accept_suggestions(project.offered_keys("a1", "ana"), "ana")
    claims = project.labels("a1", "ana").claims
    assert len(claims) == len(done) >= 1
    assert any(c.claimant == actor.id for c in claims)


# -- which articles are computed ------------------------------------------------------------

NOW = {"patterns": "1", "actors": "1"}


def test_an_article_computed_with_nothing_found_is_recorded_as_computed(project: Project) -> None:
    project.replace_suggestions("ana", ["a1", "a2"], [named_claim(project)], None, NOW)
    assert project.computed_article_ids("ana", NOW) == {"a1", "a2"}
    assert project.suggestion_article_ids("ana") == {"a1"}  # a2: nothing found, still computed
    assert project.is_computed("a2", "ana", NOW) and not project.is_computed("a3", "ana", NOW)
    assert project.computed_article_ids("bo", NOW) == set()  # per annotator
    assert project.computed_article_ids("ana", {"patterns": "1"}) == {"a1", "a2"}
    assert project.computed_article_ids("ana", {**NOW, "patterns": "2"}) == set()  # a new version
    assert project.computed_article_ids("ana", {**NOW, "links": "1"}) == set()  # one switched on
    assert project.computed_article_ids("ana", {}) == {"a1", "a2", "a3"}  # none runs: nothing to do
    # computed again by one recommender: its run is renewed, the other's stays
    project.replace_suggestions("ana", ["a2"], [], ["patterns"], {"patterns": "2"})
    assert project.computed_article_ids("ana", {"patterns": "2", "actors": "1"}) == {"a2"}
    project.clear_suggestions("ana")
    assert project.computed_article_ids("ana", {"patterns": "1"}) == set()


def test_an_action_in_an_article_and_its_undo_make_it_computed_again(project: Project) -> None:
    project.replace_suggestions("ana", ["a1", "a2"], [], None, NOW)
    project.replace_suggestions("bo", ["a1"], [], None, NOW)
    project.add_claim("a1", "ana", *words("talks stalled"))
    assert project.computed_article_ids("ana", NOW) == {"a2"}  # ana's labels in a1 changed
    assert project.computed_article_ids("bo", NOW) == {"a1"}  # bo's did not
    project.replace_suggestions("ana", ["a1"], [], None, NOW)
    project.undo("ana")
    assert project.computed_article_ids("ana", NOW) == {"a2"}
    project.replace_suggestions("ana", ["a1"], [], None, NOW)
    project.redo("ana")
    assert project.computed_article_ids("ana", NOW) == {"a2"}
    project.set_recommender_enabled("links", False, "ana")  # no one article: nothing forgotten
    assert project.computed_article_ids("ana", NOW) == {"a2"}
