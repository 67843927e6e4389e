"""Team work in the app: my articles, assigning work, merging annotators' files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from annotator.io.importer import import_files
from annotator.quality.assign import assign_articles
from annotator.quality.package import write_package
from annotator.store.project import Project
from annotator.ui.window.dialogs import AssignDialog
from annotator.ui.window.main_window import MainWindow
from tests.ui.modal import when_modal


def rows(window: MainWindow) -> list[str]:
    model = window.articles
    return [model.article_id(r) for r in range(model.rowCount())]


def test_annotators_see_their_articles_by_default(
    qtbot, project: Project, sample_jsonl: Path
) -> None:  # type: ignore[no-untyped-def]
    import_files(project, [sample_jsonl])
    assign_articles(project, ["ana", "ben"])  # round robin, no overlap
    mine = project.assigned_articles("ben")
    window = MainWindow(project, "ben")
    qtbot.addWidget(window)
    assert window.list_panel.mine.isChecked()
    assert sorted(rows(window)) == sorted(mine) and len(mine) == 4
    window.list_panel.mine.setChecked(False)
    assert len(rows(window)) == 8


def test_no_assignments_no_my_articles_filter(qtbot, project: Project, sample_jsonl: Path) -> None:  # type: ignore[no-untyped-def]
    import_files(project, [sample_jsonl])
    window = MainWindow(project, "ana")
    qtbot.addWidget(window)
    assert not window.list_panel.mine.isChecked()
    assert len(rows(window)) == 8


def test_assign_work_from_the_app(qtbot, project: Project, sample_jsonl: Path) -> None:  # type: ignore[no-untyped-def]
    import_files(project, [sample_jsonl])
    window = MainWindow(project, "ana")
    qtbot.addWidget(window)
    summaries: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, AssignDialog)
        dialog.annotators.setText("ana, ben")
        dialog.overlap.setValue(100)
        when_modal(lambda box: (summaries.append(box.text()), box.accept()))  # type: ignore[attr-defined, func-returns-value]
        dialog.accept()

    when_modal(fill)
    window.commands.assign_work()
    assert summaries == ["ana: 8 articles (8 shared)\nben: 8 articles (8 shared)"]
    assert len(project.assigned_articles("ana")) == 8
    assert not window.list_panel.mine.isHidden() and window.list_panel.mine.isChecked()


def test_merge_annotators_files_from_the_app(
    qtbot, project: Project, sample_jsonl: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    import_files(project, [sample_jsonl])
    assign_articles(project, ["cy"])
    package = tmp_path / "cy.claims"
    write_package(project, "cy", package)
    with Project.open(package) as laptop:
        laptop.add_claim("nurses-01", "cy", 0, 6, stance="neutral")
        laptop.set_status("nurses-01", "cy", "done")
    window = MainWindow(project, "lead")
    qtbot.addWidget(window)
    texts: list[str] = []

    def read(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        texts.append(box.text())
        box.accept()

    when_modal(read)
    window.commands.merge_files([str(package)])
    assert texts and texts[0].splitlines()[0].startswith("Merged")
    (claim,) = project.labels("nurses-01", "cy").claims
    assert claim.stance == "neutral"
    assert project.status("nurses-01", "cy").status == "done"


def test_a_package_with_another_annotators_labels_is_refused_in_a_message_box(
    qtbot, project: Project, sample_jsonl: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    import_files(project, [sample_jsonl])
    assign_articles(project, ["cy"])
    package = tmp_path / "cy.claims"
    write_package(project, "cy", package)
    with Project.open(package) as laptop:
        mine = laptop.add_claim("nurses-01", "cy", 0, 6, stance="neutral")
        gold = laptop.add_claim("nurses-01", "gold", 0, 6, stance="oppose")
    window = MainWindow(project, "lead")
    qtbot.addWidget(window)
    texts: list[str] = []

    def read(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        texts.append(box.text())
        box.accept()

    when_modal(read)
    window.commands.merge_files([str(package)])
    assert texts == [
        f"{package}: holds what a package of 'cy' may not change: claims {gold.id!r}"
        " (annotator 'gold'). A package carries only its annotator's labels and statuses;"
        " nothing was merged\n\nNothing from that file was merged."
    ]
    assert project.claim(mine.id) is None and project.claim(gold.id) is None
