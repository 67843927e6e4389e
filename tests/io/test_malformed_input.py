"""No input crashes a reader: generated malformed input gets our own errors, and no change.

Each importer (txt, csv, jsonl, doccano, brat, label-studio, prodigy) and the
label-map and schema readers get input made from valid files our exporters
wrote: records changed at every place (any JSON value, a key removed or
added, nesting past our limit), bytes cut short or garbled. The only
exceptions allowed are ours (`AnnotatorError`); an import that fails leaves
the project file as it was (its SQL dump is compared).

Each test prints how many inputs its reader got and how many exceptions were
not ours (run with ``-s`` to see the lines). ``ANNOTATOR_FUZZ_SCALE=20`` runs
twenty times as many generated inputs.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import AnnotatorError
from annotator.core.schema import default_schema, load_schema, read_schema
from annotator.io.export import ExportFilter
from annotator.io.formats import export_to
from annotator.io.importer import import_files
from annotator.io.label_map import default_label_map, load_label_map
from annotator.resources import resource
from annotator.store.project import Project
from tests.helpers import dump
from tests.io.lines import actor, claim, entry, mention, write_jsonl
from tests.io.malformed import (
    DEEP,
    DEPTHS,
    JSON_VALUES,
    NASTY_TEXT,
    TEXT,
    Change,
    Tally,
    changes,
    dumps,
    garbled,
    places,
    toml_document,
)

SCALE = float(os.environ.get("ANNOTATOR_FUZZ_SCALE", "1"))
TALLY = Tally()
TEXT_A = "Mayor Ilse Varga said the quay will stay open 😀, officials reportedly said."
TEXT_B = "Ilse Varga repeated\r\nthat the quay must stay open."


def fuzz(examples: int) -> settings:
    """Settings of a property test: ``examples`` inputs (times the scale), no deadline."""
    return settings(
        max_examples=max(1, int(examples * SCALE)),
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# -- the valid files everything is made from --------------------------------------------------


def labelled_lines() -> list[dict[str, Any]]:
    """Two articles labelled by ana: actors, mentions, claims with attribution, cue, link."""
    a = entry(
        comment="first pass",
        actors=[actor("varga", "Ilse Varga", "official", "the mayor")],
        mentions=[mention("m1", TEXT_A, "Ilse Varga", "varga")],
        claims=[
            claim(
                "c1",
                TEXT_A,
                "the quay will stay open",
                claimant="varga",
                stance="support",
                category="prediction",
                certainty="asserted",
                checkworthy="checkworthy",
                attribution={
                    "attribution_type": "indirect",
                    "source_mention": "m1",
                    "source_text": "Ilse Varga",
                    "source_kind": "named",
                    "cue": {"start": 17, "end": 21, "text": "said"},
                },
                links=["c2"],
                note="check",
            ),
            claim("c3", TEXT_A, "officials", stance="neutral"),
        ],
    )
    b = entry(claims=[claim("c2", TEXT_B, "the quay must stay open", stance="support")])
    return [
        {"id": "a1", "text": TEXT_A, "title": "Quay", "story": "quay", "meta": {"desk": "x"},
         "annotations": [a]},
        {"id": "a2", "text": TEXT_B, "source": "Herald", "annotations": [b]},
    ]  # fmt: skip


class Samples:
    """Valid input files of every format, written by our own exporters from one project."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        native = write_jsonl(folder / "native.jsonl", *labelled_lines())
        with Project.create(folder / "source.claims") as project:
            import_files(project, [native])
            where = ExportFilter(annotator="ana")
            for fmt, name in (
                ("doccano", "doccano.jsonl"),
                ("prodigy", "prodigy.jsonl"),
                ("label-studio", "label-studio.json"),
                ("brat", "brat"),
            ):
                export_to(project, fmt, folder / name, where)
        self.records: dict[str, list[Any]] = {
            "jsonl": _lines(native),
            "doccano": _lines(folder / "doccano.jsonl"),
            "prodigy": _lines(folder / "prodigy.jsonl"),
            "label-studio": json.loads((folder / "label-studio.json").read_text("utf-8")),
        }
        self.brat = {p.name: p.read_bytes() for p in sorted((folder / "brat").iterdir())}


