"""``annotator import --title``: how the first line of plain-text files is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.store.project import Project
from tests.helpers import run

PARAGRAPHS = (
    "The Brenmoor council voted on Wednesday to close the old tram depot by the end of June.\n"
    "Councillors said the site would become housing; residents asked for a park instead.\n"
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "depot.txt").write_bytes(PARAGRAPHS.replace("\n", "\r\n").encode())
    (folder / "tram.txt").write_text("Tram depot to close\n\n" + PARAGRAPHS, encoding="utf-8")
    return folder


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    path = tmp_path / "p.claims"
    run("init", path)
    return path


def titles(path: Path) -> dict[str, tuple[str, str]]:
    with Project.open(path) as project:
        return {a.id: (a.title, a.text) for batch in project.iter_articles() for a in batch}


def test_default_auto_keeps_a_paragraph_and_takes_a_title(project_file: Path, corpus: Path) -> None:
    result = run("import", project_file, corpus)

    assert titles(project_file) == {
        "depot": ("", PARAGRAPHS),
        "tram": ("Tram depot to close", PARAGRAPHS),
    }
    assert result.stdout.strip() == (
        "imported 2 new articles; 1 text file with a title line; 1 without one (whole text kept)"
    )


def test_title_first_line(project_file: Path, corpus: Path) -> None:
    run("import", project_file, corpus, "--title", "first-line")

    first, rest = PARAGRAPHS.split("\n", 1)
    assert titles(project_file)["depot"] == (first, rest)


def test_title_none(project_file: Path, corpus: Path) -> None:
    result = run("import", project_file, corpus / "tram.txt", "--title", "none")

    assert titles(project_file) == {"tram": ("", "Tram depot to close\n\n" + PARAGRAPHS)}
    assert "1 text file without a title line (whole text kept)" in result.stdout


def test_title_with_another_format_is_refused(project_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("id,text\na,Trams stop.\n", encoding="utf-8")

    result = run("import", project_file, path, "--format", "csv", "--title", "none", ok=False)

    assert result.exit_code == 1
    assert "--title goes with .txt files" in result.stderr
    assert titles(project_file) == {}


def test_unknown_title_rule_is_a_usage_error(project_file: Path, corpus: Path) -> None:
    result = run("import", project_file, corpus, "--title", "headline", ok=False)

    assert result.exit_code == 2
    assert "'headline' is not one of 'auto', 'first-line', 'none'" in result.stderr
