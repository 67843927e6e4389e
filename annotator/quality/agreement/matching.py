"""Matching two or more annotators' spans, and span F1.

See "Matching spans and claims" and "Spans" in `annotator.quality.agreement`
for the rules: exact matches first, then overlap (Jaccard >= `MIN_JACCARD`),
one to one and greedy.

Spans (``(start, end)``) are what mentions, cues and claims in one piece are
matched on. A claim whose content is in segments (`annotator.core.segments`)
is matched on its **content**: its segments as a tuple of ``(start, end)``,
one piece being a tuple of one span. `match_contents` and `group_contents`
are `match_spans` and `group_spans` on contents (the same pairs and groups
for contents of one piece each): identical contents are exact, and Jaccard
counts the characters of the segments, not the gaps between them
(`annotator.core.segments.content_jaccard`, which the evaluation of
suggestions uses too).
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from annotator.core.segments import content_jaccard, content_size
from annotator.core.spans import Span, jaccard

MIN_JACCARD = 0.5
"""Two spans overlap-match when their Jaccard index is at least this."""

_FEW_PAIRS = 64
"""Up to this many pairs of spans left after the exact matches, `_overlap_pairs` tries each."""

Content = tuple[tuple[int, int], ...]
"""A claim's content: its segments in text order, ``((start, end),)`` for one piece."""

_Item = TypeVar("_Item", Span, Content)
"""What `_group` groups: spans, or contents."""


def _overlapping(first: Sequence[Span], second: Sequence[Span]) -> list[tuple[float, int, int]]:
    """``(jaccard, i, j)`` for every pair of spans that overlap-match.

    With Jaccard >= 0.5 the starts of two spans differ by at most the length
    of either (the symmetric difference is at most the overlap), so only the
    spans starting in that window are compared: near-linear on long articles.
    """
    order = sorted(range(len(second)), key=lambda j: second[j].start)
    starts = [second[j].start for j in order]
    found = []
    for i, a in enumerate(first):
        lo = bisect_left(starts, a.start - a.length)
        hi = bisect_right(starts, a.start + a.length)
        for j in order[lo:hi]:
            score = jaccard(a, second[j])
            if score >= MIN_JACCARD:
                found.append((score, i, j))
    return found


