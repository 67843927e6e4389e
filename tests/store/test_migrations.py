"""Tests of annotator/store/migrations.py: a file made by version 1 upgrades and keeps its data."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from annotator.core.errors import ProjectError
from annotator.core.model import Article, Mention
from annotator.core.schema import default_schema
from annotator.core.spans import Span
from annotator.core.text import text_sha256
from annotator.store.database import APPLICATION_ID, create_file, read_header
from annotator.store.lock import lock_path
from annotator.store.migrations import MIGRATIONS, SCHEMA_VERSION, migrate
from annotator.store.project import Project
from tests.helpers import dump
from tests.store.helpers import read_rows, sha256

V1_TABLES = ("articles", "actors", "actor_aliases", "mentions", "claims", "claim_links", "statuses")

OLD_TEXTS = {
    "old-1": "Norvania accused Kestria of blocking the harbour at Skarre Bay.",
    "old-2": "Łukasz Wróbel said the harbour was closed for inspections 🌊.",
}


def _article(article_id: str, title: str) -> dict[str, Any]:
    text = OLD_TEXTS[article_id]
    return {
        "id": article_id,
        "title": title,
        "text": text,
        "source": "Ledger",
        "url": None,
        "published": "2024-01-02",
        "language": "en",
        "story": "harbour",
        "meta": "{}",
        "text_sha256": text_sha256(text),
        "added_at": "2024-01-02T10:00:00+00:00",
    }


def _write_version_1(path: Path) -> None:
    """A project file as version 1 of the app left it, filled with plain SQL."""
    create_file(path, default_schema().source, upto=1)
    _fill_version_1_tables(path)


def _fill_version_1_tables(path: Path) -> None:
    """Rows in the tables of version 1 (later versions keep those tables as they were)."""
    db = sqlite_utils.Database(sqlite3.connect(path))
    db["articles"].insert_all(
        [_article("old-1", "Harbour blockade"), _article("old-2", "Inspections only")]
    )
    db["actors"].insert(
        {
            "id": "act-1",
            "name": "Norvania",
            "name_key": "norvania",
            "type": "state",
            "created_by": "ana",
            "updated_at": "2024-01-02T10:00:00+00:00",
        }
    )
    db["actor_aliases"].insert(
        {"actor_id": "act-1", "alias": "Velgrad", "alias_key": "velgrad", "position": 0}
    )
    db["mentions"].insert(
        {
            "id": "m-1",
            "article_id": "old-1",
            "annotator": "ana",
            "start": 0,
            "end": 8,
            "actor_id": "act-1",
            "updated_at": "2024-01-02T10:00:00+00:00",
        }
    )
    db["claims"].insert(
        {
            "id": "c-1",
            "article_id": "old-1",
            "annotator": "ana",
            "start": 0,
            "end": 62,
            "claimant": "act-1",
            "stance": "oppose",
            "attr_type": "unattributed",
            "attr_source_mention": "m-1",
            "note": "old note",
            "updated_at": "2024-01-02T10:00:00+00:00",
        }
    )
    db["statuses"].insert(
        {
            "article_id": "old-1",
            "annotator": "ana",
            "status": "done",
            "comment": "checked",
            "updated_at": "2024-01-02T10:00:00+00:00",
        }
    )
    db.close()


def _v1_content(path: Path) -> dict[str, list[dict[str, Any]]]:
    return {table: read_rows(path, table) for table in V1_TABLES}


def _upgraded(content: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """Rows of version 1's tables, as an older file has them, as the current version has them.

    Migration 4 gives every mention ``source_only`` 0: one the annotator
    marked, not one made as a source. Migration 7 calls the claims'
    ``attr_type`` ``attribution_type``; migration 11 gives every claim
    ``segments`` NULL (one piece).
    """
    return {
        **content,
        "mentions": [{"source_only": 0, **row} for row in content["mentions"]],
        "claims": [{**_renamed(row), "segments": None} for row in content["claims"]],
    }


def _renamed(row: dict[str, Any]) -> dict[str, Any]:
    """A claims row of a file before version 7 as version 7 has it: same values, same order."""
    return {("attribution_type" if k == "attr_type" else k): v for k, v in row.items()}


def test_migrations_are_numbered_by_schema_version() -> None:
    assert len(MIGRATIONS) == SCHEMA_VERSION
    assert SCHEMA_VERSION >= 2


def test_open_upgrades_a_version_1_file_and_keeps_its_data(project_path: Path) -> None:
    _write_version_1(project_path)
    assert read_header(project_path) == (APPLICATION_ID, 1)
    before = _v1_content(project_path)

    with Project.open(project_path) as project:
        assert project.conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert project.article("old-2") == Article(
            id="old-2",
            text=OLD_TEXTS["old-2"],
            title="Inspections only",
            source="Ledger",
            published="2024-01-02",
            language="en",
            story="harbour",
        )
        claim = project.claim("c-1")
        assert claim is not None
        assert (claim.claimant, claim.stance, claim.attribution.source_mention) == (
            "act-1",
            "oppose",
            "m-1",
        )
        assert project.status("old-1", "ana").comment == "checked"

    assert read_header(project_path) == (APPLICATION_ID, SCHEMA_VERSION)
    assert _v1_content(project_path) == _upgraded(before)


def test_upgraded_file_finds_old_articles_by_full_text_search(project_path: Path) -> None:
    _write_version_1(project_path)

    with Project.open(project_path) as project:
        assert [h.article_id for h in project.search("harbour")] in (
            ["old-1", "old-2"],
            ["old-2", "old-1"],
        )
        assert [h.article_id for h in project.search("Wróbel inspect")] == ["old-2"]
        assert [h.article_id for h in project.search("blockade")] == ["old-1"]  # title
        # Articles added after the upgrade are indexed by the new triggers.
        project.add_articles([Article(id="new-1", text="A new harbour report.")])
        assert {h.article_id for h in project.search("harbour")} == {"old-1", "old-2", "new-1"}


def test_upgraded_file_has_a_working_undo_log(project_path: Path) -> None:
    _write_version_1(project_path)

    with Project.open(project_path) as project:
        project.set_status("old-2", "ana", "in_progress")
        assert project.undo("ana") is not None
        assert project.status("old-2", "ana").status == "todo"
        assert project.undo("ana") is None  # v1 actions were never logged


def test_read_only_open_of_an_old_file_is_refused(project_path: Path) -> None:
    _write_version_1(project_path)
    before = sha256(project_path)

    with pytest.raises(ProjectError) as caught:
        Project.open(project_path, read_only=True)

    assert str(caught.value) == (
        f"{project_path} is from an older version and must be upgraded: open it normally once"
    )
    assert sha256(project_path) == before
    assert read_header(project_path) == (APPLICATION_ID, 1)
    assert not lock_path(project_path).exists()
    # After one normal open, read-only works.
    Project.open(project_path).close()
    Project.open(project_path, read_only=True).close()


def test_failed_upgrade_leaves_the_file_at_its_old_version(project_path: Path) -> None:
    _write_version_1(project_path)
    conn = sqlite3.connect(project_path)
    # In the way of migration 2 (its search index triggers); a table of a later
    # version is refused before anything is written (test_database: tables contradict).
    conn.execute("CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN SELECT 1; END")
    conn.commit()
    conn.close()
    before_sha, before = sha256(project_path), dump(project_path)

    with pytest.raises(ProjectError) as caught:
        Project.open(project_path)

    assert str(caught.value).startswith("could not save the upgraded project: trigger ")
    assert "articles_ai already exists" in str(caught.value).replace('"', "")
    assert str(caught.value).endswith("Nothing was changed.")
    assert dump(project_path) == before
    assert sha256(project_path) == before_sha
    assert read_header(project_path) == (APPLICATION_ID, 1)
    assert lock_path(project_path).read_text() == ""  # lock released


def test_migrate_applies_each_step_once(tmp_path: Path) -> None:
    db = sqlite_utils.Database(sqlite3.connect(tmp_path / "plain.db"))

    assert migrate(db, target=1) == 0
    assert db.execute("PRAGMA user_version").fetchone() == (1,)
    assert "events" not in db.table_names()
    assert migrate(db) == 1
    assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    assert {"events", "articles_fts"} <= set(db.table_names())
    tables = db.table_names()
    assert migrate(db) == SCHEMA_VERSION  # nothing left to do
    assert db.table_names() == tables
    assert db.conn.in_transaction is False


def _write_version_2(path: Path) -> None:
    """A project file as version 2 of the app left it: version 1's rows and an undo log."""
    create_file(path, default_schema().source, upto=2)
    _fill_version_1_tables(path)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO events (at, annotator, label, article_id, changes, state)"
        " VALUES ('2024-01-03T09:00:00+00:00', 'ana', 'Mark done', 'old-1', '[]', 'done')"
    )
    conn.commit()
    conn.close()


