"""`project_agreement` gives, to the last bit, the report it gave before it was made fast.

`reference_agreement` below is the computation as it was first written (issue
14 made it fast): every article's labels as dataclasses, span matching by
sorting every candidate pair, claims grouped with `group_spans` and every
unit added to the tallies one after the other. The tests compare the two
reports on projects of many articles with the mixed labels that make the
rules matter: identical, overlapping and lone spans, the same span twice,
empty fields, cues or none, articles only one annotator or nobody labelled,
"done" with nothing marked, and a third annotator and gold beside them.
"""

from __future__ import annotations

import itertools
import random
from collections import Counter
from collections.abc import Hashable, Sequence
from pathlib import Path

import pytest

from annotator.core.model import GOLD, Article, ArticleLabels, Attribution, Claim
from annotator.core.spans import Span, jaccard
from annotator.quality.agreement import (
    FIELDS,
    MIN_JACCARD,
    SPAN_KINDS,
    AgreementReport,
    FieldAgreement,
    PairAgreement,
    SpanCounts,
    group_spans,
    match_spans,
    project_agreement,
)
from annotator.quality.agreement.matching import match_sorted_spans
from annotator.quality.agreement.project import _grouped
from annotator.store.project import Project

# -- the computation as first written ---------------------------------------------------------


