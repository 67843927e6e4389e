"""The evaluator, and the rule recommenders measured on the hand-labelled sample (tests/assist/gold.py)."""

from __future__ import annotations

import dataclasses
import json

import pytest

from annotator.assist.actors import ActorMentions
from annotator.assist.evaluate import (
    Score,
    content_edges,
    evaluate,
    evaluate_each,
    folds,
    held_out,
    split,
)
from annotator.assist.lexicon import Lexicon
from annotator.assist.patterns import AttributionPatterns
from annotator.assist.suggestion import (
    SuggestContext,
    Suggestion,
    claim_suggestion,
    link_suggestion,
    mention_suggestion,
)
from annotator.core.model import (
    Actor,
    Article,
    ArticleLabels,
    Attribution,
    Claim,
    Mention,
    Status,
)
from annotator.core.schema import default_schema
from annotator.core.spans import Span
from annotator.io.native import parse_annotations, parse_article
from tests.assist import gold, heldout2, heldout3

TEXT = "Officials said the quay is safe. “We will reopen,” said Ana. Rain fell all day long."
ARTICLE = Article("a1", TEXT)


def at(needle: str) -> Span:
    start = TEXT.index(needle)
    return Span(start, start + len(needle))


def reference() -> ArticleLabels:
    ana = Mention("m1", "a1", "gold", *at("Ana"), "ana")
    claims = (
        Claim("c1", "a1", "gold", *at("the quay is safe"), None, stance="support",
              attribution=Attribution("indirect", None, "Officials", "unnamed", at("said"))),
        Claim("c2", "a1", "gold", *at("We will reopen"), "ana", stance="neutral",
              attribution=Attribution("direct", "m1", "Ana", "named", Span(TEXT.rindex("said"), TEXT.rindex("said") + 4))),
        Claim("c3", "a1", "gold", *at("Rain fell all day"), None),
    )  # fmt: skip
    return ArticleLabels("a1", "gold", Status("a1", "gold"), (ana,), claims, {"c2": ("x9",)})


def test_scores_count_exact_and_overlapping_claims_cues_sources_fields_and_claimants() -> None:
    r = ("rules", "1")
    said = TEXT.rindex("said")
    made = [
        claim_suggestion(r, ARTICLE, at("quay is safe"), 0.9,
                         attribution=Attribution("indirect", source_kind="unnamed", cue=at("said")),
                         source=at("Officials"), fields={"stance": "oppose"}),
        claim_suggestion(r, ARTICLE, at("We will reopen"), 0.9,
                         attribution=Attribution("direct", source_kind="named", cue=Span(said, said + 4)),
                         source=at("Ana"), source_actor="bob"),
        claim_suggestion(r, ARTICLE, at("Rain fell all day long"), 0.2),
        claim_suggestion(r, ARTICLE, at("long"), 0.9),  # outside every reference claim
        mention_suggestion(r, "a1", at("Ana"), "ana", 0.9),
        mention_suggestion(r, "a1", at("Officials"), None, 0.9),
        link_suggestion(r, "a1", "x9", "c2", 0.7),
        link_suggestion(r, "a1", "c1", "c3", 0.7),
    ]  # fmt: skip
    result = evaluate(made, [reference()], {"a1": TEXT})
    assert (result.claims_exact.right, result.claims_exact.suggested) == (1, 4)
    assert result.claims_overlap == Score(3, 4, 3)
    assert result.cues == Score(2, 2, 2)
    assert result.sources == Score(2, 2, 2)
    assert result.mentions == Score(1, 2, 1)
    assert result.fields["stance"] == Score(0, 1, 2)
    assert result.fields["attribution_type"] == Score(2, 2, 2)
    assert result.links == Score(1, 2, 1)
    assert (result.claimant.right, result.claimant.counted) == (0, 1)  # "bob", not "ana"
    assert result.claims_overlap.precision == 0.75 and result.claims_overlap.recall == 1.0
    data = result.as_dict()
    json.dumps(data)  # plain data for --json
    assert data["claims_overlap"]["f1"] == pytest.approx(0.857, abs=1e-3)
    high = evaluate(made, [reference()], {"a1": TEXT}, min_score=0.5)
    assert high.claims_overlap == Score(2, 3, 3)  # "Rain fell all day long" scored 0.2
    assert result.rows()[0][0] == "claims (exact)"


def test_empty_scores_are_not_zero_division() -> None:
    assert Score().precision == 1.0 and Score().recall == 1.0 and Score().f1 == 1.0
    assert Score(0, 3, 0).f1 == 0.0


def test_split_and_folds_are_deterministic_and_disjoint() -> None:
    ids = [f"article-{i}" for i in range(200)]
    train, test = split(ids)
    assert set(train).isdisjoint(test) and len(train) + len(test) == 200
    assert 40 <= len(test) <= 80
    assert split(reversed(ids))[1] == list(reversed(test))  # order does not matter
    assert split(ids[:50])[1] == [i for i in test if i in ids[:50]]  # nor the other ids
    groups = folds(ids, 4)
    assert sorted(i for g in groups for i in g) == sorted(ids) and all(groups)
    with pytest.raises(ValueError):
        folds(ids, 1)


