"""Other places in an article where an actor is named, to mark them all in one step."""

from __future__ import annotations

import re
from collections.abc import Iterable

from annotator.core.spans import Span, overlap


def find_occurrences(text: str, names: Iterable[str], taken: Iterable[Span]) -> list[Span]:
    """Whole-word occurrences of any of ``names`` that overlap none of ``taken``.

    Longer names win where names overlap ("the Norvanian government" over
    "Norvanian"); matching is case-sensitive, since "Turkey" and "turkey" differ.
    """
    unique = sorted({n.strip() for n in names if n.strip()}, key=len, reverse=True)
    if not unique:
        return []
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in unique) + r")(?!\w)")
    blocked = list(taken)
    found: list[Span] = []
    for match in pattern.finditer(text):
        span = Span(*match.span())
        if not any(overlap(span, other) for other in blocked):
            found.append(span)
            blocked.append(span)
    return found
