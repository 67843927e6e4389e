"""The title rule of plain-text articles, and the title shown for an article without one."""

from __future__ import annotations

import pytest

from annotator.core.text import (
    DISPLAY_TITLE_CHARS,
    TITLE_RULES,
    derive_title,
    display_title,
    looks_like_title,
    split_title,
)

LEAD = (
    "The harbour board of Velmar said on Tuesday that grain barges would wait at anchor"
    " until the lock gates are repaired, a delay it put at nine days."
)
"""A first paragraph: long, and ending like a sentence."""

SHAPES = {
    "title, blank line, text": ("Lock gates fail at Velmar\n\n" + LEAD + "\nMore.\n"),
    "title line, then a paragraph": ("Lock gates fail at Velmar\n" + LEAD + "\nMore.\n"),
    "paragraphs only": (LEAD + "\nBarge crews were told to stay on board.\n"),
    "paragraphs with blank lines between": (LEAD + "\n\nBarge crews stayed on board.\n"),
}


@pytest.mark.parametrize(
    ("shape", "title"),
    [
        ("title, blank line, text", "Lock gates fail at Velmar"),
        ("title line, then a paragraph", "Lock gates fail at Velmar"),
        ("paragraphs only", ""),
        ("paragraphs with blank lines between", ""),
    ],
)
def test_auto_takes_a_title_only_where_there_is_one(shape: str, title: str) -> None:
    content = SHAPES[shape]

    found, text = split_title(content, "auto")

    assert found == title
    if title:
        assert text == content.split("\n", 1)[1].lstrip("\n")
    else:
        assert text == content  # every character of the file is the text


@pytest.mark.parametrize("shape", SHAPES)
def test_none_keeps_the_whole_file_as_text(shape: str) -> None:
    assert split_title(SHAPES[shape], "none") == ("", SHAPES[shape])


@pytest.mark.parametrize("shape", SHAPES)
def test_first_line_always_takes_the_first_line(shape: str) -> None:
    first, rest = SHAPES[shape].split("\n", 1)
    assert split_title(SHAPES[shape], "first-line") == (first, rest.lstrip("\n"))


@pytest.mark.parametrize(
    ("line", "blank_after", "title"),
    [
        ("Dock workers vote to strike in Orsk", False, True),
        ("Dock workers vote to strike in Orsk.", False, False),
        ("Dock workers vote to strike in Orsk.", True, False),  # a one-sentence paragraph
        ("Will the Orsk docks reopen?", False, False),
        ("Will the Orsk docks reopen?", True, True),
        ("“We will not go back,” says union", False, True),
        ("The union said: “We will not go back.”", False, False),
        ("The union said: “We will not go back!”", True, True),
        ("The union leader told reporters in Orsk:", True, False),
        ("Strike called off…", False, False),
        ("x" * 100, False, True),
        ("x" * 101, False, False),
        ("x" * 150, True, True),
        ("x" * 151, True, False),
    ],
)
def test_looks_like_title(line: str, blank_after: bool, title: bool) -> None:
    assert looks_like_title(line, blank_after) is title


def test_crlf_lone_cr_and_leading_blank_lines_in_every_rule() -> None:
    crlf = "\r\n  \r\nLock gates fail\r\n\r\nBarges wait.\r\nCrews stay.\r\n"
    cr = "Lock gates fail\rBarges wait.\rCrews stay.\r"

    assert split_title(crlf, "auto") == ("Lock gates fail", "Barges wait.\r\nCrews stay.\r\n")
    assert split_title(crlf, "first-line") == split_title(crlf, "auto")
    assert split_title(crlf, "none") == ("", crlf[6:])  # only the blank lines before go
    assert split_title(cr, "auto") == ("Lock gates fail", "Barges wait.\rCrews stay.\r")
    assert split_title(cr, "none") == ("", cr)


def test_a_file_of_one_line_is_the_text_and_under_first_line_also_the_title() -> None:
    assert split_title("Barges wait at Velmar\n", "auto") == ("", "Barges wait at Velmar\n")
    assert split_title("Barges wait at Velmar\n", "none") == ("", "Barges wait at Velmar\n")
    assert split_title("Barges wait at Velmar\n", "first-line") == (
        "Barges wait at Velmar",
        "Barges wait at Velmar\n",
    )


def test_no_rule_drops_a_character_other_than_whitespace() -> None:
    content = "\n\n  Lock gates fail  \n \nBarges wait.\n\n"
    for rule in TITLE_RULES:
        title, text = split_title(content, rule)
        assert "".join((title + text).split()) == "".join(content.split()), rule


def test_unknown_rule_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown title rule 'headline'"):
        split_title("Lock gates fail\n\nBarges wait.", "headline")


def test_derived_title_is_cut_at_a_word_boundary() -> None:
    derived = derive_title(LEAD)

    assert derived == "The harbour board of Velmar said on Tuesday that grain…"
    assert len(derived) <= DISPLAY_TITLE_CHARS + 1
    assert derive_title("  Barges\nwait  at Velmar.\n") == "Barges wait at Velmar."
    assert derive_title("x" * 70) == "x" * DISPLAY_TITLE_CHARS + "…"
    assert derive_title("") == ""


def test_display_title_is_the_own_title_or_derived() -> None:
    assert display_title("Lock gates fail", LEAD) == "Lock gates fail"
    assert display_title("", LEAD) == derive_title(LEAD)
    assert display_title("  ", "Barges wait.") == "Barges wait."


def test_a_derived_title_never_splits_a_flag_or_an_accent() -> None:
    flags = "🇺🇸" * 40
    assert derive_title(flags, 9).removesuffix("…") == "🇺🇸" * 4
    accents = "e\u0301" * 40
    title = derive_title(accents, 9).removesuffix("…")
    assert title == "e\u0301" * (len(title) // 2) and title
