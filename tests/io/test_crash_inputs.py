"""Inputs that once crashed a command (exit 2, "please report it"): each is now our error.

Every case runs the real ``annotator`` command on a real project and file: it
must exit 1 with a message naming the file (and line), leave the project as
it was, and with ``--skip-invalid`` skip the bad line and import the good ones.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest

from annotator.core.errors import InputError
from annotator.io import readers
from annotator.io.importer import import_files
from annotator.store.project import Project
from tests.helpers import dump, run

TEXT = "Mayor Ilse Varga said the quay will stay open."
GOOD = {"id": "good", "text": "A good article about the ferry."}


def claim_entity(key: Any = 1) -> dict[str, Any]:
    return {"id": key, "start_offset": 0, "end_offset": 16, "label": "Claim"}


def cue_entity(key: Any = 2) -> dict[str, Any]:
    return {"id": key, "start_offset": 17, "end_offset": 21, "label": "Cue"}


BAD_LINES: dict[str, tuple[str, dict[str, Any], str]] = {
    "doccano relation from_id is a list": (
        "doccano",
        {
            "id": "d1",
            "text": TEXT,
            "entities": [claim_entity(), cue_entity()],
            "relations": [{"id": 1, "from_id": [2], "to_id": 1, "type": "Cue"}],
        },
        "from_id must be an entity id (a number or a string), got [2]",
    ),
    "doccano claims entity is an object": (
        "doccano",
        {
            "id": "d2",
            "text": TEXT,
            "entities": [claim_entity()],
            "claims": [{"entity": {"id": 1}, "stance": "oppose"}],
        },
        "",  # an entry that names no claim entity is not read: the line imports
    ),
    "label-studio region id is a list": (
        "label-studio",
        {
            "data": {"id": "l1", "text": TEXT},
            "annotations": [
                {
                    "result": [
                        {
                            "id": ["r1"],
                            "type": "labels",
                            "value": {"start": 0, "end": 16, "labels": ["Claim"]},
                        }
                    ]
                }
            ],
        },
        "a labels result has the id ['r1']: region ids are strings or numbers",
    ),
    "label-studio choice id is an object": (
        "label-studio",
        {
            "data": {"id": "l2", "text": TEXT},
            "annotations": [
                {
                    "result": [
                        {
                            "id": "r1",
                            "type": "labels",
                            "value": {"start": 0, "end": 16, "labels": ["Claim"]},
                        },
                        {
                            "id": {"r": 1},
                            "type": "choices",
                            "from_name": "stance",
                            "value": {"choices": ["oppose"]},
                        },
                    ]
                }
            ],
        },
        "a choices result has the id {'r': 1}: region ids are strings or numbers",
    ),
    "prodigy meta claims span is a list": (
        "prodigy",
        {
            "text": TEXT,
            "meta": {"id": "p1", "claims": [{"span": [0], "stance": "oppose"}]},
            "spans": [{"start": 0, "end": 16, "label": "Claim"}],
        },
        "meta.claims entry 1: span must be the index of a span (a whole number), got [0]",
    ),
    "JSON nested 300 deep": (
        "jsonl",
        {"id": "j1", "text": TEXT, "meta": {"deep": json.loads("[" * 300 + "]" * 300)}},
        "nested more than 100 levels deep (in meta); no article or label is",
    ),
}


def write(path: Path, fmt: str, *records: dict[str, Any]) -> Path:
    """A file of ``fmt`` (JSONL, or a Label Studio JSON list) holding ``records``."""
    if fmt == "label-studio":
        path.write_text(json.dumps(list(records)), "utf-8")
    else:
        path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    return path


def good_record(fmt: str) -> dict[str, Any]:
    if fmt == "label-studio":
        return {"data": GOOD}
    if fmt == "prodigy":
        return {"text": GOOD["text"], "meta": {"id": GOOD["id"]}}
    return GOOD


@pytest.mark.parametrize("case", sorted(BAD_LINES))
def test_a_bad_value_is_an_error_of_its_line_and_skipped_with_skip_invalid(
    project_path: Path, tmp_path: Path, case: str
) -> None:
    fmt, bad, reason = BAD_LINES[case]
    run("init", project_path)
    source = write(tmp_path / "in.json", fmt, good_record(fmt), bad)
    before = dump(project_path)

    refused = run("import", project_path, source, "--format", fmt, ok=not reason)
    if not reason:
        return
    skipped = run("import", project_path, source, "--format", fmt, "--skip-invalid")

    place = f"{source}: task 2: " if fmt == "label-studio" else f"{source}, line 2: "
    assert refused.exit_code == 1
    assert refused.output.startswith(f"Error: {place}")
    assert reason in refused.output
    assert f"skipped: {place}" in skipped.output
    assert "imported 1 new article" in skipped.output
    with Project.open(project_path, read_only=True) as opened:
        assert [a.id for batch in opened.iter_articles() for a in batch] == ["good"]
    assert before != dump(project_path)


@pytest.mark.parametrize(("option", "table"), [("--map", "labels"), ("--schema", "fields")])
def test_toml_nested_3000_deep(project_path: Path, tmp_path: Path, option: str, table: str) -> None:
    deep = tmp_path / "deep.toml"
    deep.write_text(f"[{table}]\nx = {'[' * 3000}{']' * 3000}\n", "utf-8")
    source = write(tmp_path / "in.jsonl", "doccano", GOOD)
    if option == "--schema":
        result = run("init", project_path, "--schema", deep, ok=False)
        expected = "deep.toml: not a schema (values nested too deep to read)"
    else:
        run("init", project_path)
        args = ("import", project_path, source, "--format", "doccano", "--map", deep)
        result = run(*args, ok=False)
        expected = f"{deep}: not a label mapping (values nested too deep to read)"

    assert result.exit_code == 1
    assert result.output == f"Error: {expected}\n"


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "txt", "label-studio", "doccano", "prodigy"])
def test_a_device_is_no_input(project: Project, fmt: str) -> None:
    before = dump(project.path)

    with pytest.raises(InputError) as caught:
        import_files(project, [Path("/dev/zero")], format=fmt)

    assert str(caught.value) == "/dev/zero: a device; save the data to a file and import that"
    assert dump(project.path) == before


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_an_endless_line_in_a_pipe_stops_reading(
    project: Project, tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pipe fed zeros without end (as ``/dev/zero`` through ``cat``) ends in an error."""
    monkeypatch.setattr(readers, "MAX_LINE_BYTES", 4096)
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    first = b"id,text\n1,fine\n" if fmt == "csv" else b'{"id": "1", "text": "fine"}\n'

    def endless() -> None:
        try:
            with open(pipe, "wb") as out:
                out.write(first)
                while True:
                    out.write(b"\0" * 1024)
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=endless, daemon=True)
    writer.start()
    before = dump(project.path)

    with pytest.raises(InputError) as caught:
        import_files(project, [pipe], format=fmt, skip_invalid=False)
    writer.join(timeout=10)

    line = 3 if fmt == "csv" else 2
    assert str(caught.value) == (
        f"{pipe}, line {line}: the line is longer than 4,096 bytes, so this is no text file"
        " of articles; reading stopped here"
    )
    assert dump(project.path) == before
    assert not writer.is_alive()


def test_a_package_whose_record_is_broken_json(project_path: Path, tmp_path: Path) -> None:
    run("init", project_path)
    source = write(tmp_path / "in.jsonl", "jsonl", GOOD)
    run("import", project_path, source)
    package = tmp_path / "ana.claims"
    run("package", project_path, "--annotator", "ana", "-o", package)
    conn = sqlite3.connect(package)
    with conn:
        conn.execute("UPDATE meta SET value = '{broken' WHERE key = 'package'")
    conn.close()
    before = dump(project_path)

    result = run("merge", project_path, package, ok=False)

    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {package}: its work package record is damaged")
    assert dump(project_path) == before
