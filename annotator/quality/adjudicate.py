"""Adjudication: where annotators differ on an article, and how far settling them has got.

The lead settles disagreements into the labels of the annotator ``gold``
(`Project.accept_label`, or the ordinary edits on gold labels) and marks the
article done for ``gold``. This module finds what there is to settle.

Groups
    One article's claims of the chosen annotators are grouped exactly as
    agreement groups them (`annotator.quality.agreement.group_spans`: exact
    span, else best overlap with Jaccard >= 0.5, one label per annotator in a
    group); mentions are grouped the same way, separately. A claim in
    segments is grouped on its segments, not its hull (`group_contents`), as
    agreement matches it. Each group is one
    `Difference`, ordered by position in the text (start, end; a claim before
    a mention at the same place).

Kinds, first that applies
    ``missing``: some chosen annotators have no label in the group.
    ``boundary``: everyone has one, but the spans are not all the same; for
    claims, their contents: two claims that differ only in their segments
    (a quote in two segments, the same words as one span over the cue) differ
    here, and `Difference.segments` gives each one's segments.
    ``fields``: same span, but some field differs (see `CLAIM_FIELDS`,
    `MENTION_FIELDS`; an empty field differs from a filled one).
    ``agree``: same span and same fields.
    ``fields`` of a `Difference` lists the differing fields whatever its kind.

Resolved
    A group is resolved when gold has a label matching it: gold's labels of
    the same type are matched one-to-one to the group members by the same
    greedy Jaccard >= 0.5 rule (`match_spans`; claims in segments on their
    segments, `match_contents`). A label the lead left out of
    gold on purpose is not recorded anywhere, so its group stays unresolved;
    the article's gold status "done" is what says the article is settled.

Ranking and progress
    An article needs adjudication when two or more of the chosen annotators
    labelled it (`ArticleLabels.labelled`, the rule agreement uses). Its
    disagreement score is the share of its groups that are not ``agree``,
    compared among the annotators who labelled it (0.0 when nobody marked
    anything). Progress counts those articles and the ones gold marked done.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from annotator.core.errors import AnnotatorError, ValidationError
from annotator.core.model import GOLD, ArticleLabels, Claim, Mention, Status
from annotator.core.spans import Span
from annotator.quality.agreement import (
    FIELDS,
    Content,
    group_contents,
    group_spans,
    match_contents,
    match_spans,
)
from annotator.store.queries import ProjectQueries

Kind = Literal["agree", "missing", "boundary", "fields"]
"""How the labels of one group differ."""

KINDS: tuple[Kind, ...] = ("agree", "missing", "boundary", "fields")
"""Every kind of `Difference`."""

_L = TypeVar("_L", Claim, Mention)

CLAIM_FIELDS: dict[str, Callable[[Claim], Hashable | None]] = {
    **FIELDS,
    "cue": lambda c: c.attribution.cue,
    "addressee": lambda c: c.addressee,
    "target": lambda c: c.target,
}
"""Claim fields compared in adjudication: those of agreement, the cue, addressee and target."""

MENTION_FIELDS: dict[str, Callable[[Mention], Hashable | None]] = {"actor": lambda m: m.actor}
"""Mention fields compared in adjudication."""


@dataclass(frozen=True, slots=True)
class Difference:
    """One group of matched labels (claims or mentions) of the chosen annotators."""

    kind: Kind
    label_type: Literal["claim", "mention"]
    labels: dict[str, Claim | Mention | None]
    """Annotator -> their label in the group, None where missing; in the order given."""
    fields: tuple[str, ...]
    """Fields whose values differ among the labels present."""
    span: Span
    """From the first start to the last end of the labels present (to scroll to)."""
    gold: tuple[str, ...] = field(default=())
    """Ids of the gold labels matching the group (what accepting another version replaces)."""

    @property
    def resolved(self) -> bool:
        """True if gold already has a label matching this group."""
        return bool(self.gold)

    @property
    def missing(self) -> tuple[str, ...]:
        """The annotators without a label in this group."""
        return tuple(name for name, label in self.labels.items() if label is None)

    @property
    def segments(self) -> dict[str, tuple[Span, ...]]:
        """Annotator -> the segments of their claim (one piece: its span), in a group of
        claims where one is in segments; empty for other groups."""
        present = {n: x for n, x in self.labels.items() if isinstance(x, Claim)}
        if not any(claim.segments for claim in present.values()):
            return {}
        return {n: claim.content for n, claim in present.items()}


def _names(project: ProjectQueries, annotators: Iterable[str] | None) -> list[str]:
    if annotators is None:
        return [n for n in project.annotators() if n != GOLD]
    names = list(dict.fromkeys(annotators))
    if GOLD in names:
        raise AnnotatorError("gold is what adjudication makes: compare the other annotators")
    return names


def differences(
    project: ProjectQueries, article_id: str, annotators: Sequence[str]
) -> list[Difference]:
    """The groups of the annotators' claims and mentions on one article, classified.

    Args:
        project: an open project.
        article_id: the article.
        annotators: whom to compare, in the order `Difference.labels` lists them;
            each is compared even if they left the article untouched (see
            `labelled_by` to choose only those who labelled it).

    Returns:
        Every group (``agree`` ones included) in text order; see the module doc.

    Raises:
        ValidationError: no such article.
        AnnotatorError: ``gold`` is among the annotators.
    """
    names = _names(project, annotators)
    if project.article(article_id) is None:
        raise ValidationError(f"no article {article_id!r} in this project")
    found = project.labels_for([article_id]).get(article_id, {})
    entries = {n: found.get(n) or _nothing(article_id, n) for n in names}
    return _differences(entries, found.get(GOLD))


def labelled_by(project: ProjectQueries, article_id: str, annotators: Sequence[str]) -> list[str]:
    """Those of ``annotators`` who labelled the article (a label, or marked done), in order."""
    found = project.labels_for([article_id]).get(article_id, {})
    return [n for n in annotators if n in found and found[n].labelled]


def _nothing(article_id: str, annotator: str) -> ArticleLabels:
    return ArticleLabels(article_id, annotator, Status(article_id, annotator))


def _differences(
    entries: Mapping[str, ArticleLabels], gold: ArticleLabels | None
) -> list[Difference]:
    claims = _groups(
        {n: e.claims for n, e in entries.items()},
        gold.claims if gold else (),
        CLAIM_FIELDS,
        "claim",
    )
    mentions = _groups(
        {n: e.mentions for n, e in entries.items()},
        gold.mentions if gold else (),
        MENTION_FIELDS,
        "mention",
    )
    return sorted(
        claims + mentions, key=lambda d: (d.span.start, d.span.end, d.label_type == "mention")
    )


def _content(label: Claim | Mention) -> Content:
    """What a label covers, as `annotator.quality.agreement.Content`."""
    if isinstance(label, Claim) and label.segments:
        return tuple((s.start, s.end) for s in label.segments)
    return ((label.start, label.end),)


def _groups(
    labels: Mapping[str, Sequence[_L]],
    gold: Sequence[_L],
    fields: Mapping[str, Callable[[_L], Hashable | None]],
    label_type: Literal["claim", "mention"],
) -> list[Difference]:
    segmented = any(
        isinstance(x, Claim) and x.segments for these in (*labels.values(), gold) for x in these
    )
    where: Callable[[_L], Hashable] = _content if segmented else _span
    matched_gold: list[tuple[int, int]]
    if segmented:
        groups = group_contents({n: [_content(x) for x in these] for n, these in labels.items()})
    else:
        groups = group_spans({n: [x.span for x in these] for n, these in labels.items()})
    members = [(g, labels[n][i]) for g, group in enumerate(groups) for n, i in group.items()]
    if segmented:
        matched_gold = match_contents(
            [_content(x) for x in gold], [_content(x) for _, x in members]
        )
    else:
        matched_gold = match_spans([x.span for x in gold], [x.span for _, x in members])
    matched: list[list[str]] = [[] for _ in groups]
    for i, j in matched_gold:
        matched[members[j][0]].append(gold[i].id)
    result = []
    for group, gold_ids in zip(groups, matched, strict=True):
        present = [labels[n][i] for n, i in group.items()]
        differing = tuple(
            name for name, read in fields.items() if len({read(x) for x in present}) > 1
        )
        kind: Kind
        if len(group) < len(labels):
            kind = "missing"
        elif len({where(x) for x in present}) > 1:
            kind = "boundary"
        else:
            kind = "fields" if differing else "agree"
        result.append(
            Difference(
                kind=kind,
                label_type=label_type,
                labels={n: labels[n][group[n]] if n in group else None for n in labels},
                fields=differing,
                span=Span(min(x.start for x in present), max(x.end for x in present)),
                gold=tuple(sorted(gold_ids)),
            )
        )
    return result


def _span(label: Claim | Mention) -> Hashable:
    return label.span


def _needing(
    project: ProjectQueries, annotators: Iterable[str] | None
) -> Iterable[tuple[str, dict[str, ArticleLabels], ArticleLabels | None]]:
    """Articles labelled by two or more of the annotators, in import order, a batch at a time.

    Yields ``(article id, labelled annotator -> labels, gold labels or None)``.
    """
    names = _names(project, annotators)
    for batch in project.iter_articles():
        found = project.labels_for([a.id for a in batch])
        for article in batch:
            entries = found.get(article.id, {})
            labelled = {n: entries[n] for n in names if n in entries and entries[n].labelled}
            if len(labelled) >= 2:
                yield article.id, labelled, entries.get(GOLD)


def disagreement_ranking(
    project: ProjectQueries, annotators: Sequence[str] | None = None
) -> list[tuple[str, float]]:
    """Articles labelled by two or more of the annotators, most disagreement first.

    The score of an article is the share of its groups (claims and mentions)
    that are not ``agree``, among the annotators who labelled it. Ties go to
    the article with more such groups, then to import order.

    Args:
        project: an open project.
        annotators: whom to compare; None for everyone but ``gold``.

    Returns:
        ``(article id, score)`` pairs, score from 0.0 (full agreement) to 1.0.
    """
    scored = []
    for position, (article_id, labelled, _) in enumerate(_needing(project, annotators)):
        found = _differences(labelled, None)
        disagreeing = sum(d.kind != "agree" for d in found)
        score = disagreeing / len(found) if found else 0.0
        scored.append((-score, -disagreeing, position, article_id))
    scored.sort()
    return [(article_id, -score) for score, _, _, article_id in scored]


def adjudication_progress(
    project: ProjectQueries, annotators: Sequence[str] | None = None
) -> tuple[int, int]:
    """How many articles are adjudicated, of those that need it.

    Args:
        project: an open project.
        annotators: whom to compare; None for everyone but ``gold``.

    Returns:
        ``(done, total)``: ``total`` articles labelled by two or more of the
        annotators, ``done`` of them marked done by ``gold``.
    """
    done = total = 0
    for _, _, gold in _needing(project, annotators):
        total += 1
        done += gold is not None and gold.status.status == "done"
    return done, total
