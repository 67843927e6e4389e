"""Export targets: never the project's own files (by any name), and pipes are written into.

Each refused target must leave the project's files byte-identical: the
project, its write-ahead log and its lock file, read as bytes before and after.
"""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from annotator.core.errors import AnnotatorError, ProjectInUseError
from annotator.io.export import ExportFilter, is_stream
from annotator.io.formats import export_to
from annotator.io.importer import import_files
from annotator.store.backup import backup_folder, backup_project
from annotator.store.lock import lock_path
from annotator.store.project import Project
from tests.helpers import run
from tests.io.lines import claim, entry, export_bytes, mention, write_jsonl

SAYS = "Mayor Ilse Varga said the quay will stay open."


@pytest.fixture
def labelled(project: Project, tmp_path: Path) -> Project:
    """The project (open for writing, so its -wal and lock exist) with a labelled article."""
    labels = entry(
        mentions=[mention("m1", SAYS, "Ilse Varga")],
        claims=[claim("c1", SAYS, "the quay will stay open")],
    )
    source = write_jsonl(
        tmp_path / "seed.jsonl", {"id": "a1", "text": SAYS, "annotations": [labels]}
    )
    import_files(project, [source])
    return project


def side_file(project: Project, suffix: str) -> Path:
    """A file of the project: ``-wal``, ``-shm``, ``-journal``, ``.lock`` or the project ("")."""
    if suffix == ".lock":
        return lock_path(project.path)
    return project.path.with_name(project.path.name + suffix)


def snapshot(project: Project) -> dict[str, bytes | None]:
    """The bytes of the project file, its write-ahead log and its lock file."""
    found: dict[str, bytes | None] = {}
    for suffix in ("", "-wal", ".lock"):
        path = side_file(project, suffix)
        found[suffix] = path.read_bytes() if path.exists() else None
    return found


def refused(project: Project, target: Path, fmt: str = "jsonl") -> str:
    """The message of an export to ``target``, which must fail and change no project file."""
    before = snapshot(project)
    assert before["-wal"], "the test needs a write-ahead log with commits in it"
    with pytest.raises(AnnotatorError) as caught:
        export_to(project, fmt, target, ExportFilter())
    assert snapshot(project) == before
    return str(caught.value)


