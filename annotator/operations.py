"""Everything a user can do to a project, each as a named operation.

An operation is a small frozen value: what to change (ids, spans, values)
and the title the user knows the change by (Edit › Undo shows it, also after
a restart). `Operation.run` performs it as one action of the store, logged
under that title, and says what it returned and logged. The UI's session
pushes operations as undoable commands (`annotator.ui.session`); tests and
scripts run them directly, without widgets. This module sits between the
store and the UI and imports no Qt.

Titles are English source texts marked with `QT_TRANSLATE_NOOP` in the
context ``"Operation"``, so that ``pyside6-lupdate`` collects them for
translators; the UI translates them (`Operation.title` with a translate
function) and fills in the project's own words (an actor's name, a field's
label), which are not translated.
"""

from __future__ import annotations

import dataclasses
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from annotator.assist.suggestion import Suggestion
from annotator.core.model import (
    ATTRIBUTION_VOCAB_FIELDS,
    GOLD,
    Actor,
    Claim,
    ClaimLink,
    Mention,
    Status,
)
from annotator.core.schema import LabelSchema
from annotator.core.spans import Span
from annotator.store.events import Event
from annotator.store.project import Project
from annotator.store.suggestion_rows import AcceptedSuggestion

T = TypeVar("T")

CONTEXT = "Operation"
"""The translation context of every title."""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context``; returns it unchanged.

    ``pyside6-lupdate`` finds texts by this name, so Qt's own marker is not
    needed (and this module stays free of Qt).
    """
    return text


@dataclass(frozen=True)
class Done(Generic[T]):
    """What running an operation returned, and the log entries it wrote."""

    result: T
    events: tuple[Event, ...]
    """One entry per store action that changed something; none when nothing changed."""

    def event_of(self, annotator: str) -> Event | None:
        """The last entry logged for ``annotator`` (whose undo history it joins), if any."""
        mine = [event for event in self.events if event.annotator == annotator]
        return mine[-1] if mine else None


class Operation(ABC, Generic[T]):
    """One thing a user does to a project, as one undoable action of the store."""

    TITLE: ClassVar[str]
    """The title in English, with ``{placeholders}`` for the operation's fields."""

    @abstractmethod
    def apply(self, project: Project) -> T:
        """Do it through the store (one action); what the store returned."""

    def title_text(self) -> str:
        """The untranslated title, before its placeholders are filled in."""
        return self.TITLE

    def title_values(self) -> Mapping[str, object]:
        """The words filled into the title: by default the operation's own fields."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}  # type: ignore[arg-type]

    def title(self, translate: Callable[[str], str] | None = None) -> str:
        """The title the user sees, translated by ``translate`` (English without it)."""
        text = self.title_text()
        return (translate(text) if translate else text).format(**self.title_values())

    def run(self, project: Project, title: str | None = None) -> Done[T]:
        """Perform the operation, logged under ``title`` (by default `title` in English).

        Raises:
            AnnotatorError: the store refused it (a bad value, a name taken) or
                could not save it (a full disk, a busy file); nothing changed.
        """
        with project.labelled(title or self.title()) as logged:
            result = self.apply(project)
        return Done(result, tuple(logged))


# -- claims --------------------------------------------------------------------------------


@dataclass(frozen=True)
class MarkClaim(Operation[Claim]):
    """Mark words of an article as a claim (C)."""

    TITLE = QT_TRANSLATE_NOOP("Operation", "Mark claim")
    article_id: str
    annotator: str
    span: Span

    def apply(self, project: Project) -> Claim:
        return project.add_claim(self.article_id, self.annotator, *self.span)


@dataclass(frozen=True)
class AddClaimSegment(Operation[Claim]):
    """Add words to a claim's content as a segment of its own (a quote split around its cue).

    The claim's span becomes the hull of its segments; see `annotator.core.segments`.
    """

    TITLE = QT_TRANSLATE_NOOP("Operation", "Add segment")
    claim_id: str
    span: Span

    def apply(self, project: Project) -> Claim:
        return project.add_claim_segment(self.claim_id, self.span)


@dataclass(frozen=True)
class RemoveClaimSegment(Operation[Claim]):
    """Remove one segment from a claim's content (the claim keeps at least one)."""

    TITLE = QT_TRANSLATE_NOOP("Operation", "Remove segment")
    claim_id: str
    span: Span

    def apply(self, project: Project) -> Claim:
        return project.remove_claim_segment(self.claim_id, self.span)


