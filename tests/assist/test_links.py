"""Cross-article link suggestions by TF-IDF similarity, and merging recommenders' claims."""

from __future__ import annotations

import dataclasses

from annotator.assist.links import ClaimLinks, Vectors, cosine, similar_claims, stems
from annotator.assist.patterns import AttributionPatterns
from annotator.assist.recommenders import combine, suggest
from annotator.assist.suggestion import LINK, SuggestContext, claim_suggestion
from annotator.core.model import Article, ArticleLabels, Attribution, Claim, Status
from annotator.core.spans import Span
from tests.assist import gold


def test_stems_vectors_and_cosine() -> None:
    assert stems("Pipelines meets standards") == ["pipeline", "meet", "standard"]
    vectors = Vectors(["the pipeline is safe", "the pipeline leaks", "the talks failed"])
    a, b = vectors.vector("the pipeline is safe"), vectors.vector("pipelines are safe")
    assert (0.3 < cosine(a, b) <= 1.0 and cosine(a, a) == 1.0) or abs(cosine(a, a) - 1) < 1e-9
    assert cosine(a, vectors.vector("talks failed")) == 0.0
    assert vectors.vector("") == {}


def test_links_in_the_sample_story_are_found_and_known_ones_left_out() -> None:
    data = [(a, dataclasses.replace(labels, links={})) for a, labels in gold.build()]
    story = [(a, labels) for a, labels in data if a.story == "pipeline"]
    (first, first_labels), rest = story[0], tuple(story[1:])
    made = ClaimLinks().suggest(first, SuggestContext(labels=first_labels, story=rest))
    assert made and all(s.kind == LINK and s.recommender == "links" for s in made)
    texts = {c.id: a.text[c.start : c.end] for a, labels in story for c in labels.claims}
    pairs = {frozenset((texts[s.link[0]], texts[s.link[1]])) for s in made if s.link}
    assert (
        frozenset(
            (
                "the pipeline met every European safety standard",
                "The pipeline meets every European safety standard",
            )
        )
        in pairs
    )
    assert all(0.35 <= s.score <= 1 for s in made)
    linked_a, linked_b = made[0].link  # type: ignore[misc]
    known = dataclasses.replace(first_labels, links={linked_a: (linked_b,), linked_b: (linked_a,)})
    again = ClaimLinks().suggest(first, SuggestContext(labels=known, story=rest))
    assert made[0].key not in {s.key for s in again}
    assert ClaimLinks().suggest(first, SuggestContext(labels=first_labels)) == []  # no story


def test_similar_claims_never_pair_claims_of_one_article() -> None:
    text = "The quay is safe. The quay is safe."
    article = Article("a", text)
    claims = [Claim("c1", "a", "x", 0, 16), Claim("c2", "a", "x", 18, 34)]
    assert similar_claims([(article, claims)]) == []


def test_combine_merges_claims_over_the_same_words() -> None:
    text = "Officials said the harbour must reopen at once. Rain fell."
    article = Article("a", text)
    span = Span(15, 46)
    rule = claim_suggestion(
        ("patterns", "1"), article, span, 0.7,
        attribution=Attribution("indirect", source_kind="unnamed", cue=Span(10, 14)),
        source=Span(0, 9), fields={"category": "demand"},
    )  # fmt: skip
    learned = claim_suggestion(
        ("learned", "nb-1"),
        article,
        Span(0, 46),
        0.9,
        fields={"stance": "oppose", "category": "assertion"},
    )
    other = claim_suggestion(("learned", "nb-1"), article, Span(48, 57), 0.6)
    merged = combine([learned, rule, other, rule])
    assert len(merged) == 2
    one = merged[0]
    assert one.key == rule.key and one.recommender == "patterns"
    assert one.claim is not None and one.claim.stance == "oppose"  # filled from the model
    assert one.claim.category == "demand"  # the rule's own value stays
    assert one.score == 0.9 and "stance from learned" in one.note
    labels = ArticleLabels("a", "ana", Status("a", "ana"))
    assert (
        suggest(article, SuggestContext(labels=labels), [AttributionPatterns()])[0].claim.start
        == 15
    )  # type: ignore[union-attr]
