"""The text shows the labels as stored, at once, after every kind of change.

Each test makes one kind of change in a shown main window, then compares the
article text as it is *on screen* (the window's backing store, which keeps
whatever was painted last, stale parts included) pixel for pixel with a view
opened afresh on the same project state, at the same scroll position.
`QWidget.grab` would repaint the whole widget and hide stale parts, so the
screen is read with `QScreen.grabWindow` instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QTextCursor
from PySide6.QtWidgets import QApplication

from annotator.core.model import Article
from annotator.core.spans import Span
from annotator.quality.assign import assign_articles
from annotator.quality.package import write_package
from annotator.store.project import Project
from annotator.ui.text.article_view import ArticleView
from annotator.ui.window.importing import import_with_progress
from annotator.ui.window.main_window import MainWindow
from tests.helpers import span_in
from tests.ui.modal import when_modal

# Invented events. Kestria (alias Velgrad) is named in every paragraph, so marking its
# occurrences touches blocks on screen and below it; an emoji and a flag shift Qt's
# positions against the stored ones.
PARAGRAPHS = [
    "Kestria's harbour authority said on Monday that the northern quay would stay closed 🚢 "
    "until the inspection ends, a decision that Velgrad defended as routine.",
    "Officials in Norvania reportedly called the closure a pressure tactic, and observers "
    "note that Kestria has used the quay in earlier disputes over fishing rights 🇪🇺.",
    "According to the port workers' union, Velgrad had promised to reopen the quay by "
    "spring; the union warned that Kestria would lose trade to its neighbours.",
    "Analysts expect the talks to resume next week, although Kestria has not confirmed "
    "a date and Norvania declined to comment on the inspection.",
] * 12
# A quote split around its cue, after an emoji, a flag, a family (joined emoji) and a
# combining accent: Qt counts more positions there than the stored code points.
SPLIT = (
    "Harbour master Jose\u0301 Orrin 🧭 of the 🇳🇴 pilots 👩‍👩‍👧 wrote: “The quay,” she "
    "added, “will reopen once the divers are done.” Others disagreed."
)
TEXT = "\n".join([SPLIT, *PARAGRAPHS])
WIDTH, HEIGHT = 1300, 760


def occurrence(words: str, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence of ``words`` in `TEXT`."""
    return span_in(TEXT, words, nth)


@pytest.fixture
def window(qtbot, project: Project) -> MainWindow:  # type: ignore[no-untyped-def]
    """A shown main window on the long article, for annotator ana."""
    project.add_articles([Article("long", TEXT, story="harbour")])
    project.add_actor("Kestria", "ana", type="state", aliases=("Velgrad",))
    project.add_actor("Norvania", "ana", type="state")
    QApplication.setCursorFlashTime(0)  # a caret that does not blink (it is hidden below)
    shown = MainWindow(project, "ana")
    qtbot.addWidget(shown)
    shown.resize(WIDTH, HEIGHT)
    shown.show()
    shown.activateWindow()  # window shortcuts (Ctrl+Shift+M) need an active window
    qtbot.waitActive(shown)
    shown.workspace.open_article("long")
    shown.workspace.view.setFocus()
    return shown


def on_screen(qtbot, view: ArticleView) -> QImage:  # type: ignore[no-untyped-def]
    """The view's text area as the screen shows it now."""
    view.setCursorWidth(0)  # the caret is not a label; both sides hide it
    qtbot.waitUntil(lambda: not view._flash.isActive(), timeout=3000)
    qtbot.wait(30)  # pending repaints reach the backing store
    top_level = view.window()
    corner = view.viewport().mapTo(top_level, QPoint(0, 0))
    size = view.viewport().size()
    pixmap = top_level.screen().grabWindow(
        top_level.winId(), corner.x(), corner.y(), size.width(), size.height()
    )
    return pixmap.toImage()


def fresh(qtbot, window: MainWindow) -> QImage:  # type: ignore[no-untyped-def]
    """The article opened afresh from the project file, at the same scroll position.

    The workspace reads the labels again and lays out a new document in the same
    place, so size, font and palette are the window's; the current claim stays
    current (its words are highlighted: the fresh view shows it so too).
    """
    workspace, view = window.workspace, window.workspace.view
    scrolled, claim = view.verticalScrollBar().value(), workspace.current_claim
    workspace.open_article("long")
    workspace.select_claim(claim)
    view.verticalScrollBar().setValue(scrolled)
    return on_screen(qtbot, view)


