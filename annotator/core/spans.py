"""Span maths: validation, overlap, and code point <-> UTF-16 conversion.

Spans are ``start``/``end`` (end exclusive) in Unicode code points of the
stored article text, i.e. ``text[start:end]`` in Python. Qt and browsers count
UTF-16 code units, where a character outside the Basic Multilingual Plane
(most emoji, flags' regional indicators, rare CJK) takes two units.
`Utf16Map` is the one place that converts between the two.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import NamedTuple

from annotator.core.errors import ValidationError, quoted

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Span(NamedTuple):
    """A half-open range ``[start, end)`` of code points."""

    start: int
    end: int

    @property
    def length(self) -> int:
        """Number of code points covered."""
        return self.end - self.start


def check_span(start: object, end: object, text_length: int, what: str = "span") -> Span:
    """Return the span if it is well-formed for a text of ``text_length`` code points.

    Raises:
        ValidationError: if the offsets are not integers, are reversed, empty, or out of range.
    """
    if type(start) is not int or type(end) is not int:
        raise ValidationError(
            f"{what} offsets must be whole numbers, got {quoted(start)}..{quoted(end)}"
        )
    if start < 0 or end > text_length:
        raise ValidationError(
            f"{what} {start}..{end} is out of range (the text has {text_length} characters)"
        )
    if start >= end:
        raise ValidationError(f"{what} {start}..{end} is empty or reversed")
    return Span(start, end)


def overlap(a: Span, b: Span) -> int:
    """Number of code points that two spans share (0 when disjoint)."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def jaccard(a: Span, b: Span) -> float:
    """Shared code points divided by the code points covered by either span."""
    shared = overlap(a, b)
    union = (a.end - a.start) + (b.end - b.start) - shared
    return shared / union if union else 0.0


def utf16_length(text: str) -> int:
    """Length of ``text`` in UTF-16 code units."""
    return len(text) + sum(1 for _ in _ASTRAL.finditer(text))


class Utf16Map:
    """Converts positions in one text between code points and UTF-16 code units.

    Built once per text in O(n) with a C-speed regex scan; each conversion is a
    binary search over the positions of the (usually few) astral characters.
    """

    __slots__ = ("_astral", "_astral16", "_length")

    def __init__(self, text: str) -> None:
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        # UTF-16 position of each astral character: every earlier one added a unit.
        self._astral16 = [cp + k for k, cp in enumerate(self._astral)]
        self._length = len(text)

    @property
    def is_identity(self) -> bool:
        """True when the text has no astral character, so both counts agree."""
        return not self._astral

    def to_utf16(self, cp: int) -> int:
        """UTF-16 position of code point position ``cp`` (0..len(text))."""
        return cp + bisect_left(self._astral, cp)

    def to_codepoint(self, unit: int) -> int:
        """Code point position of UTF-16 position ``unit``.

        A position inside a surrogate pair is rounded down to the start of its character.
        """
        before = bisect_right(self._astral16, unit - 2)  # astral chars ending at or before unit
        if before < len(self._astral16) and self._astral16[before] == unit - 1:
            return self._astral[before]
        return unit - before

    def span_to_utf16(self, span: Span) -> Span:
        """Convert a code point span to UTF-16 units."""
        return Span(self.to_utf16(span.start), self.to_utf16(span.end))

    def span_to_codepoint(self, span: Span) -> Span:
        """Convert a UTF-16 span to code points."""
        return Span(self.to_codepoint(span.start), self.to_codepoint(span.end))
