"""Sentences, quotations and words of an article, with code point offsets.

Shared by the recommenders: the attribution patterns read sentences and the
quotations in them, the learned models and the link finder read sentences and
words. Everything here is a regular-expression scan of the text; nothing
normalises it, so every offset is a code point offset of the stored text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from annotator.core.spans import Span
from annotator.core.text import looks_like_title

_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
WORD = re.compile(rf"[^\W_](?:[\w{_MARKS}]|['’\-](?=[^\W_]))*")
"""A word: letters and digits with their combining accents, inner apostrophes and hyphens."""

_TOKEN = re.compile(rf"{WORD.pattern}|\S")

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "gen",
        "sen",
        "rep",
        "gov",
        "lt",
        "col",
        "capt",
        "sgt",
        "no",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "inc",
        "ltd",
        "co",
        "corp",
        "jr",
        "sr",
        "fig",
        "approx",
        "ca",
        "cf",
    ]
)
_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+|$)")
_OPENERS = "\"'“‘«„»‹(["


def _starts_sentence(text: str, pos: int, stop: int) -> bool:
    """True if white space at ``pos`` is followed by what may start a sentence."""
    rest = text[pos:stop]
    body = rest.lstrip()
    if body == rest or not body:
        return False
    first = body[0]
    return first in _OPENERS or first.isupper() or first.isdigit()


@dataclass(frozen=True, slots=True)
class Token:
    """A word or a punctuation mark, and where it is.

    ``folded`` is the text in lower case with curly apostrophes made straight;
    ``is_word`` is False for a punctuation mark or symbol.
    """

    start: int
    end: int
    text: str
    folded: str
    is_word: bool


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The words and marks of ``text[start:end]``, with offsets into ``text``."""
    stop = len(text) if end is None else end
    return [
        Token(m.start(), m.end(), w, w.casefold().replace("’", "'"), w[0].isalnum())
        for m in _TOKEN.finditer(text, start, stop)
        for w in (m.group(),)
    ]


def words(text: str) -> list[str]:
    """The words of ``text`` in lower case (for features and similarity)."""
    return [m.group().casefold().replace("’", "'") for m in WORD.finditer(text)]


def paragraphs(text: str) -> list[Span]:
    """The non-blank lines of ``text``, stripped of surrounding white space."""
    found = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            found.append(Span(match.start() + lead, match.start() + lead + len(stripped)))
    return found


def quotations(text: str, span: Span, marks: Iterable[tuple[str, str]]) -> list[Span]:
    """The quotations in ``text[span]``, each from its opening mark to its closing mark.

    A mark that opens and closes (``"``) pairs with the next one; an opening
    mark must not follow a letter and a closing one must not precede a
    letter, so that "China’s" holds no quotation. Quotations do not nest:
    the outermost one is kept. Unpaired marks are ignored.
    """
    found: list[Span] = []
    pairs = dict(marks)
    if not pairs:
        return found
    opening = re.compile("[" + "".join(re.escape(m) for m in pairs) + "]")
    pos = span.start
    while (match := opening.search(text, pos, span.end)) is not None:
        pos = match.start()
        if pos == 0 or not text[pos - 1].isalnum():
            end = _closing(text, pos + 1, span.end, pairs[text[pos]])
            if end is not None:
                found.append(Span(pos, end + 1))
                pos = end + 1
                continue
        pos += 1
    return found


def _closing(text: str, pos: int, stop: int, close: str) -> int | None:
    while True:
        end = text.find(close, pos, stop)
        if end < 0:
            return None
        after = text[end + 1 : end + 2]
        if not after.isalnum():
            return end
        pos = end + 1


def sentences(text: str, span: Span, quoted: Iterable[Span] = ()) -> list[Span]:
    """The sentences of one paragraph ``text[span]``.

    A sentence ends at ``. ! ? …`` (and closing quotes or brackets after it)
    followed by white space and a capital letter, a digit or an opening mark,
    but not after a known abbreviation ("Mr.", "Jan.") or a single letter
    ("U.S."), and not inside one of the ``quoted`` spans, so that a quotation
    of several sentences stays in the sentence that cites it.
    """
    inside = sorted(quoted)
    found = []
    start = span.start
    for end in _END.finditer(text, span.start, span.end):
        stop = end.end()
        if stop >= span.end or not _starts_sentence(text, stop, min(span.end, stop + 8)):
            continue
        word = re.search(r"([\w.]+)\.$", text[max(start, end.start() - 12) : end.start() + 1])
        if text[end.start()] == "." and word and _is_abbreviation(word.group(1)):
            continue
        if any(q.start < stop < q.end for q in inside):
            continue
        found.append(Span(start, stop))
        start = stop + len(text[stop : span.end]) - len(text[stop : span.end].lstrip())
    if start < span.end:
        found.append(Span(start, span.end))
    return found


def _is_abbreviation(word: str) -> bool:
    last = word.rsplit(".", 1)[-1] if "." in word else word
    return (len(last) == 1 and last.isalpha()) or word.casefold() in _ABBREVIATIONS


def is_headline(text: str, line: Span, next_line: Span | None) -> bool:
    """True for a line that reads as a headline: short, one sentence, no final full stop.

    Uses `annotator.core.text.looks_like_title`; a line that ends in a
    closing quotation mark, or holds a sentence end inside it, is no headline.
    """
    words_ = text[line.start : line.end]
    if words_.endswith(("”", '"', "»", "’", "“", "」")):
        return False
    if re.search(r"[.!?]\s", words_):
        return False
    blank_follows = next_line is None or "\n\n" in text[line.end : next_line.start].replace(" ", "")
    return looks_like_title(words_, blank_follows)


def trim(text: str, span: Span, chars: str = " \t\n,.;:") -> Span:
    """``span`` without the ``chars`` at either end (an empty span stays where it was)."""
    start, end = span
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return Span(start, end)


def article_sentences(text: str, marks: Sequence[tuple[str, str]]) -> list[Span]:
    """The sentences of an article that are not headlines, in text order."""
    found = []
    lines = paragraphs(text)
    for i, line in enumerate(lines):
        if is_headline(text, line, lines[i + 1] if i + 1 < len(lines) else None):
            continue
        found += sentences(text, line, quotations(text, line, marks))
    return found
