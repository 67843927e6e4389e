"""A Label Studio JSON export made up for the Label Studio import benchmark, and its native JSONL.

Each task has a text of about 5 KB (sentences of made-up words, some with
brackets, quotes, backslashes and non-ASCII letters, so the reader's string
handling is exercised) and one annotation of 30 ``labels`` regions: 10
claims, 10 mentions (each the cited source of one claim, by a ``Source``
relation) and 10 cues (each inside its claim, tied by a ``Cue`` relation),
and a per-region ``stance`` choice on every claim, as Label Studio 1.x
exports them (the annotation's metadata included; one task a line, no
indentation). 20,000
tasks make about 200 MB.

The same tasks as native JSONL lines (each task through
`label_studio_record`, as the importer reads it) are written beside it, for
the native import path and the raw baseline of ``bench_ls_import.py``.

Used by the benchmarks only; not part of the app.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import orjson

DATA_DIR = Path(__file__).resolve().parent / "data"
SEED = 20261203
VERSION = 1  # bump when the generated tasks change
TEXT_CHARS = 5_000
CLAIMS = 10
STANCES = ("support", "oppose", "neutral")

_SYLLABLES = ("ka", "lo", "ve", "ri", "san", "dor", "mi", "tu", "bel", "gra", "no", "ex", "pa")
_ODD_WORDS = ('"quoted"', "[note]", "{brace}", "back\\slash", "Škoda", "Velgrad’s", "§3", "🙂")


def paths(tasks: int) -> tuple[Path, Path]:
    """The Label Studio export and the native JSONL of ``tasks`` tasks."""
    stem = f"ls-{tasks}t-seed{SEED}-v{VERSION}"
    return DATA_DIR / f"{stem}.json", DATA_DIR / f"{stem}.jsonl"


class _Words:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.vocabulary = [
            "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(3000)
        ]

    def sentence(self, low: int, high: int) -> str:
        rng = self.rng
        words = [
            rng.choice(_ODD_WORDS) if rng.random() < 0.02 else rng.choice(self.vocabulary)
            for _ in range(rng.randint(low, high))
        ]
        return " ".join(words).capitalize() + "."


def _region(key: str, start: int, end: int, text: str, label: str) -> dict[str, Any]:
    return {
        "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]},
        "id": key,
        "from_name": "label",
        "to_name": "text",
        "type": "labels",
    }


def task(number: int, rng: random.Random, words: _Words) -> dict[str, Any]:
    """One Label Studio task with its annotation (see the module's doc)."""
    pieces: list[str] = []
    size = 0
    claims: list[tuple[int, int]] = []
    mentions: list[tuple[int, int]] = []
    per_gap = TEXT_CHARS // CLAIMS
    for _ in range(CLAIMS):
        start_gap = size
        name = words.sentence(1, 2)[:-1]
        pieces.append(name + " ")
        mentions.append((size, size + len(name)))
        size += len(name) + 1
        claim = words.sentence(7, 11)
        pieces.append(claim + " ")
        claims.append((size, size + len(claim)))
        size += len(claim) + 1
        while size - start_gap < per_gap:
            filler = words.sentence(6, 14) + " "
            pieces.append(filler)
            size += len(filler)
    text = "".join(pieces)
    result: list[dict[str, Any]] = []
    for index, ((c_start, c_end), (m_start, m_end)) in enumerate(
        zip(claims, mentions, strict=True)
    ):
        first_word = text.index(" ", c_start)
        result.append(_region(f"c{index}", c_start, c_end, text, "Claim"))
        result.append(_region(f"m{index}", m_start, m_end, text, "Mention"))
        result.append(_region(f"q{index}", c_start, first_word, text, "Cue"))
        result.append(
            {
                "value": {
                    "start": c_start,
                    "end": c_end,
                    "choices": [rng.choice(STANCES)],
                },
                "id": f"c{index}",
                "from_name": "stance",
                "to_name": "text",
                "type": "choices",
            }
        )
    for index in range(CLAIMS):
        for kind, other in (("Cue", "q"), ("Source", "m")):
            result.append(
                {
                    "from_id": f"{other}{index}",
                    "to_id": f"c{index}",
                    "type": "relation",
                    "labels": [kind],
                }
            )
    stamp = "2026-11-02T10:15:30.123456Z"
    return {
        "id": number,
        "annotations": [
            {
                "id": number,
                "completed_by": {"id": 1 + number % 3, "email": f"ann{number % 3}@example.org"},
                "result": result,
                "was_cancelled": False,
                "ground_truth": False,
                "created_at": stamp,
                "updated_at": stamp,
                "lead_time": round(rng.uniform(30, 600), 3),
                "prediction": {},
                "result_count": 0,
                "task": number,
                "project": 1,
                "parent_prediction": None,
                "parent_annotation": None,
            }
        ],
        "file_upload": "tasks.json",
        "drafts": [],
        "predictions": [],
        "data": {"text": text, "id": f"a{number}", "title": words.sentence(3, 8)[:-1]},
        "meta": {},
        "created_at": stamp,
        "updated_at": stamp,
        "inner_id": number,
        "total_annotations": 1,
        "cancelled_annotations": 0,
        "total_predictions": 0,
        "project": 1,
    }


def ensure(tasks: int, log: Any = print) -> tuple[Path, Path]:
    """Generate the export and its native JSONL once (into ``benchmarks/data``); their paths."""
    from annotator.core.schema import default_schema
    from annotator.io.import_label_studio import label_studio_record
    from annotator.io.label_map import default_label_map

    export, native = paths(tasks)
    if export.exists() and native.exists():
        return export, native
    log(f"generating {tasks:,} Label Studio tasks into {export.name} ...")
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    words = _Words(rng)
    mapping = default_label_map(default_schema())
    export_part = export.with_suffix(".json.partial")
    native_part = native.with_suffix(".jsonl.partial")
    with open(export_part, "wb") as out, open(native_part, "wb") as lines:
        out.write(b"[\n")
        for number in range(1, tasks + 1):
            item = task(number, rng, words)
            out.write(orjson.dumps(item))
            out.write(b",\n" if number < tasks else b"\n")
            lines.write(orjson.dumps(label_studio_record(item, number, mapping)) + b"\n")
        out.write(b"]\n")
    export_part.replace(export)
    native_part.replace(native)
    return export, native
