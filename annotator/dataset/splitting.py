"""Grouping articles that must stay together, and dealing the groups out to the splits.

Groups
    Articles of one story, and articles that are near duplicates of one
    another (`annotator.dataset.minhash`), are joined (union-find); what is
    joined through a chain is one group (A like B, B like C: A, B, C). A group
    is named by its first article in import order.

Dealing (greedy, stratified)
    Groups are taken largest first (ties in an order shuffled with the seed),
    and each goes to the split whose counts it brings closest to that split's
    share of the totals: for each count column d (articles, claims, each label
    value: `annotator.dataset.tally`), with total T_d and the split's share
    r, the cost is the sum over splits and columns of
    ``w_d * ((count_d - r * T_d) / T_d) ** 2``; the article column weighs as
    much as all the others together (``w`` = the number of columns), so sizes
    follow the ratios first and label distributions as far as the groups
    allow. A split with a share of 0 gets nothing. Ties go to the earlier split
    (train, dev, test). The same groups, counts and seed always give the same
    splits.
"""

from __future__ import annotations

import random
from array import array
from collections.abc import Iterable, Sequence


class UnionFind:
    """Disjoint sets of 0..n-1; the root of a set is its smallest member."""

    def __init__(self, size: int) -> None:
        self.parent = array("q", range(size))

    def find(self, item: int) -> int:
        """The root of ``item``'s set."""
        parent = self.parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, first: int, second: int) -> None:
        """Join the sets of ``first`` and ``second``."""
        a, b = self.find(first), self.find(second)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def group_roots(
    stories: Sequence[str | None], pairs: Iterable[tuple[int, int, float]]
) -> array[int]:
    """The group (its first article's index) of every article: same story or near duplicate."""
    sets = UnionFind(len(stories))
    first: dict[str, int] = {}
    for index, story in enumerate(stories):
        if story:
            sets.union(first.setdefault(story, index), index)
    for a, b, _ in pairs:
        sets.union(a, b)
    return array("q", (sets.find(i) for i in range(len(stories))))


def deal(
    roots: Sequence[int],
    counts: Sequence[int],
    width: int,
    ratios: Sequence[int],
    seed: int,
) -> bytearray:
    """The split (index into ``ratios``) of every article; see the module doc.

    Args:
        roots: each article's group (`group_roots`).
        counts: each article's count row (`annotator.dataset.tally.Tally.row`), flat,
            ``width`` numbers per article.
        width: numbers per article.
        ratios: each split's share in percent.
        seed: orders groups of the same size.
    """
    sums: dict[int, list[int]] = {}
    for index, root in enumerate(roots):
        row = counts[index * width : (index + 1) * width]
        found = sums.get(root)
        if found is None:
            sums[root] = list(row)
        else:
            for d in range(width):
                found[d] += row[d]
    totals = [0] * width
    for group in sums.values():
        for d in range(width):
            totals[d] += group[d]
    weight = [float(width)] + [1.0] * (width - 1)
    scale = [w / (t * t) if t else 0.0 for w, t in zip(weight, totals, strict=True)]
    targets = [[r / 100 * t for t in totals] for r in ratios]
    have = [[0] * width for _ in ratios]
    open_splits = [s for s, r in enumerate(ratios) if r > 0]

    order = sorted(sums)
    random.Random(seed).shuffle(order)
    order.sort(key=lambda root: -sums[root][0])  # stable: the shuffle orders ties
    chosen: dict[int, int] = {}
    for root in order:
        group = sums[root]
        nonzero = [(d, v) for d, v in enumerate(group) if v]
        best, best_cost = open_splits[0], float("inf")
        for s in open_splits:
            mine, target = have[s], targets[s]
            cost = sum(scale[d] * v * (2 * (mine[d] - target[d]) + v) for d, v in nonzero)
            if cost < best_cost:
                best, best_cost = s, cost
        chosen[root] = best
        mine = have[best]
        for d, v in nonzero:
            mine[d] += v
    return bytearray(chosen[root] for root in roots)
