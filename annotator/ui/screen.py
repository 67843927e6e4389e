"""Window sizes that fit the screen, whatever its size and scaling.

Sizes in Qt 6 are logical pixels, scaled by the screen's device pixel ratio,
so a 1280 x 800 window needs a 2560 x 1600 panel at 200 %: on a laptop at
that scale it would run off the screen. `fit_to_screen` keeps the preferred
size where there is room and shrinks it where there is not.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

SHARE = 0.9  # of the available screen, leaving room for the window frame


def fit_to_screen(window: QWidget, width: int, height: int) -> QSize:
    """``width`` x ``height`` (logical pixels), made smaller where the screen is smaller."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return QSize(width, height)
    room = screen.availableGeometry().size()
    return QSize(min(width, int(room.width() * SHARE)), min(height, int(room.height() * SHARE)))
