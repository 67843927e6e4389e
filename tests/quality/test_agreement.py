"""The agreement measures, checked against published worked examples and `krippendorff`."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.spans import Span
from annotator.quality.agreement import (
    AlphaTally,
    cohen_kappa,
    fleiss_kappa,
    group_spans,
    krippendorff_alpha,
    match_spans,
    span_f1,
)
from annotator.quality.agreement.measures import FleissTally

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four
# observers (rows A-D) code 12 units; None where an observer gave no value.
# (The same table is in the docstring of the `krippendorff` package.)
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


def units(coders: list[list[int | None]]) -> list[list[int | None]]:
    """A coders x units table turned into our units x coders rows."""
    return [list(unit) for unit in zip(*coders, strict=True)]


def test_alpha_of_krippendorffs_2011_example() -> None:
    tally = AlphaTally()
    for row in units(KRIPPENDORFF_2011):
        tally.add(row)
    # The paper: unit 12 has one value and is not pairable; n = 40 pairable values,
    # n_c = 9, 13, 10, 5, 3 for values 1..5; nominal alpha = 0.743.
    assert tally.units == 11
    assert dict(tally.totals) == {1: 9, 2: 13, 3: 10, 4: 5, 5: 3}
    alpha = krippendorff_alpha(units(KRIPPENDORFF_2011))
    assert alpha is not None and round(alpha, 3) == 0.743
    # Disagreeing pairs: units 2 and 8 (6/3 each) and unit 6 (12/3); sum of n_c n_k, c != k:
    # 40^2 - (9^2 + 13^2 + 10^2 + 5^2 + 3^2) = 1216.
    assert alpha == pytest.approx(1 - 39 * 8 / 1216)


def test_alpha_is_one_for_perfect_agreement_and_drops_single_values() -> None:
    assert krippendorff_alpha([["x", "x"], ["y", "y", None], ["z"]]) == 1.0


@pytest.mark.parametrize(
    "table",
    [
        [],  # no units
        [[1, None], [None, 2], [3]],  # no unit has two values
        [[1, 1], [1, 1, 1], [2, None]],  # one value among the pairable ones: 0/0
        [[None, None]],
    ],
)
def test_alpha_is_none_when_undefined(table: list[list[int | None]]) -> None:
    assert krippendorff_alpha(table) is None


# Tables for the comparison with the `krippendorff` package: 2-5 coders, 1-25 units,
# values 0-3 or missing.
tables = st.integers(2, 5).flatmap(
    lambda coders: st.lists(
        st.lists(st.one_of(st.none(), st.integers(0, 3)), min_size=coders, max_size=coders),
        min_size=1,
        max_size=25,
    )
)


def reference_alpha(table: list[list[int | None]]) -> float | None:
    """`krippendorff.alpha`, with its errors and NaN for undefined read as None."""
    data = np.array(
        [[math.nan if v is None else v for v in unit] for unit in table], dtype=float
    ).T  # the package wants coders x units
    try:
        with np.errstate(invalid="ignore", divide="ignore"):
            value = float(krippendorff.alpha(data, level_of_measurement="nominal"))
    except ValueError:  # "more than one value in the domain", "at least one unit ..."
        return None
    return None if math.isnan(value) else value


@settings(max_examples=300, deadline=None)  # the package's first call imports numpy
@given(tables)
def test_alpha_equals_the_krippendorff_package(table: list[list[int | None]]) -> None:
    ours = krippendorff_alpha(table)
    theirs = reference_alpha(table)
    if theirs is None:
        assert ours is None
    else:
        assert ours is not None
        assert ours == pytest.approx(theirs, abs=1e-9)


def test_the_reference_agrees_on_the_2011_example() -> None:
    alpha = reference_alpha(units(KRIPPENDORFF_2011))
    assert alpha == pytest.approx(krippendorff_alpha(units(KRIPPENDORFF_2011)), abs=1e-12)


def ratings(both: int, first_only: int, second_only: int, neither: int) -> tuple[list[str], ...]:
    """Two raters' yes/no from a 2x2 table (rows: first rater, columns: second)."""
    pairs = (
        [("yes", "yes")] * both
        + [("yes", "no")] * first_only
        + [("no", "yes")] * second_only
        + [("no", "no")] * neither
    )
    return [a for a, _ in pairs], [b for _, b in pairs]


