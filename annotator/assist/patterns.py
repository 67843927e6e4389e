"""Attribution patterns: whole claims proposed from the cue lexicon.

For each sentence of an article (headlines and questions skipped), the
recommender finds the cues of the lexicon (`annotator.assist.lexicon`) outside
quotations and reads the claim around each:

- ``“Y,” X said`` / ``“Y,” said X``; a quotation split around its cue,
  ``“Y1,” X said (after the match), “Y2”``, is one direct claim whose content
  is two segments, Y1 and Y2 without their quotation marks (the cue and source
  between them are no part of it); not when Y2 has a cue of its own after it
  (``“Y1,” she said, “Y2,” he replied``: two speakers);
- a sentence that is only a quotation, right after a sentence whose one claim
  is a quotation, goes on with it (``“Y1,” X said. “Y2.”``): Y2 is one more
  segment of that claim, up to `MAX_SEGMENTS`; after a sentence of two claims
  it is left alone (whose words they are is not clear);
- ``X said: “Y”`` / ``X said (that) Y`` / ``X called on Z to Y``;
- ``Y, X said`` / ``Y, said X``;
- ``according to X, Y`` / ``Y, according to X``;
- ``X reportedly Y`` (the outlet's hedged claim: the clause is the claim);
- ``it is believed (that) Y`` (an unnamed source without words);
- ``X put Y at N`` (a verb of quantity: the claim is "Y at N", and only with
  a quantity after "at"); ``the survey found Y`` (some verbs report bare
  content only after a document source, otherwise only with "that");
- ``Y, X told the Herald`` (an addressee after a content-first cue);
- ``the claim by X that Y`` / ``X's claim that Y`` (noun cues, only with a source).

When a claim holds another cue ("Most of them expect Y, the newspaper
reported"), the outer attribution is proposed. A definite description ("the
company", "the union") names the last actor of a type its noun may name
(the lexicon's ``[descriptions]``), or one whose name holds the noun.

Each proposal has the content span, the cue, the source's words and kind
(named, unnamed, document or author, from the lexicon's source words and the
actor registry), the attribution type (direct when the content is a
quotation, mixed when it holds one, indirect otherwise), the claimant when the
source names a registry actor (a document is credited to the actor that
issued it: "figures from X", "the council's report"; "he"/"she" is the
speaker of the paragraph's claim before unless another person was named
since, outside that claim's words, else the last person named), and the
category or certainty the cue's verb implies. A cue does not fire when
negated ("did not say", "no one has claimed"), after a modal or "to" ("would
say", "refused to say"), in a conditional ("if X were to say", "should X
claim"), inside a quotation (reported speech within a quote belongs to the
quote), as a noun ("the report", "his claims") or passive ("was reported by").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from annotator.assist.lexicon import Lexicon, Verb
from annotator.assist.occurrences import NameIndex, NameMatch
from annotator.assist.segment import (
    Token,
    is_headline,
    paragraphs,
    quotations,
    sentences,
    tokens,
    trim,
)
from annotator.assist.suggestion import SuggestContext, Suggestion, claim_suggestion
from annotator.core.model import Actor, Article, Attribution
from annotator.core.spans import Span, SpanIndex, overlap

NAME = "patterns"
VERSION = "2"

MAX_SEGMENTS = 3
"""The most pieces a proposed claim's content has (a quotation split, then going on)."""

_UNNAMED_GROUP = "unnamed_group"
"""The actor type whose actors are cited as unnamed sources ("observers")."""
_NO_CONTENT = frozenset({"of", "about", "to"})
"""Words right after a cue that start no reported content ("warned of", "spoke about")."""
_COORDINATORS = frozenset({"and", "but", "yet", "und", "aber", "doch", "et", "mais"})
"""Words joining two verbs of one subject: "said Y and warned Z"."""
_PERSONS = frozenset({"person", "official", "expert"})
_PERSON_PRONOUNS = frozenset({"he", "she", "er", "sie", "il", "elle"})
_TRIM = " \t\n\u00a0\u202f,.;:—–-"
_OPENING_QUOTES = '“"«„‘‹「»'


def _phrases(items: Iterable[str]) -> re.Pattern[str] | None:
    """One case-blind pattern matching any of ``items`` as whole words."""
    parts = []
    for item in sorted(set(items), key=len, reverse=True):
        body = r"\s+".join(re.escape(w) for w in item.split()).replace("'", "['’]")
        body = body.replace("’", "['’]") if "['’]" not in body else body
        before = r"(?<![\w'’-])" if item[:1].isalnum() else ""
        after = r"(?![\w'’-])" if item[-1:].isalnum() else ""
        parts.append(before + body + after)
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def _folded(items: Iterable[str]) -> frozenset[str]:
    return frozenset(i.casefold().replace("’", "'") for i in items)


class _CueTable:
    """The lexicon's cue phrases by their first word, matched token by token."""

    def __init__(self, phrases: Iterable[tuple[str, str]]) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        for phrase, kind in phrases:
            words = tuple(w.casefold().replace("’", "'") for w in phrase.split())
            if words:
                self._by_first.setdefault(words[0], []).append(
                    (words, kind, " ".join(phrase.split()))
                )
        for entries in self._by_first.values():
            entries.sort(key=lambda e: -len(e[0]))  # the longest phrase first

    def find(self, toks: Sequence[Token]) -> list[tuple[int, int, str, str]]:
        """``(first token, after last token, kind, phrase)`` of every match, longest at each start."""
        found = []
        for i, tok in enumerate(toks):
            entries = self._by_first.get(tok.folded)
            if not entries:
                continue
            for words, kind, phrase in entries:
                end = i + len(words)
                if end <= len(toks) and all(
                    toks[i + j].folded == w for j, w in enumerate(words[1:], 1)
                ):
                    found.append((i, end, kind, phrase))
                    break
        return found


