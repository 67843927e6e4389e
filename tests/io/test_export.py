"""Native JSONL export: exact lines, fixed key and article order, filters, progress."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import pytest

from annotator.core.errors import ValidationError
from annotator.core.model import Article, Attribution
from annotator.core.schema import default_schema
from annotator.core.spans import Span
from annotator.io.export import ExportFilter, export_jsonl
from annotator.io.importer import import_files
from annotator.store.project import Project
from tests.io.lines import (
    assert_rows_and_dataclasses_agree,
    export_bytes,
    export_lines,
    span,
    write_jsonl,
)

E1 = (
    "The city council must repair the quay before winter, "
    "Mayor Ilse Varga reportedly told reporters."
)
E2 = "Ilse Varga repeated that the quay must be repaired before winter."
E3 = "Rail strike ends after two days."
STAMP = {"name": "default", "revision": 1, "fingerprint": default_schema().fingerprint}
"""What each line says of the schema its values come from (``label_schema``)."""


@dataclass
class Built:
    """The hand-built project and the ids the store gave its labels."""

    project: Project
    ids: dict[str, str]


def cut(text: str, part: str) -> Span:
    """The code point span of ``part`` in ``text``."""
    found = span(text, part)
    return Span(found["start"], found["end"])


@pytest.fixture
def built(project: Project) -> Built:
    """Three articles (added in the order z, a, m), labelled by ana and bo.

    ana: done on z (actors, mentions, a claim with attribution linked to a),
    in progress on a; bo: skipped on z with one bare claim; nobody on m.
    """
    project.add_articles(
        [
            Article(
                "z",
                E1,
                title="Quay repairs",
                source="City Herald",
                url="https://example.org/z",
                published="2025-10-01",
                language="en",
                story="quay",
                meta={"wordcount": 16, "desk": "city"},
            ),
            Article("a", E2, title="Varga repeats", story="quay"),
            Article("m", E3, story="rail"),
        ]
    )
    varga = project.add_actor("Ilse Varga", "ana", "official", ("the mayor", "Varga"))
    council = project.add_actor("city council", "ana", "government")
    m_varga = project.add_mention("z", "ana", *cut(E1, "Ilse Varga"), varga.id)
    m_council = project.add_mention("z", "ana", *cut(E1, "The city council"), council.id)
    demand = project.add_claim(
        "z",
        "ana",
        *cut(E1, "The city council must repair the quay before winter"),
        claimant=varga.id,
        target=council.id,
        stance="oppose",
        category="demand",
        certainty="hedged",
        checkworthy="checkworthy",
        attribution=Attribution(
            "indirect", m_varga.id, "Mayor Ilse Varga", "named", cut(E1, "reportedly told")
        ),
        note="hedged by reportedly",
    )
    repeat = project.add_claim("a", "ana", *cut(E2, "the quay must be repaired before winter"))
    project.link_claims(demand.id, repeat.id, "ana")
    project.set_status("z", "ana", "done", "all clear")
    project.set_status("a", "ana", "in_progress")
    bare = project.add_claim("z", "bo", *cut(E1, "must repair the quay"))
    project.set_status("z", "bo", "skipped", "unclear sentence")
    ids = {
        "varga": varga.id,
        "council": council.id,
        "m_varga": m_varga.id,
        "m_council": m_council.id,
        "demand": demand.id,
        "repeat": repeat.id,
        "bare": bare.id,
    }
    return Built(project, ids)


def null_claim(claim_id: str, text: str, part: str, links: list[str]) -> dict[str, Any]:
    """The exported object of a claim with nothing but its span (and links)."""
    return {
        "id": claim_id,
        **span(text, part),
        "claimant": None,
        "addressee": None,
        "target": None,
        "stance": None,
        "category": None,
        "certainty": None,
        "checkworthy": None,
        "attribution": {
            "attribution_type": None,
            "source_mention": None,
            "source_text": None,
            "source_kind": None,
            "cue": None,
        },
        "links": links,
        "note": "",
    }


def ana_on_z(ids: dict[str, str]) -> dict[str, Any]:
    return {
        "annotator": "ana",
        "status": "done",
        "comment": "all clear",
        "actors": [
            {"id": ids["council"], "name": "city council", "type": "government", "aliases": []},
            {
                "id": ids["varga"],
                "name": "Ilse Varga",
                "type": "official",
                "aliases": ["the mayor", "Varga"],
            },
        ],
        "mentions": [
            {"id": ids["m_council"], **span(E1, "The city council"), "actor": ids["council"]},
            {"id": ids["m_varga"], **span(E1, "Ilse Varga"), "actor": ids["varga"]},
        ],
        "claims": [
            {
                "id": ids["demand"],
                **span(E1, "The city council must repair the quay before winter"),
                "claimant": ids["varga"],
                "addressee": None,
                "target": ids["council"],
                "stance": "oppose",
                "category": "demand",
                "certainty": "hedged",
                "checkworthy": "checkworthy",
                "attribution": {
                    "attribution_type": "indirect",
                    "source_mention": ids["m_varga"],
                    "source_text": "Mayor Ilse Varga",
                    "source_kind": "named",
                    "cue": span(E1, "reportedly told"),
                },
                "links": [ids["repeat"]],
                "note": "hedged by reportedly",
            }
        ],
    }


def bo_on_z(ids: dict[str, str]) -> dict[str, Any]:
    return {
        "annotator": "bo",
        "status": "skipped",
        "comment": "unclear sentence",
        "actors": [],
        "mentions": [],
        "claims": [null_claim(ids["bare"], E1, "must repair the quay", [])],
    }


def ana_on_a(ids: dict[str, str]) -> dict[str, Any]:
    return {
        "annotator": "ana",
        "status": "in_progress",
        "comment": "",
        "actors": [],
        "mentions": [],
        "claims": [
            null_claim(
                ids["repeat"], E2, "the quay must be repaired before winter", [ids["demand"]]
            )
        ],
    }


def unlinked(entry: dict[str, Any]) -> dict[str, Any]:
    """An entry as a filtered export writes it when its claims' partners are left out."""
    return {**entry, "claims": [{**c, "links": []} for c in entry["claims"]]}


