"""A bar that says an action could not be saved, and offers to try it again."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from annotator.ui import plain


class SaveBanner(QFrame):
    """Shown while an action waits for a retry (full disk, file gone, project busy)."""

    retry = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.ToolTipBase))
        palette.setColor(
            QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.ToolTipText)
        )
        self.setPalette(palette)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.message = plain.rich_label("", self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Save problem"))
        self.retry_button = QPushButton(self.tr("&Retry"), self)
        self.retry_button.clicked.connect(self.retry)
        dismiss = QPushButton(self.tr("&Dismiss"), self)
        dismiss.clicked.connect(self.hide)
        dismiss.clicked.connect(self.dismissed)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.retry_button)
        layout.addWidget(dismiss)
        self.hide()

    def show_problem(self, text: str) -> None:
        """Show what could not be saved."""
        problem = plain.escaped(text)  # an error message may quote a name or a path
        self.message.setText(self.tr("<b>Not saved.</b> {problem}").format(problem=problem))
        self.show()
