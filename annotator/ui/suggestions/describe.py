"""What a suggestion is called in the list, the panel and the hover text, in the user's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from annotator.assist.suggestion import CLAIM, FIELDS, LINK, MENTION, Suggestion
from annotator.core.model import ATTRIBUTION_VOCAB_FIELDS, CLAIM_VOCAB_FIELDS, Claim
from annotator.core.schema import LabelSchema
from annotator.core.words import elide_words
from annotator.ui.labelling.describe import value_name


def kind_name(kind: str) -> str:
    """The kind of a suggestion in words ("Claim")."""
    names = {
        CLAIM: QCoreApplication.translate("suggestions", "Claim"),
        MENTION: QCoreApplication.translate("suggestions", "Mention"),
        FIELDS: QCoreApplication.translate("suggestions", "Values"),
        LINK: QCoreApplication.translate("suggestions", "Link"),
    }
    return names.get(kind, kind)


def score_text(score: float) -> str:
    """A score in 0..1 as a percentage ("72%")."""
    return f"{round(score * 100)}%"


def quote(text: str, limit: int = 60) -> str:
    """Words of the article in quotation marks, cut at a word when long."""
    return f"“{elide_words(text, limit)}”"


def _actor(suggestion: Suggestion, actor_id: str | None, names: dict[str, str]) -> str | None:
    if actor_id is None:
        return None
    if suggestion.actor is not None and actor_id == suggestion.actor.id:
        return QCoreApplication.translate("suggestions", "new actor {name}").format(
            name=suggestion.actor.name
        )
    return names.get(actor_id, "?")


def _values(claim: Claim, schema: LabelSchema) -> list[str]:
    """The field values a suggested claim sets, as "Attribution: Indirect speech"."""
    found = []
    for name in schema.fields:
        if name in CLAIM_VOCAB_FIELDS:
            value = getattr(claim, name)
        elif name in ATTRIBUTION_VOCAB_FIELDS:
            value = getattr(claim.attribution, name)
        else:
            value = claim.extra.get(name)
        if value is not None and name != "actor_type":
            label = schema.field(name).label
            found.append(f"{label}: {value_name(schema, name, value) or value}")
    return found


def summary(suggestion: Suggestion, text: str, names: dict[str, str]) -> str:
    """One line for the list: score, kind, the words and who says them."""
    head = f"{score_text(suggestion.score)}  {kind_name(suggestion.kind)}"
    span = suggestion.span
    words = quote(text[span.start : span.end], 40) if span is not None else ""
    if suggestion.kind == CLAIM and suggestion.claim is not None:
        claim = suggestion.claim
        who = _actor(suggestion, claim.claimant, names)
        source = suggestion.source
        if who is None and source is not None:
            who = quote(text[source.start : source.end], 30)
        if who is None and claim.attribution.attribution_type == "unattributed":
            who = QCoreApplication.translate("suggestions", "the author")
        if who is None:
            who = QCoreApplication.translate("suggestions", "no source")
        return f"{head}  {words} — {who}"
    if suggestion.kind == MENTION and suggestion.mentions:
        actor = _actor(suggestion, suggestion.mentions[0].actor, names)
        if actor is None:
            actor = QCoreApplication.translate("suggestions", "no actor")
        return f"{head}  {words} → {actor}"
    if suggestion.kind == FIELDS and suggestion.claim is not None:
        claim = suggestion.claim
        return f"{head}  {quote(text[claim.start : claim.end], 40)}"
    return f"{head}  {suggestion.note}"


def details(
    suggestion: Suggestion,
    text: str,
    names: dict[str, str],
    schema: LabelSchema,
    missing: tuple[str, ...],
) -> str:
    """Several lines for the panel: what accepting creates, the score, what is left to set."""
    lines = [
        QCoreApplication.translate(
            "suggestions", "{kind} suggested by {recommender} ({version}), score {score}"
        ).format(
            kind=kind_name(suggestion.kind),
            recommender=suggestion.recommender,
            version=suggestion.version,
            score=score_text(suggestion.score),
        )
    ]
    claim = suggestion.claim
    if suggestion.kind == CLAIM and claim is not None:
        lines.append(
            QCoreApplication.translate("suggestions", "Creates the claim {words}").format(
                words=quote(text[claim.start : claim.end], 160)
            )
        )
        cue = claim.attribution.cue
        if cue is not None:
            lines.append(
                QCoreApplication.translate("suggestions", "Cue: {words}").format(
                    words=quote(text[cue.start : cue.end], 40)
                )
            )
        if suggestion.source is not None:
            source = suggestion.source
            lines.append(
                QCoreApplication.translate("suggestions", "Source: {words}").format(
                    words=quote(text[source.start : source.end], 60)
                )
            )
        who = _actor(suggestion, claim.claimant, names)
        if who is not None:
            lines.append(
                QCoreApplication.translate("suggestions", "Claimant: {actor}").format(actor=who)
            )
        lines += _values(claim, schema)
    elif suggestion.kind == MENTION and suggestion.mentions:
        mention = suggestion.mentions[0]
        actor = _actor(suggestion, mention.actor, names) or QCoreApplication.translate(
            "suggestions", "no actor"
        )
        words = quote(text[mention.start : mention.end], 60)
        lines.append(
            QCoreApplication.translate(
                "suggestions", "Creates a mention {words} of {actor}"
            ).format(words=words, actor=actor)
        )
    elif suggestion.kind == FIELDS and claim is not None:
        words = quote(text[claim.start : claim.end], 80)
        lines.append(
            QCoreApplication.translate("suggestions", "Sets on the claim {words}:").format(
                words=words
            )
        )
        lines += _values(claim, schema)
    elif suggestion.kind == LINK:
        lines.append(
            QCoreApplication.translate(
                "suggestions", "Links a claim of this article to the same claim in another one"
            )
        )
    if missing:
        labels = [_field_label(name, schema) for name in missing]
        lines.append(
            QCoreApplication.translate("suggestions", "Still to set: {fields}").format(
                fields=", ".join(labels)
            )
        )
    if suggestion.note:
        lines.append(
            QCoreApplication.translate("suggestions", "Why: {note}").format(note=suggestion.note)
        )
    return "\n".join(lines)


def _field_label(name: str, schema: LabelSchema) -> str:
    if name in schema.fields:
        return schema.field(name).label
    return {
        "claimant": QCoreApplication.translate("suggestions", "claimant"),
        "cue": QCoreApplication.translate("suggestions", "cue"),
        "actor": QCoreApplication.translate("suggestions", "actor"),
    }.get(name, name)


def hover(suggestion: Suggestion) -> str:
    """The hover text of a suggestion drawn in the text."""
    return QCoreApplication.translate(
        "suggestions", "Suggested {kind} ({score}): Tab to choose, Enter accepts"
    ).format(kind=kind_name(suggestion.kind).lower(), score=score_text(suggestion.score))
