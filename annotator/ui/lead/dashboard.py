"""The team dashboard: progress per annotator, label distributions, agreement.

A window a lead keeps beside the workspace. Every figure is read from the
project when the window opens or Refresh (F5) is pressed; nothing here writes.
"""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.model import GOLD
from annotator.core.text import display_title
from annotator.store.project import Project
from annotator.ui import plain
from annotator.ui.i18n import plural
from annotator.ui.screen import fit_to_screen

PROGRESS_COLUMNS = (
    QT_TRANSLATE_NOOP("Dashboard", "Annotator"),
    QT_TRANSLATE_NOOP("Dashboard", "Assigned"),
    QT_TRANSLATE_NOOP("Dashboard", "Done"),
    QT_TRANSLATE_NOOP("Dashboard", "In progress"),
    QT_TRANSLATE_NOOP("Dashboard", "Skipped"),
    QT_TRANSLATE_NOOP("Dashboard", "Claims"),
    QT_TRANSLATE_NOOP("Dashboard", "Mentions"),
)
"""Column titles of the progress table (in English; the dashboard translates them)."""
# Okabe-Ito green and vermillion, and a grey: each at least 3:1 on the white chart (WCAG 1.4.11).
STATUS_COLORS = {"done": "#009E73", "in_progress": "#D55E00", "todo": "#8C8C8C"}
COUNTED = ("stance", "category", "certainty", "checkworthy", "attribution_type", "source_kind")


def table(headers: list[str], rows: list[list[object]], name: str) -> QTableWidget:
    """A read-only table of numbers and names."""
    widget = QTableWidget(len(rows), len(headers))
    widget.setHorizontalHeaderLabels(headers)
    widget.verticalHeader().hide()
    widget.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    widget.setAccessibleName(name)
    widget.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("–" if value is None else str(value))
            if isinstance(value, (int, float)) or (value is None and c > 0):  # a number or none
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            widget.setItem(r, c, item)
    header = widget.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # names; numbers stay close
    return widget


def chart_view(chart: QChart, name: str) -> QChartView:
    """A chart drawn smoothly, with its legend below."""
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(220)
    view.setAccessibleName(name)
    return view


