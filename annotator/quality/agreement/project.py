"""Agreement between the annotators of a project, on the articles two or more labelled.

`project_agreement` reads a project a batch of articles at a time
(`annotator.store.agreement_rows`: only the spans, fields and statuses it
compares), matches the claims, mentions and cues of every pair of annotators
and tallies the measures over them; see `annotator.quality.agreement` for the
rules.

Two annotators, the usual case, are tallied by counting: every matched claim
(or claim left alone) is one unit, and each field's units are counted by
their pair of values, a batch at a time, in C; the measures are then worked
out from those counts. The sums are the ones adding unit after unit gives,
to the last bit: they are whole numbers, and the one that is not (Fleiss'
expected agreement) adds its values in the order they first occur, which
the counts keep. With three or more annotators claims are grouped
(`group_spans`) and each group is added as it comes.

Claims in segments are matched on their contents (`match_contents`,
`group_contents`), only in the articles where one of the compared claims is
in segments; elsewhere every claim is its ``(start, end)`` and the rows are
matched as they always were, without reading any segments.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Container, Hashable, Iterator, Mapping, Sequence
from operator import itemgetter
from typing import Any, TypeVar

from annotator.core.errors import AnnotatorError
from annotator.core.model import GOLD, Claim
from annotator.core.spans import Span, jaccard
from annotator.quality.agreement.matching import (
    MIN_JACCARD,
    SpanCounts,
    group_contents,
    group_spans,
    match_contents,
    match_sorted_spans,
    match_spans,
    span_counts,
)
from annotator.quality.agreement.measures import AlphaTally, FleissTally, KappaTally
from annotator.quality.agreement.report import AgreementReport, FieldAgreement, PairAgreement
from annotator.store.agreement_rows import (
    CLAIM_FIELD_COLUMNS,
    CLAIM_ROW,
    PAIR_GROUPS,
    PAIR_ROW,
    AgreementLabels,
    agreement_labels,
    claim_content,
    pair_fields,
    paired_articles,
)
from annotator.store.queries import ProjectQueries

_T = TypeVar("_T")

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

assert len(FIELDS) == len(CLAIM_FIELD_COLUMNS)  # the store reads them in this order

FIELD_AT = len(CLAIM_ROW) - len(CLAIM_FIELD_COLUMNS)
"""Where the compared fields begin in a claim row (`annotator.store.agreement_rows.CLAIM_ROW`)."""
assert PAIR_ROW[:FIELD_AT] == CLAIM_ROW[:FIELD_AT]  # spans and cues where `CLAIM_ROW` has them
assert (*itertools.chain(*PAIR_GROUPS), PAIR_ROW[-1]) == CLAIM_FIELD_COLUMNS  # and then the fields
_CUE = itemgetter(CLAIM_ROW.index("cue_start"), CLAIM_ROW.index("cue_end"))
_SPAN = itemgetter(CLAIM_ROW.index("start"), CLAIM_ROW.index("end"))
_START, _END = CLAIM_ROW.index("start"), CLAIM_ROW.index("end")

_NO_CLAIM = object()
"""A unit's value for an annotator who has no claim in it."""
_NO_ROW: tuple[Any, ...] = (_NO_CLAIM,) * len(CLAIM_ROW)


def _cue_counts(first: tuple[Any, ...], second: tuple[Any, ...]) -> SpanCounts:
    """`span_f1` of the cues of two matched claims (rows; at most one cue each)."""
    if first[0] is None or second[0] is None:  # no cue (its start is not set)
        return SpanCounts(int(first[0] is not None), int(second[0] is not None))
    a, b = Span(*first), Span(*second)
    return SpanCounts(1, 1, int(a == b), int(jaccard(a, b) >= MIN_JACCARD))


