"""What agreement reads of a project: each article's spans, claim fields and statuses.

`annotator.quality.agreement` compares annotators on every article two or
more of them labelled, so it reads every label of theirs once. These reads
give only what it compares, as plain tuples, a batch of articles at a time in
the order `annotator.store.queries.ProjectQueries.iter_articles` gives them,
and within a batch in the order of their ids (the order in which
`annotator.store.label_queries.LabelQueries.labels_for` gives a batch).

A claim row holds the ``segments`` column as stored (NULL for a claim in one
piece, the usual case); which articles have a claim in segments is found a
batch at a time, and `claim_content` reads a row's segments only there.
"""

from __future__ import annotations

import json
from collections.abc import Container, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from typing import Any

from annotator.store.reader import BATCH, Reader
from annotator.store.rows import segments_of

CLAIM_FIELD_COLUMNS = (
    "stance",
    "category",
    "certainty",
    "checkworthy",
    "attribution_type",
    "attr_source_kind",
    "claimant",
)
"""The claim columns agreement compares, in this order."""

CLAIM_ROW = (
    "article_id",
    "start",
    "end",
    "segments",
    "cue_start",
    "cue_end",
    *CLAIM_FIELD_COLUMNS,
)
"""The columns of a claim row (`AgreementLabels.claims`, `PairedBatch.claims`), in this order."""
_SEGMENTS = itemgetter(CLAIM_ROW.index("segments"))


def claim_content(row: tuple[Any, ...]) -> tuple[tuple[int, int], ...]:
    """A claim row's content: its segments, or ``((start, end),)`` for a claim in one piece."""
    segments = row[3]
    if segments is None:
        return ((row[1], row[2]),)
    return tuple((span.start, span.end) for span in segments_of(segments))


_CLAIMS = "SELECT " + ", ".join(f'"{c}"' for c in CLAIM_ROW) + " FROM claims"
PAIR_GROUPS = (CLAIM_FIELD_COLUMNS[:3], CLAIM_FIELD_COLUMNS[3:6])
"""The compared claim fields of few values, read as JSON arrays of three (see `pair_fields`)."""
PAIR_ROW = (*CLAIM_ROW[: CLAIM_ROW.index("cue_end") + 1], "fields_1", "fields_2", "claimant")
"""The columns of a claim row of `paired_articles`: those of `CLAIM_ROW` up to the cue, then
the fields of each of `PAIR_GROUPS` as a JSON array, then ``claimant``."""
_PAIR_CLAIMS = (
    "SELECT "
    + ", ".join(f'"{c}"' for c in PAIR_ROW[: -len(PAIR_GROUPS) - 1])
    + "".join(f", json_array({', '.join(group)})" for group in PAIR_GROUPS)
    + ", claimant FROM claims"
)
_MENTION_TOTALS = (
    "SELECT article_id, sum(annotator = ?1), sum(annotator = ?2) FROM mentions"
    " WHERE article_id IN ({ids}) AND annotator IN (?1, ?2) GROUP BY article_id"
)
"""How many mentions each of two annotators marked, per article."""
_MENTIONS_UNSHARED = (
    'SELECT article_id, start, "end",'
    ' sum(annotator = ?1) - min(sum(annotator = ?1), sum(annotator = ?2)) * ("end" > start),'
    ' sum(annotator = ?2) - min(sum(annotator = ?1), sum(annotator = ?2)) * ("end" > start)'
    " FROM mentions WHERE article_id IN ({ids}) AND annotator IN (?1, ?2)"
    ' GROUP BY article_id, start, "end"'
    ' HAVING sum(annotator = ?1) != sum(annotator = ?2) OR "end" <= start'
    ' ORDER BY article_id, start, "end"'
)
"""Two annotators' mentions counted by span, the spans they do not share: each one's
mentions there less those shared (as often as both marked a span; an empty span shares
nothing). Grouped in the order of the index of migration 12, so SQLite walks it and sorts
nothing."""
_ARTICLE = itemgetter(0)
_OWNER = itemgetter(0, 1)


