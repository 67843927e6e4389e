"""File › Sync and the automatic syncs of the app, against the real test server."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QKeySequence

from annotator.hub.sync import hub_copy, join, sync
from annotator.operations import SetStatus
from annotator.store.hub_copy import HUB_KEY
from annotator.store.project import Project
from annotator.ui.window.main_window import MainWindow
from tests.hub.conftest import Server
from tests.hub.hubs import Hub, hub_rows_of, laptop_rows, make_hub
from tests.ui.conftest import isolated_settings  # noqa: F401  (settings in tmp_path)
from tests.ui.modal import when_modal

WAIT = 60_000
"""Milliseconds a test waits for a sync's end before failing (not a speed check)."""


@pytest.fixture
def hub(pg_server: Server, hub_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Hub:
    return make_hub(pg_server, hub_db, tmp_path, monkeypatch)


def window_on_copy(qtbot, hub: Hub, path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    join(hub.dsn("ana"), "ana", path)
    window = MainWindow(Project.open(path), "ana")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def sync_action(window: MainWindow) -> QAction:
    (action,) = [
        a
        for a in window.findChildren(QAction)
        if a.shortcut() == QKeySequence("Ctrl+Shift+Y") and a.isEnabled()
    ]
    return action


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_sync_from_the_menu_brings_a_new_assignment_into_the_article_list(
    qtbot, hub: Hub, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window = window_on_copy(qtbot, hub, tmp_path / "ana.claims")
    assert window.hub_sync.active
    assert "g1" not in window.articles.loaded_ids()
    with hub.as_role("lead") as lead:
        lead.execute(
            "INSERT INTO claim_hub.assignments (article_id, annotator) VALUES ('g1', 'ana')"
        )
    told = []
    window.session.changed.connect(told.append)
    with qtbot.waitSignal(window.hub_sync.synced, timeout=WAIT):
        sync_action(window).trigger()
    assert "g1" in window.articles.loaded_ids()
    assert [c.reread for c in told] == [True]  # told as an import or a merge is
    assert window.hub_sync.label.text().startswith("Synced ")
    assert "to send" not in window.hub_sync.label.text()
    window.close()
    assert laptop_rows(tmp_path / "ana.claims") == hub_rows_of(hub, "ana")


def test_a_plain_project_has_no_sync(qtbot, project: Project) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(project, "ana")
    qtbot.addWidget(window)
    assert not window.hub_sync.active
    assert not [
        a for a in window.findChildren(QAction)
        if a.shortcut() == QKeySequence("Ctrl+Shift+Y") and a.isEnabled()
    ]  # fmt: skip


def test_offline_is_said_calmly_with_the_changes_to_send(qtbot, hub: Hub, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "ana.claims"
    join(hub.dsn("ana"), "ana", path)
    with Project.open(path) as copy:  # the hub is somewhere this laptop cannot reach now
        record = hub_copy(copy)
        assert record is not None
        record.dsn = f"host=127.0.0.1 port={closed_port()} dbname={hub.db} user=ana"
        copy.conn.execute("UPDATE meta SET value = ? WHERE key = ?", (record.to_json(), HUB_KEY))
        copy.conn.commit()
    window = MainWindow(Project.open(path), "ana")
    qtbot.addWidget(window)
    window.show()
    window.session.run(SetStatus("p1", "ana", "done"))
    window.session.run(SetStatus("p2", "ana", "skipped"))
    boxes = when_modal(lambda box: box.close())  # a message box would be caught here
    with qtbot.waitSignal(window.hub_sync.finished, timeout=WAIT):
        window.hub_sync.start(asked=False)
    text = window.hub_sync.label.text()
    assert text.startswith("Offline") and "2 changes to send" in text
    assert boxes == []
    window.close()


def test_a_server_stopped_mid_session_neither_freezes_nor_crashes_the_window(
    qtbot, hub: Hub, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window = window_on_copy(qtbot, hub, tmp_path / "ana.claims")
    hub.server.stop()
    boxes = when_modal(lambda box: box.close())
    try:
        window.session.run(SetStatus("p1", "ana", "done"))
        with qtbot.waitSignal(window.hub_sync.finished, timeout=WAIT):
            sync_action(window).trigger()
        assert window.hub_sync.label.text().startswith("Offline")
        assert "1 change to send" in window.hub_sync.label.text()
        assert boxes == []
        window.session.run(SetStatus("p2", "ana", "done"))  # the window works on
    finally:
        hub.server.start()
    with qtbot.waitSignal(window.hub_sync.synced, timeout=WAIT):
        sync_action(window).trigger()
    assert window.hub_sync.label.text().startswith("Synced ")
    window.close()
    assert laptop_rows(tmp_path / "ana.claims") == hub_rows_of(hub, "ana")
    assert {r[:3] for r in hub.rows("statuses", "annotator = 'ana' AND status = 'done'")} >= {
        ("p1", "ana", "done"),
        ("p2", "ana", "done"),
    }


def test_labels_made_while_a_sync_waits_on_a_busy_hub_are_kept_and_sent_next(
    qtbot, hub: Hub, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The window works on while the sync's thread waits for the hub (held by a lead)."""
    path = tmp_path / "ana.claims"
    window = window_on_copy(qtbot, hub, path)
    window.session.run(SetStatus("p1", "ana", "done"))
    with hub.as_role("lead") as lead:
        lead.execute(
            "INSERT INTO claim_hub.assignments (article_id, annotator) VALUES ('g1', 'ana')"
        )
    holder = hub.server.admin(hub.db)
    holder.autocommit = False
    from annotator.hub.schema import LOCK_KEY

    holder.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
    try:
        assert window.hub_sync.start()
        qtbot.waitUntil(lambda: _waiting_for_lock(hub), timeout=WAIT)
        assert window.hub_sync.running  # the sync waits; the window does not
        window.session.run(SetStatus("p2", "ana", "skipped"))
        window.session.run(SetStatus("p1", "ana", "in_progress"))
    finally:
        holder.rollback()
        holder.close()
    with qtbot.waitSignal(window.hub_sync.synced, timeout=WAIT):
        pass
    assert "g1" in window.articles.loaded_ids()
    project = window.project
    assert project.status("p2", "ana").status == "skipped"
    assert project.status("p1", "ana").status == "in_progress"  # not the version sent
    window.close()
    with Project.open(path) as copy:
        again = sync(copy)
    assert again.pushed == 2 and again.conflicts == []
    assert laptop_rows(path) == hub_rows_of(hub, "ana")


def _waiting_for_lock(hub: Hub) -> bool:
    with hub.server.admin(hub.db) as admin:
        found = admin.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'claim-annotator'"
            " AND wait_event_type = 'Lock'"
        ).fetchone()
    return bool(found and found[0])


def test_a_refused_login_is_told_once_then_only_in_the_status_bar(
    qtbot, hub: Hub, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "ana.claims"
    join(hub.dsn("ana"), "ana", path)
    with Project.open(path) as copy:  # the role was renamed on the server since
        record = hub_copy(copy)
        assert record is not None
        record.dsn = hub.server.tcp_dsn(hub.db, "nobody_here")
        copy.conn.execute("UPDATE meta SET value = ? WHERE key = ?", (record.to_json(), HUB_KEY))
        copy.conn.commit()
    window = MainWindow(Project.open(path), "ana")
    qtbot.addWidget(window)
    window.show()
    told = when_modal(lambda box: box.close(), timeout_ms=WAIT)
    with qtbot.waitSignal(window.hub_sync.finished, timeout=WAIT):
        window.hub_sync.start(asked=False)
    assert told == ["Sync"]  # the message was shown (and closed) before the sync's end
    again = when_modal(lambda box: box.close(), timeout_ms=2000)
    with qtbot.waitSignal(window.hub_sync.finished, timeout=WAIT):
        window.hub_sync.start(asked=False)
    assert again == []  # a message would have been shown before the end
    assert "refused the login" in window.statusBar().currentMessage()
    assert not window.hub_sync.offline
    window.close()


def test_label_actions_start_a_sync_on_their_own(qtbot, hub: Hub, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from annotator.ui.window.hub_sync import AFTER_LABELS

    window = window_on_copy(qtbot, hub, tmp_path / "ana.claims")
    with qtbot.waitSignal(window.hub_sync.synced, timeout=WAIT):
        for n in range(AFTER_LABELS):
            status = ("done", "in_progress")[n % 2]
            window.session.run(SetStatus("p1", "ana", status))
    assert window.hub_sync.pending == 0
    window.close()
    assert {r[:3] for r in hub.rows("statuses", "article_id = 'p1' AND annotator = 'ana'")} == {
        ("p1", "ana", "in_progress")
    }


def test_a_window_closed_while_its_sync_waits_closes_at_once_and_the_next_sync_completes(
    qtbot, hub: Hub, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from annotator.hub.schema import LOCK_KEY
    from annotator.ui.window import hub_sync

    path = tmp_path / "ana.claims"
    window = window_on_copy(qtbot, hub, path)
    window.session.run(SetStatus("p1", "ana", "done"))
    holder = hub.server.admin(hub.db)
    holder.autocommit = False
    holder.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
    try:
        assert window.hub_sync.start()
        qtbot.waitUntil(lambda: _waiting_for_lock(hub), timeout=WAIT)
        (left,) = [window.hub_sync.worker]
        window.close()  # does not wait for the hub
        assert window.project.closed and left in hub_sync._running
    finally:
        holder.rollback()
        holder.close()
    qtbot.waitUntil(lambda: left is not None and not left.is_running(), timeout=WAIT)
    with Project.open(path) as copy:
        sync(copy)
    assert laptop_rows(path) == hub_rows_of(hub, "ana")
    assert ("p1", "ana", "done") in {r[:3] for r in hub.rows("statuses")}
