"""Conversion between the domain dataclasses and table rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import orjson

from annotator.core.errors import ValidationError, quoted
from annotator.core.model import Actor, Article, Attribution, Claim, Mention, Status
from annotator.core.spans import Span

Row = dict[str, Any]


def dumps(value: Any) -> str:
    """Compact JSON for a TEXT column (meta, extra); keys sorted so equal values compare equal."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()


def loads(text: str | None) -> Any:
    """The value of a JSON TEXT column; an empty column is an empty dict."""
    return orjson.loads(text) if text else {}


ARTICLE_COLUMNS = (
    "id", "title", "text", "source", "url", "published", "language", "story", "meta",
    "text_sha256", "added_at",
)  # fmt: skip
"""Columns of an ``articles`` row, in the order of `article_values`."""


def article_values(article: Article, added_at: str) -> tuple[Any, ...]:
    """The ``articles`` row of an article as values in `ARTICLE_COLUMNS` order (bulk writes)."""
    return (
        article.id,
        article.title,
        article.text,
        article.source,
        article.url,
        article.published,
        article.language,
        article.story,
        dumps(article.meta),
        article.text_sha256,
        added_at,
    )


def article_row(article: Article, added_at: str) -> Row:
    """The ``articles`` row of an article."""
    return dict(zip(ARTICLE_COLUMNS, article_values(article, added_at), strict=True))


def article_from_row(row: Row) -> Article:
    """The article of an ``articles`` row."""
    return Article(
        id=row["id"],
        text=row["text"],
        title=row["title"] or "",
        source=row["source"],
        url=row["url"],
        published=row["published"],
        language=row["language"],
        story=row["story"],
        meta=loads(row["meta"]),
        text_sha256=row["text_sha256"],
    )


ACTOR_COLUMNS = ("id", "name", "name_key", "type", "created_by", "updated_at")
"""Columns of an ``actors`` row, in the order of `actor_values`."""


def actor_values(actor: Actor, created_by: str | None, updated_at: str) -> tuple[Any, ...]:
    """The ``actors`` row of an actor as values in `ACTOR_COLUMNS` order."""
    return (actor.id, actor.name, actor.name.casefold(), actor.type, created_by, updated_at)


def actor_row(actor: Actor, created_by: str | None, updated_at: str) -> Row:
    """The ``actors`` row of an actor (aliases live in ``actor_aliases``)."""
    return dict(zip(ACTOR_COLUMNS, actor_values(actor, created_by, updated_at), strict=True))


def actor_from_rows(row: Row, aliases: Iterable[Row]) -> Actor:
    """The actor of an ``actors`` row and its ``actor_aliases`` rows (any order).

    The aliases are put in stored order: by position, and rows of equal
    position (from before positions were kept apart) in the order given.
    """
    ordered = sorted(aliases, key=lambda r: r["position"])  # stable: ties keep their order
    return Actor(row["id"], row["name"], row["type"], tuple(r["alias"] for r in ordered))


ALIAS_COLUMNS = ("actor_id", "alias", "alias_key", "position")
"""Columns of an ``actor_aliases`` row, in the order of `alias_values`."""


def alias_values(actor_id: str, alias: str, position: int) -> tuple[Any, ...]:
    """The ``actor_aliases`` row of one alias as values in `ALIAS_COLUMNS` order."""
    return (actor_id, alias, alias.casefold(), position)


def alias_row(actor_id: str, alias: str, position: int) -> Row:
    """The ``actor_aliases`` row of one alias."""
    return dict(zip(ALIAS_COLUMNS, alias_values(actor_id, alias, position), strict=True))


MENTION_ROW_COLUMNS = (
    "id", "article_id", "annotator", "start", "end", "actor_id", "source_only", "updated_at",
)  # fmt: skip
"""Columns of a ``mentions`` row, in the order of `mention_values`."""


def mention_values(mention: Mention, updated_at: str) -> tuple[Any, ...]:
    """The ``mentions`` row of a mention as values in `MENTION_ROW_COLUMNS` order."""
    return (
        mention.id,
        mention.article_id,
        mention.annotator,
        mention.start,
        mention.end,
        mention.actor,
        int(mention.source_only),
        updated_at,
    )


def mention_row(mention: Mention, updated_at: str) -> Row:
    """The ``mentions`` row of a mention."""
    return dict(zip(MENTION_ROW_COLUMNS, mention_values(mention, updated_at), strict=True))


MENTION_COLUMNS = ("id", "article_id", "annotator", "start", "end", "actor_id", "source_only")
"""Columns `mention_from_values` reads, in its order."""


