"""Newline normalisation keeps span offsets pointing at the same characters."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.text import normalize_newlines, text_sha256


def test_unchanged_text_has_no_map() -> None:
    assert normalize_newlines("one\ntwo") == ("one\ntwo", None)


def test_crlf_and_lone_cr_become_lf_and_offsets_follow() -> None:
    original = "Velgrad\r\nsaid\rno\r\n"
    text, mapping = normalize_newlines(original)
    assert text == "Velgrad\nsaid\nno\n"
    assert mapping is not None
    start = original.index("said")
    assert text[mapping(start) : mapping(start + 4)] == "said"
    start = original.index("no")
    assert text[mapping(start) : mapping(start + 2)] == "no"
    assert mapping(len(original)) == len(text)


@given(st.lists(st.sampled_from(["a", "é", "😀", "\r\n", "\r", "\n", " "]), max_size=40))
def test_map_preserves_every_non_newline_character(parts: list[str]) -> None:
    original = "".join(parts)
    text, mapping = normalize_newlines(original)
    for i, ch in enumerate(original):
        if ch in "\r\n":
            continue
        new = mapping(i) if mapping else i
        assert text[new] == ch


def test_sha256_is_of_utf8_bytes() -> None:
    # expected value from `printf "\\xc3\\xa9" | sha256sum`
    assert text_sha256("é") == "4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c"
