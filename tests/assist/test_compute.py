"""Computing a project's suggestions: the engine for one article, a whole run, retraining."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.assist.compute import (
    SuggestionEngine,
    article_suggestions,
    chosen_recommenders,
    compute_suggestions,
    needs_training,
)
from annotator.assist.patterns import VERSION as PATTERNS
from annotator.assist.recommenders import suggest
from annotator.core.errors import ValidationError
from annotator.core.model import Article
from annotator.store.project import Project
from tests.assist.gold import DATA
from tests.helpers import run, span_in

TEXT = "Norvania's foreign minister José Núñez said on Friday that the harbour would reopen."


@pytest.fixture
def gold(tmp_path: Path) -> Iterator[Project]:
    path = tmp_path / "gold.claims"
    run("init", path)
    run("import", path, DATA)
    with Project.open(path) as project:
        yield project


@pytest.fixture
def small(project: Project) -> Project:
    project.add_articles([Article(f"a{i}", TEXT, language="en") for i in range(5)])
    project.add_actor("José Núñez", "lead", "official")
    project.add_actor("Norvania", "lead", "state")
    return project


def test_recommenders_switched_on_and_named(small: Project) -> None:
    assert chosen_recommenders(small) == ["patterns", "actors", "learned", "links"]
    small.set_recommender_enabled("actors", False, "lead")
    small.set_recommender_enabled("entities", True, "lead")
    assert chosen_recommenders(small) == ["patterns", "learned", "links", "entities"]
    assert chosen_recommenders(small, ["links", "patterns"]) == ["patterns", "links"]
    with pytest.raises(ValidationError, match="no recommender named 'magic'"):
        chosen_recommenders(small, ["magic"])


def test_the_engine_offers_an_article_its_suggestions(small: Project) -> None:
    engine = SuggestionEngine.open(small, "ana")
    article = small.article("a0")
    assert article is not None
    context = engine.context(article)
    assert context.lexicon is not None and context.lexicon.language == "en"
    assert {a.name for a in context.actors} == {"José Núñez", "Norvania"}
    found = engine.suggest(article)
    kinds = sorted(s.kind for s in found)
    assert kinds == ["claim", "mention"]
    (claim,) = [s for s in found if s.kind == "claim"]
    assert claim.claim is not None and claim.claim.claimant is not None
    (mention,) = [s for s in found if s.kind == "mention"]
    assert mention.span == span_in(TEXT, "Norvania")  # not the claim's source: see below


def test_a_claim_whose_source_is_a_known_actor_is_not_offered_with_its_mention_again(
    small: Project,
) -> None:
    """Accepting the claim makes the source's mention: the actors recommender's one is left out."""
    engine = SuggestionEngine.open(small, "ana")
    article = small.article("a0")
    assert article is not None
    source = span_in(TEXT, "José Núñez")
    every = suggest(article, engine.context(article), engine.recommenders)
    assert [s.kind for s in every if s.span == source] == ["mention"]  # what the actors find
    (claim,) = [s for s in every if s.kind == "claim"]
    assert [(m.span, m.actor) for m in claim.mentions] == [
        (source, every[[s.span for s in every].index(source)].mentions[0].actor)
    ]
    offered = engine.suggest(article)
    assert source not in [s.span for s in offered]
    # once the claim is rejected, the name is offered as a mention of its own
    compute_suggestions(small, "ana", ["a0"])
    small.reject_suggestion(claim.key, "ana")
    again = SuggestionEngine.open(small, "ana").suggest(article)
    assert [(s.kind, s.span) for s in again] == [
        ("mention", span_in(TEXT, "Norvania")),
        ("mention", source),
    ]
    # the store's accept makes the source's mention of the actor
    compute_suggestions(small, "ana", ["a1"])
    (claim_key,) = [s.key for s in small.offered_suggestions("a1", "ana") if s.kind == "claim"]
    (done,) = small.accept_suggestions([claim_key], "ana")
    assert [(m.span, m.actor) for m in done.created.mentions] == [
        (source, small.actors_named("José Núñez")[0].id)
    ]


def test_a_run_stores_skips_what_is_rejected_or_labelled_and_reports_progress(
    small: Project,
) -> None:
    seen: list[tuple[int, int]] = []
    report = compute_suggestions(small, "ana", progress=lambda d, t: seen.append((d, t)), batch=2)
    assert seen == [(2, 5), (4, 5), (5, 5)]
    assert (report.articles, report.suggestions) == (5, 10)
    assert report.by_recommender == {"patterns": 5, "actors": 5}
    claim_key = next(s.key for s in small.offered_suggestions("a0", "ana") if s.kind == "claim")
    small.reject_suggestion(claim_key, "ana")
    small.add_mention("a1", "ana", *span_in(TEXT, "Norvania"))
    report = compute_suggestions(small, "ana")
    assert report.suggestions == 9
    assert [s.kind for s in small.stored_suggestions("a0", "ana", include_closed=True)] == [
        "mention",
        "mention",
    ]
    assert [s.kind for s in small.offered_suggestions("a1", "ana")] == ["claim"]


def test_a_run_can_be_stopped_after_a_batch(small: Project) -> None:
    report = compute_suggestions(small, "ana", progress=lambda d, t: False, batch=2)
    assert report.cancelled and report.articles == 2
    assert set(small.offered_counts("ana")) == {"a0", "a1"}


def test_a_reader_computes_and_a_sink_stores(small: Project, tmp_path: Path) -> None:
    """As a worker thread does: its own read-only project, batches handed to the writer."""
    with Project.open(small.path, read_only=True) as reader:
        compute_suggestions(reader, "ana", ["a3"], ["patterns"], sink=small)
    assert list(small.offered_counts("ana")) == ["a3"]


def test_the_learned_model_is_trained_when_labels_grow(gold: Project) -> None:
    assert needs_training(gold, None)
    report = compute_suggestions(gold, "ana", ["ferry-01"])
    assert report.trained is not None and report.trained.ready
    record = gold.learned_model()
    assert record is not None and record.claims == gold.training_size()[1]
    assert not needs_training(gold, record)
    assert compute_suggestions(gold, "ana", ["ferry-01"]).trained is None
    compute_suggestions(gold, "ana")
    stored = gold.iter_stored_suggestions("ana")
    assert any(s.recommender == "learned" or "from learned" in s.note for s in stored)


def test_the_app_does_not_train_on_more_claims_than_its_limit(gold: Project) -> None:
    _, claims = gold.training_size()
    assert needs_training(gold, None, most_claims=claims)
    assert not needs_training(gold, None, most_claims=claims - 1)


def test_too_few_labels_train_nothing(small: Project) -> None:
    assert not needs_training(small, None)
    assert compute_suggestions(small, "ana").trained is None
    assert small.learned_model() is None


def test_an_article_opened_before_the_corpus_is_computed_gets_its_suggestions(
    small: Project,
) -> None:
    engine = SuggestionEngine.open(small, "ana")
    assert not small.has_suggestions("a2", "ana")
    offered = article_suggestions(engine, "a2")
    assert len(offered) == 2 and small.has_suggestions("a2", "ana")
    assert small.is_computed("a2", "ana", engine.versions)
    small.reject_suggestion(offered[0].key, "ana")
    assert article_suggestions(engine, "a2") == offered[1:]  # read, not computed again
    assert small.offered_counts("ana") == {"a2": 1}
    with pytest.raises(ValidationError, match="no article 'nope'"):
        article_suggestions(engine, "nope")


def test_an_article_where_nothing_is_found_is_computed_once(small: Project) -> None:
    """Recorded as computed with no suggestion: opening it again reads, it does not compute."""
    small.add_articles([Article("quiet", "The harbour was quiet on Friday.", language="en")])
    engine = SuggestionEngine.open(small, "ana")
    assert not small.is_computed("quiet", "ana", engine.versions)
    assert article_suggestions(engine, "quiet") == []
    assert small.is_computed("quiet", "ana", engine.versions)
    assert "quiet" in small.computed_article_ids("ana", engine.versions)
    assert "quiet" not in small.suggestion_article_ids("ana")  # nothing stored but the run
    # A new actor named in it: a computation would find it, reading does not compute.
    small.add_actor("Friday", "lead", "other")
    later = SuggestionEngine.open(small, "ana")
    assert later.versions == engine.versions
    assert article_suggestions(later, "quiet") == []
    # Computed again on request, it finds the name.
    compute_suggestions(small, "ana", ["quiet"])
    assert [s.kind for s in small.offered_suggestions("quiet", "ana")] == ["mention"]


def test_runs_are_recorded_per_recommender_version_and_lexicon(small: Project) -> None:
    engine = SuggestionEngine.open(small, "ana")
    assert PATTERNS == "2"  # split quotations as segments (issue 18)
    assert engine.versions == {"patterns": PATTERNS, "actors": "1", "links": "1"}
    compute_suggestions(small, "ana")
    assert small.computed_article_ids("ana", engine.versions) == {f"a{i}" for i in range(5)}
    # the project's cue lexicon edited: the patterns' runs are stale
    small.set_lexicon("en", '[cues]\nverbs = ["whispered"]\n', "lead")
    edited = SuggestionEngine.open(small, "ana").versions
    assert edited["patterns"].startswith(f"{PATTERNS}+lexicon-") and edited["actors"] == "1"
    assert small.computed_article_ids("ana", edited) == set()
    # a recommender switched off: what the others computed still counts; one switched on: not
    small.set_lexicon("en", None, "lead")
    small.set_recommender_enabled("actors", False, "lead")
    assert SuggestionEngine.open(small, "ana").versions == {"patterns": PATTERNS, "links": "1"}
    assert small.computed_article_ids("ana", {"patterns": PATTERNS, "links": "1"}) == {
        f"a{i}" for i in range(5)
    }
    assert small.computed_article_ids("ana", {**engine.versions, "learned": "nb-1"}) == set()
