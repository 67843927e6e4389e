"""Agreement between annotators: span F1, Krippendorff's alpha, Cohen's and Fleiss' kappa.

The measures (`krippendorff_alpha`, `cohen_kappa`, `fleiss_kappa`, `span_f1`)
are pure functions of plain tables; `project_agreement` applies them to the
articles of a project that two or more of the chosen annotators labelled.

Which articles count
    An annotator *labelled* an article when they made a claim or a mention
    there, or marked it done (done with nothing marked says "no claims here",
    which is a judgement to compare). An article that is only in progress or
    skipped, with no labels, is work not done and is left out for that
    annotator. Without a list of annotators, everyone but ``gold`` (the
    adjudicated labels) is compared. An article counts when two or more of
    the chosen annotators labelled it; a pair of annotators is compared on the
    articles both labelled, so a pair's numbers do not depend on who else is
    chosen.

Matching spans and claims
    Two spans *overlap-match* when their Jaccard index (shared code points over
    code points covered by either) is at least 0.5. Matching is one-to-one and
    greedy: candidate pairs are taken in order of decreasing Jaccard (ties by
    position), each span at most once. Exact matches have Jaccard 1 and so are
    always taken first: a claim is matched by its exact span, else by its best
    overlap. Across more than two annotators, claims are grouped the same way:
    candidate pairs in order of decreasing Jaccard join two groups when the
    result has at most one claim per annotator and every two claims in it
    overlap-match. With two annotators the groups are exactly the pairs.

Spans
    ``exact_f1`` is 2 × exactly matched pairs / (spans of one + spans of the
    other); ``overlap_f1`` the same with overlap-matched pairs (exact ones
    included). Both are symmetric and summed (micro-averaged) over articles,
    and "overall" over every pair of annotators. Mentions are compared by
    span only. A cue belongs to its claim: cues are compared only between
    claims that overlap-match, so a cue counts once per claim that has one,
    and it agrees only with the cue of the matched claim. This keeps cue
    agreement apart from claim agreement.

Fields of matched claims
    stance, category, certainty, checkworthy, attribution type, source kind
    and the claimant (actor id). Each group of matched claims is one unit; an
    empty field (null) is a missing value. Alpha is nominal, with missing
    values handled as Krippendorff does: units with fewer than two values are
    not pairable and drop out; ``n_units`` counts the pairable ones. Cohen's
    kappa of a pair uses that pair's own matched claims where both filled the
    field. Fleiss' kappa needs the same number (two or more) of values in
    every unit, i.e. every annotator rated every claim; otherwise it is null.

Undefined is null
    A measure is None (``null`` in JSON, ``-`` in tables) when it is
    undefined: F1 when neither side marked a span; alpha when no unit is
    pairable or only one value occurs among the pairable values (no expected
    disagreement, 0/0); kappa when there is nothing to compare or chance
    agreement is 1 (one value throughout).
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.core.errors import AnnotatorError
from annotator.core.model import GOLD, ArticleLabels, Claim
from annotator.core.spans import Span, jaccard
from annotator.store.queries import ProjectQueries

MIN_JACCARD = 0.5
"""Two spans overlap-match when their Jaccard index is at least this."""

SPAN_KINDS = ("claims", "mentions", "cues")
"""The kinds of spans compared, in report order."""

FIELDS: dict[str, Callable[[Claim], Hashable | None]] = {
    "stance": lambda c: c.stance,
    "category": lambda c: c.category,
    "certainty": lambda c: c.certainty,
    "checkworthy": lambda c: c.checkworthy,
    "attribution_type": lambda c: c.attribution.type,
    "source_kind": lambda c: c.attribution.source_kind,
    "claimant": lambda c: c.claimant,
}
"""Claim fields compared between matched claims, in report order, and how to read each."""

DIGITS = 3
"""Decimals of the measures in `AgreementReport.to_json` and the table."""


# -- nominal measures -------------------------------------------------------------------------


class AlphaTally:
    """Running sums for nominal Krippendorff's alpha, fed one unit at a time.

    Only pairable values enter the coincidence matrix; for nominal data the
    matrix reduces to the value totals ``n_c`` and the disagreement
    ``sum over c != k of o_ck``, kept here as integers per unit size ``m`` so
    the sums are exact.
    """

    def __init__(self) -> None:
        self.totals: Counter[Hashable] = Counter()
        self.units = 0
        self._disagreeing: Counter[int] = Counter()  # m -> sum of (m^2 - sum n_uc^2)

    def add(self, values: Iterable[Hashable | None]) -> None:
        """Add one unit: the values its coders gave (None where missing)."""
        self.add_counts(Counter(v for v in values if v is not None))

    def add_counts(self, counts: Counter[Hashable]) -> None:
        """Add one unit given as value -> number of coders who gave it."""
        m = sum(counts.values())
        if m < 2:
            return  # not pairable: contributes nothing to the coincidence matrix
        self.units += 1
        self.totals.update(counts)
        self._disagreeing[m] += m * m - sum(n * n for n in counts.values())

    def alpha(self) -> float | None:
        """Alpha of the units added so far, or None when undefined."""
        n = sum(self.totals.values())
        expected = n * n - sum(c * c for c in self.totals.values())  # sum over c != k of n_c n_k
        if n == 0 or expected == 0:
            return None
        observed = sum(d / (m - 1) for m, d in self._disagreeing.items())
        return 1.0 - (n - 1) * observed / expected


def krippendorff_alpha(table: Iterable[Iterable[Hashable | None]]) -> float | None:
    """Krippendorff's alpha for nominal data.

    Args:
        table: one row per unit, holding the value each coder gave it, None
            where a coder gave none (rows may differ in length).

    Returns:
        ``1 - (n - 1) * sum(o_ck, c != k) / sum(n_c * n_k, c != k)`` over the
        coincidence matrix of the pairable units (those with two or more
        values), or None when no unit is pairable or only one value occurs.
    """
    tally = AlphaTally()
    for row in table:
        tally.add(row)
    return tally.alpha()


class KappaTally:
    """Running counts for Cohen's kappa of two coders."""

    def __init__(self) -> None:
        self.first: Counter[Hashable] = Counter()
        self.second: Counter[Hashable] = Counter()
        self.agreed = 0
        self.n = 0

    def add(self, first: Hashable | None, second: Hashable | None) -> None:
        """Add one unit; it counts only when both coders gave a value."""
        if first is None or second is None:
            return
        self.first[first] += 1
        self.second[second] += 1
        self.agreed += first == second
        self.n += 1

    def kappa(self) -> float | None:
        """Kappa of the units added so far, or None when undefined."""
        if self.n == 0 or (len(self.first) == 1 and self.first.keys() == self.second.keys()):
            return None  # nothing rated, or chance agreement is 1
        chance = sum(c * self.second[v] for v, c in self.first.items()) / (self.n * self.n)
        return (self.agreed / self.n - chance) / (1.0 - chance)


