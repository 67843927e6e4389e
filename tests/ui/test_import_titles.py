"""Plain-text titles in the app: the import dialog's title rule, and titles shown for untitled articles."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from annotator.core.text import derive_title
from annotator.io.importer import import_files
from annotator.store.project import Project
from annotator.ui.articles.article_list import ArticleListModel
from annotator.ui.window.dialogs import ImportDialog
from annotator.ui.window.main_window import MainWindow
from tests.ui.modal import when_modal

PARAGRAPHS = (
    "Snow closed the Halden pass for the third day on Sunday, and the road agency said"
    " ploughs could not reach the upper bends before Tuesday.\n"
    "Truck drivers waiting in Orvik said they had been told nothing since Friday.\n"
)
"""An article with no title line: paragraphs separated by one newline."""
SHOWN = "Snow closed the Halden pass for the third day on Sunday, and…"
"""What the app shows for it: its first words, cut at a word boundary."""


def test_derived_title_of_the_sample_text() -> None:
    assert derive_title(PARAGRAPHS) == SHOWN


def test_title_rule_is_offered_for_plain_text_only(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = ImportDialog()
    qtbot.addWidget(dialog)
    (tmp_path / "a.csv").write_text("id,text\n", encoding="utf-8")

    def enabled(fmt: str, source: Path) -> bool:
        dialog.format.setCurrentIndex(dialog.format.findData(fmt))
        dialog.source.edit.setText(str(source))
        return dialog.title_rule.isEnabled()

    assert enabled("auto", tmp_path / "pass.txt")
    assert enabled("auto", tmp_path)  # a folder of .txt files
    assert enabled("txt", tmp_path / "notes")
    assert not enabled("auto", tmp_path / "a.csv")
    assert not enabled("csv", tmp_path / "a.csv")
    assert not enabled("doccano", tmp_path / "d.jsonl")
    assert dialog.options()["title"] == "auto"


def test_dialog_passes_the_chosen_title_rule(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = ImportDialog()
    qtbot.addWidget(dialog)
    dialog.source.edit.setText(str(tmp_path / "pass.txt"))

    assert dialog.options()["title"] == "auto"  # the default
    dialog.title_rule.setFocus()
    qtbot.keyClick(dialog.title_rule, Qt.Key.Key_Down)
    assert dialog.options()["title"] == "first-line"
    qtbot.keyClick(dialog.title_rule, Qt.Key.Key_Down)
    assert dialog.options()["title"] == "none"


def test_import_from_the_app_with_rule_none_keeps_the_title_line_in_the_text(
    qtbot, project: Project, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "pass.txt"
    content = "Halden pass closed\r\n\r\n" + PARAGRAPHS.replace("\n", "\r\n")
    source.write_bytes(b"\xef\xbb\xbf" + content.encode("utf-8"))
    window = MainWindow(project, "lead")
    qtbot.addWidget(window)
    summaries: list[str] = []

    def close_summary(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        summaries.append(dialog.text())
        dialog.accept()

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportDialog)
        dialog.source.edit.setText(str(source))
        dialog.title_rule.setCurrentIndex(dialog.title_rule.findData("none"))
        when_modal(close_summary)
        dialog.accept()

    when_modal(fill)
    window.commands.import_articles()

    article = project.article("pass")
    assert article is not None
    assert (article.title, article.text) == ("", "Halden pass closed\n\n" + PARAGRAPHS)
    assert "1 text file without a title line (whole text kept)" in summaries[0]
    shown = window.articles.data(window.articles.index(0, 0))
    assert shown == "Halden pass closed Snow closed the Halden pass for the third…"


def test_article_list_shows_a_derived_title_for_an_article_without_one(
    qtbot, qtmodeltester, project: Project, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a-pass.txt").write_text(PARAGRAPHS, encoding="utf-8")
    (tmp_path / "b-road.txt").write_text("Road reopens\n\nPloughs got through.\n")
    import_files(project, [tmp_path / "a-pass.txt", tmp_path / "b-road.txt"])
    assert project.article("a-pass").title == ""  # type: ignore[union-attr]

    model = ArticleListModel(project, "ana")
    qtmodeltester.check(model)

    display = Qt.ItemDataRole.DisplayRole
    tooltip = Qt.ItemDataRole.ToolTipRole
    assert [model.data(model.index(row, 0), display) for row in range(2)] == [
        SHOWN,
        "Road reopens",
    ]
    assert model.data(model.index(0, 0), tooltip) == SHOWN


def test_compare_chooser_shows_a_derived_title(qtbot, project: Project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a-pass.txt").write_text(PARAGRAPHS, encoding="utf-8")
    (corpus / "b-road.txt").write_text("Road reopens\n\nPloughs got through.\n")
    import_files(project, [corpus], story="halden")
    window = MainWindow(project, "ana")
    qtbot.addWidget(window)

    window.workspace.compare.offer("b-road")

    assert window.workspace.compare.chooser.itemText(0) == f"{SHOWN} — "


def test_adjudication_list_shows_a_derived_title(qtbot, project: Project) -> None:  # type: ignore[no-untyped-def]
    from annotator.core.model import Article

    project.add_articles([Article(id="p1", text=PARAGRAPHS)])
    project.add_claim("p1", "ana", 0, 20, stance="support")
    project.add_claim("p1", "ben", 0, 20, stance="oppose")
    window = MainWindow(project, "lead")
    qtbot.addWidget(window)

    window.show_adjudication()

    assert window.adjudication.articles.itemText(0) == f"{SHOWN}  (100% differ)"
