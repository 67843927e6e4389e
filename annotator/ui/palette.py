"""Label colours that stay distinguishable for colour-blind readers, in light and dark palettes.

Mention backgrounds use the schema colour of the actor's type (Okabe-Ito in
the default schema) blended toward the window background; claims are
underlined in their stance colour; cues are drawn bold in the link colour of
the palette. Suggestions, which are not labels yet, get a dashed blue line
(a suggested claim also a faint blue fill) and the suggestion chosen with Tab
a stronger blue highlight.

Every colour is checked against WCAG 2.x contrast ratios for the palette in
use, whatever colours a project's schema names: text on a label background
keeps at least 4.5:1 (the tint is made fainter where needed), and underlines,
cue text and highlights are darkened or lightened (same hue) until they reach
their ratio. So a dark system theme, a light one, or an odd schema colour all
stay readable.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from annotator.core.schema import LabelSchema

NEUTRAL = "#999999"
TEXT_CONTRAST = 4.5  # WCAG 1.4.3: text against its background
MARK_CONTRAST = 3.0  # WCAG 1.4.11: underlines and highlights against what is next to them
MAX_DEPTH = 5  # claims nested deeper than this are drawn like this depth
SHADES = ((0, 1.0), (-12, 0.55), (12, 1.8))
"""Hue turn (degrees) and tint strength that tell apart actors of one type (China and
North Korea are both states): the actors of a type named in an article take them in
turn. Three stay apart in light and dark palettes within the contrast rules; a fourth
actor of the type shares the first one's shade (the hover text names each)."""
SEARCH = "#F0E442"  # Okabe-Ito yellow: search hits, never a label colour in the text
SUGGESTION = "#0072B2"
"""Okabe-Ito blue: the dashed line and faint fill of suggestions (claims are orange, stances
green, vermillion and grey), and the highlight of the suggestion chosen with Tab."""


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


def over(color: QColor, below: QColor) -> QColor:
    """The opaque colour seen where ``color`` (with its alpha) is painted on ``below``."""
    return blend(color, below, color.alphaF())


def luminance(color: QColor) -> float:
    """WCAG 2.x relative luminance of an opaque colour (0 black to 1 white)."""

    def linear(value: int) -> float:
        channel = value / 255
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(color.red())
        + 0.7152 * linear(color.green())
        + 0.0722 * linear(color.blue())
    )


