"""Picking an actor by typing: names and aliases complete as you type ("Bei" finds China).

Pressing Enter on a text that matches no actor offers to create one with that
name, inline: no dialog, no mouse.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from annotator.core.model import Actor
from annotator.store.project import Project

SUGGESTIONS = 20


def actor_label(actor: Actor) -> str:
    """How an actor is shown in pickers and lists: name, type, aliases."""
    text = actor.name
    if actor.type:
        text += f" [{actor.type}]"
    if actor.aliases:
        also = QCoreApplication.translate("actor_picker", "also {aliases}")
        text += " — " + also.format(aliases=", ".join(actor.aliases))
    return text


class ActorPicker(QLineEdit):
    """A line edit whose completions come from the project's actor registry."""

    picked = Signal(object)  # the Actor chosen, or None when cleared
    create_requested = Signal(str)  # Enter on a name no actor has

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._project = project
        self._actor: Actor | None = None
        self._found: dict[str, Actor] = {}
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.activated[str].connect(self._chosen)
        self.setCompleter(completer)
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(self.tr("type a name or alias"))
        self.textEdited.connect(self._suggest)
        self.returnPressed.connect(self._confirm)

    def actor(self) -> Actor | None:
        """The actor shown."""
        return self._actor

    def set_actor(self, actor: Actor | None) -> None:
        """Show an actor (or none) without emitting `picked`."""
        self._actor = actor
        self.setText(actor.name if actor else "")

    def _suggest(self, text: str) -> None:
        if not text.strip():
            self._found = {}
            self._model.setStringList([])
            if self._actor is not None:
                self._actor = None
                self.picked.emit(None)
            return
        actors = self._project.find_actors(text, SUGGESTIONS)
        self._found = {actor_label(a): a for a in actors}
        self._model.setStringList(list(self._found))

    def _chosen(self, label: str) -> None:
        actor = self._found.get(label)
        if actor is not None:
            self._actor = actor
            self.setText(actor.name)
            self.picked.emit(actor)

    def _confirm(self) -> None:
        text = self.text().strip()
        if not text or (self._actor is not None and text == self._actor.name):
            return
        popup = self.completer().popup()
        if popup.isVisible() and popup.currentIndex().isValid():
            self._chosen(popup.currentIndex().data())
            return
        exact = [
            a for a in self._found.values() if text.casefold() in (n.casefold() for n in a.names())
        ]
        if len(exact) == 1:
            self._chosen(actor_label(exact[0]))
        else:
            self.create_requested.emit(text)
