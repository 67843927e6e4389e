"""Agreement on claims in segments: matched on their segments' characters, not on their hulls.

The reports are checked against `slow_agreement` below, written apart from
the code: every claim's content as the set of the code points of its
segments, every pair of claims compared, the greedy rules of
`annotator.quality.agreement` applied by brute force, and every unit added
one after the other.
"""

from __future__ import annotations

import itertools
import random
from collections import Counter
from collections.abc import Hashable, Sequence
from pathlib import Path

import pytest

from annotator.core.model import GOLD, Article, ArticleLabels, Attribution, Claim
from annotator.core.spans import Span
from annotator.quality.agreement import (
    FIELDS,
    MIN_JACCARD,
    SPAN_KINDS,
    AgreementReport,
    FieldAgreement,
    PairAgreement,
    SpanCounts,
    content_jaccard,
    group_contents,
    group_spans,
    match_contents,
    match_spans,
    project_agreement,
)
from annotator.quality.agreement.project import _grouped
from annotator.store.project import Project
from tests.quality.test_agreement_as_before import Alpha, Fleiss, Kappa, reference_agreement

TEXT = "“The plan,” she said, “will fail.” Officials in Velgrad expect the port to reopen. " * 4
SPLIT = (Span(1, 9), Span(22, 32))  # “The plan,” she said, “will fail.”: the quote without marks
HULL = Span(1, 32)

# -- the slow computation ---------------------------------------------------------------------


def chars(claim: Claim) -> frozenset[int]:
    return frozenset(i for s in claim.content for i in range(s.start, s.end))


def slow_jaccard(a: Claim, b: Claim) -> float:
    x, y = chars(a), chars(b)
    return len(x & y) / len(x | y) if x | y else 0.0


def key(claim: Claim) -> tuple[tuple[int, int], ...]:
    return tuple((s.start, s.end) for s in claim.content)


def slow_match(first: Sequence[Claim], second: Sequence[Claim]) -> list[tuple[int, int]]:
    """Identical segments first (k-th with k-th), then every pair by decreasing Jaccard."""
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    exact = sorted(
        (key(a), i, j)
        for i, a in enumerate(first)
        for j, b in enumerate(second)
        if key(a) == key(b)
    )
    for _, i, j in exact:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((i, j))
    rest = sorted(
        (-slow_jaccard(a, b), key(a), key(b), i, j)
        for i, a in enumerate(first)
        for j, b in enumerate(second)
        if i not in used_a and j not in used_b and slow_jaccard(a, b) >= MIN_JACCARD
    )
    for *_, i, j in rest:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((i, j))
    return pairs


def slow_groups(claims: dict[str, Sequence[Claim]]) -> list[dict[str, int]]:
    names = list(claims)
    members = [(n, i) for n in names for i in range(len(claims[n]))]
    claim = {m: claims[m[0]][m[1]] for m in members}
    candidates = sorted(
        (-slow_jaccard(claim[x], claim[y]), key(claim[x]) != key(claim[y]), key(claim[x]),
         key(claim[y]), members.index(x), members.index(y))
        for x, y in itertools.combinations(members, 2)
        if x[0] != y[0] and slow_jaccard(claim[x], claim[y]) >= MIN_JACCARD
    )  # fmt: skip
    groups: list[list[int]] = [[k] for k in range(len(members))]
    for *_, x, y in candidates:
        gx = next(g for g in groups if x in g)
        gy = next(g for g in groups if y in g)
        if gx is gy or {members[k][0] for k in gx} & {members[k][0] for k in gy}:
            continue
        if all(
            slow_jaccard(claim[members[p]], claim[members[q]]) >= MIN_JACCARD
            for p in gx
            for q in gy
        ):
            gx += gy
            groups.remove(gy)
    found = [{members[k][0]: members[k][1] for k in g} for g in groups]
    found.sort(key=lambda g: min((key(claims[n][i]), names.index(n)) for n, i in g.items()))
    return found


