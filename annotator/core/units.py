"""Units of text a selection grows and shrinks by: characters, words, clauses, sentences.

The keyboard moves either end of a selection by one character or one word,
and widens a selection step by step to the word, the clause, the sentence and
the paragraph around it. These functions say where those boundaries are in
the stored text (code points); a boundary never falls inside a
user-perceived character (see `annotator.core.words`).

Sentences end at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or
brackets) before white space, unless the word before the full stop is a
common abbreviation ("Mr.", "Gen.") or a single letter ("U.S."). Clauses are
the parts of a sentence between ``,``, ``;``, ``:``, dashes and brackets.
Both are heuristics for news text; a selection can always be adjusted by
word or character afterwards.
"""

from __future__ import annotations

import re

from annotator.core.spans import Span
from annotator.core.words import before_possessive, cluster_end, cluster_start, is_word_at

_TITLES = "mr mrs ms dr prof st gen col lt sgt sen rep gov pres jr sr"
_OTHERS = "no vs etc inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec"
ABBREVIATIONS = frozenset(f"{_TITLES} {_OTHERS}".split())
"""Words whose full stop does not end a sentence (any case)."""

# Latin, Arabic (؟ ۔) and CJK (。！？) full stops; CJK ones need no space after them.
_SENTENCE_END = re.compile(r"(?:[.!?…؟۔]+[\"'”’»)\]]*(?=\s|$)|[。！？]+[」』）”’]*)")
# Commas, semicolons, colons (Latin, Arabic ، ؛, CJK ，；：、), dashes and brackets.
_CLAUSE_BREAK = re.compile(r"\s*(?:[,;:()\[\]،؛，；：、（）]|\s[-–—]\s|[–—])\s*")


def _skip(text: str, pos: int, step: int, word: bool) -> int:
    """Move from ``pos`` in direction ``step`` over characters that are (not) word characters."""
    if step > 0:
        while pos < len(text) and is_word_at(text, pos) == word:
            pos += 1
    else:
        while pos > 0 and is_word_at(text, pos - 1) == word:
            pos -= 1
    return pos


def next_character(text: str, pos: int, step: int) -> int:
    """The cluster boundary one user-perceived character after (+1) or before (-1) ``pos``."""
    if step > 0:
        return cluster_end(text, min(len(text), pos + 1))
    return cluster_start(text, max(0, pos - 1))


def move_end_by_word(text: str, end: int, step: int) -> int:
    """A selection's end moved to the end of the next (+1) or previous (-1) word."""
    if step > 0:
        found = _skip(text, _skip(text, end, +1, word=False), +1, word=True)
        name = before_possessive(text, found)
        return name if name > end else found  # a possessive ending is a step of its own
    return _skip(text, _skip(text, end, -1, word=True), -1, word=False)


def move_start_by_word(text: str, start: int, step: int) -> int:
    """A selection's start moved to the start of the next (+1) or previous (-1) word."""
    if step > 0:
        return _skip(text, _skip(text, start, +1, word=True), +1, word=False)
    return _skip(text, _skip(text, start, -1, word=False), -1, word=True)


def word_at(text: str, pos: int) -> Span:
    """The word at (or, failing that, just before) ``pos``; an empty span between words."""
    if pos < len(text) and is_word_at(text, pos):
        start, end = _skip(text, pos, -1, word=True), _skip(text, pos, +1, word=True)
    elif pos > 0 and is_word_at(text, pos - 1):
        start, end = _skip(text, pos, -1, word=True), pos
    else:
        return Span(pos, pos)
    return Span(start, before_possessive(text, end, pos))


def paragraph_at(text: str, span: Span) -> Span:
    """The paragraph (line) holding ``span``, without its line break."""
    start = text.rfind("\n", 0, span.start) + 1
    end = text.find("\n", span.end)
    return Span(start, len(text) if end < 0 else end)


def _sentence_ends(text: str, paragraph: Span) -> list[int]:
    """Offsets just after each sentence end inside a paragraph (the paragraph's end last)."""
    ends = []
    for match in _SENTENCE_END.finditer(text, paragraph.start, paragraph.end):
        if match.group().startswith(".") and _is_abbreviation(text, match.start()):
            continue
        ends.append(match.end())
    if not ends or ends[-1] < paragraph.end:
        ends.append(paragraph.end)
    return ends


