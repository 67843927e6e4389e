"""Read a file holding one JSON array element by element, without reading it whole.

A Label Studio export (JSON and JSON-min alike) is one JSON array of tasks;
read whole, a 200 MB export takes over a gigabyte of memory as Python
objects. `array_items` reads the file in blocks and hands each element's
bytes to orjson on their own, so the memory an import needs is that of a
few blocks and one task.

Where an element ends is found in three ways, the first that works:

1. Most exports put an element on a line of its own (``},\\n{``), or indent
   it (``json.dump(..., indent=2)``): the element is tried up to the end of
   its first line, then up to the first line that starts with its own
   indentation and a ``}``. JSON strings cannot hold a raw line break, so
   these are cheap guesses that orjson then checks.
2. Otherwise a regular expression matches the element's brackets (strings
   and their escapes skipped), up to `_NESTING` levels deep, in C.
3. Deeper than that, a token loop counts the brackets in Python.

A guess is taken only when orjson reads exactly the guessed bytes as one
JSON value; as a value that starts with ``{`` or ``[`` ends at its matching
bracket and nowhere else, a guess that reads is the element. The bytes
found by 2 or 3 are the element if the file is JSON; orjson's error on
them is the element's error. A file that breaks off inside an element, or
an element longer than `MAX_ITEM_BYTES`, is an error of that element, and
reading stops there: after a broken element, where the next one starts is
not known.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

import orjson

MAX_ITEM_BYTES = 64 * 2**20
"""The longest element read (a task of 64 MiB is no task); reading stops at a longer one."""
BLOCK = 1 << 20
"""Bytes read at a time."""
_NESTING = 16

_STRING = rb'"[^"\\]*+(?:\\.[^"\\]*+)*+"'
_OTHER = rb'[^"\[\]{}]++'


def _balanced(depth: int) -> re.Pattern[bytes]:
    """A bracketed value nested at most ``depth + 1`` levels deep (brackets of either kind)."""
    inner = rb"(?:" + _STRING + rb"|" + _OTHER + rb")*+"
    for _ in range(depth):
        inner = rb"(?:" + _STRING + rb"|" + _OTHER + rb"|[\[{]" + inner + rb"[\]}])*+"
    return re.compile(rb"[\[{]" + inner + rb"[\]}]")


_BALANCED = _balanced(_NESTING)
_TOKEN = re.compile(_STRING + rb'|[\[\]{}]|"')
_SPACE = re.compile(rb"[ \t\r\n]*+")


@dataclass
class Item:
    """One element of the array: its value, or why it cannot be read."""

    number: int
    """1-based, in file order."""
    value: Any
    error: str | None
    """Why the element cannot be read (its value is then None); no element follows one."""
    done: int
    """Bytes of the file read up to the end of the element."""


class _Buffer:
    """The bytes read and not yet handed out: ``data[start:]``."""

    def __init__(self, handle: BinaryIO, block: int) -> None:
        self.handle = handle
        self.block = block
        self.data = b""
        self.start = 0
        self.base = 0  # the file offset of data[0]
        self.lines = 1  # the line of the file data[start] is on
        self.line_offset = 0  # the file offset that line starts at
        self.eof = False
        self.limit = MAX_ITEM_BYTES
        self.no_break_from: int | None = None  # data has no line break from here on

    def more(self, at_least: int = 0) -> bool:
        """Read on (dropping what was handed out); False at the end of the file."""
        if self.eof:
            return False
        chunk = self.handle.read(max(self.block, at_least))
        if not chunk:
            self.eof = True
            return False
        self.base += self.start
        self.data = self.data[self.start :] + chunk
        self.start = 0
        self.no_break_from = None
        return True

    def advance(self, to: int) -> None:
        """Hand out the bytes before ``to``."""
        breaks = self.data.count(b"\n", self.start, to)
        if breaks:
            self.lines += breaks
            self.line_offset = self.base + self.data.rfind(b"\n", self.start, to) + 1
        self.start = to

    def skip_space(self, at: int) -> int:
        """The first position from ``at`` that is no whitespace, reading on as needed."""
        while True:
            end = _SPACE.match(self.data, at).end()  # type: ignore[union-attr]
            if end < len(self.data):
                return end
            offset = end - self.start
            if not self.more():
                return end
            at = self.start + offset

    def where(self, at: int, exc: orjson.JSONDecodeError | None = None) -> str:
        """``line L, column C`` of ``data[at]`` (or of ``exc``, orjson's error in the bytes from ``at``)."""
        line = self.lines + self.data.count(b"\n", self.start, at)
        last_break = self.data.rfind(b"\n", self.start, at)
        line_start = self.base + last_break + 1 if last_break >= 0 else self.line_offset
        column = self.base + at - line_start + 1
        if exc is not None:
            if exc.lineno > 1:
                line, column = line + exc.lineno - 1, exc.colno
            else:
                column += exc.colno - 1
        return f"line {line}, column {column}"


def _try(data: bytes, start: int, end: int) -> tuple[bool, Any]:
    try:
        return True, orjson.loads(data[start:end])
    except orjson.JSONDecodeError:
        return False, None


def _guess(data: bytes, start: int) -> tuple[bool, Any, int]:
    """The element at ``start`` by its lines (way 1 of the module's doc), if that works."""
    line_end = data.find(b"\n", start)
    if line_end < 0:
        return False, None, 0
    end = line_end
    while end > start and data[end - 1] in b" \t\r":
        end -= 1
    if end > start and data[end - 1] == 0x2C:  # ,
        end -= 1
    read, value = _try(data, start, end)
    if read:
        return True, value, end
    indent = data[data.rfind(b"\n", 0, start) + 1 : start]
    if indent.strip(b" \t"):
        return False, None, 0
    close = data.find(b"\n" + indent + b"}", line_end)
    if close < 0:
        return False, None, 0
    end = close + len(indent) + 2
    read, value = _try(data, start, end)
    return read, value, end


def _bracket_end(data: bytes, start: int) -> int | None:
    """The end of the bracketed element at ``start`` (ways 2 and 3), or None if not in ``data``."""
    match = _BALANCED.match(data, start)
    if match is not None:
        return match.end()
    depth = 0
    for token in _TOKEN.finditer(data, start):
        first = data[token.start()]
        if first == 0x22:  # "
            if token.end() - token.start() == 1:
                return None  # a string not closed in data
        elif first in b"[{":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return token.end()
    return None


_STRING_ONLY = re.compile(_STRING)
_SCALAR = re.compile(rb"[^ \t\r\n,\]]+")


def _scalar_end(data: bytes, start: int) -> int | None:
    """The end of a string, number or literal element at ``start``, or None if not in ``data``."""
    if data[start] == 0x22:
        match = _STRING_ONLY.match(data, start)
        return match.end() if match else None
    match = _SCALAR.match(data, start)
    if match is None or match.end() == len(data):
        return None
    return match.end()


def array_items(
    handle: BinaryIO, block: int = BLOCK, limit: int = MAX_ITEM_BYTES
) -> Iterator[Item]:
    """The elements of the JSON array in ``handle`` (a file opened in binary mode).

    ``block`` is how many bytes are read at a time (at least; more while an
    element does not fit), ``limit`` the longest element read.
    A file holding one object instead of an array yields that object. A
    leading UTF-8 BOM is skipped. After an element with an error, nothing
    more is read.
    """
    buffer = _Buffer(handle, max(1, block))
    buffer.limit = limit
    while len(buffer.data) < 3 and buffer.more():
        pass
    if buffer.data.startswith(b"\xef\xbb\xbf"):
        buffer.advance(3)
    at = buffer.skip_space(buffer.start)
    if at >= len(buffer.data):
        return  # an empty file
    opening = buffer.data[at : at + 1]
    if opening not in (b"[", b"{"):
        yield Item(1, None, f"expected a JSON list ({buffer.where(at)})", buffer.base + at)
        return
    single = opening == b"{"
    buffer.advance(at if single else at + 1)
    number = 0
    while True:
        buffer.advance(buffer.skip_space(buffer.start))
        data, at = buffer.data, buffer.start
        if not single:
            if data[at : at + 1] == b"]":
                after = buffer.skip_space(at + 1)
                if after < len(buffer.data):
                    error = f"more after the end of the list ({buffer.where(after)})"
                    yield Item(number + 1, None, error, buffer.base + after)
                return
            if number:
                if data[at : at + 1] != b",":
                    what = "the file ends" if at >= len(data) else "expected , or ]"
                    error = f"not valid JSON ({what} after task {number}, {buffer.where(at)})"
                    yield Item(number + 1, None, error, buffer.base + at)
                    return
                buffer.advance(buffer.skip_space(at + 1))
        number += 1
        item = _read_item(buffer, number)
        yield item
        if item.error is not None:
            return
        buffer.advance(item.done - buffer.base)
        if single:
            rest = buffer.skip_space(buffer.start)
            if rest < len(buffer.data):
                error = f"more after the one task of the file ({buffer.where(rest)})"
                yield Item(number + 1, None, error, buffer.base + rest)
            return


def _read_item(buffer: _Buffer, number: int) -> Item:
    """The element at ``buffer.start``; the buffer hands it out only after the call."""
    while True:
        data, at = buffer.data, buffer.start
        if at >= len(data):
            if buffer.more():
                continue
            return Item(
                number, None, "not valid JSON (the file ends inside the list)", buffer.base + at
            )
        if data[at] in b"[{":
            if buffer.no_break_from is None or at < buffer.no_break_from:
                if data.find(b"\n", at) < 0:  # one long line: no guess by lines in it
                    buffer.no_break_from = at
                else:
                    read, value, end = _guess(data, at)
                    if read:
                        return Item(number, value, None, buffer.base + end)
            end_or_none = _bracket_end(data, at)
        else:
            end_or_none = _scalar_end(data, at)
        if end_or_none is not None:
            try:
                value = orjson.loads(data[at:end_or_none])
            except orjson.JSONDecodeError as exc:
                reason = f"not valid JSON ({exc.msg}, {buffer.where(at, exc)})"
                return Item(number, None, reason, buffer.base + end_or_none)
            return Item(number, value, None, buffer.base + end_or_none)
        if len(data) - at > buffer.limit:
            reason = (
                f"longer than {buffer.limit:,} bytes, or never closed; no task is that long,"
                f" so reading stopped here ({buffer.where(at)})"
            )
            return Item(number, None, reason, buffer.base + len(data))
        if not buffer.more(len(data) - at):  # the file ends inside the element
            data, at = buffer.data, buffer.start
            try:
                orjson.loads(data[at:])
            except orjson.JSONDecodeError as exc:
                reason = f"not valid JSON ({exc.msg}, {buffer.where(at, exc)})"
                return Item(number, None, reason, buffer.base + len(data))
            return Item(
                number,
                None,
                "not valid JSON (the file ends inside the list)",
                buffer.base + len(data),
            )
