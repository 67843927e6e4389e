"""Charts of a dataset card as PNG images, drawn with QtGui (QImage and QPainter).

Qt lives here, outside the headless packages: `annotator.dataset.card` takes
`write_charts` as its chart writer, and the CLI's ``dataset build`` and the
app pass it. Offscreen rendering works without a display (a QApplication
on the ``offscreen`` platform is made when none exists).

- ``charts/labels-<field>.png``: for every counted field some label fills, grouped bars of the
  share of each value (and "not chosen") in train, dev and test;
- ``charts/agreement.png``: Krippendorff's alpha per field.

Each image has a fixed size for its content, a fixed pixel font size and the
Okabe-Ito colours (distinguishable with the common colour-vision deficiencies),
and nothing from time or place: the same report gives the same bytes with the
same Qt and fonts. No font is bundled; the family asked for is "DejaVu Sans",
else Qt's default sans serif, so another machine's fonts can change the pixels.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QGuiApplication, QImage, QPainter, QPen

from annotator.core.schema import LabelSchema
from annotator.dataset.card import FIELD_OF, chart_path
from annotator.dataset.options import SPLITS
from annotator.dataset.report import DatasetReport

SPLIT_COLOURS = {"train": "#0072B2", "dev": "#E69F00", "test": "#009E73"}
"""Okabe-Ito blue, orange and bluish green."""
ALPHA_COLOUR = "#0072B2"
NEGATIVE_COLOUR = "#D55E00"
TEXT = "#222222"
GRID = "#DDDDDD"
FONT_FAMILY = "DejaVu Sans"
HEIGHT = 420
BAR = 30
"""Width of one bar, in pixels."""

_app: QGuiApplication | None = None


def _ensure_app() -> None:
    """An application for fonts: the running one, else one on the offscreen platform.

    A QApplication (not a bare QGuiApplication), so widgets made later in the
    same process (the app, tests) find the kind of application they need.
    """
    global _app
    if QGuiApplication.instance() is not None:
        return
    from PySide6.QtWidgets import QApplication

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QApplication(["annotator-charts"])


def _font(pixels: int, bold: bool = False) -> QFont:
    font = QFont(FONT_FAMILY)
    font.setPixelSize(pixels)
    font.setBold(bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    return font


def _image(width: int, height: int) -> tuple[QImage, QPainter]:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(3780)  # 96 dpi, whatever the screen says
    image.setDotsPerMeterY(3780)
    image.fill(QColor("#FFFFFF"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    return image, painter


def _save(image: QImage, painter: QPainter, folder: Path, relative: str) -> str:
    painter.end()
    target = folder / relative  # .png: Qt picks the format by the suffix
    target.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(target)):
        raise OSError(f"could not write the chart {target}")
    return relative


def _text(painter: QPainter, rect: QRectF, flags: Qt.AlignmentFlag, text: str) -> None:
    painter.drawText(rect, int(flags), text)


def _axis(
    painter: QPainter, left: float, top: float, right: float, bottom: float,
    low: float, high: float, step: float, label: str,
) -> None:  # fmt: skip
    """Horizontal grid lines with their values from ``low`` to ``high``; the y axis label."""
    painter.setFont(_font(12))
    value = low
    while value <= high + 1e-9:
        y = bottom - (value - low) / (high - low) * (bottom - top)
        painter.setPen(QPen(QColor(GRID if abs(value) > 1e-9 else TEXT), 1))
        painter.drawLine(int(left), round(y), int(right), round(y))
        painter.setPen(QColor(TEXT))
        shown = f"{value:.0%}" if label.endswith("%") else f"{value:.1f}"
        _text(painter, QRectF(0, y - 9, left - 6, 18), Qt.AlignmentFlag.AlignRight
              | Qt.AlignmentFlag.AlignVCenter, shown)  # fmt: skip
        value = round(value + step, 6)
    painter.save()
    painter.translate(14, (top + bottom) / 2)
    painter.rotate(-90)
    _text(painter, QRectF(-150, -10, 300, 20), Qt.AlignmentFlag.AlignCenter, label)
    painter.restore()


def label_chart(folder: Path, report: DatasetReport, schema: LabelSchema, field: str) -> str:
    """``charts/labels-<field>.png``: each value's share of claims (mentions) per split."""
    unit = FIELD_OF.get(field, "claims")
    values = list(report.splits[SPLITS[0]]["fields"][field]["values"])
    names = {v.id: v.name for v in schema.field(field).values} if field in schema.fields else {}
    groups: list[tuple[str, list[tuple[int, int]]]] = []
    for value in [*values, None]:
        row = []
        for split in SPLITS:
            counts = report.splits[split]["fields"][field]
            n = counts["not_chosen"] if value is None else counts["values"][value]
            row.append((n, report.splits[split][unit]))
        groups.append((names.get(value, value) if value else "(not chosen)", row))
    group_width = BAR * len(SPLITS) + 34
    left, right_pad, top, bottom_pad = 64, 24, 78, 74
    width = left + group_width * len(groups) + right_pad
    image, painter = _image(max(width, 560), HEIGHT)
    bottom = HEIGHT - bottom_pad
    right = left + group_width * len(groups)
    painter.setPen(QColor(TEXT))
    painter.setFont(_font(16, bold=True))
    label = schema.fields[field].label if field in schema.fields else field
    _text(painter, QRectF(left, 8, right - left, 24), Qt.AlignmentFlag.AlignLeft,
          f"{label} ({field}): share of each split's {unit}")  # fmt: skip
    x = float(left)
    painter.setFont(_font(13))
    for split in SPLITS:  # legend
        total = report.splits[split][unit]
        painter.fillRect(QRectF(x, 42, 14, 14), QColor(SPLIT_COLOURS[split]))
        painter.setPen(QColor(TEXT))
        caption = f"{split} ({total} {unit})"
        _text(painter, QRectF(x + 20, 40, 220, 18), Qt.AlignmentFlag.AlignLeft, caption)
        x += 28 + QFontMetricsF(_font(13)).horizontalAdvance(caption)
    high = max([n / t for _, row in groups for n, t in row if t] + [0.0])
    high = min(1.0, max(0.1, (int(high * 10) + 1) / 10))
    _axis(painter, left, top, right, bottom, 0.0, high, 0.1 if high <= 0.5 else 0.2,
          f"share of {unit} %")  # fmt: skip
    for g, (name, row) in enumerate(groups):
        x0 = left + g * group_width + 17
        for s, (n, total) in enumerate(row):
            share = n / total if total else 0.0
            h = share / high * (bottom - top)
            bar = QRectF(x0 + s * BAR, bottom - h, BAR - 2, h)
            painter.fillRect(bar, QColor(SPLIT_COLOURS[SPLITS[s]]))
            painter.setPen(QColor(TEXT))
            painter.setFont(_font(11))
            if total:
                _text(painter, QRectF(x0 + s * BAR - 8, bottom - h - 15, BAR + 14, 14),
                      Qt.AlignmentFlag.AlignCenter, f"{share:.0%}")  # fmt: skip
        painter.setFont(_font(12))
        painter.setPen(QColor(TEXT))
        _text(painter, QRectF(x0 - 16, bottom + 6, group_width, 64),
              Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
              | Qt.TextFlag.TextWordWrap, name)  # fmt: skip
    return _save(image, painter, folder, chart_path(f"labels-{field}"))


