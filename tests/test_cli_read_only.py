"""The ``annotator`` command on a project it cannot write: a read-only disk is not damage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run
from tests.read_only import AS_ROOT, read_only_disk
from tests.store.helpers import sha256

READ_ONLY_DISK = "the disk is read-only" if AS_ROOT else "the file is read-only"


@pytest.fixture
def on_a_stick(tmp_path: Path, sample_jsonl: Path) -> Path:
    """The sample project in a folder of its own (to be shown as a read-only disk)."""
    folder = tmp_path / "stick"
    folder.mkdir()
    path = folder / "p.claims"
    run("init", path)
    run("import", path, sample_jsonl)
    return path


def test_commands_that_only_read_work_on_a_read_only_disk(on_a_stick: Path, tmp_path: Path) -> None:
    before, names = sha256(on_a_stick), sorted(p.name for p in on_a_stick.parent.iterdir())
    out = tmp_path / "out"
    out.mkdir()

    with read_only_disk(on_a_stick.parent) as disk:
        seen = disk / on_a_stick.name
        assert json.loads(run("stats", seen, "--json").stdout)["articles"] == 8
        run("export", seen, "-o", out / "all.jsonl")
        assert len((out / "all.jsonl").read_text(encoding="utf-8").splitlines()) == 8
        run("export", seen, "--format", "csv", "-o", out / "claims.csv")
        assert "claimant" in run("agreement", seen).stdout
        assert "Irina Volkova" in run("actors", seen).stdout
        assert "manual" in run("backup", seen).stdout
        assert run("backups", seen).stdout.splitlines()[-1].startswith("1 backup in ")
        package = run("package", seen, "--annotator", "ana", "-o", out / "ana.claims", ok=False)
        assert (package.exit_code, package.stderr) == (
            1,
            f"Error: {seen} cannot be written here ({READ_ONLY_DISK}): a package is recorded in"
            " the project it is made from (a merge checks it against that record); copy the"
            " project to a folder you can write to\n",
        )

        for command in (("actors", seen, "add", "Velgrad"), ("import", seen, out / "all.jsonl")):
            refused = run(*command, ok=False)
            assert refused.exit_code == 1
            assert refused.stderr == (
                f"Error: {seen} cannot be written here ({READ_ONLY_DISK}): open it read-only,"
                " or copy it to a folder you can write to.\n"
            )

    assert sha256(on_a_stick) == before
    assert sorted(p.name for p in on_a_stick.parent.iterdir()) == names
    assert sorted(p.name for p in out.iterdir()) == ["all.jsonl", "claims.csv"]


def test_commands_that_only_read_leave_no_wal_or_shm(on_a_stick: Path, tmp_path: Path) -> None:
    names = sorted(p.name for p in on_a_stick.parent.iterdir())
    assert names == ["p.claims", "p.claims.lock"]

    run("stats", on_a_stick)
    run("export", on_a_stick, "-o", tmp_path / "all.jsonl")
    run("agreement", on_a_stick)
    run("actors", on_a_stick)
    run("backup", on_a_stick)
    run("backups", on_a_stick)

    assert sorted(p.name for p in on_a_stick.parent.iterdir()) == names
    [folder] = (tmp_path / "user" / "data" / "claim-annotator" / "backups").iterdir()
    assert sorted(p.suffix for p in folder.iterdir()) == [".claims", ".json"]


def test_gui_read_only_needs_a_project() -> None:
    refused = run("gui", "--read-only", ok=False)
    assert refused.exit_code == 1
    assert refused.stderr == "Error: --read-only needs a PROJECT to open\n"
