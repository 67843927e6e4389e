"""An import leaves the secondary indexes out while it writes, and the file as the schema makes it.

`BulkWriter` with ``defer_indexes`` (as every import runs) drops the
secondary indexes of the tables it fills inside its transaction and makes
them again from the SQL the file held before it commits. After an import the
file's indexes and triggers are exactly those of a fresh project; a failed
import, or one killed mid-way, leaves the file with every index and trigger
it had, sound, and its search working.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.model import Article
from annotator.io.importer import import_files
from annotator.store.bulk import DEFERRED_INDEX_TABLES, BulkWriter
from annotator.store.project import Project
from tests.helpers import kill, python_child

WORDS = "Velgrad said the harbour would reopen on Monday, officials said."


def _objects(path: Path) -> set[tuple[str, str, str, str | None]]:
    """The file's indexes and triggers (and tables) as ``sqlite_master`` lists them."""
    conn = sqlite3.connect(path)
    try:
        return set(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
    finally:
        conn.close()


def _secondary_indexes(conn: sqlite3.Connection) -> set[str]:
    marks = ",".join("?" * len(DEFERRED_INDEX_TABLES))
    return {
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            f" AND tbl_name IN ({marks})",
            DEFERRED_INDEX_TABLES,
        )
    }


def _lines(path: Path, count: int, prefix: str = "x") -> Path:
    with open(path, "w", encoding="utf-8") as out:
        for i in range(count):
            entry = {
                "annotator": "ana",
                "status": "done",
                "mentions": [{"id": f"{prefix}{i}-m", "start": 0, "end": 7}],
                "claims": [{"id": f"{prefix}{i}-c", "start": 8, "end": 12, "stance": "support"}],
            }
            line = {"id": f"{prefix}{i}", "text": f"{WORDS} Number {i}.", "story": f"s{i % 3}"}
            out.write(json.dumps({**line, "annotations": [entry]}) + "\n")
    return path


def _check_sound(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)")
    finally:
        conn.close()


def _fresh(tmp_path: Path) -> set[tuple[str, str, str, str | None]]:
    path = tmp_path / "fresh.claims"
    Project.create(path).close()
    return _objects(path)


def test_an_import_into_a_new_project_leaves_the_schema_of_a_fresh_one(
    project: Project, tmp_path: Path
) -> None:
    import_files(project, [_lines(tmp_path / "in.jsonl", 300)])

    assert _objects(project.path) == _fresh(tmp_path)
    _check_sound(project.path)
    assert [h.article_id for h in project.search("number 299")] == ["x299"]
    assert project.conn.execute(
        "SELECT count(*) FROM claims INDEXED BY idx_claims_article_id_annotator"
        " WHERE article_id = 'x7' AND annotator = 'ana'"
    ).fetchone() == (1,)


def test_the_indexes_are_left_out_while_an_import_writes_and_made_again_before_it_commits(
    project: Project, article_in: Article
) -> None:
    before = _secondary_indexes(project.conn)
    assert {"idx_claims_claimant", "idx_articles_story", "idx_statuses_annotator_status"} <= before

    with BulkWriter(project, input_bytes=1000, defer_indexes=True) as writer:
        # articles is not empty, and 1,000 bytes are less than the file: its indexes stay
        left = _secondary_indexes(project.conn)
        assert left == {name for name in before if "_articles_" in name}
        writer.add_article(Article("b1", "Another text."))

    assert _secondary_indexes(project.conn) == before

    with BulkWriter(project, input_bytes=1 << 40, defer_indexes=True):
        assert _secondary_indexes(project.conn) == set()  # larger than the file: all go
    assert _secondary_indexes(project.conn) == before

    with BulkWriter(project):  # writers other than imports keep them
        assert _secondary_indexes(project.conn) == before


