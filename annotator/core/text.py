"""Article text as stored: newline normalisation and the text fingerprint."""

from __future__ import annotations

import hashlib
from bisect import bisect_left


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
