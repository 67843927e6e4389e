"""combine(): claims over the same words merged, as comparing every pair of them would."""

from __future__ import annotations

import dataclasses
import random

from annotator.assist.recommenders import _filled, _knows, _same_words, combine
from annotator.assist.suggestion import CLAIM, Suggestion, claim_suggestion, in_text_order
from annotator.core.model import Article, Attribution
from annotator.core.spans import Span


def every_pair(suggestions: list[Suggestion]) -> list[Suggestion]:
    """The merge as the module docstring says it, each claim against every claim kept."""
    unique = list({s.key: s for s in suggestions}.values())
    claims = sorted((s for s in unique if s.kind == CLAIM and s.claim), key=_knows, reverse=True)
    kept: list[Suggestion] = []
    for s in claims:
        assert s.claim is not None
        same = next(
            (i for i, k in enumerate(kept) if _same_words(k.claim.span, s.claim.span)),  # type: ignore[union-attr]
            None,
        )
        if same is None:
            kept.append(s)
        else:
            kept[same] = _filled(kept[same], s)
    return in_text_order(kept + [s for s in unique if s not in claims])


def test_combine_merges_as_comparing_every_pair_on_long_articles() -> None:
    rng = random.Random(15)
    article = Article("a", "x" * 20_000)
    for _ in range(40):
        found = []
        for i in range(rng.randint(1, 300)):
            start = rng.randint(0, 19_800)
            end = start + rng.choice([1, 8, 60, 250, 700])  # inside one block, or over several
            values = {"stance": rng.choice([None, "support", "oppose"])}
            cue = Span(start, start + 1) if rng.random() < 0.5 else None
            found.append(
                claim_suggestion(
                    (rng.choice(["patterns", "learned"]), "1"),
                    article,
                    Span(start, min(end, 20_000)),
                    rng.random(),
                    attribution=Attribution("indirect", cue=cue),
                    fields=values,
                    note=str(i),
                )
            )
        found += [dataclasses.replace(found[0])]  # a key twice: kept once
        assert combine(found) == every_pair(found)