@pytest.mark.parametrize(
    ("suffix", "what"),
    [
        ("", "is the project itself"),
        ("-wal", "is the write-ahead log (-wal) of the project test.claims"),
        ("-shm", "is the shared-memory index (-shm) of the project test.claims"),
        ("-journal", "is the rollback journal (-journal) of the project test.claims"),
        (".lock", "is the lock file of the project test.claims"),
    ],
)
@pytest.mark.parametrize("how", ["as named", "by a symlink", "by a relative path"])
def test_refuses_the_project_and_its_side_files(
    labelled: Project,
    tmp_path: Path,
    suffix: str,
    what: str,
    how: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = side_file(labelled, suffix)
    if how == "by a symlink":
        link = tmp_path / "elsewhere" / "out.jsonl"
        link.parent.mkdir()
        link.symlink_to(target)  # -journal does not exist: a dangling link is caught too
        target = link
    elif how == "by a relative path":
        monkeypatch.chdir(tmp_path / "user")
        target = Path("..") / target.name

    message = refused(labelled, target)

    assert message.startswith(f"{target} {what}")
    if suffix == "-journal":
        assert not side_file(labelled, suffix).exists()


@pytest.mark.parametrize("suffix", ["", "-wal", ".lock"])
def test_refuses_a_hard_link_to_the_project_or_its_side_files(
    labelled: Project, tmp_path: Path, suffix: str
) -> None:
    hard = tmp_path / "linked.jsonl"
    os.link(side_file(labelled, suffix), hard)

    message = refused(labelled, hard)

    assert message.startswith(f"{hard} is ")
    assert hard.stat().st_nlink == 2  # the link was not replaced either


def test_refuses_a_target_whose_scratch_file_is_the_project(
    labelled: Project, tmp_path: Path
) -> None:
    target = tmp_path / "out.jsonl"
    (tmp_path / "out.jsonl.partial").symlink_to(labelled.path)

    message = refused(labelled, target)

    assert message.startswith(f"{target} (written first as {target}.partial) is the project")


def test_refuses_a_label_studio_config_that_would_land_on_the_wal(
    labelled: Project, tmp_path: Path
) -> None:
    (tmp_path / "tasks.label_config.xml").symlink_to(side_file(labelled, "-wal"))

    message = refused(labelled, tmp_path / "tasks.json", "label-studio")

    assert "is the write-ahead log (-wal)" in message
    assert not (tmp_path / "tasks.json").exists()


def test_refuses_the_backups(labelled: Project) -> None:
    made = backup_project(labelled, "manual")
    assert made is not None
    before = made.path.read_bytes()

    assert "is a backup of the project test.claims" in refused(labelled, made.path)
    fresh = backup_folder(labelled.project_id) / "new.jsonl"
    assert "is in the backups folder" in refused(labelled, fresh)
    assert "is in the backups folder" in refused(labelled, fresh.parent / "brat", "brat")
    assert made.path.read_bytes() == before
    assert not fresh.exists()


def test_cli_refuses_the_wal_while_the_project_is_open(labelled: Project) -> None:
    before = snapshot(labelled)

    result = run("export", labelled.path, "-o", side_file(labelled, "-wal"), ok=False)

    assert result.exit_code == 1
    assert "is the write-ahead log (-wal) of the project test.claims" in result.output
    assert snapshot(labelled) == before


def test_cli_refuses_an_import_report_on_the_lock_file(labelled: Project, tmp_path: Path) -> None:
    labelled.close()  # the import opens it for writing
    lock = lock_path(labelled.path)
    before = labelled.path.read_bytes()
    bad = write_jsonl(tmp_path / "bad.jsonl", {"id": "b"})

    result = run("import", labelled.path, bad, "--skip-invalid", "--report", lock, ok=False)

    assert result.exit_code == 1
    assert "is the lock file of the project test.claims" in result.output
    assert "write the report to another file" in result.output
    assert labelled.path.read_bytes() == before
    assert "bad.jsonl" not in lock.read_text()  # the lock records its holder, not the report


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal", ".lock"])
@pytest.mark.parametrize("writer", ["test.claims", "h.claims"])
def test_cli_refuses_the_side_files_of_another_name_of_the_project(
    labelled: Project, tmp_path: Path, suffix: str, writer: str
) -> None:
    """``ln test.claims h.claims``: SQLite uses the journals (and the lock) of either name.

    A writer open through ``writer``; an export through the other name must not
    write over the writer's ``-wal`` or lock, nor the side files of any name.
    """
    hard = tmp_path / "h.claims"
    os.link(labelled.path, hard)
    if writer == "h.claims":
        labelled.close()
        holder = Project.open(hard, user="ana")
    else:
        holder = labelled
    try:
        holder.add_actor("Saved by the writer", "ana")
        other = labelled.path if writer == "h.claims" else hard
        live = [holder.path.with_name(holder.path.name + s) for s in ("-wal", ".lock")]
        before = {path: path.read_bytes() for path in (labelled.path, *live)}
        assert before[live[0]], "the writer's -wal holds its commits"
        for target in (
            holder.path.with_name(holder.path.name + suffix),
            other.with_name(other.name + suffix),
        ):
            result = run("export", other, "-o", target, ok=False)

            assert result.exit_code == 1, result.output
            assert f"{target} is the " in result.output
            assert "of the project" in result.output
            assert {path: path.read_bytes() for path in before} == before
            assert not target.with_name(target.name + ".partial").exists()
        # A second writer through the other name is still refused: the lock was kept.
        with pytest.raises(ProjectInUseError):
            Project.open(other, user="ben")
    finally:
        holder.close()
    with Project.open(labelled.path, read_only=True) as reader:
        assert [a.name for a in reader.find_actors("")] == ["Saved by the writer"]
        assert reader.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


# -- targets that are not regular files --------------------------------------------------------


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    """A named pipe in the test's folder."""
    path = tmp_path / "pipe"
    os.mkfifo(path)
    yield path


def read_all(pipe: Path) -> Callable[[], bytes]:
    """Start a thread that reads ``pipe`` to its end; the returned call waits for the bytes."""
    got: list[bytes] = []

    def reader() -> None:
        with open(pipe, "rb") as handle:
            got.append(handle.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()

    def result() -> bytes:
        thread.join(timeout=30)
        assert not thread.is_alive(), "the export never closed the pipe"
        return got[0]

    return result


def test_a_named_pipe_receives_the_whole_export_and_stays_a_pipe(
    labelled: Project, fifo: Path
) -> None:
    received = read_all(fifo)

    count = export_to(labelled, "jsonl", fifo, ExportFilter())

    assert count == 1
    assert received() == export_bytes(labelled)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert not fifo.with_name("pipe.partial").exists()


@pytest.mark.parametrize("fmt", ["csv", "doccano", "prodigy", "network"])
def test_streaming_formats_write_into_a_named_pipe(
    labelled: Project, fifo: Path, tmp_path: Path, fmt: str
) -> None:
    file = tmp_path / "file.out"
    export_to(labelled, fmt, file, ExportFilter())
    received = read_all(fifo)

    export_to(labelled, fmt, fifo, ExportFilter())

    assert received() == file.read_bytes()
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@pytest.mark.parametrize(
    ("fmt", "name", "why"),
    [
        ("spacy", "pipe", "a spaCy DocBin is one compressed whole"),
        ("hf", "pipe.parquet", "Parquet is written with its index at the end"),
        ("label-studio", "pipe", "a Label Studio export also writes its config beside"),
        ("brat", "pipe", "it is not a folder; brat export needs a new or empty folder"),
    ],
)
def test_formats_that_cannot_stream_refuse_a_named_pipe(
    labelled: Project, tmp_path: Path, fmt: str, name: str, why: str
) -> None:
    pipe = tmp_path / name
    os.mkfifo(pipe)
    before = sorted(p.name for p in tmp_path.iterdir())

    with pytest.raises(AnnotatorError, match="not a") as caught:
        export_to(labelled, fmt, pipe, ExportFilter())

    assert why in str(caught.value)
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_devices_and_dev_paths_are_streams() -> None:
    # Only looked at: an export test never writes to a real device.
    assert is_stream(Path("/dev/null"))
    assert not is_stream(Path("/nonexistent/out.jsonl"))


def test_a_symlink_to_a_file_writes_the_file_behind_it(labelled: Project, tmp_path: Path) -> None:
    behind = tmp_path / "data" / "export.jsonl"
    behind.parent.mkdir()
    behind.write_bytes(b"old\n")
    link = tmp_path / "latest.jsonl"
    link.symlink_to(behind)
    dangling = tmp_path / "next.jsonl"
    dangling.symlink_to(tmp_path / "data" / "new.jsonl")

    export_to(labelled, "jsonl", link, ExportFilter())
    export_to(labelled, "csv", dangling, ExportFilter())

    assert link.is_symlink() and os.readlink(link) == str(behind)
    assert behind.read_bytes() == export_bytes(labelled)
    assert dangling.is_symlink() and (tmp_path / "data" / "new.jsonl").is_file()
    assert not list(tmp_path.rglob("*.partial"))


def test_a_symlink_to_an_empty_folder_receives_the_brat_files(
    labelled: Project, tmp_path: Path
) -> None:
    folder = tmp_path / "collection"
    folder.mkdir()
    link = tmp_path / "brat"
    link.symlink_to(folder)

    export_to(labelled, "brat", link, ExportFilter())

    assert link.is_symlink()
    assert sorted(p.name for p in folder.iterdir()) == ["a1.ann", "a1.txt", "annotation.conf"]


def test_a_folder_is_refused_as_a_file_target(labelled: Project, tmp_path: Path) -> None:
    with pytest.raises(AnnotatorError, match="is a folder; name a file to export to"):
        export_to(labelled, "jsonl", tmp_path, ExportFilter())
