"""Readers that turn input files into numbered records in the native line shape.

Each reader yields ``(line, record_or_error, bytes_read)``: the 1-based line
(for CSV, the line a row ends on; for text files, 1), the decoded record as a
dict shaped like a native JSONL line, or an `InputError` for a bad record,
and how far into the input it has read (for progress). Nothing is read whole:
a 100 MB file streams line by line.
"""

from __future__ import annotations

import codecs
import csv
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from annotator.core.errors import InputError, ValidationError
from annotator.core.text import split_title

Record = tuple[int, dict[str, Any] | Any | InputError, int]

CSV_COLUMNS = ("id", "title", "text", "source", "url", "published", "story")
"""CSV columns read as article fields; any other column goes into ``meta``."""

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # long articles exceed the 128 KiB default


def _bad_utf8(raw: bytes) -> str | None:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return (
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1});"
            " save the file as UTF-8"
        )
    return None


def read_jsonl(path: Path) -> Iterator[Record]:
    """Records of a JSON Lines file; blank lines are skipped, a leading BOM accepted."""
    name = str(path)
    with open(path, "rb") as handle:
        done = 0
        for number, raw in enumerate(handle, 1):
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


def _utf8_lines(name: str, binary: BinaryIO, bad: list[InputError]) -> Iterator[str]:
    """The lines of a file, each decoded on its own so a bad byte is reported on its line.

    Lines end at ``\\n``, ``\\r\\n`` or a lone ``\\r``, as in text mode with
    ``newline=""``; a leading BOM is dropped. A line that is not UTF-8 is
    noted in ``bad`` and yielded with replacement characters, so reading
    goes on to the next row.
    """
    number = 0
    for chunk in binary:
        if number == 0:
            chunk = chunk.removeprefix(codecs.BOM_UTF8)
        for raw in chunk.splitlines(keepends=True):
            number += 1
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError:
                bad.append(InputError(name, _bad_utf8(raw) or "not valid UTF-8", number))
                yield raw.decode("utf-8", "replace")


def converted_jsonl(path: Path, convert: Callable[[Any, int], dict[str, Any]]) -> Iterator[Record]:
    """Records of a JSONL file in another tool's shape, each line turned native by ``convert``.

    ``convert`` takes the decoded line and its number; a `ValidationError` it
    raises becomes that line's `InputError`.
    """
    name = str(path)
    for number, value, done in read_jsonl(path):
        if not isinstance(value, InputError):
            try:
                value = convert(value, number)
            except ValidationError as exc:
                value = InputError(name, str(exc), number)
        yield number, value, done


def read_csv(path: Path) -> Iterator[Record]:
    """Records of a CSV file with a header row (``text`` required; see `CSV_COLUMNS`)."""
    name = str(path)
    with open(path, "rb") as binary:
        bad: list[InputError] = []  # lines of the row just read that are not UTF-8
        reader = csv.DictReader(_utf8_lines(name, binary, bad))
        try:
            header = reader.fieldnames
        except csv.Error as exc:
            yield 1, InputError(name, f"not a readable CSV header ({exc})", 1), 0
            return
        if bad:
            yield 1, bad[0], 0
            return
        if header is None:
            return  # an empty file: no records
        if "text" not in header:
            yield 1, InputError(name, 'the header row has no "text" column', 1), 0
            return
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield reader.line_num, InputError(name, str(exc), reader.line_num), 0
                return
            if bad:
                yield reader.line_num, bad[0], binary.tell()
                bad.clear()
                continue
            yield reader.line_num, _csv_record(name, reader.line_num, row), binary.tell()


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
        raw = path.read_bytes().removeprefix(codecs.BOM_UTF8)
    except OSError as exc:
        return InputError(name, f"cannot read it ({exc.strerror})")
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


def txt_files(path: Path) -> list[Path]:
    """The ``.txt`` files of a folder and its subfolders, sorted; or the file itself."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*.txt") if p.is_file())
    return [path]