def match_spans(
    first: Sequence[tuple[int, int]], second: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """One-to-one greedy matching of two annotators' spans by best Jaccard (>= 0.5).

    Candidate pairs are taken in order of decreasing Jaccard, ties by the
    spans and then by position, each span at most once. Identical spans have
    Jaccard 1 and so come first: they are paired at once (the k-th occurrence
    of a span on one side with its k-th occurrence on the other, as the greedy
    order pairs them), and only the spans left are compared one with another.

    Args:
        first: one annotator's spans (``(start, end)`` pairs will do).
        second: the other's spans.

    Returns:
        ``(i, j)`` index pairs, best match first: exact matches, then the
        others by decreasing Jaccard; ties by position.
    """
    waiting: dict[tuple[int, int], list[int]] = {}
    for j in range(len(second) - 1, -1, -1):  # popped from the end: in increasing order
        span = second[j]
        if span[1] > span[0]:  # an empty span matches nothing, not even itself
            waiting.setdefault(span, []).append(j)
    exact: list[tuple[tuple[int, int], int, int]] = []
    rest_first: list[int] = []
    for i, span in enumerate(first):
        partners = waiting.get(span)
        if partners:
            exact.append((span, i, partners.pop()))
        else:
            rest_first.append(i)
    exact.sort()
    pairs = [(i, j) for _, i, j in exact]
    if not rest_first:
        return pairs
    taken = {j for _, _, j in exact}
    rest_second = [j for j in range(len(second)) if j not in taken]
    return _overlap_pairs(first, second, rest_first, rest_second, pairs)


def match_sorted_spans(
    first: Sequence[tuple[int, int]], second: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """`match_spans` of spans each sorted (as labels are, by start and end): the same pairs.

    Identical spans are found by walking both lists side by side.
    """
    pairs: list[tuple[int, int]] = []
    rest_first: list[int] = []
    rest_second: list[int] = []
    i = j = 0
    size_first, size_second = len(first), len(second)
    while i < size_first and j < size_second:
        a, b = first[i], second[j]
        if a == b and a[1] > a[0]:
            pairs.append((i, j))
            i += 1
            j += 1
        elif a <= b:  # an empty span equal to the other's is passed over too
            rest_first.append(i)
            i += 1
        else:
            rest_second.append(j)
            j += 1
    rest_first += range(i, size_first)
    rest_second += range(j, size_second)
    if not rest_first:
        return pairs
    return _overlap_pairs(first, second, rest_first, rest_second, pairs)


def _overlap_pairs(
    first: Sequence[tuple[int, int]],
    second: Sequence[tuple[int, int]],
    rest_first: list[int],
    rest_second: list[int],
    pairs: list[tuple[int, int]],
) -> list[tuple[int, int]]:
    """``pairs`` (the exact ones) and the greedy overlap matches of the spans left.

    A few spans left on each side (the usual case) are compared every one
    with every other; more, only those `_overlapping` finds near each other
    (the same candidates: spans that share no code point have Jaccard 0).
    """
    if not rest_second:
        return pairs
    candidates: list[tuple[float, tuple[int, int], tuple[int, int], int, int]]
    if len(rest_first) * len(rest_second) <= _FEW_PAIRS:
        candidates = []
        for i in rest_first:
            a = first[i]
            a_start, a_end = a
            for j in rest_second:
                b = second[j]
                b_start, b_end = b
                shared = min(a_end, b_end) - max(a_start, b_start)
                if shared > 0:  # as `jaccard`, which is 0.0 for spans sharing nothing
                    score = shared / ((a_end - a_start) + (b_end - b_start) - shared)
                    if score >= MIN_JACCARD:
                        candidates.append((-score, a, b, i, j))
        candidates.sort()
    else:
        ones = [Span(*first[i]) for i in rest_first]
        others = [Span(*second[j]) for j in rest_second]
        candidates = sorted(
            (-score, ones[a], others[b], rest_first[a], rest_second[b])
            for score, a, b in _overlapping(ones, others)
        )
    return _take_best(candidates, pairs)


def _take_best(
    candidates: list[tuple[Any, ...]], pairs: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Add to ``pairs`` the candidates in their order whose two sides are both still free.

    Each candidate ends with its two positions ``(…, i, j)``; returns ``pairs``.
    """
    used_first: set[int] = set()
    used_second: set[int] = set()
    for *_, i, j in candidates:
        if i not in used_first and j not in used_second:
            used_first.add(i)
            used_second.add(j)
            pairs.append((i, j))
    return pairs


@dataclass(frozen=True, slots=True)
class SpanCounts:
    """Counts behind span F1 between two annotators (summable over articles and pairs)."""

    first: int = 0
    """Spans of the first annotator."""
    second: int = 0
    """Spans of the second annotator."""
    exact: int = 0
    """Pairs matched with identical spans."""
    overlap: int = 0
    """Pairs matched by overlap (Jaccard >= 0.5), exact ones included."""

    def __add__(self, other: SpanCounts) -> SpanCounts:
        return SpanCounts(
            self.first + other.first,
            self.second + other.second,
            self.exact + other.exact,
            self.overlap + other.overlap,
        )

    @property
    def exact_f1(self) -> float | None:
        """F1 of exact matches; None when neither side has a span."""
        total = self.first + self.second
        return 2 * self.exact / total if total else None

    @property
    def overlap_f1(self) -> float | None:
        """F1 of overlap matches; None when neither side has a span."""
        total = self.first + self.second
        return 2 * self.overlap / total if total else None


def span_f1(first: Sequence[Span], second: Sequence[Span]) -> SpanCounts:
    """Exact-match and overlap-match F1 of two annotators' spans (see `annotator.quality.agreement`).

    Args:
        first: one annotator's spans (a span may occur more than once).
        second: the other's spans.

    Returns:
        The counts, with ``exact_f1`` and ``overlap_f1``.
    """
    return span_counts(first, second, match_spans(first, second))


def span_counts(
    first: Sequence[tuple[int, int]],
    second: Sequence[tuple[int, int]],
    pairs: list[tuple[int, int]],
) -> SpanCounts:
    """The `SpanCounts` of two annotators' spans matched as ``pairs`` (see `match_spans`)."""
    exact = sum(first[i] == second[j] for i, j in pairs)
    return SpanCounts(len(first), len(second), exact, len(pairs))


def group_spans(spans: Mapping[str, Sequence[Span]]) -> list[dict[str, int]]:
    """Group several annotators' spans (claims) into units of matched spans.

    Args:
        spans: annotator -> that annotator's spans.

    Returns:
        Every group as annotator -> index of their span, singletons included,
        ordered by the first span of each group. See `annotator.quality.agreement` for the rule.
    """
    return _group(spans, _overlapping, lambda score, x, y: (-score, x, y), jaccard)


def _group(
    items: Mapping[str, Sequence[_Item]],
    overlapping: Callable[[Sequence[_Item], Sequence[_Item]], list[tuple[float, int, int]]],
    rank: Callable[[float, _Item, _Item], tuple[Any, ...]],
    similarity: Callable[[_Item, _Item], float],
) -> list[dict[str, int]]:
    """Group several annotators' spans or contents into units (`group_spans`, `group_contents`).

    Candidate pairs (``overlapping``) of every two annotators are taken in the
    order of ``rank`` (then by position); two groups join when they share no
    annotator and every pair across them is ``similarity`` >= `MIN_JACCARD`.
    """
    names = list(items)
    members = [(name, i) for name in names for i in range(len(items[name]))]
    first_member = dict(
        zip(names, itertools.accumulate((len(items[n]) for n in names), initial=0), strict=False)
    )
    candidates: list[tuple[tuple[Any, ...], int, int]] = []
    for x_name, y_name in itertools.combinations(names, 2):
        xs, ys = items[x_name], items[y_name]
        for score, i, j in overlapping(xs, ys):
            x, y = first_member[x_name] + i, first_member[y_name] + j
            candidates.append((rank(score, xs[i], ys[j]), x, y))
    candidates.sort()
    group_of = list(range(len(members)))
    groups: dict[int, list[int]] = {k: [k] for k in range(len(members))}
    for _, x, y in candidates:
        gx, gy = group_of[x], group_of[y]
        if gx == gy or not _can_join(groups[gx], groups[gy], members, items, similarity):
            continue
        groups[gx] += groups.pop(gy)
        for k in groups[gx]:
            group_of[k] = gx
    result = [{members[k][0]: members[k][1] for k in group} for group in groups.values()]
    result.sort(key=lambda g: min((items[n][i], names.index(n)) for n, i in g.items()))
    return result


def _can_join(
    one: list[int],
    other: list[int],
    members: list[tuple[str, int]],
    items: Mapping[str, Sequence[_Item]],
    similarity: Callable[[_Item, _Item], float],
) -> bool:
    if {members[k][0] for k in one} & {members[k][0] for k in other}:
        return False
    return all(
        similarity(items[members[x][0]][members[x][1]], items[members[y][0]][members[y][1]])
        >= MIN_JACCARD
        for x in one
        for y in other
    )


# -- contents: claims in segments --------------------------------------------------------------


def _overlapping_contents(
    first: Sequence[Content], second: Sequence[Content]
) -> list[tuple[float, int, int]]:
    """``(jaccard, i, j)`` for every pair of contents that overlap-match.

    Only contents whose hulls overlap can share a character: those of
    ``second`` starting before the end of a content of ``first`` and no more
    than the longest hull of ``second`` before its start.
    """
    order = sorted(range(len(second)), key=lambda j: second[j][0][0] if second[j] else 0)
    starts = [second[j][0][0] if second[j] else 0 for j in order]
    longest = max((c[-1][1] - c[0][0] for c in second if c), default=0)
    found = []
    for i, a in enumerate(first):
        if not a:
            continue
        lo = bisect_right(starts, a[0][0] - longest)
        hi = bisect_left(starts, a[-1][1])
        for j in order[lo:hi]:
            b = second[j]
            if b and b[-1][1] > a[0][0]:
                score = content_jaccard(a, b)
                if score >= MIN_JACCARD:
                    found.append((score, i, j))
    return found


def match_contents(first: Sequence[Content], second: Sequence[Content]) -> list[tuple[int, int]]:
    """`match_spans` of claims' contents: identical contents first, then by Jaccard.

    Identical contents (the same segments) are paired first, the k-th
    occurrence on one side with the k-th on the other; the contents left are
    paired by decreasing Jaccard on their characters (>= 0.5), ties by the
    contents and then by position, each at most once. Contents of one piece
    each give the pairs `match_spans` gives of their spans. Two contents with
    the same characters in other segments (``[[0, 5], [5, 9]]`` and
    ``[[0, 9]]``) are not identical: they pair by overlap, after the exact ones.

    Returns:
        ``(i, j)`` index pairs: exact matches by content, then the others by
        decreasing Jaccard.
    """
    waiting: dict[Content, list[int]] = {}
    for j in range(len(second) - 1, -1, -1):
        content = second[j]
        if content_size(content) > 0:
            waiting.setdefault(content, []).append(j)
    exact: list[tuple[Content, int, int]] = []
    rest_first: list[int] = []
    for i, content in enumerate(first):
        partners = waiting.get(content)
        if partners:
            exact.append((content, i, partners.pop()))
        else:
            rest_first.append(i)
    exact.sort()
    pairs = [(i, j) for _, i, j in exact]
    taken = {j for _, _, j in exact}
    rest_second = [j for j in range(len(second)) if j not in taken]
    if not rest_first or not rest_second:
        return pairs
    ones = [first[i] for i in rest_first]
    others = [second[j] for j in rest_second]
    candidates = sorted(
        (-score, ones[a], others[b], rest_first[a], rest_second[b])
        for score, a, b in _overlapping_contents(ones, others)
    )
    return _take_best(candidates, pairs)


def group_contents(contents: Mapping[str, Sequence[Content]]) -> list[dict[str, int]]:
    """`group_spans` of claims' contents (see `match_contents` for what matches).

    Candidate pairs go by decreasing Jaccard, identical contents before other
    pairs of Jaccard 1, then by the contents and position; groups are ordered
    by their first content. Contents of one piece each give the groups
    `group_spans` gives of their spans.
    """
    return _group(
        contents,
        _overlapping_contents,
        lambda score, x, y: (-score, x != y, x, y),
        content_jaccard,
    )
