"""Editing the current claim: marking it, its fields, its cue and its source.

Sources: a named source is a mention of an actor (the claimant by default);
an unnamed, document or author source ("observers", "recent reports", the
outlet) is words without a mention (source text and kind) and needs no
claimant. S on words that name no actor keeps the focus in the text and makes
the source kind the active field: the key of "named" then puts the words in
the claimant picker, where Enter creates that actor (and the source mention
gets it); the key of another kind turns the source into words. The store
keeps these rules (`Project.set_claim_source`, `Project.update_claim`).

A claim's content may be in segments (a quote split around its cue): + adds
the selected words to the current claim as a segment of their own, - removes
the segment the selected words are in (`annotator.core.segments`). Words the
claim has already, or its own cue, are refused here with a message in words;
whatever else the store refuses shows as its message.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from annotator import operations as op
from annotator.core.model import NAMED_SOURCE, Actor, Claim, Mention
from annotator.core.spans import Span
from annotator.core.words import elide_words
from annotator.ui.i18n import plural
from annotator.ui.labelling.host import Host
from annotator.ui.labelling.mentions import actor_named


class ClaimEditor(QObject):
    """Marks claims and sets their fields, on the workspace's current claim."""

    message = Signal(str)  # a hint for the status bar

    def __init__(self, host: Host, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.host = host
        form = host.panel.form
        # The form speaks of the claim it shows, which is not always the current one any
        # more: it saves a half-typed note of the previous claim while showing the next.
        form.value_chosen.connect(
            lambda claim_id, field, value: self.set_field(field, value, claim_id)
        )
        form.actor_chosen.connect(
            lambda role, actor: self.set_field(role, actor.id if actor else None)
        )
        form.actor_create.connect(self.create_actor_for)

    def current(self) -> Claim | None:
        """The current claim; without one, a hint says how to choose one."""
        state, claim_id = self.host.state, self.host.current_claim
        claim = state.claims.get(claim_id or "") if state else None
        if claim is None:
            self.message.emit(self.tr("Select a claim first (mark one with C, or click one)."))
        return claim

    def mark_claim(self, span: Span) -> Claim | None:
        """Mark a claim and make it current, ready for value keys."""
        host = self.host
        assert host.state is not None
        with host.view.layer.held():  # the new claim and its focus fill drawn at once
            with host.selecting_after():
                claim = host.session.run(
                    op.MarkClaim(host.state.article.id, host.session.annotator, span)
                )
            if claim is not None:
                host.select_claim(claim.id)
        if claim is not None:
            host.panel.form.start_quick_entry()
        return claim

    def add_segment(self, span: Span) -> Claim | None:
        """Add the selected words to the current claim's content, as a segment of their own."""
        claim = self.current()
        if claim is None:
            return None
        overlapped = [s for s in claim.content if s.start < span.end and span.start < s.end]
        if overlapped:
            self.message.emit(
                self.tr(
                    "The selection overlaps “{words}”, which the claim has already: select only"
                    " the words to add, then press +."
                ).format(words=self._words(overlapped[0]))
            )
            return None
        cue = claim.attribution.cue
        if cue is not None and cue.start < span.end and span.start < cue.end:
            self.message.emit(
                self.tr(
                    "The selection covers the claim's cue “{words}”: select the quoted words on"
                    " one side of it, then press +."
                ).format(words=self._words(cue))
            )
            return None
        updated: Claim | None = self.host.session.run(op.AddClaimSegment(claim.id, span))
        if updated is not None:
            count = len(updated.content)
            text = self.tr(
                "The claim's words are now in %n segment(s): Ctrl+Z undoes it.", "", count
            )
            self.message.emit(plural(text, count))
        return updated

    def remove_selected_segment(self, span: Span) -> Claim | None:
        """Remove the current claim's segment that the selected words are in."""
        claim = self.current()
        if claim is None:
            return None
        if not claim.segments:
            self.message.emit(
                self.tr("The claim is in one piece: Delete deletes it, + adds words to it.")
            )
            return None
        inside = [s for s in claim.segments if s.start < span.end and span.start < s.end]
        if len(inside) != 1:
            self.message.emit(self.tr("Select words of one of the claim's segments, then press -."))
            return None
        return self.remove_segment(claim.id, inside[0])

    def remove_segment(self, claim_id: str, segment: Span) -> Claim | None:
        """Remove one segment of a claim's content (undoable); the claim keeps the others."""
        updated: Claim | None = self.host.session.run(op.RemoveClaimSegment(claim_id, segment))
        if updated is not None:
            self.message.emit(
                self.tr("Removed “{words}” from the claim (Ctrl+Z brings it back).").format(
                    words=self._words(segment)
                )
            )
        return updated

    def _words(self, span: Span) -> str:
        """The words of a span of the open article, shortened for a message."""
        state = self.host.state
        return elide_words(state.article.text[span.start : span.end], 40) if state else ""

    def set_field(self, field: str, value: Any, claim_id: str | None = None) -> None:
        """Set one field of a claim (by default the current one): vocabulary, actor, note."""
        state = self.host.state
        claim = state.claims.get(claim_id) if state and claim_id else self.current()
        if claim is None:
            return
        project = self.host.project
        self.host.session.run(op.SetClaimField.of(project.schema, claim.id, field, value))
        if field == "source_kind" and value == NAMED_SOURCE:
            self.ask_source_actor(claim.id)

    def create_actor_for(self, role: str, name: str) -> None:
        """Add an actor called ``name`` and make it the current claim's ``role``, as one step."""
        session = self.host.session
        with session.macro(self.tr("New actor {name}").format(name=name)):
            actor: Actor | None = session.run(op.AddActor(name, session.annotator))
            if actor is not None:
                self.set_field(role, actor.id)
        self.host.view.setFocus()  # back to the text, for the next selection

    def set_cue(self, span: Span) -> None:
        """Set the current claim's attribution cue."""
        claim = self.current()
        if claim is not None:
            self.host.session.run(op.SetCue(claim.id, span))

    def set_source(self, span: Span) -> None:
        """Set the current claim's source to the selection, and its claimant when known.

        When the words name no actor, the focus stays in the text and the
        source kind becomes the active field: its keys say whether the source
        is named (an actor to create) or words (see the module docstring).
        """
        claim = self.current()
        state = self.host.state
        if claim is None or state is None:
            return
        words = state.article.text[span.start : span.end]
        actor = actor_named(self.host.project, words)
        updated = self.host.session.run(op.SetSource(claim.id, span, actor.id if actor else None))
        if updated is not None and self._source_without_actor(updated) is not None:
            self.host.panel.form.set_active("source_kind")
            self.message.emit(self._source_kind_hint(words))

    def _source_without_actor(self, claim: Claim) -> Mention | None:
        """The claim's source mention, if it has no actor yet."""
        source = self.host.project.mention(claim.attribution.source_mention or "")
        return source if source is not None and source.actor is None else None

    def _source_kind_hint(self, words: str) -> str:
        """What the source kind keys do with a source of ``words`` that names no actor."""
        kinds = self.host.project.schema.field("source_kind").values
        named = next((v.key for v in kinds if v.id == NAMED_SOURCE and v.key), None)
        others = [v for v in kinds if v.id != NAMED_SOURCE and v.key]
        if named is None or not others:
            return self.tr("No actor is called “{words}”: pick or create the claimant.").format(
                words=words
            )
        keys = ", ".join(f"{(v.key or '').upper()} {v.name.lower()}" for v in others)
        return self.tr("“{words}” is no actor: {named} named (Enter creates it), {keys}").format(
            words=words, named=named.upper(), keys=keys
        )

    def ask_source_actor(self, claim_id: str) -> bool:
        """Offer the words of a named source without an actor as the claimant to create.

        Returns False when the claim's source has an actor (or words only), or
        the claim is not the current one: nothing was offered.
        """
        host = self.host
        claim = host.project.claim(claim_id)
        source = self._source_without_actor(claim) if claim is not None else None
        if source is None or host.state is None or claim_id != host.current_claim:
            return False
        words = host.state.article.text[source.start : source.end]
        picker = host.panel.form.pickers["claimant"]
        picker.setText(words)
        picker.setFocus()
        picker.selectAll()  # Enter takes them; typing replaces them
        self.message.emit(
            self.tr(
                "Enter creates the actor “{words}” as the claimant; or type another name."
            ).format(words=words)
        )
        return True
