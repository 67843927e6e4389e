"""Malformed input for the property-based tests: mutated records, garbled bytes, deep nesting.

A valid record (a dict decoded from a file our exporters wrote) is changed at
one of its places (`places` lists every key and list item, however deep): its
value replaced by any JSON value, the key removed, or a key added. Files are
then garbled as bytes: cut short, bytes changed, bytes put in.

`Tally` counts, per reader, the inputs tried and the exceptions that were not
ours; the tests print it, so the figures can be quoted.
"""

from __future__ import annotations

import copy
import json
import math
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

Place = tuple[str | int, ...]

# Strings that have broken parsers before: quotes, separators, line ends of every
# kind, NUL, a lone surrogate, right-to-left marks, an emoji, very long.
NASTY_TEXT = st.sampled_from(
    [
        "",
        " ",
        '"',
        '""',
        "'",
        ",",
        ";",
        "\t",
        "\n",
        "\r",
        "\r\n",
        "\x00",
        "\u2028",
        "\x85",
        "\ufeff",
        "\ud800",
        "\u202e",
        "😀",
        "-1",
        "0",
        "1e309",
        "NaN",
        "null",
        "T1",
        "Claim",
        "x" * 2000,
    ]
)
TEXT = st.text(max_size=12) | NASTY_TEXT
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.sampled_from([0, 1, -1, 2**31, 2**63, 10**100])
    | st.floats(allow_nan=True, allow_infinity=True)
    | TEXT
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=6,
)
"""Any JSON value (and some that JSON cannot write: NaN, infinity, lone surrogates)."""

DEEP = "\x00deep\x00"
"""A value `dumps` writes as nesting `deep_depth` levels deep."""


def places(value: Any, prefix: Place = ()) -> list[Place]:
    """Every place in a decoded JSON value: each key of each object, each item of each list."""
    found: list[Place] = []
    if isinstance(value, dict):
        for key, item in value.items():
            found.append((*prefix, key))
            found.extend(places(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.append((*prefix, index))
            found.extend(places(item, (*prefix, index)))
    return found


def containers(value: Any, prefix: Place = ()) -> list[Place]:
    """The places of every object (where a key can be added), the record's own first."""
    found: list[Place] = [prefix] if isinstance(value, dict) else []
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(containers(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(containers(item, (*prefix, index)))
    return found


def at(value: Any, place: Place) -> Any:
    """The value at ``place``."""
    for step in place:
        value = value[step]
    return value


@dataclass(frozen=True)
class Change:
    """One change to a record: ``replace`` the value at a place, ``remove`` it, or ``add`` a key."""

    kind: str
    place: Place
    value: Any = None
    key: str = ""

    def apply(self, record: Any) -> Any:
        """A changed copy of ``record``."""
        changed = copy.deepcopy(record)
        if self.kind == "add":
            at(changed, self.place)[self.key] = self.value
            return changed
        if not self.place:
            return self.value
        parent = at(changed, self.place[:-1])
        if self.kind == "remove":
            del parent[self.place[-1]]
        else:
            parent[self.place[-1]] = self.value
        return changed


@st.composite
def changes(draw: st.DrawFn, record: Any, max_changes: int = 3) -> Any:
    """``record`` with one to ``max_changes`` changes at places drawn from all of its places."""
    for _ in range(draw(st.integers(1, max_changes))):
        kind = draw(st.sampled_from(["replace", "replace", "remove", "add"]))
        value = draw(JSON_VALUES | st.just(DEEP))
        if kind == "add":
            spots = containers(record)
            if not spots:
                continue
            change = Change("add", draw(st.sampled_from(spots)), value, draw(TEXT))
        else:
            spots = places(record)
            if not spots:
                continue
            change = Change(kind, draw(st.sampled_from(spots)), value)
        record = change.apply(record)
    return record


def dumps(value: Any, depth: int = 300) -> bytes:
    """``value`` as JSON bytes (NaN and lone surrogates as Python writes them); `DEEP` nests."""
    text = json.dumps(value, ensure_ascii=False)
    text = text.replace(json.dumps(DEEP), "[" * depth + "1" + "]" * depth)
    return text.encode("utf-8", "surrogatepass")


@st.composite
def garbled(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` cut short, with bytes changed, or with bytes put in (or as it is)."""
    how = draw(st.sampled_from(["cut", "change", "insert", "as is"]))
    if how == "cut" and data:
        return data[: draw(st.integers(0, len(data) - 1))]
    if how == "as is" or not data:
        return data
    result = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.integers(0, len(result) - 1))
        chunk = draw(st.binary(min_size=1, max_size=4) | st.sampled_from(SPECIAL_BYTES))
        if how == "change":
            result[where : where + len(chunk)] = chunk
        else:
            result[where:where] = chunk
    return bytes(result)


SPECIAL_BYTES = [
    b"\x00",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\xc3",
    b'"',
    b"\n",
    b"\r",
    b"\t",
    b"\\",
    b"{[",
]
"""Bytes that end a UTF-8 sequence early, start a BOM, quote, or break a line."""

DEPTHS = st.sampled_from([99, 100, 101, 300, 1100])
"""Nesting depths around our limit, and past orjson's (1024)."""


def toml_value(value: Any) -> str:
    """``value`` written as a TOML value (inline tables for objects; null as an empty string)."""
    if value is None:
        return '""'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return (
            "nan"
            if math.isnan(value)
            else ("inf" if value > 0 else "-inf")
            if math.isinf(value)
            else repr(value)
        )
    if isinstance(value, str):
        if value == DEEP:
            return "[" * 3000 + "]" * 3000
        return json.dumps(value)  # JSON's escapes are TOML's (a lone surrogate is not: an error)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return (
        "{" + ", ".join(f"{json.dumps(str(k))} = {toml_value(v)}" for k, v in value.items()) + "}"
    )


def toml_document(tables: dict[str, Any]) -> bytes:
    """A TOML document: each top-level key a ``[table]`` when it is an object, else a value."""
    lines = []
    for key, value in tables.items():
        if isinstance(value, dict):
            lines.append(f"[{json.dumps(str(key))}]")
            lines.extend(f"{json.dumps(str(k))} = {toml_value(v)}" for k, v in value.items())
        else:
            lines.insert(0, f"{json.dumps(str(key))} = {toml_value(value)}")
    return "\n".join(lines).encode("utf-8", "surrogatepass") + b"\n"


@dataclass
class Tally:
    """Inputs tried and exceptions that were not ours, per reader."""

    inputs: dict[str, int] = field(default_factory=dict)
    refused: dict[str, int] = field(default_factory=dict)
    unexpected: dict[str, list[str]] = field(default_factory=dict)

    def tried(self, reader: str, count: int = 1) -> None:
        """Count ``count`` inputs given to ``reader``."""
        self.inputs[reader] = self.inputs.get(reader, 0) + count
        self.unexpected.setdefault(reader, [])

    def refuse(self, reader: str) -> None:
        """Count a call that ended in our own error."""
        self.refused[reader] = self.refused.get(reader, 0) + 1

    def failed(self, reader: str, exc: BaseException) -> None:
        """Note an exception that is not one of ours."""
        self.unexpected.setdefault(reader, []).append(f"{type(exc).__name__}: {exc}"[:300])

    def line(self, reader: str) -> str:
        """``reader: N inputs (R calls refused), M unexpected exceptions``."""
        return (
            f"{reader}: {self.inputs.get(reader, 0)} inputs"
            f" ({self.refused.get(reader, 0)} calls refused with our error),"
            f" {len(self.unexpected.get(reader, []))} unexpected exceptions"
        )
