"""The actor registry tab: counts, rename, type, alias and merge, each undoable."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.io.importer import import_files
from annotator.store.project import Project
from annotator.ui.labels.actor_registry import UNCOUNTED, ActorRegistryModel
from annotator.ui.window.main_window import MainWindow


@pytest.fixture
def window(qtbot, project: Project, sample_jsonl: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    import_files(project, [sample_jsonl])
    window = MainWindow(project, "ana")
    qtbot.addWidget(window)
    window.show()
    window.workspace.panel.tabs.setCurrentWidget(window.workspace.panel.registry)
    return window


def test_registry_model_passes_model_tester(
    qtmodeltester, project: Project, sample_jsonl: Path
) -> None:  # type: ignore[no-untyped-def]
    import_files(project, [sample_jsonl])
    model = ActorRegistryModel(project)
    qtmodeltester.check(model)
    assert model.rowCount() == 16
    assert model.data(model.index(0, 0)) == "Dalvar Basin Commission"


def test_rename_retype_alias_and_merge(qtbot, window: MainWindow, project: Project) -> None:  # type: ignore[no-untyped-def]
    registry = window.workspace.panel.registry
    qtbot.keyClicks(registry.filter, "Kest")
    assert [registry.model.actor(r).name for r in range(registry.model.rowCount())] == ["Kestria"]
    registry.table.selectRow(0)
    kestria = registry.selected()
    assert kestria is not None
    registry.name.setText("Republic of Kestria")
    registry.name.editingFinished.emit()
    assert project.actor(kestria.id).name == "Republic of Kestria"  # type: ignore[union-attr]
    registry.filter.clear()  # the new name no longer starts with "Kest"
    registry.select(kestria.id)
    registry.type.setCurrentIndex(registry.type.findData("government"))
    registry.type.activated.emit(registry.type.currentIndex())
    assert project.actor(kestria.id).type == "government"  # type: ignore[union-attr]
    qtbot.keyClicks(registry.alias, "Ostrel harbour office")
    qtbot.keyClick(registry.alias, Qt.Key.Key_Return)
    assert "Ostrel harbour office" in project.actor(kestria.id).aliases  # type: ignore[union-attr]
    window.session.undo_stack.undo()
    assert "Ostrel harbour office" not in project.actor(kestria.id).aliases  # type: ignore[union-attr]


def test_merge_moves_labels(qtbot, window: MainWindow, project: Project) -> None:  # type: ignore[no-untyped-def]
    registry = window.workspace.panel.registry
    (mcns,) = project.find_actors("Maritime Council")
    kestria = next(a for a in project.find_actors("Kestria") if a.name == "Kestria")
    before = {a.id: (m, c) for a, m, c in project.actor_usage()}
    registry.select(mcns.id)
    registry.merge_into.set_actor(kestria)
    qtbot.mouseClick(registry.merge_button, Qt.MouseButton.LeftButton)
    assert project.actor(mcns.id) is None
    merged = project.actor(kestria.id)
    assert merged is not None and "Maritime Council of the Northern Seas" in merged.aliases
    after = {a.id: (m, c) for a, m, c in project.actor_usage()}
    assert after[kestria.id][0] == before[kestria.id][0] + before[mcns.id][0]
    assert registry.model.row_of(mcns.id) == -1


def test_columns_are_readable_at_the_default_size_and_types_show_their_names(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    registry = window.workspace.panel.registry
    table = registry.table
    assert window.size().width() == 1280  # the default window, not a wide test screen
    wide_enough = table.fontMetrics().horizontalAdvance("North Korea")
    assert table.columnWidth(0) >= wide_enough  # Name
    assert table.columnWidth(2) >= wide_enough  # Aliases
    for count in (3, 4):  # the counts are narrow: a few digits and their title
        assert table.columnWidth(count) < table.columnWidth(0)
    header = table.horizontalHeader()
    assert header.sectionPosition(4) + header.sectionSize(4) <= table.viewport().width()
    model = registry.model
    unnamed = next(r for r in range(model.rowCount()) if model.actor(r).type == "unnamed_group")
    assert model.data(model.index(unnamed, 1)) == "Unnamed group"  # the schema's name, not its id
    assert table.columnWidth(1) >= table.fontMetrics().horizontalAdvance("Unnamed group")
    table.selectRow(unnamed)
    assert registry.type.currentData() == "unnamed_group"  # the id is still what is edited


def test_the_registry_is_read_when_its_tab_is_first_shown(
    qtbot, project: Project, sample_jsonl: Path
) -> None:  # type: ignore[no-untyped-def]
    """Its use counts read every label of a page of actors: not while the window opens."""
    import_files(project, [sample_jsonl])
    window = MainWindow(project, "ana")
    qtbot.addWidget(window)
    window.show()
    registry = window.workspace.panel.registry
    assert registry.model.rowCount() == 0
    window.workspace.panel.tabs.setCurrentWidget(registry)
    assert registry.model.rowCount() == 16


def test_the_tab_shows_its_actors_before_their_counts_which_follow(
    qtbot, project: Project, sample_jsonl: Path
) -> None:  # type: ignore[no-untyped-def]
    """The use counts read every label of a page's actors: in a thread, filled in when read."""
    import_files(project, [sample_jsonl])
    window = MainWindow(project, "ana")
    qtbot.addWidget(window)
    window.show()
    registry = window.workspace.panel.registry
    model = registry.model
    window.workspace.panel.tabs.setCurrentWidget(registry)
    # Shown, and no event handled since: counts read in another thread cannot be here yet.
    assert model.rowCount() == 16
    assert model.uncounted() == 16
    assert {model.data(model.index(r, c)) for r in range(16) for c in (3, 4)} == {UNCOUNTED}
    assert model.data(model.index(0, 0)) == "Dalvar Basin Commission"

    qtbot.waitUntil(lambda: model.uncounted() == 0)
    shown = {
        model.actor(r).id: (model.data(model.index(r, 3)), model.data(model.index(r, 4)))
        for r in range(model.rowCount())
    }
    assert shown == {a.id: (m, c) for a, m, c in project.actor_usage()}

    # An edit re-reads the rows, and their counts follow again.
    (mcns,) = project.find_actors("Maritime Council")
    kestria = next(a for a in project.find_actors("Kestria") if a.name == "Kestria")
    registry.select(mcns.id)
    registry.merge_into.set_actor(kestria)
    qtbot.mouseClick(registry.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: model.uncounted() == 0)
    assert model.row_of(mcns.id) == -1
    kept = model.index(model.row_of(kestria.id), 3)
    assert model.data(kept) == shown[kestria.id][0] + shown[mcns.id][0]
