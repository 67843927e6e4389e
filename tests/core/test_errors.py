"""Tests of annotator/core/errors.py: messages stay one readable line, whatever the values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.errors import (
    MESSAGE_LIMIT,
    AnnotatorError,
    InputError,
    ProjectInUseError,
    quoted,
    shortened,
)
from tests.helpers import run


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a1", "'a1'"),
        ("x" * 58, repr("x" * 58)),
        ("x" * 100_000, f"{'x' * 57 + '…'!r} (100,000 characters)"),
        ("it's", '"it\'s"'),
        (12, "12"),
        (list(range(40)), repr(list(range(40)))[:59] + "…"),
    ],
)
def test_quoted_cuts_long_values(value: object, expected: str) -> None:
    assert quoted(value) == expected


def test_shortened_keeps_both_ends_of_a_long_message() -> None:
    message = "start " + "x" * 10_000 + " end."
    cut = shortened(message)
    assert len(cut) < MESSAGE_LIMIT + 60
    assert cut.startswith("start xxx")
    assert cut.endswith("xxx end.")
    assert f"… ({len(message) - 2000:,} characters cut) …" in cut
    assert shortened("short") == "short"


def test_every_error_message_is_cut_to_a_readable_length() -> None:
    assert len(str(AnnotatorError("id " + "y" * 100_000 + " is wrong"))) < MESSAGE_LIMIT + 60
    error = InputError("in.jsonl", "bad id " + "z" * 100_000, line=3)
    assert str(error).startswith("in.jsonl, line 3: bad id zzz")
    assert len(str(error)) < MESSAGE_LIMIT + 60
    in_use = ProjectInUseError("p.claims", "ana on lap-3")
    assert (
        str(in_use) == "p.claims is in use by ana on lap-3. Close it there, or open it read-only."
    )


def test_a_100000_character_id_gives_a_short_error_line(tmp_path: Path) -> None:
    project = tmp_path / "p.claims"
    run("init", project)
    long_id = "x" * 100_000
    lines = [json.dumps({"id": long_id, "text": t}) for t in ("Hello.", "Hello again.")]
    (tmp_path / "long.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")

    refused = run("import", project, tmp_path / "long.jsonl", ok=False)

    assert refused.exit_code == 1
    assert refused.stderr == (
        f"Error: {tmp_path / 'long.jsonl'}, line 2: duplicate article id"
        f" {'x' * 57 + '…'!r} (100,000 characters) (first on line 1)\n"
    )
