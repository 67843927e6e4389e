"""Checks that a label fits its article and the project's schema, and what a claim lacks.

Each ``validate_*`` function raises `ValidationError` with a message naming
the label field; callers add where the label came from (a file and line, a
user action). References to other rows (actors, mentions) are checked by the
caller, which knows what exists. `missing_fields` says what a claim still
lacks before its article can be called done.
"""

from __future__ import annotations

from collections.abc import Sequence

from annotator.core.errors import ValidationError, quoted
from annotator.core.model import (
    ATTRIBUTION_VOCAB_FIELDS,
    CLAIM_VOCAB_FIELDS,
    STATUSES,
    Actor,
    Claim,
    Mention,
    Status,
)
from annotator.core.schema import LabelSchema
from annotator.core.segments import check_claim_content
from annotator.core.spans import check_span


def check_vocab(schema: LabelSchema, field: str, value: object, what: str | None = None) -> None:
    """Raise unless ``value`` is None or an id of the schema field ``field``."""
    if value is None:
        return
    if not isinstance(value, str) or not schema.allows(field, value):
        allowed = ", ".join(schema.field(field).ids())
        raise ValidationError(
            f"{what or field} {quoted(value)} is not in the schema (one of: {allowed})"
        )


def missing_fields(claim: Claim) -> list[str]:
    """Fields a claim still lacks before its article can be called done.

    Of ``claimant``, ``stance``, ``attribution`` (the type) and ``cue``, only
    what is really missing: no claimant is needed for a source that is words
    (an unnamed, document or author source kind, see `Attribution`) nor for
    the author's own claim (attribution type ``unattributed``), and no cue for
    the latter.
    """
    attribution = claim.attribution
    unattributed = attribution.attribution_type == "unattributed"
    missing = []
    if claim.claimant is None and not (unattributed or attribution.source_is_words):
        missing.append("claimant")
    if claim.stance is None:
        missing.append("stance")
    if attribution.attribution_type is None:
        missing.append("attribution")
    elif not unattributed and attribution.cue is None:
        missing.append("cue")
    return missing


def validate_mention(mention: Mention, text_length: int) -> None:
    """Check the mention's span against an article of ``text_length`` code points."""
    check_span(mention.start, mention.end, text_length, "mention")


def validate_claim(claim: Claim, text_length: int, schema: LabelSchema) -> None:
    """Check the claim's span, its segments (`annotator.core.segments`), cue and every
    vocabulary field."""
    check_span(claim.start, claim.end, text_length, "claim")
    check_claim_content(claim.start, claim.end, claim.segments, text_length)
    for field in CLAIM_VOCAB_FIELDS:
        check_vocab(schema, field, getattr(claim, field))
    attribution = claim.attribution
    for field in ATTRIBUTION_VOCAB_FIELDS:
        check_vocab(schema, field, getattr(attribution, field), field.replace("_", " "))
    if attribution.cue is not None:
        check_span(attribution.cue.start, attribution.cue.end, text_length, "cue")
    extra_fields = {f.name for f in schema.extra_fields()}
    for name, value in claim.extra.items():
        if name not in extra_fields:
            raise ValidationError(f"extra field {quoted(name)} is not in the schema")
        check_vocab(schema, name, value)


def repeated_name(name: str, aliases: Sequence[str], alias: str) -> str | None:
    """What ``alias`` repeats of an actor's ``name`` and ``aliases``, ignoring case, or None.

    Actors are looked up by name and alias ignoring case, so such an alias adds
    nothing. Returns e.g. ``"its name 'Observers'"`` or ``"its alias 'Beijing'"``.
    """
    key = alias.strip().casefold()
    if key == name.strip().casefold():
        return f"its name {quoted(name)}"
    for other in aliases:
        if key == other.strip().casefold():
            return f"its alias {quoted(other)}"
    return None


def distinct_aliases(name: str, aliases: Sequence[str]) -> tuple[str, ...]:
    """The aliases without those that repeat the name or an earlier alias, ignoring case.

    What an import keeps of an actor's aliases: a repeat adds nothing to a
    lookup, which ignores case, so it is dropped and the first spelling stays.
    """
    kept: list[str] = []
    for alias in aliases:
        if repeated_name(name, kept, alias) is None:
            kept.append(alias)
    return tuple(kept)


def validate_actor(actor: Actor, schema: LabelSchema) -> None:
    """Check the actor has a name and a known type, and its aliases are distinct.

    Aliases must differ from the name and from each other ignoring case (see
    `repeated_name`); imports drop repeats first (`distinct_aliases`).
    """
    if not actor.name.strip():
        raise ValidationError("an actor needs a name")
    check_vocab(schema, "actor_type", actor.type, "actor type")
    for index, alias in enumerate(actor.aliases):
        if not alias.strip():
            raise ValidationError(f"actor {quoted(actor.name)} has an empty alias")
        repeated = repeated_name(actor.name, actor.aliases[:index], alias)
        if repeated is not None:
            raise ValidationError(
                f"actor {quoted(actor.name)} lists {quoted(alias)} twice: it repeats {repeated}"
                " (names match ignoring case)"
            )


def validate_status(status: Status) -> None:
    """Check the status is one of `STATUSES`."""
    if status.status not in STATUSES:
        raise ValidationError(f"status {quoted(status.status)} is not one of {', '.join(STATUSES)}")
