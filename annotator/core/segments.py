"""Discontinuous claim content: a claim's words in several segments.

A quote split around its cue (“The plan,” she said, “will fail.”) is one
claim whose content is two **segments**. A claim keeps its ``start``/``end``
as the **hull** of its content (from the first segment's start to the last
one's end), so everything that reads only the span (sorting, overlap, the
text view, exports without segments) sees the claim where it is. Its
``segments`` are empty for a claim in one piece (the common case, and every
claim made before segments existed), else two or more spans:

- each inside the text (code points, end exclusive, not empty);
- in text order and not overlapping (a segment may end where the next starts);
- the first starts at the claim's ``start``, the last ends at its ``end``.

`content_fields` gives the ``start``/``end``/``segments`` of any list of
segments in that canonical shape; `added_segment` and `removed_segment` are
the edits the annotator makes. `content_jaccard` compares two contents on
their characters (agreement between annotators, and the evaluation of
suggestions, which leaves out the punctuation at the segments' ends).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from annotator.core.errors import ValidationError
from annotator.core.spans import Span, check_span


def check_segments(
    segments: Sequence[Any], text_length: int, what: str = "claim"
) -> tuple[Span, ...]:
    """Return the segments as spans if each is in the text and they are in order without overlap.

    Raises:
        ValidationError: a segment is malformed or out of range, or two are out
            of order or overlap (the message names them, counted from 1).
    """
    spans: list[Span] = []
    for number, segment in enumerate(segments, 1):
        if not isinstance(segment, (tuple, list)) or len(segment) != 2:
            raise ValidationError(f"{what} segment {number} must be a start and an end")
        spans.append(check_span(segment[0], segment[1], text_length, f"{what} segment {number}"))
    for number, (before, after) in enumerate(pairwise(spans), 2):
        if after.start < before.end:
            problem = "overlaps" if after.end > before.start else "comes before"
            raise ValidationError(
                f"{what} segment {number} ({after.start}..{after.end}) {problem} segment"
                f" {number - 1} ({before.start}..{before.end}); segments are in text order"
                " and do not overlap"
            )
    return tuple(spans)


def hull(segments: Sequence[Span]) -> Span:
    """The span from the first segment's start to the last one's end."""
    return Span(segments[0].start, segments[-1].end)


def content_fields(segments: Sequence[Span]) -> dict[str, Any]:
    """``start``, ``end`` and ``segments`` of a claim whose content is ``segments`` (in order).

    One segment gives empty ``segments``: the claim is its span.
    """
    whole = hull(segments)
    return {
        "start": whole.start,
        "end": whole.end,
        "segments": tuple(segments) if len(segments) > 1 else (),
    }


def check_claim_content(start: int, end: int, segments: Sequence[Any], text_length: int) -> None:
    """Check a claim's ``segments`` (empty: one piece) against its span and its text.

    Raises:
        ValidationError: a bad segment, only one segment, or segments whose
            hull is not ``start``..``end``.
    """
    if not segments:
        return
    spans = check_segments(segments, text_length)
    if len(spans) == 1:
        raise ValidationError("a claim in one piece has no segments (its span is its content)")
    whole = hull(spans)
    if (whole.start, whole.end) != (start, end):
        raise ValidationError(
            f"claim {start}..{end} must run from its first segment's start to its last one's"
            f" end ({whole.start}..{whole.end})"
        )


def added_segment(content: Sequence[Span], segment: Span) -> tuple[Span, ...]:
    """The content with ``segment`` added in its place.

    Raises:
        ValidationError: the segment overlaps one the claim has.
    """
    for number, old in enumerate(content, 1):
        if old.start < segment.end and segment.start < old.end:
            raise ValidationError(
                f"{segment.start}..{segment.end} overlaps the claim's segment {number}"
                f" ({old.start}..{old.end}); a claim's segments do not overlap"
            )
    return tuple(sorted((*content, segment)))


def removed_segment(content: Sequence[Span], segment: Span) -> tuple[Span, ...]:
    """The content without ``segment``.

    Raises:
        ValidationError: the claim has no such segment, or it is the only one.
    """
    if segment not in content:
        listed = ", ".join(f"{s.start}..{s.end}" for s in content)
        raise ValidationError(
            f"the claim has no segment {segment.start}..{segment.end} (it has {listed})"
        )
    if len(content) == 1:
        raise ValidationError("a claim keeps at least one segment; delete the claim instead")
    return tuple(s for s in content if s != segment)


def covered_text(text: str, segments: Sequence[Span], joiner: str = " … ") -> str:
    """The words of ``segments`` in ``text``, joined by ``joiner``."""
    return joiner.join(text[s.start : s.end] for s in segments)


CONTENT_EDGES = " \t\n\r\u00a0\u202f“”„‟\"‘’‚‛'«»‹›「」,.;:!?…—–-"
"""What `content_edges` takes off either end of a segment."""


def content_edges(text: str, content: Sequence[tuple[int, int]]) -> tuple[Span, ...]:
    """``content``'s segments without quotation marks, white space and punctuation at
    either end (a segment of nothing else is left out; a content of nothing else stays)."""
    out = []
    for start, end in content:
        while start < end and text[start] in CONTENT_EDGES:
            start += 1
        while end > start and text[end - 1] in CONTENT_EDGES:
            end -= 1
        if start < end:
            out.append(Span(start, end))
    return tuple(out) or tuple(Span(start, end) for start, end in content)


def content_size(content: Sequence[tuple[int, int]]) -> int:
    """Characters (code points) of a content's segments, the gaps between them left out."""
    return sum(end - start for start, end in content)


def content_shared(first: Sequence[tuple[int, int]], second: Sequence[tuple[int, int]]) -> int:
    """Characters two contents have in common (each in text order, segments apart)."""
    shared = i = j = 0
    while i < len(first) and j < len(second):
        (a_start, a_end), (b_start, b_end) = first[i], second[j]
        low, high = max(a_start, b_start), min(a_end, b_end)
        if high > low:
            shared += high - low
        if a_end <= b_end:
            i += 1
        else:
            j += 1
    return shared


def content_jaccard(
    first: Sequence[tuple[int, int]], second: Sequence[tuple[int, int]], text: str | None = None
) -> float:
    """Shared characters over the characters of either content (0.0 for two empty ones).

    Each content is its segments in text order (``((start, end),)`` for a
    claim in one piece); the characters between segments count for nothing.
    With ``text``, the segments are compared without the quotation marks,
    white space and punctuation at their ends (`content_edges`), as the
    evaluation of suggestions compares them.
    """
    if text is not None:
        first, second = content_edges(text, first), content_edges(text, second)
    shared = content_shared(first, second)
    union = content_size(first) + content_size(second) - shared
    return shared / union if union else 0.0