def slow_cues(a: Claim, b: Claim) -> SpanCounts:
    x, y = a.attribution.cue, b.attribution.cue
    if x is None or y is None:
        return SpanCounts(int(x is not None), int(y is not None))
    shared = max(0, min(x.end, y.end) - max(x.start, y.start))
    score = shared / (x.length + y.length - shared)
    return SpanCounts(1, 1, int(x == y), int(score >= MIN_JACCARD))


def slow_pair(first: ArticleLabels, second: ArticleLabels) -> tuple[dict[str, SpanCounts], list[tuple[Claim, Claim]]]:  # fmt: skip
    mentions = (
        [Claim("", "", "", m.start, m.end) for m in first.mentions],
        [Claim("", "", "", m.start, m.end) for m in second.mentions],
    )
    counts = {}
    matched_mentions = slow_match(*mentions)
    counts["mentions"] = SpanCounts(
        len(mentions[0]),
        len(mentions[1]),
        sum(mentions[0][i].span == mentions[1][j].span for i, j in matched_mentions),
        len(matched_mentions),
    )
    matched = slow_match(first.claims, second.claims)
    counts["claims"] = SpanCounts(
        len(first.claims),
        len(second.claims),
        sum(key(first.claims[i]) == key(second.claims[j]) for i, j in matched),
        len(matched),
    )
    counts["cues"] = sum(
        (slow_cues(first.claims[i], second.claims[j]) for i, j in matched), SpanCounts()
    )
    return counts, [(first.claims[i], second.claims[j]) for i, j in matched]


def slow_agreement(project: Project, names: list[str]) -> AgreementReport:
    spans = {pair: dict.fromkeys(SPAN_KINDS, SpanCounts()) for pair in itertools.combinations(names, 2)}  # fmt: skip
    kappas = {pair: {n: Kappa() for n in FIELDS} for pair in spans}
    articles = {pair: 0 for pair in spans}
    alphas = {n: Alpha() for n in FIELDS}
    fleiss = {n: Fleiss() for n in FIELDS}
    labelled_articles = 0
    for batch in project.iter_articles():
        for found in project.labels_for([a.id for a in batch]).values():
            labelled = {n: found[n] for n in names if n in found and found[n].labelled}
            if len(labelled) < 2:
                continue
            labelled_articles += 1
            for a, b in spans:
                if a in labelled and b in labelled:
                    articles[a, b] += 1
                    counts, matched = slow_pair(labelled[a], labelled[b])
                    for kind in SPAN_KINDS:
                        spans[a, b][kind] += counts[kind]
                    for x, y in matched:
                        for name, read in FIELDS.items():
                            kappas[a, b][name].add(read(x), read(y))
            claims = {n: labels.claims for n, labels in labelled.items()}
            for group in slow_groups(claims):
                members = [claims[n][i] for n, i in group.items()]
                for name, read in FIELDS.items():
                    values: Counter[Hashable] = Counter(
                        v for v in map(read, members) if v is not None
                    )
                    alphas[name].add(values)
                    fleiss[name].add(values)
    total = dict.fromkeys(SPAN_KINDS, SpanCounts())
    for counts in spans.values():
        total = {kind: total[kind] + counts[kind] for kind in SPAN_KINDS}
    return AgreementReport(
        annotators=names,
        articles=labelled_articles,
        spans=total,
        fields={
            n: FieldAgreement(alphas[n].alpha(), alphas[n].units, fleiss[n].kappa()) for n in FIELDS
        },
        pairs=[
            PairAgreement(
                a, b, articles[a, b], spans[a, b], {n: k.kappa() for n, k in kappas[a, b].items()}
            )
            for a, b in spans
        ],
    )


# -- matching ---------------------------------------------------------------------------------


