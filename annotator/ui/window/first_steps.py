"""First steps in the sample project: the example labels beside one's own, and the guided first claim.

The sample (`annotator.samples`) holds articles labelled by the example
annotators. Their labels are shown read-only in a pane below the text (the
"Example labels" dock), the way the adjudication view shows another
annotator's labels: an `ArticleState` of that annotator drawn in an
`ArticleView` of its own, with its claim list. Nothing in the pane edits:
a label key pressed there (or a segment's "remove" there) is refused with
a message, and the annotator's own session never writes another
annotator's labels, so the examples cannot be changed by mistake.

The guided first claim is a small non-modal bar above the text: it shows
the next key, and moves on when the label is there (whatever keys or mouse
made it), on the practice article. It can be skipped (its button, or Esc in
the text with nothing selected) and started again from Help › Label your
first claim. In the sample it is offered until it was done or skipped once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Claim
from annotator.quality.adjudicate import labelled_by
from annotator.samples import EXAMPLE_ANNOTATORS, PRACTICE_ARTICLE, is_sample
from annotator.store.project import Project
from annotator.ui import plain
from annotator.ui.labels.label_lists import ClaimListModel, label_list_view
from annotator.ui.palette import LabelPalette
from annotator.ui.text.article_state import ArticleState
from annotator.ui.text.article_view import ArticleView
from annotator.ui.text.label_layer import Mark

GUIDE_SETTING = "guide/first_claim"
"""QSettings key: "done" or "skipped" once the guided first claim was finished or skipped."""
PRACTICE_CLAIM = "We will reopen the bridge to lorries by the end of May"
"""The words of the practice article's claim (its quoted clause)."""


