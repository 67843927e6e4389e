"""Working through the open article's suggestions from the keyboard.

In the article text, Tab and Shift+Tab choose the next and previous
suggestion (after the caret when none is chosen): it is highlighted and
scrolled into view; a suggested claim is shown greyed in the claim form with
its score (what accepting it creates, in the form where it is then finished),
another kind in the Suggestions tab, which lists them all with their scores
and details. Enter accepts it: its claim with cue, source, mentions and field
values (or its mention, values or link) become the annotator's labels as one
step (`AcceptSuggestion`; Ctrl+Z offers it again). The keys then go to what
the suggestion did not know (`AcceptedSuggestion.missing`): the claimant
picker holds the source's words when the source names no known actor (Enter
creates the actor), and the value keys walk only the fields left open, stance
first. So a claim the suggestion got right is finished with Enter, a stance
key and at most one more. Delete or Backspace rejects the chosen suggestion
(`RejectSuggestion`, remembered when the suggestions are computed again) and
chooses the next. Accept all asks first. A recommender switched off
(`SetRecommenderEnabled`) has its suggestions hidden.
"""

from __future__ import annotations

from contextlib import nullcontext

from PySide6.QtCore import QObject, Signal

from annotator import operations as op
from annotator.assist.suggestion import CLAIM, FIELDS, MENTION, Suggestion, what_is_missing
from annotator.core.model import Actor
from annotator.core.spans import Span
from annotator.store.changes import DomainChange
from annotator.store.suggestion_rows import AcceptedSuggestion, open_fields, with_values
from annotator.ui import plain
from annotator.ui.i18n import plural
from annotator.ui.labelling.claims import ClaimEditor
from annotator.ui.labelling.host import Host
from annotator.ui.suggestions.background import BackgroundSuggestions
from annotator.ui.suggestions.describe import details, quote, score_text
from annotator.ui.suggestions.offered import OfferedSuggestions, SuggestionDiff, relabelled
from annotator.ui.suggestions.panel import SuggestionPanel


def position(suggestion: Suggestion) -> Span | None:
    """Where a suggestion is shown in the text: its span, or the claim its values are for."""
    if suggestion.kind == FIELDS and suggestion.claim is not None:
        return suggestion.claim.span
    return suggestion.span


def parts(suggestion: Suggestion) -> tuple[Span, ...]:
    """The cue and the source words of a suggested claim (highlighted with it when chosen)."""
    claim = suggestion.claim
    if suggestion.kind != CLAIM or claim is None:
        return ()
    found = (claim.attribution.cue, suggestion.source)
    return tuple(span for span in found if span is not None)