class _Pair:
    """Running tallies of one pair of annotators."""

    def __init__(self) -> None:
        self.articles = 0
        self.counts = {kind: [0, 0, 0, 0] for kind in SPAN_KINDS}
        """Kind of span -> `SpanCounts` values so far (whole numbers, added in place)."""
        self.kappas = {name: KappaTally() for name in FIELDS}

    def add(self, first: AgreementLabels, second: AgreementLabels) -> list[tuple[int, int]]:
        """Add an article both labelled; the pairs of their claims that matched."""
        mentions_a, mentions_b = first.mentions, second.mentions
        counted = span_counts(mentions_a, mentions_b, match_spans(mentions_a, mentions_b))
        mentions = self.counts["mentions"]
        mentions[0] += counted.first
        mentions[1] += counted.second
        mentions[2] += counted.exact
        mentions[3] += counted.overlap
        return self.add_claims(first.claims, second.claims, first.segmented or second.segmented)

    @property
    def spans(self) -> dict[str, SpanCounts]:
        """Kind of span -> its counts so far."""
        return {kind: SpanCounts(*counts) for kind, counts in self.counts.items()}

    def add_claims(
        self,
        claims_a: Sequence[tuple[Any, ...]],
        claims_b: Sequence[tuple[Any, ...]],
        segmented: bool = False,
    ) -> list[tuple[int, int]]:
        """Add the claims (rows) of an article both labelled; the pairs that matched.

        ``segmented``: a claim of either is in segments, so they are matched on
        their contents (else on their spans, the same for claims in one piece).
        """
        self.articles += 1
        spans_a: Sequence[Any]
        spans_b: Sequence[Any]
        if segmented:
            spans_a, spans_b = (
                list(map(claim_content, claims_a)),
                list(map(claim_content, claims_b)),
            )
            matched = match_contents(spans_a, spans_b)
        else:
            spans_a, spans_b = list(map(_SPAN, claims_a)), list(map(_SPAN, claims_b))
            matched = match_sorted_spans(spans_a, spans_b)  # claims come sorted by span
        exact = same_cue = 0
        cues = self.counts["cues"]
        for i, j in matched:
            exact += spans_a[i] == spans_b[j]
            cue_a, cue_b = _CUE(claims_a[i]), _CUE(claims_b[j])
            start, end = cue_a
            if cue_a == cue_b and type(start) is int and type(end) is int and end > start:
                same_cue += 1  # the same cue (the usual case), not empty
            else:
                counted = _cue_counts(cue_a, cue_b)
                cues[0] += counted.first
                cues[1] += counted.second
                cues[2] += counted.exact
                cues[3] += counted.overlap
        if same_cue:
            cues[0] += same_cue
            cues[1] += same_cue
            cues[2] += same_cue
            cues[3] += same_cue
        claims = self.counts["claims"]
        claims[0] += len(spans_a)
        claims[1] += len(spans_b)
        claims[2] += exact
        claims[3] += len(matched)
        return matched

    def add_kappas(
        self,
        claims_a: Sequence[tuple[Any, ...]],
        claims_b: Sequence[tuple[Any, ...]],
        matched: list[tuple[int, int]],
    ) -> None:
        """Add the fields of the matched claims to the pair's kappas."""
        for i, j in matched:
            a, b = claims_a[i], claims_b[j]
            for k, tally in enumerate(self.kappas.values(), FIELD_AT):
                tally.add(a[k], b[k])

    def report(self, a: str, b: str) -> PairAgreement:
        return PairAgreement(
            a, b, self.articles, self.spans, {n: k.kappa() for n, k in self.kappas.items()}
        )


def _names(project: ProjectQueries, annotators: list[str] | None) -> list[str]:
    known = project.annotators()
    if annotators is None:
        return [n for n in known if n != GOLD]
    names = list(dict.fromkeys(annotators))
    unknown = [n for n in names if n not in known]
    if unknown:
        raise AnnotatorError(f"no labels by {', '.join(map(repr, unknown))} in this project")
    if len(names) < 2:
        raise AnnotatorError("agreement needs two or more annotators")
    return names