def cohen_kappa(
    first: Sequence[Hashable | None], second: Sequence[Hashable | None]
) -> float | None:
    """Cohen's kappa of two coders over the units both rated.

    Args:
        first: the first coder's value for each unit, None where missing.
        second: the second coder's values for the same units.

    Returns:
        ``(p_o - p_e) / (1 - p_e)``, or None when no unit has both values or
        chance agreement ``p_e`` is 1.

    Raises:
        ValueError: if the two sequences differ in length.
    """
    if len(first) != len(second):
        raise ValueError(f"{len(first)} values against {len(second)}")
    tally = KappaTally()
    for a, b in zip(first, second, strict=True):
        tally.add(a, b)
    return tally.kappa()


class FleissTally:
    """Running sums for Fleiss' kappa, fed one unit at a time."""

    def __init__(self) -> None:
        self.totals: Counter[Hashable] = Counter()
        self.sizes: set[int] = set()
        self.units = 0
        self._agreement = 0.0  # sum of P_i

    def add(self, values: Iterable[Hashable | None]) -> None:
        """Add one unit; a unit without any value is left out."""
        self.add_counts(Counter(v for v in values if v is not None))

    def add_counts(self, counts: Counter[Hashable]) -> None:
        """Add one unit given as value -> number of raters who gave it."""
        m = sum(counts.values())
        if m == 0:
            return
        self.units += 1
        self.sizes.add(m)
        self.totals.update(counts)
        if m > 1:
            self._agreement += (sum(n * n for n in counts.values()) - m) / (m * (m - 1))

    def kappa(self) -> float | None:
        """Kappa of the units added so far, or None when undefined."""
        if len(self.sizes) != 1 or min(self.sizes) < 2 or len(self.totals) < 2:
            return None  # unequal numbers of ratings, single ratings, or one value only
        ratings = sum(self.totals.values())
        chance = sum((t / ratings) ** 2 for t in self.totals.values())
        return (self._agreement / self.units - chance) / (1.0 - chance)


