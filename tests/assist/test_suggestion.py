"""The suggestion type: stable keys, accepted labels, what a suggestion leaves open."""

from __future__ import annotations

import dataclasses

import pytest

from annotator.assist.suggestion import (
    CLAIM,
    FIELDS,
    LINK,
    MENTION,
    SuggestContext,
    Suggestion,
    claim_suggestion,
    fields_suggestion,
    in_text_order,
    link_suggestion,
    mention_suggestion,
    what_is_missing,
)
from annotator.core.model import Article, Attribution, Claim
from annotator.core.schema import default_schema
from annotator.core.spans import Span

TEXT = "“Ports stay open 🌊,” said Zoë Lindqvist. Observers note that talks stalled."
ARTICLE = Article("a1", TEXT)
RULES = ("patterns", "1")


def span_of(needle: str) -> Span:
    start = TEXT.index(needle)
    return Span(start, start + len(needle))


def named_claim(score: float = 0.9, recommender: tuple[str, str] = RULES) -> Suggestion:
    return claim_suggestion(
        recommender,
        ARTICLE,
        span_of("Ports stay open 🌊"),
        score,
        attribution=Attribution("direct", source_kind="named", cue=span_of("said")),
        source=span_of("Zoë Lindqvist"),
        source_actor="lindqvist",
        fields={"category": "assertion"},
        note="cue 'said'",
    )


def test_a_named_claim_comes_with_its_source_mention_and_claimant() -> None:
    s = named_claim()
    assert s.kind == CLAIM and s.span == span_of("Ports stay open 🌊")
    assert s.claim is not None and s.claim.annotator == ""
    assert s.claim.claimant == "lindqvist"  # the named source's actor
    assert s.claim.category == "assertion"
    (source,) = s.mentions
    assert (source.start, source.end, source.actor, source.source_only) == (
        *span_of("Zoë Lindqvist"),
        "lindqvist",
        True,
    )
    assert s.claim.attribution.source_mention == source.id
    assert s.claim.attribution.source_text == "Zoë Lindqvist"


def test_an_unnamed_source_is_words_without_a_mention() -> None:
    s = claim_suggestion(
        RULES,
        ARTICLE,
        span_of("talks stalled"),
        0.7,
        attribution=Attribution("indirect", source_kind="unnamed", cue=span_of("note")),
        source=span_of("Observers"),
    )
    assert s.mentions == () and s.source == span_of("Observers")
    assert s.claim is not None
    assert s.claim.attribution.source_mention is None
    assert s.claim.attribution.source_text == "Observers"
    assert s.claim.claimant is None


def test_keys_are_stable_and_ignore_score_version_and_field_values() -> None:
    one = named_claim(0.9, ("patterns", "1"))
    again = named_claim(0.4, ("patterns", "2"))
    assert one.key == again.key and len(one.key) == 32
    other_fields = dataclasses.replace(one, claim=dataclasses.replace(one.claim, stance="oppose"))  # type: ignore[arg-type]
    assert other_fields.key == one.key
    moved = claim_suggestion(RULES, ARTICLE, span_of("Ports stay open"), 0.9)
    assert moved.key != one.key
    other_recommender = named_claim(0.9, ("learned", "1"))
    assert other_recommender.key != one.key
    assert (
        mention_suggestion(RULES, "a1", Span(0, 3), "x", 0.5).key
        != mention_suggestion(RULES, "a1", Span(0, 3), "y", 0.5).key
    )


def test_accepting_gives_fresh_ids_and_the_annotator_and_keeps_the_source_wired() -> None:
    counter = iter(range(100))
    accepted = named_claim().accepted("ana", make_id=lambda: f"id{next(counter)}")
    assert accepted.claim is not None and accepted.claim.annotator == "ana"
    (mention,) = accepted.mentions
    assert mention.annotator == "ana" and mention.id == "id0"
    assert accepted.claim.id == "id1"
    assert accepted.claim.attribution.source_mention == "id0"
    assert accepted.link is None


def test_fields_and_link_suggestions() -> None:
    labelled = Claim("c1", "a1", "ana", 0, 5, stance=None)
    s = fields_suggestion(("learned", "3"), labelled, {"stance": "oppose"}, 0.6)
    assert s.kind == FIELDS and s.claim is not None and s.claim.stance == "oppose"
    accepted = s.accepted("ben")
    assert accepted.claim is not None and accepted.claim.id == "c1"  # the claim it sets values on
    link = link_suggestion(("links", "1"), "a1", "zz", "aa", 0.8)
    assert link.kind == LINK and link.link == ("aa", "zz")
    assert link.key == link_suggestion(("links", "1"), "a2", "aa", "zz", 0.3).key
    made = link.accepted("ana").link
    assert made is not None and (made.claim_a, made.claim_b, made.annotator) == ("aa", "zz", "ana")


def test_scores_and_kinds_are_checked() -> None:
    with pytest.raises(ValueError, match=r"within 0\.\.1"):
        named_claim(1.5)
    with pytest.raises(ValueError, match="kind"):
        Suggestion("k", "label", "r", "1", 0.5, "a1")


def test_what_is_missing_leaves_only_what_the_suggestion_does_not_know() -> None:
    schema = default_schema()
    assert what_is_missing(named_claim(), schema) == ("stance", "certainty", "checkworthy")
    bare = claim_suggestion(RULES, ARTICLE, span_of("talks stalled"), 0.5)
    assert what_is_missing(bare, schema) == (
        "claimant", "stance", "attribution_type", "category", "certainty", "checkworthy",
        "source_kind", "cue",
    )  # fmt: skip
    author = claim_suggestion(
        RULES, ARTICLE, span_of("talks stalled"), 0.5,
        attribution=Attribution("unattributed", source_kind="author"),
    )  # fmt: skip
    assert "claimant" not in what_is_missing(author, schema)
    assert "cue" not in what_is_missing(author, schema)
    assert what_is_missing(mention_suggestion(RULES, "a1", Span(0, 3), None, 0.5), schema) == (
        "actor",
    )
    assert what_is_missing(mention_suggestion(RULES, "a1", Span(0, 3), "x", 0.5), schema) == ()


def test_text_order_and_schema_check_of_the_context() -> None:
    late = mention_suggestion(RULES, "a1", Span(30, 33), "x", 0.9)
    early = mention_suggestion(RULES, "a1", Span(2, 3), "x", 0.1)
    link = link_suggestion(RULES, "a1", "c1", "c2", 1.0)
    assert in_text_order([link, late, early]) == [early, late, link]
    context = SuggestContext(schema=default_schema())
    assert context.allows("category", "demand") and not context.allows("category", "rumour")
    assert SuggestContext().allows("category", "rumour")
    assert late.kind == MENTION
