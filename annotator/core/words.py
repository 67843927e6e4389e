"""Snapping a selection to word boundaries without splitting a character cluster.

Annotators select roughly; labels should start and end on whole words. A
selection is trimmed of surrounding white space, then widened to the words it
touches. Whatever happens, a boundary never falls inside a user-perceived
character: an emoji with its skin tone or ZWJ sequence, a flag (two regional
indicators), or a letter with combining accents.

`elide_words` shortens a quote for a list or a message the same way: at a
word boundary, never inside a character.
"""

from __future__ import annotations

import unicodedata

from annotator.core.spans import Span

ZWJ = "\u200d"
_JOINING_PUNCTUATION = "'’-_"
_DANGLING = " ,;:-–—"  # dropped before an "…"


def _is_extender(ch: str) -> bool:
    """True for characters that attach to the one before them."""
    if ch == ZWJ or "\ufe00" <= ch <= "\ufe0f" or "\U0001f3fb" <= ch <= "\U0001f3ff":
        return True  # joiner, variation selectors, skin-tone modifiers
    return unicodedata.category(ch) in ("Mn", "Mc", "Me")


def _is_regional(ch: str) -> bool:
    return "\U0001f1e6" <= ch <= "\U0001f1ff"


def is_cluster_boundary(text: str, pos: int) -> bool:
    """True if ``pos`` does not fall inside a user-perceived character of ``text``."""
    if pos <= 0 or pos >= len(text):
        return True
    if _is_extender(text[pos]) or text[pos - 1] == ZWJ:
        return False
    if _is_regional(text[pos]) and _is_regional(text[pos - 1]):
        run = 0
        while pos - run - 1 >= 0 and _is_regional(text[pos - run - 1]):
            run += 1
        return run % 2 == 0  # flags pair up from the start of the run
    return True


def cluster_start(text: str, pos: int) -> int:
    """The nearest cluster boundary at or before ``pos``."""
    while not is_cluster_boundary(text, pos):
        pos -= 1
    return pos


def cluster_end(text: str, pos: int) -> int:
    """The nearest cluster boundary at or after ``pos``."""
    while not is_cluster_boundary(text, pos):
        pos += 1
    return pos


def _is_word(text: str, i: int) -> bool:
    ch = text[i]
    if ch.isalnum() or _is_extender(ch):
        return True
    if ch in _JOINING_PUNCTUATION:  # "don't", "Saint-Denis": inside a word only
        return 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()
    return False


def is_word_at(text: str, i: int) -> bool:
    """True if ``text[i]`` belongs to a word (letters, digits, accents, inner apostrophes)."""
    return _is_word(text, i)


def snap_to_words(text: str, start: int, end: int) -> Span:
    """Widen ``[start, end)`` to whole words, after trimming white space at both ends.

    A selection of only white space or punctuation keeps its extent (at
    cluster boundaries): the annotator may mean exactly that.
    """
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return Span(cluster_start(text, start), cluster_end(text, end))
    if _is_word(text, start):
        while start > 0 and _is_word(text, start - 1):
            start -= 1
    if _is_word(text, end - 1):
        selected_end = end
        while end < len(text) and _is_word(text, end):
            end += 1
        end = before_possessive(text, end, selected_end)
    return Span(cluster_start(text, start), cluster_end(text, end))


def before_possessive(text: str, end: int, least: int = 0) -> int:
    """``end`` moved before a possessive ending ("Li Zhanshu's" -> "Li Zhanshu").

    A name's snap stops before ``'s`` / ``’s`` unless the selection already
    reached into it (``least`` beyond the apostrophe): the mention is the
    name, not its genitive.
    """
    if (
        end >= 3
        and text[end - 1] in "sS"
        and text[end - 2] in "'’"
        and text[end - 3].isalnum()
        and least <= end - 2
    ):
        return end - 2
    return end


def elide_words(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters, cut at a word boundary and ended with "…".

    Runs of white space (line breaks too) become one space first. A text
    whose first word alone is too long is cut inside it, but never inside a
    user-perceived character (an emoji, a flag, a letter with its accent).
    Punctuation left dangling before the "…" (``, ; : -``) is dropped.
    """
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat.rfind(" ", 0, limit + 1)
    while cut > 0:
        head = flat[:cut].rstrip(_DANGLING)
        if len(head) < limit:  # room for the "…"
            return head + "…"
        cut = flat.rfind(" ", 0, cut)
    return flat[: cluster_start(flat, max(0, limit - 1))].rstrip(_DANGLING) + "…"
