"""Articles side by side: another article of the story, its claims, and links between claims.

The pane shows a second article (by default the next one of the same story)
with the annotator's labels. The current claim on the left is linked to the
claim chosen on the right as the same claim (Ctrl+L) or unlinked
(Ctrl+Shift+L). Claims linked to the current one are highlighted here.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Claim
from annotator.store.project import Project
from annotator.store.queries import ArticleFilter
from annotator.ui import plain
from annotator.ui.articles.article_list import summary_title
from annotator.ui.changes import Changes
from annotator.ui.i18n import plural
from annotator.ui.labels.label_lists import ClaimListModel, label_list_view
from annotator.ui.palette import LabelPalette
from annotator.ui.session import Session
from annotator.ui.text.article_state import ArticleState
from annotator.ui.text.article_view import ArticleView

MAX_CHOICES = 200


class ComparePane(QWidget):
    """The second article of a side-by-side comparison."""

    link = Signal(str)  # claim id on this side, to link with the current claim
    unlink = Signal(str)

    def __init__(
        self, session: Session, palette: LabelPalette, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.project: Project = session.project
        self.state: ArticleState | None = None
        self._linked: set[str] = set()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.chooser = QComboBox(self)
        self.chooser.setAccessibleName(self.tr("Article to compare"))
        self.chooser.activated.connect(lambda _: self.show_article(self.chooser.currentData()))
        layout.addWidget(self.chooser)
        split = QSplitter(Qt.Orientation.Vertical, self)
        self.view = ArticleView(palette, split)
        self.view.setAccessibleName(self.tr("Compared article text"))
        self.claims = ClaimListModel(session.project.schema, self)
        self.claim_list = label_list_view(split, self.tr("Claims of the compared article"))
        self._wrap_rows(self.claim_list)
        self.claim_list.setModel(self.claims)
        self.claim_list.selectionModel().currentChanged.connect(self._claim_chosen)
        split.addWidget(self.view)
        split.addWidget(self.claim_list)
        split.setStretchFactor(0, 3)
        layout.addWidget(split, 1)
        self.hint = plain.label("", self)  # a line of its own: beside the buttons it had no room
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        buttons = QHBoxLayout()
        self.link_button = QPushButton(self.tr("Link (Ctrl+L)"), self)
        self.unlink_button = QPushButton(self.tr("Unlink (Ctrl+Shift+L)"), self)
        self.link_button.clicked.connect(self.link_selected)
        self.unlink_button.clicked.connect(self.unlink_selected)
        buttons.addStretch(1)
        buttons.addWidget(self.link_button)
        buttons.addWidget(self.unlink_button)
        layout.addLayout(buttons)
        session.changed.connect(self._changed)

    @staticmethod
    def _wrap_rows(view: QTableView) -> None:
        """Rows as tall as their text: the pane is half the text's width, too narrow for a
        claim, its claimant and stance on one line. One article has tens of claims, so
        sizing rows to their contents costs nothing here (unlike the long lists)."""
        view.setWordWrap(True)
        view.setTextElideMode(Qt.TextElideMode.ElideNone)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def offer(self, article_id: str) -> None:
        """Fill the chooser with the other articles, same story first; show the first."""
        article = self.project.article(article_id)
        if article is None:
            return
        where = ArticleFilter(story=article.story) if article.story else ArticleFilter()
        rows = self.project.articles_page(self.session.annotator, 0, MAX_CHOICES, where=where)
        self.chooser.clear()
        for row in rows:
            if row.id != article_id:
                title = summary_title(self.project, row)
                self.chooser.addItem(f"{title} — {row.source or ''}", row.id)
        if self.chooser.count():
            self.show_article(self.chooser.itemData(0))
        else:
            self.state = None
            self.view.show_article("", [])
            self.claims.set_items([], "", {})
            self.hint.setText(self.tr("No other article in this story."))

    def show_article(self, article_id: str) -> None:
        """Show another article beside the current one."""
        article = self.project.article(article_id)
        if article is None:
            return
        self.state = ArticleState(self.project, article, self.session.annotator)
        self.view.show_article(article.text, self.state.marks())
        self._refresh_list()

    def _refresh_list(self) -> None:
        if self.state is None:
            return
        self.claims.set_items(
            self.state.sorted_claims(), self.state.article.text, self.state.actors
        )
        self._highlight()

    def selected_claim(self) -> Claim | None:
        """The claim chosen in the list."""
        row = self.claim_list.currentIndex().row()
        return self.claims.item(row) if row >= 0 else None

    def show_links_of(self, claim_ids: set[str]) -> None:
        """Highlight the claims here that are linked to the current claim on the left."""
        self._linked = claim_ids
        self._highlight()

    def _highlight(self) -> None:
        if self.state is None:
            return
        color = QColor("#56B4E9")  # Okabe-Ito sky blue: linked claims
        color.setAlpha(110)
        spans = [c.span for c in self.state.claims.values() if c.id in self._linked]
        self.view.set_marked(spans, color)
        linked = [c for c in self.state.sorted_claims() if c.id in self._linked]
        n = len(linked)
        self.hint.setText(plural(self.tr("%n linked claim(s) here", "", n), n) if linked else "")
        if linked:
            row = self.claims.row_of(linked[0].id)
            self.claim_list.selectionModel().setCurrentIndex(
                self.claims.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )

    def _claim_chosen(self) -> None:
        claim = self.selected_claim()
        if claim is not None:
            self.view.reveal(claim.span)

    def link_selected(self) -> None:
        """Link the claim chosen here to the current claim on the left."""
        claim = self.selected_claim()
        if claim is not None:
            self.link.emit(claim.id)

    def unlink_selected(self) -> None:
        """Remove the link between the claim chosen here and the current one."""
        claim = self.selected_claim()
        if claim is not None:
            self.unlink.emit(claim.id)

    def _changed(self, changes: Changes) -> None:
        if self.state is None or not changes.touches(self.state.article.id):
            return
        diff = self.state.apply(changes.changed)
        self.view.layer.update(diff.removed, diff.added)
        self._refresh_list()