class _Rules:
    """A lexicon compiled for matching."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.cues = _CueTable(
            [(f, "verb") for v in lexicon.verbs for f in v.forms]
            + [(a, "according") for a in lexicon.according]
            + [(h, "hedge") for h in lexicon.hedges]
            + [(i, "impersonal") for i in lexicon.impersonal]
            + [(n, "noun") for n in lexicon.nouns if lexicon.verb(n) is None]
        )
        self.negations = _phrases(lexicon.negations)
        self.conditionals = _phrases(lexicon.conditionals)
        self.modals = _folded(lexicon.modals)
        self.passive = _folded(lexicon.passive)
        self.inversions = _folded(lexicon.inversions)
        self.unnamed = _folded(lexicon.unnamed)
        self.document = _folded(lexicon.document)
        self.pronouns = _folded(lexicon.pronouns)
        self.complementisers = _folded(lexicon.complementisers)
        self.boundaries = _folded(lexicon.boundaries)
        self.relatives = _folded(lexicon.relatives)
        self.openers = _folded(lexicon.openers)
        self.determiners = _folded(lexicon.determiners)
        self.auxiliaries = _folded(lexicon.auxiliaries)
        self.titles = _folded(lexicon.titles)
        self.nouns = _folded(lexicon.nouns)
        self.amount_markers = _folded(lexicon.amount_markers)
        self.amounts = _folded(lexicon.amounts)
        self.times = _folded(lexicon.times)
        self.approximations = _folded(lexicon.approximations)
        self.described: dict[str, frozenset[str]] = {}
        """A description's noun -> the actor types it may name ("company" -> "other")."""
        for kind, nouns in lexicon.descriptions:
            for noun in _folded(nouns):
                self.described[noun] = self.described.get(noun, frozenset()) | {kind}
        self.forms = _folded(f for v in lexicon.verbs for f in v.forms if " " not in f)
        self.marks = tuple(lexicon.quotes)
        self.quote_chars = frozenset(m for pair in lexicon.quotes for m in pair)

    def negated(self, text: str) -> bool:
        return self.negations is not None and self.negations.search(text) is not None

    def conditional(self, text: str) -> bool:
        return self.conditionals is not None and self.conditionals.search(text) is not None


@dataclass(frozen=True, slots=True)
class _Cue:
    span: Span
    kind: str  # "verb", "according", "hedge", "impersonal", "noun"
    first: int  # index of its first token in the sentence
    last: int  # index after its last token
    verb: Verb | None = None


@dataclass(slots=True)
class _Proposal:
    content: Span
    cue: _Cue
    score: float
    source: Span | None = None
    source_kind: str | None = None
    attribution_type: str | None = None
    actor: str | None = None
    mention: Span | None = None
    claimant: str | None = None
    certainty: str | None = None
    pattern: str = ""
    segments: tuple[Span, ...] = ()
    """The content's pieces when it is split (``content`` is then their hull)."""

    def pieces(self) -> tuple[Span, ...]:
        """The content as segments: ``segments``, or the one span."""
        return self.segments or (self.content,)


class _Blocked(Exception):
    """The cue is negated, modal or conditional: no claim."""


class AttributionPatterns:
    """The attribution patterns recommender (see the module docstring).

    Args:
        lexicon: the cue lexicon used when the context names none (by default
            the shipped one of the article's language, English when none ships).
    """

    name = NAME
    version = VERSION

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self._lexicon = lexicon
        self._rules: dict[int, tuple[Lexicon, _Rules]] = {}
        self._names: tuple[tuple[Actor, ...], NameIndex] | None = None

    def rules(self, lexicon: Lexicon) -> _Rules:
        """The compiled form of ``lexicon`` (kept while the lexicon is alive)."""
        held = self._rules.get(id(lexicon))
        if held is None or held[0] is not lexicon:
            held = (lexicon, _Rules(lexicon))
            self._rules[id(lexicon)] = held
        return held[1]

    def _index(self, actors: tuple[Actor, ...]) -> NameIndex:
        if self._names is None or self._names[0] is not actors:
            self._names = (actors, NameIndex(actors))
        return self._names[1]

    def suggest(self, article: Article, context: SuggestContext) -> list[Suggestion]:
        """The claims the patterns find in ``article``, in text order."""
        lexicon = context.lexicon or self._lexicon or Lexicon.for_language(article.language)
        rules = self.rules(lexicon)
        names = self._index(context.actors)
        text = article.text
        occurrences = names.find(text) if names else []
        taken = SpanIndex(c.span for c in context.labels.claims) if context.labels else None
        out: list[Suggestion] = []
        lines = paragraphs(text)
        for i, line in enumerate(lines):
            if is_headline(text, line, lines[i + 1] if i + 1 < len(lines) else None):
                continue
            quotes = quotations(text, line, rules.marks)
            last: _Proposal | None = None  # the paragraph's last claim, for a quotation going on
            alone = False  # the sentence before had that claim alone
            made: list[_Proposal] = []
            for sentence in sentences(text, line, quotes):
                inside = [q for q in quotes if sentence.start <= q.start and q.end <= sentence.end]
                reader = _Sentence(text, sentence, inside, rules, names, occurrences)
                reader.before = last
                found = reader.proposals()
                if not found and last is not None and alone and reader.goes_on(last):
                    continue  # its quotation is one more segment of the claim before
                last = found[-1] if found else None
                alone = len(found) == 1
                made += found
            for p in made:
                pieces = p.pieces()
                size = sum(piece.length for piece in pieces)
                near = (
                    taken.overlapping(
                        Span(min(q.start for q in pieces), max(q.end for q in pieces))
                    )
                    if taken is not None and pieces
                    else []
                )
                if any(sum(overlap(piece, t) for piece in pieces) * 2 > size for t in near):
                    continue  # half of it or more is a claim of the annotator's already
                out.append(self._suggestion(article, p, context))
        return out

    def _suggestion(self, article: Article, p: _Proposal, context: SuggestContext) -> Suggestion:
        verb = p.cue.verb
        fields: dict[str, str | None] = {}
        if verb is not None and verb.category and context.allows("category", verb.category):
            fields["category"] = verb.category
        certainty = p.certainty or (verb.certainty if verb else None)
        if certainty and context.allows("certainty", certainty):
            fields["certainty"] = certainty
        kind = p.source_kind if context.allows("source_kind", p.source_kind) else None
        kind_of = p.attribution_type
        attribution = Attribution(
            attribution_type=kind_of if context.allows("attribution_type", kind_of) else None,
            source_kind=kind,
            cue=p.cue.span,
        )
        cue_words = article.text[p.cue.span.start : p.cue.span.end]
        return claim_suggestion(
            self,
            article,
            p.content,
            round(min(1.0, max(0.05, p.score)), 3),
            attribution=attribution,
            source=p.source,
            source_actor=p.actor,
            mention=p.mention,
            claimant=p.claimant,
            fields=fields,
            note=f"{p.pattern}: cue {cue_words!r}",
            segments=p.segments,
        )


