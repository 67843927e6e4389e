"""A file read in a second process imports exactly as one read here, and fails as one.

`annotator.io.parallel` runs a format's reader and `prepare` in a spawned
process. These tests import the same files both ways into real project files
and compare every row and the reports; readers of the test's own (module-level,
so the process can import them) raise, crash, die and hang where a real
reader could.
"""

from __future__ import annotations

import errno
import multiprocessing
import os
import pickle
import random
import signal
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from annotator.core.errors import AnnotatorError, InputError, ProjectError, ValidationError
from annotator.core.schema import LabelSchema, default_schema
from annotator.io import parallel
from annotator.io.importer import ImportReport, import_files
from annotator.io.parallel import ReadJob, prepare_in_second_process
from annotator.io.readers import Noted, Record
from annotator.store.project import Project
from tests.helpers import kill, python_child
from tests.io.test_label_studio_direct import _task

STAMPS = {"added_at", "updated_at"}
TABLES = ("articles", "mentions", "claims", "statuses", "claim_links", "actors", "actor_aliases")


def _rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the label tables, without their timestamps, in order."""
    conn = sqlite3.connect(path)
    try:
        rows = {}
        for table in TABLES:
            columns = [c[1] for c in conn.execute(f"PRAGMA table_info({table})")]
            kept = ", ".join(f'"{c}"' for c in columns if c not in STAMPS)
            rows[table] = conn.execute(f"SELECT {kept} FROM {table} ORDER BY 1, 2").fetchall()
        return rows
    finally:
        conn.close()


def _both_ways(
    tmp_path: Path, source: Path, **options: Any
) -> tuple[list[Any], list[dict[str, list[tuple[Any, ...]]]]]:
    """Import ``source`` read here and read in a second process: outcomes and rows."""
    outcomes: list[Any] = []
    rows = []
    for way in (False, True):
        path = tmp_path / f"parallel-{way}.claims"
        with Project.create(path) as project:
            try:
                report = import_files(project, [source], parallel=way, **options)
                outcomes.append((report, [str(e) for e in report.skipped]))
            except AnnotatorError as exc:
                outcomes.append((type(exc), str(exc)))
        rows.append(_rows(path))
    return outcomes, rows


def _export(path: Path, tasks: list[Any]) -> Path:
    path.write_bytes(b"[\n" + b",\n".join(orjson.dumps(t) for t in tasks) + b"\n]\n")
    return path


def _usual(number: int, annotators: int) -> dict[str, Any]:
    """A task as a team labels them: a claim with its speaker, cue, stance and note."""
    annotations = []
    for person in range(annotators):
        result = [
            {"id": "c1", "type": "labels", "value": {"start": 0, "end": 37, "labels": ["Claim"]}},
            {"id": "m1", "type": "labels", "value": {"start": 0, "end": 7, "labels": ["Mention"]}},
            {"id": "q1", "type": "labels", "value": {"start": 8, "end": 12, "labels": ["Cue"]}},
            {
                "id": "c1",
                "type": "choices",
                "from_name": "stance",
                "value": {"choices": ["oppose" if person else "support"]},
            },
            {
                "id": "c1",
                "type": "textarea",
                "from_name": "note",
                "value": {"text": [f"n{number}"]},
            },
            {"type": "relation", "from_id": "m1", "to_id": "c1", "labels": ["Source"]},
        ]
        annotations.append({"completed_by": f"ann{person}@example.org", "result": result})
    data = {"id": f"u{number}", "text": TEXT_LS, "title": f"Port {number}", "origin": "feed"}
    return {"data": data, "annotations": annotations}


TEXT_LS = "Velgrad said the harbour would reopen.\r\nOfficials denied it on Monday, Škoda added 🙂."


def test_label_studio_tasks_of_every_kind_import_alike_both_ways(tmp_path: Path) -> None:
    rng = random.Random(20261203)
    tasks = [_task(rng) if n % 3 else _usual(n, n % 4) for n in range(900)]
    source = _export(tmp_path / "tasks.json", tasks)

    outcomes, rows = _both_ways(tmp_path, source, format="label-studio", skip_invalid=True)

    (here, skipped_here), (there, skipped_there) = outcomes
    assert isinstance(here, ImportReport) and skipped_here == skipped_there
    assert (here.added, here.annotations, here.warnings) == (
        there.added,
        there.annotations,
        there.warnings,
    )
    assert len(here.skipped) > 100 and here.added > 300  # odd tasks, ids met twice
    assert rows[0] == rows[1]
    assert len(rows[0]["claims"]) > 400 and len(rows[0]["mentions"]) > 400


def test_the_first_bad_task_stops_the_import_alike_both_ways(tmp_path: Path) -> None:
    rng = random.Random(7)
    tasks = [_task(rng) for _ in range(400)]
    tasks.insert(300, {"data": {"text": 5}})
    source = _export(tmp_path / "tasks.json", tasks)

    outcomes, rows = _both_ways(tmp_path, source, format="label-studio")

    assert outcomes[0] == outcomes[1]
    assert outcomes[0][0] is InputError
    assert rows[0] == rows[1] == _rows(Project.create(tmp_path / "empty.claims").path)


def test_a_file_cut_short_is_read_alike_both_ways(tmp_path: Path) -> None:
    rng = random.Random(11)
    whole = _export(tmp_path / "whole.json", [_task(rng) for _ in range(300)]).read_bytes()
    source = tmp_path / "cut.json"
    source.write_bytes(whole[: len(whole) * 2 // 3])

    outcomes, rows = _both_ways(tmp_path, source, format="label-studio", skip_invalid=True)

    assert outcomes[0][1] == outcomes[1][1]
    assert outcomes[0][0].added == outcomes[1][0].added > 20
    assert "not valid JSON" in outcomes[0][1][-1]  # where the file breaks off
    assert rows[0] == rows[1]


def test_native_lines_with_links_and_actors_import_alike_both_ways(tmp_path: Path) -> None:
    text = "Velgrad said the quay stays shut. Kestria denied it."
    lines = []
    for n in range(300):
        entry = {
            "annotator": "ana",
            "status": "done",
            "actors": [{"id": "velgrad", "name": "Velgrad", "type": "state", "aliases": ["V"]}],
            "mentions": [{"id": f"m{n}", "start": 0, "end": 7, "actor": "velgrad"}],
            "claims": [
                {
                    "id": f"c{n}",
                    "start": 13,
                    "end": 32,
                    "claimant": "velgrad",
                    "stance": "oppose",
                    "attribution": {"source_mention": f"m{n}", "cue": {"start": 8, "end": 12}},
                    "links": [f"c{n + 1}"] if n % 2 == 0 and n < 299 else [],
                }
            ],
        }
        lines.append({"id": f"a{n}", "text": text, "story": f"s{n // 2}", "annotations": [entry]})
    source = tmp_path / "lines.jsonl"
    source.write_bytes(b"".join(orjson.dumps(line) + b"\n" for line in lines))

    outcomes, rows = _both_ways(tmp_path, source)

    assert outcomes[0][0] == outcomes[1][0] and outcomes[0][1] == []
    assert rows[0] == rows[1]
    assert len(rows[0]["claim_links"]) == 150 and len(rows[0]["actors"]) == 1


# -- readers of the test's own, run in the second process ---------------------------------------

TEXT = "Velgrad said the quay stays shut."


def _plain(number: int) -> dict[str, Any]:
    return {"id": f"a{number}", "text": f"{TEXT} ({number})"}


def noted_then_raise(
    schema: LabelSchema, path: Path, options: Any
) -> tuple[Iterator[Record], None]:
    """300 records (every tenth with a warning), then the error of a file that cannot go on."""

    def records() -> Iterator[Record]:
        for number in range(1, 301):
            record: Any = _plain(number)
            if number % 10 == 0:
                record = Noted(record, [f"left something out of {number}"])
            yield number, record, number
        raise InputError(str(path), "cannot read on (the disk went away)", 301)

    return records(), None


def faulty(schema: LabelSchema, path: Path, options: Any) -> tuple[Iterator[Record], None]:
    """A reader with a fault of ours after 200 records."""

    def records() -> Iterator[Record]:
        for number in range(1, 201):
            yield number, _plain(number), number
        raise ZeroDivisionError("a reader's own fault")

    return records(), None


def killed_midway(schema: LabelSchema, path: Path, options: Any) -> tuple[Iterator[Record], None]:
    """A process killed (out of memory, say) after sending records."""

    def records() -> Iterator[Record]:
        for number in range(1, 2001):
            if number == 1500:
                time.sleep(0.5)  # what was sent is taken
                os.kill(os.getpid(), signal.SIGKILL)
            yield number, _plain(number), number

    return records(), None


def dead_at_once(schema: LabelSchema, path: Path, options: Any) -> tuple[Iterator[Record], None]:
    """In the second process it ends before anything; here it reads."""
    if multiprocessing.parent_process() is not None:
        os._exit(3)
    return (((n, _plain(n), n) for n in range(1, 51)), None)


def endless(schema: LabelSchema, path: Path, options: Any) -> tuple[Iterator[Record], None]:
    """Records without end; writes the process id to ``path`` first."""
    path.write_text(str(os.getpid()), encoding="utf-8")

    def records() -> Iterator[Record]:
        number = 0
        while True:
            number += 1
            yield number, _plain(number), number

    return records(), None


def _run(read: Any, path: Path, stamp: str = "S") -> Iterator[Any]:
    return prepare_in_second_process(ReadJob(read, path, None), None, default_schema(), stamp)


def test_records_warnings_and_the_error_raised_arrive_in_order(tmp_path: Path) -> None:
    taken = []
    with pytest.raises(InputError) as caught:
        for item in _run(noted_then_raise, tmp_path / "x"):
            taken.append(item)

    assert [number for number, _, _ in taken] == list(range(1, 301))
    assert taken[9][1].warnings == ["left something out of 10"]
    assert taken[299][1].article_id == "a300" and taken[299][1].article[-1] == "S"
    error = caught.value
    assert (error.file, error.line, error.reason) == (
        str(tmp_path / "x"),
        301,
        "cannot read on (the disk went away)",
    )


def test_a_fault_in_the_second_process_comes_back_with_its_traceback(tmp_path: Path) -> None:
    items = _run(faulty, tmp_path / "x")
    with pytest.raises(RuntimeError) as caught:
        for _ in items:
            pass
    assert "ZeroDivisionError: a reader's own fault" in str(caught.value)
    assert "in records" in str(caught.value)  # the traceback, for the log


def test_a_second_process_killed_after_sending_fails_the_import_and_changes_nothing(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.io import importer

    source = tmp_path / "feed.lines"
    source.write_text("x", encoding="utf-8")
    monkeypatch.setitem(importer.IMPORTERS, "killed", importer.ImportFormat(killed_midway))

    with pytest.raises(ProjectError, match=r"ended unexpectedly.*nothing of the file was imported"):
        import_files(project, [source], format="killed", parallel=True)

    assert project.article_count() == 0
    assert multiprocessing.active_children() == []


def test_a_second_process_that_ends_at_once_leaves_the_reading_here(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    from annotator.io import importer

    source = tmp_path / "feed.lines"
    source.write_text("x", encoding="utf-8")
    monkeypatch.setitem(importer.IMPORTERS, "dead", importer.ImportFormat(dead_at_once))

    report = import_files(project, [source], format="dead", parallel=True)

    assert report.added == 50 and project.article_count() == 50
    assert "the reading process ended at once (exit code 3)" in caplog.text


class _Refusing:
    """A multiprocessing context whose processes do not start (a packaged app without support)."""

    def __init__(self) -> None:
        self.real = multiprocessing.get_context("spawn")

    def Pipe(self, duplex: bool) -> Any:
        return self.real.Pipe(duplex)

    def Process(self, **kwargs: Any) -> Any:
        process = self.real.Process(**kwargs)

        def refuse() -> None:
            raise OSError("spawn refused")

        process.start = refuse  # type: ignore[method-assign]
        return process


def test_a_second_process_that_cannot_start_leaves_the_reading_here(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    monkeypatch.setattr(parallel, "get_context", lambda method: _Refusing())
    rng = random.Random(3)
    source = _export(tmp_path / "tasks.json", [_task(rng) for _ in range(50)])

    report = import_files(
        project, [source], format="label-studio", skip_invalid=True, parallel=True
    )

    assert report.added > 0 and project.article_count() == report.added
    assert "the reading process did not start (spawn refused)" in caplog.text


def test_closing_early_ends_the_second_process(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    items = _run(endless, pid_file)
    assert next(items)[0] == 1
    pid = int(pid_file.read_text(encoding="utf-8"))

    items.close()  # type: ignore[attr-defined]

    assert multiprocessing.active_children() == []
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


IMPORTING = """
import sys
from pathlib import Path
from annotator.io.parallel import ReadJob, prepare_in_second_process
from annotator.core.schema import default_schema
from tests.io.test_parallel_import import endless