def test_held_out_suggestions_come_from_models_that_never_saw_the_article() -> None:
    ids = [f"a{i}" for i in range(20)]
    seen: dict[str, list[str]] = {}

    def train(on: list[str]):  # type: ignore[no-untyped-def]
        def suggest(article_id: str) -> list[Suggestion]:
            seen[article_id] = list(on)
            return [mention_suggestion(("m", "1"), article_id, Span(0, 1), None, 0.5)]

        return suggest

    out = held_out(train, ids, k=4)
    assert len(out) == 20 and sorted(seen) == sorted(ids)
    assert all(article_id not in trained for article_id, trained in seen.items())


def test_the_gold_file_is_up_to_date_and_imports_as_native_jsonl() -> None:
    assert gold.DATA.read_text(encoding="utf-8") == gold.jsonl(), "run python -m tests.assist.gold"
    schema = default_schema()
    built = dict((a.id, labels) for a, labels in gold.build())
    for line in gold.DATA.read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        article, raw, newlines = parse_article(obj)
        (parsed,) = parse_annotations(obj, article, raw, newlines, schema, "")
        assert len(parsed.claims) == len(built[article.id].claims)
        for _, _, _, start, end, *_ in parsed.claims:
            assert article.text[start:end].strip() == article.text[start:end]


def rule_suggestions(
    data: list[tuple[Article, ArticleLabels]] | None = None,
    actors: tuple[Actor, ...] = tuple(gold.ACTORS.values()),
) -> tuple[list[Suggestion], list[ArticleLabels], dict[str, str]]:
    """The rule recommenders' suggestions on ``data`` (the 12 gold articles by default)."""
    data = gold.build() if data is None else data
    made: list[Suggestion] = []
    for article, _ in data:
        context = SuggestContext(
            actors=actors, schema=default_schema(), lexicon=Lexicon.for_language(article.language)
        )
        made += AttributionPatterns().suggest(article, context)
        made += ActorMentions().suggest(article, context)
    return made, [labels for _, labels in data], {a.id: a.text for a, _ in data}


def test_rule_recommenders_meet_the_targets_on_the_sample_gold() -> None:
    """Issue 15's targets: cue recall >= 0.9; claim overlap recall >= 0.8 at precision >= 0.6;
    claimant right on >= 0.7 of the matched claims."""
    made, labels, texts = rule_suggestions()
    result = evaluate_each(made, labels, texts)
    patterns = result["patterns"]
    assert patterns.articles == len(gold.ARTICLES) == 12
    assert patterns.cues.recall >= 0.9
    assert patterns.claims_overlap.recall >= 0.8 and patterns.claims_overlap.precision >= 0.6
    assert patterns.claimant.value >= 0.7 and patterns.claimant.counted >= 30
    assert result["actors"].mentions.recall >= 0.6
    fresh = [labels for labels in labels if labels.article_id in gold.FRESH]
    unseen = evaluate([s for s in made if s.recommender == "patterns"], fresh, texts)
    assert unseen.claims_overlap.precision >= 0.6 and unseen.claims_overlap.recall >= 0.8
    assert unseen.cues.recall >= 0.9 and unseen.claimant.value >= 0.7


def test_rule_recommenders_on_the_second_held_out_set() -> None:
    """tests/assist/heldout2.py, written before the rules last changed.

    Measured once with the rules frozen (commit 8cd3994): claims overlap P 0.96
    R 0.87, cue recall 0.85 (below issue 15's 0.9), claimant 0.89, actor mentions
    recall 0.75. Its misses were then read and the general faults they showed
    fixed, so it is seen text now: P 0.96 R 0.95, cues 0.94, claimant 0.96. The
    floors hold those gains. With split quotations as segments (issue 18, the
    set relabelled so): P 0.96 R 0.94, cues 0.94, claimant 0.95.
    """
    made, labels, texts = rule_suggestions(heldout2.build(), tuple(heldout2.ACTORS.values()))
    result = evaluate_each(made, labels, texts)
    patterns = result["patterns"]
    assert patterns.articles == 6 and patterns.claims_overlap.reference == 72
    assert patterns.claims_overlap.recall >= 0.9 and patterns.claims_overlap.precision >= 0.9
    assert patterns.cues.recall >= 0.9
    assert patterns.claimant.value >= 0.9 and patterns.claimant.counted >= 40
    assert result["actors"].mentions.recall >= 0.7


def test_rule_recommenders_on_the_third_held_out_set() -> None:
    """tests/assist/heldout3.py, written before the fixes heldout2 showed, measured once after
    them (commit c2ce7cd): claims overlap P 0.98 R 0.93, cue recall 0.91, claimant 0.87,
    actor mentions recall 0.83 (before the fixes: 0.98/0.89, 0.86, 0.86)."""
    made, labels, texts = rule_suggestions(heldout3.build(), tuple(heldout3.ACTORS.values()))
    result = evaluate_each(made, labels, texts)
    patterns = result["patterns"]
    assert patterns.articles == 4 and patterns.claims_overlap.reference == 44
    assert patterns.claims_overlap.recall >= 0.85 and patterns.claims_overlap.precision >= 0.9
    assert patterns.cues.recall >= 0.85
    assert patterns.claimant.value >= 0.8 and patterns.claimant.counted >= 25
    assert result["actors"].mentions.recall >= 0.75