def project_agreement(
    project: ProjectQueries,
    annotators: list[str] | None = None,
    articles: Container[str] | None = None,
) -> AgreementReport:
    """Agreement between annotators on the articles two or more of them labelled.

    Reads the project a batch of articles at a time, so memory stays flat for
    large projects. See `annotator.quality.agreement` for the rules.

    Args:
        project: an open project.
        annotators: whom to compare (in this order); None for everyone who
            has labels or a status in the project, except ``gold``.
        articles: ids of the only articles to compare on (those of a dataset);
            None for every article.

    Returns:
        The report; measures are None where undefined.

    Raises:
        AnnotatorError: if fewer than two annotators are named, or a named
            one has no labels or status in the project.
    """
    names = _names(project, annotators)
    if len(names) == 2:
        return _two(project, names[0], names[1], articles)
    return _grouped(project, names, articles)


def _report(
    names: list[str],
    articles: int,
    pairs: Mapping[tuple[str, str], _Pair],
    alphas: Mapping[str, AlphaTally],
    fleiss: Mapping[str, FleissTally],
) -> AgreementReport:
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
        pairs=[tally.report(a, b) for (a, b), tally in pairs.items()],
    )


# -- two annotators: units counted ------------------------------------------------------------


def _two(
    project: ProjectQueries, a: str, b: str, only: Container[str] | None = None
) -> AgreementReport:
    """`project_agreement` of two annotators (see the module doc)."""
    pair = _Pair()
    mentions = [0, 0, 0, 0]  # as `SpanCounts`: first, second, exact, overlap
    units = _Units()
    nothing: list[Any] = []
    for batch in paired_articles(project, a, b, only=only):
        firsts: list[tuple[Any, ...]] = []
        seconds: list[tuple[Any, ...]] = []
        compared: list[tuple[Any, ...]] = []  # to put the units in order, if need be
        for article in batch.articles:
            claims_a = batch.claims[0].get(article, nothing)
            claims_b = batch.claims[1].get(article, nothing)
            marked = batch.mentions.get(article, _NO_MENTIONS)
            done = batch.statuses.get(article, _TODO)
            if not (
                (claims_a or done[0] == "done" or marked[0])
                and (claims_b or done[1] == "done" or marked[1])
            ):
                continue  # labelled by one of them at most
            _count_mentions(marked, batch.unshared.get(article), mentions)
            segmented = article in batch.segmented
            matched = pair.add_claims(claims_a, claims_b, segmented)
            _any_units(claims_a, claims_b, matched, firsts, seconds)
            compared.append((claims_a, claims_b, matched, segmented))
        in_batch = units.count(firsts, seconds)
        if units.bring_new_values(in_batch):
            firsts, seconds = [], []
            for claims_a, claims_b, matched, segmented in compared:
                put = _content_units if segmented else _units
                put(claims_a, claims_b, matched, firsts, seconds)
            in_batch = units.count(firsts, seconds)
            units.see(in_batch)
        units.add(in_batch)
    pair.counts["mentions"] = mentions
    alphas = {name: AlphaTally() for name in FIELDS}
    fleiss = {name: FleissTally() for name in FIELDS}
    for name, seen in zip(FIELDS, units.values, strict=True):
        fleiss[name].first_values(seen)
    for name, kappa, counted in zip(FIELDS, pair.kappas.values(), units.by_field(), strict=True):
        for (value_a, value_b), times in counted.items():
            values = [v for v in (value_a, value_b) if v is not None and v is not _NO_CLAIM]
            counts = Counter(values)
            alphas[name].add_counts(counts, times)
            fleiss[name].add_counts(counts, times)
            if value_a is not _NO_CLAIM and value_b is not _NO_CLAIM:
                kappa.add(value_a, value_b, times)
    return _report([a, b], pair.articles, {(a, b): pair}, alphas, fleiss)