def assert_drawn_as_stored(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The window's text looks exactly like a fresh view of the project file."""
    view = window.workspace.view
    view.clear_selection()
    shown = on_screen(qtbot, view)
    expected = fresh(qtbot, window)
    if shown != expected:  # kept for a person to look at
        shown.save(str(tmp_path / "shown.png"))
        expected.save(str(tmp_path / "expected.png"))
    assert shown == expected, f"the screen differs from a fresh view (see {tmp_path})"


def press(qtbot, window: MainWindow, span: Span, key: str) -> None:  # type: ignore[no-untyped-def]
    """Select a stored span in the text and press a single key, as an annotator does."""
    view = window.workspace.view
    view.select_span(span)
    qtbot.keyClick(view, key)


def test_mark_claim_cue_and_source(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    claim = Span(occurrence("the northern quay").start, occurrence("inspection ends").end)
    press(qtbot, window, claim, "c")
    assert_drawn_as_stored(qtbot, window, tmp_path)
    press(qtbot, window, occurrence("said"), "q")  # bold italic: the line is laid out anew
    assert_drawn_as_stored(qtbot, window, tmp_path)
    press(qtbot, window, occurrence("Kestria"), "s")
    assert_drawn_as_stored(qtbot, window, tmp_path)
    claim_row = window.project.labels("long", "ana").claims[0]
    assert claim_row.attribution.cue == occurrence("said")


def test_mark_mention_and_its_occurrences(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, window, occurrence("Kestria", 1), "m")  # offers the other occurrences
    qtbot.keyClick(
        window.workspace.view,
        Qt.Key.Key_M,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert len(window.project.labels("long", "ana").mentions) == 72  # 48 × Kestria, 24 × Velgrad
    assert_drawn_as_stored(qtbot, window, tmp_path)
    window.workspace.view.verticalScrollBar().setValue(40)  # what was below comes into view
    assert_drawn_as_stored(qtbot, window, tmp_path)


def test_undo_and_redo(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, window, occurrence("Officials in Norvania reportedly called"), "c")
    press(qtbot, window, occurrence("reportedly"), "q")
    stack = window.session.undo_stack
    stack.undo()
    assert_drawn_as_stored(qtbot, window, tmp_path)
    stack.undo()
    assert_drawn_as_stored(qtbot, window, tmp_path)
    stack.redo()
    stack.redo()
    assert window.project.labels("long", "ana").claims[0].attribution.cue is not None
    assert_drawn_as_stored(qtbot, window, tmp_path)


def test_actor_type_rename_and_merge(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, window, occurrence("Norvania"), "m")
    press(qtbot, window, occurrence("Kestria", 2), "m")
    kestria, norvania = (window.project.find_actors(n)[0] for n in ("Kestria", "Norvania"))
    registry = window.workspace.panel.registry
    registry.retype.emit(norvania.id, "government")  # the tint follows the type
    assert_drawn_as_stored(qtbot, window, tmp_path)
    registry.rename.emit(norvania.id, "Norvanian cabinet")
    assert_drawn_as_stored(qtbot, window, tmp_path)
    registry.merge.emit(kestria.id, norvania.id)
    assert {m.actor for m in window.project.labels("long", "ana").mentions} == {kestria.id}
    assert_drawn_as_stored(qtbot, window, tmp_path)


def test_import_into_the_open_article(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.workspace.view.verticalScrollBar().setValue(12)
    labelled = tmp_path / "labelled.jsonl"
    window.project.add_claim("long", "ana", *occurrence("the union warned"))
    from annotator.io.formats import export_to

    export_to(window.project, "jsonl", labelled)
    window.project.delete_claim(window.project.labels("long", "ana").claims[0].id)
    window.reload()  # the app as it was before the import
    window.workspace.view.verticalScrollBar().setValue(12)
    when_modal(lambda box: box.accept())  # type: ignore[attr-defined]
    assert import_with_progress(window.project, [labelled], window)
    window.reload()  # what File › Import does after importing
    assert len(window.project.labels("long", "ana").claims) == 1
    assert window.workspace.view.verticalScrollBar().value() == 12  # the reader keeps their place
    assert_drawn_as_stored(qtbot, window, tmp_path)


def test_merge_of_a_work_package(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project = window.project
    assign_articles(project, ["ana"])
    package = tmp_path / "ana.claims"
    write_package(project, "ana", package)
    with Project.open(package) as laptop:
        laptop.add_claim("long", "ana", *occurrence("Analysts expect the talks"), stance="neutral")
        laptop.add_mention("long", "ana", *occurrence("Norvania", 3))
    when_modal(lambda box: box.accept())  # type: ignore[attr-defined]
    window.commands.merge_files([str(package)])
    assert len(project.labels("long", "ana").claims) == 1
    assert_drawn_as_stored(qtbot, window, tmp_path)


def test_fresh_view_comparison_sees_a_difference(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The comparison itself is able to fail: a label stored behind the window's back shows."""
    window.project.add_claim("long", "ana", *occurrence("Kestria's harbour authority"))
    assert on_screen(qtbot, window.workspace.view) != fresh(qtbot, window)


def background_at(window: MainWindow, offset: int) -> QColor:
    """The label fill drawn under the character at a stored offset."""
    view = window.workspace.view
    position = view.offsets.to_qt(offset)
    block = view.document().findBlock(position)
    inside = position - block.position()
    (found,) = [r for r in block.layout().formats() if r.start <= inside < r.start + r.length]
    return found.format.background().color()


def test_two_states_are_told_apart_and_named_on_hover(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, window, occurrence("Norvania"), "m")
    press(qtbot, window, occurrence("Kestria", 1), "m")
    kestria, norvania = (
        background_at(window, occurrence("Kestria", 1).start),
        background_at(window, occurrence("Norvania").start),
    )
    assert kestria != norvania  # both are states: one shade each
    workspace = window.workspace
    marks = workspace.view.layer.marks_at(
        workspace.view.offsets.to_qt(occurrence("Norvania").start)
    )
    assert workspace._describe(marks[0]) == "Mention of Norvania (State)"


def test_a_label_that_rewraps_its_paragraph(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Bold italic words need more room: the paragraph gets a line more, what follows moves."""
    paragraph = occurrence(PARAGRAPHS[1])
    view = window.workspace.view
    block = view.document().findBlock(view.offsets.to_qt(paragraph.start))

    def last_line_full() -> float:
        view.blockBoundingRect(block)  # laid out in the current font
        layout = block.layout()
        return layout.lineAt(layout.lineCount() - 1).naturalTextWidth() / layout.lineAt(0).width()

    font = view.font()
    for step in range(60):  # a font size at which the last line is nearly full
        font.setPointSizeF(9 + step / 8)
        window.panes.set_text_font(font)
        if last_line_full() > 0.93:
            break
    lines = block.layout().lineCount()
    press(qtbot, window, paragraph, "c")
    press(qtbot, window, paragraph, "q")  # a cue as long as the paragraph: all of it bold
    assert block.layout().lineCount() > lines
    assert view.width() > 400  # a long cue in the form does not squeeze the text
    assert_drawn_as_stored(qtbot, window, tmp_path)
    window.session.undo_stack.undo()  # the cue goes: a line less, no selection repainted
    block = view.document().findBlock(view.offsets.to_qt(paragraph.start))  # reopened above
    view.blockBoundingRect(block)
    assert block.layout().lineCount() == lines
    assert_drawn_as_stored(qtbot, window, tmp_path)


def test_shades_follow_the_first_mentions_as_they_move(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Shades go by first mention: marking above, then undoing it, draws as a fresh view does."""
    press(qtbot, window, occurrence("Norvania", 1), "m")
    press(qtbot, window, occurrence("Kestria", 5), "m")
    assert_drawn_as_stored(qtbot, window, tmp_path)
    press(qtbot, window, occurrence("Kestria", 0), "m")  # Kestria is now named first
    assert_drawn_as_stored(qtbot, window, tmp_path)
    window.session.undo_stack.undo()
    assert_drawn_as_stored(qtbot, window, tmp_path)


# -- a claim in segments: the quote split around its cue ------------------------------------

FIRST, CUE, SECOND = (occurrence(w) for w in ("The quay,", "added", "will reopen once the divers"))


def filled(window: MainWindow, fill: QColor) -> list[str]:
    """The words of the article drawn on ``fill`` (each run of it once), from the text's layout."""
    view = window.workspace.view
    runs = []
    block = view.document().begin()
    cursor = QTextCursor(view.document())  # a range's positions count UTF-16 units
    while block.isValid():
        for found in block.layout().formats():
            if found.format.background().color() == fill:
                cursor.setPosition(block.position() + found.start)
                cursor.setPosition(
                    cursor.position() + found.length, QTextCursor.MoveMode.KeepAnchor
                )
                runs.append(cursor.selectedText())
        block = block.next()
    return runs


def screen_fill(qtbot, window: MainWindow, offset: int) -> QColor:  # type: ignore[no-untyped-def]
    """The colour the screen shows just inside the top left corner of the character at a
    stored offset (above its glyph, a lower-case letter's: the fill under it)."""
    view = window.workspace.view
    cursor = view.textCursor()
    cursor.setPosition(view.offsets.to_qt(offset))
    corner = view.cursorRect(cursor).topLeft() + QPoint(2, 1)
    return on_screen(qtbot, view).pixelColor(corner)


def split_quote(qtbot, window: MainWindow) -> str:  # type: ignore[no-untyped-def]
    """Label the split quote from the keyboard: C on its first part, + on its second, Q on
    the cue between; returns the claim's id."""
    press(qtbot, window, FIRST, "c")
    press(qtbot, window, SECOND, "+")
    press(qtbot, window, CUE, "q")
    (claim,) = window.project.labels("long", "ana").claims
    assert claim.segments == (FIRST, SECOND)
    assert claim.attribution.cue == CUE
    return claim.id


def test_a_quote_split_around_its_cue_is_drawn_as_one_claim(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    claim_id = split_quote(qtbot, window)
    palette = window.workspace.palette_
    # Current: both segments in the focus fill, word for word (the emoji, the flag, the
    # family and the accent before them are counted right); the gap with the cue is not.
    assert filled(window, palette.claim_focus()) == ["The quay,", "will reopen once the divers"]
    assert_drawn_as_stored(qtbot, window, tmp_path)
    window.workspace.select_claim(None)  # not current: the claim's own fill, the gap bare
    assert filled(window, palette.claim_background(1)) == [
        "The quay,",
        "will reopen once the divers",
    ]
    assert screen_fill(qtbot, window, FIRST.start + 4) == palette.claim_background(1)  # "q"
    assert screen_fill(qtbot, window, SECOND.start + 1) == palette.claim_background(1)  # "i"
    assert screen_fill(qtbot, window, CUE.start - 2) == palette.base  # "e" of "she"
    assert_drawn_as_stored(qtbot, window, tmp_path)
    assert window.workspace.view.layer.focus() == ()
    assert claim_id in window.project.labels("long", "ana").claims[0].id


def test_hovering_one_segment_shows_the_claim_whole(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    split_quote(qtbot, window)
    workspace, view = window.workspace, window.workspace.view
    workspace.select_claim(None)
    palette = workspace.palette_
    cursor = view.textCursor()
    cursor.setPosition(view.offsets.to_qt(SECOND.start + 5))
    pointer = view.cursorRect(cursor).center()
    qtbot.mouseMove(view.viewport(), pointer)
    qtbot.waitUntil(lambda: view.layer.focus() != ())
    assert view.layer.focused_spans() == [FIRST, SECOND]
    for offset in (FIRST.start + 4, SECOND.start + 1):  # both segments, on the screen
        assert screen_fill(qtbot, window, offset) == palette.claim_focus()
    assert screen_fill(qtbot, window, CUE.start - 2) == palette.base
    cursor.setPosition(view.offsets.to_qt(CUE.start - 2))  # "she", in the gap: no claim
    qtbot.mouseMove(view.viewport(), view.cursorRect(cursor).center())
    qtbot.waitUntil(lambda: view.layer.focus() == ())
    assert screen_fill(qtbot, window, FIRST.start + 4) == palette.claim_background(1)


def test_add_and_remove_a_segment_undo_and_redo(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    split_quote(qtbot, window)
    stack = window.session.undo_stack
    press(qtbot, window, occurrence("quay"), "-")  # words of the first segment
    (claim,) = window.project.labels("long", "ana").claims
    assert (claim.start, claim.end, claim.segments) == (*SECOND, ())
    assert_drawn_as_stored(qtbot, window, tmp_path)
    stack.undo()  # the segment is back
    assert window.project.labels("long", "ana").claims[0].segments == (FIRST, SECOND)
    assert_drawn_as_stored(qtbot, window, tmp_path)
    stack.undo()  # the cue goes
    stack.undo()  # the second segment goes: the claim in one piece again
    (claim,) = window.project.labels("long", "ana").claims
    assert (claim.span, claim.segments) == (FIRST, ())
    assert_drawn_as_stored(qtbot, window, tmp_path)
    stack.redo()
    assert window.project.labels("long", "ana").claims[0].segments == (FIRST, SECOND)
    assert_drawn_as_stored(qtbot, window, tmp_path)
    stack.redo()
    stack.redo()
    assert window.project.labels("long", "ana").claims[0].segments == ()
    assert_drawn_as_stored(qtbot, window, tmp_path)
