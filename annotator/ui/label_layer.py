"""Labels drawn in the article text, formatting only the blocks on screen.

`QTextEdit.setExtraSelections` with thousands of selections is far too slow,
and a syntax highlighter formats every block of a long article up front.
`LabelLayer` keeps each block's marks and sets the block's layout formats
(`QTextLayout.setFormats`) when the block first comes into view, or again
when one of its labels changes; opening an article costs the same whatever
the number of labels.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtGui import QFont, QTextBlock, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import QPlainTextEdit

from annotator.ui.offsets import DocumentOffsets
from annotator.ui.palette import LabelPalette

KINDS = ("claim", "mention", "cue")


@dataclass(frozen=True, slots=True)
class Mark:
    """One label drawn in the text, in stored (code point) offsets."""

    kind: str  # "claim", "mention" or "cue" (a cue's label_id is its claim's)
    label_id: str
    start: int
    end: int
    style: str | None = None  # a claim's stance, a mention's actor type


@dataclass(frozen=True, slots=True)
class _Piece:
    """The part of a mark inside one block, in positions relative to the block."""

    start: int
    end: int
    mark: Mark


class LabelLayer:
    """Draws marks in a `QPlainTextEdit` holding one article."""

    def __init__(self, edit: QPlainTextEdit, palette: LabelPalette) -> None:
        self._edit = edit
        self._palette = palette
        self._offsets = DocumentOffsets("")
        self._marks: dict[tuple[str, str], Mark] = {}
        self._blocks: dict[int, list[_Piece]] = defaultdict(list)
        self._formatted: set[int] = set()
        self._formats: dict[tuple[object, ...], QTextCharFormat] = {}

    def reset(self, offsets: DocumentOffsets, marks: Iterable[Mark]) -> None:
        """Start over for a newly shown article."""
        self._offsets = offsets
        self._marks = {}
        self._blocks = defaultdict(list)
        self._formatted = set()
        for mark in marks:
            self._add(mark)
        self.format_visible()

    def set_palette(self, palette: LabelPalette) -> None:
        """Redraw with other colours (the system switched light or dark)."""
        self._palette = palette
        self._formats.clear()
        self._formatted.clear()
        self.format_visible()

    def update(self, removed: Iterable[tuple[str, str]], added: Iterable[Mark]) -> None:
        """Remove marks by (kind, label id) and add others, redrawing only their blocks."""
        touched: set[int] = set()
        for key in removed:
            old = self._marks.pop(key, None)
            if old is not None:
                touched |= self._remove_pieces(old)
        for mark in added:
            old = self._marks.pop((mark.kind, mark.label_id), None)
            if old is not None:
                touched |= self._remove_pieces(old)
            touched |= self._add(mark)
        self._formatted -= touched
        self.format_visible(also=touched)

    def marks(self) -> list[Mark]:
        """Every mark shown."""
        return list(self._marks.values())

    def marks_at(self, position: int) -> list[Mark]:
        """Marks covering a document position, innermost (shortest) first."""
        block = self._edit.document().findBlock(position)
        inside = position - block.position()
        found = [
            p.mark for p in self._blocks.get(block.blockNumber(), ()) if p.start <= inside < p.end
        ]
        return sorted(found, key=lambda m: (m.end - m.start, KINDS.index(m.kind)))

    # -- bookkeeping ------------------------------------------------------------------------

    def _pieces(self, mark: Mark) -> list[tuple[int, _Piece]]:
        """The mark cut at block boundaries: (block number, piece) for each block it covers."""
        start, end = self._offsets.to_qt(mark.start), self._offsets.to_qt(mark.end)
        block = self._edit.document().findBlock(start)
        found = []
        while block.isValid() and block.position() < end:
            first = block.position()
            last = first + block.length() - 1  # the block's end, before its line break
            piece = _Piece(max(start, first) - first, min(end, last) - first, mark)
            if piece.end > piece.start:
                found.append((block.blockNumber(), piece))
            block = block.next()
        return found

    def _add(self, mark: Mark) -> set[int]:
        self._marks[(mark.kind, mark.label_id)] = mark
        pieces = self._pieces(mark)
        for number, piece in pieces:
            self._blocks[number].append(piece)
        return {number for number, _ in pieces}

    def _remove_pieces(self, mark: Mark) -> set[int]:
        touched = {number for number, _ in self._pieces(mark)}
        for number in touched:
            self._blocks[number] = [p for p in self._blocks[number] if p.mark != mark]
        return touched

    # -- drawing ----------------------------------------------------------------------------

    def format_visible(self, also: Iterable[int] = ()) -> None:
        """Format the blocks on screen that are not formatted yet (and ``also`` these)."""
        edit = self._edit
        document = edit.document()
        for number in also:
            block = document.findBlockByNumber(number)
            if block.isValid() and block.layout().formats():
                self._apply(block, [])  # drop stale formats; redrawn when seen
        block = edit.firstVisibleBlock()
        bottom = edit.viewport().rect().bottom()
        offset = edit.contentOffset()
        while block.isValid():
            top = edit.blockBoundingGeometry(block).translated(offset).top()
            if top > bottom:
                break
            number = block.blockNumber()
            if number not in self._formatted:
                self._apply(block, self._ranges(self._blocks.get(number, [])))
                self._formatted.add(number)
            block = block.next()

    def _apply(self, block: QTextBlock, ranges: list[QTextLayout.FormatRange]) -> None:
        layout = block.layout()
        if not ranges and not layout.formats():
            return
        layout.setFormats(ranges)
        self._edit.document().markContentsDirty(block.position(), block.length())

    def _ranges(self, pieces: list[_Piece]) -> list[QTextLayout.FormatRange]:
        if not pieces:
            return []
        bounds = sorted({p.start for p in pieces} | {p.end for p in pieces})
        ranges = []
        for low, high in pairwise(bounds):
            covering = [p.mark for p in pieces if p.start <= low and p.end >= high]
            if not covering:
                continue
            fmt_range = QTextLayout.FormatRange()
            fmt_range.start = low
            fmt_range.length = high - low
            fmt_range.format = self._format(covering)
            ranges.append(fmt_range)
        return ranges

    def _format(self, marks: list[Mark]) -> QTextCharFormat:
        claims = [m for m in marks if m.kind == "claim"]
        mentions = [m for m in marks if m.kind == "mention"]
        key = (
            len(claims),
            claims[-1].style if claims else None,
            min(mentions, key=lambda m: m.end - m.start).style if mentions else "",
            bool(mentions),
            any(m.kind == "cue" for m in marks),
        )
        cached = self._formats.get(key)
        if cached is not None:
            return cached
        depth, stance, actor_type, has_mention, has_cue = key
        fmt = QTextCharFormat()
        palette = self._palette
        if depth:
            fmt.setBackground(palette.claim_background(int(depth)))  # type: ignore[call-overload]
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(palette.stance_color(stance))  # type: ignore[arg-type]
        if has_mention:
            fmt.setBackground(palette.mention_background(actor_type))  # type: ignore[arg-type]
            fmt.setFontWeight(QFont.Weight.DemiBold)
        if has_cue:
            fmt.setForeground(palette.link)
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setFontItalic(True)
        self._formats[key] = fmt
        return fmt
