"""`project_agreement` and ``annotator agreement`` on real project files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from annotator.cli import cli
from annotator.core.errors import AnnotatorError
from annotator.core.model import Article, Attribution
from annotator.core.spans import Span
from annotator.quality.agreement import project_agreement
from annotator.store.project import Project

TEXT = "Velgrad said on Friday that Kestria must reopen the harbour. Officials said talks would resume soon."


def at(words: str, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence of ``words`` in TEXT."""
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(words, start + 1)
    return Span(start, start + len(words))


DEMAND = at("Kestria must reopen the harbour")
TALKS = at("talks would resume soon")


def label(project: Project, with_cy: bool = False) -> None:
    """ana and ben (and cy) label the same article; other articles show who counts."""
    project.add_articles([Article(f"a{k}", TEXT, title=f"Article {k}") for k in range(1, 5)])
    norvania = project.add_actor("Norvania", "lead", "state", ("Velgrad",)).id
    kestria = project.add_actor("Kestria", "lead", "state").id
    said, said_again = at("said"), at("said", 1)
    demand = {"claimant": norvania, "stance": "oppose", "category": "demand"}
    demand_attribution = Attribution("indirect", source_kind="named", cue=said)
    talks_attribution = Attribution("indirect", source_kind="unnamed", cue=said_again)

    add = project.add_claim
    add("a1", "ana", *DEMAND, **demand, checkworthy="checkworthy", attribution=demand_attribution)
    add(
        "a1",
        "ana",
        *TALKS,
        stance="neutral",
        category="prediction",
        checkworthy="checkworthy",
        attribution=talks_attribution,
    )
    project.add_mention("a1", "ana", *at("Velgrad"), norvania)
    project.add_mention("a1", "ana", *at("Kestria"), kestria)
    project.set_status("a1", "ana", "done")

    # ben: the same demand; "talks would resume" (Jaccard 18/23 with ana's) with another
    # stance and attribution type, no check-worthiness and no cue; one mention.
    add("a1", "ben", *DEMAND, **demand, checkworthy="checkworthy", attribution=demand_attribution)
    add(
        "a1",
        "ben",
        *at("talks would resume"),
        stance="support",
        category="prediction",
        attribution=Attribution("direct", source_kind="unnamed"),
    )
    project.add_mention("a1", "ben", *at("Velgrad"), norvania)
    project.set_status("a1", "ben", "in_progress")

    add("a2", "ana", *DEMAND, stance="oppose")  # a2: only ana labelled it
    project.set_status("a3", "ana", "in_progress")  # a3: nobody labelled it
    project.set_status("a3", "ben", "skipped")
    project.set_status("a4", "ana", "done")  # a4: ana found no claim, ben one
    add("a4", "ben", *at("Officials said"), stance="support")
    add("a1", "gold", *DEMAND, stance="support")  # adjudication is not an annotator

    if with_cy:
        add(
            "a1", "cy", *DEMAND, **demand, checkworthy="checkworthy", attribution=demand_attribution
        )
        add(
            "a1",
            "cy",
            *TALKS,
            stance="neutral",
            category="prediction",
            checkworthy="unimportant",
            attribution=talks_attribution,
        )
        project.add_mention("a1", "cy", *at("Velgrad"), norvania)
        project.set_status("a1", "cy", "done")


def field(alpha: float | None, units: int, fleiss: float | None) -> dict[str, Any]:
    return {"alpha": alpha, "n_units": units, "fleiss_kappa": fleiss}


# ana/ben: a1 and a4 (a2 has only ana; in a3 neither did any work).
# claims: ana 2, ben 3 (one in a4), 1 exact and 2 overlapping pairs: 2/5 and 4/5.
# stance units: (oppose, oppose), (neutral, support); ben's a4 claim is not pairable,
# so alpha = 1 - 3 * 2 / (16 - 6) = 0.4 and Fleiss' kappa is undefined (a unit rated once).
ANA_BEN = {
    "a": "ana",
    "b": "ben",
    "articles": 2,
    "claims_exact_f1": 0.4,
    "claims_overlap_f1": 0.8,
    "mentions_exact_f1": 0.667,
    "mentions_overlap_f1": 0.667,
    "cues_exact_f1": 0.667,  # the demand's cues match; ben's talks claim has none
    "cues_overlap_f1": 0.667,
    "stance_kappa": 0.333,
    "category_kappa": 1.0,
    "certainty_kappa": None,
    "checkworthy_kappa": None,  # one value only: chance agreement is 1
    "attribution_type_kappa": 0.0,
    "source_kind_kappa": 1.0,
    "claimant_kappa": None,
}