def contrast(first: QColor, second: QColor) -> float:
    """WCAG 2.x contrast ratio of two opaque colours, from 1 (same) to 21 (black on white)."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(color: QColor, background: QColor, minimum: float) -> QColor:
    """``color`` darkened or lightened (keeping its hue) until it has ``minimum`` contrast.

    It moves toward black on light backgrounds and toward white on dark ones;
    a colour that already has the contrast is returned unchanged.
    """
    if contrast(color, background) >= minimum:
        return QColor(color)
    black, white = QColor("#000000"), QColor("#ffffff")
    target = black if contrast(black, background) >= contrast(white, background) else white
    for step in range(1, 21):
        moved = blend(target, color, step / 20)
        if contrast(moved, background) >= minimum:
            return moved
    return target


def tint(color: QColor, base: QColor, amount: float, text: QColor) -> QColor:
    """``color`` blended into ``base`` by at most ``amount``, keeping text readable on it.

    The amount is lowered in small steps until ``text`` has `TEXT_CONTRAST`
    on the result (the base itself, amount 0, is assumed to have it).
    """
    steps = round(amount * 100)
    for step in range(steps, 0, -1):
        candidate = blend(color, base, step / 100)
        if contrast(text, candidate) >= TEXT_CONTRAST:
            return candidate
    return QColor(base)


class LabelPalette:
    """Colours for drawing labels, from the schema and the current Qt palette."""

    def __init__(self, schema: LabelSchema, palette: QPalette | None = None) -> None:
        palette = palette or QApplication.palette()
        self.base = palette.color(QPalette.ColorRole.Base)
        self.text = palette.color(QPalette.ColorRole.Text)
        self.link = palette.color(QPalette.ColorRole.Link)
        self.highlight = palette.color(QPalette.ColorRole.Highlight)
        self.dark = is_dark(palette)
        self._actor_types = {v.id: v.color or NEUTRAL for v in schema.field("actor_type").values}
        self._stances = {v.id: v.color or NEUTRAL for v in schema.field("stance").values}

    def mention_background(self, actor_type: str | None, shade: int = 0) -> QColor:
        """Background of a mention of an actor of ``actor_type``, in one of its `SHADES`."""
        color = QColor(self._actor_types.get(actor_type or "", NEUTRAL))
        if self.dark and luminance(color) < luminance(self.base) + 0.02:
            color = QColor(self.text)  # black on a dark base would not show: a grey tint
        turn, strength = SHADES[shade % len(SHADES)]
        hue, saturation, value, _ = color.getHsv()
        if hue >= 0 and saturation > 40:  # a chromatic colour: turn its hue a little
            color = QColor.fromHsv((hue + turn) % 360, saturation, value)
        elif turn:  # grey or black: a warm or a cool grey
            color = QColor.fromHsv(30 if turn > 0 else 210, 90, value if value > 60 else 160)
        amount = min(0.6, (0.45 if self.dark else 0.30) * strength)
        return tint(color, self.base, amount, self.text)

    def claim_background(self, depth: int) -> QColor:
        """Background of text inside ``depth`` claims: deeper nesting is stronger."""
        depth = min(depth, MAX_DEPTH)
        amount = min(0.6, 0.16 * depth + (0.06 if self.dark else 0))
        return tint(QColor("#E69F00"), self.base, amount, self.text)

    def claim_focus(self) -> QColor:
        """Background of the words of the current claim and of the claim under the pointer.

        The selection colour faintly, in place of the claim's fill: all segments
        of a claim in focus show it, the gaps between them do not.
        """
        return tint(self.highlight, self.base, 0.42 if self.dark else 0.26, self.text)

    def backgrounds(self) -> list[QColor]:
        """Every background text can have in the article: the base and each label fill."""
        fills = [self.base, self.mention_background(None)]
        fills += [
            self.mention_background(t, shade)
            for t in self._actor_types
            for shade in range(len(SHADES))
        ]
        fills += [self.claim_background(depth) for depth in range(1, MAX_DEPTH + 1)]
        fills.append(self.suggestion_background())
        fills.append(self.claim_focus())
        return fills

    def suggestion_background(self) -> QColor:
        """The faint fill of a suggested claim (where no label fills the text)."""
        return tint(QColor(SUGGESTION), self.base, 0.16 if self.dark else 0.09, self.text)

    def suggestion_line(self, background: QColor | None = None) -> QColor:
        """The dashed underline of a suggestion, visible on ``background`` (default: the base)."""
        color = QColor("#56B4E9" if self.dark else SUGGESTION)  # sky blue shows on dark bases
        return readable(color, background or self.base, MARK_CONTRAST)

    def suggestion_current(self) -> QColor:
        """Highlight of the suggestion chosen with Tab (painted over the labels, text readable)."""
        return self.overlay(SUGGESTION, 110)

    def suggestion_chosen(self) -> QColor:
        """The fill of the suggestion chosen with Tab: `suggestion_current` on the base, opaque."""
        return over(self.suggestion_current(), self.base)

    def stance_color(self, stance: str | None, background: QColor | None = None) -> QColor:
        """Underline colour of a claim with this stance, visible on ``background``.

        Without a background, the colour is checked against the base.
        """
        color = QColor(self._stances.get(stance or "", NEUTRAL))
        return readable(color, background or self.base, MARK_CONTRAST)

    def cue_text(self, background: QColor | None = None) -> QColor:
        """Text colour of an attribution cue (the link colour), readable on ``background``."""
        return readable(self.link, background or self.base, TEXT_CONTRAST)

    def flash(self) -> tuple[QColor, QColor]:
        """Background and text colour of a span flashed to show where it is.

        The background is the selection colour of the palette, moved until it
        stands out from the base (3:1) and the text on it reads (4.5:1); the
        text is the text or the base colour, whichever reads better on it.
        """
        background = readable(self.highlight, self.base, MARK_CONTRAST)
        text = max((self.text, self.base), key=lambda c: contrast(c, background))
        away = QColor("#ffffff" if luminance(text) < luminance(background) else "#000000")
        for step in range(21):
            moved = blend(away, background, step / 20)
            if contrast(text, moved) >= TEXT_CONTRAST:
                return moved, QColor(text)
        return away, QColor(text)

    def overlay(self, color: QColor | str, alpha: int) -> QColor:
        """``color`` at about ``alpha`` (0-255) for highlighting text over its labels.

        Qt paints a highlight (an extra selection) in place of the label fill
        under it, on the base, and the text must stay readable (4.5:1) on the
        result. The alpha is lowered for that, to half at most; beyond, the
        colour is also darkened (light text) or lightened (dark text), keeping
        its hue, until it fits.
        """
        fills = [self.base]
        away = QColor("#000000" if luminance(self.text) > luminance(self.base) else "#ffffff")
        for step in range(11):
            found = blend(away, QColor(color), step / 10)
            for value in range(alpha, alpha // 2 - 1, -5):
                found.setAlpha(value)
                if all(contrast(self.text, over(found, fill)) >= TEXT_CONTRAST for fill in fills):
                    return found
        return QColor(0, 0, 0, 0)

    def search(self) -> QColor:
        """Highlight of search hits in the text."""
        return self.overlay(SEARCH, 150)
