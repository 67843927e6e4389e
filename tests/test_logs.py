"""Tests of annotator/logs.py: the rotating log file in the user's log folder."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.logs import LOG_NAME, log_file, logging_problem, setup_logging, stop_logging

log = logging.getLogger("annotator.tests")


@pytest.fixture(autouse=True)
def no_log_after() -> Iterator[None]:
    """Each test starts and ends with no log handler of ours."""
    stop_logging()
    yield
    stop_logging()


def _ours() -> list[logging.Handler]:
    return [
        h for h in logging.getLogger("annotator").handlers if type(h) is not logging.NullHandler
    ]


def test_log_file_is_in_the_users_state_folder(user_folders: Path) -> None:
    path = setup_logging()
    expected = user_folders / "state" / "claim-annotator" / "log" / LOG_NAME
    assert path == expected == log_file()
    log.warning("Velgrad said 🇪🇺 “hello”")
    log.debug("not at the default level")
    text = expected.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert "INFO     annotator: Claim annotator " in lines[0]
    assert lines[1].endswith("WARNING  annotator.tests: Velgrad said 🇪🇺 “hello”")
    assert lines[1][:4].isdigit()  # starts with the time
    assert "not at the default level" not in text
    assert logging_problem() is None


def test_calling_it_twice_keeps_one_handler(tmp_path: Path) -> None:
    first = setup_logging(folder=tmp_path)
    second = setup_logging(folder=tmp_path)
    assert first == second == tmp_path / LOG_NAME
    assert len(_ours()) == 1
    log.warning("once")
    assert (tmp_path / LOG_NAME).read_text(encoding="utf-8").count("once") == 1


def test_another_folder_moves_the_log(tmp_path: Path) -> None:
    setup_logging(folder=tmp_path / "one")
    setup_logging(folder=tmp_path / "two")
    log.warning("where am I")
    assert len(_ours()) == 1
    assert "where am I" not in (tmp_path / "one" / LOG_NAME).read_text(encoding="utf-8")
    assert "where am I" in (tmp_path / "two" / LOG_NAME).read_text(encoding="utf-8")


def test_the_file_rotates_at_its_size_limit(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    setup_logging(folder=folder, max_bytes=2000, backups=2)
    for i in range(200):
        log.info("record %03d %s", i, "x" * 80)
    names = sorted(p.name for p in folder.iterdir())
    assert names == [LOG_NAME, LOG_NAME + ".1", LOG_NAME + ".2"]
    assert all(p.stat().st_size <= 2000 for p in folder.iterdir())
    assert "record 199" in (folder / LOG_NAME).read_text(encoding="utf-8")
    oldest = (folder / (LOG_NAME + ".2")).read_text(encoding="utf-8")
    assert "record 000" not in oldest  # rotated out


def test_unwritable_folder_falls_back_to_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder", encoding="utf-8")
    path = setup_logging(folder=blocker / "log")
    assert path is None and log_file() is None
    problem = logging_problem()
    assert problem is not None and problem.startswith(f"cannot write the log in {blocker / 'log'}")
    log.warning("still heard")
    err = capsys.readouterr().err
    assert "annotator.tests: still heard" in err
    assert f"{problem}; logging to stderr" in err
    # Later, with a folder that works, the file takes over again.
    assert setup_logging(folder=tmp_path / "ok") == tmp_path / "ok" / LOG_NAME
    assert logging_problem() is None
    assert len(_ours()) == 1
