"""How good are the suggestions? Precision, recall and F1 against an annotator's labels.

`evaluate` scores suggestions against reference labels (an annotator's, or
gold), article by article:

- **claims, exact**: a suggested claim whose content is a reference claim's:
  the same segments (`annotator.core.segments`; a claim in one piece is one
  segment), so a hull over a quote split around its cue is not exact;

  every content measure compares segments without the quotation marks, white
  space and punctuation at their ends (`annotator.core.segments.content_edges`,
  the Jaccard of `annotator.core.segments.content_jaccard`): corpora differ on
  whether a quotation's marks and its closing comma are content (PolNeAR keeps
  them, the attribution patterns leave them out), and that is no disagreement
  on what was said;
- **claims, overlap**: suggested and reference claims paired one to one, the
  pairs sharing most characters of their segments first (any shared
  character counts; the characters between two segments, a split quote's cue
  and source, are no part of the content);
- **content characters**: of the paired claims, the characters their segments
  share, over the characters of every suggested claim's segments (precision)
  and of every reference claim's segments (recall): how much of the content is
  right, where a hull over a split quote loses precision for the cue between;
- **content segments**: the segments of the suggested claims against the
  reference claims' segments, each the same span (a claim in one piece is one
  segment);
- **cues**: the cues of suggested claims against the reference cues, paired
  by overlap;
- **sources**: a paired claim whose source words share a word with the
  reference source (its mention's words, or its source text), counted against
  the suggested claims that name a source and the reference claims that have one;
- **mentions**: mention suggestions against reference mentions, same span and actor;
- **fields**: for each claim field (stance, category, certainty, checkworthy,
  attribution type, source kind), on paired claims, a value is right when it
  equals the reference; precision over the values suggested, recall over
  the reference claims that have a value;
- **links**: suggested links against the reference links (as unordered pairs);
- **claimant accuracy**: of the paired claims whose reference names a
  claimant, the share whose suggestion names the same actor.

Learned models are evaluated on articles they were not trained on:
`split` and `folds` divide article ids deterministically.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.assist.suggestion import CLAIM, LINK, MENTION, Suggestion
from annotator.core.model import ArticleLabels, Claim
from annotator.core.segments import content_edges, content_jaccard, content_shared, content_size
from annotator.core.spans import Span, jaccard, overlap

FIELDS = (
    "stance",
    "category",
    "certainty",
    "checkworthy",
    "attribution_type",
    "source_kind",
)
"""The claim fields scored one by one."""

_WORD = re.compile(r"\w+")
_LITTLE = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "and",
        "or",
        "by",
        "with",
        "from",
        "this",
        "that",
        "its",
        "his",
        "her",
        "their",
        "our",
    ]
)


@dataclass(frozen=True, slots=True)
class Score:
    """Counts of one measure: right suggestions, suggestions made, references there are."""

    right: int = 0
    suggested: int = 0
    reference: int = 0

    @property
    def precision(self) -> float:
        """Right / suggested (1.0 when nothing was suggested)."""
        return self.right / self.suggested if self.suggested else 1.0

    @property
    def recall(self) -> float:
        """Right / reference (1.0 when there is nothing to find)."""
        return self.right / self.reference if self.reference else 1.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.right + other.right,
            self.suggested + other.suggested,
            self.reference + other.reference,
        )

    def as_dict(self) -> dict[str, float | int]:
        """The counts and the three measures, rounded to 3 places."""
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "right": self.right,
            "suggested": self.suggested,
            "reference": self.reference,
        }


@dataclass(frozen=True, slots=True)
class Accuracy:
    """Right out of counted."""

    right: int = 0
    counted: int = 0

    @property
    def value(self) -> float:
        """Right / counted (1.0 when nothing was counted)."""
        return self.right / self.counted if self.counted else 1.0

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.right + other.right, self.counted + other.counted)

    def as_dict(self) -> dict[str, float | int]:
        """The share and its counts."""
        return {"accuracy": round(self.value, 3), "right": self.right, "counted": self.counted}


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Every measure of one recommender (or of all together) over some articles."""

    recommender: str
    articles: int = 0
    claims_exact: Score = Score()
    claims_overlap: Score = Score()
    cues: Score = Score()
    sources: Score = Score()
    mentions: Score = Score()
    fields: Mapping[str, Score] = field(default_factory=dict)
    links: Score = Score()
    claimant: Accuracy = Accuracy()
    content_chars: Score = Score()
    """Characters of the content segments (see the module docstring)."""
    segments: Score = Score()
    """Content segments of the same span (see the module docstring)."""

    def __add__(self, other: Evaluation) -> Evaluation:
        names = list(dict.fromkeys([*self.fields, *other.fields]))
        return Evaluation(
            self.recommender,
            self.articles + other.articles,
            self.claims_exact + other.claims_exact,
            self.claims_overlap + other.claims_overlap,
            self.cues + other.cues,
            self.sources + other.sources,
            self.mentions + other.mentions,
            {n: self.fields.get(n, Score()) + other.fields.get(n, Score()) for n in names},
            self.links + other.links,
            self.claimant + other.claimant,
            self.content_chars + other.content_chars,
            self.segments + other.segments,
        )

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON: every measure with its counts."""
        return {
            "recommender": self.recommender,
            "articles": self.articles,
            "claims_exact": self.claims_exact.as_dict(),
            "claims_overlap": self.claims_overlap.as_dict(),
            "content_chars": self.content_chars.as_dict(),
            "segments": self.segments.as_dict(),
            "cues": self.cues.as_dict(),
            "sources": self.sources.as_dict(),
            "mentions": self.mentions.as_dict(),
            "fields": {name: score.as_dict() for name, score in self.fields.items()},
            "links": self.links.as_dict(),
            "claimant": self.claimant.as_dict(),
        }

    def measures(self) -> list[tuple[str, Score]]:
        """(name, score) of every measure, in the order a table shows them."""
        return [
            ("claims (exact)", self.claims_exact),
            ("claims (overlap)", self.claims_overlap),
            ("content (characters)", self.content_chars),
            ("content segments", self.segments),
            ("cues", self.cues),
            ("sources", self.sources),
            ("mentions", self.mentions),
            *((f"field {n}", s) for n, s in self.fields.items()),
            ("links", self.links),
        ]

    def rows(self) -> list[tuple[str, str, str, str]]:
        """(measure, precision, recall, F1) rows for a table, as text."""
        scores = self.measures()
        out = [
            (name, f"{s.precision:.2f}", f"{s.recall:.2f}", f"{s.f1:.2f}")
            for name, s in scores
            if s.suggested or s.reference
        ]
        out.append(("claimant accuracy", f"{self.claimant.value:.2f}", "", ""))
        return out


def _pairs(suggested: Sequence[Span], reference: Sequence[Span]) -> list[tuple[int, int]]:
    """Indices paired one to one, most shared characters (by Jaccard) first."""
    candidates = sorted(
        (
            (-jaccard(s, r), i, j)
            for i, s in enumerate(suggested)
            for j, r in enumerate(reference)
            if overlap(s, r)
        ),
    )
    return _one_to_one(candidates)


def _content_pairs(
    suggested: Sequence[Sequence[Span]], reference: Sequence[Sequence[Span]], text: str
) -> list[tuple[int, int]]:
    """Contents paired one to one, those sharing most characters of their segments (by
    Jaccard on the segments' characters without their edges, not on the hulls) first."""
    candidates = []
    for i, s in enumerate(suggested):
        for j, r in enumerate(reference):
            if s[0].start >= r[-1].end or r[0].start >= s[-1].end:
                continue  # hulls apart
            score = content_jaccard(s, r, text)
            if score > 0:  # a character shared
                candidates.append((-score, i, j))
    return _one_to_one(sorted(candidates))


def _one_to_one(candidates: Sequence[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """``(i, j)`` of the sorted ``(-share, i, j)`` candidates, each index used once."""
    used_s: set[int] = set()
    used_r: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_s and j not in used_r:
            used_s.add(i)
            used_r.add(j)
            pairs.append((i, j))
    return pairs


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.casefold()) if w not in _LITTLE}


def _reference_source(claim: Claim, labels: ArticleLabels, text: str) -> str | None:
    attribution = claim.attribution
    if attribution.source_text:
        return attribution.source_text
    mention = next((m for m in labels.mentions if m.id == attribution.source_mention), None)
    return text[mention.start : mention.end] if mention else None


def _field(claim: Claim, name: str) -> str | None:
    if name in ("attribution_type", "source_kind"):
        value: str | None = getattr(claim.attribution, name)
        return value
    if hasattr(claim, name):
        value = getattr(claim, name)
        return value
    extra = claim.extra.get(name)
    return extra if isinstance(extra, str) else None


def evaluate_article(
    recommender: str,
    text: str,
    suggestions: Sequence[Suggestion],
    reference: ArticleLabels,
    fields: Sequence[str] = FIELDS,
) -> Evaluation:
    """The measures on one article (links are scored across articles by `evaluate`)."""
    claims = [s for s in suggestions if s.kind == CLAIM and s.claim is not None]
    gold = list(reference.claims)
    as_marked = [s.claim.content for s in claims if s.claim is not None]
    gold_as_marked = [c.content for c in gold]
    contents = [content_edges(text, c) for c in as_marked]
    gold_contents = [content_edges(text, c) for c in gold_as_marked]
    exact = len(set(contents) & set(gold_contents))
    pairs = _content_pairs(as_marked, gold_as_marked, text)
    shared = sum(content_shared(contents[i], gold_contents[j]) for i, j in pairs)
    pieces = {p for c in contents for p in c}
    gold_pieces = {p for c in gold_contents for p in c}
    cue_spans = list(
        dict.fromkeys(
            s.claim.attribution.cue for s in claims if s.claim and s.claim.attribution.cue
        )
    )
    gold_cues = list(dict.fromkeys(c.attribution.cue for c in gold if c.attribution.cue))
    source_right = 0
    claimant = Accuracy()
    field_right = dict.fromkeys(fields, 0)
    for i, j in pairs:
        made, ref = claims[i], gold[j]
        assert made.claim is not None
        wanted = _reference_source(ref, reference, text)
        found = text[made.source.start : made.source.end] if made.source is not None else ""
        if wanted and found and _words(found) & _words(wanted):
            source_right += 1
        if ref.claimant is not None:
            claimant += Accuracy(int(made.claim.claimant == ref.claimant), 1)
        for name in fields:
            value = _field(made.claim, name)
            if value is not None and value == _field(ref, name):
                field_right[name] += 1
    field_scores = {
        name: Score(
            field_right[name],
            sum(1 for s in claims if s.claim is not None and _field(s.claim, name) is not None),
            sum(1 for c in gold if _field(c, name) is not None),
        )
        for name in fields
    }
    mention_suggestions = {
        (s.mentions[0].span, s.mentions[0].actor)
        for s in suggestions
        if s.kind == MENTION and s.mentions
    }
    gold_mentions = {(m.span, m.actor) for m in reference.mentions}
    return Evaluation(
        recommender,
        1,
        Score(exact, len(contents), len(gold_contents)),
        Score(len(pairs), len(contents), len(gold_contents)),
        Score(len(_pairs(cue_spans, gold_cues)), len(cue_spans), len(gold_cues)),
        Score(
            source_right,
            sum(1 for s in claims if s.source is not None),
            sum(1 for c in gold if _reference_source(c, reference, text)),
        ),
        Score(
            len(mention_suggestions & gold_mentions),
            len(mention_suggestions),
            len(gold_mentions),
        ),
        field_scores,
        Score(),
        claimant,
        Score(
            shared,
            sum(map(content_size, contents)),
            sum(map(content_size, gold_contents)),
        ),
        Score(len(pieces & gold_pieces), len(pieces), len(gold_pieces)),
    )


def evaluate(
    suggestions: Iterable[Suggestion],
    reference: Iterable[ArticleLabels],
    texts: Mapping[str, str],
    *,
    recommender: str = "all",
    min_score: float = 0.0,
    fields: Sequence[str] = FIELDS,
) -> Evaluation:
    """Score ``suggestions`` against the ``reference`` labels of the articles in ``texts``.

    Args:
        suggestions: what the recommenders proposed (other articles' are ignored).
        reference: one annotator's labels, one entry per article to score.
        texts: article id -> text, for every article of ``reference``.
        recommender: the name the result carries.
        min_score: suggestions scoring below this are left out (a threshold to try).
    """
    by_article: dict[str, list[Suggestion]] = {}
    links: set[frozenset[str]] = set()
    for s in suggestions:
        if s.score < min_score:
            continue
        if s.kind == LINK and s.link is not None:
            links.add(frozenset(s.link))
        by_article.setdefault(s.article_id, []).append(s)
    total = Evaluation(recommender, fields=dict.fromkeys(fields, Score()))
    gold_links: set[frozenset[str]] = set()
    for labels in reference:
        total += evaluate_article(
            recommender,
            texts[labels.article_id],
            by_article.get(labels.article_id, []),
            labels,
            fields,
        )
        for claim_id, others in labels.links.items():
            gold_links.update(frozenset((claim_id, other)) for other in others)
    link_score = Score(len(links & gold_links), len(links), len(gold_links))
    return Evaluation(
        total.recommender,
        total.articles,
        total.claims_exact,
        total.claims_overlap,
        total.cues,
        total.sources,
        total.mentions,
        total.fields,
        link_score,
        total.claimant,
        total.content_chars,
        total.segments,
    )


def evaluate_each(
    suggestions: Iterable[Suggestion],
    reference: Sequence[ArticleLabels],
    texts: Mapping[str, str],
    *,
    min_score: float = 0.0,
) -> dict[str, Evaluation]:
    """`evaluate` for each recommender on its own, and ``"all"`` for them together."""
    everything = list(suggestions)
    names = sorted({s.recommender for s in everything})
    result = {
        name: evaluate(
            [s for s in everything if s.recommender == name],
            reference,
            texts,
            recommender=name,
            min_score=min_score,
        )
        for name in names
    }
    result["all"] = evaluate(everything, reference, texts, min_score=min_score)
    return result


def _bucket(article_id: str, seed: str) -> float:
    digest = hashlib.sha256(f"{seed}\0{article_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def split(
    article_ids: Iterable[str], test_share: float = 0.3, seed: str = "assist"
) -> tuple[list[str], list[str]]:
    """Article ids divided into (train, test), about ``test_share`` of them to test.

    Deterministic: an id falls on the same side whatever the order or the
    other ids, so articles added later leave the earlier split as it was.
    """
    train: list[str] = []
    test: list[str] = []
    for article_id in article_ids:
        (test if _bucket(article_id, seed) < test_share else train).append(article_id)
    return train, test


def folds(article_ids: Iterable[str], k: int = 5, seed: str = "assist") -> list[list[str]]:
    """Article ids in ``k`` folds, deterministically (each id's fold depends on it alone)."""
    if k < 2:
        raise ValueError("cross-validation needs at least 2 folds")
    out: list[list[str]] = [[] for _ in range(k)]
    for article_id in article_ids:
        out[min(k - 1, int(_bucket(article_id, seed) * k))].append(article_id)
    return out


def held_out(
    train: Callable[[Sequence[str]], Callable[[str], list[Suggestion]]],
    article_ids: Sequence[str],
    k: int = 5,
    seed: str = "assist",
) -> list[Suggestion]:
    """Suggestions for every article by a model that never saw it (k-fold cross-validation).

    Args:
        train: given the ids to train on, returns a function that suggests for one article id.
    """
    out: list[Suggestion] = []
    groups = folds(article_ids, k, seed)
    for index, test in enumerate(groups):
        if not test:
            continue
        rest = [a for g, group in enumerate(groups) if g != index for a in group]
        suggest = train(rest)
        for article_id in test:
            out.extend(suggest(article_id))
    return out
