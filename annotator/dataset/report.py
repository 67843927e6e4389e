"""What a dataset build reports: split sizes and label distributions, near duplicates, agreement.

`DatasetReport.to_json` is written as ``report.json`` in the dataset folder
(keys in a fixed order, no times: the same build gives the same bytes);
`DatasetReport.to_text` is what ``annotator dataset build`` prints.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from annotator.core.table import text_table
from annotator.dataset.options import SPLITS


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    """Two included articles whose estimated shingle similarity reaches the threshold."""

    first: str
    second: str
    similarity: float
    first_split: str
    second_split: str

    def to_json(self) -> dict[str, Any]:
        """The pair as ``report.json`` lists it."""
        return {
            "articles": [self.first, self.second],
            "similarity": self.similarity,
            "splits": [self.first_split, self.second_split],
        }


@dataclass(frozen=True, slots=True)
class DatasetReport:
    """The numbers of one build.

    ``splits`` maps each split to its distribution
    (`annotator.dataset.tally.Tally.distribution`: articles, claims, mentions,
    and per field the count of each value). ``agreement`` is
    `annotator.quality.agreement.AgreementReport.to_json` on the included
    articles (those two or more annotators labelled count; the gold labels
    are not compared). ``unaligned_spans`` counts per split the spans spaCy
    could not align to tokens (None when no spaCy files were written).
    """

    articles: int
    groups: int
    splits: dict[str, dict[str, Any]]
    near_duplicates: list[NearDuplicate]
    stories_across_splits: int
    agreement: dict[str, Any]
    unaligned_spans: dict[str, int] | None = None
    warnings: list[str] = dataclasses.field(default_factory=list)
    """What a reader of the dataset should know: e.g. a split left empty because groups are large."""
    labels: dict[str, int] = dataclasses.field(default_factory=dict)
    """Whose labels the included articles carry: ``gold`` (adjudicated), ``single`` (the
    only annotator's, with ``--fallback single``) or ``annotator`` (``--annotator NAME``)."""
    languages: dict[str, int] = dataclasses.field(default_factory=dict)
    """Language code -> included articles that state it, most first (the card's ``language``)."""

    @property
    def near_duplicates_across_splits(self) -> int:
        """Near-duplicate pairs whose articles are in different splits (0 after grouping)."""
        return sum(p.first_split != p.second_split for p in self.near_duplicates)

    def to_json(self) -> dict[str, Any]:
        """The report as ``report.json`` holds it."""
        within = {s: sum(p.first_split == s == p.second_split for p in self.near_duplicates)
                  for s in SPLITS}  # fmt: skip
        return {
            "articles": self.articles,
            "groups": self.groups,
            "splits": self.splits,
            "near_duplicates": {
                "pairs": len(self.near_duplicates),
                "across_splits": self.near_duplicates_across_splits,
                "within_splits": within,
                "list": [p.to_json() for p in self.near_duplicates],
            },
            "stories_across_splits": self.stories_across_splits,
            "agreement": self.agreement,
            "unaligned_spans": self.unaligned_spans,
            "warnings": list(self.warnings),
            "labels": dict(self.labels),
            "languages": dict(self.languages),
        }

    def to_text(self) -> str:
        """The report as readable lines (distributions as a table of splits)."""
        lines = [
            f"{self.articles} articles in {self.groups} groups (stories and near duplicates)",
        ]
        header = ["", *SPLITS]
        rows = [
            ["articles", *(str(self.splits[s]["articles"]) for s in SPLITS)],
            ["claims", *(str(self.splits[s]["claims"]) for s in SPLITS)],
            ["mentions", *(str(self.splits[s]["mentions"]) for s in SPLITS)],
        ]
        for field, counts in self.splits[SPLITS[0]]["fields"].items():
            chosen = sum(
                n for s in SPLITS for n in self.splits[s]["fields"][field]["values"].values()
            )
            if not chosen:
                continue  # a field nobody filled in: one line below says so
            for value in [*counts["values"], None]:
                label = f"{field}={value if value is not None else '(none)'}"
                cells = []
                for s in SPLITS:
                    found = self.splits[s]["fields"][field]
                    n = found["not_chosen"] if value is None else found["values"][value]
                    cells.append(
                        _share(n, self.splits[s]["claims" if field != "actor_type" else "mentions"])
                    )
                if any(c != "0" for c in cells):
                    rows.append([label, *cells])
        lines += text_table([header, *rows])
        empty = [
            field
            for field in self.splits[SPLITS[0]]["fields"]
            if not any(self.splits[s]["fields"][field]["values"].get(v) for s in SPLITS
                       for v in self.splits[s]["fields"][field]["values"])
        ]  # fmt: skip
        if empty:
            lines.append(f"never chosen: {', '.join(empty)}")
        within = len(self.near_duplicates) - self.near_duplicates_across_splits
        lines.append(
            f"near-duplicate pairs: {len(self.near_duplicates)} ({within} within a split,"
            f" {self.near_duplicates_across_splits} across splits);"
            f" stories across splits: {self.stories_across_splits}"
        )
        lines.append(_agreement_line(self.agreement))
        lines += [f"warning: {w}" for w in self.warnings]
        if self.unaligned_spans and any(self.unaligned_spans.values()):
            lines.append(
                "spans spaCy could not align to tokens (left out of the DocBins): "
                + ", ".join(f"{s} {n}" for s, n in self.unaligned_spans.items())
            )
        return "\n".join(lines)


def _share(count: int, total: int) -> str:
    if not count:
        return "0"
    return f"{count} ({100 * count / total:.0f}%)" if total else str(count)


def _agreement_line(agreement: dict[str, Any]) -> str:
    if not agreement.get("articles"):
        return "agreement: no included article was labelled by two or more annotators"
    spans = agreement["spans"]["claims"]
    alphas = ", ".join(
        f"{name} {values['alpha']:.3f}"
        for name, values in agreement["fields"].items()
        if values["alpha"] is not None
    )
    f1 = spans["overlap_f1"]
    return (
        f"agreement on {agreement['articles']} articles labelled by two or more"
        f" ({', '.join(agreement['annotators'])}): claim spans overlap F1"
        f" {'-' if f1 is None else f'{f1:.3f}'}; alpha {alphas or '-'}"
    )
