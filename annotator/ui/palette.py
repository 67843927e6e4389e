"""Label colours that stay distinguishable for colour-blind readers, in light and dark palettes.

Mention backgrounds use the schema colour of the actor's type (Okabe-Ito in
the default schema) blended toward the window background, so text keeps its
contrast; claims are underlined in their stance colour; cues are drawn bold
in the link colour of the palette.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from annotator.core.schema import LabelSchema

NEUTRAL = "#999999"


def is_dark(palette: QPalette | None = None) -> bool:
    """True when the window background is dark (a dark system theme)."""
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def blend(color: QColor, base: QColor, amount: float) -> QColor:
    """``color`` mixed into ``base``: 0 gives base, 1 gives color."""
    return QColor(
        round(base.red() + (color.red() - base.red()) * amount),
        round(base.green() + (color.green() - base.green()) * amount),
        round(base.blue() + (color.blue() - base.blue()) * amount),
    )


class LabelPalette:
    """Colours for drawing labels, from the schema and the current Qt palette."""

    def __init__(self, schema: LabelSchema, palette: QPalette | None = None) -> None:
        palette = palette or QApplication.palette()
        self.base = palette.color(QPalette.ColorRole.Base)
        self.text = palette.color(QPalette.ColorRole.Text)
        self.link = palette.color(QPalette.ColorRole.Link)
        self.dark = is_dark(palette)
        self._actor_types = {v.id: v.color or NEUTRAL for v in schema.field("actor_type").values}
        self._stances = {v.id: v.color or NEUTRAL for v in schema.field("stance").values}
        self.claim_fill = blend(QColor("#E69F00"), self.base, 0.22 if self.dark else 0.16)

    def mention_background(self, actor_type: str | None) -> QColor:
        """Background of a mention of an actor of ``actor_type``."""
        color = QColor(self._actor_types.get(actor_type or "", NEUTRAL))
        return blend(color, self.base, 0.45 if self.dark else 0.30)

    def claim_background(self, depth: int) -> QColor:
        """Background of text inside ``depth`` claims: deeper nesting is stronger."""
        return blend(
            QColor("#E69F00"), self.base, min(0.6, 0.16 * depth + (0.06 if self.dark else 0))
        )

    def stance_color(self, stance: str | None) -> QColor:
        """Underline colour of a claim with this stance."""
        return QColor(self._stances.get(stance or "", NEUTRAL))
