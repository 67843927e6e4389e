"""Readers that turn input files into numbered records in the native line shape.

Each reader yields ``(line, record_or_error, bytes_read)``: the 1-based line
(for CSV, the line a row ends on; for text files, 1), the decoded record as a
dict shaped like a native JSONL line (`Noted` if it comes with warnings), or
an `InputError` for a bad record, and how far into the input it has read
(for progress). Nothing is read whole: a 100 MB file streams line by line.
"""

from __future__ import annotations

import codecs
import csv
import os
import stat
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from annotator.core.errors import InputError, ValidationError
from annotator.core.text import split_title


@dataclass
class Noted:
    """A record with warnings about it: something in it was left out, the rest is good.

    The import goes on; once the record is imported, the report lists each
    warning (a reason, to which the importer adds the file and line).
    """

    record: dict[str, Any]
    warnings: list[str]


Record = tuple[int, dict[str, Any] | Noted | Any | InputError, int]

CSV_COLUMNS = ("id", "title", "text", "source", "url", "published", "story")
"""CSV columns read as article fields; any other column goes into ``meta``."""

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # long articles exceed the 128 KiB default

MAX_LINE_BYTES = 64 * 2**20
"""The longest line a JSONL or CSV file may have: an article of 64 MiB is no article.

Reading stops at a longer line, so an endless one (``/dev/zero``, a named pipe
fed without end) cannot fill the memory.
"""


def _bad_utf8(raw: bytes) -> str | None:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return (
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1});"
            " save the file as UTF-8"
        )
    return None


class _TooLong(Exception):
    """A line longer than `MAX_LINE_BYTES`; reading cannot go on to the next one."""


def _capped_lines(handle: BinaryIO) -> Iterator[bytes]:
    """The lines of a binary file (ending at ``\\n``), none longer than `MAX_LINE_BYTES`.

    Raises:
        _TooLong: a line runs on past the limit (``/dev/zero``, a binary file).
    """
    while True:
        raw = handle.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        if len(raw) > MAX_LINE_BYTES:
            raise _TooLong
        yield raw


def _too_long(name: str, number: int) -> InputError:
    return InputError(
        name,
        f"the line is longer than {MAX_LINE_BYTES:,} bytes, so this is no text file of"
        " articles; reading stopped here",
        number,
    )


def read_jsonl(path: Path) -> Iterator[Record]:
    """Records of a JSON Lines file; blank lines are skipped, a leading BOM accepted.

    A line longer than `MAX_LINE_BYTES` is an error that ends the file.
    """
    name = str(path)
    with open(path, "rb") as handle:
        done = 0
        lines = _capped_lines(handle)
        number = 0
        while True:
            number += 1
            try:
                raw = next(lines)
            except StopIteration:
                return
            except _TooLong:
                yield number, _too_long(name, number), done
                return
            done += len(raw)
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            try:
                value = orjson.loads(raw)
            except orjson.JSONDecodeError as exc:
                reason = _bad_utf8(raw) or f"not valid JSON ({exc.msg}, column {exc.colno})"
                yield number, InputError(name, reason, number), done
                continue
            yield number, value, done


class _CsvLines:
    """The lines of a CSV file for `csv.reader`, each decoded on its own.

    Lines end at ``\\n``, ``\\r\\n`` or a lone ``\\r``, as in text mode with
    ``newline=""``; a leading BOM is dropped. A line that is not UTF-8 is
    noted in ``bad`` and yielded with replacement characters, so reading
    goes on to the next row. ``row`` keeps the lines read since `start_row`
    (with the number of the first), so a broken row can be shown where it
    starts. A line longer than `MAX_LINE_BYTES` raises `_TooLong`.
    """

    def __init__(self, name: str, binary: BinaryIO) -> None:
        self.name = name
        self.bad: list[InputError] = []
        self.number = 0
        self.row: list[str] = []
        self.row_start = 1
        self.done = 0  # bytes read (``tell`` fails on a pipe)
        self._lines = self._decoded(binary)

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.row.append(line)
        return line

    def start_row(self) -> None:
        """Forget the lines read so far: the next one starts a row."""
        self.row = []
        self.row_start = self.number + 1

    def _decoded(self, binary: BinaryIO) -> Iterator[str]:
        for chunk in _capped_lines(binary):
            self.done += len(chunk)
            if self.number == 0:
                chunk = chunk.removeprefix(codecs.BOM_UTF8)
            for raw in chunk.splitlines(keepends=True):
                self.number += 1
                try:
                    yield raw.decode("utf-8")
                except UnicodeDecodeError:
                    reason = _bad_utf8(raw) or "not valid UTF-8"
                    self.bad.append(InputError(self.name, reason, self.number))
                    yield raw.decode("utf-8", "replace")