def reference_match(first: Sequence[Span], second: Sequence[Span]) -> list[tuple[int, int]]:
    candidates = sorted(
        (-jaccard(a, b), a, b, i, j)
        for i, a in enumerate(first)
        for j, b in enumerate(second)
        if jaccard(a, b) >= MIN_JACCARD
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


def reference_counts(
    first: Sequence[Span], second: Sequence[Span], pairs: list[tuple[int, int]]
) -> SpanCounts:
    return SpanCounts(
        len(first), len(second), sum(first[i] == second[j] for i, j in pairs), len(pairs)
    )


class Alpha:
    def __init__(self) -> None:
        self.totals: Counter[Hashable] = Counter()
        self.units = 0
        self.disagreeing: Counter[int] = Counter()

    def add(self, counts: Counter[Hashable]) -> None:
        m = sum(counts.values())
        if m < 2:
            return
        self.units += 1
        self.totals.update(counts)
        self.disagreeing[m] += m * m - sum(n * n for n in counts.values())

    def alpha(self) -> float | None:
        n = sum(self.totals.values())
        expected = n * n - sum(c * c for c in self.totals.values())
        if n == 0 or expected == 0:
            return None
        observed = sum(d / (m - 1) for m, d in self.disagreeing.items())
        return 1.0 - (n - 1) * observed / expected


class Fleiss:
    def __init__(self) -> None:
        self.totals: Counter[Hashable] = Counter()
        self.sizes: set[int] = set()
        self.units = 0
        self.agreement = 0.0

    def add(self, counts: Counter[Hashable]) -> None:
        m = sum(counts.values())
        if m == 0:
            return
        self.units += 1
        self.sizes.add(m)
        self.totals.update(counts)
        if m > 1:
            self.agreement += (sum(n * n for n in counts.values()) - m) / (m * (m - 1))

    def kappa(self) -> float | None:
        if len(self.sizes) != 1 or min(self.sizes) < 2 or len(self.totals) < 2:
            return None
        ratings = sum(self.totals.values())
        chance = sum((t / ratings) ** 2 for t in self.totals.values())
        return (self.agreement / self.units - chance) / (1.0 - chance)


class Kappa:
    def __init__(self) -> None:
        self.first: Counter[Hashable] = Counter()
        self.second: Counter[Hashable] = Counter()
        self.agreed = 0
        self.n = 0

    def add(self, first: Hashable | None, second: Hashable | None) -> None:
        if first is None or second is None:
            return
        self.first[first] += 1
        self.second[second] += 1
        self.agreed += first == second
        self.n += 1

    def kappa(self) -> float | None:
        if self.n == 0 or (len(self.first) == 1 and self.first.keys() == self.second.keys()):
            return None
        chance = sum(c * self.second[v] for v, c in self.first.items()) / (self.n * self.n)
        return (self.agreed / self.n - chance) / (1.0 - chance)


def reference_cues(first: Claim, second: Claim) -> SpanCounts:
    a, b = first.attribution.cue, second.attribution.cue
    if a is None or b is None:
        return SpanCounts(int(a is not None), int(b is not None))
    return SpanCounts(1, 1, int(a == b), int(jaccard(a, b) >= MIN_JACCARD))


class Pair:
    def __init__(self) -> None:
        self.articles = 0
        self.spans = dict.fromkeys(SPAN_KINDS, SpanCounts())
        self.kappas = {name: Kappa() for name in FIELDS}

    def add(self, first: ArticleLabels, second: ArticleLabels) -> None:
        self.articles += 1
        mentions_a, mentions_b = [m.span for m in first.mentions], [m.span for m in second.mentions]
        self.spans["mentions"] += reference_counts(
            mentions_a, mentions_b, reference_match(mentions_a, mentions_b)
        )
        spans_a, spans_b = [c.span for c in first.claims], [c.span for c in second.claims]
        matched = reference_match(spans_a, spans_b)
        self.spans["claims"] += reference_counts(spans_a, spans_b, matched)
        for i, j in matched:
            a, b = first.claims[i], second.claims[j]
            self.spans["cues"] += reference_cues(a, b)
            for name, read in FIELDS.items():
                self.kappas[name].add(read(a), read(b))


def reference_agreement(project: Project, annotators: list[str] | None = None) -> AgreementReport:
    known = project.annotators()
    names = [n for n in known if n != GOLD] if annotators is None else annotators
    pairs = {pair: Pair() for pair in itertools.combinations(names, 2)}
    alphas = {name: Alpha() for name in FIELDS}
    fleiss = {name: Fleiss() for name in FIELDS}
    articles = 0
    for batch in project.iter_articles():
        for by_annotator in project.labels_for([a.id for a in batch]).values():
            labelled = {
                n: by_annotator[n] for n in names if n in by_annotator and by_annotator[n].labelled
            }
            if len(labelled) < 2:
                continue
            articles += 1
            for (a, b), tally in pairs.items():
                if a in labelled and b in labelled:
                    tally.add(labelled[a], labelled[b])
            claims = {n: labels.claims for n, labels in labelled.items()}
            for group in group_spans({n: [c.span for c in these] for n, these in claims.items()}):
                members = [claims[n][i] for n, i in group.items()]
                for name, read in FIELDS.items():
                    counts = Counter(v for v in map(read, members) if v is not None)
                    alphas[name].add(counts)
                    fleiss[name].add(counts)
    total = dict.fromkeys(SPAN_KINDS, SpanCounts())
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


# -- a mixed project --------------------------------------------------------------------------

TEXT = (
    "Officials in Velgrad said on Monday that the port must reopen before the summer. "
    "Kestria denied it, and observers expect talks to resume. "
) * 3


def mixed_project(path: Path, articles: int, seed: int, style: str = "mixed") -> Path:
    """Articles labelled by ana, ben, cy and gold, each somewhat like the first.

    ``style``: ``mixed`` (anything goes), ``filled`` (every field filled, every
    claim found by everyone, spans moved a little at most: Fleiss' kappa is
    defined), ``ben adds`` (as filled, but ben marks a claim of his own now
    and then) or ``late values`` (as filled, claims not moved, and values
    first used in later batches of articles: more claimants every 25
    articles, every value of the other fields from the 600th article on).
    """
    rng = random.Random(seed)
    mixed = style == "mixed"
    with Project.create(path) as project:
        project.add_articles([Article(f"a{k:04d}", TEXT) for k in range(articles)])
        schema = project.schema
        actors = [project.add_actor(n, "lead", "state").id for n in ("Velgrad", "Kestria", "Dorn")]
        late = style == "late values"
        if late:
            actors += [project.add_actor(f"Envoy {n}", "lead", "person").id for n in range(50)]
        article_number = 0

        def pick(field: str) -> str | None:
            ids = list(schema.field(field).ids())
            ids = ids if late and article_number >= 600 else ids[:3]
            return rng.choice([None, *ids] if mixed else ids)

        def claimant() -> str | None:
            if late:
                return rng.choice(actors[: 3 + article_number // 25])
            return rng.choice([None, *actors] if mixed else actors[:3])

        def spans(count: int) -> list[tuple[int, int]]:
            found = []
            for _ in range(count):
                start = rng.randrange(0, len(TEXT) - 40)
                found.append((start, start + rng.randint(3 if mixed else 12, 30)))
            return found

        def moved(start: int, end: int, by: int) -> tuple[int, int]:
            return start + rng.randint(-by, by), end + rng.randint(-by, by)

        for k in range(articles):
            article = f"a{k:04d}"
            article_number = k
            base_claims = spans(rng.randint(0, 6) if mixed else rng.randint(1, 6))
            base_mentions = spans(rng.randint(0, 5))
            for who in ("ana", "ben", "cy", GOLD):
                if mixed and rng.random() < 0.2:
                    continue  # not this one's article
                if mixed and rng.random() < 0.1:
                    project.set_status(article, who, rng.choice(["done", "in_progress"]))
                    continue  # nothing marked
                for start, end in base_mentions:
                    if rng.random() < 0.15:
                        start, end = moved(start, end, 3)
                    if rng.random() < 0.9 and 0 <= start < end <= len(TEXT):
                        project.add_mention(article, who, start, end, rng.choice([None, *actors]))
                claims = list(base_claims)
                if mixed and rng.random() < 0.3 and claims:
                    claims.append(claims[0])  # the same span twice
                if (mixed or (style == "ben adds" and who == "ben")) and rng.random() < 0.3:
                    claims += spans(1)
                for start, end in claims:
                    if rng.random() < 0.2 and not late:  # late: every claim paired
                        start, end = moved(start, end, 6 if mixed else 1)
                    if (mixed and rng.random() < 0.1) or not 0 <= start < end <= len(TEXT):
                        continue
                    cue = None
                    if rng.random() < 0.7:
                        cue_start = max(0, start - rng.choice([5, 6, 8]))
                        cue = Span(cue_start, cue_start + rng.choice([4, 4, 5]))
                    project.add_claim(
                        article,
                        who,
                        start,
                        end,
                        claimant=claimant(),
                        stance=pick("stance"),
                        category=pick("category"),
                        certainty=pick("certainty"),
                        checkworthy=pick("checkworthy"),
                        attribution=Attribution(
                            attribution_type=pick("attribution_type"),
                            source_kind=pick("source_kind"),
                            cue=cue,
                        ),
                    )
                if rng.random() < 0.5:
                    project.set_status(article, who, rng.choice(["done", "in_progress", "skipped"]))
    return path


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # More articles than a batch, so that batches follow one another as they do in large projects.
    return mixed_project(tmp_path_factory.mktemp("mixed") / "mixed.claims", 520, seed=14)


@pytest.mark.parametrize("style", ["filled", "ben adds"])
def test_the_report_is_the_one_it_was_with_every_field_filled(tmp_path: Path, style: str) -> None:
    path = mixed_project(tmp_path / "filled.claims", 120, seed=3, style=style)
    with Project.open(path, read_only=True) as project:
        for annotators in (["ana", "ben"], ["ana", "ben", "cy"]):
            report = project_agreement(project, annotators)
            assert report == reference_agreement(project, annotators)
            defined = report.fields["stance"].fleiss_kappa is not None
            assert defined == (style == "filled")  # a claim of ben alone: unequal ratings


def test_the_report_is_the_one_it_was_with_values_first_used_in_later_batches(
    tmp_path: Path,
) -> None:
    """Fleiss' chance agreement adds up its values' shares in the order they first occur.

    Two annotators' units are counted in any order where a batch of articles
    brings no value not yet seen; here new claimants come every 25 articles
    and new values of every other field after 600, in batches after the first.
    """
    path = mixed_project(tmp_path / "late.claims", 1100, seed=5, style="late values")
    with Project.open(path, read_only=True) as project:
        report = project_agreement(project, ["ana", "ben"])
        assert report == reference_agreement(project, ["ana", "ben"])
    assert all(field.fleiss_kappa is not None for field in report.fields.values())


@pytest.mark.parametrize(
    "annotators",
    [
        None,
        ["ana", "ben"],
        ["ben", "ana"],
        ["ana", "cy"],
        ["ana", "ben", "cy"],
        ["cy", GOLD, "ana"],
    ],
)
def test_the_report_is_the_one_it_was(mixed: Path, annotators: list[str] | None) -> None:
    with Project.open(mixed, read_only=True) as project:
        report = project_agreement(project, annotators)
        expected = reference_agreement(project, annotators)
    assert report == expected  # every float to the last bit
    assert report.to_json() == expected.to_json()


def test_two_annotators_counted_give_what_grouping_gives(mixed: Path) -> None:
    """The counting path of two annotators against the grouping path of any number."""
    with Project.open(mixed, read_only=True) as project:
        counted = project_agreement(project, ["ana", "ben"])
        grouped = _grouped(project, ["ana", "ben"])
    assert counted == grouped
    assert counted.articles > 0 and counted.fields["stance"].n_units > 0


@pytest.mark.parametrize("seed", range(4))
def test_span_matching_is_the_greedy_matching_of_every_pair(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(300):
        pool = [Span(s, s + rng.randint(0, 12)) for s in rng.sample(range(60), 12)]
        first = [rng.choice(pool) for _ in range(rng.randint(0, 10))]
        second = [rng.choice(pool) for _ in range(rng.randint(0, 10))]
        second += [Span(s.start + 1, s.end) for s in first[:2] if s.end > s.start + 1]
        assert match_spans(first, second) == reference_match(first, second), (first, second)
        first.sort()
        second.sort()
        expected = reference_match(first, second)
        assert match_sorted_spans(first, second) == expected, (first, second)
