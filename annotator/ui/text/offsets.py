"""The one place where Qt document positions and stored offsets meet.

Stored spans count Unicode code points; a `QTextDocument` counts UTF-16 code
units, with one position per line break. The article text is put into the
document as it is stored (only ``\\n`` line breaks), so a document position
is exactly a UTF-16 offset into the stored text, and `Utf16Map` converts.
"""

from __future__ import annotations

from annotator.core.spans import Span, Utf16Map


class DocumentOffsets:
    """Converts between an article's stored offsets and its document positions."""

    __slots__ = ("_map", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._map = Utf16Map(text)

    def to_qt(self, offset: int) -> int:
        """Document position of a stored (code point) offset."""
        return self._map.to_utf16(offset)

    def span_to_qt(self, span: Span) -> Span:
        """Document positions of a stored span."""
        return self._map.span_to_utf16(span)

    def span_from_qt(self, start: int, end: int) -> Span:
        """Stored span of a document selection (either order)."""
        low, high = sorted((start, end))
        return Span(self._map.to_codepoint(low), self._map.to_codepoint(high))
