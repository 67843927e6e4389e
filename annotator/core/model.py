"""Dataclasses for every concept of the domain (see the project README).

They are plain values: the store builds them from rows and takes them back;
the native JSONL format is their serialised form. Vocabulary fields hold the
value's id (``"oppose"``), or None while the annotator has not chosen one.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from annotator.core.spans import Span
from annotator.core.text import text_sha256

STATUSES = ("todo", "in_progress", "done", "skipped")
"""Progress of one annotator on one article, in the order the UI lists them."""

GOLD = "gold"
"""The annotator name under which adjudicated labels are stored."""

CLAIM_VOCAB_FIELDS = ("stance", "category", "certainty", "checkworthy")
"""Claim fields whose values come from the schema vocabulary of the same name."""

CLAIM_ACTOR_FIELDS = ("claimant", "addressee", "target")
"""Claim fields that refer to an actor of the registry."""

ATTRIBUTION_VOCAB_FIELDS = ("attribution_type", "source_kind")
"""Attribution fields whose values come from the schema vocabulary of the same name.

The names are the same from schema to model, table column and every export."""


def new_id() -> str:
    """A fresh label id: a UUID, so files from several laptops merge without collisions."""
    return str(uuid.uuid4())


@dataclass(frozen=True, slots=True)
class Article:
    """One text, never edited after import."""

    id: str
    text: str
    title: str = ""
    source: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    story: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    text_sha256: str = ""

    def __post_init__(self) -> None:
        if not self.text_sha256:
            object.__setattr__(self, "text_sha256", text_sha256(self.text))


@dataclass(frozen=True, slots=True)
class Actor:
    """A registry entry: a state, government, person, organisation or unnamed group."""

    id: str
    name: str
    type: str | None = None
    aliases: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        """The name followed by every alias."""
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of an article that refers to an actor.

    ``source_only`` marks a mention made only as a claim's source (key S), not
    marked by the annotator as a mention (key M): it goes when that source is
    replaced or its claim deleted, unless another claim cites it.
    """

    id: str
    article_id: str
    annotator: str
    start: int
    end: int
    actor: str | None = None
    source_only: bool = False

    @property
    def span(self) -> Span:
        """The mention's span."""
        return Span(self.start, self.end)


NAMED_SOURCE = "named"
"""The source kind whose source is a mention of an actor; see `Attribution`."""

WORD_SOURCES = frozenset({"unnamed", "document", "author"})
"""Source kinds whose source is words without a mention; see `Attribution`.

A project's own kinds (ids not listed here) keep their source mention, as a
named source does."""


@dataclass(frozen=True, slots=True)
class Attribution:
    """How the article attributes a claim: who is cited, through which cue.

    A named source (kind `NAMED_SOURCE`) is a mention of an actor, the
    claimant by default; an unnamed, document or author source ("observers",
    "recent reports", the outlet) is words without a mention (``source_text``
    and ``source_kind``) and needs no claimant.
    """

    attribution_type: str | None = None
    source_mention: str | None = None
    source_text: str | None = None
    source_kind: str | None = None
    cue: Span | None = None

    @property
    def source_is_words(self) -> bool:
        """True for an unnamed, document or author source (`WORD_SOURCES`): no mention, no actor."""
        return self.source_kind in WORD_SOURCES


@dataclass(frozen=True, slots=True)
class Claim:
    """A span stating something that someone holds to be true or demands.

    Its content may be discontinuous (a quote split around its cue): then
    ``segments`` lists its pieces and ``start``/``end`` is their hull; empty
    ``segments`` (the usual case) mean the content is the span itself. See
    `annotator.core.segments`.
    """

    id: str
    article_id: str
    annotator: str
    start: int
    end: int
    claimant: str | None = None
    addressee: str | None = None
    target: str | None = None
    stance: str | None = None
    category: str | None = None
    certainty: str | None = None
    checkworthy: str | None = None
    attribution: Attribution = field(default_factory=Attribution)
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    segments: tuple[Span, ...] = ()

    @property
    def span(self) -> Span:
        """The claim's span: the hull of its content when that has several segments."""
        return Span(self.start, self.end)

    @property
    def content(self) -> tuple[Span, ...]:
        """The claim's content as segments in text order: ``segments``, or its one span."""
        return self.segments or (Span(self.start, self.end),)


def referenced_actors(mentions: Iterable[Mention], claims: Iterable[Claim]) -> set[str]:
    """Ids of the actors these labels refer to: mentions' actors, claims' `CLAIM_ACTOR_FIELDS`."""
    ids = {m.actor for m in mentions if m.actor}
    for claim in claims:
        ids.update(actor for f in CLAIM_ACTOR_FIELDS if (actor := getattr(claim, f)))
    return ids


@dataclass(frozen=True, slots=True)
class ClaimLink:
    """The same claim in two articles of one story; stored with ``claim_a < claim_b``."""

    claim_a: str
    claim_b: str
    annotator: str

    @classmethod
    def between(cls, one: str, other: str, annotator: str) -> ClaimLink:
        """The link between two claims, whichever order they are given in."""
        a, b = sorted((one, other))
        return cls(a, b, annotator)


@dataclass(frozen=True, slots=True)
class Status:
    """One annotator's progress on one article."""

    article_id: str
    annotator: str
    status: str = "todo"
    comment: str = ""


@dataclass(frozen=True, slots=True)
class ArticleLabels:
    """Everything one annotator labelled in one article."""

    article_id: str
    annotator: str
    status: Status
    mentions: tuple[Mention, ...] = ()
    claims: tuple[Claim, ...] = ()
    links: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Claim id -> ids of the claims (in other articles) it is linked to."""

    @property
    def labelled(self) -> bool:
        """True if the annotator labelled the article: a label, or "done" with nothing to label."""
        return bool(self.claims or self.mentions) or self.status.status == "done"
