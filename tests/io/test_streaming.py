"""Imports stream: a file of several MB is never held in memory whole."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import orjson
import pytest

from annotator.io.importer import import_files
from annotator.store.project import Project
from tests.io.lines import count

PARAGRAPH = (
    "Officials in Brennholm said on Tuesday that the ferry to Tarsk would resume in May, "
    "while harbour workers 👷 doubted the date and asked for written guarantees. "
)


def write_long_articles(path: Path, articles: int, paragraphs: int) -> None:
    """A JSONL file of long labelled articles, written line by line."""
    with open(path, "wb") as out:
        for i in range(articles):
            text = f"Report {i}. " + PARAGRAPH * paragraphs
            start = text.index("the ferry")
            line = {
                "id": f"long-{i}",
                "text": text,
                "title": f"Ferry report {i}",
                "annotations": [
                    {
                        "annotator": "ana",
                        "status": "done",
                        "mentions": [{"id": f"m-{i}", "start": 0, "end": 6, "text": "Report"}],
                        "claims": [{"id": f"c-{i}", "start": start, "end": start + 9}],
                    }
                ],
            }
            out.write(orjson.dumps(line) + b"\n")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("articles", "paragraphs"), [(5000, 8), (700, 70)], ids=["news-size", "long-reports"]
)
def test_import_peak_memory_is_well_below_the_file_size(
    project: Project, tmp_path: Path, articles: int, paragraphs: int
) -> None:
    path = tmp_path / "big.jsonl"
    write_long_articles(path, articles, paragraphs)
    size = path.stat().st_size
    assert size > 7_000_000

    tracemalloc.start()
    try:
        import_files(project, [path])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert (count(project, "articles"), count(project, "claims")) == (articles, articles)
    assert peak < size / 3, f"peak {peak:,} bytes for a file of {size:,} bytes"