class Dashboard(QWidget):
    """Progress, labels and agreement of a project's annotators."""

    open_article = Signal(str)  # an article the lead wants to look at

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.project = project
        title = self.tr("Team dashboard — {project}")
        self.setWindowTitle(title.format(project=plain.window_title(project.path.name)))
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh)
        self.resize(fit_to_screen(self, 900, 640))
        self.refresh()

    def refresh(self) -> None:
        """Read every figure again."""
        current = self.tabs.currentIndex()
        self.tabs.clear()
        self.tabs.addTab(self._progress_tab(), self.tr("&Progress"))
        self.tabs.addTab(self._labels_tab(), self.tr("&Labels"))
        self.tabs.addTab(self._agreement_tab(), self.tr("&Agreement"))
        self.tabs.addTab(self._disagreement_tab(), self.tr("&Disagreements"))
        self.tabs.setCurrentIndex(max(0, current))

    # -- progress ---------------------------------------------------------------------------

    def progress_rows(self) -> list[list[object]]:
        """One row per annotator (gold last): assigned, done, in progress, skipped, labels."""
        stats = self.project.stats()
        assigned = self.project.assignment_counts()
        names = sorted(set(stats["annotators"]) | set(assigned), key=lambda n: (n == GOLD, n))
        total = stats["articles"]
        rows: list[list[object]] = []
        for name in names:
            numbers = stats["annotators"].get(name, {})
            rows.append(
                [
                    name,
                    assigned[name][0] if name in assigned else total,
                    numbers.get("done", 0),
                    numbers.get("in_progress", 0),
                    numbers.get("skipped", 0),
                    numbers.get("claims", 0),
                    numbers.get("mentions", 0),
                ]
            )
        return rows

    def _progress_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        rows = self.progress_rows()
        if not rows:
            layout.addWidget(plain.label(self.tr("Nobody has labelled anything yet."), page))
            return page
        headers = [self.tr(title) for title in PROGRESS_COLUMNS]
        layout.addWidget(table(headers, rows, self.tr("Progress per annotator")))
        series = QHorizontalStackedBarSeries()
        for status, title, values in (
            ("done", self.tr("Done"), [r[2] for r in rows]),
            ("in_progress", self.tr("In progress"), [r[3] for r in rows]),
            (
                "todo",
                self.tr("To do"),
                [max(0, int(r[1]) - int(r[2]) - int(r[3]) - int(r[4])) for r in rows],
            ),  # type: ignore[call-overload]
        ):
            bars = QBarSet(title)
            bars.setColor(QColor(STATUS_COLORS[status]))
            bars.append([float(v) for v in values])  # type: ignore[arg-type]
            series.append(bars)
        chart = QChart()
        chart.setTitle(self.tr("Articles per annotator"))
        chart.addSeries(series)
        axis = QBarCategoryAxis()
        axis.append([plain.escaped(str(r[0])) for r in rows])  # Qt Charts reads HTML
        chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis)
        values = QValueAxis()
        values.setLabelFormat("%d")
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(values)
        layout.addWidget(chart_view(chart, self.tr("Progress chart")), 1)
        return page

    # -- labels -----------------------------------------------------------------------------

    def _labels_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.field = QComboBox(page)
        self.field.setAccessibleName(self.tr("Field to count"))
        for name in COUNTED:
            self.field.addItem(self.project.schema.field(name).label, name)
        layout.addWidget(self.field)
        holder = QVBoxLayout()
        layout.addLayout(holder, 1)

        def show() -> None:
            while holder.count():
                old = holder.takeAt(0).widget()
                if old is not None:
                    old.deleteLater()
            holder.addWidget(self.distribution_chart(self.field.currentData()))

        self.field.currentIndexChanged.connect(lambda _: show())
        show()
        return page

    def distribution_chart(self, field: str) -> QChartView:
        """Grouped bars: how often each annotator chose each value of ``field``."""
        counts = self.project.value_counts(field)
        schema_field = self.project.schema.field(field)
        categories = [v.name for v in schema_field.values] + [self.tr("not set")]
        categories = [plain.escaped(name) for name in categories]  # Qt Charts reads HTML
        series = QBarSeries()
        for name in sorted(counts, key=lambda n: (n == GOLD, n)):
            bars = QBarSet(plain.escaped(name))
            by_value = counts[name]
            bars.append(
                [float(by_value.get(v.id, 0)) for v in schema_field.values]
                + [float(by_value.get(None, 0))]
            )
            series.append(bars)
        chart = QChart()
        title = self.tr("{field} of claims, per annotator")
        chart.setTitle(title.format(field=plain.escaped(schema_field.label)))
        chart.addSeries(series)
        axis = QBarCategoryAxis()
        axis.append(categories)
        chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis)
        values = QValueAxis()
        values.setLabelFormat("%d")
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(values)
        return chart_view(chart, self.tr("Label distribution chart"))

    # -- disagreements -----------------------------------------------------------------------

    def _disagreement_tab(self) -> QWidget:
        from annotator.quality.adjudicate import disagreement_ranking

        page = QWidget()
        layout = QVBoxLayout(page)
        ranking = disagreement_ranking(self.project)
        layout.addWidget(
            plain.label(
                self.tr(
                    "Most disagreement first; Enter or double click opens it for adjudication."
                ),
                page,
            )
        )
        self.disagreements = QListWidget(page)
        self.disagreements.setAccessibleName(self.tr("Articles by disagreement"))
        for article_id, score in ranking:
            article = self.project.article(article_id)
            title = display_title(article.title, article.text) if article else article_id
            item = QListWidgetItem(
                self.tr("{share} differ — {title}").format(share=f"{score:.0%}", title=title)
            )
            item.setData(Qt.ItemDataRole.UserRole, article_id)
            self.disagreements.addItem(item)
        self.disagreements.itemActivated.connect(
            lambda item: self.open_article.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        layout.addWidget(self.disagreements, 1)
        return page

    # -- agreement --------------------------------------------------------------------------

    def _agreement_tab(self) -> QWidget:
        from annotator.quality.agreement import project_agreement

        page = QWidget()
        layout = QVBoxLayout(page)
        try:
            report = project_agreement(self.project, None).to_json()
        except AnnotatorError as exc:
            reason = self.tr("No agreement yet: {reason}").format(reason=exc)
            layout.addWidget(plain.label(reason, page))
            return page
        if report["articles"] == 0:
            layout.addWidget(
                plain.label(self.tr("No agreement yet: no article has two annotators."), page)
            )
            return page
        n = report["articles"]
        text = self.tr("%n article(s) labelled by two or more annotators.", "", n)
        layout.addWidget(plain.label(plural(text, n), page))
        spans = [[k, v["exact_f1"], v["overlap_f1"]] for k, v in report["spans"].items()]
        layout.addWidget(
            table(
                [self.tr("Spans"), self.tr("Exact F1"), self.tr("Overlap F1")],
                spans,
                self.tr("Span agreement"),
            )
        )
        fields = [
            [k, v["alpha"], v["n_units"], v["fleiss_kappa"]] for k, v in report["fields"].items()
        ]
        layout.addWidget(
            table(
                [
                    self.tr("Field"),
                    self.tr("Krippendorff's α"),
                    self.tr("Units"),
                    self.tr("Fleiss' κ"),
                ],
                fields,
                self.tr("Field agreement"),
            )
        )
        pairs = [
            [f"{p['a']} / {p['b']}", p["claims_exact_f1"], p["stance_kappa"]]
            for p in report["pairs"]
        ]
        layout.addWidget(
            table(
                [self.tr("Pair"), self.tr("Claims exact F1"), self.tr("Stance κ")],
                pairs,
                self.tr("Agreement between pairs"),
            )
        )
        matrix_title = self.tr("Claims exact F1 between each two annotators:")
        layout.addWidget(plain.label(matrix_title, page))
        layout.addWidget(agreement_matrix(report["annotators"], report["pairs"]))
        return page


def agreement_matrix(names: list[str], pairs: list[dict[str, object]]) -> QTableWidget:
    """Annotators × annotators, each cell the pair's claims exact F1 (1 on the diagonal)."""
    score = {(p["a"], p["b"]): p["claims_exact_f1"] for p in pairs}
    rows: list[list[object]] = []
    for a in names:
        row: list[object] = [a]
        for b in names:
            row.append(1.0 if a == b else score.get((a, b), score.get((b, a))))
        rows.append(row)
    return table(["", *names], rows, QCoreApplication.translate("dashboard", "Agreement matrix"))
