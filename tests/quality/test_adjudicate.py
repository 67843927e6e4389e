"""Tests of annotator/quality/adjudicate.py on real project files with two or three annotators."""

from __future__ import annotations

import pytest

from annotator.core.errors import AnnotatorError, ValidationError
from annotator.core.model import GOLD, Article, Attribution
from annotator.core.spans import Span
from annotator.quality.adjudicate import (
    CLAIM_FIELDS,
    Difference,
    adjudication_progress,
    differences,
    disagreement_ranking,
    labelled_by,
)
from annotator.store.project import Project

TEXT = (
    "Velgrad said on Friday that Kestria must reopen the harbour. "
    "Officials said talks would resume soon. Markets fell sharply in Kestria."
)


def at(words: str, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence of ``words`` in TEXT."""
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(words, start + 1)
    return Span(start, start + len(words))


DEMAND = at("Kestria must reopen the harbour")
TALKS = at("talks would resume soon")
OFFICIALS = at("Officials said")
MARKETS = at("Markets fell sharply")
MARKETS_LONG = at("Markets fell sharply in Kestria")


@pytest.fixture
def actors(project: Project) -> dict[str, str]:
    """Two actors of the registry, by name."""
    return {
        "norvania": project.add_actor("Norvania", "lead", "state", ("Velgrad",)).id,
        "kestria": project.add_actor("Kestria", "lead", "state").id,
    }


@pytest.fixture
def a1(project: Project, actors: dict[str, str]) -> str:
    """ana and ben label one article with every kind of difference; see each test."""
    project.add_articles([Article("a1", TEXT, title="Harbour")])
    norvania, kestria = actors["norvania"], actors["kestria"]
    for name in ("ana", "ben"):
        project.add_claim("a1", name, *DEMAND, claimant=norvania, stance="oppose")
        project.add_claim("a1", name, *TALKS, stance="neutral" if name == "ana" else "support")
        project.add_claim("a1", name, *(MARKETS if name == "ana" else MARKETS_LONG))
        project.add_mention("a1", name, *at("Velgrad"), norvania)
        project.add_mention("a1", name, *at("Kestria"), kestria if name == "ana" else norvania)
    project.add_claim("a1", "ana", *OFFICIALS)
    project.add_mention("a1", "ben", *at("Markets"))
    return "a1"


def _summary(
    found: list[Difference],
) -> list[tuple[str, str, str, tuple[str, ...], tuple[str, ...]]]:
    """(kind, label type, text covered, differing fields, missing annotators) of each."""
    return [
        (d.kind, d.label_type, TEXT[d.span.start : d.span.end], d.fields, d.missing) for d in found
    ]


# -- differences --------------------------------------------------------------------------------


def test_every_kind_of_difference_in_text_order(project: Project, a1: str) -> None:
    found = differences(project, a1, ["ana", "ben"])

    assert _summary(found) == [
        ("agree", "mention", "Velgrad", (), ()),
        ("fields", "mention", "Kestria", ("actor",), ()),
        ("agree", "claim", "Kestria must reopen the harbour", (), ()),
        ("missing", "claim", "Officials said", (), ("ben",)),
        ("fields", "claim", "talks would resume soon", ("stance",), ()),
        ("missing", "mention", "Markets", (), ("ana",)),
        ("boundary", "claim", "Markets fell sharply in Kestria", (), ()),
    ]
    assert not any(d.resolved for d in found)


def test_labels_are_given_per_annotator_in_order(project: Project, a1: str) -> None:
    found = differences(project, a1, ["ben", "ana"])

    talks = next(d for d in found if d.span == TALKS)
    assert list(talks.labels) == ["ben", "ana"]
    assert [c.stance for c in talks.labels.values()] == ["support", "neutral"]  # type: ignore[union-attr]
    officials = next(d for d in found if d.span == OFFICIALS)
    assert officials.labels["ben"] is None
    assert officials.labels["ana"] == project.labels(a1, "ana").claims[1]


def test_spans_that_do_not_match_are_two_groups(project: Project, a1: str) -> None:
    # "Markets fell" against "sharply in Kestria": Jaccard 0, as agreement would not match them.
    ben_markets = project.labels(a1, "ben").claims[-1]
    assert ben_markets.span == MARKETS_LONG
    project.update_claim(ben_markets.id, start=at("sharply in Kestria").start)

    found = [d for d in differences(project, a1, ["ana", "ben"]) if d.span.start >= MARKETS.start]

    assert _summary(found) == [
        ("missing", "mention", "Markets", (), ("ana",)),
        ("missing", "claim", "Markets fell sharply", (), ("ben",)),
        ("missing", "claim", "sharply in Kestria", (), ("ana",)),
    ]


def test_every_claim_field_is_compared(project: Project, actors: dict[str, str]) -> None:
    project.add_articles([Article("a1", TEXT)])
    norvania, kestria = actors["norvania"], actors["kestria"]
    project.add_claim("a1", "ana", *DEMAND)
    project.add_claim(
        "a1",
        "ben",
        *DEMAND,
        claimant=norvania,
        addressee=kestria,
        target=kestria,
        stance="oppose",
        category="demand",
        certainty="hedged",
        checkworthy="checkworthy",
        attribution=Attribution(attribution_type="indirect", source_kind="named", cue=at("said")),
    )

    (found,) = differences(project, "a1", ["ana", "ben"])

    assert found.kind == "fields"
    assert found.fields == tuple(CLAIM_FIELDS)
    assert set(found.fields) == {
        "stance",
        "category",
        "certainty",
        "checkworthy",
        "attribution_type",
        "source_kind",
        "cue",
        "claimant",
        "addressee",
        "target",
    }


def test_boundary_wins_over_fields_and_missing_over_both(project: Project) -> None:
    project.add_articles([Article("a1", TEXT)])
    project.add_claim("a1", "ana", *MARKETS, stance="oppose")
    project.add_claim("a1", "ben", *MARKETS_LONG, stance="support")
    project.add_claim("a1", "cy", *MARKETS, stance="neutral")

    (two,) = differences(project, "a1", ["ana", "ben"])
    assert (two.kind, two.fields, two.span) == ("boundary", ("stance",), MARKETS_LONG)

    project.add_articles([Article("a2", TEXT)])
    project.add_claim("a2", "ana", *MARKETS, stance="oppose")
    project.add_claim("a2", "cy", *MARKETS_LONG, stance="neutral")
    (three,) = differences(project, "a2", ["ana", "ben", "cy"])
    assert (three.kind, three.fields, three.missing) == ("missing", ("stance",), ("ben",))


def test_three_annotators(project: Project, a1: str) -> None:
    project.add_claim("a1", "cy", *DEMAND, claimant=project.labels(a1, "ana").claims[0].claimant)
    project.update_claim(project.labels(a1, "cy").claims[0].id, stance="oppose")

    found = differences(project, a1, ["ana", "ben", "cy"])

    demand = next(d for d in found if d.span == DEMAND)
    assert demand.kind == "agree"
    assert set(demand.labels) == {"ana", "ben", "cy"}
    talks = next(d for d in found if d.span == TALKS)
    assert (talks.kind, talks.missing, talks.fields) == ("missing", ("cy",), ("stance",))
    assert labelled_by(project, a1, ["cy", "dan", "ben"]) == ["cy", "ben"]


def test_refusals(project: Project, a1: str) -> None:
    with pytest.raises(AnnotatorError, match="gold"):
        differences(project, a1, ["ana", GOLD])
    with pytest.raises(ValidationError, match="no article 'nope'"):
        differences(project, "nope", ["ana", "ben"])


# -- resolving with gold ------------------------------------------------------------------------


def test_accept_left_then_right_replacing_it(project: Project, a1: str) -> None:
    talks = next(d for d in differences(project, a1, ["ana", "ben"]) if d.span == TALKS)
    ana, ben = talks.labels["ana"], talks.labels["ben"]
    assert ana is not None and ben is not None

    left = project.accept_label(ana.id, "lead", replacing=list(talks.gold))
    talks = next(d for d in differences(project, a1, ["ana", "ben"]) if d.span == TALKS)
    assert talks.gold == (left,) and talks.resolved

    right = project.accept_label(ben.id, "lead", replacing=list(talks.gold))

    gold = project.labels(a1, GOLD).claims
    assert [(c.id, c.span, c.stance) for c in gold] == [(right, TALKS, "support")]
    found = differences(project, a1, ["ana", "ben"])
    assert [d.span for d in found if d.resolved] == [TALKS]
    assert next(d for d in found if d.resolved).gold == (right,)


def test_resolved_by_a_matching_gold_label_of_the_same_type(project: Project, a1: str) -> None:
    found = differences(project, a1, ["ana", "ben"])
    boundary = next(d for d in found if d.kind == "boundary")
    markets = next(d for d in found if d.label_type == "mention" and d.kind == "missing")
    assert boundary.labels["ben"] is not None and markets.labels["ben"] is not None

    claim = project.accept_label(boundary.labels["ben"].id, "lead")
    project.add_mention(a1, GOLD, *at("harbour"))  # gold's own label: matches no group
    project.add_claim(a1, GOLD, *at("Markets"))  # matches the mention group's span, not a claim

    resolved = [(d.kind, d.label_type, d.gold) for d in differences(project, a1, ["ana", "ben"])]
    assert [r for r in resolved if r[2]] == [("boundary", "claim", (claim,))]


# -- ranking and progress -----------------------------------------------------------------------


@pytest.fixture
def articles(project: Project) -> list[str]:
    """Six articles: how many groups ana and ben disagree on differs (see the ranking test)."""
    ids = [f"r{k}" for k in range(1, 7)]
    project.add_articles([Article(i, TEXT) for i in ids])
    for name in ("ana", "ben"):
        project.add_claim("r1", name, *DEMAND, stance="oppose")  # agree
        project.add_claim("r2", name, *DEMAND)  # agree
        project.add_claim("r2", name, *TALKS, stance="support" if name == "ana" else "oppose")
        project.set_status("r5", name, "done")  # both: nothing to label
    project.add_claim("r3", "ana", *TALKS)  # 1 of 1 missing
    project.set_status("r3", "ben", "done")
    project.add_claim("r4", "ana", *TALKS)  # ben has not labelled r4
    project.set_status("r4", "ben", "in_progress")
    project.add_claim("r6", "ana", *TALKS)  # 2 of 2 missing
    project.add_claim("r6", "ben", *DEMAND)
    return ids


def test_ranking_most_disagreement_first(project: Project, articles: list[str]) -> None:
    assert disagreement_ranking(project, ["ana", "ben"]) == [
        ("r6", 1.0),
        ("r3", 1.0),
        ("r2", 0.5),
        ("r1", 0.0),
        ("r5", 0.0),
    ]


def test_ranking_compares_only_those_who_labelled_each_article(
    project: Project, articles: list[str]
) -> None:
    project.add_claim("r4", "cy", *TALKS)  # r4: ana and cy agree

    ranking = dict(disagreement_ranking(project, ["ana", "ben", "cy"]))

    assert ranking["r4"] == 0.0
    assert ranking["r2"] == 0.5  # cy, who did not label r2, makes nothing "missing"
    assert ranking == dict(disagreement_ranking(project))  # None: everyone but gold
    project.add_claim("r1", GOLD, *DEMAND, stance="support")
    assert dict(disagreement_ranking(project))["r1"] == 0.0  # gold is not compared


def test_progress(project: Project, articles: list[str]) -> None:
    assert adjudication_progress(project, ["ana", "ben"]) == (0, 5)

    project.set_status("r2", GOLD, "done")
    project.set_status("r3", GOLD, "in_progress")
    project.set_status("r4", GOLD, "done")  # r4 needs no adjudication between ana and ben

    assert adjudication_progress(project, ["ana", "ben"]) == (1, 5)
    project.add_claim("r4", "cy", *TALKS)
    assert adjudication_progress(project) == (2, 6)


def test_a_claim_comes_before_a_mention_of_the_same_span(project: Project) -> None:
    project.add_articles([Article("a1", TEXT)])
    for name in ("ana", "ben"):
        project.add_mention("a1", name, *OFFICIALS)
        project.add_claim("a1", name, *OFFICIALS)

    found = differences(project, "a1", ["ana", "ben"])

    assert [(d.label_type, d.kind) for d in found] == [("claim", "agree"), ("mention", "agree")]
