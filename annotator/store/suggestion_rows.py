"""Suggestions as the project file keeps them, and the values the store returns about them.

`suggestion_labels` and `suggestion_from_row` turn a `Suggestion` into the
JSON of ``suggestions.labels`` and back; `still_open` says whether an
annotator's labels already cover a suggestion; `Provenance`,
`AcceptedSuggestion` and `LearnedModelRecord` are what
`annotator.store.suggestions` returns. No SQL is run here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from annotator.assist.suggestion import CLAIM, FIELDS, LINK, MENTION, Accepted, Suggestion
from annotator.core.model import (
    ATTRIBUTION_VOCAB_FIELDS,
    CLAIM_ACTOR_FIELDS,
    CLAIM_VOCAB_FIELDS,
    Actor,
    ArticleLabels,
    Attribution,
    Claim,
    ClaimLink,
    Mention,
)
from annotator.core.spans import Span, SpanIndex, overlap

# -- suggestions as JSON ----------------------------------------------------------------------


def _span(span: Span | None) -> list[int] | None:
    return [span.start, span.end] if span is not None else None


def _unspan(value: Any) -> Span | None:
    return Span(int(value[0]), int(value[1])) if value is not None else None


def _claim_data(claim: Claim) -> dict[str, Any]:
    a = claim.attribution
    return {
        "id": claim.id,
        "start": claim.start,
        "end": claim.end,
        **{name: getattr(claim, name) for name in (*CLAIM_ACTOR_FIELDS, *CLAIM_VOCAB_FIELDS)},
        "attribution": {
            "attribution_type": a.attribution_type,
            "source_mention": a.source_mention,
            "source_text": a.source_text,
            "source_kind": a.source_kind,
            "cue": _span(a.cue),
        },
        "note": claim.note,
        "extra": claim.extra,
        **({"segments": [_span(s) for s in claim.segments]} if claim.segments else {}),
    }


def _claim_from(data: Mapping[str, Any], article_id: str, annotator: str) -> Claim:
    a = data["attribution"]
    fields: dict[str, Any] = {n: data.get(n) for n in (*CLAIM_ACTOR_FIELDS, *CLAIM_VOCAB_FIELDS)}
    return Claim(
        data["id"],
        article_id,
        annotator,
        data["start"],
        data["end"],
        **fields,
        attribution=Attribution(
            a.get("attribution_type"),
            a.get("source_mention"),
            a.get("source_text"),
            a.get("source_kind"),
            _unspan(a.get("cue")),
        ),
        note=data.get("note") or "",
        extra=dict(data.get("extra") or {}),
        segments=tuple(Span(int(s[0]), int(s[1])) for s in data.get("segments") or ()),
    )


def suggestion_labels(suggestion: Suggestion) -> dict[str, Any]:
    """What a suggestion would create, as the JSON-ready data stored in ``suggestions.labels``.

    Keys: ``claim`` (its fields, attribution and cue; ``segments``, [[start, end],
    ...], only for a claim in several pieces), ``mentions`` (id, start,
    end, actor, source_only), ``source`` ([start, end] of the source's words),
    ``link`` (two claim ids), ``actor`` (id, name, type, aliases of an actor to
    add). Ids are the suggestion's placeholders; absent parts are null or empty.
    """
    actor = suggestion.actor
    return {
        "claim": _claim_data(suggestion.claim) if suggestion.claim is not None else None,
        "mentions": [
            {
                "id": m.id,
                "start": m.start,
                "end": m.end,
                "actor": m.actor,
                "source_only": m.source_only,
            }
            for m in suggestion.mentions
        ],
        "source": _span(suggestion.source),
        "link": list(suggestion.link) if suggestion.link else None,
        "actor": (
            {"id": actor.id, "name": actor.name, "type": actor.type, "aliases": list(actor.aliases)}
            if actor is not None
            else None
        ),
    }


def suggestion_from_row(row: Mapping[str, Any]) -> Suggestion:
    """The `Suggestion` of a ``suggestions`` row (its labels with the placeholder annotator)."""
    data = orjson.loads(row["labels"])
    article_id = row["article_id"]
    claim = _claim_from(data["claim"], article_id, "") if data.get("claim") else None
    mentions = tuple(
        Mention(m["id"], article_id, "", m["start"], m["end"], m.get("actor"),
                bool(m.get("source_only")))
        for m in data.get("mentions") or ()
    )  # fmt: skip
    link = data.get("link")
    actor = data.get("actor")
    return Suggestion(
        row["key"],
        row["kind"],
        row["recommender"],
        row["version"],
        float(row["score"]),
        article_id,
        claim,
        mentions,
        _unspan(data.get("source")),
        (link[0], link[1]) if link else None,
        row.get("note") or "",
        Actor(actor["id"], actor["name"], actor.get("type"), tuple(actor.get("aliases") or ()))
        if actor
        else None,
    )


# -- what is still open -------------------------------------------------------------------------


def still_open(suggestion: Suggestion, labels: ArticleLabels) -> bool:
    """False when the annotator's ``labels`` of its article already cover the suggestion.

    A claim suggestion is covered by a claim of theirs sharing a character with
    it, a mention suggestion by a mention at the same span or one sharing a
    character that was marked (not made only as a claim's source); a ``fields`` suggestion when
    its claim is gone or every field it proposes is set; a link when it is
    made (a link to a claim of another article is checked by the store).
    """
    span = suggestion.span
    if suggestion.kind == CLAIM and span is not None:
        return not any(overlap(span, c.span) for c in labels.claims)
    if suggestion.kind == MENTION and span is not None:
        return not any(
            m.span == span or (overlap(span, m.span) and not m.source_only) for m in labels.mentions
        )
    if suggestion.kind == FIELDS and suggestion.claim is not None:
        claim = next((c for c in labels.claims if c.id == suggestion.claim.id), None)
        return claim is not None and bool(open_fields(suggestion.claim, claim))
    if suggestion.kind == LINK and suggestion.link is not None:
        a, b = suggestion.link
        return b not in labels.links.get(a, ()) and a not in labels.links.get(b, ())
    return True


def still_open_among(suggestions: Iterable[Suggestion], labels: ArticleLabels) -> list[Suggestion]:
    """The ``suggestions`` (of one article) that ``labels`` leave open, as `still_open` says.

    The labels' spans are indexed once (`annotator.core.spans.SpanIndex`):
    calling `still_open` for each of 1,700 suggestions against 5,000 claims
    took 11 s on a 1 MB article, 0.7 s for the 120 offered in it.
    """
    claims = SpanIndex((c.start, c.end) for c in labels.claims)
    marked = SpanIndex((m.start, m.end) for m in labels.mentions if not m.source_only)
    mention_spans = {(m.start, m.end) for m in labels.mentions}  # a Span equals its pair
    claim_ids = {c.id: c for c in labels.claims}
    kept = []
    for suggestion in suggestions:
        span = suggestion.span
        if suggestion.kind == CLAIM and span is not None:
            still = not claims.any_overlap(span)
        elif suggestion.kind == MENTION and span is not None:
            still = span not in mention_spans and not marked.any_overlap(span)
        elif suggestion.kind == FIELDS and suggestion.claim is not None:
            claim = claim_ids.get(suggestion.claim.id)
            still = claim is not None and bool(open_fields(suggestion.claim, claim))
        else:
            still = still_open(suggestion, labels)
        if still:
            kept.append(suggestion)
    return kept


def open_fields(proposed: Claim, claim: Claim) -> dict[str, str]:
    """The proposed field values whose field ``claim`` has not set."""
    values = {
        name: getattr(proposed, name)
        for name in CLAIM_VOCAB_FIELDS
        if getattr(proposed, name) is not None and getattr(claim, name) is None
    }
    for name in ATTRIBUTION_VOCAB_FIELDS:
        value = getattr(proposed.attribution, name)
        if value is not None and getattr(claim.attribution, name) is None:
            values[name] = value
    for name, value in proposed.extra.items():
        if value is not None and claim.extra.get(name) is None:
            values[name] = value
    return values


# -- values read and returned -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a label came from: the suggestion accepted, and who accepted it when.

    Attributes:
        label_id: the claim, mention or actor made (a link: ``"<claim a> <claim b>"``).
        label: what it is: ``claim``, ``mention``, ``actor``, ``link``, or ``fields``
            (values set on a claim that was there).
    """

    label_id: str
    label: str
    key: str
    recommender: str
    version: str
    score: float
    accepted_by: str
    accepted_at: str
    article_id: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The provenance as exports write it (``suggested_by`` and ``accepted_by``)."""
        return {
            "suggested_by": {
                "recommender": self.recommender,
                "version": self.version,
                "key": self.key,
                "score": self.score,
            },
            "accepted_by": self.accepted_by,
            "accepted_at": self.accepted_at,
        }


@dataclass(frozen=True, slots=True)
class AcceptedSuggestion:
    """What accepting one suggestion did.

    Attributes:
        suggestion: the suggestion accepted.
        created: the labels as stored (an existing mention at the same span is
            reused, a known actor of the same name stands in for a new one;
            for ``fields``, the claim as updated).
        missing: what the claim still lacks, in the order the claim form asks
            (`annotator.assist.suggestion.what_is_missing`).
    """

    suggestion: Suggestion
    created: Accepted
    missing: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LearnedModelRecord:
    """A learned model kept in the project: its bytes and what it learned from."""

    recommender: str
    version: str
    model: bytes
    annotator: str | None
    articles: int
    claims: int
    trained_at: str


_LINK_SEPARATOR = " "


def link_label_id(link: ClaimLink | tuple[str, str]) -> str:
    """The ``label_id`` provenance gives a claim link."""
    a, b = (link.claim_a, link.claim_b) if isinstance(link, ClaimLink) else link
    return f"{a}{_LINK_SEPARATOR}{b}"


def text_order(s: Suggestion) -> tuple[int, float, str]:
    span = s.span
    return (span.start if span is not None else 1 << 62, -s.score, s.key)


def provenance_from_row(row: Mapping[str, Any]) -> Provenance:
    return Provenance(
        row["label_id"], row["label"], row["key"], row["recommender"], row["version"] or "",
        float(row["score"] or 0.0), row["accepted_by"], row["accepted_at"] or "",
        row["article_id"],
    )  # fmt: skip


def renamed(claim: Claim, ids: Mapping[str, str]) -> Claim:
    """``claim`` referring to stored ids where accepting reused a mention or an actor."""
    if not ids:
        return claim
    source = claim.attribution.source_mention
    attribution = dataclasses.replace(
        claim.attribution, source_mention=ids.get(source, source) if source else None
    )
    actors = {f: ids.get(getattr(claim, f) or "", getattr(claim, f)) for f in CLAIM_ACTOR_FIELDS}
    return dataclasses.replace(claim, attribution=attribution, **actors)


def with_values(claim: Claim, values: Mapping[str, str]) -> Claim:
    """``claim`` with vocabulary, attribution and extra field values set."""
    own = {k: v for k, v in values.items() if k in CLAIM_VOCAB_FIELDS}
    attribution = dataclasses.replace(
        claim.attribution,
        **{k: v for k, v in values.items() if k in ATTRIBUTION_VOCAB_FIELDS},  # type: ignore[arg-type]
    )
    extra = {
        **claim.extra,
        **{
            k: v
            for k, v in values.items()
            if k not in CLAIM_VOCAB_FIELDS and k not in ATTRIBUTION_VOCAB_FIELDS
        },
    }
    return dataclasses.replace(claim, **own, attribution=attribution, extra=extra)  # type: ignore[arg-type]
