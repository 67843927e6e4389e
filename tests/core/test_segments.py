"""`content_jaccard`: claims compared on the characters of their segments, edges trimmed or not."""

from __future__ import annotations

from annotator.core.segments import content_edges, content_jaccard, content_shared, content_size
from annotator.core.spans import Span

TEXT = "“The plan,” she said, “will fail.”"
QUOTE = ((1, 9), (23, 32))  # The plan / will fail: a quote split around its cue
MARKED = ((0, 11), (22, 34))  # “The plan,” / “will fail.”: the same with its marks


def test_the_characters_between_segments_count_for_nothing() -> None:
    hull = ((1, 32),)
    assert content_size(QUOTE) == 17 and content_shared(QUOTE, hull) == 17
    assert content_jaccard(QUOTE, hull) == 17 / 31
    assert content_jaccard(QUOTE, QUOTE) == 1.0
    assert content_jaccard((), ()) == 0.0


def test_with_the_text_the_punctuation_at_the_segments_ends_is_left_out() -> None:
    assert content_edges(TEXT, MARKED) == (Span(1, 9), Span(23, 32))
    assert content_jaccard(MARKED, QUOTE) == 17 / 23  # agreement: every character counts
    assert content_jaccard(MARKED, QUOTE, TEXT) == 1.0  # evaluation: the marks are no content
    assert content_jaccard(MARKED, ((0, 34),), TEXT) == 17 / 31
