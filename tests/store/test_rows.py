"""Tests of annotator/store/rows.py: every dataclass survives the trip to a row and back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.errors import ValidationError
from annotator.core.model import Article, Attribution, Claim, Mention
from annotator.core.spans import Span
from annotator.store.rows import (
    article_from_row,
    article_row,
    claim_from_row,
    claim_row,
    dumps,
    loads,
    mention_from_row,
    mention_row,
)

texts = st.text(max_size=20)
maybe = st.none() | texts
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=8,
)
spans = st.builds(lambda a, n: Span(a, a + n), st.integers(0, 10_000), st.integers(1, 500))


@given(
    st.builds(
        Article,
        id=texts,
        text=texts,
        title=texts,
        source=maybe,
        url=maybe,
        published=maybe,
        language=maybe,
        story=maybe,
        meta=st.dictionaries(texts, json_values, max_size=3),
    )
)
def test_article_round_trip(article: Article) -> None:
    assert article_from_row(article_row(article, "2024-01-01T00:00:00+00:00")) == article


@given(
    st.builds(
        Mention, id=texts, article_id=texts, annotator=texts, start=st.integers(0, 10**6),
        end=st.integers(0, 10**6), actor=maybe,
    )
)  # fmt: skip
def test_mention_round_trip(mention: Mention) -> None:
    assert mention_from_row(mention_row(mention, "t")) == mention


@given(
    st.builds(
        Claim,
        id=texts,
        article_id=texts,
        annotator=texts,
        start=st.integers(0, 10**6),
        end=st.integers(0, 10**6),
        claimant=maybe,
        addressee=maybe,
        target=maybe,
        stance=maybe,
        category=maybe,
        certainty=maybe,
        checkworthy=maybe,
        attribution=st.builds(
            Attribution,
            attribution_type=maybe,
            source_mention=maybe,
            source_text=maybe,
            source_kind=maybe,
            cue=st.none() | spans,
        ),
        note=texts,
        extra=st.dictionaries(texts, texts, max_size=3),
        segments=st.lists(spans, max_size=3).map(tuple),
    )
)
def test_claim_round_trip(claim: Claim) -> None:
    assert claim_from_row(claim_row(claim, "t")) == claim


def test_claim_row_flattens_the_attribution() -> None:
    claim = Claim(
        "c1", "a1", "ana", 3, 9, stance="oppose",
        attribution=Attribution("direct", "m1", "officials", "unnamed", Span(0, 2)),
        extra={"urgency": "high"},
    )  # fmt: skip
    assert claim_row(claim, "2024-05-01T10:00:00+00:00") == {
        "id": "c1",
        "article_id": "a1",
        "annotator": "ana",
        "start": 3,
        "end": 9,
        "claimant": None,
        "addressee": None,
        "target": None,
        "stance": "oppose",
        "category": None,
        "certainty": None,
        "checkworthy": None,
        "attribution_type": "direct",
        "attr_source_mention": "m1",
        "attr_source_text": "officials",
        "attr_source_kind": "unnamed",
        "cue_start": 0,
        "cue_end": 2,
        "note": "",
        "extra": '{"urgency":"high"}',
        "segments": None,
        "updated_at": "2024-05-01T10:00:00+00:00",
    }
    assert claim_row(Claim("c2", "a1", "ana", 0, 1), "t")["extra"] is None


def test_claim_row_keeps_segments_as_json_and_reads_them_back() -> None:
    claim = Claim("c1", "a1", "ana", 2, 20, segments=(Span(2, 8), Span(14, 20)))
    row = claim_row(claim, "t")
    assert row["segments"] == "[[2,8],[14,20]]"
    assert claim_from_row(row) == claim


def test_damaged_segments_column_is_a_validation_error() -> None:
    row = {**claim_row(Claim("c1", "a1", "ana", 2, 20), "t"), "segments": "[[2"}
    with pytest.raises(ValidationError, match="not a list of"):
        claim_from_row(row)


def test_json_columns_sort_keys_and_read_empty_as_a_dict() -> None:
    assert dumps({"b": 1, "a": {"d": 2, "c": "é"}}) == '{"a":{"c":"é","d":2},"b":1}'
    assert loads(None) == {}
    assert loads("") == {}
    assert loads('{"a": [1]}') == {"a": [1]}
