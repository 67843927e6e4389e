"""The dataset card: ``README.md`` of a dataset folder, in the Hugging Face convention.

YAML front matter (language, license, task categories, size category, pretty
name, ``configs`` naming the Parquet file of each split), then sections: what
was labelled and how (every field of the schema with every value's id, name and
description), annotators (a count; names only when the lead asks), agreement
(Krippendorff's alpha, Fleiss' and Cohen's kappa per field, span F1: the
numbers of the report, which are `project_agreement` on the included
articles), whose labels the articles carry (gold, single annotator), the
splits with their sizes and label distributions, known limits, license and
citation (from the project's settings, `annotator.store.dataset_settings`).

`card_extras` is the ``extras`` hook of `build_dataset` that writes it; it
takes an optional chart writer (``charts``) that draws PNGs into the folder
being built (the CLI passes `annotator.charts.write_charts`, which needs Qt:
this module does not). Nothing in the card depends on time, paths or hosts, so
a rebuild gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator import __version__
from annotator.core.schema import LabelSchema
from annotator.dataset.build import CARD, Extras
from annotator.dataset.options import SPLITS
from annotator.dataset.report import DatasetReport
from annotator.store.dataset_settings import DatasetSettings, dataset_settings
from annotator.store.project import Project

ChartWriter = Callable[[Path, DatasetReport, LabelSchema], list[str]]
"""``(folder, report, schema) -> relative paths of the PNGs written``."""

FIELD_OF = {"actor_type": "mentions"}
"""Fields of the distributions that count mentions (their actors), not claims."""

SIZES = ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"),
         (1_000_000, "100K<n<1M"), (10_000_000, "1M<n<10M"))  # fmt: skip


def size_category(rows: int) -> str:
    """The Hugging Face ``size_categories`` bucket of a dataset of ``rows`` examples."""
    for limit, name in SIZES:
        if rows < limit:
            return name
    return "n>10M" if rows >= 10_000_000 else SIZES[-1][1]


def chart_path(name: str) -> str:
    """The relative path of a chart (``charts/<name>.png``)."""
    return f"charts/{name}.png"


@dataclass(frozen=True, slots=True)
class CardFacts:
    """Everything a card says besides the report, read from the project and the build."""

    schema: LabelSchema
    settings: DatasetSettings
    languages: list[str]
    project_articles: int
    project_name: str
    """The project file's name without suffix: the card's title when no name is set."""
    options: dict[str, Any]
    manifest: dict[str, Any]
    name_annotators: bool = False
    charts: tuple[str, ...] = ()


def card_extras(
    project: Project, name_annotators: bool = False, charts: ChartWriter | None = None
) -> Extras:
    """The ``extras`` hook of `build_dataset` that writes `CARD` (and charts, if given).

    The project is read when the hook runs, inside the build's read
    transaction, so the card describes the same state as the splits.
    """

    def write(folder: Path, report: DatasetReport, manifest: dict[str, Any]) -> list[str]:
        drawn = charts(folder, report, project.schema) if charts is not None else []
        facts = CardFacts(
            schema=project.schema,
            settings=dataset_settings(project),
            languages=list(report.languages),
            project_articles=project.article_count(),
            project_name=project.path.stem,
            options=manifest.get("options", {}),
            manifest=manifest,
            name_annotators=name_annotators,
            charts=tuple(drawn),
        )
        with open(folder / CARD, "w", encoding="utf-8", newline="\n") as f:
            f.write(card_text(report, facts))
        return [CARD, *drawn]

    return write


# -- the text ------------------------------------------------------------------------------


def _yaml_string(text: str) -> str:
    """A YAML double-quoted scalar (JSON string escapes are valid YAML)."""
    import json

    return json.dumps(text, ensure_ascii=False)


def _cell(text: object) -> str:
    """A Markdown table cell: pipes escaped, lines joined."""
    return " ".join(str(text).split()).replace("|", "\\|") or " "


def _table(header: list[str], rows: list[list[object]], right_from: int = 1) -> list[str]:
    align = ["---" if i < right_from else "---:" for i in range(len(header))]
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _share(count: int, total: int) -> str:
    return f"{count} ({100 * count / total:.1f}%)" if total else str(count)


def front_matter(report: DatasetReport, facts: CardFacts) -> list[str]:
    """The YAML front matter lines, ``---`` to ``---``."""
    settings = facts.settings
    name = settings.pretty_name or f"Claims of {facts.project_name}"
    lines = ["---"]
    if facts.languages:
        lines += ["language:", *(f"- {_yaml_string(code)}" for code in facts.languages)]
    lines.append(f"license: {_yaml_string(settings.license or 'other')}")
    lines.append(f"pretty_name: {_yaml_string(name)}")
    lines += ["task_categories:", "- token-classification", "- text-classification"]
    lines += ["size_categories:", f"- {size_category(report.articles)}"]
    lines += ["tags:", "- claims", "- stance", "- attribution", "- claim-annotator"]
    if "hf" in facts.options.get("formats", []):
        lines += ["configs:", "- config_name: default", "  data_files:"]
        for split in SPLITS:
            lines += [f"  - split: {split}", f"    path: hf/{split}.parquet"]
    lines.append("---")
    return lines


def card_text(report: DatasetReport, facts: CardFacts) -> str:
    """The whole card (see the module doc)."""
    settings = facts.settings
    name = settings.pretty_name or f"Claims of {facts.project_name}"
    lines = front_matter(report, facts)
    lines += [
        "",
        f"# {name}",
        "",
        f"{report.articles} news articles with their claims labelled: who claims what, with"
        " which stance, category, certainty and attribution, and the actors mentioned."
        f" {report.splits['train']['articles']} / {report.splits['dev']['articles']} /"
        f" {report.splits['test']['articles']} articles in train / dev / test, split so"
        " that no story and no group of near-duplicate articles is in two splits.",
        "",
        f"Built by claim-annotator {facts.manifest.get('tool', {}).get('version', __version__)}"
        f" with the label schema `{facts.schema.name}` version {facts.schema.version}"
        f" (revision {facts.schema.revision}, fingerprint `{facts.schema.fingerprint}`)"
        " from a project whose content fingerprint is"
        f" `{facts.manifest.get('project', {}).get('content_fingerprint', '?')}`;"
        " `manifest.json` lists every file with its SHA-256 and the build options,"
        " `report.json` every number below.",
    ]
    lines += _files(facts)
    lines += _schema(facts)
    lines += _annotators(report, facts)
    lines += _agreement(report, facts)
    lines += _adjudication(report, facts)
    lines += _splits(report, facts)
    lines += _limits(report, facts)
    lines += _license(facts)
    return "\n".join(lines) + "\n"


def _files(facts: CardFacts) -> list[str]:
    formats = facts.options.get("formats", [])
    lines = ["", "## Files", ""]
    if "hf" in formats:
        lines.append(
            "- `hf/<split>.parquet`: one row per article (Hugging Face `datasets` loads the"
            ' folder: `load_dataset("parquet", data_dir=...)` or this card\'s `configs`), label'
            " fields as `ClassLabel` with the schema's value ids as names."
        )
    if "jsonl" in formats:
        lines.append("- `jsonl/<split>.jsonl`: the native export, one article a line.")
    if "spacy" in formats:
        lines.append(
            "- `spacy/<split>/*.spacy`: spaCy `DocBin` shards with claim and mention spans."
        )
    lines.append("- `report.json`, `manifest.json`: the numbers of this card, and checksums.")
    return lines


def _schema(facts: CardFacts) -> list[str]:
    labels = facts.options.get("labels")
    if labels == "annotator":
        how = "the labels of one annotator"
    elif facts.options.get("fallback") == "single":
        how = (
            "the adjudicated (gold) labels, and for articles not adjudicated the labels of"
            " their only annotator"
        )
    else:
        how = "the adjudicated (gold) labels only"
    done = "" if facts.options.get("include_unfinished") else " marked done"
    lines = [
        "",
        "## What was labelled and how",
        "",
        "Annotators marked claims (spans of text that state a position, a fact or a demand),"
        " the mentions of actors and the claim's source, and chose a value for each field"
        f" below. The dataset holds {how}{done}.",
    ]
    for field in facts.schema.fields.values():
        lines += ["", f"### {field.label} (`{field.name}`)"]
        if field.origin:
            lines += ["", " ".join(field.origin.split())]
        lines += [""]
        lines += _table(
            ["id", "name", "description"],
            [[f"`{v.id}`", v.name, v.description or "–"] for v in field.values],
            right_from=3,
        )
    return lines


def _annotator_names(names: list[str], facts: CardFacts) -> dict[str, str]:
    if facts.name_annotators:
        return {n: n for n in names}
    return {n: f"annotator {i}" for i, n in enumerate(names, 1)}


def _annotators(report: DatasetReport, facts: CardFacts) -> list[str]:
    names = list(report.agreement.get("annotators", []))
    lines = ["", "## Annotators", ""]
    who = f": {', '.join(names)}" if facts.name_annotators and names else ""
    lines.append(
        f"{len(names)} annotator{'s' if len(names) != 1 else ''} labelled articles of the"
        f" project{who}."
        + ("" if facts.name_annotators else " Names are left out (`--name-annotators` adds them).")
    )
    return lines


def _agreement(report: DatasetReport, facts: CardFacts) -> list[str]:
    agreement = report.agreement
    lines = ["", "## Agreement", ""]
    if not agreement.get("articles"):
        lines.append(
            "No included article was labelled by two or more annotators, so there is no"
            " agreement to report."
        )
        return lines
    lines.append(
        f"On the {agreement['articles']} included articles labelled by two or more annotators"
        " (the labels each gave, before adjudication). Claims are matched across annotators"
        " by their spans; a field's agreement is over matched claims where both chose a value."
    )
    if chart_path("agreement") in facts.charts:
        lines += ["", f"![Krippendorff's alpha per field]({chart_path('agreement')})"]
    lines += ["", "### Per field", ""]
    lines += _table(
        ["field", "Krippendorff's α", "units", "Fleiss' κ"],
        [
            [f"`{name}`", _number(v["alpha"]), v["n_units"], _number(v["fleiss_kappa"])]
            for name, v in agreement["fields"].items()
        ],
    )
    lines += ["", "### Spans", ""]
    lines += _table(
        ["spans", "exact F1", "overlap F1"],
        [
            [kind, _number(v["exact_f1"]), _number(v["overlap_f1"])]
            for kind, v in agreement["spans"].items()
        ],
    )
    pairs = agreement.get("pairs", [])
    if pairs:
        shown = _annotator_names(list(agreement["annotators"]), facts)
        fields = list(agreement["fields"])
        lines += ["", "### Cohen's κ per pair of annotators", ""]
        lines += _table(
            ["pair", "articles", *(f"`{f}`" for f in fields)],
            [
                [
                    f"{shown.get(p['a'], p['a'])} / {shown.get(p['b'], p['b'])}",
                    p["articles"],
                    *(_number(p.get(f"{f}_kappa")) for f in fields),
                ]
                for p in pairs
            ],
        )
    return lines


def _adjudication(report: DatasetReport, facts: CardFacts) -> list[str]:
    labels = report.labels
    left_out = facts.project_articles - report.articles
    rows: list[list[object]] = [
        ["gold (adjudicated)", labels.get("gold", 0)],
        ["single annotator (not adjudicated)", labels.get("single", 0)],
    ]
    if labels.get("annotator"):
        who = facts.options.get("annotator") if facts.name_annotators else "one annotator"
        rows.append([f"labels of {who} (not adjudicated)", labels["annotator"]])
    rows.append(["project articles left out (not adjudicated or not done)", left_out])
    return ["", "## Adjudication status", "", *_table(["articles", "count"], rows)]


def _splits(report: DatasetReport, facts: CardFacts) -> list[str]:
    lines = ["", "## Splits", ""]
    lines += _table(
        ["split", "articles", "claims", "mentions"],
        [[s, *(report.splits[s][k] for k in ("articles", "claims", "mentions"))] for s in SPLITS],
    )
    lines += [
        "",
        "Label distributions: how many claims (for `actor_type`, mentions) carry each value,"
        " with the share of the split's claims (mentions).",
    ]
    for field, first in report.splits[SPLITS[0]]["fields"].items():
        unit = FIELD_OF.get(field, "claims")
        lines += ["", f"### `{field}`", ""]
        chart = chart_path(f"labels-{field}")
        if chart in facts.charts:
            lines += [f"![Distribution of {field} per split]({chart})", ""]
        rows: list[list[object]] = []
        for value in [*first["values"], None]:
            cells = []
            for s in SPLITS:
                counts = report.splits[s]["fields"][field]
                n = counts["not_chosen"] if value is None else counts["values"][value]
                cells.append(_share(n, report.splits[s][unit]))
            rows.append([f"`{value}`" if value is not None else "(not chosen)", *cells])
        lines += _table(["value", *SPLITS], rows)
    return lines


def _limits(report: DatasetReport, facts: CardFacts) -> list[str]:
    options = facts.options
    within = len(report.near_duplicates) - report.near_duplicates_across_splits
    lines = [
        "",
        "## Known limits",
        "",
        f"- Near duplicates: articles whose word {options.get('shingle_words')}-shingles have an"
        f" estimated Jaccard similarity of {options.get('near_duplicate')} or more (MinHash) are"
        f" kept in one split; {len(report.near_duplicates)} such pairs were found"
        f" ({within} within a split, {report.near_duplicates_across_splits} across splits)."
        " Rewritten copies below the threshold can still be in two splits.",
        f"- Stories across splits: {report.stories_across_splits}.",
        f"- Split seed {options.get('seed')}; the split ratios"
        f" {'/'.join(str(v) for v in options.get('split', {}).values())} are followed as far"
        " as whole groups allow.",
    ]
    if report.unaligned_spans is not None:
        total = sum(report.unaligned_spans.values())
        lines.append(
            f"- spaCy: {total} span{'s' if total != 1 else ''} could not be aligned to tokens"
            f" (alignment mode `{options.get('alignment_mode')}`) and are left out of the"
            " DocBins ("
            + ", ".join(f"{s} {n}" for s, n in report.unaligned_spans.items())
            + "); the Parquet and JSONL files keep them."
        )
    never = [
        field
        for field in report.splits[SPLITS[0]]["fields"]
        if not any(any(report.splits[s]["fields"][field]["values"].values()) for s in SPLITS)
    ]
    if never:
        lines.append(f"- Fields no label in the dataset fills: {', '.join(never)}.")
    lines += [f"- {w[:1].upper()}{w[1:]}." if not w.endswith(".") else f"- {w}"
              for w in report.warnings]  # fmt: skip
    return lines


def _license(facts: CardFacts) -> list[str]:
    settings = facts.settings
    lines = ["", "## License", ""]
    if settings.license:
        lines.append(f"`{settings.license}`.")
    else:
        lines.append(
            "No license was set for this dataset (the front matter says `other`). The project's"
            " lead sets one with `annotator dataset settings PROJECT --license cc-by-4.0`"
            " (any Hugging Face license id) and builds again."
        )
    lines += ["", "## Citation", ""]
    if settings.citation:
        fence = "`" * max(3, 1 + _longest_run(settings.citation, "`"))
        lines += [fence, settings.citation.strip("\n"), fence]
    else:
        lines.append(
            "No citation was set: `annotator dataset settings PROJECT --citation FILE` takes one"
            " (BibTeX or plain text)."
        )
    return lines


def _longest_run(text: str, char: str) -> int:
    longest = run = 0
    for c in text:
        run = run + 1 if c == char else 0
        longest = max(longest, run)
    return longest
