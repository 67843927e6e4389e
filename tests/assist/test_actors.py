"""Actor mentions from the registry, and new actors from a spaCy pipeline's entities."""

from __future__ import annotations

import pytest

from annotator.assist.actors import ActorMentions, AssistError, EntityActors
from annotator.assist.suggestion import MENTION, SuggestContext
from annotator.core.model import Actor, Article, ArticleLabels, Mention, Status
from annotator.core.schema import default_schema

ACTORS = (
    Actor("norvania", "Norvania", "state", ("the Norvanian government", "Velgrad")),
    Actor("faucher", "Rene\u0301e Faucher", "official"),
    Actor("observers", "observers", "unnamed_group"),
    Actor("turkey", "Turkey", "state"),
)
TEXT = (
    "🇪🇺 Observers said Norvania's navy and the Norvanian government's envoy met "
    "Renée Faucher in Velgrad; Velgradians cheered. A turkey was served. NORVANIA? "
    "Velgrad-based observers agreed."
)


def words(found: list) -> list[tuple[str, str | None]]:
    return [(TEXT[s.span.start : s.span.end], s.mentions[0].actor) for s in found]


def test_every_registry_name_and_alias_is_a_mention_suggestion() -> None:
    found = ActorMentions().suggest(Article("a1", TEXT), SuggestContext(actors=ACTORS))
    assert all(s.kind == MENTION and s.recommender == "actors" for s in found)
    assert words(found) == [
        ("Observers", "observers"),  # a capitalised first letter: sentence start
        ("Norvania", "norvania"),  # before a possessive
        ("the Norvanian government", "norvania"),  # the longest name wins
        ("Renée Faucher", "faucher"),  # composed in the text, decomposed in the registry
        ("Velgrad", "norvania"),  # not "Velgradians", not "Velgrad-based"
        ("observers", "observers"),
    ]
    assert [s.score for s in found][:2] == [0.8, 0.9]  # case differs: a little less sure
    start = TEXT.index("Norvania's")
    assert found[1].span.start == start  # code points after the flag emoji


def test_labelled_mentions_are_not_proposed_again() -> None:
    start = TEXT.index("Velgrad;")
    labels = ArticleLabels(
        "a1",
        "ana",
        Status("a1", "ana"),
        mentions=(Mention("m1", "a1", "ana", start, start + 7, "norvania"),),
    )
    context = SuggestContext(actors=ACTORS, labels=labels)
    found = ActorMentions().suggest(Article("a1", TEXT), context)
    assert "Velgrad" not in [w for w, _ in words(found)]
    assert ActorMentions().suggest(Article("a1", TEXT), SuggestContext()) == []


def test_new_actors_from_a_blank_spacy_pipeline_with_an_entity_ruler() -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "PERSON", "pattern": "Łukasz Wróbel"},
            {"label": "ORG", "pattern": "Skarre Port Authority"},
            {"label": "GPE", "pattern": "Norvania"},
            {"label": "DATE", "pattern": "Friday"},
        ]
    )
    text = (
        "On Friday 🌊 Łukasz Wróbel of the Skarre Port Authority met Norvania. Łukasz Wróbel left."
    )
    context = SuggestContext(actors=ACTORS, schema=default_schema())
    found = EntityActors(nlp).suggest(Article("a1", text), context)
    got = [(text[s.span.start : s.span.end], s.actor.type if s.actor else None) for s in found]
    assert got == [("Łukasz Wróbel", "person"), ("Skarre Port Authority", "other")]
    accepted = found[0].accepted("ana")
    assert accepted.actor is not None and accepted.actor.name == "Łukasz Wróbel"
    assert accepted.mentions[0].actor == accepted.actor.id


def test_a_pipeline_that_is_not_installed_says_so() -> None:
    pytest.importorskip("spacy")
    with pytest.raises(AssistError, match="not installed"):
        EntityActors.from_pipeline("xx_no_such_pipeline_sm")
