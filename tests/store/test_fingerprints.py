"""Tests of annotator/store/fingerprints.py: keys and fingerprints never change their text.

Packages and projects store keys and fingerprints; a merge compares them with
ones computed now. These tests hold the fast ways of writing them to the
definition they were first written by: ``json.dumps(values, ensure_ascii=False)``
of the key columns, and BLAKE2b (16 bytes, hex) of that JSON of the compared columns.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from annotator.store.fingerprints import (
    OPTIONAL_LAST,
    TRACKED,
    digest,
    key_text,
    row_key,
    tuple_readers,
)

VALUES = st.one_of(
    st.none(),
    st.text(),  # any code point: quotes, backslashes, control characters, lone surrogates
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
)


def first_written(table: str, row: dict[str, Any]) -> tuple[str, str]:
    """The key and fingerprint of a row as the first version of merges wrote them.

    A claim's ``segments`` (version 11) count only when set: a claim in one
    piece has the fingerprint it had before the column existed.
    """
    key_columns, content = TRACKED[table]
    if table in OPTIONAL_LAST and row[OPTIONAL_LAST[table]] is None:
        content = content[:-1]
    key = json.dumps([row[c] for c in key_columns], ensure_ascii=False)
    text = json.dumps([row[c] for c in content], ensure_ascii=False)
    return key, hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


@given(table=st.sampled_from(sorted(TRACKED)), data=st.data())
def test_keys_and_fingerprints_are_written_as_ever(table: str, data: st.DataObject) -> None:
    key_columns, content = TRACKED[table]
    columns = list(dict.fromkeys([*content, "updated_at", *key_columns]))
    row = {c: data.draw(VALUES, label=c) for c in columns}
    expected_key, expected_digest = first_written(table, row)

    assert row_key(table, row) == expected_key
    assert digest(table, row) == expected_digest
    key_of, digest_of = tuple_readers(table, columns)
    values = tuple(row[c] for c in columns)
    assert key_text(key_of(values)) == expected_key
    assert digest_of(values) == expected_digest


@given(st.text())
def test_a_one_column_key_is_the_json_of_its_text(text: str) -> None:
    assert key_text((text,)) == json.dumps([text], ensure_ascii=False)


def test_a_claim_in_one_piece_keeps_the_fingerprint_it_had_before_segments() -> None:
    """Packages made before version 11 hold fingerprints without ``segments``."""
    _, content = TRACKED["claims"]
    row = {c: None for c in content} | {"id": "c1", "start": 1, "end": 5}
    before = json.dumps([row[c] for c in content[:-1]], ensure_ascii=False)
    assert digest("claims", row) == hashlib.blake2b(before.encode(), digest_size=16).hexdigest()
    assert digest("claims", {**row, "segments": "[[1,2],[3,5]]"}) != digest("claims", row)
