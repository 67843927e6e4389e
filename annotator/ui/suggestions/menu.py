"""The Suggestions menu and the progress of the computation in the status bar.

The menu lists the keys of the text (Tab, Shift+Tab, Enter, Delete: shown
after a tab, not registered as shortcuts, since they mean other things in
other widgets), Accept all, computing again, the background computation, and
one switch per recommender (a project setting, undoable). The status bar shows
how far the corpus is while it runs; the window keeps answering meanwhile.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QProgressBar, QStatusBar

from annotator.assist.compute import RECOMMENDERS
from annotator.ui.suggestions.flow import SuggestionFlow
from annotator.ui.suggestions.offered import recommender_on
from annotator.ui.window.prefs import set_suggest_in_background, suggest_in_background


def recommender_title(name: str) -> str:
    """A recommender's name as the menu shows it."""
    titles = {
        "patterns": QCoreApplication.translate("SuggestionMenu", "Attribution &patterns"),
        "actors": QCoreApplication.translate("SuggestionMenu", "Actor &names and aliases"),
        "learned": QCoreApplication.translate("SuggestionMenu", "&Learned from the labels"),
        "links": QCoreApplication.translate("SuggestionMenu", "Lin&ks across a story"),
        "entities": QCoreApplication.translate(
            "SuggestionMenu", "New actors from named &entities (spaCy)"
        ),
    }
    return titles.get(name, name)


class SuggestionMenu(QObject):
    """Builds the Suggestions menu and shows the computation's progress."""

    message = Signal(str, int)  # text, milliseconds: for the status bar

    def __init__(self, flow: SuggestionFlow, status_bar: QStatusBar, parent: QObject) -> None:
        super().__init__(parent)
        self.flow = flow
        self.status_bar = status_bar
        self.bar = QProgressBar(status_bar)
        self.bar.setAccessibleName(self.tr("Suggestions computed"))
        self.bar.setMaximumWidth(260)
        self.bar.setTextVisible(True)
        self.bar.hide()
        status_bar.addPermanentWidget(self.bar)
        self.recommenders: dict[str, QAction] = {}
        flow.settings_shown.connect(self.show_switches)
        background = flow.background
        background.progress.connect(self._progress)
        background.finished.connect(self._finished)
        background.failed.connect(
            lambda text: self.message.emit(
                self.tr("Suggestions stopped: {problem}").format(problem=text), 15000
            )
        )

    def build(self, bar: QMenuBar) -> QMenu:
        """Add the menu to the menu bar; returns it."""
        menu = bar.addMenu(self.tr("S&uggestions"))
        flow = self.flow
        for title, keys, slot in (
            (self.tr("&Next suggestion"), "Tab", lambda: flow.step(+1)),
            (self.tr("&Previous suggestion"), "Shift+Tab", lambda: flow.step(-1)),
            (self.tr("&Accept suggestion"), "Enter", flow.accept),
            (self.tr("&Reject suggestion"), "Delete, Backspace", flow.reject),
        ):
            # Keys of the article text (see the module docstring), listed after a tab.
            action = QAction(f"{title}\t{keys}", self)
            action.triggered.connect(slot)
            menu.addAction(action)
        accept_all = QAction(self.tr("Accept a&ll in this article…"), self)
        accept_all.setShortcut(QKeySequence("Ctrl+Shift+A"))
        accept_all.triggered.connect(flow.accept_all)
        menu.addAction(accept_all)
        menu.addSeparator()
        available = flow.background.available
        again = QAction(self.tr("&Compute again for this article"), self)
        again.setShortcut(QKeySequence("F5"))
        again.triggered.connect(flow.compute_again)
        self.corpus = QAction(self.tr("Compute again for all &articles"), self)
        self.corpus.triggered.connect(lambda: self.run_corpus(again=True))
        self.stop = QAction(self.tr("&Stop computing"), self)
        self.stop.triggered.connect(flow.background.stop_corpus)
        self.stop.setEnabled(False)
        self.automatic = QAction(self.tr("Compute in the &background"), self)
        self.automatic.setCheckable(True)
        self.automatic.setChecked(suggest_in_background())
        self.automatic.toggled.connect(self._automatic)
        for action in (again, self.corpus, self.stop, self.automatic):
            action.setEnabled(action.isEnabled() and available)
            menu.addAction(action)
        menu.addSeparator()
        switches = menu.addMenu(self.tr("Recommen&ders"))
        for name in RECOMMENDERS:
            action = QAction(recommender_title(name), self)
            action.setCheckable(True)
            action.setEnabled(available)
            action.toggled.connect(lambda on, n=name: self._switch(n, on))
            switches.addAction(action)
            self.recommenders[name] = action
        switches.aboutToShow.connect(self.show_switches)
        self.show_switches()
        return menu

    def show_switches(self) -> None:
        """Tick the recommenders the project has switched on."""
        settings = self.flow.host.project.recommender_settings()
        for name, action in self.recommenders.items():
            blocked = action.blockSignals(True)
            action.setChecked(recommender_on(settings, name))
            action.blockSignals(blocked)

    def _switch(self, name: str, on: bool) -> None:
        self.flow.set_recommender(name, on)
        self.show_switches()  # refused (read-only): the tick goes back

    def start(self) -> None:
        """The window is shown: compute in the background if the annotator wants it."""
        flow = self.flow
        if not flow.background.available or not suggest_in_background():
            return
        flow.automatic = True
        flow.article_opened()  # the open article first
        self.run_corpus()

    def run_corpus(self, again: bool = False) -> None:
        """Compute every article without suggestions (``again``: every article), with progress."""
        self.flow.background.run_corpus(again)
        self.stop.setEnabled(True)
        self.corpus.setEnabled(False)

    def _automatic(self, on: bool) -> None:
        set_suggest_in_background(on)
        if on:
            self.start()
        else:
            self.flow.automatic = False
            self.flow.background.stop_corpus()

    def _progress(self, done: int, total: int) -> None:
        self.bar.setMaximum(max(total, 1))
        self.bar.setValue(done)
        self.bar.setFormat(self.tr("Suggestions: {done} of {total}").format(done=done, total=total))
        self.bar.show()

    def _finished(self, complete: bool) -> None:
        self.bar.hide()
        self.stop.setEnabled(False)
        self.corpus.setEnabled(self.flow.background.available)
        text = (
            self.tr("Suggestions computed for every article.")
            if complete
            else self.tr("Computing suggestions stopped; what was computed is kept.")
        )
        self.message.emit(text, 6000)
