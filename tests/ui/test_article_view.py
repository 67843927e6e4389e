"""The article text: stored offsets and Qt positions meet in one place, with hard text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from annotator.core.model import Article
from annotator.core.schema import default_schema
from annotator.core.spans import Span
from annotator.store.project import Project
from annotator.ui.palette import LabelPalette
from annotator.ui.text.article_view import ArticleView, find_words
from annotator.ui.text.label_layer import Mark
from annotator.ui.window.main_window import MainWindow
from tests.ui.keys import type_text

# A word to label after each kind of hard character; Qt positions shift after each.
HARD = {
    "emoji": "Ok 😀 then Kestria said",
    "skin tone": "Ok 👍🏽 then Kestria said",
    "flag": "EU 🇪🇺 then Kestria said",
    "zwj": "Nurse 👩‍⚕️ then Kestria said",
    "combining": "Rene\u0301e then Kestria said",
    "cjk": "李明 then Kestria said",
    "astral cjk": "𠀋 then Kestria said",
    "rtl": "وزارة الخارجية then Kestria said",
    "multi-line": "Line one 🇺🇳\n\nLine three then Kestria said",
}


@pytest.fixture
def view(qtbot) -> ArticleView:  # type: ignore[no-untyped-def]
    widget = ArticleView(LabelPalette(default_schema()))
    qtbot.addWidget(widget)
    widget.resize(600, 300)
    widget.show()
    return widget


@pytest.mark.parametrize("text", HARD.values(), ids=HARD.keys())
def test_marks_and_selections_use_stored_offsets(view: ArticleView, text: str) -> None:
    start = text.index("Kestria")
    span = Span(start, start + len("Kestria"))
    view.show_article(text, [Mark("mention", "m1", *span, "state")])
    cursor = QTextCursor(view.document())
    qt = view.offsets.span_to_qt(span)
    cursor.setPosition(qt.start)
    cursor.setPosition(qt.end, QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "Kestria"  # the document agrees with the conversion
    view.setTextCursor(cursor)
    assert view.selected_span() == span
    (mark,) = view.layer.marks_at(qt.start + 1)
    assert mark.label_id == "m1"
    assert view.layer.marks_at(qt.start - 1) == []
    block = view.document().findBlock(qt.start)
    (fmt_range,) = block.layout().formats()
    assert (fmt_range.start, fmt_range.length) == (qt.start - block.position(), len("Kestria"))


def test_selection_snapping_does_not_split_a_flag(view: ArticleView) -> None:
    text = "Flags 🇪🇺🇺🇳 wave"
    view.show_article(text, [])
    flag_qt = view.offsets.to_qt(text.index("🇪🇺"))
    cursor = view.textCursor()
    cursor.setPosition(flag_qt + 2)  # between the two regional indicators of 🇪🇺
    cursor.setPosition(flag_qt + 6, QTextCursor.MoveMode.KeepAnchor)  # between those of 🇺🇳
    view.setTextCursor(cursor)
    span = view.selected_span()
    assert span is not None
    assert text[span.start : span.end] == "🇪🇺🇺🇳"


def test_click_on_a_label_and_hover_text(qtbot, project: Project) -> None:  # type: ignore[no-untyped-def]
    project.add_articles([Article(id="a1", text="🇪🇺 Velgrad said the port reopens.")])
    norvania = project.add_actor("Norvania", "lead", "state", ("Velgrad",))
    mention = project.add_mention("a1", "ana", 3, 10, norvania.id)
    window = MainWindow(project, "ana")
    qtbot.addWidget(window)
    window.show()
    view = window.workspace.view
    cursor = view.textCursor()
    cursor.setPosition(view.offsets.to_qt(5))
    point = view.cursorRect(cursor).center()
    assert view.layer.marks_at(view.cursorForPosition(point).position())[0].label_id == mention.id
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.workspace.current_mention == mention.id
    assert window.workspace.panel.mention_panel.picker.text() == "Norvania"
    (mark,) = view.layer.marks_at(view.offsets.to_qt(5))
    assert view.describe(mark) == "Mention of Norvania (State)"  # the type by name, not id


def test_selecting_a_claim_in_the_panel_reveals_and_flashes_it(qtbot, project: Project) -> None:  # type: ignore[no-untyped-def]
    text = (
        "\n".join(f"Paragraph {i} about the harbour." for i in range(200)) + "\nFinal claim here."
    )
    project.add_articles([Article(id="a1", text=text)])
    claim = project.add_claim("a1", "ana", text.index("Final claim"), len(text) - 1)
    window = MainWindow(project, "ana")
    qtbot.addWidget(window)
    window.show()
    view = window.workspace.view
    assert view.verticalScrollBar().value() == 0
    panel = window.workspace.panel
    panel.claim_list.setCurrentIndex(panel.claims.index(0, 0))
    assert window.workspace.current_claim == claim.id
    assert view.verticalScrollBar().value() > 0
    (flash,) = view.extraSelections()
    assert flash.cursor.selectedText() == "Final claim here"
    qtbot.waitUntil(lambda: view.extraSelections() == [], timeout=3000)
    # the claim's block scrolled into view was formatted on the way
    block = view.document().findBlock(view.offsets.to_qt(claim.start))
    assert block.layout().formats()


def test_search_words_prefix_and_case() -> None:
    text = "Harbour talks: the harbourmaster and HARBOUR staff. Harb."
    found = [text[s.start : s.end] for s in find_words(text, ["the", "harb"], 10)]
    assert found == ["Harbour", "the", "harbourmaster", "HARBOUR", "Harb"]


def test_typing_non_ascii_into_an_actor_picker(qtbot, project: Project) -> None:  # type: ignore[no-untyped-def]
    project.add_articles([Article(id="a1", text="Zoë Lindqvist said so.")])
    mention = project.add_mention("a1", "ana", 0, 13)
    window = MainWindow(project, "ana")
    qtbot.addWidget(window)
    window.show()
    window.workspace.select_mention(mention.id)
    picker = window.workspace.panel.mention_panel.picker
    picker.setFocus()
    type_text(picker, "Zoë Lindqvist")
    assert picker.text() == "Zoë Lindqvist"
    qtbot.keyClick(picker, Qt.Key.Key_Return)
    (actor,) = project.find_actors("zoë")
    assert actor.name == "Zoë Lindqvist"
    assert project.mention(mention.id).actor == actor.id  # type: ignore[union-attr]


def test_paragraphs_have_a_gap_and_the_last_one_scrolls_into_view(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Paragraphs separated by one line break are drawn apart, not as a wall of text."""
    shown = ArticleView(LabelPalette(default_schema()))
    qtbot.addWidget(shown)
    shown.resize(400, 300)
    paragraphs = [
        f"Paragraph {n} of a report that runs over more than one line here." for n in range(40)
    ]
    shown.show_article("\n".join(paragraphs), [])
    shown.show()
    qtbot.waitExposed(shown)
    first, second = shown.document().firstBlock(), shown.document().firstBlock().next()
    line = first.layout().lineAt(0).height()
    bottom = shown.blockBoundingGeometry(first).bottom()
    last_line_bottom = first.layout().lineAt(first.layout().lineCount() - 1).rect().bottom()
    assert bottom - last_line_bottom >= line / 3  # a gap of about half a line
    assert shown.blockBoundingGeometry(second).top() == bottom
    shown.show_article("One paragraph.\n\nAnother, after a blank line.", [])
    blank = shown.document().firstBlock().next()
    assert shown.blockBoundingRect(shown.document().firstBlock()).height() == line
    assert shown.blockBoundingRect(blank).height() == blank.layout().lineAt(0).height()
    shown.show_article("\n".join(paragraphs), [])
    bar = shown.verticalScrollBar()
    bar.setValue(bar.maximum())
    corner = shown.viewport().rect().bottomLeft() - QPoint(-20, 20)
    assert shown.cursorForPosition(corner).block().blockNumber() == len(paragraphs) - 1


def test_marks_changed_while_the_layer_is_held_are_drawn_once_it_ends(view: ArticleView) -> None:
    """An action changes a block's marks several times (an accepted suggestion); the block is
    laid out once, when the outermost `held` ends, with all of them."""
    view.show_article("Kestria said the harbour stays shut.\nSecond paragraph.", [])
    layer = view.layer
    block = view.document().firstBlock()
    with layer.held():
        layer.update([], [Mark("claim", "c1", 13, 35, None)])
        with layer.held():  # nested: still held
            layer.update([], [Mark("cue", "c1", 8, 12, None)])
        assert block.layout().formats() == []  # nothing drawn yet
        layer.set_chosen([(13, 35)])
    drawn = {(r.start, r.start + r.length) for r in block.layout().formats()}
    assert (8, 12) in drawn and (13, 35) in drawn  # all at once
    assert {m.kind for m in layer.marks()} == {"claim", "cue"}
    layer.update([("cue", "c1")], [])  # not held: drawn at once
    assert (8, 12) not in {(r.start, r.start + r.length) for r in block.layout().formats()}