_TODO = ["todo", "todo"]
_NO_MENTIONS = (0, 0, 0)


def _claimant(value: Any) -> tuple[Any, ...]:
    return (value,)


class _Units:
    """Two annotators' units (claims matched, or alone), counted by their pairs of values.

    A unit is a pair of claim rows of `PAIR_ROW` (`_NO_ROW` for the side
    without a claim). It is counted by its pairs of values in each column
    after the cue: the fields of each of `PAIR_GROUPS` as stored (read with
    `pair_fields` once for each pair), and the claimants. Beyond these
    counts only the order in which each field's values first occur matters
    to the report (see `FleissTally.first_values`): a batch of articles is
    counted in any order, and counted again in `_units` order, which `values`
    follows, when it brings a value not yet seen.
    """

    def __init__(self) -> None:
        self.columns: list[tuple[itemgetter[Any], Callable[[Any], tuple[Any, ...]], int]] = [
            (itemgetter(FIELD_AT + k), pair_fields, len(group))
            for k, group in enumerate(PAIR_GROUPS)
        ]
        """Each column after the cue: how to read it from a row, to decode it, and its fields."""
        self.columns.append((itemgetter(len(PAIR_ROW) - 1), _claimant, 1))
        self.counts: list[Counter[tuple[Any, Any]]] = [Counter() for _ in self.columns]
        """Units by their pair of values as stored, for each column."""
        self.values: list[dict[Hashable, None]] = [{} for _ in FIELDS]
        """Each field's values (None left out) in the order they first occurred."""
        self._decoded: list[dict[Any, tuple[Any, ...]]] = [
            {_NO_CLAIM: (_NO_CLAIM,) * size} for _, _, size in self.columns
        ]
        self._settled: list[set[Any]] = [set() for _ in self.columns]
        """Stored values of each column whose every value is in `values`."""

    def _fields(self, column: int) -> list[dict[Hashable, None]]:
        """The `values` of the fields in a column."""
        first = sum(size for _, _, size in self.columns[:column])
        return self.values[first : first + self.columns[column][2]]

    def _decode(self, column: int, stored: Any) -> tuple[Any, ...]:
        decoded = self._decoded[column]
        found = decoded.get(stored)
        if found is None:
            found = decoded[stored] = self.columns[column][1](stored)
        return found

    def count(
        self, firsts: list[tuple[Any, ...]], seconds: list[tuple[Any, ...]]
    ) -> list[Counter[tuple[Any, Any]]]:
        """Units (the first's rows and the second's) by their pairs of values, for each column.

        The pairs come in the order they first occur in the units.
        """
        return [
            Counter(zip(map(read, firsts), map(read, seconds), strict=True))
            for read, _, _ in self.columns
        ]

    def bring_new_values(self, counted: list[Counter[tuple[Any, Any]]]) -> bool:
        """True when a pair of `count` holds a value not yet in `values`."""
        for column, pairs in enumerate(counted):
            fields, settled = self._fields(column), self._settled[column]
            for stored in {stored for both in pairs for stored in both} - settled:
                values = self._decode(column, stored)
                if any(
                    v is not None and v is not _NO_CLAIM and v not in seen
                    for v, seen in zip(values, fields, strict=True)
                ):
                    return True
                settled.add(stored)
        return False

    def see(self, counted: list[Counter[tuple[Any, Any]]]) -> None:
        """Add the values of `count` of units in `_units` order to `values`, in their order."""
        for column, pairs in enumerate(counted):
            fields = self._fields(column)
            for stored_a, stored_b in pairs:  # in the order they first occurred
                for seen, value_a, value_b in self._by_field(column, fields, stored_a, stored_b):
                    _see(seen, value_a, value_b)

    def add(self, counted: list[Counter[tuple[Any, Any]]]) -> None:
        """Add units counted by `count`."""
        for total, pairs in zip(self.counts, counted, strict=True):
            total.update(pairs)

    def by_field(self) -> list[Counter[tuple[Any, Any]]]:
        """Each field's units counted by their pair of values (`_NO_CLAIM` for no claim)."""
        found: list[Counter[tuple[Any, Any]]] = []
        for column, counted in enumerate(self.counts):
            fields: list[Counter[tuple[Any, Any]]] = [Counter() for _ in self._fields(column)]
            for (stored_a, stored_b), times in counted.items():
                for pairs, value_a, value_b in self._by_field(column, fields, stored_a, stored_b):
                    pairs[value_a, value_b] += times
            found += fields
        return found

    def _by_field(
        self, column: int, fields: Sequence[_T], stored_a: Any, stored_b: Any
    ) -> Iterator[tuple[_T, Any, Any]]:
        """Each of ``fields`` with its value in the stored values of both annotators."""
        return zip(
            fields, self._decode(column, stored_a), self._decode(column, stored_b), strict=True
        )


