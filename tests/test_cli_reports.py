"""``annotator agreement`` and ``annotator stats`` check every page of the file while they compute.

The check (``PRAGMA quick_check``) runs beside the report instead of before it
(2.2 s of CPU on a 2.4 GB project); the report is printed only once the check
has passed, and damage it finds is the error, as on opening.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.model import Article
from annotator.store.project import Project
from tests.helpers import run
from tests.store.helpers import damage_pages_of, sha256

TEXT = "Velgrad said the port reopens soon. Kestria disagreed with that plan. " * 40


def labelled_twice(path: Path) -> None:
    with Project.create(path) as project:
        project.add_articles([Article(id=f"a{i}", text=TEXT) for i in range(30)])
        for i in range(30):
            for name, stance in (("ana", "support"), ("ben", "oppose" if i % 3 else "support")):
                project.add_claim(f"a{i}", name, 0, 34, stance=stance)


@pytest.mark.parametrize("command", [["agreement", "--json"], ["stats", "--json"]])
def test_a_sound_file_gives_its_report(tmp_path: Path, command: list[str]) -> None:
    path = tmp_path / "news.claims"
    labelled_twice(path)
    assert run(*command, path).stdout.startswith("{")


@pytest.mark.parametrize("command", [["agreement", "--json"], ["stats", "--json"]])
@pytest.mark.parametrize(
    "damaged",
    [
        "merge_conflicts",  # pages the report never reads: found by the check alone
        "claims",  # pages the report reads: reading them fails, the check says why
    ],
)
def test_damage_is_the_error_and_no_report_is_given(
    tmp_path: Path, command: list[str], damaged: str
) -> None:
    path = tmp_path / "news.claims"
    labelled_twice(path)
    if damaged == "merge_conflicts":
        with Project.open(path) as project:  # a table with pages of its own
            project.conn.executemany(
                "INSERT INTO merge_conflicts (package_id, tbl, key, message) VALUES (?, ?, ?, ?)",
                [("p", "claims", f"k{i}", "x" * 500) for i in range(40)],
            )
            project.conn.commit()
    damage_pages_of(path, damaged)
    before = sha256(path)
    result = run(*command, path, ok=False)
    assert result.exit_code == 1
    assert "is damaged" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert result.stdout == ""  # no report from a damaged file
    assert sha256(path) == before  # nothing written