if __name__ == "__main__":
    items = prepare_in_second_process(ReadJob(endless, Path(sys.argv[1]), None), None,
                                      default_schema(), "S")
    for number, _, _ in items:
        if number == 1000:
            print("reading", flush=True)
"""


def test_the_second_process_ends_when_the_import_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "importing.py"
    script.write_text(IMPORTING, encoding="utf-8")
    pid_file = tmp_path / "pid"
    importing = python_child(str(script), str(pid_file), ready="reading")
    reader = int(pid_file.read_text(encoding="utf-8"))

    kill(importing)

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            os.kill(reader, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        pytest.fail(f"the reading process {reader} outlived the import")


def test_errors_cross_between_processes_as_they_were() -> None:
    for error in (
        InputError("feed.json", "task 3: bad", 3, 7),
        InputError("feed.json", "cannot read it"),
        ValidationError("claim 'c': stance 'x' is not in the schema"),
    ):
        again = pickle.loads(pickle.dumps(error))
        assert type(again) is type(error) and str(again) == str(error)
        assert vars(again) == vars(error)


def test_only_a_large_file_on_two_cores_is_worth_a_second_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = tmp_path / "small.jsonl"
    small.write_bytes(b"x" * 1000)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 1000)
    monkeypatch.setattr(parallel, "usable_cores", lambda: 2)
    assert parallel.worth_it(small)
    assert not parallel.worth_it(tmp_path)  # a folder
    assert not parallel.worth_it(tmp_path / "missing.jsonl")
    monkeypatch.setattr(parallel, "usable_cores", lambda: 1)
    assert not parallel.worth_it(small)
    monkeypatch.setattr(parallel, "usable_cores", lambda: 2)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 1001)
    assert not parallel.worth_it(small)


def test_the_import_command_reads_a_large_file_in_a_second_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    from click.testing import CliRunner

    from annotator.cli import cli

    source = _export(tmp_path / "tasks.json", [_usual(n, 2) for n in range(400)])
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", source.stat().st_size)
    monkeypatch.setattr(parallel, "usable_cores", lambda: 2)
    path = tmp_path / "team.claims"
    Project.create(path).close()
    caplog.set_level("INFO", logger="annotator.io.parallel")
    caplog.set_level("INFO", logger="annotator.store.bulk")

    result = CliRunner().invoke(cli, ["import", str(path), str(source), "--format", "label-studio"])

    assert result.exit_code == 0, result.output
    assert "imported 400 new articles (800 annotation entries)" in result.output
    assert f"reading {source} in a second process" in caplog.text
    assert "team.claims: writing through a rollback journal" in caplog.text  # larger than it
    with Project.open(path) as project:
        assert project.article_count() == 400


def unreadable(schema: LabelSchema, path: Path, options: Any) -> tuple[Iterator[Record], None]:
    """A reader whose disk fails after 200 records (an OSError, as `open` and `read` raise)."""

    def records() -> Iterator[Record]:
        for number in range(1, 201):
            yield number, _plain(number), number
        raise OSError(errno.EIO, "Input/output error", str(path))

    return records(), None


def test_a_file_that_cannot_be_read_on_fails_alike_both_ways(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.io import importer

    source = tmp_path / "feed.lines"
    source.write_text("x", encoding="utf-8")
    monkeypatch.setitem(importer.IMPORTERS, "eio", importer.ImportFormat(unreadable))
    for way in (False, True):
        with Project.create(tmp_path / f"parallel-{way}.claims") as project:
            with pytest.raises(OSError) as caught:  # the CLI says it in one line
                import_files(project, [source], format="eio", parallel=way)
            error = caught.value
            assert (type(error), error.errno, error.strerror, error.filename) == (
                OSError,
                errno.EIO,
                "Input/output error",
                str(source),
            )
            assert project.article_count() == 0


def test_a_named_pipe_is_read_here_even_when_a_second_process_is_asked_for(
    project: Project, tmp_path: Path, caplog: Any
) -> None:
    # A pipe is read once: were the second process to end before sending, it could not
    # be read again here.
    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)

    def write() -> None:
        with open(fifo, "wb") as out:
            for number in range(1, 301):
                out.write(orjson.dumps(_plain(number)) + b"\n")

    writer = threading.Thread(target=write)
    writer.start()
    caplog.set_level("INFO", logger="annotator.io.parallel")
    try:
        report = import_files(project, [fifo], parallel=True)
    finally:
        writer.join()

    assert report.added == 300 and project.article_count() == 300
    assert "second process" not in caplog.text