@pytest.mark.parametrize(
    ("table", "kappa"),
    [
        # Wikipedia, "Cohen's kappa", simple example: p_o = 0.7, p_e = 0.5.
        ((20, 5, 10, 15), 0.4),
        # Wikipedia, "Same percentages but different numbers": p_o = 0.6 in both.
        ((45, 15, 25, 15), 0.1304),
        ((25, 35, 5, 35), 0.2593),
    ],
)
def test_cohen_kappa_of_published_examples(table: tuple[int, int, int, int], kappa: float) -> None:
    first, second = ratings(*table)
    assert cohen_kappa(first, second) == pytest.approx(kappa, abs=5e-5)


def test_cohen_kappa_leaves_out_units_one_rater_left_empty() -> None:
    first, second = ratings(20, 5, 10, 15)
    with_gaps = cohen_kappa([*first, None, "yes"], [*second, "no", None])
    assert with_gaps == pytest.approx(0.4)


def test_cohen_kappa_undefined_and_mismatched() -> None:
    assert cohen_kappa([], []) is None
    assert cohen_kappa([None, "a"], ["b", None]) is None
    assert cohen_kappa(["a", "a"], ["a", "a"]) is None  # chance agreement is 1
    assert cohen_kappa(["a", "a"], ["b", "b"]) == 0.0  # p_o = p_e = 0
    with pytest.raises(ValueError, match="2 values against 1"):
        cohen_kappa(["a", "b"], ["a"])


# Fleiss (1971) as worked on Wikipedia ("Fleiss' kappa", worked example): 10 subjects,
# 14 raters each, 5 categories; each row counts the raters per category.
FLEISS_EXAMPLE = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
]


def test_fleiss_kappa_of_the_worked_example() -> None:
    table: list[list[Hashable | None]] = [
        [category for category, n in enumerate(row, start=1) for _ in range(n)]
        for row in FLEISS_EXAMPLE
    ]
    kappa = fleiss_kappa(table)
    assert kappa is not None and round(kappa, 3) == 0.210
    # P-bar = 0.378 and P-bar-e = 0.213 in the example, with more digits:
    p_bar = sum((sum(n * n for n in row) - 14) / (14 * 13) for row in FLEISS_EXAMPLE) / 10
    p_e = sum((sum(col) / 140) ** 2 for col in zip(*FLEISS_EXAMPLE, strict=True))
    assert kappa == pytest.approx((p_bar - p_e) / (1 - p_e))


def test_fleiss_kappa_needs_equal_numbers_of_ratings() -> None:
    assert fleiss_kappa([["a", "a"], ["a", "b"], ["b", "b"]]) == pytest.approx(1 / 3)
    assert fleiss_kappa([["a", "a"], ["a", "b", None], [None, None]]) is not None
    assert fleiss_kappa([["a", "a"], ["a", "b", "b"]]) is None  # 2 and 3 ratings
    assert fleiss_kappa([["a", "a"], ["b", None]]) is None  # a unit rated once
    assert fleiss_kappa([["a"], ["b"]]) is None
    assert fleiss_kappa([["a", "a"], ["a", "a"]]) is None  # one value: chance agreement 1
    assert fleiss_kappa([]) is None


def test_fleiss_kappa_of_units_counted_in_another_order_given_the_first_values() -> None:
    """Chance agreement adds the values' shares in the order the values first occur."""
    units = [("a", "b"), ("c", "d"), *[("d", "d")] * 4]
    one_by_one = FleissTally()
    for unit in units:
        one_by_one.add(unit)
    counted = Counter(units)

    def backwards(first_values: list[str] | None) -> float | None:
        tally = FleissTally()
        if first_values is not None:
            tally.first_values(first_values)
        for unit, times in reversed(counted.items()):
            tally.add_counts(Counter(unit), times)
        return tally.kappa()

    assert backwards(["a", "b", "c", "d"]) == one_by_one.kappa() == 0.19999999999999984
    assert backwards(None) == 0.20000000000000007  # not the same to the last bit


# -- spans ------------------------------------------------------------------------------------


def f1(first: list[tuple[int, int]], second: list[tuple[int, int]]) -> tuple[object, object]:
    counts = span_f1([Span(*s) for s in first], [Span(*s) for s in second])
    swapped = span_f1([Span(*s) for s in second], [Span(*s) for s in first])
    assert (swapped.exact_f1, swapped.overlap_f1) == (counts.exact_f1, counts.overlap_f1)
    return counts.exact_f1, counts.overlap_f1