def _is_abbreviation(text: str, stop: int) -> bool:
    """True when the full stop at ``stop`` ends an abbreviation ("Gen.", "U.S.")."""
    begin = stop
    while begin > 0 and (text[begin - 1].isalpha() or text[begin - 1] == "."):
        begin -= 1
    word = text[begin:stop].rstrip(".").split(".")[-1]
    return len(word) == 1 or word.casefold() in ABBREVIATIONS


QUOTE_MARKS = "\"'“”‘’«»„‚"
"""Quotation marks a clause is trimmed of at either end (a sentence keeps them)."""


def _trimmed(text: str, start: int, end: int, marks: str = "") -> Span:
    """``[start, end)`` without white space (and any of ``marks``) at either end."""
    while start < end and (text[start].isspace() or text[start] in marks):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in marks):
        end -= 1
    return Span(start, end)


def trimmed(text: str, span: Span) -> Span:
    """``span`` without white space at either end (empty if it is all white space)."""
    return _trimmed(text, span.start, span.end)


def sentence_at(text: str, span: Span) -> Span:
    """The sentence(s) holding ``span``, with its final punctuation, within its paragraph."""
    paragraph = paragraph_at(text, span)
    start = paragraph.start
    end = paragraph.end
    for stop in _sentence_ends(text, paragraph):
        if stop <= span.start:
            start = stop
        elif stop >= span.end:
            end = stop
            break
    return _trimmed(text, start, end)


def clause_at(text: str, span: Span) -> Span:
    """The clause holding ``span``: the part of its sentence between commas, dashes, brackets."""
    sentence = sentence_at(text, span)
    start, end = sentence.start, sentence.end
    for match in _CLAUSE_BREAK.finditer(text, sentence.start, sentence.end):
        if match.end() <= span.start:
            start = match.end()
        elif match.start() >= span.end:
            end = match.start()
            break
    found = _trimmed(text, start, end, QUOTE_MARKS)  # a quoted clause: its words
    if found.end == sentence.end:  # the sentence's own full stop is not part of its clause
        end = found.end
        while end > found.start + 1 and text[end - 1] in ".!?…؟۔。！？":
            end -= 1
        found = Span(found.start, end)
    return found


def expand(text: str, span: Span) -> Span:
    """The next larger unit around ``span``: word, clause, sentence, paragraph (or itself)."""
    word = word_at(text, span.start) if span.start == span.end else span
    for found in (word, clause_at(text, span), sentence_at(text, span), paragraph_at(text, span)):
        inside = found.start <= span.start and found.end >= span.end
        if inside and found != span and found.end > found.start:
            return found
    return span


_QUOTES = {"'": "['’‘]", "’": "['’‘]", "‘": "['’‘]", '"': '["“”]', "“": '["“”]', "”": '["“”]'}


def find_phrase(text: str, phrase: str, limit: int) -> list[Span]:
    """Where ``phrase`` occurs in ``text`` as typed, in text order (at most ``limit``).

    Any case; a run of white space matches any run; straight and curly
    quotes match each other. A hit starts and ends on word boundaries
    (typing "posit" does not find "positioning"), so it can become a label's
    selection as it is.
    """
    words = phrase.split()
    if not words:
        return []
    parts = []
    for word in words:
        parts.append("".join(_QUOTES.get(ch, re.escape(ch)) for ch in word))
    pattern = "(?:" + r"\s+".join(parts) + ")"
    typed = " ".join(words)
    if is_word_at(typed, 0):
        pattern = r"(?<!\w)" + pattern
    if is_word_at(typed, len(typed) - 1):
        # The hit ends on a word boundary: not inside "don't", but before a closing
        # quote ("the ‘operation’") and before a possessive ("China’s").
        pattern += r"(?:(?!\w|['’]\w)|(?=['’]s\b))"
    found = re.compile(pattern, re.IGNORECASE).finditer(text)
    return [Span(*m.span()) for _, m in zip(range(limit), found, strict=False)]