def converted_jsonl(
    path: Path, convert: Callable[[Any, int, list[str]], dict[str, Any]]
) -> Iterator[Record]:
    """Records of a JSONL file in another tool's shape, each line turned native by ``convert``.

    ``convert`` takes the decoded line, its number and a list to append the
    line's warnings to (a line with some is yielded `Noted`); a
    `ValidationError` it raises becomes that line's `InputError`.
    """
    name = str(path)
    for number, value, done in read_jsonl(path):
        if not isinstance(value, InputError):
            warnings: list[str] = []
            try:
                value = convert(value, number, warnings)
            except ValidationError as exc:
                value = InputError(name, str(exc), number)
            else:
                if warnings:
                    value = Noted(value, warnings)
        yield number, value, done


def read_csv(path: Path) -> Iterator[Record]:
    """Records of a CSV file with a header row (``text`` required; see `CSV_COLUMNS`).

    Quoting is strict: a quoted field that is never closed, or a quote in the
    middle of a field, stops the file with an error that says where the row
    (and the quoted field) started and how many lines it ran over, instead of
    taking the rest of the file into one field. A header that names a column
    twice is refused (the second would hide the first).
    """
    name = str(path)
    with open(path, "rb") as binary:
        lines = _CsvLines(name, binary)
        reader = csv.DictReader(lines, strict=True)
        try:
            header = reader.fieldnames
        except csv.Error as exc:
            yield 1, _broken_row(name, lines, exc), 0
            return
        except _TooLong:
            yield 1, _too_long(name, 1), 0
            return
        if lines.bad:
            yield 1, lines.bad[0], 0
            return
        if header is None:
            return  # an empty file: no records
        problem = _header_problem(name, list(header))
        if problem is not None:
            yield 1, problem, 0
            return
        while True:
            lines.start_row()
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield lines.row_start, _broken_row(name, lines, exc), 0
                return
            except _TooLong:
                yield lines.number + 1, _too_long(name, lines.number + 1), 0
                return
            if lines.bad:
                yield reader.line_num, lines.bad[0], lines.done
                lines.bad.clear()
                continue
            yield reader.line_num, _csv_record(name, reader.line_num, row), lines.done


def _header_problem(name: str, header: list[str]) -> InputError | None:
    """Why a header row cannot be read, or None when it can."""
    first: dict[str, int] = {}
    for column, title in enumerate(header, 1):
        if title in first:
            what = f"are both named {title!r}" if title else "both have no name"
            return InputError(
                name,
                f"columns {first[title]} and {column} {what}; one would hide the other,"
                " so give each column its own name",
                1,
                column,
            )
        first[title] = column
    if "text" not in header:
        return InputError(name, 'the header row has no "text" column', 1)
    return None


def _last_quote(text: str) -> int | None:
    """Where in ``text`` (the lines of one row) the last quoted field opens, or None."""
    opened: int | None = None
    inside = False
    at_field_start = True
    index = 0
    while index < len(text):
        char = text[index]
        if inside:
            if char == '"':
                if text.startswith('""', index):
                    index += 1  # a quote inside the field
                else:
                    inside = False
        elif char == '"' and at_field_start:
            opened, inside = index, True
        at_field_start = not inside and char in ",\r\n"
        index += 1
    return opened