def fleiss_kappa(table: Iterable[Iterable[Hashable | None]]) -> float | None:
    """Fleiss' kappa (1971) for units that all have the same number of ratings.

    Args:
        table: one row per unit with the values of its raters, None where
            missing; rows without any value are left out.

    Returns:
        ``(P̄ - P̄e) / (1 - P̄e)``, or None when the units have different
        numbers of values, fewer than two each, or only one value occurs.
    """
    tally = FleissTally()
    for row in table:
        tally.add(row)
    return tally.kappa()


# -- spans ------------------------------------------------------------------------------------


def _overlapping(first: Sequence[Span], second: Sequence[Span]) -> list[tuple[float, int, int]]:
    """``(jaccard, i, j)`` for every pair of spans that overlap-match.

    With Jaccard >= 0.5 the starts of two spans differ by at most the length
    of either (the symmetric difference is at most the overlap), so only the
    spans starting in that window are compared: near-linear on long articles.
    """
    order = sorted(range(len(second)), key=lambda j: second[j].start)
    starts = [second[j].start for j in order]
    found = []
    for i, a in enumerate(first):
        lo = bisect_left(starts, a.start - a.length)
        hi = bisect_right(starts, a.start + a.length)
        for j in order[lo:hi]:
            score = jaccard(a, second[j])
            if score >= MIN_JACCARD:
                found.append((score, i, j))
    return found


def match_spans(first: Sequence[Span], second: Sequence[Span]) -> list[tuple[int, int]]:
    """One-to-one greedy matching of two annotators' spans by best Jaccard (>= 0.5).

    Args:
        first: one annotator's spans.
        second: the other's spans.

    Returns:
        ``(i, j)`` index pairs, best match first: exact matches, then the
        others by decreasing Jaccard; ties by position.
    """
    candidates = sorted(
        (-score, first[i], second[j], i, j) for score, i, j in _overlapping(first, second)
    )
    used_first: set[int] = set()
    used_second: set[int] = set()
    pairs = []
    for _, _, _, i, j in candidates:
        if i not in used_first and j not in used_second:
            used_first.add(i)
            used_second.add(j)
            pairs.append((i, j))
    return pairs


@dataclass(frozen=True, slots=True)
class SpanCounts:
    """Counts behind span F1 between two annotators (summable over articles and pairs)."""

    first: int = 0
    """Spans of the first annotator."""
    second: int = 0
    """Spans of the second annotator."""
    exact: int = 0
    """Pairs matched with identical spans."""
    overlap: int = 0
    """Pairs matched by overlap (Jaccard >= 0.5), exact ones included."""

    def __add__(self, other: SpanCounts) -> SpanCounts:
        return SpanCounts(
            self.first + other.first,
            self.second + other.second,
            self.exact + other.exact,
            self.overlap + other.overlap,
        )

    @property
    def exact_f1(self) -> float | None:
        """F1 of exact matches; None when neither side has a span."""
        total = self.first + self.second
        return 2 * self.exact / total if total else None

    @property
    def overlap_f1(self) -> float | None:
        """F1 of overlap matches; None when neither side has a span."""
        total = self.first + self.second
        return 2 * self.overlap / total if total else None


def span_f1(first: Sequence[Span], second: Sequence[Span]) -> SpanCounts:
    """Exact-match and overlap-match F1 of two annotators' spans (see the module doc).

    Args:
        first: one annotator's spans (a span may occur more than once).
        second: the other's spans.

    Returns:
        The counts, with ``exact_f1`` and ``overlap_f1``.
    """
    return _counts(first, second, match_spans(first, second))


def _counts(
    first: Sequence[Span], second: Sequence[Span], pairs: list[tuple[int, int]]
) -> SpanCounts:
    exact = sum(first[i] == second[j] for i, j in pairs)
    return SpanCounts(len(first), len(second), exact, len(pairs))


def group_spans(spans: Mapping[str, Sequence[Span]]) -> list[dict[str, int]]:
    """Group several annotators' spans (claims) into units of matched spans.

    Args:
        spans: annotator -> that annotator's spans.

    Returns:
        Every group as annotator -> index of their span, singletons included,
        ordered by the first span of each group. See the module doc for the rule.
    """
    names = list(spans)
    members = [(name, i) for name in names for i in range(len(spans[name]))]
    first_member = dict(
        zip(names, itertools.accumulate((len(spans[n]) for n in names), initial=0), strict=False)
    )
    candidates = []
    for x_name, y_name in itertools.combinations(names, 2):
        xs, ys = spans[x_name], spans[y_name]
        for score, i, j in _overlapping(xs, ys):
            x, y = first_member[x_name] + i, first_member[y_name] + j
            candidates.append((-score, xs[i], ys[j], x, y))
    candidates.sort()
    group_of = list(range(len(members)))
    groups: dict[int, list[int]] = {k: [k] for k in range(len(members))}
    for _, _, _, x, y in candidates:
        gx, gy = group_of[x], group_of[y]
        if gx == gy or not _can_join(groups[gx], groups[gy], members, spans):
            continue
        groups[gx] += groups.pop(gy)
        for k in groups[gx]:
            group_of[k] = gx
    result = [{members[k][0]: members[k][1] for k in group} for group in groups.values()]
    result.sort(key=lambda g: min((spans[n][i], names.index(n)) for n, i in g.items()))
    return result