def _lines(path: Path) -> list[Any]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Samples:
    """The valid files, made once for the module."""
    return Samples(tmp_path_factory.mktemp("samples"))


@pytest.fixture(scope="module", autouse=True)
def figures() -> Iterator[None]:
    """Print every reader's figures when the module is done."""
    yield
    print("\nmalformed input, per reader:")
    for reader in sorted(TALLY.inputs):
        print(f"  {TALLY.line(reader)}")


def attempt(reader: str, project: Project, call: Callable[[], object], inputs: int = 1) -> None:
    """Run ``call`` (an import into ``project``): it succeeds, or fails with our error and no change."""
    TALLY.tried(reader, inputs)
    before = dump(project.path)
    try:
        call()
    except AnnotatorError:
        TALLY.refuse(reader)
        after = dump(project.path)
        assert after == before, "a failed import changed the project"
    except Exception as exc:
        TALLY.failed(reader, exc)
        raise


def file_bytes(fmt: str, records: list[Any], depth: int) -> bytes:
    """Records as the format's file: JSON Lines, or one JSON list (Label Studio)."""
    if fmt == "label-studio":
        return dumps(records, depth)
    return b"".join(dumps(r, depth) + b"\n" for r in records)


JSON_FORMATS = ("jsonl", "doccano", "prodigy", "label-studio")
WRONG = [None, True, -1, 1.5, "", "x", [], {}, [[]], {"a": {}}, "\x00", DEEP]
"""The values put at every place of every record in the sweep."""


def _id_place(fmt: str) -> tuple[str, ...]:
    return {"prodigy": ("meta", "id"), "label-studio": ("data", "id")}.get(fmt, ("id",))


def _relabelled(fmt: str, record: Any, number: int) -> Any:
    """A native ``record`` whose labels have ids of their own (other formats derive them)."""
    if fmt != "jsonl":
        return record
    text = json.dumps(record)
    for label in ("m1", "c1", "c2", "c3"):
        text = text.replace(f'"{label}"', f'"{label}-{number}"')
    return json.loads(text)


def _renamed(fmt: str, record: Any, number: int) -> Any:
    """``record`` with an article id of its own (if its id is still where ids go)."""
    *parents, key = _id_place(fmt)
    holder = record
    for step in parents:
        holder = holder.get(step) if isinstance(holder, dict) else None
    if isinstance(holder, dict) and isinstance(holder.get(key), str):
        holder[key] = f"{holder[key]}-{number}"
    return record


@pytest.mark.parametrize("fmt", JSON_FORMATS)
def test_every_place_of_every_record_with_every_wrong_value(
    samples: Samples, tmp_path: Path, fmt: str
) -> None:
    """The sweep: each place of each valid record gets each of `WRONG`, or is removed.

    All the changed records go into one file, imported with ``--skip-invalid``
    (each bad one skipped, the others imported) and without (the first bad one
    stops it, nothing changes).
    """
    changed: list[Any] = []
    for valid in samples.records[fmt]:
        for place in places(valid):
            for value in [*WRONG, "remove"]:
                kind = "remove" if value == "remove" else "replace"
                record = _relabelled(fmt, valid, len(changed))
                mutated = Change(kind, place, value).apply(record)
                if place[: len(_id_place(fmt))] != _id_place(fmt):
                    mutated = _renamed(fmt, mutated, len(changed))
                changed.append(mutated)
    source = tmp_path / f"sweep.{'json' if fmt == 'label-studio' else 'jsonl'}"
    source.write_bytes(file_bytes(fmt, changed, 300))
    with Project.create(tmp_path / "p.claims") as project:
        attempt(fmt, project, lambda: import_files(project, [source], format=fmt), len(changed))
        attempt(
            fmt, project, lambda: import_files(project, [source], format=fmt, skip_invalid=True)
        )
    assert len(changed) > 200


