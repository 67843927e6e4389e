"""The streaming reader of a JSON array (Label Studio exports): same values as orjson reads whole.

Property: whatever the bytes, either orjson reads the whole file as a list
(or one object) and `array_items` yields exactly its elements without an
error, or `array_items` ends with an error, having yielded only elements
that orjson reads the same. Files are written in every layout exports use
(one line, one element a line, indented), read in blocks as small as one
byte, and garbled.
"""

from __future__ import annotations

import io
import json
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.io.json_array import array_items
from tests.io.malformed import NASTY_TEXT, garbled
from tests.io.test_malformed_input import fuzz

# Strings that could fool a bracket counter: brackets, quotes and escapes inside them.
TRICKY = st.sampled_from(
    ["[", "]", "{", "}", '"', "\\", '\\"', '"]', "},{", "\n  }", "\\\\", "\u2028", "🙂", "é", ","]
)
STRINGS = st.text(max_size=8) | TRICKY | NASTY_TEXT.filter(lambda t: "\ud800" not in t)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**64 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | STRINGS
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(STRINGS, inner, max_size=4),
    max_leaves=12,
)
TASKS = st.lists(st.dictionaries(STRINGS, VALUES, max_size=5) | VALUES, max_size=6)


def layout(values: list[Any], style: str) -> bytes:
    """The list as JSON, in one of the layouts exports use."""
    if style == "one line":
        return orjson.dumps(values)
    if style == "a line each":
        return b"[\n" + b",\n".join(orjson.dumps(v) for v in values) + b"\n]\n"
    if style == "indent 2":
        return orjson.dumps(values, option=orjson.OPT_INDENT_2)
    if style == "indent 4, ASCII":
        return json.dumps(values, indent=4, ensure_ascii=True).encode()
    if style == "spaces":
        return json.dumps(values, separators=(" , ", " : "), ensure_ascii=False).encode()
    return ("\ufeff" + json.dumps(values, indent="\t", ensure_ascii=False) + "\r\n").encode()


STYLES = ["one line", "a line each", "indent 2", "indent 4, ASCII", "spaces", "tabs, BOM"]


def read(content: bytes, block: int) -> list[tuple[Any, str | None]]:
    return [(i.value, i.error) for i in array_items(io.BytesIO(content), block)]


def whole(content: bytes) -> list[Any] | None:
    """The elements orjson reads from the whole file, or None if it reads no list (or object).

    A file of nothing but whitespace holds no elements (the importer calls it empty).
    """
    if not content.removeprefix(b"\xef\xbb\xbf").strip(b" \t\r\n"):
        return []
    try:
        value = orjson.loads(content.removeprefix(b"\xef\xbb\xbf"))
    except orjson.JSONDecodeError:
        return None
    if isinstance(value, dict):
        return [value]
    return value if isinstance(value, list) else None


@fuzz(300)
@given(TASKS, st.sampled_from(STYLES), st.sampled_from([1, 2, 7, 64, 1 << 20]))
def test_every_layout_and_block_size_reads_as_orjson_reads_it_whole(
    values: list[Any], style: str, block: int
) -> None:
    content = layout(values, style)
    expected = whole(content)
    assert expected is not None
    assert read(content, block) == [(v, None) for v in expected]


@fuzz(300)
@given(st.data())
def test_garbled_files_give_the_same_elements_or_end_in_an_error(data: st.DataObject) -> None:
    values = data.draw(TASKS)
    content = data.draw(garbled(layout(values, data.draw(st.sampled_from(STYLES)))))
    items = read(content, data.draw(st.sampled_from([1, 5, 1 << 20])))
    expected = whole(content)
    errors = [e for _, e in items if e is not None]
    if expected is not None:
        assert items == [(v, None) for v in expected]
    else:
        assert len(errors) == 1 and items[-1][1] is not None, items
    good = [v for v, e in items if e is None]
    for value in good:  # every element handed out is a JSON value as orjson reads it
        assert orjson.loads(orjson.dumps(value)) == value


@pytest.mark.parametrize(
    ("content", "values", "error"),
    [
        (b"", [], None),
        (b"  \n", [], None),
        (b"[]", [], None),
        (b'{"data": 1}', [{"data": 1}], None),
        (b'[{"a": "]},{"}, {"b": "\\"}"}]', [{"a": "]},{"}, {"b": '"}'}], None),
        (b'[{"a": 1}\n  ,\n {"b": 2}]', [{"a": 1}, {"b": 2}], None),
        (b'[{"a": 1}] x', [{"a": 1}], "more after the end of the list (line 1, column 12)"),
        (b'[{"a": 1} {"b": 2}]', [{"a": 1}], "expected , or ] after task 1"),
        (b'[{"a": 1},', [{"a": 1}], "the file ends inside the list"),
        (b'[{"a": 1}', [{"a": 1}], "the file ends after task 1"),
        (b'[{"a": 1}, {"b": "x}]', [{"a": 1}], "not valid JSON"),
        (b'[{"a": 1},\n{"b": tru}]', [{"a": 1}], "line 2"),
        (b'"text"', [], "expected a JSON list (line 1, column 1)"),
        (b'{"a": 1} {"b": 2}', [{"a": 1}], "more after the one task"),
        (b"[" + b"[" * 40 + b"]" * 40 + b"]", [json.loads(b"[" * 40 + b"]" * 40)], None),
    ],
)
def test_edge_cases(content: bytes, values: list[Any], error: str | None) -> None:
    for block in (1, 3, 1 << 20):
        items = read(content, block)
        assert [v for v, e in items if e is None] == values
        errors = [e for _, e in items if e is not None]
        if error is None:
            assert errors == []
        else:
            assert len(errors) == 1 and error in errors[0], errors


def test_an_element_longer_than_the_limit_stops_reading() -> None:
    content = b'[{"a": 1}, {"b": "' + b"x" * 5000
    items = [(i.value, i.error) for i in array_items(io.BytesIO(content), 64, limit=1000)]
    assert items[0] == ({"a": 1}, None)
    assert items[-1][1] is not None and "longer than 1,000 bytes" in items[-1][1]
    assert len(items) == 2


def test_progress_counts_the_bytes_up_to_each_element() -> None:
    content = b'[\n{"a": 1},\n{"b": 22}\n]\n'
    done = [i.done for i in array_items(io.BytesIO(content), 4)]
    assert done == [content.index(b"}") + 1, content.rindex(b"}") + 1]
