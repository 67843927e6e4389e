"""Models learned from a project's labels: trained in the test on small made-up articles."""

from __future__ import annotations

import random

import pytest

from annotator.assist.evaluate import evaluate, held_out
from annotator.assist.learned import LearnedModel, NaiveBayes, train
from annotator.assist.suggestion import CLAIM, FIELDS, SuggestContext, Suggestion
from annotator.core.model import Article, ArticleLabels, Attribution, Claim, Status
from annotator.core.schema import default_schema
from tests.assist import gold, heldout2

CLAIMS = [
    ("The minister said the harbour must reopen at once.", "oppose", "demand"),
    ("Officials insisted the blockade was lawful and temporary.", "support", "assertion"),
    ("The union warned that the strike could spread to Karsk.", "oppose", "prediction"),
    ("Critics argued the treaty gives away fishing rights.", "oppose", "evaluation"),
    ("The ministry promised that repairs would finish in May.", "support", "commitment"),
]
FILLER = [
    "Rain fell over the coast for most of the week.",
    "The ferry timetable changes on the first of the month.",
    "Fishing boats stayed in port while the storm passed.",
    "A new café opened beside the old lighthouse.",
    "Tourists crowded the market on Saturday morning.",
]


def labelled(n: int, seed: int = 1) -> list[tuple[Article, ArticleLabels]]:
    """``n`` articles of three sentences: claims (labelled) mixed with filler (not)."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        parts = [rng.choice(FILLER), rng.choice(CLAIMS)[0], rng.choice(FILLER)]
        rng.shuffle(parts)
        text = " ".join(parts)
        article = Article(f"a{i}", text, language="en")
        claims = []
        for sentence, stance, category in CLAIMS:
            if sentence in text:
                start = text.index(sentence)
                claims.append(
                    Claim(f"c{i}", article.id, "ana", start, start + len(sentence) - 1,
                          stance=stance, category=category,
                          attribution=Attribution("indirect", source_kind="named"))
                )  # fmt: skip
        out.append((article, ArticleLabels(article.id, "ana", Status(article.id, "ana", "done"), claims=tuple(claims))))  # fmt: skip
    return out


def test_naive_bayes_learns_and_says_how_sure_it_is() -> None:
    model = NaiveBayes()
    for _ in range(5):
        model.learn(["w:said", "cue"], "claim")
        model.learn(["w:rain", "w:fell"], "none")
    p = model.probabilities(["w:said", "cue"])
    assert p["claim"] > 0.9 and p["claim"] + p["none"] == pytest.approx(1.0)
    assert model.probabilities(["w:never-seen"])["claim"] == pytest.approx(0.5)
    assert NaiveBayes().probabilities(["w:said"]) == {}


def test_a_model_trained_on_the_projects_labels_proposes_claims_and_fields() -> None:
    model = train(labelled(40))
    assert model.ready and model.sentences is not None
    assert {"stance", "category"} <= set(model.fields)
    assert "attribution_type" not in model.fields  # one value seen: nothing to tell apart
    assert model.trained_on == {"articles": 40, "claims": 40}
    text = "Gulls circled the old lighthouse on Saturday. The union warned that the strike could spread to Karsk."
    found = model.suggest(Article("new", text), SuggestContext(schema=default_schema()))
    (claim,) = [s for s in found if s.kind == CLAIM]
    assert claim.recommender == "learned" and claim.version == model.version
    assert claim.claim is not None
    assert (
        text[claim.claim.start : claim.claim.end]
        == "The union warned that the strike could spread to Karsk"
    )
    assert (claim.claim.stance, claim.claim.category) == ("oppose", "prediction")
    assert 0.5 <= claim.score <= 1


def test_labelled_claims_get_their_missing_values_not_a_second_claim() -> None:
    model = train(labelled(40))
    text = "The ministry promised that repairs would finish in May."
    claim = Claim("c1", "x", "ana", 0, len(text) - 1)  # stance and category not chosen yet
    labels = ArticleLabels("x", "ana", Status("x", "ana"), claims=(claim,))
    found = model.suggest(Article("x", text), SuggestContext(labels=labels))
    (values,) = found
    assert values.kind == FIELDS and values.claim is not None and values.claim.id == "c1"
    assert (values.claim.stance, values.claim.category) == ("support", "commitment")
    assert values.accepted("ana").claim.id == "c1"  # type: ignore[union-attr]


def test_too_few_labels_train_nothing() -> None:
    model = train(labelled(3))
    assert not model.ready and model.sentences is None and model.fields == {}
    assert (
        model.suggest(Article("x", "The minister said the harbour must reopen."), SuggestContext())
        == []
    )
    unlabelled = [(a, ArticleLabels(a.id, "ana", Status(a.id, "ana"))) for a, _ in labelled(20)]
    assert train(unlabelled).trained_on == {"articles": 0, "claims": 0}


def test_a_model_goes_to_bytes_and_back_unchanged() -> None:
    model = train(labelled(30))
    blob = model.to_bytes()
    assert isinstance(blob, bytes) and len(blob) < 50_000
    again = LearnedModel.from_bytes(blob)
    assert again.version == model.version and again.trained_on == model.trained_on
    article = Article("n", "Critics argued the treaty gives away fishing rights. Rain fell.")
    assert again.suggest(article, SuggestContext()) == model.suggest(article, SuggestContext())
    assert train(labelled(30)).version == model.version  # the same labels, the same model
    assert train(labelled(30, seed=2)).version != model.version
    with pytest.raises(ValueError, match="not a learned model"):
        LearnedModel.from_bytes(b"nonsense")


def test_uncertainty_orders_articles_for_labelling() -> None:
    model = train(labelled(40))
    known = Article("k", "Rain fell over the coast for most of the week.")
    odd = Article("o", "The harbour master posted a notice about the quay on Friday.")
    assert 0.0 <= model.uncertainty(known) < model.uncertainty(odd) <= 1.0
    assert LearnedModel().uncertainty(known) == 1.0  # untrained: nothing is known


def test_held_out_on_the_sample_gold_finds_claim_sentences() -> None:
    data = {a.id: (a, labels) for a, labels in gold.build()}

    def trained(on: list[str]):  # type: ignore[no-untyped-def]
        model = train([data[i] for i in on], min_articles=3, min_examples=5)

        def suggest(article_id: str) -> list[Suggestion]:
            return model.suggest(data[article_id][0], SuggestContext(schema=default_schema()))

        return suggest

    made = held_out(trained, list(data), k=4)
    result = evaluate(
        made, [labels for _, labels in data.values()], {i: a.text for i, (a, _) in data.items()}
    )
    assert result.claims_overlap.recall >= 0.6 and result.claims_overlap.precision >= 0.5


def test_trained_on_the_gold_it_finds_claim_sentences_of_the_second_held_out_set() -> None:
    """Trained on the 12 gold articles, judged on tests/assist/heldout2.py (other stories,
    other writers' registry): measured claims overlap P 0.77 R 0.91 (whole sentences)."""
    model = train(gold.build())
    assert model.ready
    held = heldout2.build()
    made = [s for a, _ in held for s in model.suggest(a, SuggestContext(schema=default_schema()))]
    result = evaluate(made, [labels for _, labels in held], {a.id: a.text for a, _ in held})
    assert result.claims_overlap.recall >= 0.8 and result.claims_overlap.precision >= 0.6
