"""What every recommender returns: a `Suggestion`, and the `Recommender` protocol.

A suggestion is never a label: it says what accepting it would create,
expressed with the model's own types (`Claim`, `Mention`, `ClaimLink`), and
carries the recommender's name, version and a score in 0..1. Its labels have
placeholder ids and an empty annotator; `Suggestion.accepted` gives them fresh
ids and the annotator who accepts.

Four kinds:

- ``claim``: a new claim with its attribution (cue, source, source kind,
  attribution type) and whatever fields the recommender knows; the source's
  words are ``source``, and a source that is not words only (a named source,
  or a kind of the project's own) comes with its mention in ``mentions``,
  which the claim's ``attribution.source_mention`` names.
- ``mention``: one mention of an actor (``mentions`` holds it).
- ``fields``: values for a claim already labelled (``claim.id`` is that
  claim's id; only the proposed fields are set).
- ``link``: two claims of different articles of one story that state the same
  thing (``link``, the claim ids in sorted order).

`Suggestion.key` is a deterministic hash of the recommender's name, the kind,
the article and what would be created (spans, a split claim's segments,
source, actors; for ``fields`` and ``link`` the values and claims too), not
of the score or version: a
rejection stored under the key keeps the same proposal away after the
suggestions are computed again, also by a retrained model. The vocabulary
values of a new claim (stance, category ...) are not part of its key either:
rejecting a proposed claim rejects the claim, whatever fields it came with.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Protocol

from annotator.core.model import (
    ATTRIBUTION_VOCAB_FIELDS,
    CLAIM_VOCAB_FIELDS,
    NAMED_SOURCE,
    WORD_SOURCES,
    Actor,
    Article,
    ArticleLabels,
    Attribution,
    Claim,
    ClaimLink,
    Mention,
    new_id,
)
from annotator.core.schema import LabelSchema
from annotator.core.spans import Span

if TYPE_CHECKING:
    from annotator.assist.lexicon import Lexicon

CLAIM = "claim"
MENTION = "mention"
FIELDS = "fields"
LINK = "link"
KINDS = (CLAIM, MENTION, FIELDS, LINK)
"""The kinds of suggestion, see the module docstring."""

PLACEHOLDER_ANNOTATOR = ""
"""The annotator of a suggestion's labels until someone accepts it."""


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One proposal of one recommender; build it with the ``*_suggestion`` functions.

    Attributes:
        key: 32 hex digits naming the proposal (see the module docstring).
        kind: one of `KINDS`.
        recommender: the recommender's name.
        version: the recommender's version (a model's version changes when it is retrained).
        score: confidence in 0..1; higher is surer.
        article_id: the article the labels go into (for a link, the first claim's).
        claim: the claim to create (``claim``) or the values to set (``fields``).
        mentions: mentions to create: a claim's source mention, or the one mention.
        source: the span of a claim's source words, named or not.
        link: the two claim ids of a ``link``, sorted.
        note: a few words saying why, for the panel ("cue 'said'").
        actor: an actor to add to the registry on accepting (a ``mention`` of a name
            the registry lacks); the mention refers to it by its placeholder id.
    """

    key: str
    kind: str
    recommender: str
    version: str
    score: float
    article_id: str
    claim: Claim | None = None
    mentions: tuple[Mention, ...] = ()
    source: Span | None = None
    link: tuple[str, str] | None = None
    note: str = ""
    actor: Actor | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown suggestion kind {self.kind!r}")
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"a suggestion's score must be within 0..1, got {self.score}")

    @property
    def span(self) -> Span | None:
        """Where the suggestion sits in its article: the claim's or the mention's span."""
        if self.kind == CLAIM and self.claim is not None:
            return self.claim.span
        if self.kind == MENTION and self.mentions:
            return self.mentions[0].span
        return None

    def accepted(self, annotator: str, make_id: Callable[[], str] = new_id) -> Accepted:
        """The labels accepting this suggestion creates, with fresh ids and ``annotator``.

        For ``fields`` the claim keeps the id of the claim it sets values on; a
        link is returned as the `ClaimLink` to store.
        """
        ids = {m.id: make_id() for m in self.mentions}
        actor = None
        if self.actor is not None:
            actor = dataclasses.replace(self.actor, id=make_id())
            ids[self.actor.id] = actor.id
        mentions = tuple(
            dataclasses.replace(
                m, id=ids[m.id], annotator=annotator, actor=ids.get(m.actor or "", m.actor)
            )
            for m in self.mentions
        )
        claim = None
        if self.claim is not None:
            source = self.claim.attribution.source_mention
            attribution = dataclasses.replace(
                self.claim.attribution, source_mention=ids.get(source, source) if source else None
            )
            claim_id = self.claim.id if self.kind == FIELDS else make_id()
            claim = dataclasses.replace(
                self.claim, id=claim_id, annotator=annotator, attribution=attribution
            )
        link = ClaimLink.between(*self.link, annotator) if self.link else None
        return Accepted(claim, mentions, link, actor)


@dataclass(frozen=True, slots=True)
class Accepted:
    """The labels one accepted suggestion creates (see `Suggestion.accepted`)."""

    claim: Claim | None
    mentions: tuple[Mention, ...] = ()
    link: ClaimLink | None = None
    actor: Actor | None = None
    """A new actor to add to the registry before the mentions that refer to it."""


@dataclass(frozen=True, slots=True)
class SuggestContext:
    """What a recommender may read besides the article.

    Attributes:
        actors: the project's actor registry (names and aliases).
        schema: the project's schema; recommenders propose only values it allows.
        lexicon: the cue lexicon for the article's language (None: the recommender's default).
        labels: labels already in the article (one annotator's); recommenders skip what they cover.
        story: the other articles of the article's story, each with the same annotator's
            labels (for cross-article links).
    """

    actors: tuple[Actor, ...] = ()
    schema: LabelSchema | None = None
    lexicon: Lexicon | None = None
    labels: ArticleLabels | None = None
    story: tuple[tuple[Article, ArticleLabels], ...] = ()

    def allows(self, field_name: str, value: str | None) -> bool:
        """True if the schema has ``value`` in ``field_name`` (any value without a schema)."""
        if value is None or self.schema is None:
            return True
        return field_name in self.schema.fields and self.schema.allows(field_name, value)


class Recommender(Protocol):
    """A source of suggestions; Qt-free and cheap to call once per article."""

    @property
    def name(self) -> str:
        """A short stable name ("patterns", "actors", "learned", "links")."""
        ...

    @property
    def version(self) -> str:
        """Changes when what the recommender proposes changes (new rules, retrained model)."""
        ...

    def suggest(self, article: Article, context: SuggestContext) -> list[Suggestion]:
        """The suggestions for one article, best first or in text order."""
        ...


def _key(kind: str, recommender: str, article_id: str, payload: object) -> str:
    data = json.dumps([kind, recommender, article_id, payload], ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]


def _span_list(span: Span | None) -> list[int] | None:
    return [span.start, span.end] if span is not None else None


def claim_suggestion(
    recommender: Recommender | tuple[str, str],
    article: Article,
    span: Span,
    score: float,
    *,
    attribution: Attribution = Attribution(),  # noqa: B008 (frozen: one shared value is safe)
    source: Span | None = None,
    source_actor: str | None = None,
    mention: Span | None = None,
    claimant: str | None = None,
    fields: Mapping[str, str | None] | None = None,
    note: str = "",
    segments: Sequence[Span] = (),
) -> Suggestion:
    """A suggestion to create a claim over ``span`` of ``article``.

    Args:
        recommender: the recommender, or its ``(name, version)``.
        attribution: type, source kind and cue; its source mention and words are filled here.
        source: the source's words; unless the source kind is words only (`WORD_SOURCES`),
            a source-only mention of ``source_actor`` comes with them.
        mention: that mention's span, when it is not all of ``source`` ("José Núñez"
            of "José Núñez, Norvania's foreign minister").
        claimant: the claimant's actor id (by default ``source_actor`` for a named source).
        fields: other claim fields (`CLAIM_VOCAB_FIELDS`, ``addressee``, ``target``).
        segments: the content's pieces when it is discontinuous (a quotation split
            around its cue), in text order; ``span`` is then their hull (see
            `annotator.core.segments`). One piece or none: the claim is ``span``.

    Raises:
        ValueError: ``segments`` are out of order, overlap, or ``span`` is not their hull.
    """
    name, version = _name_version(recommender)
    pieces = tuple(segments) if len(segments) > 1 else ()
    in_order = all(a.end <= b.start for a, b in pairwise(pieces))
    if pieces and (not in_order or Span(pieces[0].start, pieces[-1].end) != span):
        raise ValueError(f"segments {pieces} are not in order or not the hull {span}")
    if claimant is None and attribution.source_kind in (NAMED_SOURCE, None):
        claimant = source_actor
    payload: list[object] = [
        _span_list(span),
        _span_list(attribution.cue),
        _span_list(source),
        source_actor,
        claimant,
        attribution.attribution_type,
        attribution.source_kind,
    ]
    if pieces:  # a claim in one piece keeps the key it had before segments existed
        payload.append([[p.start, p.end] for p in pieces])
    key = _key(CLAIM, name, article.id, payload)
    mentions: tuple[Mention, ...] = ()
    if source is not None:
        attribution = dataclasses.replace(
            attribution, source_text=article.text[source.start : source.end]
        )
        if attribution.source_kind not in WORD_SOURCES:
            where = mention or source
            made = Mention(
                f"{key}/source",
                article.id,
                PLACEHOLDER_ANNOTATOR,
                where.start,
                where.end,
                source_actor,
                source_only=True,
            )
            mentions = (made,)
            attribution = dataclasses.replace(attribution, source_mention=made.id)
    claim = _with_fields(
        Claim(
            key,
            article.id,
            PLACEHOLDER_ANNOTATOR,
            span.start,
            span.end,
            claimant=claimant,
            attribution=attribution,
            segments=pieces,
        ),
        fields or {},
    )
    return Suggestion(
        key, CLAIM, name, version, score, article.id, claim, mentions, source, note=note
    )


def mention_suggestion(
    recommender: Recommender | tuple[str, str],
    article_id: str,
    span: Span,
    actor: str | None,
    score: float,
    note: str = "",
    new_actor: tuple[str, str | None] | None = None,
) -> Suggestion:
    """A suggestion to mark ``span`` as a mention of ``actor`` (None: no actor yet).

    Args:
        new_actor: ``(name, type)`` of an actor the registry lacks, to add on
            accepting; the mention then refers to it (``actor`` is ignored).
    """
    name, version = _name_version(recommender)
    key = _key(MENTION, name, article_id, [_span_list(span), actor, new_actor])
    proposed = None
    if new_actor is not None:
        proposed = Actor(f"{key}/actor", new_actor[0], new_actor[1])
        actor = proposed.id
    mention = Mention(f"{key}/mention", article_id, PLACEHOLDER_ANNOTATOR, *span, actor)
    return Suggestion(
        key, MENTION, name, version, score, article_id, mentions=(mention,), note=note,
        actor=proposed,
    )  # fmt: skip


def fields_suggestion(
    recommender: Recommender | tuple[str, str],
    claim: Claim,
    values: dict[str, str],
    score: float,
    note: str = "",
) -> Suggestion:
    """A suggestion to set ``values`` (claim vocabulary fields) on the labelled ``claim``."""
    name, version = _name_version(recommender)
    key = _key(FIELDS, name, claim.article_id, [claim.id, sorted(values.items())])
    proposed = _with_fields(
        Claim(claim.id, claim.article_id, PLACEHOLDER_ANNOTATOR, claim.start, claim.end), values
    )
    return Suggestion(key, FIELDS, name, version, score, claim.article_id, proposed, note=note)


def link_suggestion(
    recommender: Recommender | tuple[str, str],
    article_id: str,
    claim_a: str,
    claim_b: str,
    score: float,
    note: str = "",
) -> Suggestion:
    """A suggestion to link two claims of different articles (``article_id``: the first's)."""
    name, version = _name_version(recommender)
    pair = tuple(sorted((claim_a, claim_b)))
    key = _key(LINK, name, "", list(pair))
    return Suggestion(
        key, LINK, name, version, score, article_id, link=(pair[0], pair[1]), note=note
    )


def _with_fields(claim: Claim, values: Mapping[str, str | None]) -> Claim:
    """``claim`` with claim fields set from ``values``; other names go into ``extra``."""
    own = {k: v for k, v in values.items() if k in _CLAIM_FIELDS}
    extra = {k: v for k, v in values.items() if k not in _CLAIM_FIELDS and v is not None}
    return dataclasses.replace(claim, **own, extra={**claim.extra, **extra})  # type: ignore[arg-type]


_CLAIM_FIELDS = frozenset({*CLAIM_VOCAB_FIELDS, "addressee", "target"})


def _name_version(recommender: Recommender | tuple[str, str]) -> tuple[str, str]:
    if isinstance(recommender, tuple):
        return recommender
    return recommender.name, recommender.version


def what_is_missing(suggestion: Suggestion, schema: LabelSchema) -> tuple[str, ...]:
    """The fields a claim suggestion leaves open, in the order the claim form asks for them.

    What accepting still leaves to the annotator: each claim vocabulary field
    and attribution field of the schema (in schema order, then the schema's
    extra fields) the suggestion does not set; ``claimant`` unless the source
    is words only or the claim is the author's own; ``cue`` unless the claim
    is the author's own. A mention suggestion misses ``actor`` when it names
    none; a link misses nothing.
    """
    if suggestion.kind == MENTION:
        return ("actor",) if suggestion.mentions and suggestion.mentions[0].actor is None else ()
    claim = suggestion.claim
    if claim is None or suggestion.kind != CLAIM:
        return ()
    attribution = claim.attribution
    unattributed = attribution.attribution_type == "unattributed"
    missing: list[str] = []
    if claim.claimant is None and not (unattributed or attribution.source_is_words):
        missing.append("claimant")
    for name in schema.fields:
        if name in CLAIM_VOCAB_FIELDS:
            value = getattr(claim, name)
        elif name in ATTRIBUTION_VOCAB_FIELDS:
            value = getattr(attribution, name)
        elif schema.fields[name].extra:
            value = claim.extra.get(name)
        else:
            continue
        if value is None:
            missing.append(name)
    if attribution.cue is None and not unattributed:
        missing.append("cue")
    return tuple(missing)


def in_text_order(suggestions: Sequence[Suggestion]) -> list[Suggestion]:
    """Suggestions ordered by where they sit (those without a span last), then best first."""
    far = 1 << 62
    return sorted(
        suggestions,
        key=lambda s: ((s.span or Span(far, far)).start, -s.score, s.key),
    )
