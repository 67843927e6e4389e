"""Span maths and the one code point <-> UTF-16 conversion."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.errors import ValidationError
from annotator.core.spans import (
    Span,
    SpanIndex,
    Utf16Map,
    check_span,
    jaccard,
    overlap,
    utf16_length,
)

# Each sample puts a hard character before "claim" so positions shift in UTF-16.
SAMPLES = {
    "emoji": "👍 a claim",
    "skin tone": "👍🏽 a claim",
    "flag": "🇪🇺 a claim",
    "zwj": "👩‍⚕️ a claim",
    "family zwj": "👨‍👩‍👧 a claim",
    "combining accent": "Rene\u0301e a claim",
    "cjk": "李明 a claim",
    "cjk extension b": "𠀋 a claim",
    "rtl": "وزارة الخارجية a claim",
    "ascii": "plain a claim",
}


@pytest.mark.parametrize("text", SAMPLES.values(), ids=SAMPLES.keys())
def test_conversion_agrees_with_utf16_encoding(text: str) -> None:
    mapping = Utf16Map(text)
    start = text.index("claim")
    expected = len(text[:start].encode("utf-16-le")) // 2
    assert mapping.to_utf16(start) == expected
    assert mapping.to_codepoint(expected) == start
    assert mapping.to_utf16(len(text)) == utf16_length(text)


def test_astral_characters_shift_by_one_unit_each() -> None:
    text = "a😀b🇪🇺c"  # 😀 is one astral char; the flag is two regional indicators
    mapping = Utf16Map(text)
    assert [mapping.to_utf16(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 8, 9]
    assert not mapping.is_identity
    assert Utf16Map("Renée 李明").is_identity


def test_position_inside_a_surrogate_pair_rounds_down() -> None:
    mapping = Utf16Map("a😀b")
    assert mapping.to_codepoint(2) == 1  # between the two halves of 😀
    assert mapping.to_codepoint(3) == 2


def test_span_conversion_round_trips() -> None:
    text = "🇪🇺 Velgrad said 👩‍⚕️ nurses"
    mapping = Utf16Map(text)
    span = Span(text.index("said"), text.index("said") + 4)
    units = mapping.span_to_utf16(span)
    assert text.encode("utf-16-le")[units.start * 2 : units.end * 2].decode("utf-16-le") == "said"
    assert mapping.span_to_codepoint(units) == span


@given(st.text(), st.data())
def test_every_boundary_round_trips(text: str, data: st.DataObject) -> None:
    mapping = Utf16Map(text)
    cp = data.draw(st.integers(0, len(text)))
    unit = mapping.to_utf16(cp)
    assert unit == len(text[:cp].encode("utf-16-le", "surrogatepass")) // 2
    assert mapping.to_codepoint(unit) == cp


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (-1, 3, "out of range"),
        (0, 11, "out of range"),
        (4, 4, "empty or reversed"),
        (5, 2, "empty or reversed"),
        (1.0, 3, "whole numbers"),
        ("1", 3, "whole numbers"),
        (True, 3, "whole numbers"),
    ],
)
def test_check_span_rejects(start: object, end: object, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        check_span(start, end, 10, "claim")


def test_check_span_accepts_whole_text() -> None:
    assert check_span(0, 10, 10) == Span(0, 10)


def test_overlap_and_jaccard() -> None:
    assert overlap(Span(0, 10), Span(5, 20)) == 5
    assert overlap(Span(0, 5), Span(5, 9)) == 0
    assert jaccard(Span(0, 10), Span(5, 15)) == pytest.approx(5 / 15)
    assert jaccard(Span(3, 7), Span(3, 7)) == 1.0
    assert jaccard(Span(0, 2), Span(4, 6)) == 0.0


# -- SpanIndex: the same answers as overlap() against every span ----------------------------

_spans = st.builds(
    lambda start, length: Span(start, start + length),
    st.integers(0, 300),
    st.integers(0, 120),
)


@given(st.lists(_spans, max_size=40), _spans)
def test_span_index_finds_exactly_the_spans_that_overlap(spans: list[Span], asked: Span) -> None:
    index = SpanIndex(spans)
    expected = sorted(s for s in spans if overlap(s, asked))
    assert index.overlapping(asked) == expected
    assert index.any_overlap(asked) == bool(expected)