def test_a_large_import_into_a_project_with_articles_keeps_them_and_the_schema(
    project: Project, tmp_path: Path
) -> None:
    import_files(project, [_lines(tmp_path / "first.jsonl", 5, prefix="a")])
    import_files(project, [_lines(tmp_path / "more.jsonl", 3000)])  # larger than the file

    assert _objects(project.path) == _fresh(tmp_path)
    _check_sound(project.path)
    assert project.article_count() == 3005
    assert {"a4", "x4"} <= {h.article_id for h in project.search("number 4")}


def test_a_failed_import_leaves_every_index(project: Project, tmp_path: Path) -> None:
    good = _lines(tmp_path / "in.jsonl", 50)
    with open(good, "a", encoding="utf-8") as out:
        out.write('{"id": "bad", "text": 5}\n')
    fresh = _objects(project.path)

    with pytest.raises(InputError, match="line 51"):
        import_files(project, [good])

    assert _objects(project.path) == fresh
    assert project.article_count() == 0


CHILD = """
import sys, time
from pathlib import Path
from annotator.io.importer import import_files
from annotator.store.project import Project

project = Project.open(sys.argv[1])
halfway = int(sys.argv[3]) // 2

def progress(done, total):
    # Small cache from here on: the import's pages are written before it commits.
    project.conn.execute("PRAGMA cache_size = 50")
    if done >= halfway:
        print("halfway", flush=True)
        time.sleep(600)

import_files(project, [Path(sys.argv[2])], progress=progress, rollback_journal=True)
print("finished", flush=True)
"""


@pytest.mark.slow
def test_an_import_killed_mid_way_leaves_a_sound_file_with_its_indexes_and_search(
    project_path: Path, tmp_path: Path
) -> None:
    with Project.create(project_path) as project:
        project.add_articles([Article("a1", WORDS, title="Port")])
    fresh = _objects(project_path)
    lines = _lines(tmp_path / "in.jsonl", 4000)
    size = str(lines.stat().st_size)
    child = python_child("-c", CHILD, str(project_path), str(lines), size, ready="halfway")
    # Larger than the file, as the CLI imports: through a rollback journal (`_leave_wal`),
    # the import's pages in the file itself, the journal holding what they replaced.
    journal = project_path.with_name(project_path.name + "-journal")
    assert journal.stat().st_size > 0
    assert project_path.stat().st_size > 1_000_000
    assert not project_path.with_name(project_path.name + "-wal").exists()
    kill(child)

    _check_sound(project_path)
    assert _objects(project_path) == fresh
    with Project.open(project_path) as project:
        assert project.article_count() == 1
        assert [h.article_id for h in project.search("harbour")] == ["a1"]
        import_files(project, [lines])  # and the next import goes through
        assert project.article_count() == 4001
    assert _objects(project_path) == fresh
    _check_sound(project_path)


@pytest.mark.parametrize("setting", [None, 8])
def test_the_search_index_merges_after_an_import_as_it_was_set_to(
    project: Project, tmp_path: Path, setting: int | None
) -> None:
    """While an import indexes batch after batch its segments wait unmerged (`_pause_merging`)."""
    if setting is not None:
        project.conn.execute(
            "INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', ?)", (setting,)
        )
        project.conn.commit()
    source = _lines(tmp_path / "in.jsonl", 4500)
    during: set[int] = set()

    def progress(done: int, total: int) -> None:
        if done < total:
            found = project.conn.execute(
                "SELECT v FROM articles_fts_config WHERE k = 'automerge'"
            ).fetchone()
            during.add(int(found[0]) if found else 4)

    import_files(project, [source], progress=progress, parallel=True)

    assert 0 in during  # paused once the first batch was indexed
    (after,) = project.conn.execute(
        "SELECT v FROM articles_fts_config WHERE k = 'automerge'"
    ).fetchone()
    assert int(after) == (setting or 4)
    _check_sound(project.path)
    assert [h.article_id for h in project.search("number 4499")] == ["x4499"]