def test_open_upgrades_a_version_2_file_and_keeps_its_data(project_path: Path) -> None:
    _write_version_2(project_path)
    assert read_header(project_path) == (APPLICATION_ID, 2)
    before = {table: read_rows(project_path, table) for table in (*V1_TABLES, "events", "meta")}

    with Project.open(project_path) as project:
        assert [h.article_id for h in project.search("blockade")] == ["old-1"]
        assert project.events.history("ana")[0].label == "Mark done"
        assert not project.has_assignments()
        project.set_assignments([("old-1", "ana"), ("old-2", "ben")])
        assert project.assigned_articles("ana") == ["old-1"]

    assert read_header(project_path) == (APPLICATION_ID, SCHEMA_VERSION)
    after = {table: read_rows(project_path, table) for table in before}
    assert after == _upgraded(before)
    for table in ("merge_base", "merges", "merge_conflicts"):
        assert read_rows(project_path, table) == []


LOGGED_MENTION = {
    "id": "m-2",
    "article_id": "old-2",
    "annotator": "ana",
    "start": 0,
    "end": 6,
    "actor_id": None,
    "updated_at": "2024-01-04T09:00:00+00:00",
}
"""A mention added by version 3 of the app, with its row in the undo log."""


def _write_version_3(path: Path) -> None:
    """A project file as version 3 left it: version 1's rows and one logged "Add mention"."""
    create_file(path, default_schema().source, upto=3)
    _fill_version_1_tables(path)
    conn = sqlite3.connect(path)
    conn.execute(
        'INSERT INTO mentions (id, article_id, annotator, start, "end", actor_id, updated_at)'
        " VALUES (:id, :article_id, :annotator, :start, :end, :actor_id, :updated_at)",
        LOGGED_MENTION,
    )
    changes = json.dumps([["mentions", {"id": "m-2"}, None, LOGGED_MENTION]])
    conn.execute(
        "INSERT INTO events (at, annotator, label, article_id, changes, state)"
        " VALUES ('2024-01-04T09:00:00+00:00', 'ana', 'Mark mention', 'old-2', ?, 'done')",
        (changes,),
    )
    conn.commit()
    conn.close()


