"""The workspace as the labelling flows see it: the open article, the current labels, the widgets."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Protocol

from annotator.store.project import Project
from annotator.ui.labels.label_panel import LabelPanel
from annotator.ui.session import Session
from annotator.ui.text.article_state import ArticleState
from annotator.ui.text.article_view import ArticleView
from annotator.ui.text.compare import ComparePane


class Host(Protocol):
    """What a flow asks of the workspace it serves (`annotator.ui.window.workspace.Workspace`)."""

    session: Session
    project: Project
    view: ArticleView
    panel: LabelPanel
    compare: ComparePane
    state: ArticleState | None
    """The open article with the annotator's labels, or None before one is opened."""
    current_claim: str | None
    current_mention: str | None
    last_kind: str | None
    """Which of the two the user chose last, "claim" or "mention" (what Delete deletes)."""
    extra_keys: dict[str, Callable[[], None]]
    """Keys of the window around the text (adjudication), tried before the text's own."""

    def select_claim(self, claim_id: str | None, reveal: bool = False) -> None:
        """Make a claim current."""
        ...

    def selecting_after(self) -> AbstractContextManager[None]:
        """Around an action after which the caller calls `select_claim`: the claim form is
        shown once, then."""
        ...

    def select_mention(self, mention_id: str | None, reveal: bool = False) -> None:
        """Make a mention current."""
        ...
