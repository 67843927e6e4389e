"""The shortcuts window (F1): every action once, under headings, with the value keys."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem

from annotator.core.spans import Span
from annotator.ui.window.dialogs import ShortcutsDialog
from annotator.ui.window.main_window import MainWindow


@pytest.fixture
def dialog(qtbot, sample_window: MainWindow) -> ShortcutsDialog:  # type: ignore[no-untyped-def]
    shown = ShortcutsDialog(sample_window.shortcut_groups(), sample_window)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    return [item.child(i) for i in range(item.childCount())]


def headings(dialog: ShortcutsDialog) -> dict[str, QTreeWidgetItem]:
    tree = dialog.tree
    return {
        tree.topLevelItem(i).text(0): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
    }


def rows_under(item: QTreeWidgetItem) -> list[tuple[str, str]]:
    """(keys, action) of the rows below a heading, at any depth."""
    found = []
    for child in children(item):
        if child.childCount():
            found += rows_under(child)
        else:
            found.append((child.text(0), child.text(1)))
    return found


def test_each_action_is_listed_once_under_its_heading(dialog: ShortcutsDialog) -> None:
    groups = headings(dialog)
    assert {"Labelling in the text", "Claim fields", "Articles", "Panels", "Team"} <= set(groups)
    text = rows_under(groups["Labelling in the text"])
    keys = Counter(keys for keys, _ in text)
    for key in ("C", "M", "Q", "S", "]", "["):
        assert keys[key] == 1, key  # once, not once per wording
    actions = Counter(action for group in groups.values() for _, action in rows_under(group))
    assert [a for a, n in actions.items() if n > 1] == []
    team = {action for _, action in rows_under(groups["Team"])}
    assert {"Team dashboard", "Adjudication", "Assign work…"} <= team
    panels = {action: keys for keys, action in rows_under(groups["Panels"])}
    assert panels["Actors tab"] == "Alt+T"


def test_the_value_keys_of_each_claim_field_are_listed(
    dialog: ShortcutsDialog, sample_window: MainWindow
) -> None:
    schema = sample_window.project.schema
    fields = {item.text(0): item for item in children(headings(dialog)["Claim fields"])}
    form = sample_window.workspace.panel.form
    assert list(fields) == [c.field.label for c in form.choices.values()]  # as in the form
    stance = rows_under(fields["Stance"])
    assert stance == [(v.key.upper(), v.name) for v in schema.field("stance").values if v.key]
    assert ("S", "Support") in stance and ("O", "Oppose") in stance
    for name in ("category", "certainty", "checkworthy", "source_kind"):
        assert schema.field(name).label in fields


def test_typing_in_the_search_field_keeps_the_matching_rows(qtbot, dialog: ShortcutsDialog) -> None:  # type: ignore[no-untyped-def]
    assert dialog.search.accessibleName() and dialog.tree.accessibleName()
    qtbot.keyClicks(dialog.search, "oppose")
    tree = dialog.tree
    shown = [
        (item.text(0), item.text(1))
        for item in tree.findItems("", Qt.MatchFlag.MatchContains | Qt.MatchFlag.MatchRecursive)
        if not item.isHidden() and not item.childCount()
    ]
    assert shown == [("O", "Oppose")]
    assert not headings(dialog)["Claim fields"].isHidden()
    assert headings(dialog)["Team"].isHidden()
    dialog.search.clear()
    assert not headings(dialog)["Team"].isHidden()


def test_undo_is_listed_as_undo_whatever_it_would_undo(qtbot, sample_window) -> None:  # type: ignore[no-untyped-def]
    workspace = sample_window.workspace
    workspace.view.select_span(Span(0, 4))
    qtbot.keyClick(workspace.view, "c")  # now Undo would undo "Mark claim"
    rows = dict((title, keys) for keys, title in sample_window.shortcut_rows())
    assert "Undo" in rows and "Redo" in rows
    assert not [title for title in rows if title.startswith("Undo ")]
