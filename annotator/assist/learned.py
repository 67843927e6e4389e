"""Models learned from the project's own labels: which sentences hold claims, and field values.

Pure Python, no new dependency: multinomial naive Bayes over sparse binary
features (words and word pairs, the cue lexicon's hits, quotation marks,
digits, registry names). Naive Bayes trains in one counting pass, so a
project of 10,000 labelled claims retrains in about a second, in a
background thread or process, and its model is a few hundred KB.

- `train` reads labelled articles (an article with its annotator's labels)
  and returns a `LearnedModel`; a part with too few examples stays untrained
  (`LearnedModel.ready`).
- The model is a recommender (``learned``): for each sentence it judges to
  hold a claim and no labelled claim covers, a claim suggestion over the
  sentence with the field values it predicts; for each labelled claim that
  lacks a value, a ``fields`` suggestion.
- `LearnedModel.to_bytes` / `LearnedModel.from_bytes` keep it in the project.
- `LearnedModel.uncertainty` says how unsure the model is about an article
  (for ordering the next articles to label: active learning).
"""

from __future__ import annotations

import hashlib
import itertools
import math
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson

from annotator.assist.lexicon import Lexicon
from annotator.assist.segment import WORD, article_sentences, trim
from annotator.assist.suggestion import (
    SuggestContext,
    Suggestion,
    claim_suggestion,
    fields_suggestion,
)
from annotator.core.model import CLAIM_VOCAB_FIELDS, Article, ArticleLabels, Claim
from annotator.core.spans import Span, overlap

NAME = "learned"
FORMAT = 1
"""The layout of `LearnedModel.to_bytes`; a model of another format must be retrained."""

MIN_ARTICLES = 5
"""Labelled articles needed before sentences are judged."""
MIN_EXAMPLES = 10
"""Labelled claims with a value needed before a field is predicted (and two values seen)."""

FIELD_NAMES = (*CLAIM_VOCAB_FIELDS, "attribution_type", "source_kind")
"""The fields the model learns: the claim's vocabulary fields and two of its attribution."""

_TRIM = " \t\n\u00a0,.;:"
_HEDGES = frozenset(
    [
        "may",
        "might",
        "could",
        "would",
        "reportedly",
        "allegedly",
        "possibly",
        "perhaps",
        "likely",
        "unlikely",
        "expected",
    ]
)


