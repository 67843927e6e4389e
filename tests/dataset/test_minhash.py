"""Near-duplicate search (MinHash, LSH) and the grouping and dealing of articles."""

from __future__ import annotations

from array import array

from annotator.dataset.minhash import BINS, MAX_MISS, Signatures, band_layout, signature
from annotator.dataset.splitting import deal, group_roots
from tests.dataset.newsroom import WIRE, WIRE_COPY


def test_band_layout_misses_few_pairs_at_the_threshold() -> None:
    for threshold in (0.5, 0.8, 0.9, 1.0):
        bands, rows = band_layout(threshold)
        assert bands * rows <= BINS
        assert (1 - threshold**rows) ** bands < MAX_MISS


def test_pairs_are_found_and_a_text_without_words_matches_nothing() -> None:
    found = Signatures()
    for text in (
        WIRE,
        "...",
        "Another text, about the weather in Tannis, entirely.",
        WIRE_COPY,
        "!!",
    ):
        found.add(text, 5)
    pairs = found.pairs(0.8)
    assert [(a, b) for a, b, _ in pairs] == [(0, 3)]
    assert signature("", 5) is None


def test_a_chain_of_near_duplicates_and_stories_is_one_group() -> None:
    roots = group_roots(["s", None, None, "s", None], [(1, 2, 0.9), (2, 4, 0.85)])
    assert list(roots) == [0, 1, 1, 0, 1]


def test_dealing_keeps_groups_whole_and_is_reproducible() -> None:
    roots = array("q", [i // 2 * 2 for i in range(40)])  # groups of two
    counts = array("q", [n for i in range(40) for n in (1, i % 3)])
    first = deal(roots, counts, 2, (50, 25, 25), seed=1)
    assert first == deal(roots, counts, 2, (50, 25, 25), seed=1)
    assert all(first[i] == first[i + 1] for i in range(0, 40, 2))
    assert [first.count(s) for s in range(3)] == [20, 10, 10]
