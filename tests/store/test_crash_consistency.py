"""A process killed while it writes leaves a sound project file holding a prefix of its work.

A child process writes through the real store API in a tight loop (bulk
imports of generated JSONL chunks, labelling actions, undo); the test kills
it with SIGKILL at random moments, then checks the file with plain sqlite3
(integrity and foreign keys) and with `Project.open` (the dead process's lock
does not block; the labels agree with the undo log; imports are all or
nothing; nothing that was there before is gone). tests/ui/test_never_lose_work.py
checks the same through the window, for actions the window showed as done.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from annotator.core.model import Article
from annotator.store.project import Project

REPO = Path(__file__).resolve().parents[2]
ROUNDS = 5
CHUNK = 40  # articles per imported file; each carries 2 claims by "bulk"
TEXT = "Velgrad said the port would reopen on Monday, officials said. " * 30

CHILD = """
import json, random, sys, uuid
from pathlib import Path
from annotator.core.errors import AnnotatorError
from annotator.io.importer import import_files
from annotator.store.project import Project

path, round_no, seed, chunk = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(seed)
project = Project.open(path, user="writer")
text = project.article("a1").text
chunk_file = Path(path).with_name(f"chunk-{round_no}.jsonl")
claims = []

def chunk_lines(n):
    for k in range(chunk):
        entry = {"annotator": "bulk", "status": "done", "claims": [
            {"id": str(uuid.uuid4()), "start": 0, "end": 7, "text": "Velgrad"},
            {"id": str(uuid.uuid4()), "start": 8, "end": 12, "text": "said"},
        ]}
        line = {"id": f"r{round_no}-{n}-{k}", "text": text, "annotations": [entry]}
        yield json.dumps(line) + "\\n"

print("ready", flush=True)
n = 0
while True:
    n += 1
    roll = rng.random()
    start = rng.randrange(len(text) - 10)
    try:
        if roll < 0.15:
            chunk_file.write_text("".join(chunk_lines(n)), encoding="utf-8")
            import_files(project, [chunk_file])
        elif roll < 0.45:
            claims.append(project.add_claim("a1", "ana", start, start + 5).id)
        elif roll < 0.65 and claims:
            stance = rng.choice(["support", "oppose", "neutral"])
            project.update_claim(rng.choice(claims), stance=stance)
        elif roll < 0.85:
            project.add_mention("a1", "ana", start, start + 4)
        else:
            project.undo("ana")
    except AnnotatorError:
        pass  # a claim an undo removed, an undo that conflicts: refused, as in the app
"""


def _start(path: Path, round_no: int, seed: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(round_no), str(seed), str(CHUNK)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=env,
    )


def _check_sqlite(path: Path) -> None:
    """The file as plain SQLite sees it: every page sound, every reference resolves."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def _rows(project: Project, sql: str) -> dict[str, dict[str, Any]]:
    cursor = project.conn.execute(sql)
    names = [d[0] for d in cursor.description]
    return {row[0]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}


def _check_labels_match_the_log(project: Project) -> None:
    """Replaying the done actions in order gives exactly the labels in the tables."""
    replayed: dict[str, dict[str, dict[str, Any]]] = {"claims": {}, "mentions": {}}
    for event in project.events.history("ana", limit=1_000_000)[::-1]:
        if event.state != "done":
            continue
        for change in event.changes:
            rows = replayed[change.table]
            if change.after is None:
                rows.pop(change.key["id"], None)
            else:
                rows[change.key["id"]] = change.after
    assert _rows(project, "SELECT * FROM claims WHERE annotator = 'ana'") == replayed["claims"]
    assert _rows(project, "SELECT * FROM mentions WHERE annotator = 'ana'") == replayed["mentions"]


def _counts(project: Project) -> dict[str, int]:
    one = project.conn.execute
    return {
        "events": one("SELECT count(*) FROM events").fetchone()[0],
        "imported": one("SELECT count(*) FROM articles WHERE id != 'a1'").fetchone()[0],
        "bulk claims": one("SELECT count(*) FROM claims WHERE annotator = 'bulk'").fetchone()[0],
    }


@pytest.mark.slow
def test_sigkill_during_writes_leaves_a_consistent_file(project_path: Path) -> None:
    with Project.create(project_path) as project:
        project.add_articles([Article(id="a1", text=TEXT, title="Port")])
    rng = random.Random(20260313)
    before = {"events": 0, "imported": 0, "bulk claims": 0}
    for round_no in range(ROUNDS):
        child = _start(project_path, round_no, rng.randrange(1 << 30))
        assert child.stdout is not None and child.stderr is not None
        line = child.stdout.readline()
        assert line == "ready\n", child.stderr.read()
        time.sleep(rng.uniform(0.05, 0.4))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        assert child.returncode == -signal.SIGKILL, child.stderr.read()
        child.stdout.close()
        child.stderr.close()

        _check_sqlite(project_path)
        with Project.open(project_path) as project:  # the killed writer's lock is gone
            _check_labels_match_the_log(project)
            counts = _counts(project)
        assert counts["imported"] % CHUNK == 0  # each file all or nothing
        assert counts["bulk claims"] == 2 * counts["imported"]
        assert all(counts[k] >= before[k] for k in counts), (before, counts)
        before = counts
    assert before["events"] > 0 and before["imported"] > 0  # the child did write