@dataclass(frozen=True, slots=True)
class AgreementLabels:
    """What one annotator labelled in one article, as agreement compares it.

    ``mentions`` are ``(start, end)``; ``claims`` are rows of `CLAIM_ROW`
    values, and ``claim_spans`` their ``(start, end)``. Mentions and claims
    are sorted by (start, end, id), as
    `annotator.store.label_queries.LabelQueries.labels_for` sorts them.
    """

    status: str
    mentions: Sequence[tuple[int, int]]
    claims: Sequence[tuple[Any, ...]]
    claim_spans: Sequence[tuple[int, int]]
    segmented: bool = False
    """True when one of the claims is in segments (see `claim_content`)."""

    @property
    def labelled(self) -> bool:
        """As `annotator.core.model.ArticleLabels.labelled`: a label, or "done" with none."""
        return bool(self.claims or self.mentions) or self.status == "done"


def article_batches(
    project: Reader, batch: int = BATCH, only: Container[str] | None = None
) -> Iterator[list[str]]:
    """Every article id in import order, ``batch`` at a time (keyset paging by rowid).

    With ``only``, just the ids in it (a batch may then be shorter; none is empty).
    """
    last = -1
    while True:
        rows = project.conn.execute(
            "SELECT rowid, id FROM articles WHERE rowid > ? ORDER BY rowid LIMIT ?", (last, batch)
        ).fetchall()
        if not rows:
            return
        last = rows[-1][0]
        ids = [article_id for _, article_id in rows]
        if only is not None:
            ids = [article_id for article_id in ids if article_id in only]
        if ids:
            yield ids


def _claims_of(
    project: Reader,
    ids: list[str],
    annotator: str,
    segmented: set[str],
    select: str = _CLAIMS,
) -> dict[str, list[tuple[Any, ...]]]:
    """The annotator's claims on these articles: article id -> rows sorted by (start, end, id).

    ``select`` gives the rows' columns (`_CLAIMS`, or `_PAIR_CLAIMS` for `PAIR_ROW`).
    Adds to ``segmented`` the articles where one of the claims is in segments.
    """
    marks = ",".join("?" * len(ids))
    rows = project.conn.execute(
        f'{select} WHERE article_id IN ({marks}) AND annotator = ? ORDER BY article_id, start, "end", id',
        [*ids, annotator],
    ).fetchall()
    if any(map(_SEGMENTS, rows)):  # a pass in C; NULL (one piece) is the usual case
        segmented.update(row[0] for row in rows if row[3] is not None)
    return {article_id: list(group) for article_id, group in groupby(rows, _ARTICLE)}


def agreement_labels(
    project: Reader,
    annotators: Sequence[str],
    batch: int = BATCH,
    only: Container[str] | None = None,
) -> Iterator[dict[str, dict[str, AgreementLabels]]]:
    """The labels of ``annotators``, a batch of articles at a time (of ``only``'s if given).

    Each batch maps article id -> annotator -> labels, for the articles on
    which one of them has a label or a status, in the order of the article
    ids; the batches come in import order (see the module doc).
    """
    chosen = set(annotators)
    for ids in article_batches(project, batch, only):
        where = f"WHERE article_id IN ({','.join('?' * len(ids))})"
        mentions = {
            key: [(start, end) for _, _, start, end in group]
            for key, group in groupby(
                project.conn.execute(
                    f'SELECT article_id, annotator, start, "end" FROM mentions {where}'
                    ' ORDER BY article_id, annotator, start, "end", id',
                    ids,
                ),
                _OWNER,
            )
            if key[1] in chosen
        }
        segmented: set[str] = set()
        claims = {
            (article_id, name): rows
            for name in annotators
            for article_id, rows in _claims_of(project, ids, name, segmented).items()
        }
        statuses = {
            (article_id, name): status
            for article_id, name, status in project.conn.execute(
                f"SELECT article_id, annotator, status FROM statuses {where}", ids
            )
            if name in chosen
        }
        found: dict[str, dict[str, AgreementLabels]] = {}
        for key in sorted(set(mentions) | set(claims) | set(statuses)):
            article_id, name = key
            rows = claims.get(key, [])
            found.setdefault(article_id, {})[name] = AgreementLabels(
                statuses.get(key, "todo"),
                mentions.get(key, []),
                rows,
                [(row[1], row[2]) for row in rows],
                article_id in segmented and any(map(_SEGMENTS, rows)),
            )
        yield found