@dataclass(frozen=True)
class SetClaimField(Operation[Claim]):
    """Set one field of a claim: a vocabulary value, an actor role, the note, or any field
    of its attribution (type, source kind, source words) or an extra field of the schema.
    ``None`` clears it.
    """

    TITLE = QT_TRANSLATE_NOOP("Operation", "Set {label}")
    claim_id: str
    field: str
    value: Any
    label: str = ""
    """The field as the title names it ("stance"); `of` takes it from the schema."""

    ATTRIBUTION: ClassVar[frozenset[str]] = frozenset({*ATTRIBUTION_VOCAB_FIELDS, "source_text"})
    """Claim form fields that are fields of the attribution (under the same name)."""

    @classmethod
    def of(cls, schema: LabelSchema, claim_id: str, field: str, value: Any) -> SetClaimField:
        """The operation, titled with the field's label in ``schema`` (in lower case)."""
        label = schema.fields[field].label if field in schema.fields else field
        return cls(claim_id, field, value, label.lower())

    def title_values(self) -> Mapping[str, object]:
        return {"label": self.label or self.field.replace("_", " ")}

    def apply(self, project: Project) -> Claim:
        if self.field in {f.name for f in project.schema.extra_fields()}:
            claim = project.claim(self.claim_id)
            extra = {**(claim.extra if claim else {}), self.field: self.value}
            kept = {k: v for k, v in extra.items() if v is not None}
            return project.update_claim(self.claim_id, extra=kept)
        if self.field in self.ATTRIBUTION:
            return project.update_attribution(self.claim_id, **{self.field: self.value})
        return project.update_claim(self.claim_id, **{self.field: self.value})


@dataclass(frozen=True)
class SetCue(Operation[Claim]):
    """Make words the attribution cue of a claim ("said", "according to") (Q)."""

    TITLE = QT_TRANSLATE_NOOP("Operation", "Set cue")
    claim_id: str
    span: Span

    def apply(self, project: Project) -> Claim:
        return project.update_attribution(self.claim_id, cue=self.span)


@dataclass(frozen=True)
class SetSource(Operation[Claim]):
    """Make words the cited source of a claim, a mention of ``actor_id`` if given (S).

    The rules of `Project.set_claim_source` apply: the claimant follows a
    source that names an actor, and words without one may stay words.
    """

    TITLE = QT_TRANSLATE_NOOP("Operation", "Set source")
    claim_id: str
    span: Span
    actor_id: str | None = None

    def apply(self, project: Project) -> Claim:
        return project.set_claim_source(self.claim_id, self.span, self.actor_id)


@dataclass(frozen=True)
class DeleteClaim(Operation[None]):
    """Delete a claim with its links (a source only it cited goes too)."""

    TITLE = QT_TRANSLATE_NOOP("Operation", "Delete claim")
    claim_id: str

    def apply(self, project: Project) -> None:
        project.delete_claim(self.claim_id)


@dataclass(frozen=True)
class LinkClaims(Operation[ClaimLink]):
    """Record that a claim and one in another article of the story are the same claim."""

    TITLE = QT_TRANSLATE_NOOP("Operation", "Link claims")
    claim_id: str
    other_id: str
    annotator: str

    def apply(self, project: Project) -> ClaimLink:
        return project.link_claims(self.claim_id, self.other_id, self.annotator)


@dataclass(frozen=True)
class UnlinkClaims(Operation[None]):
    """Remove the link between two claims."""

    TITLE = QT_TRANSLATE_NOOP("Operation", "Unlink claims")
    claim_id: str
    other_id: str
    annotator: str

    def apply(self, project: Project) -> None:
        project.unlink_claims(self.claim_id, self.other_id, self.annotator)


# -- mentions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MarkMention(Operation[Mention]):
    """Mark words as a mention, of ``actor_id`` if given (M); a mention already there is kept."""

    TITLE = QT_TRANSLATE_NOOP("Operation", "Mark mention")
    article_id: str
    annotator: str
    span: Span
    actor_id: str | None = None

    def apply(self, project: Project) -> Mention:
        return project.add_mention(self.article_id, self.annotator, *self.span, self.actor_id)


@dataclass(frozen=True)
class MarkOccurrences(Operation[list[Mention]]):
    """Mark several spans as mentions of one actor, as one step (its other occurrences)."""

    TITLE = QT_TRANSLATE_NOOP("Operation", "Mark occurrences")
    article_id: str
    annotator: str
    spans: tuple[Span, ...]
    actor_id: str | None

    def apply(self, project: Project) -> list[Mention]:
        spans = list(self.spans)
        return project.add_mentions(self.article_id, self.annotator, spans, self.actor_id)


