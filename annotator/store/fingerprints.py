"""Fingerprints of rows: the common base that a merge of a work package compares with.

A work package stores, for every row it was made with, a fingerprint of what
a merge compares (a claim's span and fields, not when it was saved). A merge
then tells, row by row, whether the package changed it, the project changed
it, or both. After a merge the lead's project keeps the fingerprints of the
package's rows as merged, so merging a later copy of the same package only
compares what changed since.

This module says what a fingerprint is; `annotator.store.packages` keeps them
(table ``merge_base``), and a schema update fingerprints the rows it rewrites
again (`annotator.store.schema_rewrite`), so the base stays comparable.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

from annotator.store.packages import Key as Key
from annotator.store.rows import CLAIM_COLUMNS

Row = dict[str, Any]

TRACKED: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # table: (primary key, the columns a merge compares; none: only whether the row exists)
    "actors": (("id",), ("name", "type")),
    "actor_aliases": (("actor_id", "alias"), ()),
    "mentions": (("id",), ("article_id", "annotator", "start", "end", "actor_id")),
    "claims": (("id",), CLAIM_COLUMNS[1:]),
    "claim_links": (("claim_a", "claim_b"), ()),
    "statuses": (("article_id", "annotator"), ("status", "comment")),
}
"""Tables whose rows a work package carries back, in the order a merge reads them."""

OPTIONAL_LAST: dict[str, str] = {"claims": "segments"}
"""Tables whose last compared column, when NULL, is left out of a fingerprint: a claim in
one piece (no ``segments``, every claim before version 11) keeps the fingerprint it had,
so packages made before the upgrade still merge against their base."""

# Keys and fingerprints are JSON as ``json.dumps(values, ensure_ascii=False)`` writes it
# (packages and projects store them, so the text must never change). One encoder made
# once writes exactly that, without `json.dumps` making a new one on every call; where
# the standard library has its C encoder, that is called directly (`JSONEncoder.encode`
# makes one for every value it writes).
_JSON = json.JSONEncoder(ensure_ascii=False)
_MAKE_C_ENCODER: Callable[..., Callable[[Any, int], Sequence[str]]] | None = getattr(
    json.encoder, "c_make_encoder", None
)
_C_ENCODER = (
    None
    if _MAKE_C_ENCODER is None
    else _MAKE_C_ENCODER(
        None, _JSON.default, json.encoder.encode_basestring, None, ": ", ", ", False, False, True
    )
)


def _json(values: Sequence[Any]) -> str:
    """``json.dumps(list(values), ensure_ascii=False)``, for values of table columns."""
    if _C_ENCODER is None:
        return _JSON.encode(values)
    return "".join(_C_ENCODER(values, 0))


_ESCAPED = re.compile(r'[\x00-\x1f"\\]')
"""What JSON escapes in a string when it keeps non-ASCII characters as they are."""


def _getter(columns: Sequence[str]) -> Callable[[Row], Sequence[Any]]:
    """Reads ``columns`` of a row as a sequence (JSON writes a tuple as a list)."""
    if len(columns) > 1:
        return itemgetter(*columns)
    return lambda row: [row[c] for c in columns]


_KEYS = {table: _getter(key) for table, (key, _) in TRACKED.items()}


def _content_getter(table: str, content: Sequence[str]) -> Callable[[Row], Sequence[Any]]:
    """`_getter` of the compared columns, without a NULL `OPTIONAL_LAST` column."""
    read = _getter(content)
    if table not in OPTIONAL_LAST:
        return read
    assert content[-1] == OPTIONAL_LAST[table]

    def without_null_last(row: Row) -> Sequence[Any]:
        values = read(row)
        return values[:-1] if values[-1] is None else values

    return without_null_last


_CONTENT = {table: _content_getter(table, content) for table, (_, content) in TRACKED.items()}


def key_text(values: Sequence[Any]) -> str:
    """Primary key values as the JSON text `row_key` gives."""
    if len(values) == 1:
        value = values[0]
        if type(value) is str and _ESCAPED.search(value) is None:
            return '["' + value + '"]'  # what the encoder writes, without it
    return _json(values)


def row_key(table: str, row: Row) -> str:
    """The primary key of ``row`` as JSON text (one string for keys of one or two columns)."""
    return key_text(_KEYS[table](row))


def key_tuple(table: str, row: Row) -> tuple[Any, ...]:
    """The primary key values of ``row``, in key order."""
    return tuple(_KEYS[table](row))


def key_values(table: str, key: str) -> Row:
    """The primary key columns and values of a `row_key`."""
    return dict(zip(TRACKED[table][0], json.loads(key), strict=True))


def digest(table: str, row: Row) -> str:
    """A fingerprint of what a merge compares in ``row``."""
    content = _json(_CONTENT[table](row))
    return hashlib.blake2b(content.encode(), digest_size=16).hexdigest()


def _values_getter(indices: Sequence[int]) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
    """Reads the values at ``indices`` of a sequence, as a tuple."""
    if len(indices) > 1:
        return itemgetter(*indices)
    if len(indices) == 1:
        (only,) = indices
        return lambda values: (values[only],)
    return lambda values: ()


def tuple_readers(
    table: str, columns: Sequence[str]
) -> tuple[Callable[[Sequence[Any]], tuple[Any, ...]], Callable[[Sequence[Any]], str]]:
    """For rows of ``table`` given as tuples of ``columns``: their key values and `digest`.

    Returns a function giving a row's primary key values (as `key_tuple` does)
    and one giving its fingerprint (as `digest` does), for many rows without a
    dict for each.
    """
    index = {column: position for position, column in enumerate(columns)}
    key_columns, content_columns = TRACKED[table]
    key_of = _values_getter([index[c] for c in key_columns])
    read = _values_getter([index[c] for c in content_columns])
    optional = table in OPTIONAL_LAST

    def content(values: Sequence[Any]) -> tuple[Any, ...]:
        found = read(values)
        return found[:-1] if optional and found[-1] is None else found

    def digest_of(values: Sequence[Any]) -> str:
        text = _json(content(values))
        return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()

    return key_of, digest_of


def content_of(table: str, row: Row) -> Row:
    """The columns of ``row`` a merge compares."""
    return {c: row[c] for c in TRACKED[table][1]}
