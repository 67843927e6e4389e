"""The annotation workspace: article text | compared article | label panel, for one session.

The workspace lays out the widgets, opens an article, keeps the current
claim and mention, and refreshes what it shows when the session says what
changed. What the annotator does in it lives in `annotator.ui.labelling`,
one flow each: the keys in the text (`keys`), claims (`claim_editor`),
mentions and the actor registry (`mention_editor`), status and the done
check (`status_editor`), find (`finder`), links to the compared article
(`linker`) and the suggestions (`suggestion_flow`).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from annotator.core.model import Claim, Mention
from annotator.store.changes import AssistSettingChange
from annotator.store.project import Project
from annotator.ui.changes import Changes
from annotator.ui.labelling.claims import ClaimEditor
from annotator.ui.labelling.describe import describe_mark
from annotator.ui.labelling.find import FindInArticle
from annotator.ui.labelling.keys import KeyFlow
from annotator.ui.labelling.links import ClaimLinker
from annotator.ui.labelling.mentions import MentionEditor
from annotator.ui.labelling.status import StatusEditor
from annotator.ui.labels.label_panel import LabelPanel
from annotator.ui.palette import LabelPalette
from annotator.ui.session import Session
from annotator.ui.suggestions.describe import hover
from annotator.ui.suggestions.flow import SuggestionFlow
from annotator.ui.text.article_state import ArticleState
from annotator.ui.text.article_view import ArticleView
from annotator.ui.text.compare import ComparePane
from annotator.ui.text.find_bar import FindBar
from annotator.ui.text.label_layer import SUGGESTED, Mark


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
        # A wider window widens mostly the texts.
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 3)
        self.setStretchFactor(2, 1)
        self.state: ArticleState | None = None
        self.current_claim: str | None = None
        self.current_mention: str | None = None
        self.last_kind: str | None = None  # which of the two the user chose last (for Delete)
        self._updating = False
        self._claim_follows = False  # see `selecting_after`
        self.extra_keys: dict[str, Callable[[], None]] = {}
        self._panel_widths: tuple[int, int] | None = None  # panel before / after side by side
        self.claim_editor = ClaimEditor(self, self)
        self.mention_editor = MentionEditor(self, self)
        self.keys = KeyFlow(self, self.claim_editor, self.mention_editor, self)
        self.status_editor = StatusEditor(self, self)
        self.finder = FindInArticle(self, self.find_bar, self)
        self.linker = ClaimLinker(self, self.claim_editor, self)
        self.suggestion_flow = SuggestionFlow(self, self.claim_editor, self.panel.suggestions, self)
        self._connect()

    def _connect(self) -> None:
        flows = (self.claim_editor, self.mention_editor, self.keys, self.linker)
        for flow in (*flows, self.suggestion_flow):
            flow.message.connect(self.message)
        self.view.key_pressed.connect(self._key_pressed)
        self.view.label_clicked.connect(self._label_clicked)
        self.view.palette_changed.connect(self._palette_changed)
        self.view.remove_segment.connect(self.claim_editor.remove_segment)
        self.view.segments_removable = True
        self.panel.claim_selected.connect(self._claim_picked)
        self.panel.mention_selected.connect(self._mention_picked)
        self.panel.escape.connect(self.view.setFocus)
        self.session.changed.connect(self._changed)

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
        self.status_editor.set_comment(self.panel.comment.text())
        self.panel.form.commit_edits()

    def _open_article(self, article_id: str) -> None:
        self.commit_edits()
        article = self.project.article(article_id)
        if article is None:
            return
        self.state = ArticleState(self.project, article, self.session.annotator)
        self.current_claim = None
        self.current_mention = None
        self.mention_editor.offer = None
        self.view.show_article(article.text, self.state.marks())
        self._refresh_panel()
        self.suggestion_flow.article_opened()
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
        self.mention_editor.show_current()

    def _show_form(self) -> None:
        state = self.state
        claim = state.claims.get(self.current_claim) if state and self.current_claim else None
        if state is None or claim is None:
            self.panel.form.set_claim(None, "", {}, None)
            return
        source = state.mentions.get(claim.attribution.source_mention or "")
        words = state.article.text[source.start : source.end] if source else None
        self.panel.form.set_claim(claim, state.article.text, state.actors, words)

    def _changed(self, changes: Changes) -> None:
        if changes.actors or changes.labels:
            self.panel.registry.refresh()
        if changes.actors:  # new names to find, names to show
            self.suggestion_flow.actors_changed()
        if changes.reread:  # an import or a merge: the open article's labels may have changed
            if self.article_id is not None:
                self.open_article(self.article_id, keep_place=True)
            self.suggestion_flow.articles_added()
            return
        if any(isinstance(c, AssistSettingChange) for c in changes.changed):
            # a recommender switched on or off, the cue lexicon edited (also by an undo)
            self.suggestion_flow.settings_changed()
        if self.state is None or not changes.touches(self.state.article.id):
            return
        with self.view.layer.held():  # each block changed is laid out and drawn once
            self._show_changes(changes)

    def _show_changes(self, changes: Changes) -> None:
        """Update the open article's marks, lists, form and suggestions after an action."""
        state = self.state
        assert state is not None
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
        self.view.set_current_claim(self.current_claim)
        if self.current_mention not in state.mentions:
            self.current_mention = None
        if not self._claim_follows:  # else `select_claim` shows them, once
            panel.select_claim(self.current_claim)
            self._show_form()
            self.linker.show_links()
        self.mention_editor.show_current()
        self.suggestion_flow.apply(changes.changed)  # an accept, a reject, a label, an undo

    @contextmanager
    def selecting_after(self) -> Iterator[None]:
        """Run an action whose caller then makes a claim current (`select_claim`, as marking a
        claim or accepting a suggested one does): the claim list's selection, the claim form
        and the links are shown once, by `select_claim`, instead of also being cleared on the
        way. A caller whose action fails selects nothing: nothing changed either."""
        self._claim_follows = True
        try:
            yield
        finally:
            self._claim_follows = False

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
        self.last_kind = "claim" if claim_id else self.last_kind
        self.view.set_current_claim(claim_id)  # its words highlighted, all its segments
        self.panel.select_claim(claim_id)
        self._show_form()
        self.linker.show_links()
        claim = self.state.claims.get(claim_id) if self.state and claim_id else None
        if claim is not None and reveal:
            self.view.reveal(claim.span, claim.segments)

    def select_mention(self, mention_id: str | None, reveal: bool = False) -> None:
        """Make a mention current: its actor is shown for editing."""
        self.current_mention = mention_id
        self.last_kind = "mention" if mention_id else self.last_kind
        self.panel.select_mention(mention_id)
        self.mention_editor.show_current(keep_offer=False)
        mention = self.state.mentions.get(mention_id) if self.state and mention_id else None
        if mention is not None and reveal:
            self.view.reveal(mention.span)

    def _key_pressed(self, key: str) -> None:
        """A key in the text: a command or a value; with a suggestion chosen, a hint."""
        chosen = self.suggestion_flow.current is not None and self.current_claim is None
        if chosen and key not in self.extra_keys and self.view.selected_span() is None:
            self.message.emit(
                self.tr("Enter accepts the chosen suggestion, Delete rejects it, Tab goes on.")
            )
            return
        self.keys.on_key(key)

    def _label_clicked(self, mark: Mark) -> None:
        if mark.kind in SUGGESTED:
            self.suggestion_flow.choose(mark.label_id, reveal=False)
        elif mark.kind in ("claim", "cue"):
            self.select_claim(mark.label_id)
        else:
            self.select_mention(mark.label_id)

    def _describe(self, mark: Mark) -> str:
        if mark.kind in SUGGESTED:
            suggestion = self.suggestion_flow.offered.get(mark.label_id)
            return hover(suggestion) if suggestion is not None else ""
        return describe_mark(self.state, self.project.schema, mark)

    def delete_current(self) -> None:
        """Delete: reject the suggestion chosen last, else delete the label chosen last."""
        flow = self.suggestion_flow
        if self.last_kind == "suggestion" and flow.current is not None:
            flow.reject()
        else:
            self.keys.delete_current()

    # -- showing ----------------------------------------------------------------------------

    def _palette_changed(self) -> None:
        """The system switched between light and dark: redraw labels in matching colours."""
        self.palette_ = LabelPalette(self.project.schema, self.view.palette())
        self.view.layer.set_palette(self.palette_)
        self.compare.view.layer.set_palette(self.palette_)

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
            self.linker.show_links()
