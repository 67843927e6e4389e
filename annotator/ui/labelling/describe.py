"""What a label is called where the pointer rests on it ("Claim by Norvania: oppose")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from annotator.core.schema import LabelSchema
from annotator.ui.i18n import plural
from annotator.ui.text.article_state import ArticleState
from annotator.ui.text.label_layer import Mark


def value_name(schema: LabelSchema, field: str, value_id: str | None) -> str | None:
    """The name a schema value is shown by ("Unnamed group" for ``unnamed_group``)."""
    value = schema.field(field).value(value_id) if value_id else None
    return value.name if value else value_id


def describe_mark(state: ArticleState | None, schema: LabelSchema, mark: Mark) -> str:
    """A short description of the label ``mark`` draws, from the open article's labels."""
    if state is None:
        return mark.kind
    if mark.kind == "mention":
        mention = state.mentions.get(mark.label_id)
        actor = state.actors.get(mention.actor) if mention and mention.actor else None
        if actor is None:
            return QCoreApplication.translate("describe_mark", "Mention")
        kind = value_name(schema, "actor_type", actor.type) or QCoreApplication.translate(
            "describe_mark", "no type"
        )
        return QCoreApplication.translate("describe_mark", "Mention of {actor} ({type})").format(
            actor=actor.name, type=kind
        )
    claim = state.claims.get(mark.label_id)
    if claim is None:
        return mark.kind
    if mark.kind == "cue":
        return QCoreApplication.translate("describe_mark", "Attribution cue")
    who = state.actors.get(claim.claimant or "")
    stance = value_name(schema, "stance", claim.stance)
    text = QCoreApplication.translate("describe_mark", "Claim by {claimant}: {stance}").format(
        claimant=who.name if who else QCoreApplication.translate("describe_mark", "no claimant"),
        stance=stance or QCoreApplication.translate("describe_mark", "no stance"),
    )
    if claim.segments:  # a quote split around its cue: the words are in several places
        count = len(claim.segments)
        text += plural(
            QCoreApplication.translate("describe_mark", " (in %n segment(s))", "", count), count
        )
    return text
