"""Cross-article links: claims of two articles of one story that state the same thing.

TF-IDF vectors of the claims' words (pure Python), compared by cosine
similarity; the document frequencies come from the sentences of the story's
articles, so that words every article uses ("pipeline", "said") count for
little. A pair of labelled claims in different articles scoring at least the
threshold, and not linked yet, is a link suggestion with the similarity as
its score. Words are compared in lower case with a light suffix strip
("meets" and "meet"); claims in different languages rarely match.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from annotator.assist.segment import WORD, article_sentences
from annotator.assist.suggestion import SuggestContext, Suggestion, link_suggestion
from annotator.core.model import Article, Claim

_SUFFIX = re.compile(r"(?:ing|ed|s)$")


def stems(text: str) -> list[str]:
    """The words of ``text``, lower case, plurals and verb endings cut off."""
    out = []
    for word in WORD.findall(text):
        folded = word.casefold().replace("’", "'")
        if len(folded) > 4:
            folded = _SUFFIX.sub("", folded)
        out.append(folded)
    return out


class Vectors:
    """TF-IDF vectors over the documents it was built from."""

    def __init__(self, documents: Iterable[str]) -> None:
        frequency: Counter[str] = Counter()
        count = 0
        for document in documents:
            frequency.update(set(stems(document)))
            count += 1
        self._idf = {w: math.log((1 + count) / (1 + n)) + 1 for w, n in frequency.items()}
        self._unknown = math.log(1 + count) + 1

    def vector(self, text: str) -> dict[str, float]:
        """The unit-length TF-IDF vector of ``text``."""
        counts = Counter(stems(text))
        weights = {w: n * self._idf.get(w, self._unknown) for w, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in weights.values()))
        return {w: v / norm for w, v in weights.items()} if norm else {}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine similarity of two unit vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def similar_claims(
    story: Sequence[tuple[Article, Sequence[Claim]]], threshold: float = 0.35
) -> list[tuple[str, str, str, float]]:
    """Pairs of claims of different articles at least ``threshold`` similar.

    Returns:
        ``(article id, claim id, other claim id, similarity)``, most similar first.
    """
    documents = [
        article.text[s.start : s.end]
        for article, _ in story
        for s in article_sentences(article.text, ())
    ]
    vectors = Vectors(documents)
    claims = [
        (article.id, claim.id, vectors.vector(article.text[claim.start : claim.end]))
        for article, article_claims in story
        for claim in article_claims
    ]
    found = []
    for i, (article_a, claim_a, vector_a) in enumerate(claims):
        for article_b, claim_b, vector_b in claims[i + 1 :]:
            if article_a == article_b:
                continue
            score = cosine(vector_a, vector_b)
            if score >= threshold:
                found.append((article_a, claim_a, claim_b, min(1.0, score)))
    return sorted(found, key=lambda f: -f[3])


class ClaimLinks:
    """The ``links`` recommender: links from this article's claims to its story's.

    Args:
        threshold: the least cosine similarity proposed.
    """

    name = "links"
    version = "1"

    def __init__(self, threshold: float = 0.35) -> None:
        self.threshold = threshold

    def suggest(self, article: Article, context: SuggestContext) -> list[Suggestion]:
        """Link suggestions between the article's labelled claims and its story's."""
        if context.labels is None or not context.labels.claims or not context.story:
            return []
        story: list[tuple[Article, Sequence[Claim]]] = [(article, context.labels.claims)]
        story += [(a, labels.claims) for a, labels in context.story if a.id != article.id]
        linked = {
            frozenset((claim, other))
            for labels in (context.labels, *(labels for _, labels in context.story))
            for claim, others in labels.links.items()
            for other in others
        }
        own = {c.id for c in context.labels.claims}
        out = []
        for article_id, claim_a, claim_b, score in similar_claims(story, self.threshold):
            if frozenset((claim_a, claim_b)) in linked or not ({claim_a, claim_b} & own):
                continue
            out.append(
                link_suggestion(
                    self, article_id, claim_a, claim_b, round(score, 3), "similar words"
                )
            )
        return out
