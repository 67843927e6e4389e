"""Data is never drawn as HTML: names, titles, texts, notes, paths and errors show as typed.

Qt draws a label's, a message box's or a tooltip's text as HTML when it looks
like HTML (`Qt.mightBeRichText`), and Qt Charts always does. Each test puts
markup into a field and checks what the user reads: for text drawn as HTML,
the plain text of that HTML (an ``<img>`` becomes one object character). The
last tests catch new places: a walk over every window and dialog filled with
such data, and a scan of the UI's source for labels, message boxes and
tooltips made without `annotator.ui.plain`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from PySide6.QtCharts import QBarCategoryAxis, QCategoryAxis, QChartView
from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTabBar,
    QToolTip,
    QWidget,
)

from annotator.core.model import Article
from annotator.store.backup import backup_project
from annotator.store.project import Project
from annotator.ui.text.article_view import ArticleView
from annotator.ui.window.app import Controller, open_project
from annotator.ui.window.crash import crash_dialog
from annotator.ui.window.dialogs import AssignDialog, ExportDialog, ImportDialog, NameDialog
from annotator.ui.window.main_window import MainWindow
from annotator.ui.window.prefs import remember_recent
from annotator.ui.window.restore import RestoreDialog, choose_and_restore, restore_damaged
from annotator.ui.window.welcome import WelcomeScreen
from tests.ui.modal import when_modal

UI = Path(__file__).resolve().parents[2] / "annotator" / "ui"
IMG = '<img src="file:///tmp/red.png">'


def html(word: str) -> str:
    """A field value that Qt would draw bold, with a local image and a link, if read as HTML."""
    return f"<b>{word}</b>{IMG}<a href=x>{word.lower()}"


TITLE, ACTOR, ALIAS, NOTE, COMMENT = (
    html(w) for w in ("TITLE", "ACTOR", "ALIAS", "NOTE", "COMMENT")
)
ANA, BEN, HOLDER, ERROR = (html(w) for w in ("ANA", "BEN", "HOLDER", "ERROR"))
CLAIM = html("CLAIM") + " the port reopens"  # a claim over text that begins with HTML
TEXT = f"{CLAIM}, {ACTOR} said. Kestria disagreed with {ACTOR}."
FILE_NAME = "<u>P<i> %2 [*] & co.claims"  # markup, a %2, Qt's modified mark and a mnemonic
MARKERS = ("<img", "<u>")
"""Raw data in text drawn as HTML: the app's own rich text never holds these tags."""


def rendered(text: str, rich: bool) -> str:
    """What the user reads of ``text``: as typed, or the plain text of it drawn as HTML."""
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def label_is_rich(label: QLabel) -> bool:
    """Whether Qt draws the label's text as HTML (or Markdown)."""
    if label.textFormat() == Qt.TextFormat.AutoText:
        return GuiQt.mightBeRichText(label.text())
    return label.textFormat() != Qt.TextFormat.PlainText


def label_shows(label: QLabel) -> str:
    """What a label shows."""
    return rendered(label.text(), label_is_rich(label))


def tooltip_shows(text: str) -> str:
    """What a tooltip with ``text`` shows (Qt decides with `mightBeRichText`)."""
    return rendered(text, GuiQt.mightBeRichText(text))


def hover(view: ArticleView, position: int) -> str:
    """The tooltip shown when the mouse rests on ``position`` of the text ('' if none)."""
    cursor = view.textCursor()
    cursor.setPosition(position)
    local = view.cursorRect(cursor).center() + QPoint(2, 0)
    QToolTip.hideText()
    event = QHelpEvent(QEvent.Type.ToolTip, local, view.viewport().mapToGlobal(local))
    QApplication.sendEvent(view, event)
    return QToolTip.text() if QToolTip.isVisible() else ""


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    """The project's file name holds markup too (the `project` fixture opens it)."""
    return tmp_path / FILE_NAME