def test_span_f1_exact_and_overlap() -> None:
    assert f1([(0, 10), (20, 30)], [(0, 10), (20, 30)]) == (1.0, 1.0)
    assert f1([(0, 10)], [(0, 8)]) == (0.0, 1.0)  # Jaccard 0.8
    assert f1([(0, 10)], [(0, 5)]) == (0.0, 1.0)  # Jaccard exactly 0.5 matches
    assert f1([(0, 10)], [(0, 4)]) == (0.0, 0.0)  # Jaccard 0.4 does not
    assert f1([(0, 10)], [(6, 16)]) == (0.0, 0.0)  # Jaccard 0.25
    assert f1([(0, 10)], [(10, 20)]) == (0.0, 0.0)  # touching, no shared character


def test_span_f1_nested_spans() -> None:
    # A claim with a nested span; the other annotator has the claim and a shorter nested one.
    assert f1([(0, 20), (5, 10)], [(0, 20), (5, 9)]) == (0.5, 1.0)
    # A nested span never matches its container when Jaccard is below 0.5.
    assert f1([(0, 20)], [(5, 10)]) == (0.0, 0.0)


def test_span_f1_is_one_to_one() -> None:
    assert f1([(0, 10)], [(0, 10), (0, 9)]) == (pytest.approx(2 / 3), pytest.approx(2 / 3))
    assert f1([(0, 5), (0, 5)], [(0, 5)]) == (pytest.approx(2 / 3), pytest.approx(2 / 3))


def test_span_f1_with_one_side_or_both_empty() -> None:
    assert f1([(0, 5)], []) == (0.0, 0.0)
    assert f1([], []) == (None, None)


def test_matching_takes_the_exact_span_then_the_best_overlap() -> None:
    first = [Span(0, 10), Span(40, 50)]
    second = [Span(0, 6), Span(0, 9), Span(0, 10), Span(41, 50), Span(40, 49)]
    # (0,10) is matched exactly; (40,50) by the better of two overlaps: (41,50) and (40,49)
    # tie at 0.9, and the tie goes to the earlier span.
    assert match_spans(first, second) == [(0, 2), (1, 4)]
    assert match_spans(first[:1], second[:2]) == [(0, 1)]  # Jaccard 0.9 before 0.6
    assert match_spans(first, []) == []


def test_greedy_matching_takes_the_best_pair_first() -> None:
    # (0,10)~(1,10) is the best pair (0.9); (0,9) is then left with nothing of Jaccard >= 0.5.
    assert match_spans([Span(0, 10), Span(0, 9)], [Span(1, 10)]) == [(0, 0)]


def test_matching_finds_overlaps_far_into_a_long_article() -> None:
    spans = [Span(k * 100, k * 100 + 40) for k in range(500)]
    shifted = [Span(s.start + 10, s.end + 10) for s in reversed(spans)]
    pairs = match_spans(spans, shifted)
    assert sorted(pairs) == [(k, 499 - k) for k in range(500)]  # Jaccard 30/50 = 0.6 each


def group(spans: dict[str, list[tuple[int, int]]]) -> list[dict[str, int]]:
    return group_spans({name: [Span(*s) for s in these] for name, these in spans.items()})


def test_grouping_two_annotators_gives_the_matched_pairs() -> None:
    spans = {"ana": [(0, 10), (20, 30), (50, 60)], "ben": [(21, 30), (0, 10), (70, 80)]}
    assert group(spans) == [
        {"ana": 0, "ben": 1},
        {"ana": 1, "ben": 0},
        {"ana": 2},
        {"ben": 2},
    ]


def test_grouping_three_annotators() -> None:
    spans = {"ana": [(0, 10)], "ben": [(0, 10)], "cy": [(1, 10)]}
    assert group(spans) == [{"ana": 0, "ben": 0, "cy": 0}]


def test_a_group_needs_every_two_claims_to_match() -> None:
    # ana~ben 0.6 and ben~cy 0.5, but ana~cy only 0.3: cy stays on its own.
    spans = {"ana": [(0, 10)], "ben": [(0, 6)], "cy": [(0, 3)]}
    assert group(spans) == [{"cy": 0}, {"ana": 0, "ben": 0}]  # by first span


def test_a_group_has_one_claim_per_annotator() -> None:
    spans = {"ana": [(0, 9), (0, 10)], "ben": [(0, 10)]}
    assert group(spans) == [{"ana": 0}, {"ana": 1, "ben": 0}]


def test_grouping_nothing() -> None:
    assert group({"ana": [], "ben": []}) == []
    assert group({}) == []
