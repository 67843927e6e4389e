"""The label panel beside the text: status, the article's claims with their form, mentions,
suggestions and the actor registry."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import STATUSES
from annotator.store.project import Project
from annotator.ui import plain
from annotator.ui.articles.article_list import status_name
from annotator.ui.labels.actor_registry import ActorRegistry
from annotator.ui.labels.claim_form import ClaimForm
from annotator.ui.labels.label_lists import ClaimListModel, label_list_view
from annotator.ui.labels.mention_panel import MentionPanel
from annotator.ui.suggestions.panel import SuggestionPanel


class LabelPanel(QWidget):
    """Shows the open article's labels; emits what the user picks."""

    claim_selected = Signal(object)  # Claim or None
    mention_selected = Signal(object)  # Mention or None
    status_chosen = Signal(str)
    comment_edited = Signal(str)
    escape = Signal()  # Escape pressed in the panel: back to the text

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        status_row = QHBoxLayout()
        status_label = plain.label(self.tr("&Status"), self)
        self.status = QComboBox(self)
        self.status.setAccessibleName(self.tr("Article status"))
        for status in STATUSES:
            self.status.addItem(status_name(status), status)
        status_label.setBuddy(self.status)
        self.status.activated.connect(lambda _: self.status_chosen.emit(self.status.currentData()))
        self.comment = QLineEdit(self)
        self.comment.setPlaceholderText(self.tr("comment on this article"))
        self.comment.setAccessibleName(self.tr("Article comment"))
        self.comment.editingFinished.connect(lambda: self.comment_edited.emit(self.comment.text()))
        status_row.addWidget(status_label)
        status_row.addWidget(self.status)
        status_row.addWidget(self.comment, 1)
        layout.addLayout(status_row)

        self.tabs = _Tabs(self)
        claims_page = QSplitter(Qt.Orientation.Vertical, self)
        self.claims = ClaimListModel(project.schema, self)
        self.claim_list = label_list_view(claims_page, self.tr("Claims"))
        self.claim_list.setModel(self.claims)
        self.form = ClaimForm(project, project.schema)
        claims_page.addWidget(self.claim_list)
        claims_page.addWidget(_FormArea(self.form, claims_page))
        claims_page.setStretchFactor(1, 1)
        self.tabs.addTab(claims_page, self.tr("&Claims"))
        self.claims_page = claims_page
        self.mention_panel = MentionPanel(project, self)
        self.mentions = self.mention_panel.model
        self.mention_list = self.mention_panel.list
        self.tabs.addTab(self.mention_panel, self.tr("&Mentions"))
        self.suggestions = SuggestionPanel(self)
        self.tabs.addTab(self.suggestions, self.tr("Su&ggestions"))
        self.registry = ActorRegistry(project, self)
        self.tabs.addTab(self.registry, self.tr("Ac&tors"))
        layout.addWidget(self.tabs, 1)
        self.tabs.tabBar().installEventFilter(self)  # its Alt keys: see `eventFilter`
        self.claim_list.selectionModel().currentChanged.connect(
            lambda current, _: self.claim_selected.emit(
                self.claims.item(current.row()) if current.isValid() else None
            )
        )
        self.mention_list.selectionModel().currentChanged.connect(
            lambda current, _: self.mention_selected.emit(
                self.mentions.item(current.row()) if current.isValid() else None
            )
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A tab's Alt key (Alt+C, Alt+M, Alt+G, Alt+T) shows the tab *and* takes the keyboard there.

        The tab bar handles the key; then the tab's list gets the focus. Tabs
        the workspace switches to from code (`select_claim`...) leave the
        focus where it is, in the text.
        """
        if watched is self.tabs.tabBar() and event.type() == QEvent.Type.Shortcut:
            handled = self.tabs.tabBar().event(event)
            self.focus_tab()
            return handled
        return super().eventFilter(watched, event)

    def focus_tab(self) -> None:
        """Put the keyboard in the shown tab's list, on its first row if none is current."""
        view = {
            self.mention_panel: self.mention_list,
            self.suggestions: self.suggestions.list,
            self.registry: self.registry.table,
        }.get(self.tabs.currentWidget(), self.claim_list)
        if not view.currentIndex().isValid() and view.model().rowCount() > 0:
            view.setCurrentIndex(view.model().index(0, 0))
        view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_suggestion_count(self, count: int) -> None:
        """Say on the Suggestions tab how many suggestions the open article has."""
        index = self.tabs.indexOf(self.suggestions)
        title = self.tr("Su&ggestions (%n)", "", count) if count else self.tr("Su&ggestions")
        if self.tabs.tabText(index) != title:
            # the bar's own: QTabWidget.setTabText lays out and repaints the whole page
            self.tabs.tabBar().setTabText(index, title)

    def select_claim(self, claim_id: str | None) -> None:
        """Make a claim current in the list (without emitting `claim_selected`)."""
        current = self.claim_list.currentIndex()
        if current.isValid() and claim_id and self.claims.item(current.row()).id == claim_id:
            return  # already current: no scrolling, no repaint
        self._select(self.claim_list, self.claims.row_of(claim_id) if claim_id else -1)
        if claim_id:
            self.tabs.setCurrentIndex(0)

    def select_mention(self, mention_id: str | None, switch: bool = True) -> None:
        """Make a mention current in the list (without emitting `mention_selected`)."""
        self._select(self.mention_list, self.mentions.row_of(mention_id) if mention_id else -1)
        if mention_id and switch:
            self.tabs.setCurrentIndex(1)

    def _select(self, view: QAbstractItemView, row: int) -> None:
        selection = view.selectionModel()
        blocked = selection.blockSignals(True)
        if row < 0:
            selection.clear()
        else:
            index = view.model().index(row, 0)
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            view.scrollTo(index)
        selection.blockSignals(blocked)
        view.viewport().update()

    def show_status(self, status: str, comment: str) -> None:
        """Show the annotator's status and comment on the article."""
        self.status.setCurrentIndex(max(0, self.status.findData(status)))
        self.comment.setText(comment)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escape.emit()
            return
        super().keyPressEvent(event)


class _Tabs(QTabWidget):
    """The panel's tabs, laid out again only when their layout would change.

    `QTabWidget` answers any layout request by repainting its whole page, and
    the Suggestions tab's title changes with each suggestion accepted or
    rejected ("Suggestions (6)"): its tab bar then asks for a layout even when
    its size stays the same, and the form, the claim list and every field were
    repainted on each accept. A request when nothing the layout depends on has
    changed (the sizes the tab bar and the page ask for, the tabs' own size,
    the tab shown) is dropped; any other goes through.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._laid_out: tuple[object, ...] | None = None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            now = self._layout_inputs()
            if now == self._laid_out:
                return True
            self._laid_out = now
        return super().event(event)

    def _layout_inputs(self) -> tuple[object, ...]:
        bar, page = self.tabBar(), self.currentWidget()
        return (
            bar.sizeHint(),
            bar.minimumSizeHint(),
            page.sizeHint() if page else None,
            page.minimumSizeHint() if page else None,
            self.size(),
            self.count(),
            self.currentIndex(),
        )


class _FormArea(QScrollArea):
    """The claim form in a frameless scroll area, asking for the room the form asks for.

    The area keeps the form's own relayouts (a new claim's words in the
    summary, a hint shown) inside: without it each one went up to the tab
    widget, which repaints its whole page on any layout request (1.2 ms of the
    ~10 ms a label cost on a large article, every child widget repainted too).
    Its size hints are the form's, so the panel is laid out as with the form
    alone; the form scrolls only where it grew since (a longer summary).
    """

    def __init__(self, form: QWidget, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWidget(form)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName(self.tr("Claim details"))

    def sizeHint(self) -> QSize:
        return self.widget().sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.widget().minimumSizeHint()
