"""Plan which annotator labels which article: round robin or by story, with an overlap.

An overlap share of the articles goes to a second annotator as well, so that
agreement can be measured on them. The plan is deterministic: the same
articles, annotators, settings and seed give the same plan.

- ``by="article"``: articles are dealt out in import order, one each in turn.
- ``by="story"``: a story (all its articles) goes to one annotator, so claims
  can be linked across it; stories are given largest first to whoever has the
  fewest articles so far. Overlap is then chosen by whole stories too.
- The overlap articles (or stories) are drawn at random with the seed, taking
  from each annotator's share in turn; each gets the second annotator who
  shares the fewest articles with the first so far (then the one with the
  least work), so every pair gets a similar share.
- ``overlap=1`` gives every article to every annotator.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from annotator.core.errors import ValidationError
from annotator.store.project import Project

METHODS = ("article", "story")
"""How articles are dealt out: one by one (round robin), or by whole stories."""


@dataclass(frozen=True, slots=True)
class AssignmentPlan:
    """Who labels which article, and how the plan was made."""

    annotators: tuple[str, ...]
    by: str
    overlap: float
    seed: int
    assignments: tuple[tuple[str, str], ...]
    """``(article id, annotator)`` pairs in article order (an article's first annotator first)."""

    def counts(self) -> dict[str, tuple[int, int]]:
        """Per annotator, in the order given: (articles, of which shared with another)."""
        per_article = Counter(article for article, _ in self.assignments)
        totals: dict[str, list[int]] = {name: [0, 0] for name in self.annotators}
        for article, name in self.assignments:
            totals[name][0] += 1
            totals[name][1] += per_article[article] > 1
        return {name: (total, shared) for name, (total, shared) in totals.items()}

    def articles(self) -> int:
        """Number of articles assigned to anyone."""
        return len({article for article, _ in self.assignments})

    def shared(self) -> int:
        """Number of articles assigned to two or more annotators."""
        return sum(1 for n in Counter(a for a, _ in self.assignments).values() if n > 1)

    def settings(self) -> dict[str, Any]:
        """How the plan was made, as stored in the project."""
        return {
            "annotators": list(self.annotators),
            "by": self.by,
            "overlap": self.overlap,
            "seed": self.seed,
        }


def parse_annotators(text: str) -> tuple[str, ...]:
    """Names from a comma-separated list (``"ana, ben"``).

    Raises:
        ValidationError: no name, or a name given twice.
    """
    names = tuple(n.strip() for n in text.split(",") if n.strip())
    if not names:
        raise ValidationError("name at least one annotator (e.g. --annotators ana,ben)")
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise ValidationError(f"annotator {name!r} is named twice")
        seen.add(name)
    return names


def _units(articles: Sequence[tuple[str, str | None]], by: str) -> list[list[str]]:
    """Groups of articles that are given out together, in order of their first article."""
    if by == "article":
        return [[article_id] for article_id, _ in articles]
    stories: dict[str, list[str]] = {}
    units: list[list[str]] = []
    for article_id, story in articles:
        if story is None:
            units.append([article_id])  # an article without a story is a story of its own
        elif story in stories:
            stories[story].append(article_id)
        else:
            stories[story] = [article_id]
            units.append(stories[story])
    return units


def _first_owners(units: list[list[str]], annotators: tuple[str, ...], by: str) -> list[str]:
    if by == "article":
        return [annotators[i % len(annotators)] for i in range(len(units))]
    load = dict.fromkeys(annotators, 0)
    owners = [""] * len(units)
    # Largest stories first, each to the annotator with the fewest articles so far.
    for i in sorted(range(len(units)), key=lambda i: (-len(units[i]), i)):
        owner = min(annotators, key=lambda a: (load[a], annotators.index(a)))
        owners[i] = owner
        load[owner] += len(units[i])
    return owners


def _overlap_units(
    units: list[list[str]], first: list[str], names: tuple[str, ...], overlap: float, seed: int
) -> list[int]:
    """Indexes of the units labelled twice, as close to the share as whole units get.

    Drawn at random, in turn from the units of whichever annotator has given the
    fewest articles to the overlap so far, so each one's work is doubled alike.
    """
    target = math.floor(overlap * sum(len(u) for u in units) + 0.5)
    rng = random.Random(seed)
    pools = {name: [i for i, owner in enumerate(first) if owner == name] for name in names}
    for pool in pools.values():
        rng.shuffle(pool)
    given = dict.fromkeys(names, 0)
    chosen: list[int] = []
    total = 0
    while total < target and any(pools.values()):
        name = min((n for n in names if pools[n]), key=lambda n: (given[n], names.index(n)))
        i = pools[name].pop()
        size = len(units[i])
        if total + size - target <= target - total:  # overshoots no more than it falls short
            chosen.append(i)
            total += size
            given[name] += size
    return sorted(chosen)


def plan_assignments(
    articles: Sequence[tuple[str, str | None]],
    annotators: Sequence[str],
    overlap: float = 0.0,
    by: str = "article",
    seed: int = 0,
) -> AssignmentPlan:
    """Plan who labels which article.

    Args:
        articles: ``(id, story)`` of every article, in import order.
        annotators: the names, in the order articles are dealt to them.
        overlap: the share of articles (0 to 1) also given to a second
            annotator; 1 gives every article to every annotator.
        by: ``"article"`` (round robin) or ``"story"`` (whole stories).
        seed: chooses the overlap articles; the same seed gives the same plan.

    Raises:
        ValidationError: no annotators, a share outside 0..1, an overlap with
            one annotator, or an unknown method.
    """
    names = tuple(annotators)
    if not names:
        raise ValidationError("name at least one annotator")
    if by not in METHODS:
        raise ValidationError(f"unknown way to assign {by!r}; use one of {', '.join(METHODS)}")
    if not 0 <= overlap <= 1:
        raise ValidationError(f"the overlap is a share between 0 and 1, not {overlap}")
    if 0 < overlap < 1 and len(names) < 2:
        raise ValidationError("an overlap needs at least two annotators")
    units = _units(articles, by)
    if overlap == 1:
        owners = [list(names) for _ in units]
    else:
        first = _first_owners(units, names, by)
        owners = [[owner] for owner in first]
        load = Counter({name: 0 for name in names})
        for unit, owner in zip(units, first, strict=True):
            load[owner] += len(unit)
        shared: Counter[frozenset[str]] = Counter()
        for i in _overlap_units(units, first, names, overlap, seed) if overlap else []:
            owner = first[i]
            second = min(
                (n for n in names if n != owner),
                key=lambda n: (shared[frozenset((owner, n))], load[n], names.index(n)),
            )
            owners[i].append(second)
            shared[frozenset((owner, second))] += len(units[i])
            load[second] += len(units[i])
    by_article = {a: who for unit, who in zip(units, owners, strict=True) for a in unit}
    pairs = tuple((a, name) for a, _ in articles for name in by_article[a])
    return AssignmentPlan(names, by, overlap, seed, pairs)


def assign_articles(
    project: Project,
    annotators: Sequence[str],
    overlap: float = 0.0,
    by: str = "article",
    seed: int = 0,
) -> AssignmentPlan:
    """Plan assignments of every article in ``project`` and store them, replacing any before.

    Labels and statuses are not touched. See `plan_assignments` for the arguments.
    """
    plan = plan_assignments(project.article_stories(), annotators, overlap, by, seed)
    project.set_assignments(plan.assignments, plan.settings())
    return plan