def test_open_upgrades_a_version_3_file_its_mentions_were_all_marked(project_path: Path) -> None:
    _write_version_3(project_path)
    assert read_header(project_path) == (APPLICATION_ID, 3)
    before = {table: read_rows(project_path, table) for table in V1_TABLES}

    with Project.open(project_path) as project:
        assert project.mention("m-2") == Mention("m-2", "old-2", "ana", 0, 6, None, False)
        # An action logged before the upgrade still undoes and redoes.
        assert project.undo("ana") is not None
        assert project.mention("m-2") is None
        assert project.redo("ana") is not None
        assert project.mention("m-2") == Mention("m-2", "old-2", "ana", 0, 6, None, False)
        # New sources are told apart from marked mentions.
        changed = project.set_claim_source("c-1", Span(17, 24), None)  # "Kestria"
        source = project.mention(changed.attribution.source_mention or "")
        assert source is not None and source.source_only
        assert project.mention("m-1") == Mention("m-1", "old-1", "ana", 0, 8, "act-1", False)

    assert read_header(project_path) == (APPLICATION_ID, SCHEMA_VERSION)
    mentions = read_rows(project_path, "mentions")
    assert [(r["id"], r["source_only"]) for r in mentions] == [
        ("m-1", 0),
        ("m-2", 0),
        (source.id, 1),
    ]
    upgraded = _upgraded(before)
    for table in V1_TABLES:
        if table not in ("mentions", "claims"):
            assert read_rows(project_path, table) == upgraded[table]
    (logged,) = [r for r in read_rows(project_path, "events") if r["label"] == "Mark mention"]
    assert json.loads(logged["changes"])[0][3] == {**LOGGED_MENTION, "source_only": 0}