def line_z(annotations: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": "z",
        "text": E1,
        "title": "Quay repairs",
        "source": "City Herald",
        "url": "https://example.org/z",
        "published": "2025-10-01",
        "language": "en",
        "story": "quay",
        "meta": {"desk": "city", "wordcount": 16},
        "label_schema": STAMP,
        "annotations": annotations,
    }


def line_a(annotations: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": "a",
        "text": E2,
        "title": "Varga repeats",
        "source": None,
        "url": None,
        "published": None,
        "language": None,
        "story": "quay",
        "meta": {},
        "label_schema": STAMP,
        "annotations": annotations,
    }


def line_m(annotations: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": "m",
        "text": E3,
        "title": "",
        "source": None,
        "url": None,
        "published": None,
        "language": None,
        "story": "rail",
        "meta": {},
        "label_schema": STAMP,
        "annotations": annotations,
    }


# -- the whole export -------------------------------------------------------------------------


def test_export_of_everything_is_exactly_these_lines(built: Built) -> None:
    ids = built.ids

    assert export_lines(built.project) == [
        line_z([ana_on_z(ids), bo_on_z(ids)]),
        line_a([ana_on_a(ids)]),
        line_m([]),
    ]


def test_keys_come_in_the_documented_order(built: Built) -> None:
    first = export_lines(built.project)[0]
    annotation = first["annotations"][0]
    claim = annotation["claims"][0]

    assert list(first) == [
        "id", "text", "title", "source", "url", "published", "language", "story", "meta",
        "label_schema", "annotations",
    ]  # fmt: skip
    assert list(annotation) == ["annotator", "status", "comment", "actors", "mentions", "claims"]
    assert list(annotation["actors"][0]) == ["id", "name", "type", "aliases"]
    assert list(annotation["mentions"][0]) == ["id", "start", "end", "text", "actor"]
    assert list(claim) == [
        "id", "start", "end", "text", "claimant", "addressee", "target", "stance", "category",
        "certainty", "checkworthy", "attribution", "links", "note",
    ]  # fmt: skip
    assert list(claim["attribution"]) == [
        "attribution_type", "source_mention", "source_text", "source_kind", "cue",
    ]  # fmt: skip
    assert list(claim["attribution"]["cue"]) == ["start", "end", "text"]
    assert list(first["meta"]) == ["desk", "wordcount"]


