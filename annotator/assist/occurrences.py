"""Where actors are named in a text: to mark them all in one step, and to suggest mentions.

`find_occurrences` serves the UI's "mark every occurrence" of one actor;
`NameIndex` finds every name and alias of a whole registry (the actor
mentions recommender, the sources of the attribution patterns).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from annotator.core.model import Actor
from annotator.core.spans import Span, overlap


def find_occurrences(text: str, names: Iterable[str], taken: Iterable[Span]) -> list[Span]:
    """Whole-word occurrences of any of ``names`` that overlap none of ``taken``.

    Longer names win where names overlap ("the Norvanian government" over
    "Norvanian"); matching is case-sensitive, since "Turkey" and "turkey" differ.
    """
    unique = sorted({n.strip() for n in names if n.strip()}, key=len, reverse=True)
    if not unique:
        return []
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in unique) + r")(?!\w)")
    blocked = list(taken)
    found: list[Span] = []
    for match in pattern.finditer(text):
        span = Span(*match.span())
        if not any(overlap(span, other) for other in blocked):
            found.append(span)
            blocked.append(span)
    return found


_NAME_TOKEN = re.compile(r"[^\W_](?:[\w\u0300-\u036f]|['’\-](?=[^\W_]))*|\S")
_POSSESSIVE = re.compile(r"['’]s$|(?<=s)['’]$")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class NameMatch:
    """Where an actor's name or alias occurs in a text."""

    span: Span
    actor: str
    name: str
    possessive: bool = False
    """True when "'s" (or a bare apostrophe after s) follows the match."""


def _name_tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """Tokens of ``text[start:end]`` as (start, end, folded), possessive "'s" split off its word."""
    found = []
    stop = len(text) if end is None else end
    for match in _NAME_TOKEN.finditer(text, start, stop):
        word = match.group()
        suffix = _POSSESSIVE.search(word) if len(word) > 2 else None
        if suffix is not None:
            cut = match.start() + suffix.start()
            found.append((match.start(), cut, _fold(word[: suffix.start()])))
            found.append((cut, match.end(), "'s"))
        else:
            found.append((match.start(), match.end(), _fold(word)))
    return found


def _fold(word: str) -> str:
    """How a word is looked up: composed accents (NFC), lower case, straight apostrophes."""
    if word.isascii():
        return word.lower()
    return unicodedata.normalize("NFC", word).casefold().replace("’", "'")


def _normal(name: str) -> str:
    """How a matched name is compared: composed accents, single spaces, straight apostrophes."""
    return unicodedata.normalize("NFC", _SPACES.sub(" ", name.strip())).replace("’", "'")


class NameIndex:
    """The names and aliases of a registry, to find in texts by whole words.

    Lookup goes word by word through a dictionary of names (not one large
    regular expression), so a registry of thousands of actors costs little
    per article. A name matches where its words occur with any white space
    between them, before a possessive ("Norvania's"), in its own case or with
    its first letter capitalised ("observers" at the start of a sentence), or
    in any case when asked, with its accents composed or decomposed ("é" or
    "e" and U+0301; spans stay those of the text). Words joined by a hyphen are one word: "Velgrad"
    is not found in "Velgrad-based". A name two actors share is found for the
    first.
    """

    def __init__(self, actors: Iterable[Actor]) -> None:
        self._names: dict[tuple[str, ...], list[tuple[str, str]]] = {}
        self.types: dict[str, str | None] = {}
        self._words: dict[str, frozenset[str]] = {}
        for actor in actors:
            self.types[actor.id] = actor.type
            words: set[str] = set()
            for name in actor.names():
                key = tuple(t[2] for t in _name_tokens(name))
                words.update(key)
                if key:
                    self._names.setdefault(key, []).append((_normal(name), actor.id))
            self._words[actor.id] = frozenset(words)
        self._first = {key[0] for key in self._names}
        self._longest = max((len(key) for key in self._names), default=0)

    def __bool__(self) -> bool:
        return bool(self._names)

    def words_of(self, actor: str) -> frozenset[str]:
        """The words (folded) of an actor's name and aliases."""
        return self._words.get(actor, frozenset())

    def find(
        self,
        text: str,
        start: int = 0,
        end: int | None = None,
        *,
        ignore_case: bool = False,
        taken: Iterable[Span] = (),
    ) -> list[NameMatch]:
        """Occurrences in ``text[start:end]``, longest first where names overlap, in text order."""
        toks = _name_tokens(text, start, end)
        blocked = sorted(taken)
        found: list[NameMatch] = []
        i = 0
        while i < len(toks):
            if toks[i][2] not in self._first:
                i += 1
                continue
            matched = self._match_at(text, toks, i, ignore_case)
            if matched is None:
                i += 1
                continue
            span, actor, name, length = matched
            after = i + length
            possessive = after < len(toks) and toks[after][2] == "'s"
            if not any(overlap(span, b) for b in blocked):
                found.append(NameMatch(span, actor, name, possessive))
            i = after
        return found

    def _match_at(
        self, text: str, toks: list[tuple[int, int, str]], i: int, ignore_case: bool
    ) -> tuple[Span, str, str, int] | None:
        for length in range(min(self._longest, len(toks) - i), 0, -1):
            entries = self._names.get(tuple(t[2] for t in toks[i : i + length]))
            if not entries:
                continue
            span = Span(toks[i][0], toks[i + length - 1][1])
            if span.end < len(text) and (text[span.end].isalnum() or text[span.end] == "_"):
                continue  # a name ending inside a longer word
            seen = _normal(text[span.start : span.end])
            for name, actor in entries:
                if ignore_case or seen == name or seen == name[:1].upper() + name[1:]:
                    return span, actor, name, length
        return None
