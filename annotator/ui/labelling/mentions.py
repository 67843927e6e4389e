"""Mentions and the actor registry: marking mentions, their actors, and other occurrences.

When a mention gets an actor (or an actor another name), the actor's other
occurrences in the article are offered: the mention panel names how many,
and Ctrl+Shift+M marks them all as one step. The registry's own edits
(rename, retype, alias, merge) are wired here too.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from annotator import operations as op
from annotator.core.model import Actor, Mention
from annotator.core.spans import Span
from annotator.store.project import Project
from annotator.ui.i18n import plural
from annotator.ui.labelling.host import Host


def actor_named(project: Project, words: str) -> Actor | None:
    """The one actor whose name or alias is exactly ``words`` (any case), if there is one."""
    found = project.actors_named(words)
    return found[0] if len(found) == 1 else None


class MentionEditor(QObject):
    """Marks mentions, gives them actors, and edits the registry, for the workspace."""

    message = Signal(str)  # a hint for the status bar

    def __init__(self, host: Host, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.offer: tuple[str, list[Span]] | None = None
        """The actor whose other occurrences are offered, and their spans."""
        session = host.session
        mentions = host.panel.mention_panel
        mentions.actor_chosen.connect(
            lambda actor: self.set_mention_actor(actor.id if actor else None)
        )
        mentions.actor_create.connect(self.create_actor_for_mention)
        mentions.mark_occurrences.connect(self.mark_occurrences)
        registry = host.panel.registry
        registry.rename.connect(
            lambda actor_id, name: session.run(op.RenameActor(actor_id, name, session.annotator))
        )
        registry.retype.connect(
            lambda actor_id, kind: session.run(op.RetypeActor(actor_id, kind, session.annotator))
        )
        registry.add_alias.connect(self.add_alias)
        registry.merge.connect(
            lambda keep, other: session.run(op.MergeActors(keep, other, session.annotator))
        )

    def mark_mention(self, span: Span) -> Mention | None:
        """Mark a mention, of the actor its words name when there is exactly one."""
        host = self.host
        state = host.state
        assert state is not None
        words = state.article.text[span.start : span.end]
        actor = actor_named(host.project, words)
        mention = host.session.run(
            op.MarkMention(
                state.article.id, host.session.annotator, span, actor.id if actor else None
            )
        )
        if mention is not None:
            host.select_mention(mention.id)
            if mention.actor is None:  # a mention already there may have one
                self.message.emit(self.tr("No actor has that name: type one and press Enter."))
                picker = host.panel.mention_panel.picker
                picker.setText(words)
                picker.setFocus()
                picker.selectAll()  # Enter takes them; typing replaces them
            else:
                self.offer_occurrences(mention.actor)
        return mention

    def set_mention_actor(self, actor_id: str | None) -> None:
        """Give the current mention an actor (or none), then offer its other occurrences."""
        mention_id = self.host.current_mention
        if mention_id is None:
            return
        updated = self.host.session.run(op.SetMentionActor(mention_id, actor_id))
        if updated is not None and actor_id is not None:
            self.offer_occurrences(actor_id)
        self.host.view.setFocus()

    def create_actor_for_mention(self, name: str) -> None:
        """Add an actor called ``name`` and give it to the current mention, as one step."""
        session = self.host.session
        with session.macro(self.tr("New actor {name}").format(name=name)):
            actor: Actor | None = session.run(op.AddActor(name, session.annotator))
            if actor is not None:
                self.set_mention_actor(actor.id)

    def add_alias(self, actor_id: str, alias: str) -> None:
        """Give an actor another name, then offer to mark its occurrences here."""
        session = self.host.session
        if session.run(op.AddAlias(actor_id, alias, session.annotator)):
            self.offer_occurrences(actor_id)

    def offer_occurrences(self, actor_id: str) -> None:
        """Offer to mark the actor's other occurrences in this article."""
        from annotator.assist.occurrences import find_occurrences

        state = self.host.state
        actor = self.host.project.actor(actor_id)
        if state is None or actor is None:
            return
        taken = [m.span for m in state.mentions.values()]
        spans = find_occurrences(state.article.text, actor.names(), taken)
        self.offer = (actor_id, spans) if spans else None
        state.actors.setdefault(actor.id, actor)
        self.show_current()
        if spans:
            n = len(spans)
            text = self.tr("{actor} is named %n more time(s): Ctrl+Shift+M marks them all.", "", n)
            self.message.emit(plural(text, n).format(actor=actor.name))

    def mark_occurrences(self) -> None:
        """Accept the offer: mark the actor's other occurrences, as one action."""
        state = self.host.state
        if self.offer is None or state is None:
            return
        (actor_id, spans), self.offer = self.offer, None
        annotator = self.host.session.annotator
        self.host.session.run(
            op.MarkOccurrences(state.article.id, annotator, tuple(spans), actor_id)
        )
        self.show_current()

    def show_current(self, keep_offer: bool = True) -> None:
        """Show the current mention's actor for editing, and the offer if one stands."""
        if not keep_offer:
            self.offer = None
        host = self.host
        state = host.state
        mention = state.mentions.get(host.current_mention or "") if state else None
        panel = host.panel.mention_panel
        panel.picker.setEnabled(mention is not None)
        actor = state.actors.get(mention.actor) if state and mention and mention.actor else None
        if not panel.picker.hasFocus():
            panel.picker.set_actor(actor)
        if self.offer is not None and state is not None:
            actor_id, spans = self.offer
            known = state.actors.get(actor_id)
            panel.show_offer(known.name if known else self.tr("This actor"), spans)
        else:
            panel.show_offer("", [])
