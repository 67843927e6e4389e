"""Builders for the io tests: native JSONL lines, annotation entries, and files on disk."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import orjson

from annotator.core.model import referenced_actors
from annotator.io.export import ExportFilter, export_jsonl
from annotator.io.native import article_json, article_line
from annotator.store.label_queries import label_rows
from annotator.store.project import Project


def write_jsonl(path: Path, *objects: Any, end: bytes = b"\n", bom: bool = False) -> Path:
    """Write each object as one JSON line (``end`` after each) and return the path."""
    data = b"".join(orjson.dumps(o) + end for o in objects)
    path.write_bytes(b"\xef\xbb\xbf" + data if bom else data)
    return path


def span(text: str, part: str, nth: int = 0) -> dict[str, Any]:
    """``start``, ``end`` and ``text`` of the ``nth`` occurrence of ``part`` in ``text``.

    Offsets are code points (Python ``str.find``), as the native format counts.
    """
    start = -1
    for _ in range(nth + 1):
        start = text.find(part, start + 1)
        assert start >= 0, f"{part!r} is not in the text {nth + 1} times"
    return {"start": start, "end": start + len(part), "text": part}


def mention(mention_id: str, text: str, part: str, actor: str | None = None) -> dict[str, Any]:
    """A mention object of ``part`` in ``text``."""
    return {"id": mention_id, **span(text, part), "actor": actor}


def claim(claim_id: str, text: str, part: str, **fields: Any) -> dict[str, Any]:
    """A claim object of ``part`` in ``text`` with any other claim fields."""
    return {"id": claim_id, **span(text, part), **fields}


def entry(annotator: str = "ana", status: str = "done", **labels: Any) -> dict[str, Any]:
    """An annotation entry; ``labels`` may hold comment, actors, mentions and claims."""
    return {"annotator": annotator, "status": status, **labels}


def actor(actor_id: str, name: str, type: str | None = None, *aliases: str) -> dict[str, Any]:
    """An actor object as it appears in an entry's ``actors``."""
    return {"id": actor_id, "name": name, "type": type, "aliases": list(aliases)}


def export_bytes(project: Project, where: ExportFilter | None = None) -> bytes:
    """The project's native JSONL export."""
    out = io.BytesIO()
    export_jsonl(project, out, where or ExportFilter())
    return out.getvalue()


def export_lines(project: Project, where: ExportFilter | None = None) -> list[dict[str, Any]]:
    """The project's native JSONL export, each line parsed."""
    return [orjson.loads(line) for line in export_bytes(project, where).splitlines()]


def count(project: Project, table: str) -> int:
    """Number of rows in one of the project's tables."""
    return int(project.conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])


def rows(project: Project, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    """The rows of a query on the project file, as tuples."""
    return [tuple(r) for r in project.conn.execute(sql, params)]


def assert_rows_and_dataclasses_agree(project: Project) -> None:
    """Every article's line is the same made from rows as from dataclasses.

    Native JSONL is written from the labels as rows (`Project.label_rows_for`);
    `article_json`, and every other format, read them as dataclasses
    (`Project.labels_for`). Both must be the same labels, and give the same line.
    """
    for batch in project.iter_articles():
        ids = [a.id for a in batch]
        rows, labels = project.label_rows_for(ids), project.labels_for(ids)
        assert list(rows) == list(labels)
        for article in batch:
            entries, objects = rows.get(article.id, {}), labels.get(article.id, {})
            assert {name: r.labels() for name, r in entries.items()} == objects
            used = set().union(*(r.actor_ids() for r in entries.values()))
            assert used == set().union(
                *(referenced_actors(o.mentions, o.claims) for o in objects.values())
            )
            actors = project.actors_by_id(used)
            line = article_line(article, list(entries.values()), actors, project.schema)
            assert line == article_json(article, list(objects.values()), actors, project.schema)
            assert [label_rows(o) for o in objects.values()] == list(entries.values())