TWO = {
    "annotators": ["ana", "ben"],
    "articles": 2,
    "spans": {
        "claims": {"exact_f1": 0.4, "overlap_f1": 0.8},
        "mentions": {"exact_f1": 0.667, "overlap_f1": 0.667},
        "cues": {"exact_f1": 0.667, "overlap_f1": 0.667},
    },
    "fields": {
        "stance": field(0.4, 2, None),
        "category": field(1.0, 2, 1.0),
        "certainty": field(None, 0, None),  # nobody filled it
        "checkworthy": field(None, 1, None),  # one value only: no expected disagreement
        "attribution_type": field(0.0, 2, -0.333),
        "source_kind": field(1.0, 2, 1.0),
        "claimant": field(None, 1, None),
    },
    "pairs": [ANA_BEN],
}

# With cy on a1: the talks claims of all three form one unit (ana and cy exact, ben
# overlapping both). Stance: 1 - 5 * 2 / (36 - 14) = 0.545.
THREE = {
    "annotators": ["ana", "ben", "cy"],
    "articles": 2,
    "spans": {
        "claims": {"exact_f1": 0.615, "overlap_f1": 0.923},  # 8/13, 12/13
        "mentions": {"exact_f1": 0.75, "overlap_f1": 0.75},  # 6/8
        "cues": {"exact_f1": 0.8, "overlap_f1": 0.8},  # 8/10
    },
    "fields": {
        "stance": field(0.545, 2, None),
        "category": field(1.0, 2, 1.0),
        "certainty": field(None, 0, None),
        "checkworthy": field(0.0, 2, None),  # 3 values in one unit, 2 in the other
        "attribution_type": field(0.0, 2, -0.2),
        "source_kind": field(1.0, 2, 1.0),
        "claimant": field(None, 1, None),
    },
    "pairs": [
        ANA_BEN,  # unchanged by cy
        {
            "a": "ana",
            "b": "cy",
            "articles": 1,
            "claims_exact_f1": 1.0,
            "claims_overlap_f1": 1.0,
            "mentions_exact_f1": 0.667,
            "mentions_overlap_f1": 0.667,
            "cues_exact_f1": 1.0,
            "cues_overlap_f1": 1.0,
            "stance_kappa": 1.0,
            "category_kappa": 1.0,
            "certainty_kappa": None,
            "checkworthy_kappa": 0.0,
            "attribution_type_kappa": None,
            "source_kind_kappa": 1.0,
            "claimant_kappa": None,
        },
        {
            "a": "ben",
            "b": "cy",
            "articles": 1,  # cy did not label a4
            "claims_exact_f1": 0.5,
            "claims_overlap_f1": 1.0,
            "mentions_exact_f1": 1.0,
            "mentions_overlap_f1": 1.0,
            "cues_exact_f1": 0.667,
            "cues_overlap_f1": 0.667,
            "stance_kappa": 0.333,
            "category_kappa": 1.0,
            "certainty_kappa": None,
            "checkworthy_kappa": None,
            "attribution_type_kappa": 0.0,
            "source_kind_kappa": 1.0,
            "claimant_kappa": None,
        },
    ],
}


def test_two_annotators(project: Project) -> None:
    label(project)
    assert project_agreement(project).to_json() == TWO


def test_three_annotators(project: Project) -> None:
    label(project, with_cy=True)
    assert project_agreement(project).to_json() == THREE
    assert project_agreement(project, ["ana", "ben"]).to_json() == TWO


def test_named_annotators_keep_their_order_and_may_include_gold(project: Project) -> None:
    label(project)
    report = project_agreement(project, ["ben", "gold", "ben", "ana"]).to_json()
    assert report["annotators"] == ["ben", "gold", "ana"]
    assert [(p["a"], p["b"], p["articles"]) for p in report["pairs"]] == [
        ("ben", "gold", 1),
        ("ben", "ana", 2),
        ("gold", "ana", 1),
    ]
    assert report["pairs"][0]["claims_exact_f1"] == pytest.approx(0.667)  # 2 * 1 / (2 + 1)


def test_unknown_or_too_few_annotators(project: Project) -> None:
    label(project)
    with pytest.raises(AnnotatorError, match="no labels by 'zed', 'x' in this project"):
        project_agreement(project, ["ana", "zed", "x"])
    with pytest.raises(AnnotatorError, match="needs two or more annotators"):
        project_agreement(project, ["ana", "ana"])


