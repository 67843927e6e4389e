"""The whole lead's workflow, as issue 5 tells it: from a new project to gold JSONL.

Create a project, hand out work to two annotators with full overlap, label in
both packages (through the real window), merge them back, read agreement,
adjudicate in the app, export gold.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from annotator.cli import cli
from annotator.core.model import GOLD
from annotator.core.spans import Span
from annotator.store.project import Project
from annotator.ui.window.main_window import MainWindow
from tests.ui.modal import when_modal

ARTICLE = {
    "id": "h1",
    "title": "Harbour talks",
    "text": "Velgrad said on Friday that Kestria must reopen the harbour, officials added.",
    "story": "harbour",
}


def run(*args: object) -> Result:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


def label_in_package(qtbot, path: Path, annotator: str, stance_key: str) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(Project.open(path), annotator)
    qtbot.addWidget(window)
    window.show()
    view = window.workspace.view
    text = ARTICLE["text"]
    start = text.index("Kestria must")
    view.select_span(Span(start, text.index(", officials")))
    qtbot.keyClick(view, "c")
    qtbot.keyClick(view, stance_key)
    asked = when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())  # type: ignore[attr-defined]
    window.workspace.status_editor.set_status("done")  # the claim has no claimant yet: done anyway
    assert asked == ["Claims are incomplete"]
    window.close()


def test_from_new_project_to_gold(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    lead = tmp_path / "lead.claims"
    source = tmp_path / "articles.jsonl"
    source.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    run("init", lead)
    run("import", lead, source)
    run("assign", lead, "--annotators", "ana,ben", "--overlap", "1")
    for name, key in (("ana", "o"), ("ben", "s")):
        package = tmp_path / f"{name}.claims"
        run("package", lead, "--annotator", name, "-o", package)
        label_in_package(qtbot, package, name, key)
    merged = run("merge", lead, tmp_path / "ana.claims", tmp_path / "ben.claims")
    assert "conflict" not in merged.stdout
    report = json.loads(run("agreement", lead, "--json").stdout)
    assert report["annotators"] == ["ana", "ben"] and report["articles"] == 1
    assert report["spans"]["claims"]["exact_f1"] == 1.0
    assert report["pairs"][0]["stance_kappa"] in (0.0, None)  # they disagree on stance

    window = MainWindow(Project.open(lead), "lead")
    qtbot.addWidget(window)
    window.show()
    window.show_adjudication("h1")
    adjudication = window.adjudication
    assert [d.fields for d in adjudication.differences] == [("stance",)]
    qtbot.keyClick(adjudication.gold.view, "1")  # ana's version
    adjudication.activateWindow()
    qtbot.waitUntil(adjudication.isActiveWindow)
    qtbot.keyClick(adjudication.gold.view, "d", Qt.KeyboardModifier.ControlModifier)
    window.close()

    gold = json.loads(run("export", lead, "--gold").stdout)
    (entry,) = gold["annotations"]
    assert entry["annotator"] == GOLD and entry["status"] == "done"
    (claim,) = entry["claims"]
    assert (claim["text"], claim["stance"]) == ("Kestria must reopen the harbour", "oppose")