@dataclass(frozen=True)
class SetMentionActor(Operation[Mention]):
    """Say which actor a mention refers to (``None``: none yet)."""

    TITLE = QT_TRANSLATE_NOOP("Operation", "Set mention actor")
    mention_id: str
    actor_id: str | None

    def apply(self, project: Project) -> Mention:
        return project.update_mention(self.mention_id, actor=self.actor_id)


@dataclass(frozen=True)
class DeleteMention(Operation[None]):
    """Delete a mention; claims citing it as their source keep its words."""

    TITLE = QT_TRANSLATE_NOOP("Operation", "Delete mention")
    mention_id: str

    def apply(self, project: Project) -> None:
        project.delete_mention(self.mention_id)


# -- actors --------------------------------------------------------------------------------


@dataclass(frozen=True)
class AddActor(Operation[Actor]):
    """Add an actor to the project's registry, with a type and aliases if given."""

    TITLE = QT_TRANSLATE_NOOP("Operation", "Add actor {name}")
    name: str
    annotator: str
    type: str | None = None
    """An actor type of the schema ("state", "person"); None: no type."""
    aliases: tuple[str, ...] = ()

    def apply(self, project: Project) -> Actor:
        return project.add_actor(self.name, self.annotator, self.type, self.aliases)


@dataclass(frozen=True)
class RenameActor(Operation[Actor]):
    """Give an actor another name (its labels keep pointing at it)."""

    TITLE = QT_TRANSLATE_NOOP("Operation", "Rename actor to {name}")
    actor_id: str
    name: str
    annotator: str

    def apply(self, project: Project) -> Actor:
        return project.update_actor(self.actor_id, self.annotator, name=self.name)


@dataclass(frozen=True)
class RetypeActor(Operation[Actor]):
    """Change an actor's type (``None``: no type)."""

    TITLE = QT_TRANSLATE_NOOP("Operation", "Change actor type")
    actor_id: str
    type: str | None
    annotator: str

    def apply(self, project: Project) -> Actor:
        return project.update_actor(self.actor_id, self.annotator, type=self.type)


@dataclass(frozen=True)
class AddAlias(Operation[Actor]):
    """Give an actor an alias ("Beijing" for China)."""

    TITLE = QT_TRANSLATE_NOOP("Operation", "Add alias {alias}")
    actor_id: str
    alias: str
    annotator: str

    def apply(self, project: Project) -> Actor:
        return project.add_alias(self.actor_id, self.alias, self.annotator)


@dataclass(frozen=True)
class MergeActors(Operation[Actor]):
    """Fold one actor into another: its labels follow, its names become aliases."""

    TITLE = QT_TRANSLATE_NOOP("Operation", "Merge actors")
    keep_id: str
    other_id: str
    annotator: str

    def apply(self, project: Project) -> Actor:
        return project.merge_actors(self.keep_id, self.other_id, self.annotator)


# -- status --------------------------------------------------------------------------------

STATUS_TITLES: Mapping[str, str] = {
    "todo": QT_TRANSLATE_NOOP("Operation", "Mark to do"),
    "in_progress": QT_TRANSLATE_NOOP("Operation", "Mark in progress"),
    "done": QT_TRANSLATE_NOOP("Operation", "Mark done"),
    "skipped": QT_TRANSLATE_NOOP("Operation", "Mark skipped"),
}
"""The title of setting each status in `annotator.core.model.STATUSES` (one text each, so each translates whole)."""


@dataclass(frozen=True)
class SetStatus(Operation[Status]):
    """Set an annotator's status on an article (its comment stays)."""

    TITLE = QT_TRANSLATE_NOOP("Operation", "Mark {status}")
    article_id: str
    annotator: str
    status: str

    def title_text(self) -> str:
        return STATUS_TITLES.get(self.status, self.TITLE)

    def apply(self, project: Project) -> Status:
        return project.set_status(self.article_id, self.annotator, self.status)


@dataclass(frozen=True)
class SetComment(Operation[Status]):
    """Change an annotator's comment on an article (its status stays)."""

    TITLE = QT_TRANSLATE_NOOP("Operation", "Edit comment")
    article_id: str
    annotator: str
    comment: str

    def apply(self, project: Project) -> Status:
        status = project.status(self.article_id, self.annotator).status
        return project.set_status(self.article_id, self.annotator, status, self.comment)


# -- adjudication --------------------------------------------------------------------------


@dataclass(frozen=True)
class AcceptLabel(Operation[str]):
    """Copy an annotator's claim or mention into gold, replacing gold labels it settles.

    The action is gold's (its undo history is the adjudicating lead's gold
    session); the result is the id of the new gold label.
    """

    TITLE = QT_TRANSLATE_NOOP("Operation", "Accept {annotator}'s {kind}")
    label_id: str
    annotator: str
    """Whose label it is, for the title."""
    kind: str
    """Which kind of label (claim, mention), for the title."""
    replacing: tuple[str, ...] = ()

    def apply(self, project: Project) -> str:
        return project.accept_label(self.label_id, GOLD, replacing=self.replacing)


