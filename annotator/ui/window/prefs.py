"""What the app remembers between runs (QSettings): the annotator's name, recent projects, and
whether suggestions are computed in the background."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

MAX_RECENT = 8


def annotator_name() -> str | None:
    """The annotator's remembered name, or None before it was asked for."""
    value = QSettings().value("annotator")
    return str(value) if value else None


def set_annotator_name(name: str) -> None:
    """Remember the annotator's name."""
    QSettings().setValue("annotator", name)


def recent_projects() -> list[str]:
    """Recently opened project files that still exist, newest first."""
    value = QSettings().value("recent", [])
    paths = [value] if isinstance(value, str) else list(value or [])
    return [p for p in paths if Path(p).exists()]


def remember_recent(path: Path) -> None:
    """Put a project first in the recent list."""
    paths = [str(path.resolve())] + [p for p in recent_projects() if p != str(path.resolve())]
    QSettings().setValue("recent", paths[:MAX_RECENT])


def suggest_in_background() -> bool:
    """Whether suggestions are computed in the background when a project opens (default on)."""
    return bool(QSettings().value("suggestions/background", True, type=bool))


def set_suggest_in_background(on: bool) -> None:
    """Remember whether suggestions are computed in the background."""
    QSettings().setValue("suggestions/background", on)
