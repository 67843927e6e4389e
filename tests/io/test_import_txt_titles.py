"""Importing plain-text files under each title rule: no character of an article is dropped."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from annotator.core.errors import AnnotatorError
from annotator.core.model import Article
from annotator.io.export import export_jsonl
from annotator.io.importer import import_files
from annotator.io.readers import txt_record
from annotator.store.project import Project

PARAGRAPHS = (
    "Ferry crews on the Tarsk line stopped work at dawn on Friday, leaving about 400"
    " passengers waiting on the quay, the operator Nordvik Lines said.\n"
    "A union spokesperson said the crews would sail again once the new rota was withdrawn.\n"
    "Nordvik Lines called the stoppage unlawful and said it would seek damages.\n"
)
"""A news article as it often comes: no title, paragraphs separated by one newline."""


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def test_paragraph_file_keeps_its_first_paragraph_under_auto(
    project: Project, tmp_path: Path
) -> None:
    path = write(tmp_path, "tarsk-ferry.txt", PARAGRAPHS)

    report = import_files(project, [path])

    assert (report.added, report.titled, report.untitled) == (1, 0, 1)
    assert project.article("tarsk-ferry") == Article(id="tarsk-ferry", text=PARAGRAPHS)


def test_paragraphs_with_crlf_and_a_bom_are_the_whole_text(
    project: Project, tmp_path: Path
) -> None:
    content = PARAGRAPHS.replace("\n", "\r\n")
    path = write(tmp_path, "win.txt", codecs.BOM_UTF8 + content.encode("utf-8"))

    import_files(project, [path])

    article = project.article("win")
    assert article is not None
    assert (article.title, article.text) == ("", PARAGRAPHS)  # newlines normalised, BOM gone


@pytest.mark.parametrize(
    ("content", "title", "text"),
    [
        ("Ferry crews walk out\n\n" + PARAGRAPHS, "Ferry crews walk out", PARAGRAPHS),
        ("Ferry crews walk out\n" + PARAGRAPHS, "Ferry crews walk out", PARAGRAPHS),
        ("Ferry crews walk out\r\n" + PARAGRAPHS.replace("\n", "\r\n"), "Ferry crews walk out",
         PARAGRAPHS),
        (PARAGRAPHS, "", PARAGRAPHS),
        ("Ferry crews walk out.\n\n" + PARAGRAPHS, "", "Ferry crews walk out.\n\n" + PARAGRAPHS),
        ("Only one line, ending like a sentence.", "", "Only one line, ending like a sentence."),
        ("\n\n" + PARAGRAPHS, "", PARAGRAPHS),  # blank lines before the text go
    ],
)  # fmt: skip
def test_auto_rule_on_files_of_each_shape(
    project: Project, tmp_path: Path, content: str, title: str, text: str
) -> None:
    import_files(project, [write(tmp_path, "a.txt", content)], title="auto")

    assert project.article("a") == Article(id="a", text=text, title=title)


def test_first_line_rule_takes_the_first_line_even_of_a_paragraph(
    project: Project, tmp_path: Path
) -> None:
    first, rest = PARAGRAPHS.split("\n", 1)
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "a.txt", PARAGRAPHS)
    write(folder, "b.txt", "Crews walk out\r\n\r\nThe ferry stayed in port.\r\n")
    write(folder, "c.txt", "Crews walk out")

    report = import_files(project, [folder], title="first-line")

    assert (report.titled, report.untitled) == (3, 0)
    assert project.article("a") == Article(id="a", text=rest, title=first)
    assert project.article("b") == Article(
        id="b", text="The ferry stayed in port.\n", title="Crews walk out"
    )
    assert project.article("c") == Article(id="c", text="Crews walk out", title="Crews walk out")


def test_none_rule_keeps_a_title_line_in_the_text(project: Project, tmp_path: Path) -> None:
    content = "Crews walk out\n\nThe ferry stayed in port.\n"
    path = write(tmp_path, "b.txt", codecs.BOM_UTF8 + content.replace("\n", "\r\n").encode())

    report = import_files(project, [path], title="none")

    assert (report.titled, report.untitled) == (0, 1)
    assert project.article("b") == Article(id="b", text=content)


def test_an_article_without_title_is_exported_without_one(project: Project, tmp_path: Path) -> None:
    import_files(project, [write(tmp_path, "a.txt", PARAGRAPHS)])
    out = tmp_path / "out.jsonl"

    with open(out, "wb") as handle:
        export_jsonl(project, handle)

    line = json.loads(out.read_text(encoding="utf-8"))
    assert (line["title"], line["text"]) == ("", PARAGRAPHS)  # no made-up title goes out


def test_report_says_how_each_file_was_read(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "a.txt", "Crews walk out\n\nThe ferry stayed in port.\n")
    write(folder, "b.txt", PARAGRAPHS)
    write(folder, "c.txt", PARAGRAPHS.replace("Tarsk", "Orsk"))

    report = import_files(project, [folder])

    assert (report.titled, report.untitled) == (1, 2)
    assert report.summary() == (
        "imported 3 new articles; 1 text file with a title line; 2 without one (whole text kept)"
    )


def test_report_of_files_without_title_lines_only(project: Project, tmp_path: Path) -> None:
    report = import_files(project, [write(tmp_path, "b.txt", PARAGRAPHS)])

    assert report.summary() == (
        "imported 1 new article; 1 text file without a title line (whole text kept)"
    )


def test_reports_of_other_formats_say_nothing_about_titles(
    project: Project, sample_jsonl: Path
) -> None:
    report = import_files(project, [sample_jsonl])

    assert (report.titled, report.untitled) == (0, 0)
    assert "title" not in report.summary()


def test_unknown_title_rule_is_refused(project: Project, tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", PARAGRAPHS)

    with pytest.raises(AnnotatorError, match="unknown title rule 'headline'"):
        import_files(project, [path], title="headline")
    assert project.article_count() == 0


def test_txt_record_has_no_title_key_without_a_title(tmp_path: Path) -> None:
    path = write(tmp_path, "b.txt", PARAGRAPHS)

    assert txt_record(path) == {"id": "b", "text": PARAGRAPHS}
    assert txt_record(path, "first-line")["title"] == PARAGRAPHS.split("\n")[0]  # type: ignore[index]