def _see(seen: dict[Hashable, None], value_a: Any, value_b: Any) -> None:
    """Add a unit's values to those seen, the first's before the second's."""
    for value in (value_a, value_b):
        if value is not None and value is not _NO_CLAIM:
            seen.setdefault(value)


def _count_mentions(
    marked: tuple[int, int, int],
    unshared: Sequence[tuple[int, int, int, int]] | None,
    counts: list[int],
) -> None:
    """Add an article's mentions to `SpanCounts` values.

    As `match_spans` pairs them: a span both marked is an exact match, as
    often as both marked it (``marked``: the first's, the second's, those
    shared); only the rest (``unshared``, counted by span) is matched by overlap.
    """
    counts[0] += marked[0]
    counts[1] += marked[1]
    counts[2] += marked[2]
    counts[3] += marked[2]
    if not unshared:
        return
    left_a: list[tuple[int, int]] = []
    left_b: list[tuple[int, int]] = []
    for start, end, many_a, many_b in unshared:
        if many_a:
            left_a += [(start, end)] * many_a
        if many_b:
            left_b += [(start, end)] * many_b
    if left_a and left_b:
        counts[3] += len(match_sorted_spans(left_a, left_b))  # in the order of their spans


def _units(
    claims_a: Sequence[tuple[Any, ...]],
    claims_b: Sequence[tuple[Any, ...]],
    matched: list[tuple[int, int]],
    firsts: list[tuple[Any, ...]],
    seconds: list[tuple[Any, ...]],
) -> None:
    """Append the article's units (matched claims, and claims left alone) in `group_spans` order.

    That order is by each unit's first span (the first annotator's before
    the second's at the same span), then the first annotator's claims in
    their order, then the second's. A unit is a pair of claim rows, one of
    them `_NO_ROW` for a claim left alone.
    """
    partner = dict(matched)
    # (start, end, side, position, first's row, second's row): sorted as tuples, the
    # position (never the same twice) settles every tie before the rows are reached.
    order: list[tuple[Any, ...]] = []
    for i, row in enumerate(claims_a):
        j = partner.get(i)
        if j is None:
            order.append((row[_START], row[_END], 0, i, row, _NO_ROW))
            continue
        other = claims_b[j]
        if (row[_START], row[_END]) <= (other[_START], other[_END]):
            order.append((row[_START], row[_END], 0, i, row, other))
        else:
            order.append((other[_START], other[_END], 1, i, row, other))
    if len(partner) < len(claims_b):
        shift, taken = len(claims_a), set(partner.values())
        for j, row in enumerate(claims_b):
            if j not in taken:
                order.append((row[_START], row[_END], 1, shift + j, _NO_ROW, row))
    order.sort()
    firsts.extend(unit[4] for unit in order)
    seconds.extend(unit[5] for unit in order)


