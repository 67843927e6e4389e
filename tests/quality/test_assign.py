"""Planning and storing assignments: round robin, by story, overlap, determinism."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest

from annotator.core.errors import ValidationError
from annotator.core.model import Article
from annotator.quality.assign import (
    AssignmentPlan,
    assign_articles,
    parse_annotators,
    plan_assignments,
)
from annotator.store.project import Project
from annotator.store.queries import ArticleFilter
from tests.store.helpers import read_rows


def articles(n: int, story: str | None = None) -> list[tuple[str, str | None]]:
    return [(f"a{i:02}", story) for i in range(n)]


def owners(plan: AssignmentPlan) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for article, name in plan.assignments:
        found[article].append(name)
    return dict(found)


def test_round_robin_deals_articles_in_order() -> None:
    plan = plan_assignments(articles(7), ["ana", "ben", "cy"])

    assert plan.assignments == (
        ("a00", "ana"), ("a01", "ben"), ("a02", "cy"), ("a03", "ana"),
        ("a04", "ben"), ("a05", "cy"), ("a06", "ana"),
    )  # fmt: skip
    assert plan.counts() == {"ana": (3, 0), "ben": (2, 0), "cy": (2, 0)}
    assert (plan.articles(), plan.shared()) == (7, 0)


def test_overlap_gives_that_share_to_a_second_annotator() -> None:
    plan = plan_assignments(articles(50), ["ana", "ben"], overlap=0.2, seed=3)

    shared = {a: who for a, who in owners(plan).items() if len(who) > 1}
    assert len(shared) == 10
    assert all(sorted(who) == ["ana", "ben"] for who in shared.values())
    assert len(owners(plan)) == 50
    assert plan.counts() == {"ana": (30, 10), "ben": (30, 10)}


def test_overlap_pairs_are_balanced() -> None:
    plan = plan_assignments(articles(60), ["ana", "ben", "cy"], overlap=0.3, seed=7)

    pairs = Counter(tuple(sorted(who)) for who in owners(plan).values() if len(who) > 1)
    assert sum(pairs.values()) == 18
    assert pairs == {("ana", "ben"): 6, ("ana", "cy"): 6, ("ben", "cy"): 6}
    loads = [total for total, _ in plan.counts().values()]
    assert max(loads) - min(loads) <= 1


def test_the_same_seed_gives_the_same_plan_and_another_seed_another_overlap() -> None:
    one = plan_assignments(articles(40), ["ana", "ben"], overlap=0.25, seed=11)
    again = plan_assignments(articles(40), ["ana", "ben"], overlap=0.25, seed=11)
    others = [plan_assignments(articles(40), ["ana", "ben"], overlap=0.25, seed=s) for s in (1, 2)]

    assert one == again
    shared = {a for a, who in owners(one).items() if len(who) > 1}
    assert any({a for a, w in owners(o).items() if len(w) > 1} != shared for o in others)


def test_overlap_one_gives_every_article_to_everyone() -> None:
    plan = plan_assignments(articles(5), ["ana", "ben", "cy"], overlap=1)

    assert all(who == ["ana", "ben", "cy"] for who in owners(plan).values())
    assert plan.counts() == {"ana": (5, 5), "ben": (5, 5), "cy": (5, 5)}


def test_by_story_keeps_stories_whole_and_balances_article_counts() -> None:
    stories: list[tuple[str, str | None]] = [
        ("h1", "harbour"), ("r1", "river"), ("h2", "harbour"), ("g1", "grain"), ("h3", "harbour"),
        ("r2", "river"), ("g2", "grain"), ("x1", None), ("x2", None), ("g3", "grain"),
        ("h4", "harbour"),
    ]  # fmt: skip
    plan = plan_assignments(stories, ["ana", "ben"], by="story")

    found = owners(plan)
    story_of = dict(stories)
    for story in ("harbour", "river", "grain"):
        assert len({tuple(found[a]) for a, s in story_of.items() if s == story}) == 1
    # Largest first, each to whoever has fewer: harbour (4) to ana, grain (3) to ben, river
    # (2) to ben, then the articles without a story (each a story of its own) to ana, ana.
    assert plan.counts() == {"ana": (6, 0), "ben": (5, 0)}
    assert found["x1"] == found["x2"] == found["h1"] == ["ana"]
    assert [a for a, _ in plan.assignments] == [a for a, _ in stories]  # article order


def test_by_story_overlap_shares_whole_stories() -> None:
    stories = [(f"{s}{i}", s) for s in ("p", "q", "r", "s") for i in range(3)]
    plan = plan_assignments(stories, ["ana", "ben"], by="story", overlap=0.5, seed=0)

    shared = {a for a, who in owners(plan).items() if len(who) > 1}
    assert len(shared) == 6
    assert {a[0] for a in shared} in ({"p", "q"}, {"p", "r"}, {"p", "s"}, {"q", "r"},
                                      {"q", "s"}, {"r", "s"})  # fmt: skip


@pytest.mark.parametrize(
    ("names", "overlap", "by", "message"),
    [
        ((), 0.0, "article", "name at least one annotator"),
        (("ana",), 0.2, "article", "an overlap needs at least two annotators"),
        (("ana", "ben"), 1.5, "article", "the overlap is a share between 0 and 1, not 1.5"),
        (
            ("ana", "ben"),
            0.0,
            "outlet",
            "unknown way to assign 'outlet'; use one of article, story",
        ),
    ],
)
def test_bad_plans_are_refused(
    names: tuple[str, ...], overlap: float, by: str, message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        plan_assignments(articles(4), names, overlap, by)
    assert str(caught.value) == message


def test_parse_annotators() -> None:
    assert parse_annotators(" ana, ben ,,cy ") == ("ana", "ben", "cy")
    with pytest.raises(ValidationError, match="annotator 'ana' is named twice"):
        parse_annotators("ana,ben,ana")
    with pytest.raises(ValidationError, match="name at least one annotator"):
        parse_annotators(" , ")


# -- stored in the project -----------------------------------------------------------------


@pytest.fixture
def filled(project: Project) -> Project:
    project.add_articles(
        [Article(id=f"n{i}", text=f"Report {i}.", story=f"s{i // 2}") for i in range(6)]
    )
    project.add_claim("n0", "ana", 0, 6, stance="oppose")
    project.set_status("n1", "ben", "done")
    return project


def test_assignments_are_stored_and_replace_the_earlier_plan(filled: Project) -> None:
    labels = {t: read_rows(filled.path, t) for t in ("claims", "statuses")}

    first = assign_articles(filled, ["ana", "ben"], overlap=1)
    assert filled.assignment_counts() == {"ana": (6, 6), "ben": (6, 6)}
    second = assign_articles(filled, ["ana", "ben", "cy"], by="story", seed=5)

    assert first != second
    assert filled.assignment_counts() == {"ana": (2, 0), "ben": (2, 0), "cy": (2, 0)}
    rows = read_rows(filled.path, "assignments")
    assert [(r["article_id"], r["annotator"]) for r in rows] == list(second.assignments)
    assert filled.assignment_plan() == {
        "annotators": ["ana", "ben", "cy"],
        "by": "story",
        "overlap": 0.0,
        "seed": 5,
    }
    assert {t: read_rows(filled.path, t) for t in labels} == labels  # labels untouched


def test_my_articles_filter(filled: Project) -> None:
    assign_articles(filled, ["ana", "ben"])

    mine = ArticleFilter(assigned_to="ana")
    assert filled.assigned_articles("ana") == ["n0", "n2", "n4"]
    assert filled.count_articles("ana", mine) == 3
    assert [s.id for s in filled.articles_page("ana", where=mine)] == ["n0", "n2", "n4"]
    done = ArticleFilter(assigned_to="ben", status="done")
    assert [s.id for s in filled.articles_page("ben", where=done)] == ["n1"]
    assert filled.count_articles("cy", ArticleFilter(assigned_to="cy")) == 0
    assert filled.count_articles("cy") == 6  # without the filter: every article
