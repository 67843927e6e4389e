"""Running several recommenders on one article, and merging what they propose.

`suggest` runs the recommenders the project has switched on and `combine`s
their suggestions: claims that two recommenders propose over the same words
(half the shorter span inside the other: a learned sentence and the content
a pattern found in it) become one suggestion, the one
that knows the attribution (cue and source) first, its open fields filled
from the others (a pattern's claim takes the learned model's stance), with
the best score of them. Its key is the kept suggestion's, so a rejection
still holds. Everything else passes through, repeated keys once.

A recommender that raises something other than an `AnnotatorError` (a fault)
is named: `suggest` raises `RecommenderFailed` from it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from annotator.assist.suggestion import (
    CLAIM,
    Recommender,
    SuggestContext,
    Suggestion,
    in_text_order,
)
from annotator.core.errors import AnnotatorError
from annotator.core.model import CLAIM_VOCAB_FIELDS, Article
from annotator.core.spans import Span, overlap

PROBLEM_LIMIT = 200
"""Characters of a fault's one-line description (`describe`) before it is cut."""


class RecommenderFailed(Exception):
    """A recommender raised an error that is not an `AnnotatorError` (a fault): which, and what.

    Not an `AnnotatorError`: a fault is a bug; the original error is its
    ``__cause__``. It pickles (its arguments are its two strings), so it comes
    back whole from a worker process.
    """

    def __init__(self, recommender: str, problem: str) -> None:
        super().__init__(recommender, problem)
        self.recommender = recommender
        self.problem = problem

    def __str__(self) -> str:
        return f"the recommender {self.recommender!r} failed: {self.problem}"


def describe(error: BaseException) -> str:
    """One line naming an error: ``KeyError: 'sentences'`` (cut at `PROBLEM_LIMIT` characters)."""
    text = " ".join(str(error).split())
    line = f"{type(error).__name__}: {text}" if text else type(error).__name__
    return line if len(line) <= PROBLEM_LIMIT else line[: PROBLEM_LIMIT - 1] + "…"


def _knows(s: Suggestion) -> tuple[int, float]:
    claim = s.claim
    attribution = claim.attribution if claim else None
    known = int(attribution is not None and attribution.cue is not None) * 2 + int(
        s.source is not None
    )
    return known, s.score


BLOCK = 256
"""Characters per block of the text in which `combine` looks for claims over the same words."""


def combine(suggestions: Iterable[Suggestion]) -> list[Suggestion]:
    """The suggestions with overlapping claims merged (see the module docstring), in text order.

    Each claim is compared with the claims kept before it that share a block
    of the text with it (`BLOCK`), not with all of them: on a 1 MB article
    with 8,000 claims, comparing every pair took minutes.
    """
    unique = list({s.key: s for s in suggestions}.values())
    claims = sorted((s for s in unique if s.kind == CLAIM and s.claim), key=_knows, reverse=True)
    others = [s for s in unique if not (s.kind == CLAIM and s.claim)]
    kept: list[Suggestion] = []
    spans: list[Span] = []  # of the kept claims (filling one in keeps its span)
    by_block: dict[int, list[int]] = {}  # block -> indexes of the kept claims over it
    empty: list[int] = []  # kept claims of no words: the same as any claim (`_same_words`)
    for s in claims:
        assert s.claim is not None
        span = s.claim.span
        blocks = range(span.start // BLOCK, max(span.start, span.end - 1) // BLOCK + 1)
        if span.length:
            near = sorted({i for block in blocks for i in by_block.get(block, ())} | set(empty))
        else:
            near = list(range(len(kept)))
        same = next((i for i in near if _same_words(spans[i], span)), None)
        if same is None:
            for block in blocks:
                by_block.setdefault(block, []).append(len(kept))
            if not span.length:
                empty.append(len(kept))
            kept.append(s)
            spans.append(span)
            continue
        kept[same] = _filled(kept[same], s)
    return in_text_order(kept + others)


def _same_words(a: Span, b: Span) -> bool:
    """True when at least half of the shorter span lies in the other (a sentence and its content)."""
    return overlap(a, b) * 2 >= min(a.length, b.length)


def _filled(kept: Suggestion, other: Suggestion) -> Suggestion:
    assert kept.claim is not None and other.claim is not None
    values = {
        name: getattr(other.claim, name)
        for name in CLAIM_VOCAB_FIELDS
        if getattr(kept.claim, name) is None and getattr(other.claim, name) is not None
    }
    if not values and other.score <= kept.score:
        return kept
    filled = f"{', '.join(values)} from {other.recommender}" if values else ""
    note = "; ".join(n for n in (kept.note, filled) if n)
    return dataclasses.replace(
        kept,
        claim=dataclasses.replace(kept.claim, **values),
        score=max(kept.score, other.score),
        note=note,
    )


def suggest(
    article: Article,
    context: SuggestContext,
    recommenders: Sequence[Recommender],
    *,
    merge: bool = True,
) -> list[Suggestion]:
    """Every recommender's suggestions for ``article``, combined (unless ``merge`` is False).

    Raises:
        RecommenderFailed: a recommender raised an error that is not an `AnnotatorError`.
    """
    found: list[Suggestion] = []
    for recommender in recommenders:
        try:
            found += recommender.suggest(article, context)
        except AnnotatorError:
            raise
        except Exception as exc:
            raise RecommenderFailed(recommender.name, describe(exc)) from exc
    return combine(found) if merge else in_text_order(found)