def test_output_is_utf8_without_bom_one_compact_line_per_article(built: Built) -> None:
    data = export_bytes(built.project)

    assert data.startswith(b'{"id":"z","text":')
    assert not data.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in data
    assert data.endswith(b"}\n")
    assert data.count(b"\n") == 3
    assert data.decode("utf-8").splitlines()[1] == (
        '{"id":"a","text":"Ilse Varga repeated that the quay must be repaired before winter.",'
        '"title":"Varga repeats","source":null,"url":null,"published":null,"language":null,'
        '"story":"quay","meta":{},'
        f'"label_schema":{{"name":"default","revision":1,"fingerprint":"{STAMP["fingerprint"]}"}},'
        '"annotations":[{"annotator":"ana","status":"in_progress",'
        f'"comment":"","actors":[],"mentions":[],"claims":[{{"id":"{built.ids["repeat"]}",'
        '"start":25,"end":64,"text":"the quay must be repaired before winter",'
        '"claimant":null,"addressee":null,"target":null,"stance":null,"category":null,'
        '"certainty":null,"checkworthy":null,"attribution":{"attribution_type":null,"source_mention":null,'
        '"source_text":null,"source_kind":null,"cue":null},'
        f'"links":["{built.ids["demand"]}"],"note":""}}]}}]}}'
    )


def test_non_ascii_is_written_as_utf8_not_escaped(project: Project) -> None:
    project.add_articles([Article("u", "Zürich 李明 👍🏽")])

    assert export_bytes(project).startswith('{"id":"u","text":"Zürich 李明 👍🏽"'.encode())


def test_export_is_the_same_every_time(built: Built) -> None:
    assert export_bytes(built.project) == export_bytes(built.project)


def test_labels_are_sorted_by_span_then_id_and_actors_by_name(
    project: Project, tmp_path: Path
) -> None:
    text = "Bo and al and Cy met."
    labels = {
        "annotator": "ana",
        "actors": [
            {"id": "x3", "name": "Cy"},
            {"id": "x2", "name": "al"},
            {"id": "x1", "name": "Bo"},
            {"id": "x0", "name": "bo"},
        ],
        "mentions": [
            {"id": "m-c", **span(text, "Cy"), "actor": "x3"},
            {"id": "m-b2", **span(text, "Bo"), "actor": "x0"},
            {"id": "m-b1", **span(text, "Bo"), "actor": "x1"},
            {"id": "m-a", **span(text, "al"), "actor": "x2"},
        ],
        "claims": [
            {"id": "c2", **span(text, "Bo and al")},
            {"id": "c1", **span(text, "Bo and al and Cy")},
            {"id": "c0", **span(text, "Bo")},
        ],
    }
    import_files(
        project,
        [write_jsonl(tmp_path / "a.jsonl", {"id": "o", "text": text, "annotations": [labels]})],
    )

    [annotation] = export_lines(project)[0]["annotations"]

    assert [a["id"] for a in annotation["actors"]] == ["x2", "x0", "x1", "x3"]
    assert [m["id"] for m in annotation["mentions"]] == ["m-b1", "m-b2", "m-a", "m-c"]
    assert [c["id"] for c in annotation["claims"]] == ["c0", "c2", "c1"]


def test_annotations_are_sorted_by_annotator(project: Project) -> None:
    project.add_articles([Article("s", "Some text.")])
    for name in ("zoe", "ana", "Max", "bo"):
        project.set_status("s", name, "in_progress")

    [line] = export_lines(project)

    assert [a["annotator"] for a in line["annotations"]] == ["Max", "ana", "bo", "zoe"]


# -- filters ----------------------------------------------------------------------------------


def test_filter_by_annotator_keeps_every_article_with_only_their_entries(built: Built) -> None:
    ids = built.ids

    assert export_lines(built.project, ExportFilter(annotator="bo")) == [
        line_z([bo_on_z(ids)]),
        line_a([]),
        line_m([]),
    ]


def test_filter_by_status_keeps_articles_with_such_an_entry(built: Built) -> None:
    ids = built.ids
    project = built.project

    # Links to claims the filter leaves out are dropped, so the file imports on its own.
    assert export_lines(project, ExportFilter(status="done")) == [line_z([unlinked(ana_on_z(ids))])]
    assert export_lines(project, ExportFilter(status="skipped")) == [line_z([bo_on_z(ids)])]
    assert export_lines(project, ExportFilter(status="in_progress")) == [
        line_a([unlinked(ana_on_a(ids))])
    ]


def test_filter_by_annotator_and_todo_counts_articles_they_never_touched(built: Built) -> None:
    ids = built.ids
    project = built.project

    assert export_lines(project, ExportFilter(annotator="ana", status="todo")) == [line_m([])]
    assert export_lines(project, ExportFilter(annotator="bo", status="todo")) == [
        line_a([]),
        line_m([]),
    ]
    assert export_lines(project, ExportFilter(annotator="ana", status="in_progress")) == [
        line_a([unlinked(ana_on_a(ids))])
    ]
    assert export_lines(project, ExportFilter(annotator="bo", status="done")) == []