def test_a_project_without_double_labels(project: Project) -> None:
    empty = project_agreement(project).to_json()
    assert empty == {
        "annotators": [],
        "articles": 0,
        "spans": {
            k: {"exact_f1": None, "overlap_f1": None} for k in ("claims", "mentions", "cues")
        },
        "fields": {k: field(None, 0, None) for k in THREE["fields"]},
        "pairs": [],
    }
    project.add_articles([Article("a1", TEXT)])
    project.add_claim("a1", "ana", *DEMAND)
    project.set_status("a1", "ben", "done")  # done, nothing marked: disagrees with ana
    report = project_agreement(project).to_json()
    assert report["articles"] == 1
    assert report["spans"]["claims"] == {"exact_f1": 0.0, "overlap_f1": 0.0}
    assert report["spans"]["cues"] == {"exact_f1": None, "overlap_f1": None}


def test_articles_past_the_first_batch_count(project: Project) -> None:
    project.add_articles([Article(f"x{k:04}", TEXT) for k in range(1200)])
    for name in ("ana", "ben"):
        project.add_claim("x1100", name, *DEMAND, stance="oppose")
        project.add_claim("x0003", name, *TALKS, stance="support")
    report = project_agreement(project).to_json()
    assert report["articles"] == 2
    assert report["fields"]["stance"] == field(1.0, 2, 1.0)


# -- the command ------------------------------------------------------------------------------


def run(*args: object, ok: bool = True) -> Result:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    if ok:
        assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def labelled(project: Project, project_path: Path) -> Path:
    label(project, with_cy=True)
    project.close()
    return project_path


def test_command_json(labelled: Path) -> None:
    assert json.loads(run("agreement", labelled, "--json").stdout) == THREE
    assert (
        json.loads(run("agreement", labelled, "--annotators", "ana, ben", "--json").stdout) == TWO
    )


TABLE = """\
annotators: ana, ben
articles labelled by 2 or more: 2

spans     exact F1  overlap F1
claims       0.400       0.800
mentions     0.667       0.667
cues         0.667       0.667

field             alpha  units  Fleiss kappa
stance            0.400      2             -
category          1.000      2         1.000
certainty             -      0             -
checkworthy           -      1             -
attribution type  0.000      2        -0.333
source kind       1.000      2         1.000
claimant              -      1             -

pair                    ana/ben
articles                      2
claims exact F1           0.400
claims overlap F1         0.800
mentions exact F1         0.667
mentions overlap F1       0.667
cues exact F1             0.667
cues overlap F1           0.667
stance kappa              0.333
category kappa            1.000
certainty kappa               -
checkworthy kappa             -
attribution type kappa    0.000
source kind kappa         1.000
claimant kappa                -
"""


def test_command_table(labelled: Path) -> None:
    assert run("agreement", labelled, "--annotators", "ana,ben").stdout == TABLE


def cell(value: object) -> str:
    return "-" if value is None else str(value) if isinstance(value, int) else f"{value:.3f}"


def section(text: str, columns: int) -> dict[str, list[str]]:
    """Rows of one table by their label (which may have spaces), without the header."""
    rows = {}
    for line in text.splitlines()[1:]:
        words = line.split()
        rows[" ".join(words[:-columns])] = words[-columns:]
    return rows


def test_table_shows_the_json_numbers(labelled: Path) -> None:
    data = json.loads(run("agreement", labelled, "--json").stdout)
    head, spans, fields, pairs = run("agreement", labelled).stdout.rstrip("\n").split("\n\n")
    assert head == "annotators: ana, ben, cy\narticles labelled by 2 or more: 2"
    assert section(spans, 2) == {
        kind: [cell(v["exact_f1"]), cell(v["overlap_f1"])] for kind, v in data["spans"].items()
    }
    assert section(fields, 3) == {
        name.replace("_", " "): [cell(v["alpha"]), cell(v["n_units"]), cell(v["fleiss_kappa"])]
        for name, v in data["fields"].items()
    }
    assert pairs.splitlines()[0].split() == ["pair", "ana/ben", "ana/cy", "ben/cy"]
    expected = {
        key.replace("_f1", " F1").replace("_", " "): [cell(p[key]) for p in data["pairs"]]
        for key in data["pairs"][0]
        if key not in ("a", "b")
    }
    assert section(pairs, 3) == expected


def test_command_errors_are_one_line(labelled: Path, tmp_path: Path) -> None:
    result = run("agreement", labelled, "--annotators", "ana,zed", ok=False)
    assert (result.exit_code, result.stderr) == (1, "Error: no labels by 'zed' in this project\n")
    result = run("agreement", labelled, "--annotators", "ana", ok=False)
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: agreement needs two or more annotators\n",
    )
    missing = tmp_path / "missing.claims"
    result = run("agreement", missing, ok=False)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and str(missing) in result.stderr