def agreement_chart(folder: Path, report: DatasetReport) -> str | None:
    """``charts/agreement.png``: Krippendorff's alpha per field; None without agreement."""
    agreement = report.agreement
    if not agreement.get("articles"):
        return None
    fields = list(agreement["fields"].items())
    left, top, bottom_pad, slot = 64, 62, 70, 110
    width = max(560, left + slot * len(fields) + 24)
    image, painter = _image(width, HEIGHT)
    bottom = HEIGHT - bottom_pad
    right = left + slot * len(fields)
    alphas = [v["alpha"] for _, v in fields if v["alpha"] is not None]
    low = min(0.0, min(alphas, default=0.0))
    low = -((int(-low * 5) + 1) / 5) if low < 0 else 0.0
    painter.setPen(QColor(TEXT))
    painter.setFont(_font(16, bold=True))
    _text(painter, QRectF(left, 8, right - left + 20, 24), Qt.AlignmentFlag.AlignLeft,
          "Krippendorff's alpha per field")  # fmt: skip
    painter.setFont(_font(13))
    _text(painter, QRectF(left, 32, right - left + 20, 20), Qt.AlignmentFlag.AlignLeft,
          f"{agreement['articles']} articles labelled by two or more annotators;"
          " 1 = full agreement, 0 = chance")  # fmt: skip
    _axis(painter, left, top, right, bottom, low, 1.0, 0.2, "alpha")
    zero = bottom - (0 - low) / (1 - low) * (bottom - top)
    for i, (name, values) in enumerate(fields):
        x0 = left + i * slot + (slot - 48) / 2
        alpha = values["alpha"]
        painter.setPen(QColor(TEXT))
        painter.setFont(_font(12))
        if alpha is None:
            _text(painter, QRectF(x0 - 20, zero - 20, 88, 16), Qt.AlignmentFlag.AlignCenter,
                  "no units")  # fmt: skip
        else:
            y = bottom - (alpha - low) / (1 - low) * (bottom - top)
            bar = QRectF(x0, min(y, zero), 48, abs(zero - y))
            painter.fillRect(bar, QColor(ALPHA_COLOUR if alpha >= 0 else NEGATIVE_COLOUR))
            painter.setPen(QColor(TEXT))
            label_y = (min(y, zero) - 17) if alpha >= 0 else (max(y, zero) + 2)
            _text(painter, QRectF(x0 - 20, label_y, 88, 16), Qt.AlignmentFlag.AlignCenter,
                  f"{alpha:.3f}")  # fmt: skip
        _text(painter, QRectF(left + i * slot, bottom + 6, slot, 40),
              Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
              | Qt.TextFlag.TextWordWrap, name.replace("_", " "))  # fmt: skip
        painter.setFont(_font(10))
        _text(painter, QRectF(left + i * slot, bottom + 42, slot, 16),
              Qt.AlignmentFlag.AlignHCenter, f"{values['n_units']} units")  # fmt: skip
    return _save(image, painter, folder, chart_path("agreement"))


def write_charts(folder: Path, report: DatasetReport, schema: LabelSchema) -> list[str]:
    """Draw the card's charts into ``folder``; their relative paths (`ChartWriter`).

    One distribution chart per field some label fills, and the agreement chart
    when two or more annotators labelled an included article.
    """
    _ensure_app()
    written = [
        label_chart(folder, report, schema, field)
        for field in report.splits[SPLITS[0]]["fields"]
        if any(any(report.splits[s]["fields"][field]["values"].values()) for s in SPLITS)
    ]  # a field no label fills gets no chart: the card's known limits name it
    found = agreement_chart(folder, report)
    if found is not None:
        written.append(found)
    return written
