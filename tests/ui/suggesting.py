"""Suggestions in UI tests: real articles, the real recommenders, a real window."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QApplication

from annotator.assist.compute import compute_suggestions
from annotator.core.model import Article
from annotator.core.spans import Span
from annotator.store.project import Project
from annotator.ui.text.article_view import ArticleView
from annotator.ui.window.main_window import MainWindow

TEXT = (
    "李明 🇪🇺 said that Kestria must reopen the harbour before winter. "
    "Velgrad said that the treaty was dead. "
    "The United States hopes China will act as a stabilizing force in the region. "
    "Trade with Velgrad fell."
)
"""One article: a source in CJK with an emoji (UTF-16 offsets differ from code points after
it), a source the registry knows (Velgrad), one it does not (The United States), and the
known name once more outside a claim (a mention suggestion of its own)."""


def span_of(words: str, text: str = TEXT) -> Span:
    """The code point span of the first ``words`` in ``text``."""
    start = text.index(words)
    return Span(start, start + len(words))


def suggested_project(project: Project, annotator: str = "ana") -> Project:
    """``project`` with the article `TEXT` (id s1), actor Velgrad, and its suggestions computed."""
    project.add_articles([Article(id="s1", text=TEXT, title="Harbour")])
    project.add_actor("Velgrad", "lead", "state")
    compute_suggestions(project, annotator, recommenders=["patterns", "actors"])
    return project


def background(on: bool) -> None:
    """Compute suggestions in the background when a window opens (tests have it off)."""
    QSettings().setValue("suggestions/background", on)


def format_at(view: ArticleView, offset: int) -> QTextCharFormat:
    """The format drawn at a stored (code point) offset of the article text."""
    position = view.offsets.to_qt(offset)
    block = view.document().findBlock(position)
    inside = position - block.position()
    for found in block.layout().formats():
        if found.start <= inside < found.start + found.length:
            return QTextCharFormat(found.format)
    return QTextCharFormat()


def offered_keys(window: MainWindow) -> list[str]:
    """The keys of the suggestions the window offers, in text order."""
    return [s.key for s in window.workspace.suggestion_flow.offered.items]


def focused() -> object:
    """The widget with the keyboard."""
    return QApplication.focusWidget()