class SuggestionFlow(QObject):
    """Draws, lists, chooses, accepts and rejects the open article's suggestions."""

    message = Signal(str)  # a hint for the status bar
    settings_shown = Signal()  # the recommender switches changed (also by an undo) and are shown

    def __init__(
        self,
        host: Host,
        claims: ClaimEditor,
        panel: SuggestionPanel,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.host = host
        self.claims = claims
        self.panel = panel
        session = host.session
        self.offered = OfferedSuggestions(session.project, session.annotator)
        self.background = BackgroundSuggestions(session.project, session.annotator, self)
        self.background.stored.connect(self._stored)
        self.automatic = False
        """Compute an article's suggestions when it opens, if it has none (the window sets it)."""
        self._resume: tuple[int, int] | None = None
        """After an accept: (the caret's document position then, the accepted suggestion's end
        in stored offsets); Tab goes on from that end while the caret has not moved."""
        view = host.view
        view.step_suggestion = self.step
        view.accept_pressed.connect(self.accept)
        view.reject_pressed.connect(self.reject)
        panel.chosen.connect(
            lambda key: self.choose(key, reveal=True, focus_text=True, from_list=True)
        )
        panel.accept.connect(self.accept)
        panel.reject.connect(self.reject)
        panel.accept_all.connect(self.accept_all)
        self._panel_due = False  # the list waits until its tab is shown (`_show_panel`)
        panel.shown.connect(self._panel_shown)

    @property
    def current(self) -> Suggestion | None:
        """The suggestion chosen, while it is offered."""
        return self.offered.get(self.offered.current)

    # -- showing -----------------------------------------------------------------------------

    def article_opened(self) -> None:
        """The workspace shows another article: draw its suggestions; compute them if needed."""
        self._resume = None
        state = self.host.state
        if state is None:
            self._apply(self.offered.clear())
            return
        self.refresh()
        if self.automatic:
            self.background.want(state.article.id)
            self._show_panel()

    def refresh(self) -> None:
        """Read the open article's suggestions again (new ones stored, the settings changed)."""
        state = self.host.state
        if state is None:
            return
        self._apply(self.offered.refresh(state), always=True)

    def apply(self, changes: tuple[DomainChange, ...]) -> None:
        """Keep up with what an action, or its undo, changed in the open article.

        A label added, edited or deleted, an accept or a reject (or their
        undo) has the article's suggestions computed again in the background
        when computing by itself (`BackgroundSuggestions.labelled`): what the
        new labels cover is gone from the store too, and values for a new claim
        come.
        """
        state = self.host.state
        if state is not None:
            self._apply(self.offered.apply(state, changes))
            if self.automatic and relabelled(changes):
                self.background.labelled(state.article.id, len(state.article.text))

    def _apply(self, diff: SuggestionDiff, always: bool = False) -> None:
        view = self.host.view
        if diff.removed or diff.added:
            view.layer.update(diff.removed, diff.added)
        current = self.current
        where = position(current) if current is not None else None
        if where != view.current_suggestion_span():
            view.set_current_suggestion(where, parts(current) if current is not None else ())
        if current is not None and self.host.current_claim is None:
            self._preview(current)  # the form was shown again, without a claim
        if diff.changed or always:
            self._show_panel()

    def _show_panel(self) -> None:
        """Say how many suggestions there are on the tab; list them if the tab is shown, else
        when it is (an accept or a label changes them while the claim form is in front)."""
        self.host.panel.show_suggestion_count(len(self.offered.items))
        if not self.panel.isVisible():
            self._panel_due = True
            return
        self._panel_due = False
        state = self.host.state
        text = state.article.text if state else ""
        current = self.current
        shown = ""
        if current is not None:
            schema = self.host.project.schema
            missing = what_is_missing(current, schema)
            shown = details(current, text, self.offered.names, schema, missing)
        computing = state is not None and state.article.id in self.background.asked
        self.panel.show_items(
            self.offered.items, text, self.offered.names, self.offered.current, shown, computing
        )

    def _panel_shown(self) -> None:
        if self._panel_due:
            self._show_panel()

    def _stored(self, article_ids: frozenset[str]) -> None:
        state = self.host.state
        if state is not None and state.article.id in article_ids:
            self.background.asked.discard(state.article.id)
            self.refresh()

    # -- choosing ----------------------------------------------------------------------------

    def step(self, delta: int) -> bool:
        """Choose the next (+1) or previous (-1) suggestion; False when the article has none."""
        items = self.offered.items
        if not items:
            return False
        index = self.offered.index(self.offered.current)
        if index < 0:  # from the caret, or from the end of the suggestion accepted last
            view = self.host.view
            at = view.textCursor().position()
            caret = view.offsets.span_from_qt(at, at).start
            if self._resume is not None and self._resume[0] == at:
                caret = self._resume[1]
            starts = [(position(s) or Span(1 << 62, 1 << 62)).start for s in items]
            if delta > 0:
                index = next((i for i, start in enumerate(starts) if start >= caret), len(items))
            else:
                index = next((i for i in reversed(range(len(items))) if starts[i] < caret), -1)
        else:
            index += delta
        if not 0 <= index < len(items):
            index %= len(items)
            first = self.tr("Back to the first suggestion of the article.")
            last = self.tr("Back to the last suggestion of the article.")
            self.message.emit(first if delta > 0 else last)
        self.choose(items[index].key)
        return True

    def choose(
        self, key: str, reveal: bool = True, focus_text: bool = False, from_list: bool = False
    ) -> None:
        """Make a suggestion the chosen one: highlighted, in view, shown in the label panel.

        A suggested claim is shown in the claim form, greyed (what Enter creates
        and then asks to finish); another kind in the Suggestions tab. Chosen
        from that tab's list, the tab stays.
        """
        suggestion = self.offered.get(key)
        if suggestion is None:
            return
        self.offered.current = key
        host = self.host
        if host.current_claim is not None:
            host.select_claim(None)  # value keys no longer go to a claim out of sight
        host.last_kind = "suggestion"  # Delete rejects it
        view = host.view
        where = position(suggestion)
        view.set_current_suggestion(where, parts(suggestion))
        if where is not None and reveal:
            view.reveal(where)
        panel = host.panel
        if suggestion.kind in (CLAIM, FIELDS):
            self._preview(suggestion)
            if not from_list:
                panel.tabs.setCurrentIndex(panel.tabs.indexOf(panel.claims_page))
        elif not from_list:
            panel.tabs.setCurrentWidget(panel.suggestions)
        self._show_panel()
        if focus_text:
            view.setFocus()

    def _preview(self, suggestion: Suggestion) -> None:
        """Show a suggested claim (or a claim with suggested values) in the claim form."""
        state = self.host.state
        proposed = suggestion.claim
        if state is None or proposed is None:
            return
        text = state.article.text
        if suggestion.kind == FIELDS:
            labelled = state.claims.get(proposed.id)
            if labelled is None:
                return
            proposed = with_values(labelled, open_fields(proposed, labelled))
        names = {**self.offered.names, **{a: actor.name for a, actor in state.actors.items()}}
        actors = {a: Actor(a, name) for a, name in names.items()}
        source = suggestion.source
        words = text[source.start : source.end] if source is not None else None
        summary = self.tr(
            "Suggested ({recommender}, {score}): {words}\nEnter accepts, Delete rejects, "
            "Tab goes on."
        ).format(
            recommender=suggestion.recommender,
            score=score_text(suggestion.score),
            words=quote(text[proposed.start : proposed.end], 150),
        )
        self.host.panel.form.preview(proposed, text, actors, words, summary)

    # -- accepting and rejecting -------------------------------------------------------------

    def accept(self) -> None:
        """Accept the chosen suggestion (Enter), then ask for what it did not know."""
        suggestion = self.current
        if suggestion is None:
            if self.offered.items:
                self.message.emit(self.tr("Choose a suggestion first: Tab goes to the next one."))
            return
        host = self.host
        session = host.session
        view = host.view
        follows = suggestion.kind in (CLAIM, FIELDS)  # its claim is made current after
        with view.layer.held():  # the labels made, the focus and the highlight drawn at once
            with host.selecting_after() if follows else nullcontext():
                done: AcceptedSuggestion | None = session.run(
                    op.AcceptSuggestion(suggestion.key, session.annotator)
                )
            if done is not None:
                self._accepted(suggestion, done)

    def _accepted(self, suggestion: Suggestion, done: AcceptedSuggestion) -> None:
        view = self.host.view
        self.offered.current = None
        where = position(suggestion)
        # Tab goes on from its end. The caret is not moved there: moving it scrolls the text
        # when the end is below the window's edge, and redraws the whole view.
        self._resume = None if where is None else (view.textCursor().position(), where.end)
        if view.current_suggestion_span() is not None:
            view.set_current_suggestion(None)
        view.setFocus()
        self._after_accept(done)

    def _after_accept(self, done: AcceptedSuggestion) -> None:
        host = self.host
        created = done.created
        kind = done.suggestion.kind
        if created.claim is None and kind in (CLAIM, FIELDS):
            host.select_claim(host.current_claim)  # shown as `accept` left it to
        if created.claim is not None and kind in (CLAIM, FIELDS):
            host.select_claim(created.claim.id)
            form = host.panel.form
            walking = form.start_walk(done.missing)
            if "claimant" in done.missing and self.claims.ask_source_actor(created.claim.id):
                return  # Enter creates the source's actor as the claimant; then the fields
            if walking:
                field = host.project.schema.field(form.active)
                keys = ", ".join(
                    f"{(v.key or '').upper()} {v.name.lower()}" for v in field.values if v.key
                )
                self.message.emit(
                    self.tr("Accepted. {field}: {keys}").format(field=field.label, keys=keys)
                )
            else:
                self.message.emit(self.tr("Accepted. Tab goes to the next suggestion."))
        elif created.mentions and kind == MENTION:
            mention = created.mentions[0]
            host.select_mention(mention.id)
            if mention.actor is None:
                picker = host.panel.mention_panel.picker
                picker.setFocus()
                self.message.emit(self.tr("Accepted. Type the mention's actor and press Enter."))
            else:
                self.message.emit(self.tr("Accepted. Tab goes to the next suggestion."))
        else:
            self.message.emit(self.tr("Accepted. Tab goes to the next suggestion."))

    def reject(self) -> bool:
        """Reject the chosen suggestion (Delete, Backspace) and choose the next; False if none."""
        suggestion = self.current
        if suggestion is None:
            if self.offered.items:
                self.message.emit(self.tr("Choose a suggestion first: Tab goes to the next one."))
            return False
        items = self.offered.items
        index = items.index(suggestion)
        following = items[index + 1] if index + 1 < len(items) else None
        following = following or (items[index - 1] if index > 0 else None)
        session = self.host.session
        if session.run(op.RejectSuggestion(suggestion.key, session.annotator)) is None:
            return True
        if following is not None and self.offered.get(following.key) is not None:
            self.choose(following.key)
        else:
            self.offered.current = None
            self.host.view.set_current_suggestion(None)
            self._show_panel()
        self.message.emit(self.tr("Rejected: not offered again. Ctrl+Z takes it back."))
        return True

    def accept_all(self) -> None:
        """Accept every suggestion of the article as one step, after asking."""
        state = self.host.state
        n = len(self.offered.items)
        if state is None or not n:
            self.message.emit(self.tr("This article has no suggestions to accept."))
            return
        parent = self.host.view.window()
        question = plural(
            self.tr(
                "Accept all %n suggestion(s) of this article? They become your labels, "
                "as one step: Edit › Undo takes them all back.",
                "",
                n,
            ),
            n,
        )
        title = self.tr("Accept all suggestions")
        yes = plain.Button.Yes
        if plain.question(parent, title, question, default=yes) != yes:
            return
        session = self.host.session
        done = session.run(op.AcceptAllSuggestions(state.article.id, session.annotator))
        if done is not None:
            count = len(done)
            self.message.emit(plural(self.tr("Accepted %n suggestion(s).", "", count), count))

    # -- settings and computing --------------------------------------------------------------

    def set_recommender(self, name: str, enabled: bool) -> None:
        """Switch a recommender on or off for the project; its suggestions show or hide."""
        session = self.host.session
        if session.run(op.SetRecommenderEnabled(name, enabled, session.annotator)) is None:
            return
        self.settings_changed()
        if enabled and self.host.state is not None and self.background.available:
            self.compute_again()
            self.message.emit(
                self.tr(
                    "{name} is on: its suggestions are computed for this article now; "
                    "Suggestions › Compute again for all articles brings them to the others."
                ).format(name=name)
            )

    def articles_added(self) -> None:
        """Articles were imported (or merged): compute theirs too, when computing by itself."""
        if self.automatic:
            self.background.run_corpus()

    def actors_changed(self) -> None:
        """The registry changed: show the actors' names as they are now, find the new ones.

        When computing by itself, the open article's suggestions are computed
        again: a new actor's (or alias's) mentions in it are offered.
        """
        self.offered.forget_names()
        self.background.renew()
        self._show_panel()
        state = self.host.state
        if self.automatic and state is not None:
            self.background.labelled(state.article.id, len(state.article.text))

    def settings_changed(self) -> None:
        """The project's recommender switches changed (also by an undo): show what they allow."""
        self.background.renew()
        self.refresh()
        self.settings_shown.emit()  # the switches of the menu follow

    def compute_again(self) -> None:
        """Compute the open article's suggestions again, now."""
        state = self.host.state
        if state is not None and self.background.want(state.article.id, again=True):
            self._show_panel()