def _any_units(
    claims_a: Sequence[tuple[Any, ...]],
    claims_b: Sequence[tuple[Any, ...]],
    matched: list[tuple[int, int]],
    firsts: list[tuple[Any, ...]],
    seconds: list[tuple[Any, ...]],
) -> None:
    """Append the article's units as `_units` does, in any order."""
    partner = dict(matched)
    firsts.extend(claims_a)
    seconds.extend(
        [claims_b[partner[i]] if i in partner else _NO_ROW for i in range(len(claims_a))]
    )
    if len(partner) < len(claims_b):
        taken = set(partner.values())
        alone = [row for j, row in enumerate(claims_b) if j not in taken]
        firsts.extend([_NO_ROW] * len(alone))
        seconds.extend(alone)


def _content_units(
    claims_a: Sequence[tuple[Any, ...]],
    claims_b: Sequence[tuple[Any, ...]],
    matched: list[tuple[int, int]],
    firsts: list[tuple[Any, ...]],
    seconds: list[tuple[Any, ...]],
) -> None:
    """`_units` of an article with claims in segments: in `group_contents` order.

    As `_units`, with each unit placed by its first content instead of its
    first span.
    """
    partner = dict(matched)
    contents_a = [claim_content(row) for row in claims_a]
    contents_b = [claim_content(row) for row in claims_b]
    order: list[tuple[Any, ...]] = []
    for i, row in enumerate(claims_a):
        j = partner.get(i)
        if j is None:
            order.append((contents_a[i], 0, i, row, _NO_ROW))
        elif contents_a[i] <= contents_b[j]:
            order.append((contents_a[i], 0, i, row, claims_b[j]))
        else:
            order.append((contents_b[j], 1, i, row, claims_b[j]))
    shift, taken = len(claims_a), set(partner.values())
    for j, row in enumerate(claims_b):
        if j not in taken:
            order.append((contents_b[j], 1, shift + j, _NO_ROW, row))
    order.sort(key=itemgetter(0, 1, 2))
    firsts.extend(unit[3] for unit in order)
    seconds.extend(unit[4] for unit in order)


# -- three or more: claims grouped ------------------------------------------------------------


def _grouped(
    project: ProjectQueries, names: list[str], only: Container[str] | None = None
) -> AgreementReport:
    """`project_agreement` of any number of annotators, a group of claims at a time."""
    pairs = {pair: _Pair() for pair in itertools.combinations(names, 2)}
    alphas = {name: AlphaTally() for name in FIELDS}
    fleiss = {name: FleissTally() for name in FIELDS}
    articles = 0
    for batch in agreement_labels(project, names, only=only):
        for by_annotator in batch.values():
            labelled = {
                n: by_annotator[n] for n in names if n in by_annotator and by_annotator[n].labelled
            }
            if len(labelled) < 2:
                continue
            articles += 1
            for (a, b), tally in pairs.items():
                if a in labelled and b in labelled:
                    first, second = labelled[a], labelled[b]
                    tally.add_kappas(first.claims, second.claims, tally.add(first, second))
            _add_units(labelled, alphas, fleiss)
    return _report(names, articles, pairs, alphas, fleiss)


def _add_units(
    labelled: Mapping[str, AgreementLabels],
    alphas: Mapping[str, AlphaTally],
    fleiss: Mapping[str, FleissTally],
) -> None:
    """Add the article's matched claims as units of every field."""
    claims = {n: labels.claims for n, labels in labelled.items()}
    groups: list[dict[str, int]]
    if any(labels.segmented for labels in labelled.values()):
        groups = group_contents({n: [claim_content(r) for r in c] for n, c in claims.items()})
    else:
        spans = {n: [Span(*span) for span in labels.claim_spans] for n, labels in labelled.items()}
        groups = group_spans(spans)
    for group in groups:
        members = [claims[n][i] for n, i in group.items()]
        for k, name in enumerate(FIELDS, FIELD_AT):
            counts = Counter(v for v in (m[k] for m in members) if v is not None)
            alphas[name].add_counts(counts)
            fleiss[name].add_counts(counts)