def test_upgrade_finds_the_sources_version_3_made_with_s(project_path: Path) -> None:
    """A mention that an old "Set source" action created for a claim becomes source-only."""
    _write_version_3(project_path)
    conn = sqlite3.connect(project_path)
    conn.row_factory = sqlite3.Row
    claim_before = dict(conn.execute("SELECT * FROM claims WHERE id = 'c-1'").fetchone())
    source = {**LOGGED_MENTION, "id": "m-s", "article_id": "old-1", "start": 17, "end": 24}
    claim_after = {**claim_before, "attr_source_mention": "m-s", "attr_source_text": "Kestria"}
    conn.execute(
        'INSERT INTO mentions (id, article_id, annotator, start, "end", actor_id, updated_at)'
        " VALUES (:id, :article_id, :annotator, :start, :end, :actor_id, :updated_at)",
        source,
    )
    conn.execute(
        "UPDATE claims SET attr_source_mention = 'm-s', attr_source_text = 'Kestria'"
        " WHERE id = 'c-1'"
    )
    changes = [
        ["mentions", {"id": "m-s"}, None, source],
        ["claims", {"id": "c-1"}, claim_before, claim_after],
    ]
    conn.execute(  # the label as a German app wrote it: the rows, not the words, tell
        "INSERT INTO events (at, annotator, label, article_id, changes, state)"
        " VALUES ('2024-01-05T09:00:00+00:00', 'ana', 'Quelle setzen', 'old-1', ?, 'done')",
        (json.dumps(changes),),
    )
    conn.commit()
    conn.close()

    with Project.open(project_path) as project:
        assert project.mention("m-s") == Mention("m-s", "old-1", "ana", 17, 24, None, True)
        assert project.mention("m-2") == Mention("m-2", "old-2", "ana", 0, 6, None, False)
        project.set_claim_source("c-1", Span(0, 8), "act-1")  # "Norvania" replaces it
        assert project.mention("m-s") is None  # a source-only mention goes with its source
        project.undo("ana")
        assert project.undo("ana") is not None  # the old S action itself still undoes
        assert project.mention("m-s") is None
        assert project.redo("ana") is not None
        assert project.mention("m-s") == Mention("m-s", "old-1", "ana", 17, 24, None, True)


OLD_DEFAULT = Path(__file__).with_name("data") / "default_schema_v4.toml"
"""The default schema as versions 1 to 4 wrote it into projects (attribution type fifth)."""


def test_upgrade_lists_the_attribution_type_second_in_the_old_default_schema(
    project_path: Path,
) -> None:
    create_file(project_path, OLD_DEFAULT.read_text(encoding="utf-8"), upto=4)
    with Project.open(project_path) as project:
        claim_fields = list(project.schema.fields)
        assert claim_fields.index("attribution_type") == claim_fields.index("stance") + 1
        assert project.schema.source == default_schema().source


