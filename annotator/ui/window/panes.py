"""The main window's panes: their widths, side by side, reading mode, and the text's font.

The article list and the workspace (text, compared text, label panel) share
the window in splitters whose state, like the window's geometry and the
text's font, is remembered in `QSettings` between starts.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFontDialog, QMainWindow, QPlainTextEdit, QSplitter, QWidget

from annotator.ui.window.workspace import Workspace

DEFAULT_WIDTHS = (330, 420)
"""Article list and label panel in the default 1280-pixel window, scaled to the window's width.

The text column gets the rest; the list is never narrower than its filters need.
"""
READABLE_CHARS = 45
"""A text column narrower than this many average characters is not restored (`readable_text_width`)."""


def readable_text_width(view: QPlainTextEdit) -> int:
    """The narrowest text column that reads well in the text's font, margins and scroll bar."""
    text = READABLE_CHARS * view.fontMetrics().averageCharWidth()
    margins = 2 * view.frameWidth() + round(2 * view.document().documentMargin())
    return text + margins + view.verticalScrollBar().sizeHint().width()


class Panes(QObject):
    """Lays out the article list and the workspace in a main window, and remembers it."""

    def __init__(
        self, window: QMainWindow, splitter: QSplitter, listed: QWidget, workspace: Workspace
    ) -> None:
        super().__init__(window)
        self.window = window
        self.splitter = splitter  # article list | workspace
        self.listed = listed
        self.workspace = workspace
        self._list_folded = 0  # the list's width while side by side folded it away
        # A wider window widens the workspace (and there the text); the list keeps its width.
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        self._list_narrow = 0  # the list's width while too narrow a window folded it away
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A window made wide enough again brings back the list it was too narrow for."""
        if watched is self.window and event.type() == QEvent.Type.Resize and self._list_narrow:
            listed, room = self.splitter.sizes()
            text, compared, panel = self.workspace.sizes()
            if listed:  # the user dragged it out meanwhile
                self._list_narrow = 0
            elif text - readable_text_width(self.workspace.view) >= self._list_narrow:
                width, self._list_narrow = self._list_narrow, 0
                self.splitter.setSizes([width, room - width])
                self.splitter.refresh()
                self.workspace.setSizes(
                    [sum(self.workspace.sizes()) - compared - panel, compared, panel]
                )
        return False

    def restore(self) -> None:
        """The text's font, the window's geometry and the splitters as they were saved."""
        settings = QSettings()
        saved = settings.value("text/font")
        font = QFont()
        if saved and font.fromString(str(saved)):
            self.workspace.view.setFont(font)
            self.workspace.compare.view.setFont(font)
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.window.restoreGeometry(geometry)
        for key, splitter in self._splitters().items():
            state = settings.value(f"window/{key}")
            if state is not None:
                splitter.restoreState(state)

    def save(self) -> None:
        """Remember the geometry and the widths, as the next start opens (without comparing)."""
        if not self.workspace.compare.isHidden():  # the next start opens without it:
            self.side_by_side(False)  # save the widths (the list too) as they will be then
        settings = QSettings()
        settings.setValue("window/geometry", self.window.saveGeometry())
        for key, splitter in self._splitters().items():
            settings.setValue(f"window/{key}", splitter.saveState())

    def _splitters(self) -> dict[str, QSplitter]:
        return {"main": self.splitter, "workspace": self.workspace}

    def first_widths(self) -> None:
        """Default widths where none were saved; then a readable text column.

        The rule: a text column is never *restored* narrower than
        `readable_text_width` (45 average characters of the text's font). The
        room comes from the label panel, then the article list, down to their
        minimum sizes. A narrower column the user drags to in a session stays
        as dragged until the window is opened again.
        """
        settings = QSettings()
        workspace = self.workspace
        listed, panel = (width * self.window.width() // 1280 for width in DEFAULT_WIDTHS)
        if settings.value("window/main") is None:
            self.splitter.setSizes([listed, sum(self.splitter.sizes()) - listed])
        if settings.value("window/workspace") is None:
            workspace.setSizes([sum(workspace.sizes()) - panel, 0, panel])
        self._widen_text(readable_text_width(workspace.view) - workspace.sizes()[0])

    def side_by_side(self, shown: bool) -> None:
        """Show or hide the compared article; the article list makes room when the text needs it.

        Two texts side by side need the width of two readable columns: when
        the text would be narrower than `readable_text_width`, the article list
        folds away while comparing and comes back, as wide as before, after.
        """
        workspace = self.workspace
        if not shown:
            workspace.toggle_compare(False)
            folded, self._list_folded = self._list_folded, 0
            if folded and self.splitter.sizes()[0] == 0:
                panel = workspace.sizes()[2]  # as closing the comparison left it
                total = sum(self.splitter.sizes())
                self.splitter.setSizes([folded, total - folded])
                self.splitter.refresh()
                workspace.setSizes([sum(workspace.sizes()) - panel, 0, panel])
            return
        workspace.toggle_compare(True)
        listed, room = self.splitter.sizes()
        text, compared, panel = workspace.sizes()
        if listed and text < readable_text_width(workspace.view):
            self._list_folded = listed
            self.splitter.setSizes([0, listed + room])
            gained = sum(workspace.sizes()) - (text + compared + panel)
            half = gained // 2
            workspace.setSizes([text + half, compared + gained - half, panel])

    def _widen_text(self, missing: int) -> None:
        """Give the text column ``missing`` pixels from the label panel, then the list."""
        if missing <= 0:
            return
        workspace = self.workspace
        text, compared, panel = workspace.sizes()
        spare = max(0, panel - workspace.panel.minimumSizeHint().width())
        taken = min(missing, spare)
        workspace.setSizes([text + taken, compared, panel - taken])
        missing -= taken
        listed, room = self.splitter.sizes()
        taken = min(missing, max(0, listed - self.listed.minimumSizeHint().width()))
        if taken < missing:  # a window too narrow for the list at its smallest: fold it away
            taken, self._list_narrow = listed, listed
        if taken > 0:
            panel = workspace.sizes()[2]
            self.splitter.setSizes([listed - taken, room + taken])
            room = sum(workspace.sizes())
            workspace.setSizes([room - compared - panel, compared, panel])

    def reading_mode(self, reading: bool, listed: bool, panel: bool) -> None:
        """Only the text while ``reading``; otherwise the list and the panel where chosen shown.

        Reading mode hides the status bar too; the keys go to the text either way.
        """
        self.listed.setVisible(not reading and listed)
        self.workspace.panel.setVisible(not reading and panel)
        self.window.statusBar().setVisible(not reading)
        self.workspace.view.setFocus()

    def choose_font(self) -> None:
        """Pick the article text's font; remembered."""
        ok, font = QFontDialog.getFont(
            self.workspace.view.font(), self.window, self.tr("Article font")
        )
        if ok:
            self.set_text_font(font)

    def set_text_font(self, font: QFont) -> None:
        """Show the article text (both sides) in ``font`` and remember it."""
        self.workspace.view.setFont(font)
        self.workspace.compare.view.setFont(font)
        QSettings().setValue("text/font", font.toString())

    def zoom(self, step: int) -> None:
        """Make the article text larger or smaller; remembered."""
        font = self.workspace.view.font()
        font.setPointSizeF(min(32.0, max(7.0, font.pointSizeF() + step)))
        self.set_text_font(font)