@dataclass(frozen=True)
class MarkAdjudicated(Operation[Status]):
    """Mark an article settled: gold's status on it becomes done."""

    TITLE = QT_TRANSLATE_NOOP("Operation", "Mark adjudicated")
    article_id: str

    def apply(self, project: Project) -> Status:
        return project.set_status(self.article_id, GOLD, "done")


# -- suggestions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AcceptSuggestion(Operation[AcceptedSuggestion]):
    """Accept a suggestion offered to the annotator: its claim with cue, source, mentions,
    fields and any new actor (or its mention, field values or link) become their labels,
    as one step; undoing it removes them and offers the suggestion again.

    The result says what was made and what the claim still lacks
    (`AcceptedSuggestion.missing`), for the keys that follow.
    """

    TITLE = QT_TRANSLATE_NOOP("Operation", "Accept suggestion")
    key: str
    annotator: str

    def apply(self, project: Project) -> AcceptedSuggestion:
        (done,) = project.accept_suggestions([self.key], self.annotator)
        return done


@dataclass(frozen=True)
class RejectSuggestion(Operation[Suggestion]):
    """Reject a suggestion: it is not offered to the annotator again, also after the
    suggestions are computed again (undoing it offers it again)."""

    TITLE = QT_TRANSLATE_NOOP("Operation", "Reject suggestion")
    key: str
    annotator: str

    def apply(self, project: Project) -> Suggestion:
        return project.reject_suggestion(self.key, self.annotator)


@dataclass(frozen=True)
class AcceptAllSuggestions(Operation[list[AcceptedSuggestion]]):
    """Accept every suggestion offered to the annotator in an article, as one step
    (the UI asks first). A suggestion that one accepted before it now covers is left,
    and so are those of recommenders switched off (the app does not show them)."""

    TITLE = QT_TRANSLATE_NOOP("Operation", "Accept all suggestions")
    article_id: str
    annotator: str

    def apply(self, project: Project) -> list[AcceptedSuggestion]:
        from annotator.assist.compute import DEFAULT_OFF

        settings = project.recommender_settings()
        keys = [
            s.key
            for s in project.offered_suggestions(self.article_id, self.annotator)
            if settings.get(s.recommender, s.recommender not in DEFAULT_OFF)
        ]
        return project.accept_suggestions(keys, self.annotator)


@dataclass(frozen=True)
class SetRecommenderEnabled(Operation[bool]):
    """Switch a recommender (``patterns``, ``actors``, ``learned``, ``links``) on or off
    for the project; the suggestions are computed without it from then on."""

    TITLE = QT_TRANSLATE_NOOP("Operation", "Switch recommender {recommender}")
    recommender: str
    enabled: bool
    annotator: str

    def apply(self, project: Project) -> bool:
        return project.set_recommender_enabled(self.recommender, self.enabled, self.annotator)


@dataclass(frozen=True)
class EditLexicon(Operation[None]):
    """Replace the project's additions to the cue lexicon of a language (TOML, see
    `annotator.assist.lexicon`); empty text removes them. Text that is not a lexicon
    is refused with the place of the error."""

    TITLE = QT_TRANSLATE_NOOP("Operation", "Edit cue lexicon")
    language: str
    text: str
    annotator: str

    def apply(self, project: Project) -> None:
        from annotator.assist.lexicon import Lexicon

        if self.text.strip():
            Lexicon.for_language(self.language, self.text)  # raises LexiconError
        project.set_lexicon(self.language, self.text, self.annotator)


OPERATIONS: tuple[type[Operation[Any]], ...] = (
    MarkClaim,
    AddClaimSegment,
    RemoveClaimSegment,
    SetClaimField,
    SetCue,
    SetSource,
    DeleteClaim,
    LinkClaims,
    UnlinkClaims,
    MarkMention,
    MarkOccurrences,
    SetMentionActor,
    DeleteMention,
    AddActor,
    RenameActor,
    RetypeActor,
    AddAlias,
    MergeActors,
    SetStatus,
    SetComment,
    AcceptLabel,
    MarkAdjudicated,
    AcceptSuggestion,
    RejectSuggestion,
    AcceptAllSuggestions,
    SetRecommenderEnabled,
    EditLexicon,
)
"""Everything a user can do to a project's labels, actors and statuses."""