def test_upgrade_keeps_a_schema_of_the_lead_as_it_is(project_path: Path) -> None:
    own = OLD_DEFAULT.read_text(encoding="utf-8").replace('label = "Category"', 'label = "Kind"')
    create_file(project_path, own, upto=4)
    with Project.open(project_path) as project:
        assert project.schema.source == own


def test_upgrade_records_the_packages_a_version_5_project_merged(project_path: Path) -> None:
    """Migration 6: a package merged before the upgrade is one the project made, for its annotator.

    What was assigned then is not known (NULL): the merge checks the package's
    own record of it, as version 5 did.
    """
    create_file(project_path, default_schema().source, upto=5)
    _fill_version_1_tables(project_path)
    conn = sqlite3.connect(project_path)
    conn.execute(
        "INSERT INTO merges (package_id, annotator, file, packaged_at, merged_at) VALUES"
        " ('pkg-1', 'ana', 'ana.claims', '2024-01-06T09:00:00+00:00', '2024-01-07T09:00:00+00:00')"
    )
    conn.commit()
    conn.close()
    before = {table: read_rows(project_path, table) for table in (*V1_TABLES, "merges", "meta")}

    Project.open(project_path).close()

    assert read_header(project_path) == (APPLICATION_ID, SCHEMA_VERSION)
    before = _upgraded(before)
    assert read_rows(project_path, "issued_packages") == [
        {
            "package_id": "pkg-1",
            "annotator": "ana",
            "packaged_at": "2024-01-06T09:00:00+00:00",
            "file": "ana.claims",
            "assigned": None,
        }
    ]
    assert {table: read_rows(project_path, table) for table in before} == before


def test_upgrade_of_a_version_6_file_renames_the_attribution_type_everywhere(
    project_path: Path,
) -> None:
    """Migration 7: ``attr_type`` becomes ``attribution_type`` in the table and in the rows kept
    as JSON (the undo log, merge conflicts), each key in its place; old actions still undo."""
    create_file(project_path, default_schema().source, upto=6)
    _fill_version_1_tables(project_path)
    conn = sqlite3.connect(project_path)
    conn.row_factory = sqlite3.Row
    row = dict(conn.execute("SELECT * FROM claims WHERE id = 'c-1'").fetchone())
    assert row["attr_type"] == "unattributed"
    changes = [["claims", {"id": "c-1"}, {**row, "attr_type": "direct"}, row]]
    conn.execute(
        "INSERT INTO events (at, annotator, label, article_id, changes, state)"
        " VALUES ('2024-01-06T09:00:00+00:00', 'ana', 'Set attribution type', 'old-1', ?, 'done')",
        (json.dumps(changes, ensure_ascii=False),),
    )
    package_row = {**row, "attr_type": "mixed", "note": "the package's note ✓"}
    conn.execute(
        "INSERT INTO merge_conflicts (package_id, tbl, key, article_id, annotator, package_row,"
        " message, found_at) VALUES ('pkg-1', 'claims', '[\"c-1\"]', 'old-1', 'ana', ?,"
        " 'changed in both', '2024-01-07T09:00:00+00:00')",
        (json.dumps(package_row, ensure_ascii=False),),
    )
    conn.commit()
    conn.close()

    with Project.open(project_path) as project:
        claim = project.claim("c-1")
        assert claim is not None and claim.attribution.attribution_type == "unattributed"
        assert project.value_counts("attribution_type") == {"ana": {"unattributed": 1}}
        assert project.undo("ana") is not None  # the action logged before the upgrade
        assert project.claim("c-1") == replace(
            claim, attribution=replace(claim.attribution, attribution_type="direct")
        )
        assert project.redo("ana") is not None
        assert project.claim("c-1") == claim

    columns = list(read_rows(project_path, "claims")[0])
    assert "attr_type" not in columns
    assert columns == [*_renamed(row), "segments"]  # in the same place among the columns
    (logged,) = [
        r for r in read_rows(project_path, "events") if r["label"] == "Set attribution type"
    ]
    [[_table, _key, before, after]] = json.loads(logged["changes"])
    assert (list(before), list(after)) == (columns, columns)
    assert (before["attribution_type"], after["attribution_type"]) == ("direct", "unattributed")
    (conflict,) = read_rows(project_path, "merge_conflicts")
    upgraded = {**_renamed(package_row), "segments": None}
    assert conflict["package_row"] == json.dumps(upgraded, ensure_ascii=False)