@pytest.mark.parametrize("fmt", JSON_FORMATS)
def test_json_readers_with_generated_records_and_garbled_bytes(
    samples: Samples, tmp_path: Path, fmt: str
) -> None:
    valid = samples.records[fmt]
    counter = iter(range(10**9))

    with Project.create(tmp_path / "p.claims") as project:

        @fuzz(120)
        @given(data=st.data())
        def check(data: st.DataObject) -> None:
            records = [data.draw(changes(r)) if data.draw(st.booleans()) else r for r in valid]
            if data.draw(st.booleans()):
                records.append(data.draw(JSON_VALUES))  # a line that is anything at all
            content = data.draw(garbled(file_bytes(fmt, records, data.draw(DEPTHS))))
            source = tmp_path / f"in{next(counter)}.json"
            source.write_bytes(content)
            skip = data.draw(st.booleans())
            attempt(fmt, project, lambda: import_files(project, [source], fmt, skip_invalid=skip))

        check()
    assert not TALLY.unexpected[fmt], TALLY.unexpected[fmt][:3]


CSV_COLUMNS = ["id", "title", "text", "source", "url", "published", "story", "desk", ""]


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    """A CSV file: a header of known and other column names (maybe twice), rows of nasty cells."""
    header = draw(st.lists(st.sampled_from(CSV_COLUMNS) | TEXT, min_size=1, max_size=6))
    if draw(st.booleans()) and "text" not in header:
        header.append("text")
    width = st.integers(max(0, len(header) - 1), len(header) + 1)
    rows = draw(st.lists(st.lists(TEXT, max_size=8), max_size=4))
    rows = [row[: draw(width)] + [""] * max(0, len(header) - len(row)) for row in rows]
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n", "\r"])))
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8", "surrogatepass")


def test_csv_reader(tmp_path: Path) -> None:
    counter = iter(range(10**9))
    with Project.create(tmp_path / "p.claims") as project:

        @fuzz(250)
        @given(content=csv_files().flatmap(garbled), skip=st.booleans())
        def check(content: bytes, skip: bool) -> None:
            source = tmp_path / f"in{next(counter)}.csv"
            source.write_bytes(content)
            attempt(
                "csv", project, lambda: import_files(project, [source], "csv", skip_invalid=skip)
            )

        check()
    assert not TALLY.unexpected["csv"], TALLY.unexpected["csv"][:3]


def test_txt_reader(tmp_path: Path) -> None:
    counter = iter(range(10**9))
    texts = st.lists(
        st.one_of(
            st.text().map(lambda t: t.encode("utf-8", "surrogatepass")),
            st.binary(max_size=40),
            st.just(TEXT_B.encode()).flatmap(garbled),
            NASTY_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
        ),
        min_size=1,
        max_size=3,
    )
    with Project.create(tmp_path / "p.claims") as project:

        @fuzz(150)
        @given(
            contents=texts,
            title=st.sampled_from(["auto", "first-line", "none"]),
            skip=st.booleans(),
        )
        def check(contents: list[bytes], title: str, skip: bool) -> None:
            folder = tmp_path / f"in{next(counter)}"
            folder.mkdir()
            for number, content in enumerate(contents):
                (folder / f"t{number}.txt").write_bytes(content)
            attempt(
                "txt",
                project,
                lambda: import_files(project, [folder], "txt", skip_invalid=skip, title=title),
            )

        check()
    assert not TALLY.unexpected["txt"], TALLY.unexpected["txt"][:3]