class NaiveBayes:
    """Multinomial naive Bayes over binary features, with add-one smoothing."""

    def __init__(self) -> None:
        self.class_counts: Counter[str] = Counter()
        self.feature_counts: dict[str, Counter[str]] = {}
        self.totals: Counter[str] = Counter()
        self.vocabulary: set[str] = set()

    def learn(self, features: Iterable[str], label: str) -> None:
        """Count one example."""
        counts = self.feature_counts.setdefault(label, Counter())
        unique = set(features)
        counts.update(unique)
        self.totals[label] += len(unique)
        self.class_counts[label] += 1
        self.vocabulary |= unique

    @property
    def labels(self) -> list[str]:
        """The classes seen, most frequent first."""
        return [label for label, _ in self.class_counts.most_common()]

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        """P(class | features), summing to 1; empty for a model that saw nothing."""
        total = sum(self.class_counts.values())
        if not total:
            return {}
        unique = [f for f in set(features) if f in self.vocabulary]
        size = len(self.vocabulary) + 1
        logs = {}
        for label, seen in self.class_counts.items():
            counts = self.feature_counts[label]
            denominator = math.log(self.totals[label] + size)
            score = math.log(seen / total)
            for f in unique:
                score += math.log(counts.get(f, 0) + 1) - denominator
            logs[label] = score
        top = max(logs.values())
        exps = {label: math.exp(v - top) for label, v in logs.items()}
        norm = sum(exps.values())
        return {label: v / norm for label, v in exps.items()}

    def to_data(self) -> dict[str, Any]:
        """Plain data for `LearnedModel.to_bytes`."""
        return {
            "classes": dict(self.class_counts),
            "features": {k: dict(v) for k, v in self.feature_counts.items()},
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> NaiveBayes:
        """The model `to_data` described."""
        model = cls()
        model.class_counts = Counter(data["classes"])
        for label, counts in data["features"].items():
            model.feature_counts[label] = Counter(counts)
            model.totals[label] = sum(counts.values())
            model.vocabulary.update(counts)
        return model


class _Features:
    """Feature extraction with one lexicon (its cue words compiled once)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.forms = {f.casefold() for v in lexicon.verbs for f in v.forms}
        self.hedges = {h.casefold() for h in lexicon.hedges} | _HEDGES
        self.sources = {w.casefold() for w in (*lexicon.unnamed, *lexicon.document)}
        self.according = {a.split()[0].casefold() for a in lexicon.according}
        self.negations = {n.casefold() for n in lexicon.negations}
        self.marks = tuple(lexicon.quotes)
        self.quote_chars = frozenset(m for pair in lexicon.quotes for m in pair)

    def of_text(self, text: str, prefix: str = "") -> list[str]:
        """Words, word pairs and the lexicon's cues in ``text``."""
        words = [w.casefold() for w in WORD.findall(text)]
        out = [f"{prefix}w:{w}" for w in words]
        out += [f"{prefix}b:{a}_{b}" for a, b in itertools.pairwise(words)]
        for w in words:
            if w in self.forms:
                out.append(f"{prefix}cue:{w}")
                out.append(f"{prefix}cue")
            if w in self.hedges:
                out.append(f"{prefix}hedge")
            if w in self.sources:
                out.append(f"{prefix}source-word")
            if w in self.according:
                out.append(f"{prefix}according")
            if w in self.negations or w.endswith("n't"):
                out.append(f"{prefix}negation")
        if any(ch in self.quote_chars for ch in text):
            out.append(f"{prefix}quote")
        if any(ch.isdigit() for ch in text):
            out.append(f"{prefix}digit")
        if text.rstrip().endswith("?"):
            out.append(f"{prefix}question")
        out.append(f"{prefix}len:{min(len(words) // 8, 6)}")
        return out

    def of_sentence(self, text: str, span: Span, first: bool) -> list[str]:
        """Features of one sentence for the claim detector."""
        out = self.of_text(text[span.start : span.end])
        if first:
            out.append("first-sentence")
        return out

    def of_claim(self, text: str, claim: Claim) -> list[str]:
        """Features of one claim for the field classifiers: its words, cue and attribution."""
        out = self.of_text(text[claim.start : claim.end])
        attribution = claim.attribution
        if attribution.cue is not None:
            out += self.of_text(text[attribution.cue.start : attribution.cue.end], "c")
        if attribution.source_text:
            out += self.of_text(attribution.source_text, "s")
        out.append(f"type:{attribution.attribution_type}")
        out.append(f"kind:{attribution.source_kind}")
        out.append(f"claimant:{claim.claimant is not None}")
        return out


def _holds_claim(sentence: Span, claims: Sequence[Claim]) -> bool:
    """True if half of some claim, or half of the sentence, lies in the other."""
    for claim in claims:
        shared = overlap(sentence, claim.span)
        if shared * 2 >= claim.span.length or shared * 2 >= sentence.length:
            return True
    return False


@dataclass
class LearnedModel:
    """The models trained on one project's labels (see the module docstring).

    Attributes:
        sentences: the claim detector (labels "claim" / "none"), or None if untrained.
        fields: field name -> its classifier, for the fields with enough examples.
        trained_on: how many labelled articles and claims it learned from.
        threshold: the claim probability above which a sentence is proposed.
    """

    sentences: NaiveBayes | None = None
    fields: dict[str, NaiveBayes] = field(default_factory=dict)
    trained_on: dict[str, int] = field(default_factory=dict)
    threshold: float = 0.5
    lexicon: Lexicon | None = None
    name: str = NAME
    version: str = "untrained"
    _features: dict[int, tuple[Lexicon, _Features]] = field(default_factory=dict, repr=False)

    @property
    def ready(self) -> bool:
        """True when some part is trained and the model can suggest anything."""
        return self.sentences is not None or bool(self.fields)

    def _extractor(self, lexicon: Lexicon | None) -> _Features:
        chosen = lexicon or self.lexicon or Lexicon.for_language("en")
        held = self._features.get(id(chosen))
        if held is None or held[0] is not chosen:
            held = (chosen, _Features(chosen))
            self._features[id(chosen)] = held
        return held[1]

    # -- predictions --------------------------------------------------------------------

    def claim_probabilities(
        self, article: Article, lexicon: Lexicon | None = None
    ) -> list[tuple[Span, float]]:
        """Each sentence of the article with the probability that it holds a claim."""
        if self.sentences is None:
            return []
        features = self._extractor(lexicon)
        spans = article_sentences(article.text, features.marks)
        return [
            (
                span,
                self.sentences.probabilities(features.of_sentence(article.text, span, i == 0)).get(
                    "claim", 0.0
                ),
            )
            for i, span in enumerate(spans)
        ]

    def predict_fields(
        self, text: str, claim: Claim, lexicon: Lexicon | None = None
    ) -> dict[str, tuple[str, float]]:
        """Field name -> (value, probability) for each field the model knows."""
        features = self._extractor(lexicon).of_claim(text, claim)
        out = {}
        for name, model in self.fields.items():
            probabilities = model.probabilities(features)
            if probabilities:
                value = max(probabilities, key=lambda v: probabilities[v])
                out[name] = (value, probabilities[value])
        return out

    def uncertainty(self, article: Article, lexicon: Lexicon | None = None) -> float:
        """How unsure the model is about ``article``, 0..1 (1: coin flips).

        The mean of the three least certain sentences' ``1 - |2p - 1|``: an
        article to label next is one whose sentences the model cannot call.
        """
        scores = sorted(
            (1 - abs(2 * p - 1) for _, p in self.claim_probabilities(article, lexicon)),
            reverse=True,
        )
        top = scores[:3]
        return sum(top) / len(top) if top else 1.0

    def suggest(self, article: Article, context: SuggestContext) -> list[Suggestion]:
        """Claims in sentences the model judges to hold one, and missing values of labelled claims."""
        lexicon = context.lexicon
        text = article.text
        labelled = list(context.labels.claims) if context.labels else []
        out: list[Suggestion] = []
        for span, p in self.claim_probabilities(article, lexicon):
            if p < self.threshold or any(overlap(span, c.span) for c in labelled):
                continue
            content = trim(text, span, _TRIM)
            probe = Claim("", article.id, "", content.start, content.end)
            values = self._allowed(self.predict_fields(text, probe, lexicon), context)
            fields = {k: v for k, (v, _) in values.items() if k in CLAIM_VOCAB_FIELDS}
            out.append(
                claim_suggestion(
                    self, article, content, round(p, 3), fields=fields, note=f"learned: p={p:.2f}"
                )
            )
        for claim in labelled:
            values = self._allowed(self.predict_fields(text, claim, lexicon), context)
            missing = {
                k: (v, p)
                for k, (v, p) in values.items()
                if k in CLAIM_VOCAB_FIELDS and getattr(claim, k) is None
            }
            if missing:
                score = min(p for _, p in missing.values())
                proposed = {k: v for k, (v, _) in missing.items()}
                out.append(fields_suggestion(self, claim, proposed, round(score, 3), "learned"))
        return out

    @staticmethod
    def _allowed(
        values: dict[str, tuple[str, float]], context: SuggestContext
    ) -> dict[str, tuple[str, float]]:
        return {k: v for k, v in values.items() if context.allows(k, v[0])}

    # -- storage ------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The model as compressed bytes, for the project to keep."""
        data = {
            "format": FORMAT,
            "version": self.version,
            "threshold": self.threshold,
            "trained_on": self.trained_on,
            "sentences": self.sentences.to_data() if self.sentences else None,
            "fields": {k: m.to_data() for k, m in self.fields.items()},
        }
        return zlib.compress(orjson.dumps(data), 6)

    @classmethod
    def from_bytes(cls, blob: bytes, lexicon: Lexicon | None = None) -> LearnedModel:
        """The model `to_bytes` wrote.

        Raises:
            ValueError: the bytes are no model, or of another format (retrain it).
        """
        try:
            data = orjson.loads(zlib.decompress(blob))
        except (zlib.error, orjson.JSONDecodeError) as exc:
            raise ValueError(f"not a learned model ({exc})") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("a learned model of another format: train it again")
        return cls(
            sentences=NaiveBayes.from_data(data["sentences"]) if data["sentences"] else None,
            fields={k: NaiveBayes.from_data(v) for k, v in data["fields"].items()},
            trained_on=dict(data["trained_on"]),
            threshold=float(data["threshold"]),
            lexicon=lexicon,
            version=str(data["version"]),
        )


def train(
    labelled: Iterable[tuple[Article, ArticleLabels]],
    lexicon: Lexicon | None = None,
    *,
    threshold: float = 0.5,
    min_articles: int = MIN_ARTICLES,
    min_examples: int = MIN_EXAMPLES,
) -> LearnedModel:
    """Train the models on labelled articles (each with one annotator's labels).

    Only articles the annotator labelled count (`ArticleLabels.labelled`); a
    part with too few examples is left untrained. The model's version is a
    hash of what it learned, so retraining on the same labels gives the same
    version (and the same suggestions).
    """
    features = _Features(lexicon or Lexicon.for_language("en"))
    detector = NaiveBayes()
    classifiers: dict[str, NaiveBayes] = {}
    articles = claims = 0
    for article, labels in labelled:
        if not labels.labelled:
            continue
        articles += 1
        text = article.text
        for i, span in enumerate(article_sentences(text, features.marks)):
            label = "claim" if _holds_claim(span, labels.claims) else "none"
            detector.learn(features.of_sentence(text, span, i == 0), label)
        for claim in labels.claims:
            claims += 1
            claim_features = features.of_claim(text, claim)
            for name in FIELD_NAMES:
                value = (
                    getattr(claim.attribution, name)
                    if name in ("attribution_type", "source_kind")
                    else getattr(claim, name)
                )
                if value is not None:
                    classifiers.setdefault(name, NaiveBayes()).learn(claim_features, value)
    ready = {
        name: model
        for name, model in classifiers.items()
        if sum(model.class_counts.values()) >= min_examples and len(model.class_counts) >= 2
    }
    model = LearnedModel(
        sentences=detector
        if articles >= min_articles and len(detector.class_counts) == 2
        else None,
        fields=ready,
        trained_on={"articles": articles, "claims": claims},
        threshold=threshold,
        lexicon=lexicon,
    )
    model.version = "nb-" + hashlib.sha256(model.to_bytes()).hexdigest()[:12]
    return model
