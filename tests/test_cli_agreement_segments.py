"""``annotator agreement`` on a brat corpus imported as two annotators, one splitting a quote.

The corpus is written here by hand in the shape of PolNeAR (texts in
``text/``, annotations in ``ann/<article>_<annotator>.ann``, each attribution a
Source, a Cue and a Content tied by an ``Attribution`` event). Both annotators
annotated both articles; ``ann1`` marks each quotation split around its cue
as one Content of two fragments, ``ann2`` marks the same quotation as one span
over the cue (its hull). Matching on segments, those two are never an exact
match, and they overlap-match only when the quoted words are at least half of
the hull.
"""

from __future__ import annotations

import json
from pathlib import Path

from annotator.core.model import GOLD
from annotator.store.project import Project
from tests.helpers import run, span_in

A1 = (
    "“The new tram line,” the mayor said, “will be finished by June.”\n\n"
    "The union said that drivers would strike on Monday.\n"
)
A2 = "“Yes,” the minister told the committee on a long Tuesday afternoon, “we will.”\n"

SPLIT_1 = ("“The new tram line,”", "“will be finished by June.”")
HULL_1 = "“The new tram line,” the mayor said, “will be finished by June.”"
SPLIT_2 = ("“Yes,”", "“we will.”")
HULL_2 = A2.strip()


def t(text: str, tid: str, label: str, *parts: str | tuple[str, int]) -> str:
    spans = [span_in(text, p) if isinstance(p, str) else span_in(text, *p) for p in parts]
    offsets = ";".join(f"{s.start} {s.end}" for s in spans)
    return f"{tid}\t{label} {offsets}\t{' '.join(text[s.start : s.end] for s in spans)}\n"


def attribution(text: str, n: int, source: str, cue: str | tuple[str, int], *content: str) -> str:
    base = 10 * n
    lines = t(text, f"T{base + 1}", "Cue", cue)
    lines += t(text, f"T{base + 2}", "Content", *content)
    lines += t(text, f"T{base + 3}", "Attribution", cue)
    lines += t(text, f"T{base + 4}", "Source", source)
    return lines + (
        f"E{n}\tAttribution:T{base + 3} Cue:T{base + 1} Content:T{base + 2} Source:T{base + 4}\n"
    )


STRIKE = attribution(A1, 2, "The union", ("said", 1), "drivers would strike on Monday")
ANNOTATIONS = {
    "a1_ann1": attribution(A1, 1, "the mayor", "said", *SPLIT_1) + STRIKE,
    "a1_ann2": attribution(A1, 1, "the mayor", "said", HULL_1) + STRIKE,
    "a2_ann1": attribution(A2, 1, "the minister", "told", *SPLIT_2),
    "a2_ann2": attribution(A2, 1, "the minister", "told", HULL_2),
}


def imported(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "text").mkdir(parents=True)
    (root / "ann").mkdir()
    for name, text in (("a1", A1), ("a2", A2)):
        (root / "text" / f"{name}.txt").write_text(text, "utf-8", newline="")
    for name, ann in ANNOTATIONS.items():
        (root / "ann" / f"{name}.ann").write_text(ann, "utf-8", newline="")
    project = tmp_path / "corpus.claims"
    run("init", project)
    run(
        "import", project, "--format", "brat", "--text-dir", root / "text",
        "--ann-dir", root / "ann", "--annotator-pattern", "_(ann[12])$",
    )  # fmt: skip
    return project


def test_agreement_of_a_split_quote_and_its_hull_from_the_command_line(tmp_path: Path) -> None:
    project = imported(tmp_path)
    with Project.open(project, read_only=True) as opened:
        assert opened.annotators() == ["ann1", "ann2"]
        (split, _) = sorted(opened.labels("a1", "ann1").claims, key=lambda c: c.start)
        (hull, _) = sorted(opened.labels("a1", "ann2").claims, key=lambda c: c.start)
        assert split.segments == tuple(span_in(A1, words) for words in SPLIT_1)
        assert hull.segments == () and split.span == hull.span == span_in(A1, HULL_1)
    # a1: the quoted words are 47 of the hull's 64 characters, Jaccard 0.73: an overlap match;
    # a2: 16 of 77, Jaccard 0.21: no match. The strike claim is the same for both: exact.
    report = json.loads(run("agreement", project, "--json").stdout)
    assert report["annotators"] == ["ann1", "ann2"] and report["articles"] == 2
    assert report["spans"] == {
        "claims": {"exact_f1": round(2 * 1 / 6, 3), "overlap_f1": round(2 * 2 / 6, 3)},
        "mentions": {"exact_f1": 1.0, "overlap_f1": 1.0},
        "cues": {"exact_f1": 1.0, "overlap_f1": 1.0},  # cues of the two matched claims
    }
    (pair,) = report["pairs"]
    assert (pair["claims_exact_f1"], pair["claims_overlap_f1"]) == (0.333, 0.667)
    table = run("agreement", project).stdout
    assert ["claims", "0.333", "0.667"] in [line.split() for line in table.splitlines()]
    assert GOLD not in report["annotators"]
