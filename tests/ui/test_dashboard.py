"""The team dashboard reads progress, label counts and agreement from the project."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCharts import QChartView
from PySide6.QtWidgets import QLabel, QTableWidget

from annotator.io.importer import import_files
from annotator.store.project import Project
from annotator.ui.lead.dashboard import Dashboard
from annotator.ui.window.main_window import MainWindow


def cells(widget: QTableWidget) -> list[list[str]]:
    return [
        [widget.item(r, c).text() for c in range(widget.columnCount())]
        for r in range(widget.rowCount())
    ]


def test_progress_labels_and_agreement(qtbot, project: Project, sample_jsonl: Path) -> None:  # type: ignore[no-untyped-def]
    import_files(project, [sample_jsonl])
    dashboard = Dashboard(project)
    qtbot.addWidget(dashboard)
    assert dashboard.progress_rows() == [
        ["ana", 8, 3, 2, 0, 14, 19],
        ["ben", 8, 0, 1, 0, 4, 5],
    ]
    progress = dashboard.tabs.widget(0)
    assert cells(progress.findChild(QTableWidget))[0] == ["ana", "8", "3", "2", "0", "14", "19"]
    assert progress.findChild(QChartView) is not None
    view = dashboard.distribution_chart("stance")  # kept: the chart lives in its view
    chart = view.chart()
    (series,) = chart.series()
    ana = next(s for s in series.barSets() if s.label() == "ana")
    counts = project.value_counts("stance")["ana"]
    assert [ana.at(i) for i in range(ana.count())] == [
        counts.get("support", 0), counts.get("oppose", 0), counts.get("neutral", 0),
        counts.get(None, 0),
    ]  # fmt: skip
    agreement = dashboard.tabs.widget(2)
    texts = [label.text() for label in agreement.findChildren(QLabel)]
    assert "1 article labelled by two or more annotators." in texts
    pairs = [
        t
        for t in agreement.findChildren(QTableWidget)
        if t.accessibleName() == "Agreement between pairs"
    ]
    assert cells(pairs[0])[0][0] == "ana / ben"
    (matrix,) = [
        t for t in agreement.findChildren(QTableWidget) if t.accessibleName() == "Agreement matrix"
    ]
    f1 = cells(pairs[0])[0][1]
    assert cells(matrix) == [["ana", "1.0", f1], ["ben", f1, "1.0"]]


def test_dashboard_from_the_window_and_with_one_annotator(
    qtbot, project: Project, sample_jsonl: Path
) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(project, "ana")
    qtbot.addWidget(window)
    window.show_dashboard()
    dashboard = window.dashboard
    texts = [label.text() for label in dashboard.tabs.widget(0).findChildren(QLabel)]
    assert texts == ["Nobody has labelled anything yet."]
    agreement = [label.text() for label in dashboard.tabs.widget(2).findChildren(QLabel)]
    assert len(agreement) == 1 and agreement[0].startswith("No agreement yet:")
    dashboard.close()


def test_numbers_and_missing_numbers_line_up_on_the_right(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from annotator.ui.lead.dashboard import table

    widget = table(["field", "α", "κ"], [["stance", 0.71, None], [None, 0.5, 3]], "agreement")
    qtbot.addWidget(widget)
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    aligned = [
        [bool(widget.item(r, c).textAlignment() & Qt.AlignmentFlag.AlignRight) for c in range(3)]
        for r in range(2)
    ]
    assert aligned == [[False, True, True], [False, True, True]]
    assert widget.item(0, 2).text() == "–" and widget.item(0, 2).textAlignment() == right