@pytest.fixture
def labelled(project: Project) -> dict[str, str]:
    """Markup in every field: titles, text, actor name and alias, note, comment, annotators."""
    project.add_articles(
        [
            Article(id="a1", text=TEXT, title=TITLE, source=html("SOURCE"), story="s"),
            Article(id="a2", text=TEXT, title=html("OTHER"), story="s"),
        ]
    )
    actor = project.add_actor(ACTOR, ANA, "state", (ALIAS,))
    start = TEXT.index(ACTOR)
    mention = project.add_mention("a1", ANA, start, start + len(ACTOR), actor.id)
    claim = project.add_claim(
        "a1", ANA, 0, len(CLAIM), claimant=actor.id, stance="support", note=NOTE
    )
    project.add_claim("a1", BEN, 0, len(CLAIM), stance="oppose")
    only_ana = TEXT.index("Kestria disagreed")
    project.add_claim("a1", ANA, only_ana, only_ana + len("Kestria disagreed"))
    project.add_claim("a2", ANA, 0, len(CLAIM), stance="neutral")
    project.set_status("a1", ANA, "in_progress", COMMENT)
    return {"actor": actor.id, "mention": mention.id, "claim": claim.id}


@pytest.fixture
def window(qtbot, project: Project, labelled: dict[str, str]) -> MainWindow:  # type: ignore[no-untyped-def]
    """Ana's main window on the first article, her claim chosen."""
    window = MainWindow(project, ANA)
    qtbot.addWidget(window)
    window.show()
    window.workspace.open_article("a1")
    window.workspace.select_claim(labelled["claim"])
    return window


# -- each field ---------------------------------------------------------------------------------