def _can_join(
    one: list[int],
    other: list[int],
    members: list[tuple[str, int]],
    spans: Mapping[str, Sequence[Span]],
) -> bool:
    if {members[k][0] for k in one} & {members[k][0] for k in other}:
        return False
    return all(
        jaccard(spans[members[x][0]][members[x][1]], spans[members[y][0]][members[y][1]])
        >= MIN_JACCARD
        for x in one
        for y in other
    )


# -- the project ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FieldAgreement:
    """Agreement on one claim field across all chosen annotators."""

    alpha: float | None
    n_units: int
    """Pairable units: matched claims with the field filled by two or more annotators."""
    fleiss_kappa: float | None


@dataclass(frozen=True, slots=True)
class PairAgreement:
    """Agreement of two annotators on the articles both labelled."""

    a: str
    b: str
    articles: int
    spans: dict[str, SpanCounts]
    kappas: dict[str, float | None]
    """Field -> Cohen's kappa on the pair's matched claims."""


@dataclass(frozen=True, slots=True)
class AgreementReport:
    """The result of `project_agreement`."""

    annotators: list[str]
    articles: int
    """Articles labelled by two or more of the annotators."""
    spans: dict[str, SpanCounts]
    """Kind of span -> counts summed over every pair."""
    fields: dict[str, FieldAgreement]
    pairs: list[PairAgreement] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The report as one JSON-ready object (measures rounded to `DIGITS` decimals)."""
        return {
            "annotators": list(self.annotators),
            "articles": self.articles,
            "spans": {
                kind: {"exact_f1": _round(c.exact_f1), "overlap_f1": _round(c.overlap_f1)}
                for kind, c in self.spans.items()
            },
            "fields": {
                name: {
                    "alpha": _round(f.alpha),
                    "n_units": f.n_units,
                    "fleiss_kappa": _round(f.fleiss_kappa),
                }
                for name, f in self.fields.items()
            },
            "pairs": [_pair_json(p) for p in self.pairs],
        }

    def to_table(self) -> str:
        """The same numbers as `to_json`, as readable text tables."""
        data = self.to_json()
        who = ", ".join(self.annotators) or "nobody"
        lines = [f"annotators: {who}", f"articles labelled by 2 or more: {self.articles}", ""]
        lines += _table(
            ["spans", "exact F1", "overlap F1"],
            [[k, v["exact_f1"], v["overlap_f1"]] for k, v in data["spans"].items()],
        )
        lines.append("")
        lines += _table(
            ["field", "alpha", "units", "Fleiss kappa"],
            [
                [_label(k), v["alpha"], v["n_units"], v["fleiss_kappa"]]
                for k, v in data["fields"].items()
            ],
        )
        if data["pairs"]:
            lines.append("")
            keys = [k for k in data["pairs"][0] if k not in ("a", "b")]
            header = ["pair", *(f"{p['a']}/{p['b']}" for p in data["pairs"])]
            rows = [[_label(k), *(p[k] for p in data["pairs"])] for k in keys]
            lines += _table(header, rows)
        return "\n".join(lines)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, DIGITS)


def _pair_json(pair: PairAgreement) -> dict[str, Any]:
    out: dict[str, Any] = {"a": pair.a, "b": pair.b, "articles": pair.articles}
    for kind, counts in pair.spans.items():
        out[f"{kind}_exact_f1"] = _round(counts.exact_f1)
        out[f"{kind}_overlap_f1"] = _round(counts.overlap_f1)
    for name, kappa in pair.kappas.items():
        out[f"{name}_kappa"] = _round(kappa)
    return out


def _label(key: str) -> str:
    return key.replace("_f1", " F1").replace("_", " ")


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{DIGITS}f}"
    return str(value)


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    cells = [header, *([_cell(v) for v in row] for row in rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    return [
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in cells
    ]


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
        self.spans["claims"] += _counts(spans_a, spans_b, matched)
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
    large projects. See the module doc for the rules.

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
