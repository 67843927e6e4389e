"""Conversion between the domain dataclasses and table rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import orjson

from annotator.core.model import Actor, Article, Attribution, Claim, Mention, Status
from annotator.core.spans import Span

Row = dict[str, Any]


def dumps(value: Any) -> str:
    """Compact JSON for a TEXT column (meta, extra); keys sorted so equal values compare equal."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()


def loads(text: str | None) -> Any:
    """The value of a JSON TEXT column; an empty column is an empty dict."""
    return orjson.loads(text) if text else {}


def article_row(article: Article, added_at: str) -> Row:
    """The ``articles`` row of an article."""
    return {
        "id": article.id,
        "title": article.title,
        "text": article.text,
        "source": article.source,
        "url": article.url,
        "published": article.published,
        "language": article.language,
        "story": article.story,
        "meta": dumps(article.meta),
        "text_sha256": article.text_sha256,
        "added_at": added_at,
    }


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


def actor_row(actor: Actor, created_by: str | None, updated_at: str) -> Row:
    """The ``actors`` row of an actor (aliases live in ``actor_aliases``)."""
    return {
        "id": actor.id,
        "name": actor.name,
        "name_key": actor.name.casefold(),
        "type": actor.type,
        "created_by": created_by,
        "updated_at": updated_at,
    }


def actor_from_rows(row: Row, aliases: Iterable[Row]) -> Actor:
    """The actor of an ``actors`` row and its ``actor_aliases`` rows (any order).

    The aliases are put in stored order: by position, and rows of equal
    position (from before positions were kept apart) in the order given.
    """
    ordered = sorted(aliases, key=lambda r: r["position"])  # stable: ties keep their order
    return Actor(row["id"], row["name"], row["type"], tuple(r["alias"] for r in ordered))


def alias_row(actor_id: str, alias: str, position: int) -> Row:
    """The ``actor_aliases`` row of one alias."""
    return {
        "actor_id": actor_id,
        "alias": alias,
        "alias_key": alias.casefold(),
        "position": position,
    }


def mention_row(mention: Mention, updated_at: str) -> Row:
    """The ``mentions`` row of a mention."""
    return {
        "id": mention.id,
        "article_id": mention.article_id,
        "annotator": mention.annotator,
        "start": mention.start,
        "end": mention.end,
        "actor_id": mention.actor,
        "source_only": int(mention.source_only),
        "updated_at": updated_at,
    }


MENTION_COLUMNS = ("id", "article_id", "annotator", "start", "end", "actor_id", "source_only")
"""Columns `mention_from_values` reads, in its order."""


def mention_from_values(values: Sequence[Any]) -> Mention:
    """The mention of a row selected as `MENTION_COLUMNS` (the fast path for many rows)."""
    mention_id, article_id, annotator, start, end, actor, source_only = values
    return Mention(mention_id, article_id, annotator, start, end, actor, bool(source_only))


def mention_from_row(row: Row) -> Mention:
    """The mention of a ``mentions`` row."""
    return mention_from_values([row[c] for c in MENTION_COLUMNS])


def claim_row(claim: Claim, updated_at: str) -> Row:
    """The ``claims`` row of a claim, attribution flattened."""
    attribution = claim.attribution
    cue = attribution.cue
    return {
        "id": claim.id,
        "article_id": claim.article_id,
        "annotator": claim.annotator,
        "start": claim.start,
        "end": claim.end,
        "claimant": claim.claimant,
        "addressee": claim.addressee,
        "target": claim.target,
        "stance": claim.stance,
        "category": claim.category,
        "certainty": claim.certainty,
        "checkworthy": claim.checkworthy,
        "attribution_type": attribution.attribution_type,
        "attr_source_mention": attribution.source_mention,
        "attr_source_text": attribution.source_text,
        "attr_source_kind": attribution.source_kind,
        "cue_start": cue.start if cue else None,
        "cue_end": cue.end if cue else None,
        "note": claim.note,
        "extra": dumps(claim.extra) if claim.extra else None,
        "updated_at": updated_at,
    }


CLAIM_COLUMNS = (
    "id", "article_id", "annotator", "start", "end", "claimant", "addressee", "target",
    "stance", "category", "certainty", "checkworthy", "attribution_type", "attr_source_mention",
    "attr_source_text", "attr_source_kind", "cue_start", "cue_end", "note", "extra",
)  # fmt: skip
"""Columns `claim_from_values` reads, in its order."""


def claim_from_values(values: Sequence[Any]) -> Claim:
    """The claim of a row selected as `CLAIM_COLUMNS` (the fast path for many rows)."""
    (
        claim_id, article_id, annotator, start, end, claimant, addressee, target,
        stance, category, certainty, checkworthy, attribution_type, source_mention,
        source_text, source_kind, cue_start, cue_end, note, extra,
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
    )  # fmt: skip


def claim_from_row(row: Row) -> Claim:
    """The claim of a ``claims`` row."""
    return claim_from_values([row[c] for c in CLAIM_COLUMNS])


def status_row(status: Status, updated_at: str) -> Row:
    """The ``statuses`` row of a status."""
    return {
        "article_id": status.article_id,
        "annotator": status.annotator,
        "status": status.status,
        "comment": status.comment,
        "updated_at": updated_at,
    }