def test_actor_names_in_the_text_tooltip_are_shown_as_typed(
    window: MainWindow, labelled: dict[str, str]
) -> None:
    view = window.workspace.view
    start = TEXT.index(ACTOR)
    shown = tooltip_shows(hover(view, start + len(ACTOR) // 2))
    assert f"Mention of {ACTOR} (State)" in shown
    assert f"Claim by {ACTOR}" in tooltip_shows(hover(view, len(CLAIM) - 3))


def test_a_claim_over_html_looking_text_is_summarised_as_typed(window: MainWindow) -> None:
    summary = window.workspace.panel.form.summary
    assert label_shows(summary) == f"“{CLAIM}”"


def test_titles_names_aliases_and_claim_texts_in_list_tooltips_are_shown_as_typed(
    window: MainWindow,
) -> None:
    tooltip = Qt.ItemDataRole.ToolTipRole
    articles = window.articles
    titles = [articles.data(articles.index(row, 0), tooltip) for row in range(2)]
    assert tooltip_shows(titles[0]) == TITLE
    panel = window.workspace.panel
    panel.tabs.setCurrentWidget(panel.registry)  # the registry is read when its tab shows
    registry = panel.registry.model
    assert tooltip_shows(registry.data(registry.index(0, 0), tooltip)) == ACTOR
    assert tooltip_shows(registry.data(registry.index(0, 2), tooltip)) == ALIAS
    claims = window.workspace.panel.claims
    assert tooltip_shows(claims.data(claims.index(0, 0), tooltip)) == CLAIM


def test_note_comment_and_names_in_fields_are_edited_as_typed(window: MainWindow) -> None:
    # Line edits never read HTML: a guard that the form shows the stored values whole.
    panel = window.workspace.panel
    assert panel.form.note.text() == NOTE
    assert panel.comment.text() == COMMENT
    assert panel.form.pickers["claimant"].text() == ACTOR


def test_the_annotator_name_in_the_status_bar_is_shown_as_typed(window: MainWindow) -> None:
    shown = [label_shows(label) for label in window.statusBar().findChildren(QLabel)]
    assert f"Annotator: {ANA}" in shown


def test_adjudication_shows_annotator_names_as_typed(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.show_adjudication("a1")
    view = window.adjudication
    assert (label_shows(view.names["left"]), label_shows(view.names["right"])) == (ANA, BEN)
    assert label_shows(view.names["gold"]).startswith("gold — ")  # the app's own bold stays
    differences = enumerate(view.differences)
    missing = next(i for i, d in differences if (d.label_type, d.kind) == ("claim", "missing"))
    view.go_to(missing)
    view.accept(1)  # Ben has no label there: the hint names him
    assert label_shows(view.hint) == f"{BEN} has no claim here."


def test_dashboard_charts_show_annotator_and_value_names_as_typed(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    window.show_dashboard()
    charts = [view.chart() for view in window.dashboard.findChildren(QChartView)]
    legends = {rendered(m.label(), True) for chart in charts for m in chart.legend().markers()}
    assert {ANA, BEN} <= legends
    axes = {
        rendered(name, True)
        for chart in charts
        for axis in chart.axes()
        if isinstance(axis, QBarCategoryAxis)
        for name in axis.categories()
    }
    assert {ANA, BEN, "Support"} <= axes


def test_message_boxes_show_the_lock_holder_and_error_text_as_typed(
    qtbot, project: Project, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    project.close()
    holder = Project.open(project.path, user=HOLDER)
    shown: list[tuple[str, Qt.TextFormat]] = []

    def read(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        shown.append((label_shows(box.findChild(QLabel, "qt_msgbox_label")), box.textFormat()))
        box.reject()

    try:
        when_modal(read)
        assert open_project(project.path) is None
    finally:
        holder.close()
    assert f"is in use by {HOLDER} on " in shown[0][0]
    assert shown[0][1] == Qt.TextFormat.PlainText
    not_a_project = tmp_path / "<u>not<i>.claims"
    not_a_project.write_text("hello")
    when_modal(read)
    assert open_project(not_a_project) is None
    assert str(not_a_project) in shown[1][0]


def test_the_crash_dialog_shows_error_text_as_typed(qtbot) -> None:  # type: ignore[no-untyped-def]
    box = crash_dialog(f"ValueError: {ERROR}", "Traceback …")
    qtbot.addWidget(box)
    informative = box.findChild(QLabel, "qt_msgbox_informativelabel")
    assert f"The error: ValueError: {ERROR}" in label_shows(informative)
    assert box.textFormat() == Qt.TextFormat.PlainText


def test_the_save_banner_shows_error_text_as_typed(window: MainWindow) -> None:
    window.session.failed.emit(f"disk full writing {ERROR}")
    assert label_shows(window.banner.message) == f"Not saved. disk full writing {ERROR}"


def test_restoring_a_backup_names_the_file_as_typed(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    backup_project(project, "manual")
    shown: list[str] = []

    def pick(dialog: QWidget) -> None:
        assert isinstance(dialog, RestoreDialog)
        tooltip = dialog.table.topLevelItem(0).toolTip(5)
        shown.append(tooltip_shows(tooltip))

        def confirm(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)
            shown.append(label_shows(box.findChild(QLabel, "qt_msgbox_label")))
            box.reject()

        when_modal(confirm)
        dialog.accept()

    when_modal(pick)
    assert not choose_and_restore(window)
    assert shown[0].startswith(f"{project.path}\n")
    assert shown[1].startswith(f"Replace everything in {FILE_NAME} with the backup of ")


def test_a_damaged_project_is_named_as_typed(qtbot, project: Project) -> None:  # type: ignore[no-untyped-def]
    backup_project(project, "manual")
    project.close()
    shown: list[str] = []

    def read(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        (label,) = dialog.findChildren(QLabel)
        shown.append(label_shows(label))
        dialog.reject()

    when_modal(read)
    assert not restore_damaged(project.path, "damaged", None)
    assert shown == [
        f"{FILE_NAME} is damaged and cannot be opened.\n"
        "Restore one of its backups? The damaged file is kept beside it, renamed."
    ]


def test_recent_files_window_titles_and_menus_show_names_as_typed(qtbot, project: Project) -> None:  # type: ignore[no-untyped-def]
    remember_recent(project.path)
    welcome = WelcomeScreen([str(project.path)])
    qtbot.addWidget(welcome)
    assert tooltip_shows(welcome.recent.item(0).toolTip()) == str(project.path)
    window = MainWindow(project, ANA, Controller())
    qtbot.addWidget(window)
    window.show()
    assert window.windowHandle().title() == f"{FILE_NAME} — Claim annotator"
    file_menu = window.menuBar().actions()[0].menu()
    recent = next(a.menu() for a in file_menu.actions() if a.text() == "Open &recent")
    assert [action.iconText() for action in recent.actions()] == [str(project.path)]


# -- new places: every window and dialog, and the source ----------------------------------------


PLAIN_DELEGATES: set[type] = set()
"""Our own item delegates, each checked to draw data as plain text (none so far)."""


class Shown(NamedTuple):
    """A text on screen: where, the text as set, and whether Qt draws it as HTML."""

    where: str
    text: str
    rich: bool


def _model_texts(view: QAbstractItemView, where: str) -> Iterator[Shown]:
    model = view.model()
    if model is None:
        return
    roles = (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.StatusTipRole)

    def walk(parent: QModelIndex, depth: int) -> Iterator[Shown]:
        for row in range(min(model.rowCount(parent), 200)):
            for column in range(10):
                index = model.index(row, column, parent)
                if not index.isValid():  # (a list widget's model hides its columnCount)
                    break
                shown = model.data(index, Qt.ItemDataRole.DisplayRole)
                if isinstance(shown, str):
                    yield Shown(f"{where} row {row}", shown, False)
                for role in roles:
                    text = model.data(index, role)
                    if isinstance(text, str):
                        yield Shown(f"{where} row {row} tip", text, GuiQt.mightBeRichText(text))
                if depth < 3 and model.index(0, 0, index).isValid():
                    yield from walk(index, depth + 1)

    yield from walk(view.rootIndex(), 0)


def _header_texts(header: QHeaderView, where: str) -> Iterator[Shown]:
    model, tip = header.model(), Qt.ItemDataRole.ToolTipRole
    for section in range(header.count() if model is not None else 0):
        text = model.headerData(section, header.orientation(), tip)
        if isinstance(text, str):
            yield Shown(f"{where} header tip", text, GuiQt.mightBeRichText(text))


def _chart_texts(view: QChartView, where: str) -> Iterator[Shown]:
    chart = view.chart()  # Qt Charts draws every title, legend label and category as HTML
    yield Shown(f"{where} title", chart.title(), True)
    for marker in chart.legend().markers():
        yield Shown(f"{where} legend", marker.label(), True)
    for axis in chart.axes():
        yield Shown(f"{where} axis", axis.titleText(), True)
        if isinstance(axis, QBarCategoryAxis):
            names = axis.categories()
        elif isinstance(axis, QCategoryAxis):
            names = axis.categoriesLabels()
        else:
            names = []
        yield from (Shown(f"{where} axis", name, True) for name in names)


def _hover_texts(view: ArticleView, where: str) -> Iterator[Shown]:
    for mark in view.layer.marks():
        middle = (view.offsets.to_qt(mark.start) + view.offsets.to_qt(mark.end)) // 2
        text = hover(view, middle)
        yield Shown(f"{where} hover {mark.kind}", text, GuiQt.mightBeRichText(text))


def texts_on_screen(window: QWidget) -> list[Shown]:
    """Every text of a window a user can read: labels, buttons, fields, tooltips, lists, charts."""
    found: list[Shown] = []
    for widget in [window, *window.findChildren(QWidget)]:
        where = f"{type(widget).__name__} {widget.objectName() or widget.accessibleName()!r}"
        if isinstance(widget, QLabel):
            found.append(Shown(where, widget.text(), label_is_rich(widget)))
        elif isinstance(widget, (QAbstractButton, QLineEdit)):
            found.append(Shown(where, widget.text(), False))
        elif isinstance(widget, QComboBox):
            found += [Shown(where, widget.itemText(i), False) for i in range(widget.count())]
        elif isinstance(widget, QTabBar):
            tips = (widget.tabToolTip(i) for i in range(widget.count()))
            found += [Shown(where, tip, GuiQt.mightBeRichText(tip)) for tip in tips]
        if isinstance(widget, QHeaderView):
            found += _header_texts(widget, where)
        elif isinstance(widget, QAbstractItemView):
            delegate = type(widget.itemDelegate())  # Qt's own draw DisplayRole as plain text
            assert delegate.__module__.startswith("PySide6") or delegate in PLAIN_DELEGATES, (
                f"{where} draws its items with {delegate.__name__}: make sure it draws data as"
                " plain text, then add it to PLAIN_DELEGATES"
            )
            found += _model_texts(widget, where)
        if isinstance(widget, QChartView):
            found += _chart_texts(widget, where)
        if isinstance(widget, ArticleView) and widget.isVisible():
            found += _hover_texts(widget, where)
        found.append(
            Shown(f"{where} tooltip", widget.toolTip(), GuiQt.mightBeRichText(widget.toolTip()))
        )
    return found


def assert_shown_as_typed(shown: list[Shown]) -> list[str]:
    """No data among ``shown`` drawn as HTML; returns every text as the user reads it."""
    drawn_as_html = [s for s in shown if s.rich and any(m in s.text for m in MARKERS)]
    assert drawn_as_html == []
    return [rendered(s.text, s.rich) for s in shown]


def test_no_window_or_dialog_draws_data_as_html(
    qtbot, window: MainWindow, project: Project, labelled: dict[str, str]
) -> None:  # type: ignore[no-untyped-def]
    workspace = window.workspace
    workspace.toggle_compare(True)
    workspace.select_mention(labelled["mention"])
    # offers the actor's other occurrence
    workspace.mention_editor.set_mention_actor(labelled["actor"])
    workspace.panel.tabs.setCurrentWidget(workspace.panel.registry)  # read when it shows
    window.session.failed.emit(f"cannot write {ERROR}")
    window.show_dashboard()
    window.show_adjudication("a1")
    backup_project(project, "manual")
    dialogs: list[QWidget] = [
        RestoreDialog(project, window),
        WelcomeScreen([str(project.path)]),
        NameDialog(ANA),
        ExportDialog(project, ANA, window),
        ImportDialog(window),
        AssignDialog([ANA, BEN], window),
        crash_dialog(f"ValueError: {ERROR}", "details"),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
    shown: list[Shown] = []

    def read_shortcuts(dialog: QWidget) -> None:
        try:
            shown.extend(texts_on_screen(dialog))
        finally:
            dialog.reject()

    asked = when_modal(read_shortcuts)
    window.show_shortcuts()
    assert asked == ["Keyboard shortcuts"]
    assert any(s.where.startswith("ShortcutsDialog") for s in shown)
    for each in (window, window.dashboard, window.adjudication, *dialogs):
        shown += texts_on_screen(each)
    seen = "\n".join(assert_shown_as_typed(shown))
    # The walk saw the data, shown as typed, in every kind of field.
    for value in (TITLE, ACTOR, ALIAS, CLAIM, NOTE, COMMENT, ANA, BEN, ERROR, str(project.path)):
        assert value in seen, value
    assert f"Mention of {ACTOR}" in seen and f"{ACTOR} is named 1 more time" in seen


# -- the source -----------------------------------------------------------------------------------

MADE_BY_PLAIN = {
    "QLabel": "plain.label or plain.rich_label",
    "QMessageBox": "plain.message_box",
    "QInputDialog": "plain.choose_item",
}
STATIC_DIALOGS = {
    "QMessageBox": ("information", "warning", "critical", "question", "about"),
    "QInputDialog": ("getItem", "getText", "getMultiLineText", "getInt", "getDouble"),
}
SAFE_TOOLTIP_CALLS = {"tr", "translate", "tooltip"}  # app text, or data through plain.tooltip


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else ""


def _safe_tooltip(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and "<" not in node.value
    if isinstance(node, ast.IfExp):
        return _safe_tooltip(node.body) and _safe_tooltip(node.orelse)
    return isinstance(node, ast.Call) and _name(node.func) in SAFE_TOOLTIP_CALLS


def unsafe_places(path: Path) -> list[str]:
    """``file:line: what`` for each label, message box or tooltip made without `plain`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        where = f"{path.name}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.ImportFrom):
            renamed = [a.name for a in node.names if a.asname and a.name in MADE_BY_PLAIN]
            found += [f"{where}: {name} imported under another name" for name in renamed]
        if isinstance(node, ast.ClassDef):
            bases = [_name(b) for b in node.bases if _name(b) in MADE_BY_PLAIN]
            found += [f"{where}: a subclass of {base}" for base in bases]
        if not isinstance(node, ast.Call):
            continue
        func, name = node.func, _name(node.func)
        if name in MADE_BY_PLAIN:
            found.append(f"{where}: {name}(…): use {MADE_BY_PLAIN[name]}")
        elif isinstance(func, ast.Attribute) and name in STATIC_DIALOGS.get(_name(func.value), ()):
            found.append(f"{where}: {_name(func.value)}.{name}(…): use plain.{name}")
        elif name == "setTextFormat":
            found.append(f"{where}: setTextFormat(…): use plain.label or plain.rich_label")
        elif name == "setToolTip" and node.args and not _safe_tooltip(node.args[-1]):
            found.append(f"{where}: setToolTip({ast.unparse(node.args[-1])}): use plain.tooltip")
        elif name == "showText" and len(node.args) > 1 and not _safe_tooltip(node.args[1]):
            found.append(f"{where}: QToolTip.showText(…): use plain.tooltip")
    return sorted(found, key=lambda line: int(line.split(":")[1]))


def test_the_scan_finds_labels_boxes_and_tooltips_made_without_plain(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from PySide6.QtWidgets import QLabel as Label\n"
        "a = QLabel(name, self)\n"
        "QMessageBox.warning(self, self.tr('Title'), str(exc))\n"
        "box = QMessageBox(self)\n"
        "QInputDialog.getItem(self, title, text, items, 0, False)\n"
        "label.setTextFormat(Qt.TextFormat.AutoText)\n"
        "item.setToolTip(5, path)\n"
        "QToolTip.showText(pos, text, self)\n"
        "class Fancy(QLabel):\n    pass\n"
        "ok = plain.label(name, self)\n"
        "plain.warning(self, self.tr('Title'), str(exc))\n"
        "item.setToolTip(plain.tooltip(path))\n"
        "button.setToolTip(self.tr('Close (Escape)'))\n"
        "cue.setToolTip(plain.tooltip(words) if long else '')\n"
    )
    assert [line.split(":")[1] for line in unsafe_places(sample)] == [
        str(n) for n in (1, 2, 3, 4, 5, 6, 7, 8, 9)
    ]


def test_the_ui_makes_labels_boxes_and_tooltips_only_through_plain() -> None:
    found = [
        line
        for path in sorted(UI.rglob("*.py"))
        if path.name != "plain.py"
        for line in unsafe_places(path)
    ]
    assert found == []


def test_message_boxes_from_plain_show_text_as_typed(qtbot) -> None:  # type: ignore[no-untyped-def]
    from annotator.ui import plain

    answers: list[str] = []

    def read(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        answers.append(label_shows(box.findChild(QLabel, "qt_msgbox_label")))
        box.button(QMessageBox.StandardButton.Yes).click()

    when_modal(read)
    assert plain.question(None, "Title", f"Delete {ACTOR}?") == QMessageBox.StandardButton.Yes
    assert answers == [f"Delete {ACTOR}?"]
    assert plain.fill("%1 and %2", "%2.claims", "x") == "%2.claims and x"
    assert plain.escaped("<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"
    assert tooltip_shows(plain.tooltip(f"{ACTOR}\nline")) == f"{ACTOR}\nline"
    assert plain.tooltip("plain words") == "plain words"
    assert plain.label(ACTOR).textFormat() == Qt.TextFormat.PlainText