def test_a_quote_in_two_segments_and_its_hull_overlap_but_are_not_exact() -> None:
    split, hull = tuple(SPLIT), ((HULL.start, HULL.end),)
    assert content_jaccard(split, hull) == 18 / 31  # the 13 characters of the gap count for nothing
    assert match_contents([split], [hull]) == [(0, 0)]
    assert match_contents([split], [split]) == [(0, 0)]
    assert match_contents([split, hull], [hull, split]) == [(0, 1), (1, 0)]  # exact ones paired
    gap = ((9, 22),)  # “ she said, ”: only what lies between the segments
    assert content_jaccard(split, gap) == 0.0 and match_contents([split], [gap]) == []
    touching = ((1, 9), (9, 32))  # the same characters in other segments: not identical
    assert content_jaccard(touching, hull) == 1.0
    assert match_contents([touching, hull], [hull]) == [(1, 0)]
    assert group_contents({"a": [touching, hull], "b": [hull]}) == [{"a": 0}, {"a": 1, "b": 0}]


@pytest.mark.parametrize("seed", range(4))
def test_contents_of_one_piece_match_and_group_as_spans(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(200):
        pool = [Span(s, s + rng.randint(0, 12)) for s in rng.sample(range(60), 12)]
        sides = [[rng.choice(pool) for _ in range(rng.randint(0, 8))] for _ in range(3)]
        contents = [[((s.start, s.end),) for s in side] for side in sides]
        assert match_contents(contents[0], contents[1]) == match_spans(sides[0], sides[1])
        named = dict(zip("abc", sides, strict=True))
        assert group_contents(dict(zip("abc", contents, strict=True))) == group_spans(named)


@pytest.mark.parametrize("seed", range(4))
def test_matching_contents_is_the_brute_force_matching(seed: int) -> None:
    rng = random.Random(seed)

    def content() -> tuple[tuple[int, int], ...]:
        cuts = sorted(rng.sample(range(80), rng.choice([2, 2, 4, 6])))
        pieces = list(zip(cuts[::2], cuts[1::2], strict=True))
        if rng.random() < 0.2 and len(pieces) > 1:  # touching segments
            pieces[1] = (pieces[0][1], pieces[1][1])
        return tuple((a, b) for a, b in pieces)

    for _ in range(150):
        pool = [content() for _ in range(10)]
        first = [rng.choice(pool) for _ in range(rng.randint(0, 7))]
        second = [rng.choice(pool) for _ in range(rng.randint(0, 7))]
        claims = [[Claim("", "", "", c[0][0], c[-1][1], segments=tuple(Span(*s) for s in c) if len(c) > 1 else ()) for c in side] for side in (first, second)]  # fmt: skip
        assert match_contents(first, second) == slow_match(*claims), (first, second)
        assert group_contents({"a": first, "b": second}) == slow_groups(
            {"a": claims[0], "b": claims[1]}
        )


# -- projects ---------------------------------------------------------------------------------


def segmented_project(path: Path, articles: int, seed: int) -> Path:
    """Articles labelled by ana, ben and cy, who often split a quote where another takes its
    hull, or split it elsewhere; about a third of the claims are in segments."""
    rng = random.Random(seed)
    with Project.create(path) as project:
        project.add_articles([Article(f"a{k:04d}", TEXT) for k in range(articles)])
        schema = project.schema

        def pick(field: str) -> str | None:
            return rng.choice([None, *schema.field(field).ids()[:3]])

        def base() -> tuple[Span, ...]:
            start = rng.randrange(0, len(TEXT) - 60)
            cuts = sorted(rng.sample(range(start, start + 50), rng.choice([2, 2, 4, 4, 6])))
            return tuple(Span(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=True))

        def version(content: tuple[Span, ...]) -> tuple[Span, ...]:
            roll = rng.random()
            if roll < 0.2:
                return (Span(content[0].start, content[-1].end),)  # the hull
            if roll < 0.3 and len(content) > 1:
                return content[:-1]  # a segment left out
            if roll < 0.4:
                first = content[0]
                return (Span(first.start + rng.randint(0, 2), first.end), *content[1:])
            return content

        for k in range(articles):
            claims = [base() for _ in range(rng.randint(0, 5))]
            for who in ("ana", "ben", "cy", GOLD):
                if rng.random() < 0.15:
                    continue
                if rng.random() < 0.3:
                    project.add_mention(f"a{k:04d}", who, 45, 53)
                for content in claims:
                    if rng.random() < 0.1:
                        continue
                    content = version(content)
                    if content[0].start >= content[0].end:
                        continue
                    cue = Span(10, 18) if rng.random() < 0.6 else None
                    project.add_claim(
                        f"a{k:04d}",
                        who,
                        content[0].start,
                        content[-1].end,
                        segments=content if len(content) > 1 else (),
                        stance=pick("stance"),
                        certainty=pick("certainty"),
                        attribution=Attribution(attribution_type=pick("attribution_type"), cue=cue),
                    )
                if rng.random() < 0.3:
                    project.set_status(f"a{k:04d}", who, "done")
    return path


@pytest.fixture(scope="module")
def segmented(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # More articles than a batch, some of them with no claim in segments at all.
    return segmented_project(tmp_path_factory.mktemp("segmented") / "s.claims", 600, seed=18)


@pytest.mark.parametrize("annotators", [["ana", "ben"], ["ben", "ana"], ["ana", "ben", "cy"]])
def test_the_report_is_the_slow_computation_on_segments(
    segmented: Path, annotators: list[str]
) -> None:
    with Project.open(segmented, read_only=True) as project:
        report = project_agreement(project, annotators)
        assert report == slow_agreement(project, annotators)
        if len(annotators) == 2:
            assert report == _grouped(project, annotators)  # counted as grouped
        # not what matching on the hulls gives: those count a hull and a split quote exact
        assert report.spans["claims"] != reference_agreement(project, annotators).spans["claims"]
    assert report.articles > 300 and report.fields["stance"].n_units > 300


def two_ways(tmp_path: Path, ben: tuple[Span, ...]) -> AgreementReport:
    with Project.create(tmp_path / "two.claims") as project:
        project.add_articles([Article("a1", TEXT)])
        project.add_claim("a1", "ana", *HULL, segments=SPLIT, stance="support")
        project.add_claim("a1", "ben", ben[0].start, ben[-1].end, segments=ben if len(ben) > 1 else (), stance="support")  # fmt: skip
        return project_agreement(project)


def test_a_split_quote_against_its_hull_is_an_overlap_not_an_exact_match(tmp_path: Path) -> None:
    report = two_ways(tmp_path, (HULL,))
    assert (report.spans["claims"].exact_f1, report.spans["claims"].overlap_f1) == (0.0, 1.0)
    assert report.pairs[0].kappas["stance"] is None  # one value only, but matched: a unit
    assert report.fields["stance"].n_units == 1


def test_the_same_segments_are_an_exact_match(tmp_path: Path) -> None:
    report = two_ways(tmp_path, SPLIT)
    assert (report.spans["claims"].exact_f1, report.spans["claims"].overlap_f1) == (1.0, 1.0)


def test_a_hull_over_a_short_quote_shares_too_little(tmp_path: Path) -> None:
    # “The plan,” … “no.”: 8 + 2 characters against a hull of 27: Jaccard 10/27 < 0.5
    short = (Span(1, 9), Span(22, 24))
    assert content_jaccard(tuple(short), ((1, 24),)) < MIN_JACCARD
    with Project.create(tmp_path / "short.claims") as project:
        project.add_articles([Article("a1", TEXT)])
        project.add_claim("a1", "ana", 1, 24, segments=short)
        project.add_claim("a1", "ben", 1, 24)
        report = project_agreement(project)
    assert report.spans["claims"].overlap_f1 == 0.0
    assert report.fields["stance"].n_units == 0  # two units of one claim each
