"""WCAG 2.x contrast of the labels drawn in the article, in light and dark palettes.

The ratios are computed here with an independent implementation of the WCAG
formula, on the colours the app actually uses: the palette is set on the real
article view (as a system theme switch does), the workspace builds the label
colours for it, and the formats drawn in the text are read back.
"""

from __future__ import annotations

from itertools import combinations, product

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QPalette, QTextCharFormat
from PySide6.QtWidgets import QApplication

from annotator.core.spans import Span
from annotator.ui.palette import SHADES, LabelPalette
from annotator.ui.window.main_window import MainWindow

TEXT = 4.5  # WCAG 1.4.3, normal text
NON_TEXT = 3.0  # WCAG 1.4.11, underlines and highlights


def luminance(color: QColor) -> float:
    """Relative luminance (WCAG 2.x), written out here to check the app's colours."""
    total = 0.0
    for weight, value in ((0.2126, color.red()), (0.7152, color.green()), (0.0722, color.blue())):
        srgb = value / 255
        total += weight * (srgb / 12.92 if srgb <= 0.04045 else ((srgb + 0.055) / 1.055) ** 2.4)
    return total


def ratio(first: QColor, second: QColor) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def painted(top: QColor, below: QColor) -> QColor:
    """Source-over: what the screen shows where ``top`` (with alpha) is painted on ``below``."""
    alpha = top.alphaF()
    return QColor(
        *(
            round(t * alpha + b * (1 - alpha))
            for t, b in zip(top.getRgb()[:3], below.getRgb()[:3], strict=True)
        )
    )


# Base, Text, Link, Highlight of palettes annotators meet: Qt's own Fusion
# (light, and dark as Qt 6 builds it from a dark system scheme), KDE Breeze
# light and dark, the common "dark Fusion" recipe, and a dark theme that keeps
# the light theme's pure blue link colour (the hardest case for cue words).
PALETTES = {
    "fusion-light": ("#ffffff", "#000000", "#0000ff", "#308cc6"),
    "breeze-light": ("#ffffff", "#232629", "#2980b9", "#3daee9"),
    "fusion-dark": ("#232323", "#f0f0f0", "#308cc6", "#308cc6"),
    "breeze-dark": ("#141618", "#fcfcfc", "#1d99f3", "#3daee9"),
    "dark-recipe": ("#191919", "#ffffff", "#2a82da", "#2a82da"),
    "dark-blue-link": ("#1e1e1e", "#eeeeee", "#0000ff", "#308cc6"),
}


def palette(name: str) -> QPalette:
    """A full palette as a system theme would hand it to the app."""
    base, text, link, highlight = (QColor(c) for c in PALETTES[name])
    built = QPalette(QApplication.palette())
    roles = QPalette.ColorRole
    for role, color in (
        (roles.Base, base),
        (roles.Window, base.lighter(115) if base.lightness() < 128 else QColor("#efefef")),
        (roles.Text, text),
        (roles.WindowText, text),
        (roles.Link, link),
        (roles.Highlight, highlight),
    ):
        built.setColor(role, color)
    return built


@pytest.fixture(params=sorted(PALETTES))
def themed(request: pytest.FixtureRequest, sample_window: MainWindow) -> tuple[str, MainWindow]:
    """The sample window with its article view switched to one palette."""
    sample_window.workspace.view.setPalette(palette(request.param))
    return request.param, sample_window


