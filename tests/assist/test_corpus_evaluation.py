"""``annotator suggest --evaluate --against NAME`` on a brat corpus in PolNeAR's shape.

The corpus is written here by hand, with our own words (no corpus text): texts
in ``text/<article>.txt``, annotations in ``attributions/<article>_<annotator>.ann``,
each attribution a Source, a Cue and a Content tied by an ``Attribution`` event
(``Attribution-no-source`` without a source), a quotation split around its cue
or going on in the next sentence one Content of two fragments, the quotation
marks inside the content as PolNeAR marks them. One article is annotated twice.
"""

from __future__ import annotations

import json
from pathlib import Path

from annotator.store.project import Project
from tests.helpers import run

A1 = (
    "“The harbour plan,” the mayor said, “will fail in the first winter.”\n\n"
    "“We warned the council twice,” Lena Ortiz said. “Nobody listened to the fishermen.”\n\n"
    "The ferry company said that fares would double in spring.\n"
)
A2 = (
    "“The bridge is safe,” the engineer said, “it will stand for decades,” a resident replied.\n\n"
    "Divers found no damage to the piers, according to the coast guard.\n"
)


def at(text: str, words: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return start, start + len(words)


def t(text: str, tid: str, label: str, *parts: str | tuple[str, int]) -> str:
    """A ``T`` line over ``parts`` of ``text`` (each words, or (words, nth))."""
    spans = [at(text, p) if isinstance(p, str) else at(text, *p) for p in parts]
    offsets = ";".join(f"{s} {e}" for s, e in spans)
    return f"{tid}\t{label} {offsets}\t{' '.join(text[s:e] for s, e in spans)}\n"


def attribution(
    text: str, n: int, source: str | None, cue: str | tuple[str, int], *content: str
) -> str:
    """The T lines and the E line of one attribution (ids from ``10 * n``)."""
    base = 10 * n
    lines = t(text, f"T{base + 1}", "Cue", cue)
    lines += t(text, f"T{base + 2}", "Content", *content)
    lines += t(text, f"T{base + 3}", "Attribution" if source else "Attribution-no-source", cue)
    roles = f"Cue:T{base + 1} Content:T{base + 2}"
    if source:
        lines += t(text, f"T{base + 4}", "Source", source)
        roles += f" Source:T{base + 4}"
    kind = "Attribution" if source else "Attribution-no-source"
    return lines + f"E{n}\t{kind}:T{base + 3} {roles}\n"


ANN_A1 = (
    attribution(
        A1, 1, "the mayor", "said", "“The harbour plan,”", "“will fail in the first winter.”"
    )
    + attribution(
        A1,
        2,
        "Lena Ortiz",
        ("said", 1),
        "“We warned the council twice,”",
        "“Nobody listened to the fishermen.”",
    )
    + attribution(A1, 3, "The ferry company", ("said", 2), "fares would double in spring")
)
ANN_A1_OTHER = (  # the second annotator marks the first quotation as one span over its cue
    attribution(
        A1,
        1,
        "the mayor",
        "said",
        "“The harbour plan,” the mayor said, “will fail in the first winter.”",
    )
)
ANN_A2 = (
    attribution(A2, 1, "the engineer", "said", "“The bridge is safe,”")
    + attribution(A2, 2, "a resident", "replied", "“it will stand for decades,”")
    + attribution(A2, 3, "the coast guard", "according to", "Divers found no damage to the piers")
)


def corpus(root: Path) -> Path:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for name, text in (("a1", A1), ("a2", A2)):
        (root / "text" / f"{name}.txt").write_text(text, "utf-8", newline="")
    for name, ann in (("a1_4e07", ANN_A1), ("a1_d473", ANN_A1_OTHER), ("a2_4e07", ANN_A2)):
        (root / "attributions" / f"{name}.ann").write_text(ann, "utf-8", newline="")
    return root


def imported(tmp_path: Path) -> Path:
    root = corpus(tmp_path / "corpus")
    project = tmp_path / "corpus.claims"
    run("init", project)
    run(
        "import", project, "--format", "brat", "--text-dir", root / "text",
        "--ann-dir", root / "attributions", "--annotator-pattern", "_([0-9a-f]{4})$",
    )  # fmt: skip
    return project


def test_the_recommenders_are_scored_on_an_imported_corpus(tmp_path: Path) -> None:
    project = imported(tmp_path)
    with Project.open(project, read_only=True) as opened:
        split = [c for c in opened.labels("a1", "4e07").claims if c.segments]
        assert len(split) == 2  # the corpus's two-fragment contents arrived as segments
    result = run(
        "suggest", project, "--evaluate", "--against", "4e07", "--recommenders", "patterns",
        "--json",
    )  # fmt: skip
    data = json.loads(result.stdout)
    patterns = data["recommenders"]["patterns"]
    assert patterns["articles"] == 2
    # six attributions; the patterns find each, the two split quotations as two segments
    # each (the marks PolNeAR keeps inside the content are not held against them)
    assert patterns["claims_exact"]["right"] == 6
    assert (patterns["claims_exact"]["suggested"], patterns["claims_exact"]["reference"]) == (6, 6)
    assert patterns["segments"] == {
        "precision": 1.0, "recall": 1.0, "f1": 1.0, "right": 8, "suggested": 8, "reference": 8,
    }  # fmt: skip
    assert patterns["content_chars"]["precision"] == 1.0
    assert patterns["content_chars"]["recall"] == 1.0
    assert patterns["cues"]["right"] == 6 and patterns["cues"]["reference"] == 6
    assert patterns["sources"]["right"] == 6 and patterns["sources"]["reference"] == 6

    table = run("suggest", project, "--evaluate", "--against", "4e07", "--recommenders", "patterns")
    assert "against 4e07: 2 articles" in table.stdout
    for measure in ("claims (exact)", "content (characters)", "content segments", "cues"):
        assert measure in table.stdout


def test_a_hull_over_a_split_quote_is_not_exact(tmp_path: Path) -> None:
    """Against the annotator who marked the first quotation as one span over its cue, the
    patterns' two segments overlap it but are not it, and its cue counts in its characters."""
    project = imported(tmp_path)
    result = run(
        "suggest", project, "--evaluate", "--against", "d473", "--recommenders", "patterns",
        "--json",
    )  # fmt: skip
    patterns = json.loads(result.stdout)["recommenders"]["patterns"]
    assert patterns["articles"] == 1
    assert patterns["claims_exact"]["right"] == 0 and patterns["claims_overlap"]["right"] == 1
    assert patterns["segments"]["right"] == 0 and patterns["segments"]["reference"] == 1
    chars = patterns["content_chars"]
    assert chars["precision"] < 1.0  # the second quote's claim is no content of d473's
    assert chars["recall"] < 1.0  # "the mayor said" between the segments is d473's content
    assert chars["right"] == len("The harbour plan") + len("will fail in the first winter")


def test_an_unknown_reference_is_a_message(tmp_path: Path) -> None:
    project = imported(tmp_path)
    result = run("suggest", project, "--evaluate", "--against", "polnear", ok=False)
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "no labels of 'polnear'" in result.output and "4e07" in result.output
