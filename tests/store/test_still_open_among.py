"""`still_open_among` keeps exactly the suggestions `still_open` keeps (it indexes the labels once)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.assist.suggestion import claim_suggestion, mention_suggestion
from annotator.core.model import Article, ArticleLabels, Claim, Mention, Status
from annotator.core.spans import Span
from annotator.store.suggestion_rows import still_open, still_open_among

TEXT = "x" * 400
ARTICLE = Article(id="a1", text=TEXT)
RECOMMENDER = ("test", "1")

_spans = st.builds(
    lambda start, length: Span(start, min(len(TEXT), start + length)),
    st.integers(0, 380),
    st.integers(0, 60),
)


@settings(max_examples=200)
@given(
    claims=st.lists(_spans, max_size=12),
    mentions=st.lists(st.tuples(_spans, st.booleans()), max_size=12),
    asked=st.lists(st.tuples(_spans, st.booleans()), max_size=12),
)
def test_still_open_among_agrees_with_still_open(
    claims: list[Span], mentions: list[tuple[Span, bool]], asked: list[tuple[Span, bool]]
) -> None:
    labels = ArticleLabels(
        "a1",
        "ana",
        Status("a1", "ana"),
        mentions=tuple(
            Mention(f"m{i}", "a1", "ana", s.start, s.end, None, source_only)
            for i, (s, source_only) in enumerate(mentions)
        ),
        claims=tuple(Claim(f"c{i}", "a1", "ana", s.start, s.end) for i, s in enumerate(claims)),
    )
    suggestions = [
        claim_suggestion(RECOMMENDER, ARTICLE, span, 0.5)
        if is_claim
        else mention_suggestion(RECOMMENDER, "a1", span, None, 0.5)
        for span, is_claim in asked
    ]
    assert still_open_among(suggestions, labels) == [
        s for s in suggestions if still_open(s, labels)
    ]