SPLIT = "“The plan,” she said, “will fail in winter.” Rain fell."
SPLIT_ARTICLE = Article("s1", SPLIT)


def split_at(needle: str) -> Span:
    start = SPLIT.index(needle)
    return Span(start, start + len(needle))


def split_gold() -> ArticleLabels:
    """One claim in two segments, the quoted words only (the cue between them is no content)."""
    pieces = (split_at("The plan"), split_at("will fail in winter"))
    claim = Claim(
        "g1", "s1", "gold", pieces[0].start, pieces[1].end, segments=pieces,
        attribution=Attribution("direct", None, "she", "named", split_at("said")),
    )  # fmt: skip
    return ArticleLabels("s1", "gold", Status("s1", "gold"), (), (claim,))


def split_suggestion(span: Span, segments: tuple[Span, ...] = ()) -> Suggestion:
    return claim_suggestion(
        ("rules", "1"), SPLIT_ARTICLE, span, 0.9,
        attribution=Attribution("direct", source_kind="named", cue=split_at("said")),
        source=split_at("she"), segments=segments,
    )  # fmt: skip


def test_a_split_gold_quote_is_matched_exactly_only_by_its_segments() -> None:
    pieces = (split_at("The plan"), split_at("will fail in winter"))
    hull = Span(pieces[0].start, pieces[1].end)
    same = evaluate([split_suggestion(hull, pieces)], [split_gold()], {"s1": SPLIT})
    assert same.claims_exact == Score(1, 1, 1) and same.claims_overlap == Score(1, 1, 1)
    assert same.segments == Score(2, 2, 2)
    assert same.content_chars == Score(27, 27, 27)  # 8 + 19 characters, the gap left out
    assert same.cues == Score(1, 1, 1) and same.sources == Score(1, 1, 1)

    whole = evaluate([split_suggestion(hull)], [split_gold()], {"s1": SPLIT})
    assert whole.claims_exact == Score(0, 1, 1)  # the hull is not the split quote
    assert whole.claims_overlap == Score(1, 1, 1)  # but it is the same claim
    assert whole.segments == Score(0, 1, 2)
    gap = len("The plan,” she said, “will fail in winter") - 27
    assert whole.content_chars == Score(27, 27 + gap, 27)  # the cue between costs precision
    assert whole.content_chars.precision < 1.0 and whole.content_chars.recall == 1.0

    half = evaluate([split_suggestion(pieces[1])], [split_gold()], {"s1": SPLIT})
    assert half.claims_exact == Score(0, 1, 1) and half.claims_overlap == Score(1, 1, 1)
    assert half.segments == Score(1, 1, 2) and half.content_chars == Score(19, 19, 27)


def test_a_suggestion_over_the_cue_between_two_segments_overlaps_no_content() -> None:
    cue_only = split_suggestion(split_at("she said"))
    result = evaluate([cue_only], [split_gold()], {"s1": SPLIT})
    assert result.claims_overlap == Score(0, 1, 1)  # inside the hull, outside every segment
    assert result.content_chars == Score(0, len("she said"), 27)
    assert result.sources == Score(0, 1, 1)  # no pair, no source right


def test_segments_are_compared_without_quotation_marks_and_punctuation_at_their_ends() -> None:
    """PolNeAR's content keeps a quotation's marks and its closing comma; ours leaves them out."""
    marked = (split_at("“The plan,”"), split_at("“will fail in winter.”"))
    gold_claim = dataclasses.replace(
        split_gold().claims[0], start=marked[0].start, end=marked[1].end, segments=marked
    )
    reference_ = dataclasses.replace(split_gold(), claims=(gold_claim,))
    pieces = (split_at("The plan"), split_at("will fail in winter"))
    made = split_suggestion(Span(pieces[0].start, pieces[1].end), pieces)
    result = evaluate([made], [reference_], {"s1": SPLIT})
    assert result.claims_exact == Score(1, 1, 1) and result.segments == Score(2, 2, 2)
    assert content_edges(SPLIT, marked) == pieces
    assert content_edges(SPLIT, (split_at("“"), *pieces)) == pieces  # marks alone: no segment
    assert content_edges(SPLIT, (split_at("“"),)) == (split_at("“"),)


def test_the_content_measures_are_in_the_table_and_the_json() -> None:
    pieces = (split_at("The plan"), split_at("will fail in winter"))
    result = evaluate(
        [split_suggestion(Span(pieces[0].start, pieces[1].end), pieces)], [split_gold()],
        {"s1": SPLIT},
    )  # fmt: skip
    names = [row[0] for row in result.rows()]
    assert names[:6] == [
        "claims (exact)", "claims (overlap)", "content (characters)", "content segments",
        "cues", "sources",
    ]  # fmt: skip
    data = result.as_dict()
    assert data["segments"]["right"] == 2 and data["content_chars"]["reference"] == 27
    assert (result + result).segments == Score(4, 4, 4)
