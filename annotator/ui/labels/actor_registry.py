"""The Actors tab: the project's actor registry with counts; rename, retype, alias, merge.

The list fetches a page at a time, filtered by a name prefix. A page shows its
actors at once; their use counts, which read every label of theirs, are read
in a thread of its own (`UseCounts`) and filled in when they arrive. Every edit
is an undoable command; merging moves the other actor's labels and names onto
the one kept.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Actor
from annotator.store.project import Project
from annotator.ui import plain
from annotator.ui.labels.actor_picker import ActorPicker
from annotator.ui.paged_model import PagedTableModel

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex
UNCOUNTED = "…"
"""What a count cell shows until its count has been read."""
TYPE_CHARS = 15
"""Type names up to this long fit their column ("Unnamed group"); longer ones are cut short."""
CELL_PADDING = 12  # pixels around a cell's text (the style's margins and a little air)
HEADERS = (
    QT_TRANSLATE_NOOP("ActorRegistryModel", "Name"),
    QT_TRANSLATE_NOOP("ActorRegistryModel", "Type"),
    QT_TRANSLATE_NOOP("ActorRegistryModel", "Aliases"),
    QT_TRANSLATE_NOOP("ActorRegistryModel", "Mentions"),
    QT_TRANSLATE_NOOP("ActorRegistryModel", "Claims"),
)


class UseCounts(QObject):
    """Reads actors' use counts in a thread of its own; `counted` brings them to this one.

    A count reads the index entries of every label of its actor: a third of a
    second to seconds for a page at 2 M labels, too long for the window's
    thread. Each `request` reads on a read-only connection of its own
    (`annotator.store.project.Project.reader`); a read that fails (the file
    gone) leaves the counts unread and is logged.
    """

    counted = Signal(object, object)  # the request's tag, {actor id: (mentions, claims)}
    _read = Signal(object, object)  # the same, from the reading thread

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._project = project
        self._read.connect(self._arrived, Qt.ConnectionType.QueuedConnection)

    def request(self, tag: object, actor_ids: Sequence[str]) -> threading.Thread:
        """Start reading the counts of ``actor_ids``; `counted` brings them with ``tag``."""
        thread = threading.Thread(
            target=self._run, args=(tag, list(actor_ids)), name="actor counts", daemon=True
        )
        thread.start()
        return thread

    def _run(self, tag: object, actor_ids: list[str]) -> None:
        try:
            reader = self._project.reader()
            try:
                counts = reader.actor_use_counts(actor_ids)
            finally:
                reader.close()
        except Exception:  # a read here must not take the window down
            log.warning("could not read the use counts of %d actors", len(actor_ids), exc_info=True)
            return
        with contextlib.suppress(RuntimeError):  # the tab is gone already
            self._read.emit(tag, counts)

    def _arrived(self, tag: object, counts: dict[str, tuple[int, int]]) -> None:
        self.counted.emit(tag, counts)


class ActorRegistryModel(PagedTableModel[tuple[str, str], tuple[Actor, int | None, int | None]]):
    """Actors by name, with their use counts; pages fetched as the view scrolls.

    A page's rows come without their counts (None, shown as `UNCOUNTED`),
    which `UseCounts` reads beside the window and fills in; counts read for
    the rows of an earlier `reload` (before an edit, or another filter) are
    dropped.
    """

    headers = HEADERS

    def __init__(self, project: Project, parent: Any = None, load: bool = True) -> None:
        super().__init__(parent)
        self._project = project
        self._prefix = ""
        self._type_names = {v.id: v.name for v in project.schema.field("actor_type").values}
        self._reloads = 0
        self.counts = UseCounts(project, self)
        self.counts.counted.connect(self._counted)
        if load:  # else empty until `reload`
            self.reload()

    def count(self) -> int:
        return self._project.actor_count(self._prefix)

    def reload(self) -> None:
        self._reloads += 1
        super().reload()

    def page_after(
        self, key: tuple[str, str] | None, limit: int
    ) -> list[tuple[tuple[str, str], tuple[Actor, int | None, int | None]]]:
        page = self._project.actor_names_page(key, limit, self._prefix)
        if page:
            self.counts.request(self._reloads, [actor.id for _, actor in page])
        return [(key, (actor, None, None)) for key, actor in page]

    def uncounted(self) -> int:
        """How many loaded rows still wait for their counts."""
        return sum(1 for _, mentions, _ in self._rows if mentions is None)

    def _counted(self, reload: object, counts: dict[str, tuple[int, int]]) -> None:
        if reload != self._reloads:
            return  # read for rows since replaced: the edit or filter that replaced them asked again
        changed = [row for row, (actor, _, _) in enumerate(self._rows) if actor.id in counts]
        for row in changed:
            actor = self._rows[row][0]
            self._rows[row] = (actor, *counts[actor.id])
        if changed:
            self.dataChanged.emit(self.index(changed[0], 3), self.index(changed[-1], 4))

    def filter(self, prefix: str) -> None:
        """Show only actors whose name starts with ``prefix``."""
        self._prefix = prefix
        self.reload()

    def actor(self, row: int) -> Actor:
        """The actor on ``row``."""
        return self._rows[row][0]

    def row_of(self, actor_id: str) -> int:
        """The row of an actor among the loaded rows, or -1."""
        return next((i for i, r in enumerate(self._rows) if r[0].id == actor_id), -1)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        actor, mentions, claims = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            # The type's readable name; the form edits the id (`actor`), as it is stored.
            kind = self._type_names.get(actor.type, actor.type) if actor.type else ""
            texts = (actor.name, kind, ", ".join(actor.aliases))
            if role == Qt.ItemDataRole.ToolTipRole:  # the whole of a text cut short
                if index.column() >= 3:
                    return self.tr("Counting the labels…") if mentions is None else None
                whole = texts[index.column()]
                return plain.tooltip(whole) if whole else None
            counts = (UNCOUNTED, UNCOUNTED) if mentions is None else (mentions, claims)
            return (*texts, *counts)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ActorRegistry(QWidget):
    """The registry table and a form for the selected actor."""

    rename = Signal(str, str)  # actor id, new name
    retype = Signal(str, object)  # actor id, type id or None
    add_alias = Signal(str, str)  # actor id, alias
    merge = Signal(str, str)  # kept actor id, merged actor id

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Read when the tab is first shown (not while the window opens); the use counts,
        # which read every label of a page's actors, are read beside it (`UseCounts`).
        self.model = ActorRegistryModel(project, self, load=False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter actors by name"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(self.tr("Filter actors"))
        self.filter.textChanged.connect(self.model.filter)
        layout.addWidget(self.filter)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName(self.tr("Actors"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self._set_columns(project)
        layout.addWidget(self.table, 1)
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("Actor name"))
        self.name.editingFinished.connect(self._renamed)
        self.type = QComboBox(self)
        self.type.setAccessibleName(self.tr("Actor type"))
        self.type.addItem("—", None)
        for value in project.schema.field("actor_type").values:
            self.type.addItem(value.name, value.id)
        self.type.activated.connect(self._retyped)
        self.alias = QLineEdit(self)
        self.alias.setPlaceholderText(self.tr("another name, then Enter"))
        self.alias.setAccessibleName(self.tr("New alias"))
        self.alias.returnPressed.connect(self._aliased)
        merge_row = QHBoxLayout()
        self.merge_into = ActorPicker(project, self)
        self.merge_into.setAccessibleName(self.tr("Merge into"))
        self.merge_button = QPushButton(self.tr("Merge"), self)
        self.merge_button.clicked.connect(self._merged)
        merge_row.addWidget(self.merge_into, 1)
        merge_row.addWidget(self.merge_button)
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("T&ype"), self.type)
        form.addRow(self.tr("Al&ias"), self.alias)
        merge_label = plain.label(self.tr("Merge int&o"), self)
        merge_label.setBuddy(self.merge_into)
        form.addRow(merge_label, merge_row)
        layout.addLayout(form)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self._stale = True  # read on the first `showEvent`
        self._show_selected()

    def _set_columns(self, project: Project) -> None:
        """One line per actor; Name and Aliases share the room the type and counts leave.

        The counts take the width of their titles; the type the width of the
        longest type name of up to `TYPE_CHARS` characters (longer ones are cut
        short, whole in the tooltip). All columns can still be dragged wider.
        """
        table = self.table
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 6)
        header = table.horizontalHeader()
        header.setMinimumSectionSize(table.fontMetrics().averageCharWidth() * 4)
        mode = QHeaderView.ResizeMode
        for column, resize in enumerate(
            (mode.Stretch, mode.Interactive, mode.Stretch, mode.Fixed, mode.Fixed)
        ):
            header.setSectionResizeMode(column, resize)
        names = [v.name for v in project.schema.field("actor_type").values]
        short = [n for n in names if len(n) <= TYPE_CHARS] or [n[:TYPE_CHARS] for n in names]
        widest = max(table.fontMetrics().horizontalAdvance(n) for n in short)
        header.resizeSection(1, max(widest + CELL_PADDING, header.sectionSizeHint(1)))
        for column in (3, 4):
            header.resizeSection(column, header.sectionSizeHint(column))

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def selected(self) -> Actor | None:
        """The actor selected in the table."""
        row = self.table.currentIndex().row()
        return self.model.actor(row) if 0 <= row < self.model.rowCount() else None

    def select(self, actor_id: str) -> None:
        """Select an actor's row if it is loaded."""
        row = self.model.row_of(actor_id)
        if row >= 0:
            self.table.selectRow(row)

    def refresh(self) -> None:
        """Re-read the registry, keeping the selection; deferred while the tab is hidden."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        chosen = self.selected()
        self.model.reload()
        if chosen is not None:
            self.select(chosen.id)
        self._show_selected()

    def _show_selected(self) -> None:
        actor = self.selected()
        for widget in (self.name, self.type, self.alias, self.merge_into, self.merge_button):
            widget.setEnabled(actor is not None)
        self.name.setText(actor.name if actor else "")
        self.type.setCurrentIndex(max(0, self.type.findData(actor.type if actor else None)))

    def _renamed(self) -> None:
        actor = self.selected()
        if actor and self.name.text().strip() and self.name.text().strip() != actor.name:
            self.rename.emit(actor.id, self.name.text().strip())

    def _retyped(self) -> None:
        actor = self.selected()
        if actor and self.type.currentData() != actor.type:
            self.retype.emit(actor.id, self.type.currentData())

    def _aliased(self) -> None:
        actor = self.selected()
        if actor and self.alias.text().strip():
            self.add_alias.emit(actor.id, self.alias.text().strip())
            self.alias.clear()

    def _merged(self) -> None:
        actor, keep = self.selected(), self.merge_into.actor()
        if actor and keep and keep.id != actor.id:
            self.merge.emit(keep.id, actor.id)
            self.merge_into.set_actor(None)
