"""The adjudication view: two annotators' labels side by side, gold in the middle.

Articles come most disagreement first. Differences (missing, boundary,
fields) are listed and highlighted; the lead steps through them and accepts
the left or the right version into ``gold`` with one key, then marks the
article adjudicated. Accepting is an undoable action of the lead's session.

The middle column is a full workspace of the annotator ``gold``: the lead
accepts a side with one key, or labels and edits gold by hand with the usual
keys and the label panel. Everything done to gold is one undo history (the
gold session's), with Ctrl+Z in this window.

Keys in any of the three texts: . / , next / previous difference; 1 accept
left; 2 accept right; Ctrl+D mark the article adjudicated; Ctrl+Down / Ctrl+Up
next / previous article. (Letters stay free for gold's own labelling keys.)
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import GOLD
from annotator.core.text import display_title
from annotator.operations import AcceptLabel, MarkAdjudicated
from annotator.quality.adjudicate import (
    Difference,
    adjudication_progress,
    differences,
    disagreement_ranking,
    labelled_by,
)
from annotator.store.project import Project
from annotator.ui import plain
from annotator.ui.changes import Changes
from annotator.ui.palette import LabelPalette
from annotator.ui.screen import fit_to_screen
from annotator.ui.session import Session
from annotator.ui.text.article_state import ArticleState
from annotator.ui.text.article_view import ArticleView
from annotator.ui.window.workspace import Workspace

KIND_TEXT = {
    "missing": QT_TRANSLATE_NOOP("AdjudicationView", "missing"),
    "boundary": QT_TRANSLATE_NOOP("AdjudicationView", "boundary differs"),
    "fields": QT_TRANSLATE_NOOP("AdjudicationView", "fields differ"),
}
"""How each kind of difference is described (in English; the view translates)."""
DIFFERENCE = QColor("#CC79A7")  # Okabe-Ito reddish purple: a difference to settle
DIFFERENCE.setAlpha(90)


def _quoted(words: str, most: int = 72) -> str:
    """``words`` on one line in quotation marks, their middle left out past ``most`` characters
    (both ends show where a segment starts and stops)."""
    words = " ".join(words.split())
    if len(words) > most:
        half = (most - 3) // 2
        words = f"{words[:half].rstrip()} … {words[-half:].lstrip()}"
    return f"“{words}”"


class AdjudicationView(QWidget):
    """Settle one article at a time into gold."""

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.project = project
        self.setWindowTitle(
            self.tr("Adjudication — {project}").format(
                project=plain.window_title(self.project.path.name)
            )
        )
        self.differences: list[Difference] = []
        self.current = -1
        self.article_id: str | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.articles = QComboBox(self)
        self.articles.setAccessibleName(self.tr("Article to adjudicate"))
        self.articles.activated.connect(lambda _: self.show_article(self.articles.currentData()))
        self.progress = plain.label("", self)
        top.addWidget(self.articles, 1)
        top.addWidget(self.progress)
        layout.addLayout(top)
        palette = LabelPalette(self.project.schema)
        self.gold_session = Session(self.project, GOLD, self)
        self.gold = Workspace(self.gold_session, self)
        self.gold.extra_keys = {
            ".": lambda: self.step(+1),
            ",": lambda: self.step(-1),
            "1": lambda: self.accept(0),
            "2": lambda: self.accept(1),
        }
        self.views: dict[str, ArticleView] = {"gold": self.gold.view}
        self.names: dict[str, QLabel] = {}
        columns = QSplitter(Qt.Orientation.Horizontal, self)
        side_names = {"left": self.tr("Left labels"), "right": self.tr("Right labels")}
        for side in ("left", "gold", "right"):
            column = QWidget(columns)
            column_layout = QVBoxLayout(column)
            column_layout.setContentsMargins(0, 0, 0, 0)
            self.names[side] = plain.rich_label("", column)  # bold: the names inside escaped
            column_layout.addWidget(self.names[side])
            if side == "gold":
                column_layout.addWidget(self.gold, 1)
            else:
                view = ArticleView(palette, column)
                view.setAccessibleName(side_names[side])
                view.key_pressed.connect(self.on_key)
                self.views[side] = view
                column_layout.addWidget(view, 1)
            columns.addWidget(column)
        columns.setStretchFactor(1, 2)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(columns)
        self.list = QListWidget(split)
        self.list.setAccessibleName(self.tr("Differences"))
        self.list.currentRowChanged.connect(self.go_to)
        split.addWidget(self.list)
        split.setStretchFactor(0, 3)
        layout.addWidget(split, 1)
        self.hint = plain.label(
            self.tr(". next difference · 1 accept left · 2 accept right · Ctrl+D adjudicated"),
            self,
        )
        layout.addWidget(self.hint)
        QShortcut(QKeySequence("Ctrl+Down"), self, lambda: self.step_article(+1))
        QShortcut(QKeySequence("Ctrl+Up"), self, lambda: self.step_article(-1))
        QShortcut(QKeySequence("Ctrl+D"), self, self.mark_adjudicated)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.gold_session.undo_stack.undo)
        QShortcut(QKeySequence("Ctrl+Shift+Z"), self, self.gold_session.undo_stack.redo)
        self.gold_session.changed.connect(self._changed)
        self.resize(fit_to_screen(self, 1400, 860))
        self.reload_articles()

    # -- articles ---------------------------------------------------------------------------

    def reload_articles(self, keep: str | None = None) -> None:
        """List the articles needing adjudication, most disagreement first."""
        ranking = disagreement_ranking(self.project)
        self.articles.clear()
        for article_id, score in ranking:
            article = self.project.article(article_id)
            title = display_title(article.title, article.text) if article else article_id
            self.articles.addItem(
                self.tr("{title}  ({share} differ)").format(title=title, share=f"{score:.0%}"),
                article_id,
            )
        self._show_progress()
        if not ranking:
            self.hint.setText(self.tr("No article has been labelled by two annotators yet."))
            return
        index = max(0, self.articles.findData(keep)) if keep else 0
        self.articles.setCurrentIndex(index)
        self.show_article(self.articles.itemData(index))

    def step_article(self, step: int) -> None:
        """Go to the next (+1) or previous (-1) article of the list."""
        index = self.articles.currentIndex() + step
        if 0 <= index < self.articles.count():
            self.articles.setCurrentIndex(index)
            self.show_article(self.articles.itemData(index))

    def show_article(self, article_id: str) -> None:
        """Show an article: the first two annotators who labelled it, and gold."""
        article = self.project.article(article_id)
        if article is None:
            return
        self.article_id = article_id
        listed = self.articles.findData(article_id)
        if listed >= 0:  # the list shows the article shown (Ctrl+Up/Down go on from it)
            self.articles.setCurrentIndex(listed)
        everyone = [n for n in self.project.annotators() if n != GOLD]
        names = labelled_by(self.project, article_id, everyone)
        self.pair = [*names, "", ""][:2]
        for side, name in (("left", self.pair[0]), ("right", self.pair[1])):
            state = ArticleState(self.project, article, name) if name else None
            self.views[side].show_article(article.text, state.marks() if state else [])
            self.names[side].setText(f"<b>{plain.escaped(name or '—')}</b>")
        self.gold.open_article(article_id)
        self.names["gold"].setText(
            self.tr("<b>gold</b> — the settled labels; label and edit as usual")
        )
        self._refresh_differences(0)
        self.views["gold"].setFocus()

    def _refresh_differences(self, current: int) -> None:
        if self.article_id is None:
            return
        pair = [n for n in self.pair if n]
        self.differences = [
            d for d in differences(self.project, self.article_id, pair) if d.kind != "agree"
        ]
        self.list.blockSignals(True)
        self.list.clear()
        for difference in self.differences:
            self.list.addItem(QListWidgetItem(self._describe(difference)))
        self.list.blockSignals(False)
        for side in ("left", "right"):
            self.views[side].set_marked([d.span for d in self.differences], DIFFERENCE)
        open_ = sum(1 for d in self.differences if not d.resolved)
        self.hint.setText(
            self.tr(
                "{open} of {total} differences open · . next · , previous · "
                "1 accept left · 2 accept right · Ctrl+D adjudicated"
            ).format(open=open_, total=len(self.differences))
        )
        if self.differences:
            self.go_to(min(current, len(self.differences) - 1))

    def _describe(self, difference: Difference) -> str:
        assert self.article_id is not None
        article = self.project.article(self.article_id)
        words = article.text[difference.span.start : difference.span.end] if article else ""
        words = " ".join(words.split())
        words = words if len(words) < 60 else words[:57] + "…"
        what = self.tr(KIND_TEXT[difference.kind])
        if difference.fields:
            what += ": " + ", ".join(difference.fields)
        mark = "✓ " if difference.resolved else "• "
        line = f"{mark}{difference.label_type} “{words}” — {what}"
        if difference.segments and article:  # each one's segments, where they may differ
            line += "".join(
                f"\n    {name}: "
                + " + ".join(_quoted(article.text[s.start : s.end]) for s in parts)
                for name, parts in difference.segments.items()
            )
        return line

    # -- stepping and accepting ---------------------------------------------------------------

    def go_to(self, index: int) -> None:
        """Make a difference current and show it in all three texts."""
        if not 0 <= index < len(self.differences):
            return
        self.current = index
        self.list.blockSignals(True)
        self.list.setCurrentRow(index)
        self.list.blockSignals(False)
        for view in self.views.values():
            view.reveal(self.differences[index].span)

    def step(self, delta: int) -> None:
        """Go to the next (+1) or previous (-1) difference, round the end."""
        if self.differences:
            self.go_to((self.current + delta) % len(self.differences))

    def on_key(self, key: str) -> None:
        """Single keys in the left and right texts (the gold text has its own)."""
        if key in self.gold.extra_keys:
            self.gold.extra_keys[key]()

    def accept(self, side: int) -> None:
        """Accept the left (0) or right (1) annotator's version of the current difference."""
        if not 0 <= self.current < len(self.differences):
            return
        difference = self.differences[self.current]
        label = difference.labels.get(self.pair[side])
        if label is None:
            self.hint.setText(
                self.tr("{annotator} has no {label} here.").format(
                    annotator=self.pair[side], label=difference.label_type
                )
            )
            return
        self.gold_session.run(
            AcceptLabel(label.id, self.pair[side], difference.label_type, replacing=difference.gold)
        )

    def mark_adjudicated(self) -> None:
        """Mark the article settled: gold's status becomes done."""
        article_id = self.article_id
        if article_id is None:
            return
        self.gold_session.run(MarkAdjudicated(article_id))
        self.reload_articles(keep=article_id)

    def _changed(self, changes: Changes) -> None:
        if self.article_id is None or not changes.touches(self.article_id):
            return
        self._refresh_differences(self.current + 1 if self.current >= 0 else 0)
        self._show_progress()

    def _show_progress(self) -> None:
        done, total = adjudication_progress(self.project)
        self.progress.setText(
            self.tr("{done} of {total} adjudicated").format(done=done, total=total)
        )