@st.composite
def ann_lines(draw: st.DrawFn, valid: bytes) -> bytes:
    """A ``.ann``: the valid lines, some with a tab-separated part or a word replaced or cut."""
    lines = valid.decode("utf-8").splitlines()
    for _ in range(draw(st.integers(0, 3))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        parts = lines[index].split("\t")
        part = draw(st.integers(0, len(parts) - 1))
        words = parts[part].split(" ")
        word = draw(st.integers(0, len(words) - 1))
        words[word] = draw(TEXT | st.integers(-5, 10**6).map(str) | st.just(""))
        parts[part] = " ".join(words)
        if draw(st.booleans()):
            parts = parts[: draw(st.integers(0, len(parts)))]
        lines[index] = "\t".join(parts)
    if draw(st.booleans()):
        lines.append(draw(TEXT))
    joined = "\n".join(lines) + draw(st.sampled_from(["\n", "", "\r\n"]))
    return joined.encode("utf-8", "surrogatepass")


def test_brat_reader(samples: Samples, tmp_path: Path) -> None:
    counter = iter(range(10**9))
    pairs = sorted(name[:-4] for name in samples.brat if name.endswith(".txt"))
    with Project.create(tmp_path / "p.claims") as project:

        @fuzz(200)
        @given(data=st.data())
        def check(data: st.DataObject) -> None:
            folder = tmp_path / f"in{next(counter)}"
            folder.mkdir()
            for stem in pairs:
                txt, ann = samples.brat[f"{stem}.txt"], samples.brat[f"{stem}.ann"]
                if data.draw(st.booleans()):
                    txt = data.draw(garbled(txt))
                ann = data.draw(ann_lines(ann).flatmap(garbled))
                (folder / f"{stem}.txt").write_bytes(txt)
                if data.draw(st.integers(0, 9)):
                    (folder / f"{stem}.ann").write_bytes(ann)
            skip = data.draw(st.booleans())
            attempt(
                "brat", project, lambda: import_files(project, [folder], "brat", skip_invalid=skip)
            )
            shutil.rmtree(folder)

        check()
    assert not TALLY.unexpected["brat"], TALLY.unexpected["brat"][:3]


def test_label_map_reader(samples: Samples, tmp_path: Path) -> None:
    schema = default_schema()
    valid = {
        "labels": {"Claim": "claim", "PER": "mention", "Cue": "cue", "Other": "ignore"},
        "relations": {"Cue": "cue", "Source": "source"},
    }
    counter = iter(range(10**9))
    source = samples.folder / "doccano.jsonl"

    with Project.create(tmp_path / "p.claims") as project:

        @fuzz(200)
        @given(data=st.data())
        def check(data: st.DataObject) -> None:
            tables = data.draw(changes(valid, max_changes=2))
            content = toml_document(tables if isinstance(tables, dict) else {"labels": tables})
            if not data.draw(st.integers(0, 2)):
                content = data.draw(garbled(content))
            path = tmp_path / f"map{next(counter)}.toml"
            path.write_bytes(content)
            TALLY.tried("label map")
            try:
                mapping = load_label_map(path, schema)
            except AnnotatorError:
                TALLY.refuse("label map")
                return
            except Exception as exc:
                TALLY.failed("label map", exc)
                raise
            # a mapping that was read is one an import can use
            attempt(
                "label map",
                project,
                lambda: import_files(
                    project, [source], "doccano", label_map=mapping, skip_invalid=True
                ),
                inputs=0,
            )

        check()
    assert not TALLY.unexpected["label map"], TALLY.unexpected["label map"][:3]


def test_schema_reader(tmp_path: Path) -> None:
    valid = tomllib.loads(resource("schemas", "default.toml").read_text("utf-8"))
    counter = iter(range(10**9))

    @fuzz(200)
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        tables = data.draw(changes(valid, max_changes=1)) if data.draw(st.integers(0, 4)) else valid
        content = toml_document(tables if isinstance(tables, dict) else {"schema": tables})
        if not data.draw(st.integers(0, 2)):
            content = data.draw(garbled(content))
        path = tmp_path / f"schema{next(counter)}.toml"
        path.write_bytes(content)
        TALLY.tried("schema")
        try:
            schema = read_schema(path)
            # a schema that was read can be stored, read back, and mapped
            assert load_schema(schema.source, "again") == schema
            default_label_map(schema)
        except AnnotatorError:
            TALLY.refuse("schema")
            return
        except Exception as exc:
            TALLY.failed("schema", exc)
            raise

    check()
    assert not TALLY.unexpected["schema"], TALLY.unexpected["schema"][:3]
