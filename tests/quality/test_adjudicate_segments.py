"""Adjudication of claims in segments: grouped on their segments, a split quote against its hull
is a difference to settle, and accepting either version puts its segments (or none) in gold."""

from __future__ import annotations

import pytest

from annotator.core.model import GOLD, Article
from annotator.core.spans import Span
from annotator.quality.adjudicate import differences, disagreement_ranking
from annotator.store.project import Project
from tests.helpers import span_in

TEXT = "“The new tram line,” the mayor said, “will be finished by June.” The union objected."
SPLIT = (span_in(TEXT, "The new tram line,"), span_in(TEXT, "will be finished by June."))
HULL = Span(SPLIT[0].start, SPLIT[1].end)
UNION = span_in(TEXT, "The union objected")


@pytest.fixture
def a1(project: Project) -> str:
    """ana splits the quote, ben takes its hull; both mark the union's claim alike."""
    project.add_articles([Article("a1", TEXT), Article("a2", TEXT)])
    project.add_claim("a1", "ana", *HULL, segments=SPLIT, stance="oppose")
    project.add_claim("a1", "ben", *HULL, stance="oppose")
    for name in ("ana", "ben"):
        project.add_claim("a1", name, *UNION)
        project.add_claim("a2", name, *HULL, segments=SPLIT, stance="oppose")  # the same
    return "a1"


def test_claims_that_differ_only_in_segments_are_a_boundary_difference(
    project: Project, a1: str
) -> None:
    quote, union = differences(project, a1, ["ana", "ben"])
    assert (quote.kind, quote.fields, quote.span) == ("boundary", (), HULL)
    assert quote.segments == {"ana": SPLIT, "ben": (HULL,)}  # both lists, to show the lead
    assert (union.kind, union.segments) == ("agree", {})  # no claim in segments there
    (same, *_) = differences(project, "a2", ["ana", "ben"])
    assert (same.kind, same.segments) == ("agree", {"ana": SPLIT, "ben": SPLIT})
    assert disagreement_ranking(project) == [("a1", 0.5), ("a2", 0.0)]


def test_accepting_either_version_puts_its_segments_in_gold(project: Project, a1: str) -> None:
    quote = differences(project, a1, ["ana", "ben"])[0]
    ana, ben = quote.labels["ana"], quote.labels["ben"]
    assert ana is not None and ben is not None
    first = project.accept_label(ana.id, "lead")
    (gold,) = project.labels(a1, GOLD).claims
    assert (gold.id, gold.segments, gold.span, gold.stance) == (first, SPLIT, HULL, "oppose")
    quote = differences(project, a1, ["ana", "ben"])[0]
    assert quote.gold == (first,)  # resolved, matched on its segments
    second = project.accept_label(ben.id, "lead", replacing=quote.gold)
    (gold,) = project.labels(a1, GOLD).claims
    assert (gold.id, gold.segments, gold.span) == (second, (), HULL)
    assert differences(project, a1, ["ana", "ben"])[0].gold == (second,)
    project.undo("lead")  # back to ana's version, segments and all
    (gold,) = project.labels(a1, GOLD).claims
    assert (gold.id, gold.segments) == (first, SPLIT)


def test_gold_over_the_gap_alone_does_not_resolve_a_split_quote(project: Project, a1: str) -> None:
    project.add_claim(a1, GOLD, *span_in(TEXT, "the mayor said"))
    quote = differences(project, a1, ["ana", "ben"])[0]
    assert quote.gold == () and not quote.resolved
