"""The article text, read-only, with its labels drawn in place.

Selections snap to whole words when the mouse is released (hold Alt to keep
exact characters). Printable keys are not typed (the text is read-only) but
passed on as `key_pressed`, so the workspace can use single keys for commands
and values. Hovering a label shows what it is; clicking one emits
`label_clicked`.

Suggestions have keys of their own here: Tab and Shift+Tab ask `step_suggestion`
to go to the next or previous one (in an article without suggestions they move
the focus on, as usual), Enter emits `accept_pressed` and Backspace
`reject_pressed`. The suggestion chosen is highlighted (`set_current_suggestion`).

The claim under the pointer is in focus with the current one (`set_current_claim`):
all its segments are highlighted together. Right-clicking a segment of a claim
in segments offers to remove it (`remove_segment`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QMenu,
    QPlainTextDocumentLayout,
    QPlainTextEdit,
    QTextEdit,
    QToolTip,
    QWidget,
)

from annotator.core import units
from annotator.core.spans import Span
from annotator.core.words import elide_words, snap_to_words
from annotator.ui import plain
from annotator.ui.palette import LabelPalette
from annotator.ui.text.label_layer import LabelLayer, Mark
from annotator.ui.text.offsets import DocumentOffsets

FLASH_MS = 700
MAX_SEARCH_HITS = 500  # extra selections are slow in bulk; a search shows the first ones
# Each paragraph is laid out in the direction of its first strong character
# (Unicode rule P2-P3: Arabic and Hebrew right-to-left, English left-to-right)
# and aligned to the side it starts from. QPlainTextEdit gives every block the
# document's one text option, so no block format can do this; with the
# direction left to Auto, Qt aligns a line right when its paragraph is RTL
# and the alignment has the Justify bit, and leaves it left otherwise, while
# the Absolute bit keeps the lines from being stretched (tests/ui/test_rtl.py).
PARAGRAPH_ALIGNMENT = Qt.AlignmentFlag.AlignJustify | Qt.AlignmentFlag.AlignAbsolute


_MOVES = {
    Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Home,
    Qt.Key.Key_End, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown,
}  # fmt: skip


Shift, Ctrl = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier
Alt = Qt.KeyboardModifier.AltModifier
_MODIFIERS = Shift | Ctrl | Alt | Qt.KeyboardModifier.MetaModifier

SELECTION_KEYS = (
    (
        "Shift+→  Shift+←",
        QT_TRANSLATE_NOOP("ArticleView", "Move the selection's end by a character"),
    ),
    (
        "Ctrl+Shift+→  Ctrl+Shift+←",
        QT_TRANSLATE_NOOP("ArticleView", "Move the selection's end by a word"),
    ),
    (
        "Alt+Shift+→  Alt+Shift+←",
        QT_TRANSLATE_NOOP("ArticleView", "Move the selection's start by a character"),
    ),
    (
        "Ctrl+Alt+Shift+→  Ctrl+Alt+Shift+←",
        QT_TRANSLATE_NOOP("ArticleView", "Move the selection's start by a word"),
    ),
    (
        "Alt+↑",
        QT_TRANSLATE_NOOP(
            "ArticleView", "Select the word, then the clause, sentence, paragraph around the caret"
        ),
    ),
    ("Alt+↓", QT_TRANSLATE_NOOP("ArticleView", "Back to the selection before Alt+↑")),
)
"""Keys that make and adjust selections in the text (English; translated where shown)."""


def _keeps(event: QKeyEvent) -> bool:
    """True for the keys the read-only text handles itself: moving, selecting, copying."""
    if event.matches(QKeySequence.StandardKey.Copy) or event.matches(
        QKeySequence.StandardKey.SelectAll
    ):
        return True
    control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
    if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and control:
        return False  # Ctrl+Up/Down: previous / next unfinished article
    return event.key() in _MOVES


def find_words(text: str, words: list[str], limit: int) -> list[Span]:
    """Where the words occur (any case; the last as a word prefix), in text order."""
    escaped = [re.escape(w) for w in words]
    patterns = [rf"\b{w}\b" for w in escaped[:-1]] + [rf"\b{escaped[-1]}\w*"]
    pattern = re.compile("|".join(patterns), re.IGNORECASE)
    return [Span(*m.span()) for _, m in zip(range(limit), pattern.finditer(text), strict=False)]


class ParagraphLayout(QPlainTextDocumentLayout):
    """The plain text layout with a gap after each paragraph.

    News text comes with paragraphs separated by one line break; drawn
    without a gap they read as a wall of text. (Where a blank line already
    separates them, no gap is added.) `QPlainTextDocumentLayout`
    ignores block margins, but the editor places, scrolls and hit-tests
    blocks by `blockBoundingRect`, so a taller rectangle is a paragraph gap
    (half a line of the text's font) that moves nothing in the text itself.
    """

    GAP = 0.5  # of a line

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._gap: tuple[QFont | None, float] = (None, 0.0)

    def gap(self) -> float:
        """The space after a paragraph, in pixels, for the document's font."""
        font = self.document().defaultFont()
        if self._gap[0] is None or font != self._gap[0]:
            self._gap = (font, round(QFontMetricsF(font).lineSpacing() * self.GAP))
        return self._gap[1]

    def blockBoundingRect(self, block: QTextBlock) -> QRectF:
        rect = super().blockBoundingRect(block)
        following = block.next()
        # A gap between two paragraphs; text with blank lines between them has its own.
        if following.isValid() and block.length() > 1 and following.length() > 1:
            rect.setHeight(rect.height() + self.gap())
        return rect


class ArticleView(QPlainTextEdit):
    """Shows one article's text and labels."""

    key_pressed = Signal(str)  # a printable key without Ctrl/Alt/Meta
    label_clicked = Signal(object)  # Mark
    accept_pressed = Signal()  # Enter: accept the suggestion chosen
    reject_pressed = Signal()  # Backspace: reject it
    palette_changed = Signal()  # the system switched light or dark
    remove_segment = Signal(str, object)  # claim id, Span: a segment's context menu

    def __init__(self, palette: LabelPalette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Kept referenced here: Python must not collect what the editor draws with.
        self._document = QTextDocument(self)
        self._layout = ParagraphLayout(self._document)
        self._document.setDocumentLayout(self._layout)
        self.setDocument(self._document)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setAccessibleName(self.tr("Article text"))
        self.document().setDocumentMargin(12)
        self._follow_paragraph_direction()
        self.offsets = DocumentOffsets("")
        self.layer = LabelLayer(self, palette)
        self.describe: Callable[[Mark], str] = lambda mark: mark.kind
        self.step_suggestion: Callable[[int], bool] = lambda step: False
        """Tab (+1) and Shift+Tab (-1): go to a suggestion; False when there is none to go to."""
        self._exact = False
        self._current_claim: str | None = None
        self._hovered: str | None = None  # the claim under the pointer
        self.segments_removable = False
        """True where `remove_segment` is acted on: a segment's context menu offers it."""
        self.viewport().setMouseTracking(True)  # the claim under the pointer comes into focus
        self._selected: Span | None = None
        self._search: list[QTextEdit.ExtraSelection] = []
        self._marked: list[QTextEdit.ExtraSelection] = []
        self._marked_color = QColor()
        self._search_words: list[str] = []
        self._find_phrase = ""  # Ctrl+F: a phrase, shown instead of the search's words
        self._widened: list[Span] = []  # selections before each Alt+Up, for Alt+Down
        self._flashing: list[QTextEdit.ExtraSelection] = []
        self._flash = QTimer(self, singleShot=True, interval=FLASH_MS)
        self._flash.timeout.connect(self._end_flash)
        self.verticalScrollBar().valueChanged.connect(lambda _: self.layer.format_visible())

    # -- content ----------------------------------------------------------------------------

    def show_article(self, text: str, marks: Iterable[Mark]) -> None:
        """Show ``text`` (as stored: ``\\n`` line breaks only) with its labels."""
        self.offsets = DocumentOffsets(text)
        self._selected = None
        self._marked = []
        self._widened = []
        self._current_claim = self._hovered = None
        self.setPlainText(text)
        self.layer.reset(self.offsets, marks)
        self._find_search_hits()

    def set_current_claim(self, claim_id: str | None) -> None:
        """Keep the current claim in focus: all its segments highlighted (None: no claim)."""
        self._current_claim = claim_id
        self.layer.set_focus((claim_id, self._hovered))

    def _hover(self, claim_id: str | None) -> None:
        """The pointer rests on a claim (or its cue), or on none: it is in focus while there."""
        if claim_id != self._hovered:
            self._hovered = claim_id
            self.layer.set_focus((self._current_claim, claim_id))

    def claim_at(self, position: int) -> Mark | None:
        """The innermost claim whose content covers a document position, or whose cue does."""
        marks = [m for m in self.layer.marks_at(position) if m.kind in ("claim", "cue")]
        return marks[0] if marks else None

    @property
    def text(self) -> str:
        """The article text as stored."""
        return self.offsets.text

    def _follow_paragraph_direction(self) -> None:
        """Lay out each paragraph right-to-left or left-to-right by its own text."""
        option = self.document().defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)
        option.setAlignment(PARAGRAPH_ALIGNMENT)
        self.document().setDefaultTextOption(option)

    # -- selection --------------------------------------------------------------------------

    def selected_span(self) -> Span | None:
        """The current selection in stored offsets, snapped to words unless exact."""
        if not self.textCursor().hasSelection():
            return None
        span = self._raw_selection()
        if self._exact:  # exact characters, but a label never starts or ends in white space
            span = units.trimmed(self.text, span)
        else:
            span = snap_to_words(self.text, span.start, span.end)
        return span if span.end > span.start else None

    def select_span(self, span: Span, exact: bool = False) -> None:
        """Select a stored span (as the user would with the mouse)."""
        qt = self.offsets.span_to_qt(span)
        cursor = self.textCursor()
        cursor.setPosition(qt.start)
        cursor.setPosition(qt.end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self._exact = exact

    def clear_selection(self) -> None:
        """Drop the selection, keeping the caret where the selection ended."""
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    def reveal(self, span: Span, parts: Iterable[Span] = ()) -> None:
        """Scroll a span into view and flash it, or only its ``parts`` (a claim's segments)."""
        qt = self.offsets.span_to_qt(span)
        cursor = QTextCursor(self.document())
        cursor.setPosition(qt.end)
        self.setTextCursor(cursor)
        cursor.setPosition(qt.start)
        self.setTextCursor(cursor)  # the start wins when the span is taller than the view
        self.ensureCursorVisible()
        self._show_flash([self.offsets.span_to_qt(p) for p in parts] or [qt])
        self.layer.format_visible()

    def _selection(self, qt: Span, color: QColor) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(qt.start)
        cursor.setPosition(qt.end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor  # type: ignore[attr-defined]
        fmt = QTextCharFormat()
        fmt.setBackground(color)
        selection.format = fmt  # type: ignore[attr-defined]
        return selection

    def _show_flash(self, spans: list[Span]) -> None:
        background, text = self.layer.colors.flash()
        self._flashing = []
        for qt in spans:
            flash = self._selection(qt, background)
            flash.format.setForeground(text)  # type: ignore[attr-defined]
            self._flashing.append(flash)
        self._show_extra()
        self._flash.start()

    def _end_flash(self) -> None:
        self._flashing = []
        self._show_extra()

    def _show_extra(self) -> None:
        """Draw the highlights over the labels: linked claims, search hits, a flash."""
        self.setExtraSelections(self._marked + self._search + self._flashing)

    def set_current_suggestion(self, span: Span | None, parts: tuple[Span, ...] = ()) -> None:
        """Highlight the suggestion chosen with Tab, and ``parts`` of it (a claim's cue and
        source); None: no suggestion is chosen."""
        spans = [] if span is None else [span, *parts]
        self.layer.set_chosen([(s.start, s.end) for s in spans])

    def current_suggestion_span(self) -> Span | None:
        """The span highlighted by `set_current_suggestion`, if any."""
        chosen = self.layer.chosen()
        return Span(*chosen) if chosen is not None else None

    def set_marked(self, spans: list[Span], color: QColor) -> None:
        """Keep a few spans highlighted (linked claims), on top of the labels."""
        self._marked_color = QColor(color)
        color = self.layer.colors.overlay(color, color.alpha())  # the text stays readable
        self._marked = [self._selection(self.offsets.span_to_qt(s), color) for s in spans]
        self._show_extra()

    def marked_spans(self) -> list[Span]:
        """The spans kept highlighted by `set_marked`."""
        return [
            self.offsets.span_from_qt(s.cursor.selectionStart(), s.cursor.selectionEnd())  # type: ignore[attr-defined]
            for s in self._marked
        ]

    def set_search(self, query: str) -> None:
        """Highlight the words of a search in the text (the last one as a prefix)."""
        self._search_words = query.split()
        self._find_search_hits()

    def search_hits(self) -> list[Span]:
        """Spans (stored offsets) of the highlighted search hits."""
        return [
            self.offsets.span_from_qt(s.cursor.selectionStart(), s.cursor.selectionEnd())  # type: ignore[attr-defined]
            for s in self._search
        ]

    def set_find(self, phrase: str) -> None:
        """Highlight where a phrase occurs (Ctrl+F), instead of the search's words; "" ends it."""
        self._find_phrase = phrase.strip()
        self._find_search_hits()

    def _find_search_hits(self) -> None:
        self._search = []
        if self._find_phrase:
            spans = units.find_phrase(self.text, self._find_phrase, MAX_SEARCH_HITS)
        elif self._search_words:
            spans = find_words(self.text, self._search_words, MAX_SEARCH_HITS)
        else:
            spans = []
        color = self.layer.colors.search()
        for span in spans:
            self._search.append(self._selection(self.offsets.span_to_qt(span), color))
        self._show_extra()

    # -- events -----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._adjust_selection(event):
            event.accept()
            return
        if not event.modifiers() & _MODIFIERS & ~Qt.KeyboardModifier.KeypadModifier:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.accept_pressed.emit()
                event.accept()
                return
            if event.key() == Qt.Key.Key_Backspace:
                self.reject_pressed.emit()
                event.accept()
                return
        text = event.text()
        blocked = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        blocked |= Qt.KeyboardModifier.MetaModifier
        printable = len(text) == 1 and text.isprintable() and not text.isspace()
        if printable and not event.modifiers() & blocked:
            self.key_pressed.emit(text)
            event.accept()
            return
        super().keyPressEvent(event)
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self._exact = False  # a keyboard selection snaps to words

    def _adjust_selection(self, event: QKeyEvent) -> bool:
        """Selection keys (see `SELECTION_KEYS`); True if the key was one of them."""
        key = event.key()
        modifiers = event.modifiers() & _MODIFIERS
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and modifiers == Alt:
            self._widen() if key == Qt.Key.Key_Up else self._narrow()
            return True
        if key not in (Qt.Key.Key_Left, Qt.Key.Key_Right) or not modifiers & Shift:
            return False
        if modifiers & ~(Shift | Ctrl | Alt):
            return False
        step = +1 if key == Qt.Key.Key_Right else -1
        span = self._raw_selection()
        text = self.text
        by_word = bool(modifiers & Ctrl)
        # From a caret the selection grows toward the arrow; otherwise Alt means its start.
        from_caret = span.start == span.end
        at_start = step < 0 if from_caret else bool(modifiers & Alt)
        if at_start:
            start = (
                units.move_start_by_word(text, span.start, step)
                if by_word
                else units.next_character(text, span.start, step)
            )
            span = Span(min(start, span.end), span.end)
        else:
            end = (
                units.move_end_by_word(text, span.end, step)
                if by_word
                else units.next_character(text, span.end, step)
            )
            span = Span(span.start, max(end, span.start))
        if from_caret and by_word:  # a word from the caret: not the space before or after it
            span = units.trimmed(text, span)
        self._set_exact(span)
        return True

    def _set_exact(self, span: Span) -> None:
        """Select exactly ``span`` (no snapping) and keep it in view."""
        self.select_span(span, exact=True)
        self.ensureCursorVisible()

    def _raw_selection(self) -> Span:
        """The selection (or the caret, as an empty span) in stored offsets, as it is."""
        cursor = self.textCursor()
        return self.offsets.span_from_qt(cursor.selectionStart(), cursor.selectionEnd())

    def _widen(self) -> None:
        span = self._raw_selection()
        if not self._widened or self._widened[-1] != span:
            self._widened = [span]  # a selection made otherwise starts a new history
        wider = units.expand(self.text, span)
        if wider != span:
            self._widened.append(wider)
            self._set_exact(wider)

    def _narrow(self) -> None:
        if len(self._widened) < 2 or self._widened[-1] != self._raw_selection():
            self._widened = []
            return
        self._widened.pop()
        before = self._widened[-1]
        if before.start == before.end:
            cursor = self.textCursor()
            cursor.setPosition(self.offsets.to_qt(before.start))
            self.setTextCursor(cursor)
        else:
            self._set_exact(before)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._exact = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        span = self.selected_span()
        if span is not None:
            if not self._exact:  # show the user exactly what a label would cover
                self.select_span(span)
            return
        position = self.cursorForPosition(event.position().toPoint()).position()
        marks = self.layer.marks_at(position)
        if marks:
            self.label_clicked.emit(marks[0])

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if event.buttons() != Qt.MouseButton.NoButton:
            return  # selecting: the focus stays where it was
        position = self.cursorForPosition(event.position().toPoint()).position()
        claim = self.claim_at(position)
        self._hover(claim.label_id if claim is not None else None)

    def leaveEvent(self, event: QEvent) -> None:
        super().leaveEvent(event)
        self._hover(None)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu(self.viewport().mapFrom(self, event.pos()))
        menu.exec(event.globalPos())
        menu.deleteLater()

    def context_menu(self, point: QPoint) -> QMenu:
        """The text's context menu at a point of the viewport: copying, and on a segment of
        a claim in segments, removing that segment from it."""
        menu = self.createStandardContextMenu(point)
        position = self.cursorForPosition(point).position()
        claim = next((m for m in self.layer.marks_at(position) if m.kind == "claim"), None)
        offset = self.offsets.span_from_qt(position, position).start
        parts = claim.parts if claim is not None and self.segments_removable else ()
        segment = next((Span(s, e) for s, e in parts if s <= offset < e), None)
        if claim is not None and segment is not None:
            words = elide_words(self.text[segment.start : segment.end], 40)
            menu.addSeparator()
            action = menu.addAction(
                self.tr("Remove “{words}” from the claim").format(words=plain.menu_text(words))
            )
            action.triggered.connect(lambda: self.remove_segment.emit(claim.label_id, segment))
        return menu

    def focusNextPrevChild(self, next: bool) -> bool:
        if self.hasFocus() and self.step_suggestion(+1 if next else -1):
            return True  # Tab went to a suggestion; without one it moves the focus on
        return super().focusNextPrevChild(next)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.palette_changed.emit()  # the workspace gives the layer colours for it
            if self._marked:
                self.set_marked(self.marked_spans(), self._marked_color)
            if self._search_words or self._find_phrase:
                self._find_search_hits()
        elif event.type() == QEvent.Type.LayoutDirectionChange:
            self._follow_paragraph_direction()

    def event(self, event: QEvent) -> bool:
        override = event.type() == QEvent.Type.ShortcutOverride
        if override and isinstance(event, QKeyEvent) and not _keeps(event):
            event.ignore()  # the text is read-only: editing keys belong to the window
            return True
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            viewport_pos = self.viewport().mapFromGlobal(event.globalPos())
            position = self.cursorForPosition(viewport_pos).position()
            marks = self.layer.marks_at(position)
            if marks:
                text = "\n".join(self.describe(m) for m in marks)  # names: shown as typed
                QToolTip.showText(event.globalPos(), plain.tooltip(text), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self.layer.format_visible()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        self.layer.format_visible()
