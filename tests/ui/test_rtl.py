"""Right-to-left articles: each paragraph read in its own direction, offsets still exact."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from annotator.core.model import Article
from annotator.core.spans import Span
from annotator.io.importer import import_files
from annotator.store.project import Project
from annotator.ui.text.article_view import ArticleView
from annotator.ui.text.label_layer import Mark
from annotator.ui.window.main_window import MainWindow

ARABIC = "🌊 قالت الحكومة إن الميناء سيفتح الأسبوع المقبل."  # a neutral emoji, then Arabic
ENGLISH = "Officials in Velgrad said the port would reopen next week."
HEBREW = "הממשלה אמרה כי הנמל ייפתח."
MIXED = "Reuters quoted the ministry: قالت الحكومة"  # first strong letter Latin: LTR
TEXT = "\n\n".join([ARABIC, ENGLISH, HEBREW, MIXED])
WORD = "الميناء"  # "the port"
TITLE = "الحكومة تعيد فتح الميناء"


@pytest.fixture
def rtl_window(qtbot, project: Project) -> MainWindow:  # type: ignore[no-untyped-def]
    """A shown main window on one article with Arabic, English and Hebrew paragraphs."""
    article = Article(id="ar1", text=TEXT, title=TITLE, source="Test", story="port")
    project.add_articles([article])
    window = MainWindow(project, "ana")
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    qtbot.waitExposed(window)
    window.workspace.open_article("ar1")
    return window


def paragraph(view: ArticleView, text: str):  # type: ignore[no-untyped-def]
    """The block holding a paragraph of TEXT."""
    return view.document().findBlock(view.offsets.to_qt(TEXT.index(text)))


def point_of(view: ArticleView, offset: int) -> QPoint:
    """Where the character at a stored offset is drawn, in viewport coordinates."""
    position = view.offsets.to_qt(offset)
    block = view.document().findBlock(position)
    line = block.layout().lineForTextPosition(position - block.position())
    inside = position - block.position()
    middle = (line.cursorToX(inside)[0] + line.cursorToX(inside + 1)[0]) / 2
    top = view.blockBoundingGeometry(block).translated(view.contentOffset()).topLeft()
    return (top + QPointF(middle, line.y() + line.height() / 2)).toPoint()


def ink_columns(view: ArticleView, text: str) -> tuple[int, int]:
    """Leftmost and rightmost pixel columns drawn in a one-line paragraph."""
    block = paragraph(view, text)
    rect = view.blockBoundingGeometry(block).translated(view.contentOffset()).toRect()
    image = view.viewport().grab().toImage()
    scale = image.devicePixelRatio()
    base = view.palette().base().color()
    columns = [
        x
        for x in range(view.viewport().width())
        for y in range(rect.top() + 2, rect.bottom() - 2, 2)
        if image.pixelColor(round(x * scale), round(y * scale)) != base
    ]
    return min(columns), max(columns)


def test_each_paragraph_follows_its_first_strong_character(rtl_window: MainWindow) -> None:
    view = rtl_window.workspace.view
    margin = view.document().documentMargin()
    right = view.viewport().width() - margin
    for text, direction in (
        (ARABIC, Qt.LayoutDirection.RightToLeft),
        (HEBREW, Qt.LayoutDirection.RightToLeft),
        (ENGLISH, Qt.LayoutDirection.LeftToRight),
        (MIXED, Qt.LayoutDirection.LeftToRight),
    ):
        block = paragraph(view, text)
        assert block.textDirection() == direction, text
        start = block.layout().lineAt(0).cursorToX(0)[0]  # where reading starts
        if direction == Qt.LayoutDirection.RightToLeft:
            assert right - 4 <= start <= right + 1, text
        else:
            assert margin - 1 <= start <= margin + 4, text


def test_rtl_paragraphs_are_drawn_at_the_right_and_not_stretched(rtl_window: MainWindow) -> None:
    view = rtl_window.workspace.view
    width = view.viewport().width()
    left, right = ink_columns(view, HEBREW)
    assert right > width - 30 and left > width / 2  # a short line, flush right
    left, right = ink_columns(view, ENGLISH)
    natural = paragraph(view, ENGLISH).layout().lineAt(0).naturalTextWidth()
    assert left < 30 and right < left + natural + 10  # flush left, not justified to the edge


def test_an_arabic_word_selected_on_screen_has_its_code_point_offsets(
    qtbot, rtl_window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    view = rtl_window.workspace.view
    start = TEXT.index(WORD)
    assert view.offsets.to_qt(start) == start + 1  # the emoji is two UTF-16 units
    where = point_of(view, start + 2)  # a letter inside the word, as drawn
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert view.selected_span() == Span(start, start + len(WORD))

    mark = Mark("mention", "m-port", start, start + len(WORD), "state")
    view.layer.update((), [mark])
    block = paragraph(view, ARABIC)
    inside = view.offsets.to_qt(start) - block.position()
    (drawn,) = block.layout().formats()
    assert (drawn.start, drawn.length) == (inside, len(WORD))
    view.clear_selection()
    with qtbot.waitSignal(view.label_clicked) as clicked:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(view, start + 4))
    assert clicked.args == [mark]


def test_arabic_titles_and_claims_are_not_forced_left_to_right(rtl_window: MainWindow) -> None:
    panel = rtl_window.list_panel
    model = panel.model
    row = model.loaded_ids().index("ar1")
    title = model.index(row, 0)
    assert model.data(title) == TITLE
    alignment = model.data(title, Qt.ItemDataRole.TextAlignmentRole)
    assert alignment is None or not Qt.AlignmentFlag(alignment) & Qt.AlignmentFlag.AlignAbsolute
    forced = [
        type(w).__name__
        for w in rtl_window.findChildren(QWidget)
        if w.testAttribute(Qt.WidgetAttribute.WA_SetLayoutDirection)
        and not isinstance(w.parentWidget(), QComboBox)  # Qt gives popups their combo's
    ]
    assert forced == []


@pytest.fixture
def rtl_app(qapp: QApplication) -> Iterator[QApplication]:
    """The whole application laid out right-to-left, as in an Arabic or Hebrew locale."""
    qapp.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    yield qapp
    qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def test_the_main_window_works_in_a_right_to_left_locale(
    qtbot, rtl_app: QApplication, project: Project, sample_jsonl: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    import_files(project, [sample_jsonl])
    project.add_articles([Article(id="ar1", text=TEXT, title=TITLE, source="Test")])
    window = MainWindow(project, "ana")
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    qtbot.waitExposed(window)
    assert window.isRightToLeft()
    # the list comes first in reading order: on the right
    assert window.list_panel.mapTo(window, QPoint(0, 0)).x() > window.width() / 2
    picture = window.grab()
    assert not picture.isNull() and picture.width() >= 1100
    picture.save(str(tmp_path / "rtl-window.png"))

    window.workspace.open_article("ar1")
    view = window.workspace.view
    margin = view.document().documentMargin()
    english = paragraph(view, ENGLISH).layout().lineAt(0).cursorToX(0)[0]
    arabic = paragraph(view, ARABIC).layout().lineAt(0).cursorToX(0)[0]
    assert english == pytest.approx(margin, abs=4)  # English text stays left-to-right
    assert arabic == pytest.approx(view.viewport().width() - margin, abs=4)
    assert view.palette().base().color() != QColor()
