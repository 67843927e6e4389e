"""Tests of annotator/store/lock.py: one writer per project file, who holds it, stale locks."""

from __future__ import annotations

import getpass
import json
import os
import re
import signal
import socket
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.core.errors import ProjectError, ProjectInUseError
from annotator.core.model import Article
from annotator.store.bulk import BulkWriter
from annotator.store.lock import ProjectLock, describe_holder, lock_path
from annotator.store.project import Project
from tests.store.helpers import label_dump, read_rows, sha256

REPO = Path(__file__).resolve().parents[2]
SINCE = r"\d{4}-\d\d-\d\d \d\d:\d\d"


def _in_use_message(path: Path, user: str, pid: int) -> re.Pattern[str]:
    holder = re.escape(f"{path} is in use by {user} on {socket.gethostname()} (process {pid})")
    return re.compile(
        f"{holder} since {SINCE}" + re.escape(". Close it there, or open it read-only.")
    )


def _python(code: str, path: Path) -> subprocess.Popen[str]:
    """Start ``python -c code`` with the project path as its argument."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=env,
    )


# -- in one process ---------------------------------------------------------------------------


def test_second_open_names_the_holder(project_path: Path) -> None:
    Project.create(project_path).close()
    holder = Project.open(project_path, user="ana")
    try:
        with pytest.raises(ProjectInUseError) as caught:
            Project.open(project_path, user="ben")
    finally:
        holder.close()

    error = caught.value
    assert _in_use_message(project_path, "ana", os.getpid()).fullmatch(str(error))
    assert error.path == str(project_path)
    assert error.holder.startswith(f"ana on {socket.gethostname()} (process {os.getpid()})")
    assert isinstance(error, ProjectError)


def test_default_holder_name_is_the_login_name(project: Project) -> None:
    with pytest.raises(ProjectInUseError) as caught:
        Project.open(project.path)
    assert caught.value.holder.startswith(f"{getpass.getuser()} on ")


def test_lock_file_records_the_holder(project_path: Path) -> None:
    Project.create(project_path).close()
    with Project.open(project_path, user="ana"):
        record = json.loads(lock_path(project_path).read_text(encoding="utf-8"))
        assert sorted(record) == ["host", "pid", "since", "user"]
        assert (record["user"], record["host"], record["pid"]) == (
            "ana",
            socket.gethostname(),
            os.getpid(),
        )
    assert lock_path(project_path).read_text(encoding="utf-8") == ""


def test_refused_second_open_changes_nothing(project: Project, article_in: Article) -> None:
    project.add_actor("Norvania", "ana")
    before = label_dump(project.path)

    with pytest.raises(ProjectInUseError):
        Project.open(project.path)

    assert label_dump(project.path) == before
    assert project.add_actor("Velgrad", "ana").name == "Velgrad"  # the holder still writes


def test_read_only_open_works_while_locked_and_sees_commits(
    project: Project, article_in: Article
) -> None:
    with Project.open(project.path, read_only=True) as reader:
        assert reader.article(article_in.id) == article_in
        actor = project.add_actor("Norvania", "ana", "state")
        assert reader.actor(actor.id) == actor


def test_read_only_project_refuses_every_write(project: Project, article_in: Article) -> None:
    claim = project.add_claim("a1", "ana", 0, 7)
    project.delete_claim(claim.id)
    before = label_dump(project.path)

    with Project.open(project.path, read_only=True) as reader:
        with pytest.raises(ProjectError) as caught:
            reader.add_claim("a1", "ana", 0, 7)
        assert str(caught.value) == "test.claims is open read-only: add claim was not saved"
        with pytest.raises(ProjectError) as caught:
            reader.add_actor("Ирина Петрова", "ana")
        assert str(caught.value) == (
            "test.claims is open read-only: add actor Ирина Петрова was not saved"
        )
        with pytest.raises(ProjectError, match=r"open read-only: mark done was not saved"):
            reader.set_status("a1", "ana", "done")
        with pytest.raises(ProjectError, match=r"^test.claims is open read-only$"):
            reader.undo("ana")
        with pytest.raises(ProjectError, match=r"^test.claims is open read-only$"):
            reader.add_articles([Article(id="new", text="New text.")])
        with pytest.raises(ProjectError, match=r"^test.claims is open read-only$"):
            BulkWriter(reader).__enter__()
        assert reader.redo("ana") is None  # nothing to redo: no error either

    assert label_dump(project.path) == before


def test_open_again_after_close(project_path: Path) -> None:
    Project.create(project_path).close()
    first = Project.open(project_path, user="ana")
    first.close()

    second = Project.open(project_path, user="ben")
    try:
        with pytest.raises(ProjectInUseError, match=r" is in use by ben on "):
            Project.open(project_path, user="ana")
    finally:
        second.close()


def test_failed_open_of_a_locked_file_does_not_steal_the_lock(project: Project) -> None:
    for _ in range(2):
        with pytest.raises(ProjectInUseError):
            Project.open(project.path)
    with pytest.raises(ProjectInUseError):
        ProjectLock(project.path)


def test_unreadable_lock_record_still_refuses(project: Project) -> None:
    lock_path(project.path).write_text("{not json", encoding="utf-8")

    with pytest.raises(ProjectInUseError) as caught:
        Project.open(project.path)

    assert caught.value.holder == "someone on another computer"


def test_lock_path_is_beside_the_project(tmp_path: Path) -> None:
    assert lock_path(tmp_path / "study.claims") == tmp_path / "study.claims.lock"


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({}, "someone on another computer"),
        ({"user": "ana"}, "ana on another computer"),
        ({"user": "ana", "host": "lap-3", "pid": 4121}, "ana on lap-3 (process 4121)"),
        (
            {"user": "ana", "host": "lap-3", "pid": 4121, "since": "2025-03-02T09:14:55"},
            "ana on lap-3 (process 4121) since 2025-03-02 09:14",
        ),
        ({"user": "", "host": "", "pid": 0, "since": ""}, "someone on another computer"),
    ],
)
def test_describe_holder(record: dict[str, object], expected: str) -> None:
    assert describe_holder(record) == expected


def test_lock_release_is_safe_twice(project_path: Path) -> None:
    Project.create(project_path).close()
    lock = ProjectLock(project_path, "ana")
    lock.release()
    lock.release()
    ProjectLock(project_path, "ben").release()


# -- across processes ----------------------------------------------------------------------


def test_second_process_is_told_who_holds_the_project(project: Project) -> None:
    child = _python(
        """
        import sys
        from annotator.core.errors import ProjectInUseError
        from annotator.store.project import Project
        try:
            Project.open(sys.argv[1], user="ben")
        except ProjectInUseError as exc:
            print(exc)
        else:
            print("opened")
        """,
        project.path,
    )
    out, err = child.communicate(timeout=60)

    assert child.returncode == 0, err
    expected = f"{project.path} is in use by {getpass.getuser()} on {socket.gethostname()}"
    assert out.startswith(f"{expected} (process {os.getpid()}) since ")
    assert out.rstrip("\n").endswith("Close it there, or open it read-only.")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_holder_in_another_process_blocks_until_killed(
    project: Project, article_in: Article
) -> None:
    path = project.path
    project.close()
    child = _python(
        """
        import sys
        from annotator.store.project import Project
        project = Project.open(sys.argv[1], user="ben")
        project.add_actor("Norvania", "ben")
        print("ready", flush=True)
        sys.stdin.read()  # hold the project until killed
        """,
        path,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n"
        with pytest.raises(ProjectInUseError) as caught:
            Project.open(path, user="ana")
        assert _in_use_message(path, "ben", child.pid).fullmatch(str(caught.value))
        with Project.open(path, read_only=True) as reader:
            assert [a.name for a in reader.find_actors("")] == ["Norvania"]
    finally:
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL

    # The OS dropped the dead holder's lock; its record is stale and ignored.
    assert json.loads(lock_path(path).read_text(encoding="utf-8"))["pid"] == child.pid
    with Project.open(path, user="ana") as reopened:
        assert [a.name for a in reopened.find_actors("")] == ["Norvania"]
        reopened.add_actor("Velgrad", "ana")
        record = json.loads(lock_path(path).read_text(encoding="utf-8"))
        assert (record["user"], record["pid"]) == ("ana", os.getpid())
    assert [r["name"] for r in read_rows(path, "actors")] == ["Norvania", "Velgrad"]


# -- one lock per file, whatever the path ----------------------------------------------------


def _hard_link(path: Path) -> Path:
    other = path.with_name("h.claims")
    os.link(path, other)
    return other


def _symlink(path: Path) -> Path:
    other = path.with_name("s.claims")
    other.symlink_to(path)
    return other


def _relative(path: Path) -> Path:
    os.chdir(path.parent)  # the test's monkeypatch.chdir puts the working folder back
    return Path(path.name)


def _through_a_linked_folder(path: Path) -> Path:
    folder = path.parent / "linked folder"  # a link to the folder it is in
    folder.symlink_to(path.parent, target_is_directory=True)
    return folder / path.name


def _hard_link_in_another_folder(path: Path) -> Path:
    folder = path.parent / "elsewhere"
    folder.mkdir()
    os.link(path, folder / "copy.claims")
    return folder / "copy.claims"


ANOTHER_PATH = {
    "hard link": _hard_link,
    "symlink": _symlink,
    "relative path": _relative,
    "folder symlink": _through_a_linked_folder,
}


def _holder_text(user: str, pid: int) -> str:
    return f"{user} on {socket.gethostname()} (process {pid}) since "


@pytest.mark.parametrize("make", ANOTHER_PATH.values(), ids=list(ANOTHER_PATH))
def test_every_path_to_the_file_shares_one_lock(
    project_path: Path, make: Callable[[Path], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    with Project.create(project_path) as created:
        created.add_articles([Article(id="a1", text="The port stays shut.")])
    monkeypatch.chdir(project_path.parent)
    other = make(project_path)

    for first, second in ((project_path, other), (other, project_path)):
        with Project.open(first, user="ana") as holder:
            with pytest.raises(ProjectInUseError) as caught:
                Project.open(second, user="ben")
            assert caught.value.path == str(second)
            assert caught.value.holder.startswith(_holder_text("ana", os.getpid()))
            # The offer to read it: it sees what the holder saves.
            with Project.open(second, read_only=True) as reader:
                actor = holder.add_actor(f"Actor via {first}", "ana")
                assert reader.actor(actor.id) == actor

    with Project.open(other, user="ben") as reopened:  # released by both
        assert reopened.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


_HOLD = """
    import sys
    from annotator.store.project import Project
    project = Project.open(sys.argv[1], user="ben")
    project.add_actor("Held by ben", "ben")
    print("ready", flush=True)
    sys.stdin.read()  # hold the project until killed
    """

_TRY = """
    import sys
    from annotator.core.errors import ProjectInUseError
    from annotator.store.project import Project
    try:
        Project.open(sys.argv[1], user="cem")
    except ProjectInUseError as exc:
        print(exc.holder)
    else:
        print("opened")
    """


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("make", ANOTHER_PATH.values(), ids=list(ANOTHER_PATH))
def test_a_second_process_through_another_path_is_refused_until_the_holder_dies(
    project_path: Path, make: Callable[[Path], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    Project.create(project_path).close()
    monkeypatch.chdir(project_path.parent)
    other = make(project_path)
    holder = _python(_HOLD, project_path.resolve())
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "ready\n"
        with pytest.raises(ProjectInUseError) as caught:
            Project.open(other, user="ana")
        assert caught.value.holder.startswith(_holder_text("ben", holder.pid))
        assert str(caught.value).endswith("Close it there, or open it read-only.")
        with Project.open(other, read_only=True) as reader:
            assert [a.name for a in reader.find_actors("")] == ["Held by ben"]
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.communicate(timeout=60)

    # The dead holder's locks went with it: the other path takes over, and a
    # third process through the first path is refused in turn.
    with Project.open(other, user="ana") as taken:
        taken.add_actor("Taken over by ana", "ana")
        third = _python(_TRY, project_path.resolve())
        out, err = third.communicate(timeout=60)
        assert third.returncode == 0, err
        assert out.startswith(_holder_text("ana", os.getpid()))
    with Project.open(project_path) as after:
        assert after.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert sorted(a.name for a in after.find_actors("")) == [
            "Held by ben",
            "Taken over by ana",
        ]


def test_lock_path_is_beside_the_resolved_file(tmp_path: Path) -> None:
    real = tmp_path / "study.claims"
    (tmp_path / "link.claims").symlink_to(real)
    assert lock_path(tmp_path / "link.claims") == real.with_name("study.claims.lock")


def test_a_file_with_a_name_in_another_folder_is_only_read(project_path: Path) -> None:
    with Project.create(project_path) as created:
        created.add_actor("Norvania", "ana")
    elsewhere = _hard_link_in_another_folder(project_path)
    before = sha256(project_path)

    for path in (project_path, elsewhere):
        with pytest.raises(ProjectError) as caught:
            Project.open(path, user="ana")
        assert not isinstance(caught.value, ProjectInUseError)
        assert str(caught.value) == (
            f"{path} also has 1 other name (hard links) in other folders, through which it"
            " could be changed at the same time. Open it read-only, or copy it (a copy is a"
            " file of its own) and open the copy."
        )
        with Project.open(path, read_only=True) as reader:
            assert [a.name for a in reader.find_actors("")] == ["Norvania"]

    assert sha256(project_path) == before
    elsewhere.unlink()  # one name again: it opens for writing
    Project.open(project_path).close()


def test_a_hard_link_opens_the_journal_its_other_name_left(project_path: Path) -> None:
    """A ``-wal`` left by a crash through one name is applied when the other name opens."""
    Project.create(project_path).close()
    other = _hard_link(project_path)
    child = _python(_HOLD, project_path)
    assert child.stdout is not None
    assert child.stdout.readline() == "ready\n"
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=60)
    wal = project_path.with_name(project_path.name + "-wal")
    assert wal.stat().st_size > 0  # the actor is in the -wal only

    with Project.open(other, user="ana") as reopened:
        assert [a.name for a in reopened.find_actors("")] == ["Held by ben"]
        reopened.add_actor("Added through the hard link", "ana")
    with Project.open(project_path) as again:
        assert again.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert sorted(a.name for a in again.find_actors("")) == [
            "Added through the hard link",
            "Held by ben",
        ]
    assert not other.with_name(other.name + "-wal").exists()


# -- a lock file that is not a file of its own -----------------------------------------------


def _notes(path: Path) -> Path:
    notes = path.with_name("notes.txt")
    notes.write_text("the user's own notes\n", encoding="utf-8")
    return notes


LOCK_FILES: dict[str, tuple[Callable[[Path, Path], None], str]] = {
    "hard link to the project": (
        lambda project, lock: os.link(project, lock),
        "another name (hard link) of the project file itself",
    ),
    "symlink to the project": (
        lambda project, lock: lock.symlink_to(project),
        "a symbolic link",
    ),
    "symlink to another file": (
        lambda project, lock: lock.symlink_to(_notes(project)),
        "a symbolic link",
    ),
    "hard link to another file": (
        lambda project, lock: os.link(_notes(project), lock),
        "a file with 1 other name (hard link)",
    ),
    "folder": (lambda project, lock: lock.mkdir(), "a folder"),
}


@pytest.mark.parametrize(("make", "why"), LOCK_FILES.values(), ids=list(LOCK_FILES))
def test_a_lock_file_that_leads_elsewhere_is_refused_and_nothing_changes(
    project_path: Path, make: Callable[[Path, Path], None], why: str
) -> None:
    """``ln p.claims p.claims.lock`` (or a symlink): opening must not empty the project."""
    with Project.create(project_path) as created:
        created.add_actor("Norvania", "ana")
    lock = lock_path(project_path)
    lock.unlink()  # left empty by the close
    make(project_path, lock)
    notes = project_path.with_name("notes.txt")
    before = {path: sha256(path) for path in (project_path, notes) if path.exists()}

    for attempt in range(2):  # a refused open leaves it as it was, so the next is refused too
        with pytest.raises(ProjectError) as caught:
            Project.open(project_path, user="ana")
        assert not isinstance(caught.value, ProjectInUseError)
        assert str(caught.value) == (
            f"cannot lock {project_path}: its lock file {lock} must be a file of its own, but it"
            f" is {why}. Remove {lock.name} and open it again, or open it read-only."
        ), attempt
        assert {path: sha256(path) for path in before} == before
    with Project.open(project_path, read_only=True) as reader:
        assert [a.name for a in reader.find_actors("")] == ["Norvania"]

    if lock.is_dir() and not lock.is_symlink():
        lock.rmdir()
    else:
        lock.unlink()
    with Project.open(project_path, user="ana") as reopened:  # as the message says
        assert reopened.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert lock.stat().st_nlink == 1
