"""The Mentions tab: the article's mentions, the actor of the selected one, and the offer
to mark the actor's other occurrences in one step."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QPushButton, QVBoxLayout, QWidget

from annotator.core.spans import Span
from annotator.store.project import Project
from annotator.ui import plain
from annotator.ui.i18n import plural
from annotator.ui.labels.actor_picker import ActorPicker
from annotator.ui.labels.label_lists import MentionListModel, label_list_view


class MentionPanel(QWidget):
    """Lists mentions; edits the selected one's actor."""

    actor_chosen = Signal(object)  # Actor or None, for the selected mention
    actor_create = Signal(str)  # a new actor's name, for the selected mention
    mark_occurrences = Signal()  # accept the offer

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.model = MentionListModel(self)
        self.list = label_list_view(self, self.tr("Mentions"))
        self.list.setModel(self.model)
        layout.addWidget(self.list, 1)
        form = QFormLayout()
        self.picker = ActorPicker(project, self)
        self.picker.setAccessibleName(self.tr("Actor of the mention"))
        self.picker.picked.connect(self.actor_chosen)
        self.picker.create_requested.connect(self.actor_create)
        actor_label = plain.label(self.tr("Actor"), self)
        actor_label.setBuddy(self.picker)
        form.addRow(actor_label, self.picker)
        layout.addLayout(form)
        self.offer = plain.label("", self)  # holds the actor's name
        self.offer.setWordWrap(True)
        self.accept = QPushButton(self.tr("Mark them all"), self)
        self.accept.setToolTip(
            self.tr("Mark every other occurrence as a mention of this actor (Ctrl+Shift+M)")
        )
        self.accept.clicked.connect(self.mark_occurrences)
        layout.addWidget(self.offer)
        layout.addWidget(self.accept)
        self.show_offer("", [])

    def show_offer(self, actor_name: str, spans: list[Span]) -> None:
        """Offer to mark ``spans`` as mentions of the actor (hidden when there are none)."""
        self.offer.setVisible(bool(spans))
        self.accept.setVisible(bool(spans))
        if spans:
            n = len(spans)
            text = self.tr("{actor} is named %n more time(s) in this article.", "", n)
            self.offer.setText(plural(text, n).format(actor=actor_name))
