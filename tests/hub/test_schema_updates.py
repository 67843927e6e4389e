"""A lead's label schema update published to the hub and taken by each laptop at its sync."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.schema import load_schema
from annotator.hub.admin import publish_schema
from annotator.hub.connect import HubError
from annotator.hub.lead import pull_copy
from annotator.hub.sync import join, sync
from annotator.operations import SetStatus
from annotator.store.project import Project
from annotator.ui.window.main_window import MainWindow
from tests.helpers import dump, run
from tests.hub.conftest import Server
from tests.hub.hubs import Hub, hub_rows_of, laptop_rows, make_hub
from tests.quality.laptops import at
from tests.schemas import KEPT, MIXED, with_stances, write
from tests.ui.conftest import isolated_settings  # noqa: F401  (settings in tmp_path)

NEUTRAL = '{ id = "neutral", name = "Neutral", key = "n", color = "#999999" },\n'
ADDED = with_stances(KEPT + NEUTRAL + MIXED)
"""The default schema with one more stance value: no label is rewritten."""
RENAMED = with_stances(
    KEPT + '{ id = "none", name = "None", key = "n", renamed_from = "neutral" },\n'
)
"""Neutral renamed: the labels holding it are rewritten."""


@pytest.fixture
def hub(pg_server: Server, hub_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Hub:
    return make_hub(pg_server, hub_db, tmp_path, monkeypatch)


def lead_copy_updated(hub: Hub, tmp_path: Path, schema: str) -> Path:
    """The lead's full copy, its schema updated from the command line."""
    copy = tmp_path / "lead-copy.claims"
    pull_copy(hub.dsn("lead"), copy)
    run("schema", copy, "--update", write(tmp_path, schema))
    return copy


def test_a_published_update_is_taken_by_a_laptop_at_its_sync_backed_up_first(
    hub: Hub, tmp_path: Path
) -> None:
    laptop = tmp_path / "ana.claims"
    join(hub.dsn("ana"), "ana", laptop)
    with Project.open(laptop) as ana:  # work waiting to be sent
        ana.add_claim("r1", "ana", *at("r1", "China demanded"), stance="oppose")
    before = dump(laptop)
    copy = lead_copy_updated(hub, tmp_path, ADDED)
    published = run("hub", "schema", hub.dsn("lead"), "--from", copy)
    assert "published 1 schema update (revision 2 of lead-copy.claims)" in published.output
    again = run("hub", "schema", hub.dsn("lead"), "--from", copy)
    assert "nothing was published" in again.output
    synced = run("sync", laptop)
    assert "the label schema the lead published is now this copy's (revision 2" in synced.output
    assert "1 change sent" in synced.output
    with Project.open(laptop) as ana, Project.open(copy, read_only=True) as lead:
        assert ana.schema.fingerprint == lead.schema.fingerprint
        (change,) = ana.schema_history()
        assert change.backup is not None and Path(change.backup).exists()
        mixed = ana.add_claim("r2", "ana", *at("r2", "said"), stance="mixed").id
        assert sync(ana).pushed == 1
    assert [r[0] for r in hub.rows("claims", f"id = '{mixed}'")] == [mixed]
    assert laptop_rows(laptop) == hub_rows_of(hub, "ana")
    assert dump(laptop) != before


def test_only_a_lead_publishes_and_only_updates_that_rewrite_no_label(
    hub: Hub, tmp_path: Path
) -> None:
    copy = lead_copy_updated(hub, tmp_path, ADDED)
    with (
        Project.open(copy, read_only=True) as lead,
        pytest.raises(HubError, match="permission denied for function publish_schema"),
    ):
        publish_schema(hub.dsn("ana"), lead)  # refused by the server
    renamed = tmp_path / "renamed"
    renamed.mkdir()
    copy = lead_copy_updated(hub, renamed, RENAMED)
    with (
        Project.open(copy, read_only=True) as lead,
        pytest.raises(HubError, match="rewrote 1 label value"),
    ):
        publish_schema(hub.dsn("lead"), lead)
    assert hub.rows("schema_steps") == []


def test_a_laptop_whose_labels_use_a_removed_value_is_told_and_keeps_its_work(
    hub: Hub, tmp_path: Path
) -> None:
    laptop = tmp_path / "ana.claims"
    join(hub.dsn("ana"), "ana", laptop)
    copy = lead_copy_updated(hub, tmp_path, ADDED)
    run("hub", "schema", hub.dsn("lead"), "--from", copy)
    with Project.open(copy) as lead:  # then mixed goes again
        lead.update_schema(load_schema(with_stances(KEPT + NEUTRAL)), "lead")
    with Project.open(laptop) as ana:
        sync(ana)  # takes the first update
        ana.add_claim("r1", "ana", *at("r1", "China demanded"), stance="mixed")
    run("hub", "schema", hub.dsn("lead"), "--from", copy)
    before = dump(laptop)
    refused = run("sync", laptop, ok=False)
    assert refused.exit_code == 1 and "cannot take it" in refused.output
    assert "Traceback" not in refused.output
    assert dump(laptop) == before


def test_the_app_takes_the_schema_and_syncs(qtbot, hub: Hub, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    laptop = tmp_path / "ana.claims"
    join(hub.dsn("ana"), "ana", laptop)
    copy = lead_copy_updated(hub, tmp_path, ADDED)
    run("hub", "schema", hub.dsn("lead"), "--from", copy)
    window = MainWindow(Project.open(laptop), "ana")
    qtbot.addWidget(window)
    window.show()
    window.session.run(SetStatus("p1", "ana", "done"))
    with qtbot.waitSignal(window.hub_sync.schema_taken, timeout=60_000) as taken:
        window.hub_sync.start()
    assert taken.args == [2]
    assert window.project.closed  # a bare window closes; the app's reopens on the schema
    with Project.open(laptop) as ana, Project.open(copy, read_only=True) as lead:
        assert ana.schema.fingerprint == lead.schema.fingerprint
        assert sync(ana).pushed == 1  # the status waited and goes now