class ExamplePane(QWidget):
    """One example annotator's labels on one article, read-only."""

    def __init__(
        self, project: Project, palette: LabelPalette, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.state: ArticleState | None = None
        self.article_id: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        top = QHBoxLayout()
        self.intro = plain.label(
            self.tr(
                "Read-only: an experienced annotator's labels on this article, to compare"
                " with your own in the text above."
            ),
            self,
        )
        self.intro.setWordWrap(True)
        top.addWidget(self.intro, 1)
        self.chooser = QComboBox(self)
        self.chooser.setAccessibleName(self.tr("Example annotator"))
        self.chooser.activated.connect(lambda _: self._show(self.chooser.currentData()))
        top.addWidget(self.chooser)
        layout.addLayout(top)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.view = ArticleView(palette, split)
        self.view.setAccessibleName(self.tr("Example labels on the article text"))
        self.claims = ClaimListModel(project.schema, self)
        self.claim_list = label_list_view(split, self.tr("Claims of the example"))
        self.claim_list.setModel(self.claims)
        self.claim_list.selectionModel().currentChanged.connect(self._claim_chosen)
        split.addWidget(self.view)
        split.addWidget(self.claim_list)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        self.hint = plain.label("", self)
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.view.key_pressed.connect(lambda _key: self.refuse())
        self.view.remove_segment.connect(lambda _claim, _span: self.refuse())
        self.view.label_clicked.connect(self._mark_clicked)
        self.refused: Callable[[str], None] = lambda _text: None

    def refuse(self) -> None:
        """Say that the examples are not edited (an edit was tried here)."""
        text = self.tr(
            "The example labels are read-only: nothing was changed. Label the article in the"
            " text above; your labels are your own."
        )
        self.hint.setText(text)
        self.refused(text)

    def show_article(self, article_id: str) -> bool:
        """Show the examples on ``article_id``; False if no example annotator labelled it."""
        names = labelled_by(self.project, article_id, EXAMPLE_ANNOTATORS)
        self.article_id = article_id
        self.chooser.clear()
        for name in names:
            self.chooser.addItem(self.tr("by “{name}”").format(name=name), name)
        self.chooser.setVisible(len(names) > 1)
        self.hint.setText(
            self.tr("Two annotators labelled this article and disagree: choose one above.")
            if len(names) > 1
            else ""
        )
        if not names:
            self.state = None
            return False
        self._show(names[0])
        return True

    def _show(self, annotator: str) -> None:
        article = self.project.article(self.article_id or "")
        if article is None:
            return
        self.state = ArticleState(self.project, article, annotator)
        self.view.show_article(article.text, self.state.marks())
        self.claims.set_items(self.state.sorted_claims(), article.text, self.state.actors)

    def _claim_chosen(self) -> None:
        row = self.claim_list.currentIndex().row()
        claim = self.claims.item(row) if row >= 0 else None
        if isinstance(claim, Claim):
            self.view.set_current_claim(claim.id)
            self.view.reveal(claim.span, claim.segments)

    def _mark_clicked(self, mark: Mark) -> None:
        row = self.claims.row_of(mark.label_id) if mark.kind == "claim" else -1
        if row >= 0:
            self.claim_list.setCurrentIndex(self.claims.index(row, 0))


class Step:
    """One step of the guide: what to do, and whether it is done."""

    def __init__(self, text: str, done: Callable[[], bool]) -> None:
        self.text = text
        self.done = done


class FirstClaimGuide(QFrame):
    """The bar that walks through the keys of one claim on the practice article.

    ``window`` is the project's `MainWindow` (typed loosely: main_window imports this module).
    """

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("firstClaimGuide")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Guided first claim"))
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 8, 6)
        self.text = plain.rich_label("", self)  # the app's own words and keys, no data
        self.text.setWordWrap(True)
        row.addWidget(self.text, 1)
        self.start_button = self._button(self.tr("Start"), self.start)
        self.later_button = self._button(self.tr("Not now"), self.skip)
        self.skip_button = self._button(self.tr("Skip (Esc)"), self.skip)
        self.close_button = self._button(self.tr("Close"), self.hide)
        for button in (self.start_button, self.later_button, self.skip_button, self.close_button):
            row.addWidget(button)
        self.steps = self._steps()
        self.current = -1  # -1: offered, not started; len(steps): done
        self.hide()

    def _button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay in the article text
        button.clicked.connect(slot)
        return button

    @property
    def active(self) -> bool:
        """True while the steps are under way."""
        return self.isVisible() and 0 <= self.current < len(self.steps)

    def _claim(self) -> Claim | None:
        """The newcomer's claim on the practice article's quote (overlapping it), if made."""
        project, annotator = self.window_.project, self.window_.annotator
        article = project.article(PRACTICE_ARTICLE)
        start = article.text.find(PRACTICE_CLAIM) if article is not None else -1
        if start < 0:
            return None
        end = start + len(PRACTICE_CLAIM)
        claims = project.labels(PRACTICE_ARTICLE, annotator).claims
        return next((c for c in claims if c.start < end and start < c.end), None)

    def _steps(self) -> list[Step]:
        def selected() -> bool:
            view = self.window_.workspace.view
            span = view.selected_span()
            here = self.window_.workspace.article_id == PRACTICE_ARTICLE
            if here and span is not None and view.text[span.start : span.end] == PRACTICE_CLAIM:
                return True
            return self._claim() is not None

        def has(test: Callable[[Claim], bool]) -> Callable[[], bool]:
            return lambda: (claim := self._claim()) is not None and test(claim)

        return [
            Step(
                self.tr(
                    "Select the quoted words: press <b>Ctrl+F</b>, type <b>we</b>, press"
                    " <b>Esc</b>, then <b>Alt+↑</b> (the whole quoted clause)."
                ),
                selected,
            ),
            Step(
                self.tr("Press <b>C</b>: the selected words become a claim."), has(lambda c: True)
            ),
            Step(
                self.tr(
                    "Press the stance key: <b>S</b> support, <b>O</b> oppose, <b>N</b> neutral"
                    " (the keys are on the form at the right)."
                ),
                has(lambda c: c.stance is not None),
            ),
            Step(
                self.tr("Press <b>D</b>: the attribution is direct speech (the words are quoted)."),
                has(lambda c: c.attribution.attribution_type is not None),
            ),
            Step(
                self.tr(
                    "Now the cue, the verb that reports the claim: press <b>Ctrl+F</b>, type"
                    " <b>said</b>, <b>Esc</b>, then <b>Q</b>."
                ),
                has(lambda c: c.attribution.cue is not None),
            ),
            Step(
                self.tr(
                    "Now the source, who says it: <b>Ctrl+F</b>, type <b>tomas erling</b>,"
                    " <b>Esc</b>, then <b>S</b>."
                ),
                has(lambda c: bool(c.attribution.source_text)),
            ),
            Step(
                self.tr(
                    "Press <b>N</b> (a named source), then <b>Enter</b>: Tomas Erling becomes"
                    " an actor and the claimant."
                ),
                has(lambda c: c.claimant is not None),
            ),
        ]

    def offer(self) -> None:
        """Show the offer to start (without starting)."""
        self.current = -1
        self.text.setText(
            self.tr(
                "<b>New here?</b> Label your first claim in a short guided task, on a practice"
                " article. The articles marked “Example” show finished labels below the text."
            )
        )
        self._buttons()
        self.show()

    def start(self) -> None:
        """Open the practice article and show the first step (or the next one not done)."""
        window = self.window_
        window.list_panel.show_article(PRACTICE_ARTICLE)
        window.workspace.open_article(PRACTICE_ARTICLE)
        window.first_steps.article_opened(PRACTICE_ARTICLE)
        window.workspace.view.setFocus()
        self.current = 0
        self.show()
        self.advance()

    def advance(self) -> None:
        """Move past the steps already done, and show the next."""
        if not 0 <= self.current < len(self.steps):
            return
        while self.current < len(self.steps) and self.steps[self.current].done():
            self.current += 1
        if self.current == len(self.steps):
            QSettings().setValue(GUIDE_SETTING, "done")
            self.text.setText(
                self.tr(
                    "<b>Done: your first claim</b>, with stance, attribution, cue, source and"
                    " claimant. Ctrl+Z undoes any step. Open the “Example” articles to see split"
                    " quotes, unnamed and document sources, and a link between articles."
                )
            )
        else:
            step = self.tr("Step {n} of {total}").format(n=self.current + 1, total=len(self.steps))
            self.text.setText(f"<b>{step}.</b> {self.steps[self.current].text}")
        self._buttons()

    def skip(self) -> None:
        """Leave the guide (Help › Label your first claim brings it back)."""
        if QSettings().value(GUIDE_SETTING) != "done":
            QSettings().setValue(GUIDE_SETTING, "skipped")
        self.current = -1
        self.hide()
        self.window_.statusBar().showMessage(
            self.tr("Help › Label your first claim starts the guide again."), 8000
        )

    def _buttons(self) -> None:
        offered, done = self.current < 0, self.current >= len(self.steps)
        self.start_button.setVisible(offered)
        self.later_button.setVisible(offered)
        self.skip_button.setVisible(not offered and not done)
        self.close_button.setVisible(done)