def mention_from_values(values: Sequence[Any]) -> Mention:
    """The mention of a row selected as `MENTION_COLUMNS` (the fast path for many rows)."""
    mention_id, article_id, annotator, start, end, actor, source_only = values
    return Mention(mention_id, article_id, annotator, start, end, actor, bool(source_only))


def mention_from_row(row: Row) -> Mention:
    """The mention of a ``mentions`` row."""
    return mention_from_values([row[c] for c in MENTION_COLUMNS])


CLAIM_ROW_COLUMNS = (
    "id", "article_id", "annotator", "start", "end", "claimant", "addressee", "target",
    "stance", "category", "certainty", "checkworthy", "attribution_type", "attr_source_mention",
    "attr_source_text", "attr_source_kind", "cue_start", "cue_end", "note", "extra", "segments",
    "updated_at",
)  # fmt: skip
"""Columns of a ``claims`` row, in the order of `claim_values`."""


def segments_text(segments: Sequence[Span]) -> str | None:
    """The ``segments`` column of a claim: ``[[start, end], ...]`` as JSON, NULL for one piece.

    A claim in one piece (no segments, see `annotator.core.segments`) stores
    NULL, so the rows (and fingerprints) of such claims are what they were
    before the column existed.
    """
    if not segments:
        return None
    return orjson.dumps([[s.start, s.end] for s in segments]).decode()


def segments_of(text: str | None) -> tuple[Span, ...]:
    """The segments of a ``segments`` column (see `segments_text`).

    Raises:
        ValidationError: the column is not such a list (a damaged or foreign row).
    """
    if not text:
        return ()
    try:
        return tuple(Span(start, end) for start, end in orjson.loads(text))
    except (ValueError, TypeError):
        raise ValidationError(
            f"claim segments {quoted(text)} are not a list of [start, end]"
        ) from None


def claim_values(claim: Claim, updated_at: str) -> tuple[Any, ...]:
    """The ``claims`` row of a claim as values in `CLAIM_ROW_COLUMNS` order."""
    attribution = claim.attribution
    cue = attribution.cue
    return (
        claim.id,
        claim.article_id,
        claim.annotator,
        claim.start,
        claim.end,
        claim.claimant,
        claim.addressee,
        claim.target,
        claim.stance,
        claim.category,
        claim.certainty,
        claim.checkworthy,
        attribution.attribution_type,
        attribution.source_mention,
        attribution.source_text,
        attribution.source_kind,
        cue.start if cue else None,
        cue.end if cue else None,
        claim.note,
        dumps(claim.extra) if claim.extra else None,
        segments_text(claim.segments),
        updated_at,
    )


def claim_row(claim: Claim, updated_at: str) -> Row:
    """The ``claims`` row of a claim, attribution flattened."""
    return dict(zip(CLAIM_ROW_COLUMNS, claim_values(claim, updated_at), strict=True))


CLAIM_COLUMNS = (
    "id", "article_id", "annotator", "start", "end", "claimant", "addressee", "target",
    "stance", "category", "certainty", "checkworthy", "attribution_type", "attr_source_mention",
    "attr_source_text", "attr_source_kind", "cue_start", "cue_end", "note", "extra", "segments",
)  # fmt: skip
"""Columns `claim_from_values` reads, in its order (``segments`` last, so positions of the
others are what they were before it)."""


def claim_from_values(values: Sequence[Any]) -> Claim:
    """The claim of a row selected as `CLAIM_COLUMNS` (the fast path for many rows)."""
    (
        claim_id, article_id, annotator, start, end, claimant, addressee, target,
        stance, category, certainty, checkworthy, attribution_type, source_mention,
        source_text, source_kind, cue_start, cue_end, note, extra, segments,
    ) = values  # fmt: skip
    return Claim(
        claim_id, article_id, annotator, start, end, claimant, addressee, target,
        stance, category, certainty, checkworthy,
        Attribution(
            attribution_type, source_mention, source_text, source_kind,
            Span(cue_start, cue_end) if cue_start is not None else None,
        ),
        note or "",
        loads(extra),
        segments_of(segments),
    )  # fmt: skip


def claim_from_row(row: Row) -> Claim:
    """The claim of a ``claims`` row."""
    return claim_from_values([row[c] for c in CLAIM_COLUMNS])


STATUS_COLUMNS = ("article_id", "annotator", "status", "comment", "updated_at")
"""Columns of a ``statuses`` row, in the order of `status_values`."""


def status_values(status: Status, updated_at: str) -> tuple[Any, ...]:
    """The ``statuses`` row of a status as values in `STATUS_COLUMNS` order."""
    return (status.article_id, status.annotator, status.status, status.comment, updated_at)


def status_row(status: Status, updated_at: str) -> Row:
    """The ``statuses`` row of a status."""
    return dict(zip(STATUS_COLUMNS, status_values(status, updated_at), strict=True))
