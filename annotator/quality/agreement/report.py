"""The agreement report: its numbers, as one JSON object and as readable text tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotator.core.table import text_table
from annotator.quality.agreement.matching import SpanCounts

DIGITS = 3
"""Decimals of the measures in `AgreementReport.to_json` and the table."""


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
    return text_table([header, *([_cell(v) for v in row] for row in rows)])
