"""The dataset card (README.md) and its charts: numbers, front matter, rebuilds, settings."""

from __future__ import annotations

import json
import re
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from annotator.core.model import Article
from annotator.dataset import SPLITS, read_manifest
from annotator.quality.agreement import project_agreement
from annotator.store.dataset_settings import dataset_settings
from annotator.store.project import Project
from tests.dataset.newsroom import make_newsroom
from tests.dataset.test_build import files, split_of
from tests.helpers import run


@pytest.fixture
def newsroom_file(project: Project, project_path: Path) -> Path:
    make_newsroom(project, 45)
    project.close()
    return project_path


def front_matter(card: str) -> dict[str, Any]:
    assert card.startswith("---\n")
    end = card.index("\n---\n", 4)
    found = yaml.safe_load(card[4:end])
    assert isinstance(found, dict)
    return found


def section(card: str, title: str) -> str:
    """The text under a heading (any level) up to the next heading of that level or higher."""
    match = re.search(rf"^(#+) {re.escape(title)}\n", card, re.M)
    assert match, title
    level = len(match.group(1))
    rest = card[match.end() :]
    end = re.search(rf"^#{{1,{level}}} ", rest, re.M)
    return rest[: end.start()] if end else rest


def table(text: str) -> list[list[str]]:
    """The rows (header first, without the alignment row) of the first Markdown table."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| "))
    rows = []
    for line in lines[start:]:
        if not line.startswith("| "):
            break
        rows.append(line)
    cells = [[c.strip() for c in re.split(r"(?<!\\)\|", row)[1:-1]] for row in rows]
    return [cells[0], *cells[2:]]


def number(cell: str) -> float | None:
    return None if cell == "–" else float(cell)


def test_the_cards_numbers_are_those_of_the_quality_layer_and_the_report(
    newsroom_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "data"
    run("dataset", "build", newsroom_file, "-o", out, "--fallback", "single")
    card = (out / "README.md").read_text(encoding="utf-8")
    report = json.loads((out / "report.json").read_text())
    included = set(split_of(out))
    with Project.open(newsroom_file, read_only=True) as project:
        expected = project_agreement(project, None, articles=included).to_json()
        total = project.article_count()
        schema = project.schema

    rows = table(section(card, "Per field"))
    assert rows[0] == ["field", "Krippendorff's α", "units", "Fleiss' κ"]
    assert {r[0].strip("`"): (number(r[1]), int(r[2]), number(r[3])) for r in rows[1:]} == {
        name: (v["alpha"], v["n_units"], v["fleiss_kappa"])
        for name, v in expected["fields"].items()
    }
    assert any(number(r[1]) is not None for r in rows[1:])  # the test compares real figures
    spans = table(section(card, "Spans"))
    assert {r[0]: (number(r[1]), number(r[2])) for r in spans[1:]} == {
        kind: (v["exact_f1"], v["overlap_f1"]) for kind, v in expected["spans"].items()
    }
    pairs = table(section(card, "Cohen's κ per pair of annotators"))
    assert pairs[1][0] == "annotator 1 / annotator 2"  # no names unless asked
    fields = [h.strip("`") for h in pairs[0][2:]]
    assert [int(pairs[1][1]), *(number(c) for c in pairs[1][2:])] == [
        expected["pairs"][0]["articles"],
        *(expected["pairs"][0][f"{f}_kappa"] for f in fields),
    ]
    assert "ana" not in card and "ben" not in card

    sizes = table(section(card, "Splits"))
    assert {r[0]: [int(c) for c in r[1:]] for r in sizes[1:]} == {
        s: [report["splits"][s][k] for k in ("articles", "claims", "mentions")] for s in SPLITS
    }
    for field, counts in report["splits"]["train"]["fields"].items():
        rows = table(section(card, f"`{field}`"))
        assert rows[0] == ["value", *SPLITS]
        for row in rows[1:]:
            value = None if row[0] == "(not chosen)" else row[0].strip("`")
            for split, cell in zip(SPLITS, row[1:], strict=True):
                found = report["splits"][split]["fields"][field]
                n = found["not_chosen"] if value is None else found["values"][value]
                assert int(cell.split()[0]) == n
        assert len(rows) == len(counts["values"]) + 2

    status = {r[0]: int(r[1]) for r in table(section(card, "Adjudication status"))[1:]}
    gold = sum(
        json.loads(line)["annotations"][0]["annotator"] == "gold"
        for split in SPLITS
        for line in (out / f"jsonl/{split}.jsonl").read_text(encoding="utf-8").splitlines()
    )
    assert status["gold (adjudicated)"] == gold == report["labels"]["gold"]
    assert status["single annotator (not adjudicated)"] == len(included) - gold
    assert status["project articles left out (not adjudicated or not done)"] == total - len(
        included
    )
    described = section(card, "What was labelled and how")
    for field in schema.fields.values():
        for value in field.values:
            assert f"| `{value.id}` | {value.name} |" in described
    assert "2 annotators" in section(card, "Annotators")
    assert "0.8 or more" in section(card, "Known limits")


def test_the_front_matter_is_a_hugging_face_card_and_datasets_loads_its_configs(
    newsroom_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "data"
    run("dataset", "build", newsroom_file, "-o", out, "--fallback", "single", "--no-charts")
    card = (out / "README.md").read_text(encoding="utf-8")
    data = front_matter(card)
    assert data["license"] == "other"
    assert data["pretty_name"] == f"Claims of {newsroom_file.stem}"
    assert data["size_categories"] == ["n<1K"]
    assert data["task_categories"] == ["token-classification", "text-classification"]
    assert data["configs"] == [
        {
            "config_name": "default",
            "data_files": [{"split": s, "path": f"hf/{s}.parquet"} for s in SPLITS],
        }
    ]
    huggingface_hub = pytest.importorskip("huggingface_hub")
    loaded = huggingface_hub.DatasetCard.load(out / "README.md")
    assert loaded.data.to_dict()["license"] == "other"
    assert "annotator dataset settings PROJECT --license" in section(card, "License")
    assert not (out / "charts").exists() and "charts/" not in card

    datasets = pytest.importorskip("datasets")
    loaded_splits = datasets.load_dataset(str(out))
    splits = split_of(out)
    assert {s: loaded_splits[s].num_rows for s in SPLITS} == {
        s: sum(v == s for v in splits.values()) for s in SPLITS
    }


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_rebuilding_gives_the_same_card_and_charts_byte_for_byte(
    newsroom_file: Path, tmp_path: Path
) -> None:
    """In one process (the charts' fonts are the machine's: see annotator.charts)."""
    run("dataset", "build", newsroom_file, "-o", tmp_path / "a", "--fallback", "single")
    run("dataset", "build", newsroom_file, "-o", tmp_path / "b", "--fallback", "single")
    first, second = files(tmp_path / "a"), files(tmp_path / "b")
    assert first == second
    charts = sorted(p for p in first if p.startswith("charts/"))
    # the newsroom fills only stance and category: no empty chart for the other fields
    assert charts == [
        "charts/agreement.png", "charts/labels-category.png", "charts/labels-stance.png"
    ]  # fmt: skip
    assert "Fields no label in the dataset fills: certainty," in first["README.md"].decode()
    manifest = read_manifest(tmp_path / "a")
    assert set(charts) | {"README.md"} <= set(manifest["files"])
    for chart in charts:
        assert png_size(first[chart])[1] == 420
        assert f"]({chart})" in first["README.md"].decode()


def test_a_fresh_process_draws_the_same_card_and_charts(
    newsroom_file: Path, tmp_path: Path
) -> None:
    """Another process, hash seed and platform plugin state: the same bytes on this machine."""
    run("dataset", "build", newsroom_file, "-o", tmp_path / "a", "--fallback", "single")
    root = Path(__file__).resolve().parents[2]
    subprocess.run(
        [sys.executable, "-m", "annotator.cli", "dataset", "build", str(newsroom_file),
         "-o", str(tmp_path / "b"), "--fallback", "single"],
        check=True, cwd=root, capture_output=True,
        env={"PYTHONHASHSEED": "4242", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    first, second = files(tmp_path / "a"), files(tmp_path / "b")
    assert [name for name in first if first[name] != second.get(name)] == []
    assert "charts/agreement.png" in second


def test_license_citation_and_name_from_the_settings(newsroom_file: Path, tmp_path: Path) -> None:
    citation = tmp_path / "cite.bib"
    citation.write_text("@misc{harbour2026,\n  title = {Harbour claims},\n}\n", encoding="utf-8")
    shown = run("dataset", "settings", newsroom_file).output
    assert "license: (not set" in shown
    run("dataset", "settings", newsroom_file, "--license", "CC-BY-4.0", "--citation", citation,
        "--name", "Harbour claims")  # fmt: skip
    with Project.open(newsroom_file, read_only=True) as project:
        settings = dataset_settings(project)
    assert settings.license == "cc-by-4.0" and settings.pretty_name == "Harbour claims"
    assert settings.citation == "@misc{harbour2026,\n  title = {Harbour claims},\n}"

    out = tmp_path / "data"
    run("dataset", "build", newsroom_file, "-o", out, "--annotator", "ana", "--no-charts",
        "--name-annotators")  # fmt: skip
    card = (out / "README.md").read_text(encoding="utf-8")
    data = front_matter(card)
    assert data["license"] == "cc-by-4.0" and data["pretty_name"] == "Harbour claims"
    assert card.count("# Harbour claims\n") == 1
    assert "```\n@misc{harbour2026,\n  title = {Harbour claims},\n}\n```" in card
    assert "ana / ben" in card and "ana, ben" in section(card, "Annotators")
    status = {r[0]: int(r[1]) for r in table(section(card, "Adjudication status"))[1:]}
    assert status["labels of ana (not adjudicated)"] == len(split_of(out))

    # a new license, built again with --force: the card is replaced
    run("dataset", "settings", newsroom_file, "--license", "mit")
    run("dataset", "build", newsroom_file, "-o", out, "--annotator", "ana", "--force")
    assert front_matter((out / "README.md").read_text(encoding="utf-8"))["license"] == "mit"
    assert (out / "charts/agreement.png").is_file()
    run("dataset", "build", newsroom_file, "-o", out, "--annotator", "ana", "--force", "--no-card")
    assert not (out / "README.md").exists() and not (out / "charts").exists()


def test_a_bad_license_is_refused_with_a_message(newsroom_file: Path) -> None:
    result = run("dataset", "settings", newsroom_file, "--license", "my own licence", ok=False)
    assert result.exit_code != 0
    assert "is not a license id" in result.output
    assert "Traceback" not in result.output


def test_the_languages_are_those_the_included_articles_state(
    project: Project, project_path: Path, tmp_path: Path
) -> None:
    texts = {"de1": ("de", "Die Regierung sagte, die Brücke werde im Mai eröffnet."),
             "de2": ("de", "Der Rat erklärte, die Gebühren würden nicht steigen."),
             "en1": ("en", "The council said the fees would not rise this year."),
             "fr1": ("fr", "Le maire a dit que le pont ouvrirait en mai.")}  # fmt: skip
    project.add_articles(
        [Article(id=i, text=t, title=i, language=lang) for i, (lang, t) in texts.items()]
    )
    for article_id in ("de1", "de2", "en1"):  # fr1 is not done: left out
        project.add_claim(article_id, "ana", 0, 10)
        project.set_status(article_id, "ana", "done")
    project.close()
    out = tmp_path / "data"
    run("dataset", "build", project_path, "-o", out, "--annotator", "ana", "--no-charts",
        "--split", "34/33/33")  # fmt: skip
    data = front_matter((out / "README.md").read_text(encoding="utf-8"))
    assert data["language"] == ["de", "en"]
