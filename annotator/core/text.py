"""Article text as stored: newline normalisation, the text fingerprint and titles."""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left

from annotator.core.words import elide_words


def text_sha256(text: str) -> str:
    """Hex SHA-256 of the UTF-8 bytes of ``text``; pins an article's text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class NewlineMap:
    """Maps code point offsets of an original text to the text with ``\\r`` removed.

    Spans given against the original (``\\r\\n`` line ends) still point at the
    same characters after normalisation.
    """

    __slots__ = ("_removed",)

    def __init__(self, removed: list[int]) -> None:
        self._removed = removed  # offsets, in the original text, of each removed "\r"

    def __call__(self, offset: int) -> int:
        """The normalised offset of original ``offset``."""
        return offset - bisect_left(self._removed, offset)


def normalize_newlines(text: str) -> tuple[str, NewlineMap | None]:
    """Turn ``\\r\\n`` and lone ``\\r`` into ``\\n``.

    Returns:
        The normalised text, and a map for offsets into the original text, or
        None when nothing changed (the common case costs one scan).
    """
    if "\r" not in text:
        return text, None
    removed = []
    pos = text.find("\r")
    while pos != -1:
        if text.startswith("\n", pos + 1):
            removed.append(pos)
        pos = text.find("\r", pos + 1)
    normalized = text.replace("\r\n", "\n").replace("\r", "\n")
    return normalized, NewlineMap(removed)


TITLE_RULES = ("auto", "first-line", "none")
"""How the first line of a plain-text article is read; see `split_title`."""

TITLE_MAX_CHARS = 100
"""The longest first line `auto` takes for a title when no blank line follows it."""
TITLE_MAX_CHARS_BEFORE_BLANK = 150
"""The longest first line `auto` takes for a title when a blank line follows it."""
DISPLAY_TITLE_CHARS = 60
"""At most this many characters of the text (then "…") stand in for a missing title."""

_LINE_END = re.compile(r"\r\n|\r|\n")
_CLOSERS = "\"'”’»)]"  # closing quotes and brackets, looked through at the end of a line
_NEVER_ENDS_A_TITLE = frozenset(".,;:")  # a full stop, or a sentence going on below
_ENDS_A_SENTENCE = frozenset("!?…")  # a title only when a blank line sets it off


def _from_first_text_line(text: str) -> str:
    """``text`` without its leading blank (empty or whitespace-only) lines."""
    found = re.search(r"\S", text)
    if found is None:
        return ""
    start = max(text.rfind("\n", 0, found.start()), text.rfind("\r", 0, found.start())) + 1
    return text[start:]


def looks_like_title(line: str, blank_line_follows: bool) -> bool:
    """Whether the first line of a plain-text file reads as a headline (the `auto` rule).

    A line is a title when it is at most `TITLE_MAX_CHARS` characters long (at
    most `TITLE_MAX_CHARS_BEFORE_BLANK` when a blank line follows it), does not
    end in ``. , ; :``, and ends in ``! ? …`` only when a blank line follows it;
    closing quotes and brackets at its end are looked through. Paragraphs are
    longer, or end like sentences.

    Args:
        line: the line, without its line break.
        blank_line_follows: whether the next line is empty or whitespace only.
    """
    line = line.strip()
    limit = TITLE_MAX_CHARS_BEFORE_BLANK if blank_line_follows else TITLE_MAX_CHARS
    if not line or len(line) > limit:
        return False
    last = line.rstrip(_CLOSERS)[-1:]
    if last in _NEVER_ENDS_A_TITLE:
        return False
    return blank_line_follows or last not in _ENDS_A_SENTENCE


def split_title(content: str, rule: str = "auto") -> tuple[str, str]:
    """The title and the text of a plain-text file's content.

    Leading blank lines are dropped in every rule; every other character is
    kept, line breaks as they are (the importer normalises them later).

    - ``first-line``: the first line is the title (stripped), the text what
      follows it without the blank lines between; a file of one line is both.
    - ``none``: no title; the whole content is the text.
    - ``auto``: as ``first-line`` when some text follows the first line and
      `looks_like_title` says it reads as a headline; otherwise as ``none``.

    Args:
        content: the decoded file, BOM removed; line breaks may be ``\\n``,
            ``\\r\\n`` or ``\\r``.
        rule: one of `TITLE_RULES`.

    Returns:
        ``(title, text)``; the title is ``""`` when there is none.

    Raises:
        ValueError: an unknown rule.
    """
    if rule not in TITLE_RULES:
        raise ValueError(f"unknown title rule {rule!r}; use one of {', '.join(TITLE_RULES)}")
    body = _from_first_text_line(content)
    if rule == "none":
        return "", body
    end = _LINE_END.search(body)
    first, rest = (body[: end.start()], body[end.end() :]) if end else (body, "")
    after = _from_first_text_line(rest)
    if rule == "first-line":
        return first.strip(), after or body
    if not after:
        return "", body
    next_line = _LINE_END.split(rest, maxsplit=1)[0]
    if looks_like_title(first, blank_line_follows=not next_line.strip()):
        return first.strip(), after
    return "", body


def derive_title(text: str, limit: int = DISPLAY_TITLE_CHARS) -> str:
    """A short stand-in title made of the first words of ``text`` (for display only).

    Runs of whitespace, line breaks included, become one space; a longer text
    is cut at the last word boundary within ``limit`` characters (mid-word
    when its first word is longer) and ends in "…".
    """
    return elide_words(text, limit + 1)  # the words within ``limit``, then "…"


def display_title(title: str, text: str) -> str:
    """What the UI shows as an article's title: its own, or one derived from its text."""
    return title if title.strip() else derive_title(text)
