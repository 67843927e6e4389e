"""Agreement between the annotators of a project, on the articles two or more labelled.

`project_agreement` reads a project a batch of articles at a time, matches
the claims, mentions and cues of every pair of annotators and tallies the
measures over them; see `annotator.quality.agreement` for the rules.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Hashable, Mapping

from annotator.core.errors import AnnotatorError
from annotator.core.model import GOLD, ArticleLabels, Claim
from annotator.core.spans import jaccard
from annotator.quality.agreement.matching import (
    MIN_JACCARD,
    SpanCounts,
    group_spans,
    match_spans,
    span_counts,
    span_f1,
)
from annotator.quality.agreement.measures import AlphaTally, FleissTally, KappaTally
from annotator.quality.agreement.report import AgreementReport, FieldAgreement, PairAgreement
from annotator.store.queries import ProjectQueries

SPAN_KINDS = ("claims", "mentions", "cues")
"""The kinds of spans compared, in report order."""

FIELDS: dict[str, Callable[[Claim], Hashable | None]] = {
    "stance": lambda c: c.stance,
    "category": lambda c: c.category,
    "certainty": lambda c: c.certainty,
    "checkworthy": lambda c: c.checkworthy,
    "attribution_type": lambda c: c.attribution.attribution_type,
    "source_kind": lambda c: c.attribution.source_kind,
    "claimant": lambda c: c.claimant,
}
"""Claim fields compared between matched claims, in report order, and how to read each."""


class _Pair:
    """Running tallies of one pair of annotators."""

    def __init__(self) -> None:
        self.articles = 0
        self.spans = dict.fromkeys(SPAN_KINDS, SpanCounts())
        self.kappas = {name: KappaTally() for name in FIELDS}

    def add(self, first: ArticleLabels, second: ArticleLabels) -> None:
        self.articles += 1
        self.spans["mentions"] += span_f1(
            [m.span for m in first.mentions], [m.span for m in second.mentions]
        )
        spans_a, spans_b = [c.span for c in first.claims], [c.span for c in second.claims]
        matched = match_spans(spans_a, spans_b)
        self.spans["claims"] += span_counts(spans_a, spans_b, matched)
        for i, j in matched:
            a, b = first.claims[i], second.claims[j]
            self.spans["cues"] += _cue_counts(a, b)
            for name, read in FIELDS.items():
                self.kappas[name].add(read(a), read(b))


def _cue_counts(first: Claim, second: Claim) -> SpanCounts:
    """`span_f1` of the cues of two matched claims (at most one each)."""
    a, b = first.attribution.cue, second.attribution.cue
    if a is None or b is None:
        return SpanCounts(int(a is not None), int(b is not None))
    return SpanCounts(1, 1, int(a == b), int(jaccard(a, b) >= MIN_JACCARD))


def project_agreement(
    project: ProjectQueries, annotators: list[str] | None = None
) -> AgreementReport:
    """Agreement between annotators on the articles two or more of them labelled.

    Reads the project a batch of articles at a time, so memory stays flat for
    large projects. See `annotator.quality.agreement` for the rules.

    Args:
        project: an open project.
        annotators: whom to compare (in this order); None for everyone who
            has labels or a status in the project, except ``gold``.

    Returns:
        The report; measures are None where undefined.

    Raises:
        AnnotatorError: if fewer than two annotators are named, or a named
            one has no labels or status in the project.
    """
    known = project.annotators()
    if annotators is None:
        names = [n for n in known if n != GOLD]
    else:
        names = list(dict.fromkeys(annotators))
        unknown = [n for n in names if n not in known]
        if unknown:
            raise AnnotatorError(f"no labels by {', '.join(map(repr, unknown))} in this project")
        if len(names) < 2:
            raise AnnotatorError("agreement needs two or more annotators")
    pairs = {pair: _Pair() for pair in itertools.combinations(names, 2)}
    alphas = {name: AlphaTally() for name in FIELDS}
    fleiss = {name: FleissTally() for name in FIELDS}
    articles = 0
    for batch in project.iter_articles():
        found = project.labels_for([a.id for a in batch])
        for by_annotator in found.values():
            labelled = {
                n: by_annotator[n] for n in names if n in by_annotator and by_annotator[n].labelled
            }
            if len(labelled) < 2:
                continue
            articles += 1
            for (a, b), tally in pairs.items():
                if a in labelled and b in labelled:
                    tally.add(labelled[a], labelled[b])
            _add_units(labelled, alphas, fleiss)
    total: dict[str, SpanCounts] = dict.fromkeys(SPAN_KINDS, SpanCounts())
    for tally in pairs.values():
        total = {kind: total[kind] + tally.spans[kind] for kind in SPAN_KINDS}
    return AgreementReport(
        annotators=names,
        articles=articles,
        spans=total,
        fields={
            name: FieldAgreement(alphas[name].alpha(), alphas[name].units, fleiss[name].kappa())
            for name in FIELDS
        },
        pairs=[
            PairAgreement(
                a, b, t.articles, dict(t.spans), {n: k.kappa() for n, k in t.kappas.items()}
            )
            for (a, b), t in pairs.items()
        ],
    )


def _add_units(
    labelled: Mapping[str, ArticleLabels],
    alphas: Mapping[str, AlphaTally],
    fleiss: Mapping[str, FleissTally],
) -> None:
    """Add the article's matched claims as units of every field."""
    claims = {n: labels.claims for n, labels in labelled.items()}
    for group in group_spans({n: [c.span for c in these] for n, these in claims.items()}):
        members = [claims[n][i] for n, i in group.items()]
        for name, read in FIELDS.items():
            counts = Counter(v for v in map(read, members) if v is not None)
            alphas[name].add_counts(counts)
            fleiss[name].add_counts(counts)