def test_the_formula_gives_published_ratios() -> None:
    assert ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert ratio(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert ratio(QColor("#0000ff"), QColor("#ffffff")) == pytest.approx(8.59, abs=0.01)
    assert ratio(QColor("#ffffff"), QColor("#ffffff")) == 1.0


def test_the_workspace_follows_light_and_dark(themed: tuple[str, MainWindow]) -> None:
    name, window = themed
    colors = window.workspace.view.layer.colors
    assert colors.dark == ("dark" in name)
    assert colors.base == QColor(PALETTES[name][0])


def test_text_reads_on_every_label_background(themed: tuple[str, MainWindow]) -> None:
    _, window = themed
    colors: LabelPalette = window.workspace.view.layer.colors
    schema = window.project.schema
    fills = {
        f"mention {v.id} shade {shade}": colors.mention_background(v.id, shade)
        for v in schema.field("actor_type").values
        for shade in range(len(SHADES))
    }
    fills |= {f"claim depth {d}": colors.claim_background(d) for d in range(1, 8)}
    fills["base"] = colors.base
    fills["claim in focus"] = colors.claim_focus()
    weak = {
        k: round(ratio(colors.text, c), 2) for k, c in fills.items() if ratio(colors.text, c) < TEXT
    }
    assert weak == {}
    cues = {k: round(ratio(colors.cue_text(c), c), 2) for k, c in fills.items()}
    assert min(cues.values()) >= TEXT, cues


def test_the_claim_in_focus_stands_out_from_the_claims_around_it(
    themed: tuple[str, MainWindow],
) -> None:
    """The current claim's (and the hovered one's) segments are told from other claims'."""
    _, window = themed
    colors: LabelPalette = window.workspace.view.layer.colors
    focus = colors.claim_focus()
    for other in (colors.base, colors.claim_background(1), colors.claim_background(2)):
        distance = sum((a - b) ** 2 for a, b in zip(focus.getRgb(), other.getRgb(), strict=True))
        assert distance**0.5 >= 25, other.name()
    for stance in ("support", "oppose", "neutral"):  # its underline shows on it
        assert ratio(colors.stance_color(stance, focus), focus) >= 3, stance


def test_labels_are_still_visible_and_keep_their_hue(themed: tuple[str, MainWindow]) -> None:
    """Faint enough for the text, but a tint still, in the schema colour's hue."""
    _, window = themed
    colors = window.workspace.view.layer.colors
    for value, shade in product(
        window.project.schema.field("actor_type").values, range(len(SHADES))
    ):
        fill = colors.mention_background(value.id, shade)
        distance = sum(
            (a - b) ** 2 for a, b in zip(fill.getRgb(), colors.base.getRgb(), strict=True)
        )
        assert distance**0.5 >= 25, value.id  # not blended away to nothing
        schema_color = QColor(value.color)
        if schema_color.hsvSaturation() > 100:  # a chromatic colour, not grey or black
            hue_shift = abs(fill.hsvHue() - schema_color.hsvHue())
            turn = abs(SHADES[shade][0])  # a shade turns the hue a little on purpose
            assert min(hue_shift, 360 - hue_shift) <= 20 + turn, (value.id, shade)


def test_actors_of_one_type_are_told_apart(themed: tuple[str, MainWindow]) -> None:
    """Two states in one article get tints a reader can tell apart, text readable on both."""
    _, window = themed
    colors = window.workspace.view.layer.colors
    for value in window.project.schema.field("actor_type").values:
        tints = [colors.mention_background(value.id, shade) for shade in range(len(SHADES))]
        for first, second in combinations(tints, 2):
            distance = sum(
                (a - b) ** 2 for a, b in zip(first.getRgb(), second.getRgb(), strict=True)
            )
            assert distance**0.5 >= 10, value.id  # side by side, and the hover text names each


def test_stance_underlines_stand_out_from_what_they_are_drawn_on(
    themed: tuple[str, MainWindow],
) -> None:
    _, window = themed
    colors = window.workspace.view.layer.colors
    schema = window.project.schema
    fills = [colors.base, *(colors.claim_background(d) for d in range(1, 6))]
    fills += [
        colors.mention_background(v.id, shade)
        for v in schema.field("actor_type").values
        for shade in range(len(SHADES))
    ]
    stances = [v for v in schema.field("stance").values]
    for value in stances:
        worst = min(ratio(colors.stance_color(value.id, fill), fill) for fill in fills)
        assert worst >= NON_TEXT, value.id
    # support and oppose stay told apart by hue on the claim fill
    fill = colors.claim_background(1)
    hues = {v.id: colors.stance_color(v.id, fill).hsvHue() for v in stances if v.id != "neutral"}
    assert abs(hues["support"] - hues["oppose"]) > 60


def test_flash_and_highlights_stand_out_and_keep_text_readable(
    themed: tuple[str, MainWindow],
) -> None:
    name, window = themed
    colors = window.workspace.view.layer.colors
    background, text = colors.flash()
    assert ratio(background, colors.base) >= NON_TEXT
    assert ratio(text, background) >= TEXT
    # search hits, linked claims (compare), differences (adjudication): painted on the base
    for overlay in (colors.search(), colors.overlay("#56B4E9", 110), colors.overlay("#CC79A7", 90)):
        assert overlay.alpha() >= 45  # still shown
        assert ratio(colors.text, painted(overlay, colors.base)) >= TEXT, (name, overlay.name())
    if name.startswith("fusion"):  # Qt's own selection colour (system themes bring theirs)
        selection = window.workspace.view.palette().color(QPalette.ColorRole.Highlight)
        assert ratio(selection, colors.base) >= NON_TEXT


def drawn_formats(window: MainWindow) -> list[QTextCharFormat]:
    """The label formats in every block of the article, scrolling it through the view."""
    view = window.workspace.view
    bar = view.verticalScrollBar()
    for value in range(bar.minimum(), bar.maximum() + bar.pageStep(), max(1, bar.pageStep())):
        bar.setValue(value)  # the layer formats blocks as they come into view
    formats = []
    block = view.document().begin()
    while block.isValid():
        formats += [QTextCharFormat(r.format) for r in block.layout().formats()]
        block = block.next()
    return formats


def test_every_label_drawn_in_the_sample_article_reads(themed: tuple[str, MainWindow]) -> None:
    name, window = themed
    view = window.workspace.view
    base = QColor(PALETTES[name][0])
    text = QColor(PALETTES[name][1])
    formats = drawn_formats(window)
    underlined = [f for f in formats if f.fontUnderline()]
    coloured_text = [f for f in formats if f.hasProperty(QTextCharFormat.Property.ForegroundBrush)]
    assert len(formats) >= 5 and underlined and coloured_text  # mentions, claims and cues
    for fmt in formats:
        filled = fmt.hasProperty(QTextCharFormat.Property.BackgroundBrush)
        background = fmt.background().color() if filled else base
        foreground = fmt.foreground().color() if fmt in coloured_text else text
        assert ratio(foreground, background) >= TEXT, (foreground.name(), background.name())
        if fmt.fontUnderline():
            assert ratio(fmt.underlineColor(), background) >= NON_TEXT
    assert view.layer.colors.base == base


def test_a_search_hit_is_painted_as_computed(qtbot, sample_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """A highlight replaces the label fill under it: its alpha is blended on the base."""
    view = sample_window.workspace.view
    view.setPalette(palette("fusion-dark"))
    mention = next(m for m in view.layer.marks() if m.kind == "mention")
    word = view.text[mention.start : mention.end].split()[0]
    view.set_search(word)
    hit = next(h for h in view.search_hits() if h.start == mention.start)
    colors = view.layer.colors
    view.reveal(Span(hit.start, hit.start))
    qtbot.wait(10)
    cursor = view.textCursor()
    cursor.setPosition(view.offsets.to_qt(hit.start))
    top_left = view.cursorRect(cursor).topLeft()
    image = view.viewport().grab().toImage()
    pixel = image.pixelColor(QPoint(top_left.x() + 2, top_left.y()) * image.devicePixelRatio())
    expected = painted(colors.search(), colors.base)
    assert colors.mention_background(mention.style) != colors.base
    assert (
        max(abs(a - b) for a, b in zip(pixel.getRgb()[:3], expected.getRgb()[:3], strict=True)) <= 3
    )


def test_progress_bars_stand_out_from_the_chart(qtbot, sample_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCharts import QChartView, QHorizontalStackedBarSeries

    from annotator.ui.lead.dashboard import Dashboard

    dashboard = Dashboard(sample_window.project, sample_window)
    qtbot.addWidget(dashboard)
    charts = [view.chart() for view in dashboard.findChildren(QChartView)]
    checked = 0
    for chart in charts:
        background = chart.backgroundBrush().color()
        for series in chart.series():
            if isinstance(series, QHorizontalStackedBarSeries):
                for bars in series.barSets():
                    assert ratio(bars.color(), background) >= 3.0, bars.label()
                    checked += 1
    assert checked == 3  # done, in progress, to do


def test_suggestions_stand_out_and_keep_the_text_readable(themed: tuple[str, MainWindow]) -> None:
    """The dashed line shows on every fill, the faint fill and the Tab highlight keep the text."""
    name, window = themed
    colors = window.workspace.view.layer.colors
    schema = window.project.schema
    fill = colors.suggestion_background()
    assert fill != colors.base  # still a tint
    assert ratio(colors.text, fill) >= TEXT
    fills = [colors.base, fill, *(colors.claim_background(d) for d in range(1, 6))]
    fills += [
        colors.mention_background(v.id, shade)
        for v in schema.field("actor_type").values
        for shade in range(len(SHADES))
    ]
    worst = min(ratio(colors.suggestion_line(f), f) for f in fills)
    assert worst >= NON_TEXT, name
    current = colors.suggestion_current()
    assert current.alpha() >= 45
    assert ratio(colors.text, painted(current, colors.base)) >= TEXT


def test_every_suggestion_drawn_in_an_article_reads(qtbot, project) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.marking import active_window
    from tests.ui.suggesting import suggested_project

    suggested_project(project)
    window = active_window(qtbot, project)
    for name in sorted(PALETTES):
        window.workspace.view.setPalette(palette(name))
        base, text = QColor(PALETTES[name][0]), QColor(PALETTES[name][1])
        dashed = [
            f
            for f in drawn_formats(window)
            if f.underlineStyle() == QTextCharFormat.UnderlineStyle.DashUnderline
        ]
        assert len(dashed) >= 3, name  # claims, cues, sources and mentions suggested
        for fmt in dashed:
            filled = fmt.hasProperty(QTextCharFormat.Property.BackgroundBrush)
            background = fmt.background().color() if filled else base
            assert ratio(text, background) >= TEXT, (name, background.name())
            assert ratio(fmt.underlineColor(), background) >= NON_TEXT, (name, background.name())
