"""The annotation workspace: article list | article text | label panel, and the keyboard flow.

Keys pressed in the text (Help › Keyboard shortcuts lists them): with a selection, C marks a claim, M a
mention, Q sets the current claim's cue and S its source (the claimant too,
when the source names a known actor). Without a selection, a value key sets
the active field of the current claim and moves on; ] and [ move between
fields, in the order the schema lists them. With the default schema a fully
labelled claim is three selections and five keys: C, a stance key, an
attribution key, Q and S.

Sources: a named source is a mention of an actor (the claimant by default);
an unnamed, document or author source ("observers", "recent reports", the
outlet) is words without a mention (source text and kind) and needs no
claimant. S on words that name no actor keeps the focus in the text and makes
the source kind the active field: the key of "named" then puts the words in
the claimant picker, where Enter creates that actor (and the source mention
gets it); the key of another kind turns the source into words. The store
keeps these rules (`Project.set_claim_source`, `Project.update_claim`).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from annotator.core.model import NAMED_SOURCE, Actor, Claim, Mention
from annotator.core.spans import Span
from annotator.core.validate import missing_fields
from annotator.core.words import elide_words
from annotator.store.project import Project
from annotator.ui import plain
from annotator.ui.articles.article_list import status_name
from annotator.ui.changes import Changes
from annotator.ui.i18n import plural
from annotator.ui.labels.label_panel import LabelPanel
from annotator.ui.palette import LabelPalette
from annotator.ui.session import Session
from annotator.ui.text.article_state import ArticleState
from annotator.ui.text.article_view import ArticleView
from annotator.ui.text.compare import ComparePane
from annotator.ui.text.find_bar import FindBar
from annotator.ui.text.label_layer import Mark


@contextmanager
def gc_paused() -> Iterator[None]:
    """Hold the cyclic garbage collector while loading many labels.

    Loading builds tens of thousands of small objects and no cycles; each
    allocation burst would otherwise start full collections that walk every
    Qt wrapper of the app (measured: a 10,000-label article opened in 250 ms
    instead of about 120 ms). Reference counting frees memory as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Workspace(QSplitter):
    """Article text and label panel for one session; the article list is added by the window."""

    message = Signal(str)  # a hint or an error for the status bar

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.session = session
        self.project: Project = session.project
        self.palette_ = LabelPalette(self.project.schema)
        self.view = ArticleView(self.palette_, self)
        self.view.describe = self._describe
        self.panel = LabelPanel(self.project, self)
        self.compare = ComparePane(session, self.palette_, self)
        self.compare.hide()
        self.find_bar = FindBar(self)
        text_column = QWidget(self)
        column = QVBoxLayout(text_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.find_bar)
        column.addWidget(self.view, 1)
        self.addWidget(text_column)
        self.addWidget(self.compare)
        self.addWidget(self.panel)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 3)
        self.setStretchFactor(2, 2)
        self.state: ArticleState | None = None
        self.current_claim: str | None = None
        self.current_mention: str | None = None
        self._last_kind: str | None = None  # which of the two the user chose last (for Delete)
        self._updating = False
        self.extra_keys: dict[str, Callable[[], None]] = {}
        self._offer: tuple[str, list[Span]] | None = None  # actor id, spans to mark
        self._find_index = -1  # the find hit selected last
        self._panel_widths: tuple[int, int] | None = None  # panel before / after side by side
        self._connect()

    def _connect(self) -> None:
        self.view.key_pressed.connect(self.on_key)
        self.view.label_clicked.connect(self._label_clicked)
        self.panel.claim_selected.connect(self._claim_picked)
        self.panel.mention_selected.connect(self._mention_picked)
        self.panel.escape.connect(self.view.setFocus)
        mentions = self.panel.mention_panel
        mentions.actor_chosen.connect(
            lambda actor: self.set_mention_actor(actor.id if actor else None)
        )
        mentions.actor_create.connect(self._create_actor_for_mention)
        mentions.mark_occurrences.connect(self.mark_occurrences)
        registry = self.panel.registry
        registry.rename.connect(
            lambda actor_id, name: self._run(
                self.tr("Rename actor to {name}").format(name=name),
                lambda: self.project.update_actor(actor_id, self.session.annotator, name=name),
            )
        )
        registry.retype.connect(
            lambda actor_id, kind: self._run(
                self.tr("Change actor type"),
                lambda: self.project.update_actor(actor_id, self.session.annotator, type=kind),
            )
        )
        registry.add_alias.connect(self.add_alias)
        registry.merge.connect(
            lambda keep, other: self._run(
                self.tr("Merge actors"),
                lambda: self.project.merge_actors(keep, other, self.session.annotator),
            )
        )
        form = self.panel.form
        # The form speaks of the claim it shows, which is not always the current one any
        # more: it saves a half-typed note of the previous claim while showing the next.
        form.value_chosen.connect(
            lambda claim_id, field, value: self.set_field(field, value, claim_id)
        )
        form.actor_chosen.connect(
            lambda role, actor: self.set_field(role, actor.id if actor else None)
        )
        form.actor_create.connect(self._create_actor_for)
        self.panel.status_chosen.connect(self.set_status)
        self.panel.comment_edited.connect(self._set_comment)
        self.session.changed.connect(self._changed)
        self.find_bar.field.textChanged.connect(self._find_changed)
        self.find_bar.field.step.connect(self.find_step)
        self.find_bar.field.closed.connect(self.close_find)
        self.view.palette_changed.connect(self._palette_changed)
        self.compare.link.connect(self.link_to)
        self.compare.unlink.connect(self.unlink_from)

    # -- opening ----------------------------------------------------------------------------

    def open_article(self, article_id: str, keep_place: bool = False) -> None:
        """Show an article with the annotator's labels.

        With ``keep_place`` (the same article read again after an import or a
        merge), the text stays scrolled where the reader was.
        """
        scrolled = self.view.verticalScrollBar().value()
        keep_place = keep_place and article_id == self.article_id
        with gc_paused():
            self._open_article(article_id)
        if keep_place:
            self.view.verticalScrollBar().setValue(scrolled)

    def commit_edits(self) -> None:
        """Save what is typed but not yet confirmed (comment, note, source words).

        Called before the article changes or the window closes, so moving on
        never loses or misplaces a half-typed comment.
        """
        if self.state is None:
            return
        self._set_comment(self.panel.comment.text())
        self.panel.form.commit_edits()

    def _open_article(self, article_id: str) -> None:
        self.commit_edits()
        article = self.project.article(article_id)
        if article is None:
            return
        self.state = ArticleState(self.project, article, self.session.annotator)
        self.current_claim = None
        self.current_mention = None
        self._offer = None
        self.view.show_article(article.text, self.state.marks())
        self._refresh_panel()
        if self.compare.isVisible():
            self.compare.offer(article_id)

    @property
    def article_id(self) -> str | None:
        """The id of the article shown, if any."""
        return self.state.article.id if self.state else None

    def _refresh_panel(self) -> None:
        state = self.state
        if state is None:
            return
        text = state.article.text
        self.panel.claims.set_items(state.sorted_claims(), text, state.actors)
        self.panel.mentions.set_items(state.sorted_mentions(), text, state.actors)
        self.panel.show_status(state.status.status, state.status.comment)
        self.panel.select_claim(self.current_claim)
        self.panel.select_mention(self.current_mention, switch=False)
        self._show_form()
        self._show_mention()

    def _show_form(self) -> None:
        state = self.state
        claim = state.claims.get(self.current_claim) if state and self.current_claim else None
        if state is None or claim is None:
            self.panel.form.set_claim(None, "", {}, None)
            return
        source = state.mentions.get(claim.attribution.source_mention or "")
        words = state.article.text[source.start : source.end] if source else None
        self.panel.form.set_claim(claim, state.article.text, state.actors, words)

    def add_alias(self, actor_id: str, alias: str) -> None:
        """Give an actor another name, then offer to mark its occurrences here."""
        if self._run(
            self.tr("Add alias {alias}").format(alias=alias),
            lambda: self.project.add_alias(actor_id, alias, self.session.annotator),
        ):
            self._offer_occurrences(actor_id)

    def _changed(self, changes: Changes) -> None:
        if changes.actors or changes.labels:
            self.panel.registry.refresh()
        if self.state is None or not changes.touches(self.state.article.id):
            return
        state = self.state
        diff = state.apply(changes.changed)
        self.view.layer.update(diff.removed, diff.added)
        panel = self.panel
        self._updating = True  # rows moving in the lists must not change the current label
        try:
            panel.claims.apply(diff.claims_removed, diff.claims_upserted)
            panel.mentions.apply(diff.mentions_removed, diff.mentions_upserted)
        finally:
            self._updating = False
        if diff.actors_changed:
            panel.claims.set_actors(state.actors)
            panel.mentions.set_actors(state.actors)
        if diff.status_changed:
            panel.show_status(state.status.status, state.status.comment)
        if self.current_claim not in state.claims:
            self.current_claim = None
        if self.current_mention not in state.mentions:
            self.current_mention = None
        panel.select_claim(self.current_claim)
        self._show_form()
        self._show_mention()
        self._show_links()

    # -- selecting --------------------------------------------------------------------------

    def _claim_picked(self, claim: Claim | None) -> None:
        if not self._updating:
            self.select_claim(claim.id if claim else None, True)

    def _mention_picked(self, mention: Mention | None) -> None:
        if not self._updating:
            self.select_mention(mention.id if mention else None, True)

    def select_claim(self, claim_id: str | None, reveal: bool = False) -> None:
        """Make a claim current: its form is shown and value keys go to it."""
        self.current_claim = claim_id
        self._last_kind = "claim" if claim_id else self._last_kind
        self.panel.select_claim(claim_id)
        self._show_form()
        self._show_links()
        claim = self.state.claims.get(claim_id) if self.state and claim_id else None
        if claim is not None and reveal:
            self.view.reveal(claim.span)

    def select_mention(self, mention_id: str | None, reveal: bool = False) -> None:
        """Make a mention current: its actor is shown for editing."""
        self.current_mention = mention_id
        self._last_kind = "mention" if mention_id else self._last_kind
        self._offer = None
        self.panel.select_mention(mention_id)
        self._show_mention()
        mention = self.state.mentions.get(mention_id) if self.state and mention_id else None
        if mention is not None and reveal:
            self.view.reveal(mention.span)

    def _show_mention(self) -> None:
        state = self.state
        mention = state.mentions.get(self.current_mention or "") if state else None
        picker = self.panel.mention_panel.picker
        picker.setEnabled(mention is not None)
        actor = state.actors.get(mention.actor) if state and mention and mention.actor else None
        if not picker.hasFocus():
            picker.set_actor(actor)
        if self._offer is not None and state is not None:
            actor_id, spans = self._offer
            name = (
                state.actors[actor_id].name if actor_id in state.actors else self.tr("This actor")
            )
            self.panel.mention_panel.show_offer(name, spans)
        else:
            self.panel.mention_panel.show_offer("", [])

    # -- find -------------------------------------------------------------------------------

    def open_find(self) -> None:
        """Show the find bar (Ctrl+F), with the selected words if any."""
        span = self.view.selected_span()
        self.find_bar.show()
        if span is not None and self.state is not None:
            self.find_bar.field.setText(self.state.article.text[span.start : span.end])
        self.find_bar.field.setFocus()
        self.find_bar.field.selectAll()

    def close_find(self) -> None:
        """Hide the find bar and its highlights; keys go back to the text, the hit selected."""
        self.find_bar.hide()
        self.view.set_find("")
        self.view.setFocus()  # the hit stays selected: C, M, Q or S act on it at once

    def _find_changed(self, text: str) -> None:
        self.view.set_find(text)
        hits = len(self.view.search_hits())
        found = plural(self.tr("%n found", "", hits), hits)
        self.find_bar.count.setText(found if text.strip() else "")
        self._find_index = -1
        if hits:
            self.find_step(+1)
        else:  # no stale hit left selected for C, M, Q or S after Esc
            self.view.clear_selection()

    def find_step(self, step: int) -> None:
        """Go to the next (+1) or previous (-1) hit."""
        hits = self.view.search_hits()
        if not hits:
            return
        self._find_index = (self._find_index + step) % len(hits)
        self.view.select_span(hits[self._find_index], exact=True)  # the hit is the selection
        self.view.ensureCursorVisible()
        self.find_bar.count.setText(
            self.tr("{index} of {count}").format(index=self._find_index + 1, count=len(hits))
        )

    def _palette_changed(self) -> None:
        """The system switched between light and dark: redraw labels in matching colours."""
        self.palette_ = LabelPalette(self.project.schema, self.view.palette())
        self.view.layer.set_palette(self.palette_)
        self.compare.view.layer.set_palette(self.palette_)

    def _show_links(self) -> None:
        state = self.state
        linked = set(state.links.get(self.current_claim or "", ())) if state else set()
        self.compare.show_links_of(linked)

    def toggle_compare(self, shown: bool) -> None:
        """Show or hide another article of the story beside this one.

        The compared article takes half of the text's room (more if it needs
        more, squeezing the label panel) and gives all of it back when it
        closes: the panel returns to its width from before, unless the user
        dragged it meanwhile, and the text gets the rest. So opening and
        closing leaves the text as it was.
        """
        if shown != self.compare.isHidden():  # already so: nothing to move
            pass
        elif shown:
            text, _, panel = self.sizes()  # a hidden pane counts 0
            self.compare.show()
            self.refresh()  # lay out now, not when the event loop next runs
            room = sum(self.sizes()) - panel  # less the handle that appeared
            self.setSizes([room - text // 2, text // 2, panel])
            self._panel_widths = (panel, self.sizes()[2])  # before, and as opening left it
        else:
            panel = self.sizes()[2]
            before, opened = self._panel_widths or (panel, panel)
            if panel == opened:  # not dragged since: back to the width before
                panel = before
            self.compare.hide()
            self.refresh()
            self.setSizes([sum(self.sizes()) - panel, 0, panel])
        if shown and self.state is not None:
            self.compare.offer(self.state.article.id)
            self._show_links()

    def link_to(self, other_claim: str) -> None:
        """Link the current claim to a claim of the compared article."""
        self._link(other_claim, linked=True)

    def unlink_from(self, other_claim: str) -> None:
        """Remove the link between the current claim and a claim of the compared article."""
        self._link(other_claim, linked=False)

    def _link(self, other_claim: str, linked: bool) -> None:
        if not self.compare.isVisible():
            self.message.emit(self.tr("Show an article side by side first (Ctrl+Shift+B)."))
            return
        claim = self._current()
        if claim is None:
            return
        change = self.project.link_claims if linked else self.project.unlink_claims
        self._run(
            self.tr("Link claims") if linked else self.tr("Unlink claims"),
            lambda: change(claim.id, other_claim, self.session.annotator),
        )

    def _label_clicked(self, mark: Mark) -> None:
        if mark.kind in ("claim", "cue"):
            self.select_claim(mark.label_id)
        else:
            self.select_mention(mark.label_id)

    def _describe(self, mark: Mark) -> str:
        state = self.state
        if state is None:
            return mark.kind
        if mark.kind == "mention":
            mention = state.mentions.get(mark.label_id)
            actor = state.actors.get(mention.actor) if mention and mention.actor else None
            if actor is None:
                return self.tr("Mention")
            kind = self._value_name("actor_type", actor.type) or self.tr("no type")
            return self.tr("Mention of {actor} ({type})").format(actor=actor.name, type=kind)
        claim = state.claims.get(mark.label_id)
        if claim is None:
            return mark.kind
        if mark.kind == "cue":
            return self.tr("Attribution cue")
        who = state.actors.get(claim.claimant or "")
        return self.tr("Claim by {claimant}: {stance}").format(
            claimant=who.name if who else self.tr("no claimant"),
            stance=self._value_name("stance", claim.stance) or self.tr("no stance"),
        )

    def _value_name(self, field: str, value_id: str | None) -> str | None:
        """The name a schema value is shown by ("Unnamed group" for ``unnamed_group``)."""
        value = self.project.schema.field(field).value(value_id) if value_id else None
        return value.name if value else value_id

    # -- keys -------------------------------------------------------------------------------

    def on_key(self, key: str) -> None:
        """A printable key pressed in the article text."""
        if key in self.extra_keys:  # keys of the window around (adjudication)
            self.extra_keys[key]()
            return
        if self.state is None:
            return
        span = self.view.selected_span()
        commands: dict[str, Callable[[Span], Any]] = {
            "c": self.mark_claim,
            "m": self.mark_mention,
            "q": self.set_cue,
            "s": self.set_source,
        }
        if span is not None and key.lower() in commands:
            commands[key.lower()](span)
            self.view.clear_selection()
            return
        if key in "][":
            self.panel.form.step(+1 if key == "]" else -1)
            return
        picked = self.panel.form.press(key)
        if picked is not None:
            self.set_field(*picked)
        elif self.current_claim is None:
            self.message.emit(self.tr("Select text, then press C for a claim or M for a mention."))
        else:
            field = self.project.schema.field(self.panel.form.active).label
            self.message.emit(
                self.tr("No {field} value has the key {key}.").format(
                    field=field.lower(), key=repr(key)
                )
            )

    def _run(self, text: str, action: Callable[[], Any]) -> Any:
        return self.session.run(text, action)

    def mark_claim(self, span: Span) -> Claim | None:
        """Mark a claim and make it current, ready for value keys."""
        assert self.state is not None
        article, annotator = self.state.article.id, self.session.annotator
        claim: Claim | None = self._run(
            self.tr("Mark claim"), lambda: self.project.add_claim(article, annotator, *span)
        )
        if claim is not None:
            self.select_claim(claim.id)
            self.panel.form.start_quick_entry()
        return claim

    def actor_named(self, words: str) -> Actor | None:
        """The one actor whose name or alias is exactly ``words`` (any case), if any."""
        key = words.strip().casefold()
        found = [
            a
            for a in self.project.find_actors(words.strip())
            if key in (n.casefold() for n in a.names())
        ]
        return found[0] if len(found) == 1 else None

    def mark_mention(self, span: Span) -> Mention | None:
        """Mark a mention, of the actor its words name when there is exactly one."""
        assert self.state is not None
        article, annotator = self.state.article.id, self.session.annotator
        actor = self.actor_named(self.state.article.text[span.start : span.end])
        mention: Mention | None = self._run(
            self.tr("Mark mention"),
            lambda: self.project.add_mention(
                article, annotator, *span, actor.id if actor else None
            ),
        )
        if mention is not None:
            self.select_mention(mention.id)
            if mention.actor is None:  # a mention already there may have one
                self.message.emit(self.tr("No actor has that name: type one and press Enter."))
                picker = self.panel.mention_panel.picker
                picker.setText(self.state.article.text[span.start : span.end])
                picker.setFocus()
                picker.selectAll()  # Enter takes them; typing replaces them
            else:
                self._offer_occurrences(mention.actor)
        return mention

    def set_mention_actor(self, actor_id: str | None) -> None:
        """Give the current mention an actor (or none), then offer its other occurrences."""
        mention_id = self.current_mention
        if mention_id is None:
            return
        updated = self._run(
            self.tr("Set mention actor"),
            lambda: self.project.update_mention(mention_id, actor=actor_id),
        )
        if updated is not None and actor_id is not None:
            self._offer_occurrences(actor_id)
        self.view.setFocus()

    def _create_actor_for_mention(self, name: str) -> None:
        with self.session.macro(self.tr("New actor {name}").format(name=name)):
            actor: Actor | None = self._run(
                self.tr("Add actor {name}").format(name=name),
                lambda: self.project.add_actor(name, self.session.annotator),
            )
            if actor is not None:
                self.set_mention_actor(actor.id)

    def _offer_occurrences(self, actor_id: str) -> None:
        """Offer to mark the actor's other occurrences in this article."""
        from annotator.assist.occurrences import find_occurrences

        state = self.state
        actor = self.project.actor(actor_id)
        if state is None or actor is None:
            return
        taken = [m.span for m in state.mentions.values()]
        spans = find_occurrences(state.article.text, actor.names(), taken)
        self._offer = (actor_id, spans) if spans else None
        state.actors.setdefault(actor.id, actor)
        self._show_mention()
        if spans:
            n = len(spans)
            text = self.tr("{actor} is named %n more time(s): Ctrl+Shift+M marks them all.", "", n)
            self.message.emit(plural(text, n).format(actor=actor.name))

    def mark_occurrences(self) -> None:
        """Accept the offer: mark the actor's other occurrences, as one action."""
        if self._offer is None or self.state is None:
            return
        (actor_id, spans), self._offer = self._offer, None
        article, annotator = self.state.article.id, self.session.annotator
        self._run(
            self.tr("Mark occurrences"),
            lambda: self.project.add_mentions(article, annotator, spans, actor_id),
        )
        self._show_mention()

    def _current(self) -> Claim | None:
        claim = self.state.claims.get(self.current_claim or "") if self.state else None
        if claim is None:
            self.message.emit(self.tr("Select a claim first (mark one with C, or click one)."))
        return claim

    def set_cue(self, span: Span) -> None:
        """Set the current claim's attribution cue."""
        claim = self._current()
        if claim is not None:
            self._run(
                self.tr("Set cue"), lambda: self.project.update_attribution(claim.id, cue=span)
            )

    def set_source(self, span: Span) -> None:
        """Set the current claim's source to the selection, and its claimant when known.

        When the words name no actor, the focus stays in the text and the
        source kind becomes the active field: its keys say whether the source
        is named (an actor to create) or words (see the module docstring).
        """
        claim = self._current()
        if claim is None or self.state is None:
            return
        words = self.state.article.text[span.start : span.end]
        actor = self.actor_named(words)
        updated: Claim | None = self._run(
            self.tr("Set source"),
            lambda: self.project.set_claim_source(claim.id, span, actor.id if actor else None),
        )
        if updated is not None and self._source_without_actor(updated) is not None:
            self.panel.form.set_active("source_kind")
            self.message.emit(self._source_kind_hint(words))

    def _source_without_actor(self, claim: Claim) -> Mention | None:
        """The claim's source mention, if it has no actor yet."""
        source = self.project.mention(claim.attribution.source_mention or "")
        return source if source is not None and source.actor is None else None

    def _source_kind_hint(self, words: str) -> str:
        """What the source kind keys do with a source of ``words`` that names no actor."""
        kinds = self.project.schema.field("source_kind").values
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

    def _ask_source_actor(self, claim_id: str) -> None:
        """Offer the words of a named source without an actor as the claimant to create."""
        claim = self.project.claim(claim_id)
        source = self._source_without_actor(claim) if claim is not None else None
        if source is None or self.state is None or claim_id != self.current_claim:
            return
        words = self.state.article.text[source.start : source.end]
        picker = self.panel.form.pickers["claimant"]
        picker.setText(words)
        picker.setFocus()
        picker.selectAll()  # Enter takes them; typing replaces them
        self.message.emit(
            self.tr(
                "Enter creates the actor “{words}” as the claimant; or type another name."
            ).format(words=words)
        )

    def set_field(self, field: str, value: Any, claim_id: str | None = None) -> None:
        """Set one field of a claim (by default the current one): vocabulary, actor, note."""
        claim = self.state.claims.get(claim_id) if self.state and claim_id else self._current()
        if claim is None:
            return
        label = (
            self.project.schema.fields[field].label
            if field in self.project.schema.fields
            else field
        )
        what = self.tr("Set {field}").format(field=label.lower())
        if field in {f.name for f in self.project.schema.extra_fields()}:
            extra = {k: v for k, v in {**claim.extra, field: value}.items() if v is not None}
            self._run(what, lambda: self.project.update_claim(claim.id, extra=extra))
        elif field in ("attribution_type", "source_kind", "source_text"):
            name = {"attribution_type": "type"}.get(field, field)
            self._run(what, lambda: self.project.update_attribution(claim.id, **{name: value}))
        else:
            self._run(what, lambda: self.project.update_claim(claim.id, **{field: value}))
        if field == "source_kind" and value == NAMED_SOURCE:
            self._ask_source_actor(claim.id)

    def _create_actor_for(self, role: str, name: str) -> None:
        with self.session.macro(self.tr("New actor {name}").format(name=name)):
            actor: Actor | None = self._run(
                self.tr("Add actor {name}").format(name=name),
                lambda: self.project.add_actor(name, self.session.annotator),
            )
            if actor is not None:
                self.set_field(role, actor.id)
        self.view.setFocus()  # back to the text, for the next selection

    def delete_current(self) -> None:
        """Delete the label chosen last, the current claim or mention (undoable)."""
        if self.current_mention is not None and (
            self._last_kind == "mention" or self.current_claim is None
        ):
            mention_id = self.current_mention
            self._run(self.tr("Delete mention"), lambda: self.project.delete_mention(mention_id))
        elif self.current_claim is not None:
            claim_id = self.current_claim
            self._run(self.tr("Delete claim"), lambda: self.project.delete_claim(claim_id))
        else:
            self.message.emit(self.tr("Click a label first, then press Delete."))

    # -- status -----------------------------------------------------------------------------

    def set_status(self, status: str) -> None:
        """Set the annotator's status on the article; asks first when claims are incomplete."""
        if self.state is None:
            return
        if status == "done" and not self._confirm_done():
            self.panel.show_status(self.state.status.status, self.state.status.comment)
            return
        article = self.state.article.id
        self._run(
            self.tr("Mark {status}").format(status=status_name(status).lower()),
            lambda: self.project.set_status(article, self.session.annotator, status),
        )

    def incomplete_claims(self) -> list[tuple[Claim, list[str]]]:
        """Claims of the article that lack required fields, with what they lack."""
        if self.state is None:
            return []
        found = [(c, missing_fields(c)) for c in self.state.sorted_claims()]
        return [(c, m) for c, m in found if m]

    def _confirm_done(self) -> bool:
        incomplete = self.incomplete_claims()
        if not incomplete or self.state is None:
            return True
        text = self.state.article.text
        lines = [
            self.tr("• “{quote}”: no {fields}").format(
                quote=elide_words(text[c.start : c.end], 60),
                fields=", ".join(self._field_names(m)),
            )
            for c, m in incomplete[:10]
        ]
        if len(incomplete) > 10:
            more = len(incomplete) - 10
            lines.append(plural(self.tr("… and %n more", "", more), more))
        n = len(incomplete)
        answer = plain.question(
            self,
            self.tr("Claims are incomplete"),
            plural(self.tr("%n claim(s) still lack fields:", "", n), n)
            + "\n\n"
            + "\n".join(lines)
            + "\n\n"
            + self.tr("Mark the article done anyway?"),
        )
        return answer == plain.Button.Yes

    def _field_names(self, fields: list[str]) -> list[str]:
        """Names of missing fields (`missing_fields`), as the user reads them."""
        names = {
            "claimant": self.tr("claimant"),
            "stance": self.tr("stance"),
            "attribution": self.tr("attribution"),
            "cue": self.tr("cue"),
        }
        return [names.get(f, f) for f in fields]

    def _set_comment(self, comment: str) -> None:
        if self.state is None or comment == self.state.status.comment:
            return
        article, status = self.state.article.id, self.state.status.status
        self._run(
            self.tr("Edit comment"),
            lambda: self.project.set_status(article, self.session.annotator, status, comment),
        )