def _broken_row(name: str, lines: _CsvLines, exc: csv.Error) -> InputError:
    """The error of a row the CSV reader gave up on, placed where its quoted field starts."""
    where = _last_quote("".join(lines.row))
    if where is None:
        return InputError(name, f"not valid CSV ({exc})", lines.row_start)
    line, column = lines.row_start, where + 1
    for text in lines.row[:-1]:
        if column <= len(text):
            break
        line, column = line + 1, column - len(text)
    after = lines.row_start + len(lines.row) - 1 - line
    lines_after = f"{after} line{'s' * (after != 1)}"
    if "end of data" in str(exc):
        taken = f": it would take in the {lines_after} after it" if after else ""
        reason = (
            f"a quoted field starts here and is never closed{taken}, to the end of the file."
            ' Close the quote (a quote inside a field is "")'
        )
    else:
        closes = f"{lines_after} further on" if after else "on the same line"
        reason = (
            f"a quoted field starts here and closes {closes}, but no comma follows its"
            f' closing quote ({exc}). Check the quotes (a quote inside a field is "")'
        )
    return InputError(name, reason, line, column)


def _csv_record(name: str, line: int, row: dict[str | Any, Any]) -> dict[str, Any] | InputError:
    if None in row:
        return InputError(name, "more fields than the header has", line)
    missing = [k for k, v in row.items() if v is None]
    if missing:
        return InputError(name, "fewer fields than the header has", line, missing[0])
    if not (row.get("text") or "").strip():
        return InputError(name, "empty text", line, "text")
    record: dict[str, Any] = {k: (row.get(k) or None) for k in CSV_COLUMNS if k in row}
    record["text"] = row["text"]
    record["meta"] = {k: v for k, v in row.items() if k not in CSV_COLUMNS}
    return record


def txt_record(path: Path, title: str = "auto") -> dict[str, Any] | InputError:
    """The record of one plain text file: id from the file name, title by a rule.

    Args:
        path: the file.
        title: how its first line is read, one of `TITLE_RULES`: ``first-line``
            (always the title; a file of one line is both title and text),
            ``none`` (no title, the whole file is the text) or ``auto`` (the
            title only when it reads as one); see `split_title`.

    Returns:
        The record (without ``title`` when there is none), or the error.
    """
    name = str(path)
    try:
        raw = read_whole(path).removeprefix(codecs.BOM_UTF8)
    except InputError as exc:
        return exc
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        reason = _bad_utf8(raw[line_start:]) or "not valid UTF-8"
        return InputError(name, reason, raw.count(b"\n", 0, exc.start) + 1)
    if not content.strip():
        return InputError(name, "the file is empty")
    heading, text = split_title(content, title)
    record = {"id": path.stem, "text": text}
    if heading:
        record["title"] = heading
    return record


def check_input(path: Path, whole: bool = False) -> None:
    """Refuse an input that is no file: a device (``/dev/zero``), a socket, a named pipe.

    A named pipe is fine for a format read line by line; ``whole`` says the
    format is read whole (and a pipe is refused).

    Raises:
        InputError: naming what the path is.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        raise InputError(str(path), f"cannot read it ({exc.strerror})") from None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode) or (stat.S_ISFIFO(mode) and not whole):
        return
    if stat.S_ISFIFO(mode):
        what = "a named pipe, and this format is read whole"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        what = "a device"
    else:
        what = "not a file"
    raise InputError(str(path), f"{what}; save the data to a file and import that")


def read_whole(path: Path) -> bytes:
    """The bytes of a file read whole (a text, a ``.ann``, a Label Studio export).

    Raises:
        InputError: it is not a regular file, or cannot be read.
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise InputError(str(path), "not a regular file; save the data to a file")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read it ({exc.strerror})") from None


def txt_files(path: Path) -> list[Path]:
    """The ``.txt`` files of a folder and its subfolders, sorted; or the file itself."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*.txt") if p.is_file())
    return [path]