class FirstSteps(QObject):
    """The examples pane and the guided first claim of a main window (in the sample only).

    ``window`` is the project's `MainWindow` (typed loosely: main_window imports this module).
    """

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window_ = window
        self.sample = is_sample(window.project)
        self.guide = FirstClaimGuide(window)
        self.dock: QDockWidget | None = None
        self.pane: ExamplePane | None = None
        central = window.centralWidget()
        column = central.layout() if central is not None else None
        if isinstance(column, QVBoxLayout):
            column.insertWidget(1, self.guide)  # below the save banner, above the text
        window.session.changed.connect(lambda _changes: self.guide.advance())
        window.workspace.view.selectionChanged.connect(self.guide.advance)
        window.workspace.view.installEventFilter(self)
        window.list_panel.article_chosen.connect(self.article_opened)
        if not self.sample:
            return
        if window.annotator in EXAMPLE_ANNOTATORS:  # the examples are not edited, even by name
            window.session.locked = self.tr(
                "“{name}” is the sample's example annotator, whose labels are read-only:"
                " nothing was changed. Use File › Switch annotator to label under your own name."
            ).format(name=window.annotator)
        self.pane = ExamplePane(window.project, window.workspace.palette_)
        self.pane.refused = lambda text: window.statusBar().showMessage(text, 8000)
        self.dock = QDockWidget(self.tr("Example labels (read-only)"), window)
        self.dock.setObjectName("exampleLabels")
        self.dock.setWidget(self.pane)
        self.dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()
        if QSettings().value(GUIDE_SETTING) is None:
            self.guide.offer()

    def article_opened(self, article_id: str) -> None:
        """Show the examples of the article, if it has any; hide the pane if not."""
        if self.pane is None or self.dock is None:
            return
        shown = self.pane.show_article(article_id)
        self.dock.setVisible(shown)
        if shown:
            window = self.window_
            window.resizeDocks(
                [self.dock], [max(220, window.height() * 2 // 5)], Qt.Orientation.Vertical
            )

    def start_guide(self) -> None:
        """Help › Label your first claim: the guide, in the sample project."""
        if self.sample:
            self.guide.start()
            return
        controller = self.window_.controller
        opener = getattr(controller, "open_first_claim", None)
        if opener is not None:
            opener()
        else:
            self.window_.statusBar().showMessage(
                self.tr("The guided first claim is in the sample project."), 8000
            )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.guide.active
            and self.window_.workspace.view.selected_span() is None
        ):
            self.guide.skip()
            return True
        return False
