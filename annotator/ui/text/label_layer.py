"""Labels drawn in the article text, formatting only the blocks on screen.

`QTextEdit.setExtraSelections` with thousands of selections is far too slow,
and a syntax highlighter formats every block of a long article up front.
`LabelLayer` keeps each block's marks and sets the block's layout formats
(`QTextLayout.setFormats`) when the block first comes into view, or again
when one of its labels changes; opening an article costs the same whatever
the number of labels.

Suggestions are drawn by the same layer, as marks of their own kinds
(`SUGGESTED`): a dashed line under the suggested claim or mention, its
suggested cue in italics and its suggested source dashed too, and a faint fill
on a suggested claim where no label fills the text. A label's format wins
where both cover a character, except for the dashed line, which shows there is
a proposal still open.

A claim whose content is in segments (a quote split around its cue) is one
mark with `Mark.parts`: each part is drawn as the claim and the gap between
them is not (the cue there keeps its own drawing). The current claim and the
claim under the pointer are *in focus* (`set_focus`): every part of theirs
gets the focus fill, so the segments read as one claim.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import pairwise
from typing import NamedTuple

from PySide6.QtGui import QFont, QTextBlock, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import QPlainTextEdit

from annotator.ui.palette import LabelPalette
from annotator.ui.text.offsets import DocumentOffsets

SUGGESTED = ("suggestion", "suggested_cue", "suggested_source")
"""Mark kinds of a suggestion: its claim's or mention's span, its cue, its source."""
CHOSEN = "chosen"
"""The kind of the one mark that highlights the suggestion chosen with Tab (`set_chosen`)."""
FOCUS = "focus"
"""The kind of the marks over the parts of the claims in focus (`set_focus`)."""
KINDS = ("claim", "mention", "cue", *SUGGESTED, CHOSEN, FOCUS)
HIGHLIGHTS = (CHOSEN, FOCUS)
"""Kinds that highlight other marks and are no labels of their own."""


class Mark(NamedTuple):
    """One label drawn in the text, in stored (code point) offsets."""

    kind: str  # one of KINDS (a cue's label_id is its claim's, a suggestion's its key)
    label_id: str
    start: int
    end: int
    style: str | None = None  # a claim's stance, a mention's actor type, a suggestion's kind
    shade: int = 0  # a mention's shade of its type's colour, one per actor in the article
    parts: tuple[tuple[int, int], ...] = ()  # a claim's segments; () for one piece (start..end)

    def pieces(self) -> tuple[tuple[int, int], ...]:
        """Where the mark is drawn (stored offsets): its parts, or its one span."""
        return self.parts or ((self.start, self.end),)


MarkKey = tuple[str, str]  # (kind, label id)
LONG = 4096  # marks longer than this (in UTF-16 units) are kept apart, checked for every block


class _SpanIndex:
    """Marks by document position, to find those overlapping a range quickly.

    A mark may have several ranges (the segments of a claim): each is indexed.
    """

    def __init__(self) -> None:
        self._starts: list[tuple[int, int, MarkKey]] = []  # sorted by (start, end, key)
        self._long: dict[tuple[int, int, MarkKey], None] = {}
        self._longest = 0
        self.where: dict[MarkKey, list[tuple[int, int]]] = {}

    def fill(self, items: list[tuple[int, int, MarkKey]]) -> None:
        """Start over with these (start, end, key) items."""
        self.where = {}
        for start, end, key in items:
            self.where.setdefault(key, []).append((start, end))
        self._long = {item: None for item in items if item[1] - item[0] > LONG}
        self._starts = sorted(item for item in items if item[1] - item[0] <= LONG)
        self._longest = max((e - s for s, e, _ in self._starts), default=0)

    def add(self, start: int, end: int, key: MarkKey) -> None:
        """Index one more range of a mark."""
        self.where.setdefault(key, []).append((start, end))
        if end - start > LONG:
            self._long[(start, end, key)] = None
        else:
            insort(self._starts, (start, end, key))
            self._longest = max(self._longest, end - start)

    def remove(self, key: MarkKey) -> list[tuple[int, int]]:
        """Forget a mark; returns where it was (no ranges if it was not indexed)."""
        found = self.where.pop(key, [])
        for start, end in found:
            item = (start, end, key)
            if item in self._long:
                del self._long[item]
                continue
            index = bisect_left(self._starts, item)
            if index < len(self._starts) and self._starts[index] == item:
                del self._starts[index]
        return found

    def overlapping(self, low: int, high: int) -> list[tuple[int, int, MarkKey]]:
        """Ranges with start < high and end > low."""
        found = [(s, e, k) for s, e, k in self._long if s < high and e > low]
        index = bisect_left(self._starts, (high,))
        floor = low - self._longest
        while index > 0:
            index -= 1
            start, end, key = self._starts[index]
            if start < floor:
                break
            if end > low:
                found.append((start, end, key))
        return found


class LabelLayer:
    """Draws marks in a `QPlainTextEdit` holding one article."""

    def __init__(self, edit: QPlainTextEdit, palette: LabelPalette) -> None:
        self._edit = edit
        self._palette = palette
        self._offsets = DocumentOffsets("")
        self._marks: dict[MarkKey, Mark] = {}
        self._index = _SpanIndex()
        self._formatted: set[int] = set()
        self._visible = range(0)  # block numbers on screen when last looked
        self._formats: dict[tuple[object, ...], QTextCharFormat] = {}
        self._held: set[int] | None = None  # blocks to redraw when `held` ends, while it runs
        self._focus: tuple[str, ...] = ()  # ids of the claims in focus (`set_focus`)
        self._focus_keys: list[MarkKey] = []  # the marks drawing it

    def reset(self, offsets: DocumentOffsets, marks: Iterable[Mark]) -> None:
        """Start over for a newly shown article."""
        self._offsets = offsets
        self._marks = {(m.kind, m.label_id): m for m in marks}
        self._focus, self._focus_keys = (), []
        to_qt = offsets.to_qt
        self._index.fill(
            [
                (to_qt(start), to_qt(end), key)
                for key, m in self._marks.items()
                for start, end in m.pieces()
            ]
        )
        self._formatted = set()
        self.format_visible()

    @property
    def colors(self) -> LabelPalette:
        """The label colours in use."""
        return self._palette

    def set_palette(self, palette: LabelPalette) -> None:
        """Redraw with other colours (the system switched light or dark)."""
        self._palette = palette
        self._formats.clear()
        self._formatted.clear()
        self.format_visible()

    def update(self, removed: Iterable[MarkKey], added: Iterable[Mark]) -> None:
        """Remove marks by (kind, label id) and add others, redrawing only their blocks.

        A claim in focus that changes keeps the focus on its parts as they are now.
        """
        removed, added = list(removed), list(added)
        touched: set[int] = set()
        for key in removed:
            if self._marks.pop(key, None) is not None:
                touched |= self._blocks_of(self._index.remove(key))
        for mark in added:
            key = (mark.kind, mark.label_id)
            if self._marks.pop(key, None) is not None:
                touched |= self._blocks_of(self._index.remove(key))
            self._marks[key] = mark
            to_qt = self._offsets.to_qt
            where = [(to_qt(start), to_qt(end)) for start, end in mark.pieces()]
            for start, end in where:
                self._index.add(start, end, key)
            touched |= self._blocks_of(where)
        focused = set(self._focus)
        if any(k[0] == "claim" and k[1] in focused for k in (*removed, *added)):
            touched |= self._show_focus()  # a claim in focus changed: its parts may have
        if self._held is not None:
            self._held |= touched
        else:
            self._redraw(touched)

    @contextmanager
    def held(self) -> Iterator[None]:
        """Redraw the blocks that `update` (and `set_chosen`) touch inside once, at the end.

        One action changes a block's marks several times (an accepted suggestion
        adds a claim, its cue and source, and takes the suggestion and its
        highlight away): each redraw lays the block out anew, so they are
        gathered. Nested uses redraw when the outermost ends.
        """
        if self._held is not None:
            yield
            return
        self._held = set()
        try:
            yield
        finally:
            touched, self._held = self._held, None
            self._redraw(touched)

    def marks(self) -> list[Mark]:
        """Every mark shown (the highlights of the chosen suggestion and of the focus aside)."""
        return [m for m in self._marks.values() if m.kind not in HIGHLIGHTS]

    def marks_at(self, position: int) -> list[Mark]:
        """Marks covering a document position, innermost (shortest) first.

        A claim in segments covers the positions of its segments, not those of
        the gaps between them.
        """
        found = [self._marks[k] for _, _, k in self._index.overlapping(position, position + 1)]
        found = [m for m in found if m.kind not in HIGHLIGHTS]
        return sorted(found, key=lambda m: (m.end - m.start, KINDS.index(m.kind)))

    def set_focus(self, claim_ids: Iterable[str | None]) -> None:
        """Put the claims with these ids in focus (the current one, the one under the pointer):
        all parts of each get the focus fill; no ids take the focus away. Only the blocks the
        focus leaves or enters are redrawn."""
        focus = tuple(dict.fromkeys(i for i in claim_ids if i))
        if focus == self._focus:
            return
        self._focus = focus
        touched = self._show_focus()
        if self._held is not None:
            self._held |= touched
        else:
            self._redraw(touched)

    def focus(self) -> tuple[str, ...]:
        """Ids of the claims in focus (those of them shown in the text)."""
        return tuple(i for i in self._focus if ("claim", i) in self._marks)

    def focused_spans(self) -> list[tuple[int, int]]:
        """Where the focus fill is drawn (stored offsets), in text order."""
        return sorted((self._marks[k].start, self._marks[k].end) for k in self._focus_keys)

    def _show_focus(self) -> set[int]:
        """Make the focus marks those of the claims in `_focus`; returns the blocks touched."""
        touched: set[int] = set()
        for key in self._focus_keys:
            del self._marks[key]
            touched |= self._blocks_of(self._index.remove(key))
        self._focus_keys = []
        to_qt = self._offsets.to_qt
        for claim_id in self._focus:
            claim = self._marks.get(("claim", claim_id))
            if claim is None:
                continue
            for number, (start, end) in enumerate(claim.pieces()):
                key = (FOCUS, f"{claim_id} {number}")
                self._focus_keys.append(key)
                self._marks[key] = Mark(FOCUS, claim_id, start, end)
                where = (to_qt(start), to_qt(end))
                self._index.add(*where, key)
                touched |= self._blocks_of([where])
        return touched

    def set_chosen(self, spans: list[tuple[int, int]]) -> None:
        """Highlight the suggestion chosen with Tab: its span first, then its cue and source
        (stored offsets); no spans take the highlight away. Only the blocks it leaves or enters
        are redrawn, not the whole view as a `QTextEdit.ExtraSelection` would."""
        old = [key for key in self._marks if key[0] == CHOSEN]
        chosen = [Mark(CHOSEN, str(i), start, end) for i, (start, end) in enumerate(spans)]
        self.update(old, [m for m in chosen if m.end > m.start])

    def chosen(self) -> tuple[int, int] | None:
        """The (start, end) of the suggestion highlighted by `set_chosen`, if any."""
        mark = self._marks.get((CHOSEN, "0"))
        return (mark.start, mark.end) if mark is not None else None

    def _blocks_of(self, where: Iterable[tuple[int, int]]) -> set[int]:
        """Numbers of the blocks these (document) ranges are in."""
        document = self._edit.document()
        blocks: set[int] = set()
        for start, end in where:
            first = document.findBlock(start).blockNumber()
            last = document.findBlock(max(start, end - 1)).blockNumber()
            blocks.update(range(first, last + 1))
        return blocks

    def _pieces(self, block: QTextBlock) -> list[tuple[int, int, Mark]]:
        """The marks inside a block, as (start, end, mark) relative to the block."""
        first = block.position()
        last = first + block.length() - 1  # before the line break
        pieces = []
        for start, end, key in self._index.overlapping(first, last):
            low, high = max(start, first) - first, min(end, last) - first
            if high > low:
                pieces.append((low, high, self._marks[key]))
        return pieces

    # -- drawing ----------------------------------------------------------------------------

    def format_visible(self) -> None:
        """Format the blocks on screen that are not formatted yet (after a scroll or resize)."""
        edit = self._edit
        block = edit.firstVisibleBlock()
        bottom = edit.viewport().rect().bottom()
        offset = edit.contentOffset()
        first = last = block.blockNumber()
        while block.isValid():
            if edit.blockBoundingGeometry(block).translated(offset).top() > bottom:
                break
            last = number = block.blockNumber()
            if number not in self._formatted:
                self._apply(block, self._ranges(self._pieces(block)))
                self._formatted.add(number)
            block = block.next()
        self._visible = range(first, last + 1)

    def _redraw(self, touched: set[int]) -> None:
        """Reformat changed blocks on screen now; the others when they come into view."""
        self._formatted -= touched
        document = self._edit.document()
        for number in touched & set(self._visible):
            block = document.findBlockByNumber(number)
            self._apply(block, self._ranges(self._pieces(block)))
            self._formatted.add(number)

    def _apply(self, block: QTextBlock, ranges: list[QTextLayout.FormatRange]) -> None:
        layout = block.layout()
        if not ranges and not layout.formats():
            return
        edit = self._edit
        height = edit.blockBoundingRect(block).height()  # as laid out with its old formats
        layout.setFormats(ranges)
        # setFormats only drops the block's lines: nothing asks for a repaint, and the
        # screen showed new labels late, or bold words on old glyph positions (a word
        # gone, a stray glyph) until a scroll. Lay the block out anew now (asking for
        # its rectangle does) and repaint it; if its height changed, what follows
        # moved too: the document layout then redoes the block and the whole view.
        if edit.blockBoundingRect(block).height() == height:
            where = edit.blockBoundingGeometry(block).translated(edit.contentOffset())
            edit.viewport().update(where.toAlignedRect())
        else:
            edit.document().markContentsDirty(block.position(), block.length())

    def _ranges(self, pieces: list[tuple[int, int, Mark]]) -> list[QTextLayout.FormatRange]:
        """One format range between each two neighbouring mark ends, for the marks over it.

        A sweep over the ends: the marks open between two of them are kept as
        their places in ``pieces`` (so they reach `_format` in that order), not
        looked for among all pieces for each stretch, which cost O(pieces²) in a
        block dense with labels.
        """
        if not pieces:
            return []
        opening: dict[int, list[int]] = {}
        closing: dict[int, list[int]] = {}
        for number, (start, end, _mark) in enumerate(pieces):  # each has end > start
            opening.setdefault(start, []).append(number)
            closing.setdefault(end, []).append(number)
        ranges = []
        open_now: set[int] = set()
        for low, high in pairwise(sorted(opening.keys() | closing.keys())):
            open_now.difference_update(closing.get(low, ()))
            open_now.update(opening.get(low, ()))
            if not open_now:
                continue
            fmt_range = QTextLayout.FormatRange()
            fmt_range.start = low
            fmt_range.length = high - low
            fmt_range.format = self._format([pieces[n][2] for n in sorted(open_now)])
            ranges.append(fmt_range)
        return ranges

    def _format(self, marks: list[Mark]) -> QTextCharFormat:
        depth, stance, inner = 0, None, None
        cue = suggested = suggested_claim = suggested_cue = chosen = focused = False
        for mark in marks:  # one pass: this runs for every stretch of every block drawn
            kind = mark.kind
            if kind == "claim":
                depth, stance = depth + 1, mark.style
            elif kind == "mention":
                if inner is None or mark.end - mark.start < inner.end - inner.start:
                    inner = mark
            elif kind == "cue":
                cue = True
            elif kind == CHOSEN:
                chosen = True
            elif kind == FOCUS:
                focused = True
            if kind in SUGGESTED:  # the chosen one's too
                suggested = True
                suggested_claim |= kind == "suggestion" and mark.style == "claim"
                suggested_cue |= kind == "suggested_cue"
        key = (
            depth,
            stance,
            inner.style if inner else "",
            inner.shade if inner else 0,
            inner is not None,
            cue,
            suggested,
            suggested_claim,
            suggested_cue,
            chosen,
            focused,
        )
        cached = self._formats.get(key)
        if cached is not None:
            return cached
        depth, stance, actor_type, shade, has_mention, has_cue = key[:6]
        has_suggestion, suggested_claim, suggested_cue, chosen, focused = key[6:]
        fmt = QTextCharFormat()
        palette = self._palette
        background = palette.base
        if has_mention:  # a mention's tint covers the claim's around it
            background = palette.mention_background(actor_type, shade)  # type: ignore[arg-type]
        elif depth:
            background = palette.claim_background(int(depth))  # type: ignore[call-overload]
        elif suggested_claim:
            background = palette.suggestion_background()
        if focused:  # the claim's words, all its segments (a mention in them too)
            background = palette.claim_focus()
        if chosen:  # over the labels' fills, as a highlight is
            background = palette.suggestion_chosen()
        if depth or has_mention or suggested_claim or chosen or focused:
            fmt.setBackground(background)
        if depth:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            # the underline is drawn on the background: it must stand out from it
            fmt.setUnderlineColor(palette.stance_color(stance, background))  # type: ignore[arg-type]
        if has_suggestion:  # not a label yet: dashed, over a label's line where both are
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            fmt.setUnderlineColor(palette.suggestion_line(background))
        if has_mention:
            fmt.setFontWeight(QFont.Weight.DemiBold)
        if suggested_cue:
            fmt.setFontItalic(True)
        if has_cue:
            fmt.setForeground(palette.cue_text(background))
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setFontItalic(True)
        self._formats[key] = fmt
        return fmt