def test_filter_by_story(built: Built) -> None:
    ids = built.ids
    project = built.project

    assert export_lines(project, ExportFilter(story="quay")) == [
        line_z([ana_on_z(ids), bo_on_z(ids)]),
        line_a([ana_on_a(ids)]),
    ]
    assert export_lines(project, ExportFilter(story="rail")) == [line_m([])]
    assert export_lines(project, ExportFilter(story="none such")) == []


def test_filters_combine(built: Built) -> None:
    where = ExportFilter(annotator="ana", status="done", story="quay")

    assert export_lines(built.project, where) == [line_z([unlinked(ana_on_z(built.ids))])]


def test_a_filtered_export_imports_into_a_new_project(built: Built, tmp_path: Path) -> None:
    out = tmp_path / "done.jsonl"
    with open(out, "wb") as handle:
        export_jsonl(built.project, handle, ExportFilter(status="done"))
    with Project.create(tmp_path / "new.claims") as fresh:
        report = import_files(fresh, [out])
        assert (report.added, report.skipped) == (1, [])
        assert fresh.labels("z", "ana").links == {}


def test_unknown_status_filter_is_refused() -> None:
    with pytest.raises(ValidationError, match="status 'finished' is not one of todo"):
        ExportFilter(status="finished")


def test_export_returns_the_number_of_lines_written(built: Built) -> None:
    out = io.BytesIO()

    assert export_jsonl(built.project, out, ExportFilter(story="quay")) == 2
    assert out.getvalue().count(b"\n") == 2


# -- progress ---------------------------------------------------------------------------------


def many_articles(project: Project, tmp_path: Path, count: int, story: str) -> None:
    lines = ({"id": f"{story}{i}", "text": f"Text {i}.", "story": story} for i in range(count))
    import_files(project, [write_jsonl(tmp_path / f"{story}.jsonl", *lines)])


def test_export_progress_reaches_the_article_count(project: Project, tmp_path: Path) -> None:
    many_articles(project, tmp_path, 1200, "s")
    calls: list[tuple[int, int]] = []

    written = export_jsonl(project, io.BytesIO(), progress=lambda d, t: calls.append((d, t)))

    assert written == 1200
    assert len(calls) >= 2
    assert [d for d, _ in calls] == sorted({d for d, _ in calls})
    assert {t for _, t in calls} == {1200}
    assert calls[-1] == (1200, 1200)


def test_export_progress_of_one_story_reaches_its_count(project: Project, tmp_path: Path) -> None:
    many_articles(project, tmp_path, 700, "x")
    many_articles(project, tmp_path, 300, "y")
    calls: list[tuple[int, int]] = []

    written = export_jsonl(
        project, io.BytesIO(), ExportFilter(story="y"), lambda d, t: calls.append((d, t))
    )

    assert written == 300
    assert calls[-1] == (300, 300)


def test_export_writes_to_a_real_file(built: Built, tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    with open(target, "wb") as out:
        export_jsonl(built.project, out)

    assert [orjson.loads(x) for x in target.read_bytes().splitlines()] == export_lines(
        built.project
    )


def test_export_formats_registry_writes_jsonl_and_refuses_unknown(
    project: Project, tmp_path: Path
) -> None:
    from annotator.core.errors import AnnotatorError
    from annotator.io.formats import export_to

    project.add_articles([Article("a", "Some text.")])
    target = tmp_path / "out.jsonl"
    assert export_to(project, "jsonl", target) == 1
    assert [line["id"] for line in map(orjson.loads, target.read_bytes().splitlines())] == ["a"]
    assert not (tmp_path / "out.jsonl.partial").exists()
    with pytest.raises(AnnotatorError, match=r"unknown export format 'xml'; use one of .*jsonl"):
        export_to(project, "xml", tmp_path / "out.xml")


def test_lines_are_the_same_made_from_rows_or_from_dataclasses(built: Built) -> None:
    project, ids = built.project, built.ids
    tunnel = project.add_claim("m", "ana", *cut(E3, "Rail strike ends"))
    project.set_claim_source(tunnel.id, cut(E3, "two days"), ids["council"])  # source only
    project.set_status("m", "cy", "done")  # a status and no labels

    assert_rows_and_dataclasses_agree(project)
