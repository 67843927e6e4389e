"""New project, import with progress, and export with filters, from the app."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from annotator.store.project import Project
from annotator.ui.window.app import Controller
from annotator.ui.window.dialogs import ExportDialog, NewProjectDialog
from annotator.ui.window.importing import import_with_progress
from annotator.ui.window.main_window import MainWindow
from annotator.ui.window.prefs import set_annotator_name
from tests.ui.modal import when_modal


def close_message(dialog: QWidget) -> None:
    assert isinstance(dialog, QMessageBox)
    dialog.accept()


def test_new_project_with_first_articles(qtbot, tmp_path: Path, sample_jsonl: Path) -> None:  # type: ignore[no-untyped-def]
    set_annotator_name("ana")
    controller = Controller()
    target = tmp_path / "fresh"  # the .claims suffix is added

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, NewProjectDialog)
        dialog.project.edit.setText(str(target))
        dialog.articles.edit.setText(str(sample_jsonl))
        when_modal(close_message)  # the import summary that follows
        dialog.accept()

    answered = when_modal(fill)
    controller.new_project()
    assert answered == ["New project"]
    window = controller.window
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert window.project.path == tmp_path / "fresh.claims"
    assert window.articles.rowCount() == 8
    assert window.workspace.article_id == "harbour-01"


def test_import_failure_is_reported_and_changes_nothing(
    qtbot, project: Project, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "fine"}\n{"id": "b"}\n', encoding="utf-8")
    messages: list[str] = []

    def read_and_close(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        messages.append(dialog.text())
        dialog.accept()

    when_modal(read_and_close)
    assert not import_with_progress(project, [bad], None)
    assert messages == [
        f'{bad}, line 2: missing "text" (every article needs a non-empty text)\n\n'
        "Nothing from that file was imported."
    ]
    assert project.article_count() == 0


def test_export_dialog_writes_the_filtered_file(
    qtbot, project: Project, sample_jsonl: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    import_with_answers = when_modal(close_message)
    assert import_with_progress(project, [sample_jsonl], None)
    assert import_with_answers == ["Import finished"]
    window = MainWindow(project, "ana")
    qtbot.addWidget(window)
    target = tmp_path / "river.jsonl"

    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportDialog)
        dialog.target.edit.setText(str(target))
        dialog.story.setCurrentIndex(dialog.story.findData("river-treaty"))
        dialog.status.setCurrentIndex(dialog.status.findData("done"))
        dialog.accept()

    when_modal(choose)
    window.commands.export()
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["river-01"]
    assert [e["annotator"] for e in lines[0]["annotations"]] == ["ana"]
    assert window.statusBar().currentMessage() == f"Exported 1 article to {target}"


def test_export_dialog_gold(qtbot, project: Project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from annotator.core.model import GOLD, Article

    project.add_articles([Article(id="a1", text="Velgrad said so."), Article(id="a2", text="No.")])
    project.add_claim("a1", GOLD, 0, 7)
    project.set_status("a1", GOLD, "done")
    project.add_claim("a2", "ana", 0, 2)
    window = MainWindow(project, "lead")
    qtbot.addWidget(window)
    target = tmp_path / "gold.jsonl"

    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportDialog)
        dialog.target.edit.setText(str(target))
        dialog.gold.setChecked(True)
        assert not dialog.annotator.isEnabled() and dialog.single.isEnabled()
        dialog.single.setChecked(True)
        dialog.accept()

    when_modal(choose)
    window.commands.export()
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [(line["id"], [e["annotator"] for e in line["annotations"]]) for line in lines] == [
        ("a1", [GOLD]),
        ("a2", ["ana"]),
    ]


def test_export_dialog_lists_every_format_and_follows_its_extension(
    qtbot, project: Project
) -> None:  # type: ignore[no-untyped-def]
    from annotator.io.formats import EXPORTERS

    dialog = ExportDialog(project, "ana")
    qtbot.addWidget(dialog)
    names = [dialog.format.itemData(i) for i in range(dialog.format.count())]
    assert names == list(EXPORTERS)
    dialog.target.edit.setText("/data/out.jsonl")
    dialog.format.setCurrentIndex(names.index("jsonl"))
    assert dialog.target.edit.text() == "/data/out.jsonl"


def test_import_dialog_with_a_format_and_a_label_map(
    qtbot, project: Project, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from annotator.ui.window.dialogs import ImportDialog

    source = tmp_path / "doccano.jsonl"
    line = {"id": 7, "text": "Velgrad said no.", "label": [[0, 7, "GPE"], [8, 16, "ARG"]]}
    source.write_text(json.dumps(line) + "\n", encoding="utf-8")
    mapping = tmp_path / "map.toml"
    mapping.write_text('[labels]\nGPE = "mention"\nARG = "claim"\n', encoding="utf-8")
    window = MainWindow(project, "lead")
    qtbot.addWidget(window)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportDialog)
        dialog.source.edit.setText(str(source))
        dialog.format.setCurrentIndex(dialog.format.findData("doccano"))
        dialog.label_map.edit.setText(str(mapping))
        dialog.annotator.setText("cy")
        when_modal(close_message)  # the summary that follows
        dialog.accept()

    when_modal(fill)
    window.commands.import_articles()
    labels = project.labels("7", "cy")
    assert [(m.start, m.end) for m in labels.mentions] == [(0, 7)]
    assert [(c.start, c.end) for c in labels.claims] == [(8, 16)]
    assert window.articles.rowCount() == 1


def test_a_large_import_from_the_app_is_read_in_a_second_process(
    qtbot, project: Project, tmp_path: Path, monkeypatch, caplog
) -> None:  # type: ignore[no-untyped-def]
    """The app's import takes a large file's second process (spawned beside Qt's threads)."""
    from annotator.io import parallel

    source = tmp_path / "many.jsonl"
    lines = [
        json.dumps({"id": f"a{n}", "text": f"Velgrad said the quay stays shut ({n})."})
        for n in range(2000)
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", source.stat().st_size)
    monkeypatch.setattr(parallel, "usable_cores", lambda: 2)
    caplog.set_level("INFO", logger="annotator.io.parallel")
    summaries: list[str] = []

    def read_and_close(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        summaries.append(dialog.text())
        dialog.accept()

    when_modal(read_and_close)
    assert import_with_progress(project, [source], None)

    assert summaries and summaries[0].startswith("Imported 2000 new articles")
    assert f"reading {source} in a second process" in caplog.text
    assert project.article_count() == 2000