def test_upgrade_from_version_9_records_no_article_as_computed(project_path: Path) -> None:
    """Migration 10: runs are recorded from now on; the suggestions of version 9 stay."""
    create_file(project_path, default_schema().source, upto=9)
    db = sqlite_utils.Database(sqlite3.connect(project_path))
    db["articles"].insert_all([_article("old-1", "Harbour"), _article("old-2", "Inspections")])
    db.conn.commit()
    db.close()
    conn = sqlite3.connect(project_path)
    conn.execute(
        "INSERT INTO suggestions (annotator, key, article_id, recommender, version, score, kind,"
        " labels, note, created_at) VALUES ('ana', 'k1', 'old-1', 'patterns', '1', 0.9, 'claim',"
        " '{}', '', '2024-01-07T09:00:00+00:00')"
    )
    conn.commit()
    conn.close()

    with Project.open(project_path) as project:
        assert project.suggestion_article_ids("ana") == {"old-1"}
        assert project.computed_article_ids("ana", {"patterns": "1"}) == set()
        project.replace_suggestions("ana", ["old-2"], [], None, {"patterns": "1"})
        assert project.computed_article_ids("ana", {"patterns": "1"}) == {"old-2"}
    assert read_header(project_path) == (APPLICATION_ID, SCHEMA_VERSION)
    assert read_rows(project_path, "suggestion_runs")[0]["article_id"] == "old-2"


def test_upgrade_from_version_10_gives_claims_no_segments_and_old_actions_still_undo(
    project_path: Path,
) -> None:
    """Migration 11: ``claims.segments`` is NULL (one piece) for every claim of an older file,
    in the table, the undo log and merge conflicts; an action logged before still undoes."""
    create_file(project_path, default_schema().source, upto=6)
    _fill_version_1_tables(project_path)  # as version 1 had them; 7 to 10 keep their rows
    db = sqlite_utils.Database(sqlite3.connect(project_path))
    migrate(db, target=10)
    db.close()
    conn = sqlite3.connect(project_path)
    conn.row_factory = sqlite3.Row
    row = dict(conn.execute("SELECT * FROM claims WHERE id = 'c-1'").fetchone())
    assert "segments" not in row
    changes = [["claims", {"id": "c-1"}, {**row, "stance": "support"}, row]]
    conn.execute(
        "INSERT INTO events (at, annotator, label, article_id, changes, state)"
        " VALUES ('2024-01-06T09:00:00+00:00', 'ana', 'Set stance', 'old-1', ?, 'done')",
        (json.dumps(changes, ensure_ascii=False),),
    )
    conn.execute(
        "INSERT INTO merge_conflicts (package_id, tbl, key, article_id, annotator, package_row,"
        " message, found_at) VALUES ('pkg-1', 'claims', '[\"c-1\"]', 'old-1', 'ana', ?,"
        " 'changed in both', '2024-01-07T09:00:00+00:00')",
        (json.dumps({**row, "note": "theirs"}, ensure_ascii=False),),
    )
    conn.commit()
    conn.close()

    with Project.open(project_path) as project:
        claim = project.claim("c-1")
        assert claim is not None and claim.segments == () and claim.content == (Span(0, 62),)
        assert project.undo("ana") is not None
        assert project.claim("c-1") == replace(claim, stance="support")
        assert project.redo("ana") is not None
        assert project.claim("c-1") == claim

    assert read_rows(project_path, "claims")[0]["segments"] is None
    (conflict,) = read_rows(project_path, "merge_conflicts")
    assert json.loads(conflict["package_row"]) == {**row, "note": "theirs", "segments": None}
