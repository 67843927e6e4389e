"""Agreement between annotators: span F1, Krippendorff's alpha, Cohen's and Fleiss' kappa.

The measures (`measures`: `krippendorff_alpha`, `cohen_kappa`,
`fleiss_kappa`) are pure functions of plain tables, as is span matching
(`matching`: `match_spans`, `group_spans`, `span_f1`, and `match_contents`,
`group_contents` for claims in segments); `project_agreement`
(`project`) applies them to the articles of a project that two or more of the
chosen annotators labelled, and gives an `AgreementReport` (`report`). Every
public name is importable from here.

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

Claims in segments
    A claim whose content is in segments (a quote split around its cue) is
    matched on its segments, not on its hull; a claim in one piece is one
    segment. Two claims are an exact match only when their segments are the
    same: a claim in two segments and a claim over their hull are not, nor
    are ``[[0, 5], [5, 9]]`` and ``[[0, 9]]``. Jaccard counts the characters
    of the segments: the gap between two segments (where the cue sits) is in
    neither content. Identical contents are paired first, then the rest by
    decreasing Jaccard as above. Projects (and articles) without claims in
    segments are compared exactly as before.

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

from annotator.core.segments import content_jaccard
from annotator.quality.agreement.matching import (
    MIN_JACCARD,
    Content,
    SpanCounts,
    group_contents,
    group_spans,
    match_contents,
    match_spans,
    span_counts,
    span_f1,
)
from annotator.quality.agreement.measures import (
    AlphaTally,
    FleissTally,
    KappaTally,
    cohen_kappa,
    fleiss_kappa,
    krippendorff_alpha,
)
from annotator.quality.agreement.project import (
    FIELDS,
    SPAN_KINDS,
    project_agreement,
)
from annotator.quality.agreement.report import (
    DIGITS,
    AgreementReport,
    FieldAgreement,
    PairAgreement,
)

__all__ = [
    "DIGITS",
    "FIELDS",
    "MIN_JACCARD",
    "SPAN_KINDS",
    "AgreementReport",
    "AlphaTally",
    "Content",
    "FieldAgreement",
    "FleissTally",
    "KappaTally",
    "PairAgreement",
    "SpanCounts",
    "cohen_kappa",
    "content_jaccard",
    "fleiss_kappa",
    "group_contents",
    "group_spans",
    "krippendorff_alpha",
    "match_contents",
    "match_spans",
    "project_agreement",
    "span_counts",
    "span_f1",
]
