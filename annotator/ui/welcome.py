"""The welcome screen shown when no project is open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

TOP_KEYS = (
    ("C", "mark the selected words as a claim"),
    ("M", "mark them as a mention of an actor"),
    ("Q / S", "set the claim's cue / source"),
    ("Ctrl+Z", "undo anything, even after a restart"),
    ("Ctrl+↓", "next unfinished article"),
)


class WelcomeScreen(QWidget):
    """Open the sample, a recent project, any project, or start a new one."""

    open_sample = Signal()
    open_other = Signal()
    new_project = Signal()
    open_recent = Signal(str)

    def __init__(self, recent: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Claim annotator")
        outer = QHBoxLayout(self)
        outer.setContentsMargins(40, 32, 40, 32)
        left = QVBoxLayout()
        title = QLabel("Claim annotator", self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setWeight(QFont.Weight.DemiBold)
        title.setFont(font)
        left.addWidget(title)
        left.addWidget(
            QLabel("Label who claims what, toward whom, and how the news cites it.", self)
        )
        left.addSpacing(16)
        for text, signal in (
            ("Open the &sample project", self.open_sample),
            ("&Open a project…", self.open_other),
            ("&New project…", self.new_project),
        ):
            button = QPushButton(text, self)
            button.setMinimumHeight(34)
            button.clicked.connect(signal)
            left.addWidget(button)
        left.addSpacing(16)
        keys = QLabel(
            "<b>Keys to know</b><table cellspacing=4>"
            + "".join(f"<tr><td><b>{k}</b></td><td>{t}</td></tr>" for k, t in TOP_KEYS)
            + "</table><br>Help › Keyboard shortcuts lists them all.",
            self,
        )
        keys.setTextFormat(Qt.TextFormat.RichText)
        left.addWidget(keys)
        left.addStretch(1)
        outer.addLayout(left, 1)
        right = QVBoxLayout()
        right.addWidget(QLabel("<b>Recent projects</b>", self))
        self.recent = QListWidget(self)
        self.recent.setAccessibleName("Recent projects")
        self.recent.setSpacing(4)
        for path in recent:
            item = QListWidgetItem(f"{Path(path).name}\n{path}")
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(path)
            self.recent.addItem(item)
        if not recent:
            self.recent.addItem("No recent projects yet")
            self.recent.setEnabled(False)
        self.recent.itemActivated.connect(
            lambda item: self.open_recent.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        right.addWidget(self.recent, 1)
        outer.addLayout(right, 1)
        self.resize(900, 520)