class _Sentence:
    """The proposals of one sentence."""

    def __init__(
        self,
        text: str,
        span: Span,
        quotes: Sequence[Span],
        rules: _Rules,
        names: NameIndex,
        occurrences: Sequence[NameMatch],
    ) -> None:
        self.text = text
        self.span = span
        self.quotes = quotes
        self.rules = rules
        self.names = names
        self.occurrences = occurrences
        self.before: _Proposal | None = None
        """The paragraph's claim before this sentence: whose source "he" or "she" may be."""
        self.toks = tokens(text, span.start, span.end)
        self._starts = [t.start for t in self.toks]

    def _within(self, start: int, end: int) -> list[Token]:
        """The sentence's tokens that lie inside ``start..end``."""
        first = bisect_left(self._starts, start)
        last = bisect_left(self._starts, end)
        return [t for t in self.toks[first:last] if t.end <= end]

    # -- cues ---------------------------------------------------------------------------

    def _quoted(self, span: Span) -> bool:
        return any(q.start < span.start and span.end <= q.end for q in self.quotes)

    def cues(self) -> list[_Cue]:
        """The cues of the sentence outside quotations, in text order."""
        found = []
        for first, last, kind, phrase in self.rules.cues.find(self.toks):
            span = Span(self.toks[first].start, self.toks[last - 1].end)
            if self._quoted(span):
                continue
            verb = self.rules.lexicon.verb(phrase) if kind == "verb" else None
            cue = _Cue(span, kind, first, last, verb)
            if kind == "verb" and not self._is_verb(cue) and phrase.casefold() in self.rules.nouns:
                cue = _Cue(span, "noun", first, last)  # "the claims that": a noun, not the verb
            if kind == "verb" and cue.kind == "verb" and not self._is_verb(cue):
                continue
            if cue.kind != "noun" or self._noun_clause(cue) is not None:
                found.append(cue)
        found.sort(key=lambda c: (c.span.start, -c.span.length))
        kept: list[_Cue] = []
        for cue in found:  # "it is believed" holds the verb "believed": the longer cue wins
            if not any(overlap(cue.span, k.span) for k in kept):
                kept.append(cue)
        return kept

    def _is_verb(self, cue: _Cue) -> bool:
        """False where the form is a noun ("the report", "reports indicate") or passive."""
        before = self.toks[cue.first - 1].folded if cue.first > 0 else ""
        after = self.toks[cue.last].folded if cue.last < len(self.toks) else ""
        r = self.rules
        if before in r.determiners or before.endswith("'s") or before in r.passive:
            return False
        first_word = cue.first == 0 or self.toks[cue.first - 1].text in r.quote_chars
        if self.text[cue.span.start].isupper() and not first_word:
            return False  # "the United States": a name, not a verb
        return after not in r.forms and after != "by"

    # -- proposals ----------------------------------------------------------------------

    def proposals(self) -> list[_Proposal]:
        """The claims of the sentence, at most one per cue, overlapping ones dropped."""
        if self._is_question():
            return []
        cues = self.cues()
        made: list[_Proposal] = []
        for index, cue in enumerate(cues):
            if any(p.content.start <= cue.span.start < p.content.end for p in made):
                continue  # a cue inside reported content belongs to that content
            limit = self._limit(cues[index + 1 :], cue.last)
            try:
                proposal = self._read(cue, limit, made[-1] if made else None, cues[:index])
            except _Blocked:
                continue
            if proposal is None or not self._enough(proposal.content):
                continue
            if proposal.content.end - proposal.content.start and self._ends_in_question(
                proposal.content
            ):
                continue
            made.append(proposal)
        kept: list[_Proposal] = []

        def outer(p: _Proposal) -> bool:  # "Y holds a cue, X said": X's claim is the one marked
            return any(
                q is not p and p.content.start <= q.cue.span.start < p.content.end for q in made
            )

        for p in sorted(made, key=lambda p: (not outer(p), -p.score)):
            if not any(
                overlap(p.content, k.content) * 2 > min(p.content.length, k.content.length)
                for k in kept
            ):
                kept.append(p)
        return sorted(kept, key=lambda p: p.content.start)

    def _is_question(self) -> bool:
        outside = self.text[self.span.start : self.span.end]
        for q in reversed(self.quotes):
            start, end = q.start - self.span.start, q.end - self.span.start
            outside = outside[:start] + " " * (end - start) + outside[end:]
        return outside.rstrip(" ”\"'»)’").endswith("?")

    def _ends_in_question(self, content: Span) -> bool:
        return self.text[content.start : content.end].rstrip(" ”\"'»)’").endswith("?")

    def _enough(self, content: Span) -> bool:
        words = [t for t in self._within(content.start, content.end) if t.is_word]
        return len(words) >= 2

    def _limit(self, later: Sequence[_Cue], after: int) -> int:
        """Where reported content ends: the sentence end, or before a later cue's clause
        (looked for between the cue, whose last token is before ``after``, and the later one)."""
        for cue in later:
            if cue.kind == "according" and cue.first > 0 and self.toks[cue.first - 1].text == ",":
                return self.toks[cue.first - 1].start  # "X hailed Y, according to Z"
            if cue.kind != "verb":
                continue
            shared = cue.verb is not None and cue.verb.shared
            if shared and cue.first > 0 and self.toks[cue.first - 1].text == ",":
                return self.toks[cue.first - 1].start  # "X denied Y, saying Z"
            comma = None if shared else self._comma_source(cue)
            if comma is not None:
                return self.toks[comma].start  # "X expect Y, the newspaper reported"
            for k in range(cue.first - 1, after - 1, -1):
                tok = self.toks[k]
                if k == cue.first - 1 and tok.folded in self.rules.boundaries:
                    return tok.start  # "X said Y and urged Z": Y ends before "and"
                aside = k + 1 < len(self.toks) and self.toks[k + 1].text == ","  # ", however,"
                if tok.text == ";" or (
                    tok.folded in self.rules.boundaries
                    and k > 0
                    and self.toks[k - 1].text == ","
                    and not aside
                ):
                    return self.toks[k - 1].start if tok.text != ";" else tok.start
                if tok.text in self.rules.quote_chars:
                    break
        return self.span.end

    def _comma_source(self, cue: _Cue) -> int | None:
        """The comma of ``..., the newspaper reported.`` ending a sentence: a short source
        between a comma and the cue, and at most a short tail after it."""
        r = self.rules
        k = self._aux_start(cue) - 1
        words = 0
        while k >= 0 and self.toks[k].is_word and words < 7:
            f = self.toks[k].folded
            if f in r.boundaries or f in r.complementisers or f in r.forms or f in r.relatives:
                return None
            words += 1
            k -= 1
        if k < 1 or words == 0 or self.toks[k].text != ",":
            return None
        addressee = cue.verb is not None and cue.verb.addressee
        return k if self._short_tail(cue.span.end, addressee) else None

    def _read(
        self, cue: _Cue, limit: int, previous: _Proposal | None, earlier: Sequence[_Cue]
    ) -> _Proposal | None:
        if cue.kind == "according":
            return self._according(cue)
        if cue.kind == "hedge":
            return self._hedge(cue)
        if cue.kind == "impersonal":
            return self._impersonal(cue, limit)
        if cue.kind == "noun":
            return self._noun(cue, limit)
        if cue.verb is not None and cue.verb.shared:
            if previous is None:
                previous = self._subject_of(earlier)
            proposal = self._content_after(cue, limit, previous)
            return proposal if proposal is not None and self._enough(proposal.content) else None
        for read in (
            self._quote_before,
            self._quote_after,
            lambda cue: self._content_after(cue, limit, previous),
            self._content_before,
        ):
            proposal = read(cue)
            if proposal is not None and self._enough(proposal.content):
                return proposal
        return None

    # -- the verb patterns --------------------------------------------------------------

    def _quote_before(self, cue: _Cue) -> _Proposal | None:
        """``“Y,” X said`` and ``“Y,” said X``; ``“Y1,” X said, “Y2”`` is one claim."""
        before = [q for q in self.quotes if q.end <= cue.span.start]
        if not before:
            return None
        quote = before[-1]
        if self.text[self.span.start : quote.start].strip(" " + _OPENING_QUOTES) and not (
            self._after_a_quote_and_cue(quote.start)
        ):
            return None  # words before the quotation: "Y, X said" with a quotation in Y
        gap = self.text[quote.end : cue.span.start]
        if any(ch in self.rules.quote_chars for ch in gap) or "." in gap:
            return None
        if any(t.folded in self.rules.forms for t in self._within(quote.end, cue.span.start)):
            return None  # "“Y,” X said at a rally, adding": the quotation is the first cue's
        inverted = not gap.strip(" ,")
        if inverted:
            source, after = self._source_after(cue)
        else:
            source = trim(self.text, Span(quote.end, cue.span.start), _TRIM)
            if self._too_long(source):
                return None
            self._check_aux(cue)
            after = cue.span.end
        if source is None:
            return None
        content = self._inner(quote)
        more = self._quote_goes_on(after)
        if more is None:
            return self._proposal(cue, content, source, 0.85, "quote, then cue")
        second = self._inner(more)
        proposal = self._proposal(
            cue, Span(content.start, second.end), source, 0.85, "quotation split by its cue"
        )
        proposal.segments = (content, second)
        proposal.attribution_type = "direct"  # one quotation, split around its cue
        return proposal

    def _after_a_quote_and_cue(self, start: int) -> bool:
        """True if the words before ``start`` end as ``“Y1,” she said,``: a quotation, a
        cue of its own and a comma (``“Y1,” she said, “Y2,” he replied``: Y2 is his)."""
        before = self._within(self.span.start, start)
        if not before or before[-1].text != ",":
            return False
        closing = max(
            (k for k, t in enumerate(before) if t.text in self.rules.quote_chars), default=-1
        )
        return closing >= 0 and any(t.folded in self.rules.forms for t in before[closing + 1 :])

    def _quote_goes_on(self, after: int) -> Span | None:
        """The second part of a quotation split around its cue: ``“Y1,” X said, “Y2”``, or
        after a short phrase, ``“Y1,” he said after the match, “Y2”``."""
        more = next((q for q in self.quotes if q.start >= after), None)
        if more is None:
            return None
        between = self._within(after, more.start)
        if not between or between[-1].text != "," or len(between) > 8:
            return None
        if any(t.text in ".;:!?" or t.folded in self.rules.forms for t in between):
            return None
        if any(t.folded in self.rules.forms for t in self._within(more.end, self.span.end)):
            return None  # "“Y1,” she said, “Y2,” he replied": Y2 is another speaker's
        if not self._enough(self._inner(more)):
            return None
        return more

    def _quote_after(self, cue: _Cue) -> _Proposal | None:
        """``X said: “Y”`` where the quotation ends the sentence."""
        after = [q for q in self.quotes if q.start >= cue.span.end]
        if not after:
            return None
        quote = after[0]
        gap = self._within(cue.span.end, quote.start)
        if len(gap) > 8 or (
            gap and gap[-1].text not in ":," and gap[-1].folded not in self.rules.complementisers
        ):
            return None
        if len(gap) > 5 and gap[0].folded not in self.rules.openers:
            return None  # "said the plans rested on forecasts that “...”": mixed, not a quotation
        if self.text[quote.end : self.span.end].strip(" .,;:!…"):
            return None
        source = self._source_before(cue)
        if source is None:
            return None
        return self._proposal(cue, self._inner(quote), source, 0.85, "cue, then quote")

    def _content_before(self, cue: _Cue) -> _Proposal | None:
        """``Y, X said`` and ``Y, said X`` (a short tail may follow: "on Friday")."""
        toks = self.toks
        comma_before_cue = cue.first > 0 and toks[cue.first - 1].text == ","
        if comma_before_cue or (
            cue.first > 0 and toks[cue.first - 1].text in self.rules.quote_chars
        ):
            source, after = self._source_after(cue)
            if source is None:
                return None
            content_end = toks[cue.first - 1].start if comma_before_cue else toks[cue.first - 1].end
        else:
            self._check_aux(cue)
            end = self._aux_start(cue)
            commas = [k for k in range(end) if toks[k].text == ","]
            if not commas:
                return None
            if commas[-1] == end - 1:  # "Y, X, the minister, said": the appositive is the source
                if len(commas) < 3:
                    return None
                first = commas[-3]
            else:
                first = commas[-1]
            while first + 1 < end and toks[first + 1].folded in self.rules.boundaries:
                first += 1  # ", as expected": "as" is no source
            if first + 1 >= end:
                return None
            source = trim(self.text, Span(toks[first + 1].start, toks[end - 1].end), _TRIM)
            if self._too_long(source) or self.rules.conditional(
                self.text[source.start : source.end]
            ):
                return None
            if self._clause_word(first + 1, end):
                return None
            content_end = toks[first].start
            after = cue.span.end
        if not self._short_tail(after, cue.verb is not None and cue.verb.addressee):
            return None
        content = trim(self.text, Span(self.span.start, content_end), _TRIM)
        opening = self._within(content.start, content.end)
        quantity = len(opening) > 1 and opening[1].folded in self.rules.approximations
        if len([t for t in opening if t.is_word]) < 4 or (
            opening and opening[0].folded in self.rules.openers and not quantity
        ):
            return None  # "On Friday, X said": an opening phrase; "At least 14 died" is content
        return self._proposal(cue, content, source, 0.75, "content, then cue")

    def _content_after(
        self, cue: _Cue, limit: int, previous: _Proposal | None = None
    ) -> _Proposal | None:
        """``X said (that) Y``, ``X called on Z to Y``; ``X said Y and warned Z`` (Z is X's
        too) and ``..., adding that Z`` (a shared verb: Z is the previous claim's source's)."""
        shared = self._shares_subject(cue)
        if cue.verb is not None and cue.verb.shared and not shared:
            return None
        if not (cue.verb is not None and cue.verb.shared) and self._comma_source(cue) is not None:
            return None  # "Y, the ministry told the Ledger": the content is before the comma
        source = None if cue.verb is not None and cue.verb.shared else self._source_before(cue)
        if source is None:
            if not shared or previous is None or previous.source is None:
                return None
            self._check_aux(cue)
            return self._sharing(cue, previous, self._content_span(cue, limit))
        toks = self.toks
        aux = self._aux_start(cue)
        if aux > 0 and toks[aux - 1].text == "," and not self._names_someone(source):
            return None  # "Y, said a spokesperson": the words before the comma are content
        content = self._content_span(cue, limit, source)
        if content is None:
            return None
        return self._proposal(cue, content, source, 0.7, "cue, then content")

    def _content_span(self, cue: _Cue, limit: int, source: Span | None = None) -> Span | None:
        """What a cue reports after it: after "that", after "to" for a demand, or all of it
        (for a verb that needs "that", all of it only after a document ``source``)."""
        toks = self.toks
        if cue.verb is not None and cue.verb.amount:
            return self._amount(cue, limit)
        start = cue.last
        window = [t for t in toks[cue.last : cue.last + 9] if t.start < limit]
        complement = next(
            (i for i, t in enumerate(window) if t.folded in self.rules.complementisers), None
        )
        if (
            complement is not None
            and any(
                t.folded in self.rules.forms
                and t.folded not in self.rules.nouns
                and (i == 0 or window[i - 1].folded not in self.rules.determiners)  # "in a note"
                for i, t in enumerate(window[:complement])
            )
        ):
            complement = None  # "said the plans rested on forecasts that Y": not the cue's "that"
        quote_at = next((i for i, t in enumerate(window) if t.text in self.rules.quote_chars), None)
        demand = cue.verb is not None and cue.verb.category == "demand"
        to_at = next((i for i, t in enumerate(window) if t.folded == "to"), None)
        bare = False
        if complement is not None and (quote_at is None or complement < quote_at):
            start = cue.last + complement + 1
        elif demand and to_at is not None:
            start = cue.last + to_at + 1
        elif (
            cue.verb is not None
            and not cue.verb.bare
            and not (cue.verb.documents and self._document(source))
        ):
            return None  # "X adds another layer": this verb reports only with "that" or a quote
        else:
            bare = quote_at is None
            while start < len(toks) and toks[start].text in ",:":
                start += 1
            if start < len(toks) and toks[start].folded in self.rules.openers | _NO_CONTENT:
                number = start + 1 < len(toks) and toks[start + 1].text[:1].isdigit()
                if not number:  # "about 18,000 people took part" is content
                    return None  # "warned of", "said in a statement." name no content
        if start >= len(toks) or toks[start].start >= limit:
            return None
        content = trim(self.text, Span(toks[start].start, limit), _TRIM)
        if bare and len([t for t in self._within(*content) if t.is_word]) < 3:
            return None  # "had forecast the decision": a bare object of two words reports nothing
        return content

    def _document(self, source: Span | None) -> bool:
        """True if ``source`` is a document's words ("the survey", "Their latest report")."""
        if source is None:
            return False
        return any(t.folded in self.rules.document for t in self._within(*source))

    def _amount(self, cue: _Cue, limit: int) -> Span | None:
        """``X put the turnout at (about) 50,000``: everything after the cue, when "at" and a
        quantity follow it in the clause; None otherwise ("put pressure on", "put it at risk")."""
        toks, r = self.toks, self.rules
        for k in range(cue.last + 1, min(len(toks), cue.last + 12)):
            tok = toks[k]
            if tok.start >= limit or tok.text in ".;:!?" or tok.text in r.quote_chars:
                return None
            if tok.folded not in r.amount_markers:
                continue
            j = k + 1
            while j < len(toks) and toks[j].folded in r.approximations:
                j += 1
            number = j < len(toks) and (
                toks[j].text[:1].isdigit() or toks[j].text in "£$€¥" or toks[j].folded in r.amounts
            )
            unit = toks[j + 1].folded if j + 1 < len(toks) else ""
            if number and unit not in r.times and ":" not in unit:
                return trim(self.text, Span(toks[cue.last].start, limit), _TRIM)
            return None  # "at 6 a.m.": a time, not a quantity
        return None

    def _shares_subject(self, cue: _Cue) -> bool:
        """True for "and warned", "but insisted" or ", adding": the subject is the one before."""
        k = self._aux_start(cue)
        if k == 0:
            return False
        before = self.toks[k - 1]
        if cue.verb is not None and cue.verb.shared:
            return before.text == "," or before.folded in self.rules.boundaries
        return before.folded in _COORDINATORS

    def _subject_of(self, earlier: Sequence[_Cue]) -> _Proposal | None:
        """The source of the last verb before a shared one, as a proposal to share it with."""
        for cue in reversed(earlier):
            if cue.kind != "verb" or (cue.verb is not None and cue.verb.shared):
                continue
            source = self._source_before(cue)
            if source is None:
                return None
            return self._proposal(cue, cue.span, source, 0.7, "")
        return None

    def _sharing(self, cue: _Cue, previous: _Proposal, content: Span | None) -> _Proposal | None:
        """A claim of the same source as ``previous``, through another cue."""
        if content is None or previous.source is None:
            return None
        p = _Proposal(content, cue, previous.score - 0.05, source=previous.source)
        p.pattern = "same source, another cue"
        p.attribution_type = self._type(content)
        p.source_kind, p.actor, p.mention = previous.source_kind, previous.actor, previous.mention
        p.claimant = previous.claimant
        return p

    # -- the other cues -----------------------------------------------------------------

    def _according(self, cue: _Cue) -> _Proposal | None:
        """``according to X, Y``, ``laut X Y`` (a name without a comma) and ``Y, according to X``."""
        toks = self.toks
        lead = self.text[self.span.start : cue.span.start].strip(" " + _OPENING_QUOTES)
        comma = next((k for k in range(cue.last, len(toks)) if toks[k].text == ","), None)
        if not lead:
            if comma is not None:
                source = trim(self.text, Span(cue.span.end, toks[comma].start), _TRIM)
                content = trim(self.text, Span(toks[comma].end, self.span.end), _TRIM)
                if not self._too_long(source):
                    return self._proposal(cue, content, source, 0.8, "according to X, Y")
            name = self._name_after(cue.last)
            if name is None:
                return None
            content = trim(self.text, Span(name.end, self.span.end), _TRIM)
            return self._proposal(cue, content, name, 0.7, "according to X Y")
        end = comma if comma is not None else len(toks)
        source = trim(self.text, Span(cue.span.end, toks[end - 1].end), _TRIM)
        content = trim(self.text, Span(self.span.start, cue.span.start), _TRIM)
        if self._too_long(source):
            return None
        return self._proposal(cue, content, source, 0.8, "Y, according to X")

    def _name_after(self, k: int) -> Span | None:
        """Determiners and capitalised words from token ``k`` on ("dem Verband", "Reuters")."""
        toks = self.toks
        first = k
        while k < len(toks) and toks[k].folded in self.rules.determiners:
            k += 1
        named = k
        while k < len(toks) and toks[k].is_word and toks[k].text[:1].isupper():
            k += 1
        if k == named or first >= len(toks):
            return None
        return Span(toks[first].start, toks[k - 1].end)

    def goes_on(self, previous: _Proposal) -> bool:
        """True if this sentence is only a quotation going on with ``previous``'s, which
        then takes it as one more segment ("“We have waited,” she told a rally. “Our
        patience is finished.”").

        ``previous`` must be the sentence before's only claim, a quotation
        (direct) with a source, of fewer than `MAX_SEGMENTS` segments; this
        sentence must hold that one quotation and nothing else but its closing mark.
        """
        if len(self.quotes) != 1 or previous.attribution_type != "direct":
            return False
        if previous.source is None or len(previous.pieces()) >= MAX_SEGMENTS:
            return False
        quote = self.quotes[0]
        outside = self.text[self.span.start : quote.start] + self.text[quote.end : self.span.end]
        if outside.strip(" .!…") or self._is_question():
            return False
        content = self._inner(quote)
        if not self._enough(content) or content.start < previous.content.end:
            return False
        previous.segments = (*previous.pieces(), content)
        previous.content = Span(previous.content.start, content.end)
        if not previous.pattern.endswith(", going on"):
            previous.pattern += ", going on"
        return True

    def _hedge(self, cue: _Cue) -> _Proposal | None:
        """``X reportedly Y``: the clause is the outlet's own, hedged claim."""
        start = 0
        for k in range(cue.first - 1, -1, -1):
            tok = self.toks[k]
            if tok.text in ";:" or (
                tok.folded in self.rules.boundaries and tok.folded not in {"also", "so", "however"}
            ):
                start = k + 1
                break
        if start >= cue.first and not self.text[cue.span.end : self.span.end].strip(_TRIM):
            return None
        first = self.toks[start].start if start < cue.first else cue.span.start
        end = self.span.end
        for k in range(cue.last, len(self.toks) - 1):
            tok, nxt = self.toks[k], self.toks[k + 1]
            if tok.text == ";" or (tok.text == "," and nxt.folded in self.rules.boundaries):
                end = tok.start
                break
        content = trim(self.text, Span(first, end), _TRIM)
        p = _Proposal(content, cue, 0.55, attribution_type="unattributed", pattern="hedge")
        p.source_kind = "author"
        p.certainty = "hedged"
        return p

    def _impersonal(self, cue: _Cue, limit: int) -> _Proposal | None:
        """``it is believed (that) Y`` and ``Y, it is believed``."""
        start = cue.last
        if start < len(self.toks) and self.toks[start].folded in self.rules.complementisers:
            start += 1
        if start < len(self.toks) and self.toks[start].start < limit:
            content = trim(self.text, Span(self.toks[start].start, limit), _TRIM)
        else:
            content = trim(self.text, Span(self.span.start, cue.span.start), _TRIM)
        p = _Proposal(content, cue, 0.6, pattern="impersonal")
        p.source_kind = "unnamed"
        p.attribution_type = self._type(content)
        return p

    def _noun_clause(self, cue: _Cue) -> tuple[tuple[int, int] | None, int] | None:
        """For a noun cue: the tokens of its "by X" source, if any, and the index of "that".

        None when no "that" clause follows ("the claims drew criticism") or the
        "that" starts a relative clause ("the report that was published").
        """
        toks = self.toks
        r = self.rules
        k = cue.last
        source = None
        if k < len(toks) and toks[k].folded == "by":
            j = k + 1
            while (
                j < len(toks)
                and j <= k + 9
                and toks[j].folded not in r.complementisers
                and toks[j].is_word
            ):
                j += 1
            if j == k + 1:
                return None
            source, k = (k + 1, j), j
        if k >= len(toks) or toks[k].folded not in r.complementisers:
            return None
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if (
            nxt is None
            or not nxt.is_word
            or nxt.folded in r.passive | r.auxiliaries | r.modals | r.forms
        ):
            return None
        return source, k

    def _noun(self, cue: _Cue, limit: int) -> _Proposal | None:
        """``the claim by X that Y``, ``X's assertion that Y``.

        The source is the words after "by" or before "'s"; without one ("any
        suggestion that Y") there is no proposal. When the noun phrase is the sentence's subject ("The
        claim by X that Y was rejected by Z"), Y ends before the main verb (the
        last form of "be" or "have").
        """
        found = self._noun_clause(cue)
        if found is None:
            return None
        toks, r = self.toks, self.rules
        by, that = found
        source: Span | None = None
        first = cue.first
        if by is not None:
            source = trim(self.text, Span(toks[by[0]].start, toks[by[1] - 1].end), _TRIM)
        elif first > 0 and toks[first - 1].folded.endswith("'s"):
            owner = first - 1
            start = owner
            while (
                start > 0
                and start > owner - 4
                and toks[start - 1].is_word
                and toks[start - 1].folded not in r.boundaries
                and toks[start - 1].folded not in r.forms
            ):
                start -= 1
            source = Span(toks[start].start, toks[owner].end - 2)
            first = start
        k = first - 1
        while k >= 0 and toks[k].folded in r.determiners:
            k -= 1
        subject = k < 0 or toks[k].text in ",;:"
        end = limit
        if subject:
            mains = {"is", "are", "was", "were", "has", "have", "had"}
            words = 0
            for tok in toks[that + 1 :]:
                if tok.start >= limit or tok.text in ",;:":
                    break
                if tok.folded in mains and words >= 3:
                    end = tok.start
                words += tok.is_word
        content = trim(self.text, Span(toks[that + 1].start, end), _TRIM)
        if len([t for t in self._within(*content) if t.is_word]) < 3:
            return None
        if source is None or not source.length or self._too_long(source):
            return None  # "would dismiss any suggestion that Y": whose, is not said
        return self._proposal(cue, content, source, 0.5, "noun cue")

    # -- sources ------------------------------------------------------------------------

    def _aux_start(self, cue: _Cue) -> int:
        """Index of the first of the auxiliaries, negations and modals right before the cue."""
        r = self.rules
        k = cue.first
        while k > 0:
            tok = self.toks[k - 1]
            f = tok.folded
            if f in r.auxiliaries or f in r.modals or f.endswith("n't") or r.negated(tok.text):
                k -= 1
            else:
                break
        return k

    def _check_aux(self, cue: _Cue) -> None:
        """Raise `_Blocked` when the words before the cue negate it or make it modal."""
        k = self._aux_start(cue)
        window = self.toks[max(0, k - 1) : cue.first]
        wider = self.toks[max(0, k - 2) : cue.first]  # "no one has said": two words
        words = self.text[wider[0].start : cue.span.start] if wider else ""
        if self.rules.negated(words) or any(t.folded in self.rules.modals for t in window):
            raise _Blocked
        after = self.toks[cue.last] if cue.last < len(self.toks) else None
        if after is not None and self.rules.negated(after.text):
            raise _Blocked  # "sagte nicht, dass": the negation after the verb
        if any(t.folded.endswith("n't") for t in window):
            raise _Blocked

    def _source_before(self, cue: _Cue) -> Span | None:
        """The source's words before the cue, from the start of its clause."""
        self._check_aux(cue)
        toks = self.toks
        r = self.rules
        end = self._aux_start(cue)
        if end == 0:
            return None
        if end >= 3 and toks[end - 1].folded in r.relatives and toks[end - 2].text == ",":
            return self._antecedent_phrase(end - 2)  # "the judge, who said": the judge
        k = end - 1
        comma_seen = False
        while k >= 0:
            tok = toks[k]
            if tok.text in ";:" or tok.text in r.quote_chars:
                break
            if tok.text == ",":
                comma_seen = True
            elif tok.folded in r.relatives:
                if not comma_seen and not self._relative_in_source(k, end):
                    raise _Blocked  # "which many believe": a relative clause's verb
            elif (
                tok.folded in r.boundaries
                and not self._inside_name(k)
                and not (0 < k < end - 1 and toks[k - 1].text == "," and toks[k + 1].text == ",")
            ):
                break  # a clause starts; ", meanwhile," is an aside, the source goes on before it
            k -= 1
        start = k + 1
        while start < end and (toks[start].text in ",—–-" or toks[start].folded in r.boundaries):
            start += 1
        while True:
            comma = next((i for i in range(start, end) if toks[i].text == ","), None)
            if comma is None or not self._opens(toks[start]):
                break
            start = comma + 1
        if start >= end:
            return None
        if self.rules.conditional(self.text[toks[start].start : toks[end - 1].end]):
            raise _Blocked
        if toks[start].folded in r.inversions:
            raise _Blocked  # "Should X claim Y, ...": a condition, its verb before the subject
        last = end - 1
        while last > start and (toks[last].text == "," or toks[last].folded in r.boundaries):
            last -= 1  # "Environmental groups, meanwhile,": the aside is no source
        comma = next((i for i in range(last, start, -1) if toks[i].text == ","), None)
        if (
            comma is not None
            and comma + 1 <= last
            and toks[comma + 1].folded in r.openers
            and last - comma <= 6
        ):
            last = comma - 1  # "Norvania, in a statement, said": the aside is no source
        source = trim(self.text, Span(toks[start].start, toks[last].end), _TRIM)
        return None if self._too_long(source) or not source.length else source

    def _antecedent_phrase(self, comma: int) -> Span | None:
        """The short noun phrase before ``, who said``: a name or "the judge" (at most four
        words, back to a determiner or through capitalised words and titles)."""
        toks, r = self.toks, self.rules
        k = comma - 1
        if k < 0 or not toks[k].is_word:
            return None
        while (
            k > 0
            and comma - k < 4
            and toks[k].folded not in r.determiners
            and toks[k - 1].is_word
            and (
                toks[k - 1].text[:1].isupper()
                or toks[k - 1].folded in r.determiners
                or toks[k - 1].folded in r.titles
            )
        ):
            k -= 1
        return Span(toks[k].start, toks[comma - 1].end)

    def _relative_in_source(self, k: int, end: int) -> bool:
        """True if the relative clause at token ``k`` has a verb of its own before the cue
        ("an engineer who inspected the dam said": part of the source), not the cue as its
        verb ("which many believe", "that the minister said")."""
        r = self.rules
        if end - k < 3 or k == 0 or not self.toks[k - 1].is_word:
            return False
        verb = self.toks[k + 1].folded
        if verb in r.determiners or verb in r.pronouns or verb in r.unnamed:
            return False
        return (
            verb in r.auxiliaries
            or verb in r.passive
            or verb in r.modals
            or (len(verb) > 3 and verb.endswith(("ed", "s")) and verb.isalpha())
        )

    def _opens(self, tok: Token) -> bool:
        """True for the first word of an opening phrase: "On Friday,", "Speaking in Velgrad,"."""
        folded = tok.folded
        return folded in self.rules.openers or (
            len(folded) > 5 and folded.endswith(("ing", "ed")) and folded not in self.rules.unnamed
        )

    def _inside_name(self, k: int) -> bool:
        """True for "and"/"of" between capitalised words ("Ministry of Trade and Industry")."""
        toks = self.toks
        return (
            0 < k < len(toks) - 1
            and toks[k - 1].text[:1].isupper()
            and toks[k + 1].text[:1].isupper()
        )

    def _source_after(self, cue: _Cue) -> tuple[Span | None, int]:
        """The source right after an inverted cue ("said X, the minister, at ..."), and its end."""
        toks = self.toks
        r = self.rules
        k = cue.last
        appositive = False
        while k < len(toks):
            tok = toks[k]
            if tok.text in ".;:!?" or tok.text in r.quote_chars:
                break
            if tok.text == ",":
                nxt = toks[k + 1] if k + 1 < len(toks) else None
                if (
                    appositive
                    or nxt is None
                    or nxt.folded in r.openers
                    or nxt.folded in r.complementisers
                ):
                    break
                appositive = True
            elif (
                k > cue.last
                and tok.is_word
                and tok.folded in r.openers
                and not tok.text[:1].isupper()
                and not self._inside_name(k)
            ):
                break
            k += 1
        if k == cue.last:
            return None, cue.span.end
        source = trim(self.text, Span(cue.span.end, toks[k - 1].end), _TRIM)
        if self._too_long(source) or not source.length or not self._names_someone(source):
            return None, cue.span.end
        return source, source.end

    def _names_someone(self, span: Span) -> bool:
        """True if words after an inverted cue read as a source, not as content.

        They name a registry actor, hold a capitalised word after the first, a
        pronoun, an unnamed or document source word, or a title ("said the minister").
        """
        r = self.rules
        words = [t for t in self._within(span.start, span.end) if t.is_word]
        if self.names and self.names.find(self.text, span.start, span.end, ignore_case=True):
            return True
        if any(t.text[:1].isupper() for t in words[1:]):
            return True
        if words[0].text[:1].isupper() and words[0].folded not in r.determiners:
            return True
        folded = {t.folded for t in words}
        return bool(folded & (r.pronouns | r.unnamed | r.document | r.titles))

    def _too_long(self, span: Span) -> bool:
        words = [t for t in self._within(span.start, span.end) if t.is_word]
        return not words or len(words) > 12

    def _clause_word(self, start: int, end: int) -> bool:
        """True if a complementiser or a cue form lies in tokens ``start..end``."""
        return any(
            t.folded in self.rules.complementisers or t.folded in self.rules.forms
            for t in self.toks[start:end]
        )

    def _short_tail(self, after: int, addressee: bool = False) -> bool:
        """True if at most a short adverbial ("on Friday") follows ``after`` in the sentence,
        or, for a verb with an ``addressee``, a short noun phrase ("the Island Herald")."""
        tail = [t for t in self._within(after, self.span.end) if t.text not in ".!…"]
        if not tail:
            return True
        if len(tail) > 10 or any(t.folded in self.rules.complementisers for t in tail):
            return False
        if any(t.text in self.rules.quote_chars for t in tail):
            return False
        if addressee and len(tail) <= 6 and not any(t.folded in self.rules.forms for t in tail):
            return True
        first = tail[0] if tail[0].text != "," else (tail[1] if len(tail) > 1 else None)
        return (
            first is None
            or first.folded in self.rules.openers
            or first.folded in self.rules.auxiliaries
        )

    def _inner(self, quote: Span) -> Span:
        return trim(self.text, Span(quote.start + 1, quote.end - 1), _TRIM)

    def _type(self, content: Span) -> str:
        for q in self.quotes:
            if q.start <= content.start and content.end <= q.end:
                return "direct"
        if any(overlap(q, content) for q in self.quotes):
            return "mixed"
        return "indirect"

    def _proposal(
        self, cue: _Cue, content: Span, source: Span, score: float, pattern: str
    ) -> _Proposal:
        p = _Proposal(content, cue, score, source=source, pattern=pattern)
        p.attribution_type = self._type(content)
        self._classify(p, source)
        return p

    def _classify(self, p: _Proposal, source: Span) -> None:
        """The source's kind, actor, mention and the claimant."""
        r = self.rules
        words = self.text[source.start : source.end]
        found = self.names.find(self.text, source.start, source.end, ignore_case=True)
        named = [m for m in found if not m.possessive]
        toks = [t for t in self._within(source.start, source.end) if t.is_word]
        folded = [t.folded for t in toks]
        kinds = [
            ("unnamed" if f in r.unnamed else "document")
            for f in folded
            if f in r.unnamed or f in r.document
        ]
        if named and kinds[:1] == ["document"]:
            self._named(p, named[0])  # "figures from the statistics office": its document
            p.source_kind = "document"
            return
        if named:
            self._named(p, named[0])
            return
        if kinds:
            p.source_kind = kinds[0]
            p.score -= 0.05
            if kinds[0] == "document":
                owner = self._owner(source.start, folded)
                if owner is not None:
                    p.actor = p.claimant = owner  # "the network's annual report"
            return
        if found:
            self._named(p, found[0])
            return
        p.source_kind = "named"
        described = self._described(source.start, folded)
        if described is not None:
            p.actor = p.claimant = described
            p.mention = source
            p.score -= 0.1
            return
        if len(folded) == 1 and folded[0] in r.pronouns:
            p.mention = source
            actor = self._speaker(source.start, folded[0])
            actor = actor or self._antecedent(source.start, folded[0])
            if actor is not None:
                p.actor = actor
                p.claimant = actor
                p.score -= 0.1
            else:
                p.score -= 0.2
            return
        p.mention = self._unknown_name(toks) or source
        p.score -= 0.15 if any(ch.isupper() for ch in words[1:]) else 0.25

    def _named(self, p: _Proposal, match: NameMatch) -> None:
        unnamed = self.names.types.get(match.actor) == _UNNAMED_GROUP
        p.source_kind = "unnamed" if unnamed else "named"
        p.actor = match.actor
        p.mention = match.span
        p.claimant = match.actor
        p.score += 0.1

    def _unknown_name(self, toks: list[Token]) -> Span | None:
        """The capitalised words of a source naming no registry actor, titles left out."""
        run: list[Token] = []
        for tok in toks:
            if tok.text[:1].isupper() and tok.folded not in self.rules.titles:
                run.append(tok)
            elif run:
                break
        return Span(run[0].start, run[-1].end) if run else None

    def _described(self, position: int, folded: list[str]) -> str | None:
        """The actor a definite description names: "the union" after "Union of Coastal Fisheries".

        The description is a determiner and one or two words; its last word must
        be a word of a name or alias of an actor named earlier in the article.
        """
        if not 2 <= len(folded) <= 3 or folded[0] not in self.rules.determiners:
            return None
        head = folded[-1]
        for match in reversed(self.occurrences):
            if match.span.end <= position and head in self.names.words_of(match.actor):
                return match.actor
        types = self.rules.described.get(head, frozenset())
        for match in reversed(self.occurrences):
            if match.span.end <= position and self.names.types.get(match.actor) in types:
                return match.actor  # "the company": the last company named before
        return None

    def _owner(self, position: int, folded: list[str]) -> str | None:
        """The actor whose document a source names by a possessive description ("The
        network's annual report": the network named before)."""
        owner = next((i for i, f in enumerate(folded) if f.endswith("'s")), None)
        if owner is None:
            return None
        return self._described(position, [*folded[:owner], folded[owner][:-2]])

    def _speaker(self, position: int, pronoun: str) -> str | None:
        """The claimant of the paragraph's claim before, for a pronoun that may refer to it:
        no other actor of the pronoun's kind is named after that claim's source, outside
        its reported words ("Judge X said the evidence showed Y had lied. “...,” she told him")."""
        before = self.before
        if before is None or before.claimant is None or before.source is None:
            return None
        person = pronoun in _PERSON_PRONOUNS
        kind = self.names.types.get(before.claimant)
        if kind != "party" and (kind in _PERSONS or kind is None) != person:
            return None  # "she" after a ministry's claim (a party may be either)
        for match in self.occurrences:
            if match.span.start < before.source.end or match.span.end > position:
                continue
            if any(p.start <= match.span.start < p.end for p in before.pieces()):
                continue  # named in the reported words, not a new speaker
            other = self.names.types.get(match.actor)
            if match.actor != before.claimant and (other in _PERSONS or other is None) == person:
                return None
        return before.claimant

    def _antecedent(self, position: int, pronoun: str) -> str | None:
        """The registry actor a pronoun most likely refers to: the last one named before it."""
        person = pronoun in _PERSON_PRONOUNS
        for match in reversed(self.occurrences):
            if match.span.end > position:
                continue
            kind = self.names.types.get(match.actor)
            if (kind in _PERSONS or kind is None) == person:
                return match.actor
        return None
