"""The welcome screen shown when no project is open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.ui import plain
from annotator.ui.screen import fit_to_screen

TOP_KEYS = (
    ("C", QT_TRANSLATE_NOOP("WelcomeScreen", "mark the selected words as a claim")),
    ("M", QT_TRANSLATE_NOOP("WelcomeScreen", "mark them as a mention of an actor")),
    ("Q / S", QT_TRANSLATE_NOOP("WelcomeScreen", "set the claim's cue / source")),
    ("Ctrl+Z", QT_TRANSLATE_NOOP("WelcomeScreen", "undo anything, even after a restart")),
    ("Ctrl+↓", QT_TRANSLATE_NOOP("WelcomeScreen", "next unfinished article")),
)
"""The keys to know first, with what they do (in English; the screen translates)."""


class WelcomeScreen(QWidget):
    """Open the sample, a recent project, any project, or start a new one."""

    open_sample = Signal()
    first_claim = Signal()  # open the sample and start the guided first claim
    open_other = Signal()
    new_project = Signal()
    open_recent = Signal(str)

    def __init__(self, recent: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Claim annotator"))
        outer = QHBoxLayout(self)
        outer.setContentsMargins(40, 32, 40, 32)
        left = QVBoxLayout()
        title = plain.label(self.tr("Claim annotator"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setWeight(QFont.Weight.DemiBold)
        title.setFont(font)
        left.addWidget(title)
        left.addWidget(
            plain.label(
                self.tr("Label who claims what, toward whom, and how the news cites it."), self
            )
        )
        left.addSpacing(16)
        for text, signal in (
            (self.tr("&Label your first claim (a guided task in the sample)"), self.first_claim),
            (self.tr("Open the &sample project"), self.open_sample),
            (self.tr("&Open a project…"), self.open_other),
            (self.tr("&New project…"), self.new_project),
        ):
            button = QPushButton(text, self)
            button.setMinimumHeight(34)
            button.clicked.connect(signal)
            left.addWidget(button)
        left.addSpacing(16)
        rows = "".join(f"<tr><td><b>{k}</b></td><td>{self.tr(t)}</td></tr>" for k, t in TOP_KEYS)
        keys = plain.rich_label(
            "<b>{}</b><table cellspacing=4>{}</table><br>{}".format(
                self.tr("Keys to know"), rows, self.tr("Help › Keyboard shortcuts lists them all.")
            ),
            self,
        )
        left.addWidget(keys)
        left.addStretch(1)
        outer.addLayout(left, 1)
        right = QVBoxLayout()
        recent_title = plain.rich_label(self.tr("<b>Recent projects</b>"), self)
        right.addWidget(recent_title)
        self.recent = QListWidget(self)
        self.recent.setAccessibleName(self.tr("Recent projects"))
        self.recent.setSpacing(4)
        for path in recent:
            item = QListWidgetItem(f"{Path(path).name}\n{path}")
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(plain.tooltip(path))
            self.recent.addItem(item)
        if not recent:
            self.recent.addItem(self.tr("No recent projects yet"))
            self.recent.setEnabled(False)
        self.recent.itemActivated.connect(
            lambda item: self.open_recent.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        right.addWidget(self.recent, 1)
        outer.addLayout(right, 1)
        self.resize(fit_to_screen(self, 900, 520))
