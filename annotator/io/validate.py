"""Checks every imported record gets, whatever its format: plain JSON values only.

See `check_plain`.
"""

from __future__ import annotations

from typing import Any

import orjson

from annotator.core.errors import ValidationError

MAX_DEPTH = 100
"""How deep a record may nest (a labelled native line is 7 levels deep)."""


def _where(path: tuple[str | int, ...]) -> str:
    """A place in a record for a message: ``text``, ``annotations[0].claims[2].note``."""
    shown = ""
    for step in path:
        shown += f"[{step}]" if isinstance(step, int) else f".{step}" if shown else step
    return shown or "the record"


def check_plain(record: Any) -> None:
    """Refuse a record nested deeper than `MAX_DEPTH` or holding a NUL character anywhere.

    Every format's records come through here. SQLite and the exports cannot
    keep a value nested without end, and a NUL in a text cuts it short in C
    libraries (Qt, SQLite functions) and is no character of any article.

    Most records are plainly fine, and that is seen from their JSON (orjson
    writes a NUL as ``\\u0000``, and a value is nested no deeper than the
    brackets the JSON opens); only the others are walked value by value.

    Raises:
        ValidationError: naming where in the record it is.
    """
    try:
        blob = orjson.dumps(record)
    except (orjson.JSONEncodeError, TypeError):  # too deep for orjson, or not JSON values
        blob = None
    if blob is None or b"\\u0000" in blob:
        _check_each_value(record)
    elif blob.count(b"[") + blob.count(b"{") > MAX_DEPTH:
        _check_depth(record)


def _too_deep(first: str | int) -> ValidationError:
    return ValidationError(
        f"nested more than {MAX_DEPTH} levels deep (in {_where((first,))}); no"
        " article or label is: is this the right file?"
    )


def _check_depth(record: Any) -> None:
    """`check_plain` of a record known to hold no NUL: its lists and objects only."""
    stack: list[tuple[Any, int, str | int | None]] = [(record, 0, None)]
    while stack:
        value, depth, first = stack.pop()
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            if depth >= MAX_DEPTH:
                raise _too_deep(key if first is None else first)
            if isinstance(item, dict | list):
                if first is None:  # the top level: as `_check_each_value` names it
                    stack.append((item, 1, str(key) if isinstance(value, dict) else key))
                else:
                    stack.append((item, depth + 1, first))


def _check_each_value(record: Any) -> None:
    """`check_plain`, value by value."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(record, ())]
    while stack:
        value, path = stack.pop()
        if len(path) > MAX_DEPTH:
            raise _too_deep(path[0])
        if isinstance(value, str):
            if "\x00" in value:
                raise ValidationError(
                    f"{_where(path)} holds a NUL character (\\0, at character"
                    f" {value.index(chr(0)) + 1}); no text may hold one, remove it"
                )
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and "\x00" in key:
                    raise ValidationError(f"a key in {_where(path)} holds a NUL character (\\0)")
                stack.append((item, (*path, str(key))))
        elif isinstance(value, list):
            stack.extend((item, (*path, index)) for index, item in enumerate(value))