def pair_fields(encoded: str) -> tuple[Any, ...]:
    """The values of one of `PAIR_GROUPS` in a claim row (its JSON array)."""
    return tuple(json.loads(encoded))


@dataclass(frozen=True, slots=True)
class PairedBatch:
    """What two annotators labelled in a batch of articles, as agreement of two compares it."""

    articles: list[str]
    """The articles on which either has a label or a status, in the order of their ids."""
    statuses: dict[str, list[str]]
    """Article -> each one's status, where either has one ("todo" for the one without)."""
    mentions: dict[str, tuple[int, int, int]]
    """Article -> how many mentions the first marked, the second, and how many of them
    share a span (as often as both marked that span; an empty span shares nothing)."""
    unshared: dict[str, list[tuple[int, int, int, int]]]
    """Article -> ``(start, end, the first's, the second's)``: the spans of the
    mentions not shared, with how many of each one's, sorted by span."""
    claims: tuple[dict[str, list[tuple[Any, ...]]], dict[str, list[tuple[Any, ...]]]]
    """Each one's claims: article -> rows of `PAIR_ROW` sorted by (start, end, id)."""
    segmented: set[str]
    """The articles where a claim of either is in segments (see `claim_content`)."""


def paired_articles(
    project: Reader,
    first: str,
    second: str,
    batch: int = BATCH,
    only: Container[str] | None = None,
) -> Iterator[PairedBatch]:
    """What two annotators labelled, a batch of articles at a time (as `agreement_labels`).

    Their mentions are counted by span in SQL: two annotators mostly mark the
    same ones, and only those not shared are read. A claim's fields with few
    values come in JSON arrays (`PAIR_GROUPS`), to be read once for each
    combination of values.
    """
    for ids in article_batches(project, batch, only):
        marks = ",".join("?" * len(ids))
        totals = project.conn.execute(
            _MENTION_TOTALS.format(ids=marks), [first, second, *ids]
        ).fetchall()
        unshared: dict[str, list[tuple[int, int, int, int]]] = {
            article_id: [row[1:] for row in group]
            for article_id, group in groupby(
                project.conn.execute(_MENTIONS_UNSHARED.format(ids=marks), [first, second, *ids]),
                _ARTICLE,
            )
        }
        mentions: dict[str, tuple[int, int, int]] = {}
        for article_id, marked_a, marked_b in totals:
            left = unshared.get(article_id)
            alone = sum(a + b for _, _, a, b in left) if left else 0
            mentions[article_id] = (marked_a, marked_b, (marked_a + marked_b - alone) // 2)
        segmented: set[str] = set()
        claims = (
            _claims_of(project, ids, first, segmented, _PAIR_CLAIMS),
            _claims_of(project, ids, second, segmented, _PAIR_CLAIMS),
        )
        statuses: dict[str, list[str]] = {}
        for article_id, name, status in project.conn.execute(
            f"SELECT article_id, annotator, status FROM statuses WHERE article_id IN ({marks})"
            " AND annotator IN (?, ?)",
            [*ids, first, second],
        ):
            statuses.setdefault(article_id, ["todo", "todo"])[name != first] = status
        articles = sorted(set(mentions) | set(claims[0]) | set(claims[1]) | set(statuses))
        yield PairedBatch(articles, statuses, mentions, unshared, claims, segmented)
