"""Round trips: export -> import into a new project -> export gives the same bytes."""

from __future__ import annotations

import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.model import Article
from annotator.core.spans import Span
from annotator.io.importer import import_files
from annotator.store.project import Project
from tests.io.lines import (
    actor,
    claim,
    entry,
    export_bytes,
    export_lines,
    mention,
    span,
    write_jsonl,
)

WORLD = (
    "Ana 😀 cheered, 👍🏽 said the crowd; flags 🇪🇺🇺🇳 flew. "
    "Staff 👩‍⚕️ and a family 👨‍👩‍👧 waited while Jose\u0301 from the cafe\u0301 spoke. "
    "李明 said prices will rise. "
    "قال الوزير إن الميناء سيفتح غدا. "
    "אמר השר שהנמל ייפתח מחר. "
    "Finally, Ilse Varga said the quay stays open."
)


@contextmanager
def new_project(folder: Path, name: str) -> Iterator[Project]:
    """A new project file in ``folder``, closed afterwards."""
    project = Project.create(folder / name)
    try:
        yield project
    finally:
        project.close()


def reimported(data: bytes, folder: Path, name: str) -> bytes:
    """Import an export into a new project and export that project."""
    source = folder / f"{name}.jsonl"
    source.write_bytes(data)
    with new_project(folder, f"{name}.claims") as project:
        import_files(project, [source])
        return export_bytes(project)


# -- the sample -------------------------------------------------------------------------------


def test_the_sample_file_is_exactly_our_export_of_it(project: Project, sample_jsonl: Path) -> None:
    import_files(project, [sample_jsonl])

    assert export_bytes(project) == sample_jsonl.read_bytes()


def test_sample_export_import_export_is_byte_identical(
    project: Project, sample_jsonl: Path, tmp_path: Path
) -> None:
    import_files(project, [sample_jsonl])
    first = export_bytes(project)

    second = reimported(first, tmp_path, "again")

    assert second == first
    assert len(first.splitlines()) == 8


def test_a_file_written_with_the_older_attribution_key_imports_and_exports_with_the_new(
    project: Project, sample_jsonl: Path, tmp_path: Path
) -> None:
    """The attribution type was ``type`` in files of older versions: they import as before."""
    current = sample_jsonl.read_bytes()
    assert current.count(b'"attribution":{"attribution_type":') == 18
    older = current.replace(b'"attribution":{"attribution_type":', b'"attribution":{"type":')
    old_file = tmp_path / "older.jsonl"
    old_file.write_bytes(older)

    import_files(project, [old_file])

    assert export_bytes(project) == current


# -- sources made with S ----------------------------------------------------------------------

TOLL = "Mirela Stan said the tunnel toll ends in June, while local papers expect a delay."


def at(part: str) -> Span:
    """The span of ``part`` in `TOLL`."""
    found = span(TOLL, part)
    return Span(found["start"], found["end"])


def test_a_mention_made_only_as_a_source_says_so_and_round_trips(
    project: Project, tmp_path: Path
) -> None:
    project.add_articles([Article(id="t1", text=TOLL, title="Toll")])
    stan = project.add_actor("Mirela Stan", "ana", "official")
    toll = project.add_claim("t1", "ana", *at("the tunnel toll ends in June"))
    project.set_claim_source(toll.id, at("Mirela Stan"), stan.id)  # S
    delay = project.add_claim("t1", "ana", *at("expect a delay"))
    project.add_mention("t1", "ana", *at("local papers"))  # M
    project.set_claim_source(delay.id, at("local papers"), None)  # S on it
    first = export_bytes(project)

    [line] = export_lines(project)
    mentions = line["annotations"][0]["mentions"]
    assert mentions == [
        {
            **span(TOLL, "Mirela Stan"),
            "id": mentions[0]["id"],
            "actor": stan.id,
            "source_only": True,
        },
        {**span(TOLL, "local papers"), "id": mentions[1]["id"], "actor": None},
    ]
    assert list(mentions[0]) == ["id", "start", "end", "text", "actor", "source_only"]
    assert reimported(first, tmp_path, "again") == first
    with Project.open(tmp_path / "again.claims", read_only=True) as again:
        flags = [m.source_only for m in again.labels("t1", "ana").mentions]
    assert flags == [True, False]


# -- text the world writes --------------------------------------------------------------------


def world_line() -> dict[str, Any]:
    """`WORLD` with mentions and claims after emoji, flags, ZWJ, accents, CJK and RTL."""
    labels = entry(
        actors=[
            actor("li", "李明", "person"),
            actor("jose", "Jose\u0301", "person", "the cafe\u0301 owner"),
            actor("minister", "الوزير", "official"),
            actor("sar", "השר", "official"),
            actor("varga", "Ilse Varga", "official"),
        ],
        mentions=[
            mention("m-family", WORLD, "👨‍👩‍👧"),
            mention("m-staff", WORLD, "👩‍⚕️"),
            mention("m-flags", WORLD, "🇪🇺🇺🇳"),
            mention("m-jose", WORLD, "Jose\u0301", "jose"),
            mention("m-li", WORLD, "李明", "li"),
            mention("m-minister", WORLD, "الوزير", "minister"),
            mention("m-sar", WORLD, "השר", "sar"),
            mention("m-varga", WORLD, "Ilse Varga", "varga"),
        ],
        claims=[
            claim(
                "c-prices",
                WORLD,
                "prices will rise",
                claimant="li",
                stance="neutral",
                category="prediction",
                attribution={
                    "attribution_type": "indirect",
                    "source_mention": "m-li",
                    "cue": span(WORLD, "said", 1),
                },
            ),
            claim("c-port", WORLD, "الميناء سيفتح غدا", claimant="minister", stance="support"),
            claim("c-harbour", WORLD, "שהנמל ייפתח מחר", claimant="sar"),
            claim(
                "c-quay",
                WORLD,
                "the quay stays open",
                claimant="varga",
                attribution={"attribution_type": "indirect", "cue": span(WORLD, "said", 2)},
                note="after 👍🏽 and 🇪🇺",
            ),
        ],
    )
    return {"id": "world", "text": WORLD, "title": "Wörld ✓ 世界", "annotations": [labels]}


def test_text_is_stored_code_point_for_code_point(project: Project, tmp_path: Path) -> None:
    import_files(project, [write_jsonl(tmp_path / "w.jsonl", world_line())])

    stored = project.article("world")

    assert stored is not None
    assert [ord(c) for c in stored.text] == [ord(c) for c in WORLD]
    assert "e\u0301" in stored.text
    assert "\u00e9" not in stored.text
    assert stored.text != unicodedata.normalize("NFC", WORLD)


def test_spans_after_astral_and_combining_characters_point_at_the_same_text(
    project: Project, tmp_path: Path
) -> None:
    line = world_line()
    import_files(project, [write_jsonl(tmp_path / "w.jsonl", line)])

    [exported] = export_lines(project)
    [annotation] = exported["annotations"]

    given = {m["id"]: (m["start"], m["end"], m["text"]) for m in line["annotations"][0]["mentions"]}
    got = {m["id"]: (m["start"], m["end"], m["text"]) for m in annotation["mentions"]}
    assert got == given
    for item in annotation["mentions"] + annotation["claims"]:
        assert WORLD[item["start"] : item["end"]] == item["text"]
    quay = annotation["claims"][-1]
    assert (quay["id"], quay["text"], quay["attribution"]["cue"]) == (
        "c-quay",
        "the quay stays open",
        span(WORLD, "said", 2),
    )
    assert quay["start"] == WORLD.index("the quay stays open")


def test_world_text_round_trips_byte_for_byte(project: Project, tmp_path: Path) -> None:
    other = {"id": "echo", "text": "Echo: " + WORLD, "story": "🇪🇺 story"}
    import_files(project, [write_jsonl(tmp_path / "w.jsonl", world_line(), other)])
    first = export_bytes(project)

    assert reimported(first, tmp_path, "again") == first
    assert "Jose\u0301".encode() in first
    assert "👨‍👩‍👧".encode() in first


def test_csv_and_text_imports_round_trip_through_export(project: Project, tmp_path: Path) -> None:
    table = tmp_path / "a.csv"
    table.write_text(
        'id,title,text,source,published,desk\nk1,Caf\u00e9,"Line one,\nline 👍🏽 two",Post,'
        "2025-01-02,metro\n",
        encoding="utf-8",
    )
    text = tmp_path / "note-1.txt"
    text.write_text("Titel\n\nRTL: שלום, and a flag 🇺🇳.\n", encoding="utf-8")
    import_files(project, [table, text], story="mixed")
    first = export_bytes(project)

    assert reimported(first, tmp_path, "again") == first
    assert [line["id"] for line in export_lines(project)] == ["k1", "note-1"]


# -- any text ---------------------------------------------------------------------------------

# Any character an article may hold: not a lone surrogate (not UTF-8), not NUL (refused
# by every importer), and no \r (stored as \n: tested separately below).
texts = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\r\x00"),
    min_size=1,
    max_size=40,
).filter(lambda t: t.strip() != "")


@st.composite
def spans(draw: st.DrawFn, text: str) -> tuple[int, int]:
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    return start, end


@st.composite
def labelled_lines(draw: st.DrawFn) -> dict[str, Any]:
    """An article with random text and random valid mentions, claims and cues."""
    text = draw(texts)
    mentions = []
    for i in range(draw(st.integers(0, 4))):
        start, end = draw(spans(text))
        mentions.append(
            {"id": f"m{i}", "start": start, "end": end, "text": text[start:end], "actor": "p"}
        )
        if draw(st.booleans()):
            mentions[-1]["source_only"] = True
    claims = []
    for i in range(draw(st.integers(0, 3))):
        start, end = draw(spans(text))
        item: dict[str, Any] = {"id": f"c{i}", "start": start, "end": end, "text": text[start:end]}
        item["stance"] = draw(st.sampled_from([None, "support", "oppose", "neutral"]))
        if draw(st.booleans()):
            cue_start, cue_end = draw(spans(text))
            item["attribution"] = {
                "cue": {"start": cue_start, "end": cue_end, "text": text[cue_start:cue_end]}
            }
        claims.append(item)
    title = draw(
        st.text(
            alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
            max_size=10,
        )
    )
    labels = {
        "annotator": "ana",
        "actors": [{"id": "p", "name": "Someone"}],
        "mentions": mentions,
        "claims": claims,
    }
    return {"id": "r", "text": text, "title": title, "annotations": [labels]}


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line=labelled_lines())
def test_random_text_and_spans_round_trip_exactly(line: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        source = write_jsonl(folder / "in.jsonl", line)
        with new_project(folder, "one.claims") as project:
            import_files(project, [source])
            first = export_bytes(project)

        [exported] = [orjson.loads(x) for x in first.splitlines()]
        [annotation] = exported["annotations"]
        assert exported["text"] == line["text"]
        assert exported["title"] == line["title"]
        given_labels = line["annotations"][0]
        assert sorted(
            (m["id"], m["start"], m["end"], m["text"]) for m in annotation["mentions"]
        ) == sorted((m["id"], m["start"], m["end"], m["text"]) for m in given_labels["mentions"])
        assert sorted(
            (c["id"], c["start"], c["end"], c["text"], c["stance"], c["attribution"]["cue"])
            for c in annotation["claims"]
        ) == sorted(
            (
                c["id"],
                c["start"],
                c["end"],
                c["text"],
                c["stance"],
                c.get("attribution", {}).get("cue"),
            )
            for c in given_labels["claims"]
        )
        assert reimported(first, folder, "two") == first


def normalised(text: str) -> str:
    """``text`` with its line ends stored the documented way."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@st.composite
def crlf_lines(draw: st.DrawFn) -> dict[str, Any]:
    """An article with ``\\r\\n`` and lone ``\\r`` line ends and spans on that raw text.

    Span ends never fall between the two characters of a ``\\r\\n``.
    """
    pieces = st.sampled_from(["a", "é", "😀", "李", " ", "\n", "\r", "\r\n"])
    text = draw(st.lists(pieces, min_size=1, max_size=30).map("".join).filter(str.strip))
    cuts = [i for i in range(len(text) + 1) if text[i - 1 : i + 1] != "\r\n"]
    mentions = []
    for i in range(draw(st.integers(1, 4))):
        start = draw(st.sampled_from(cuts[:-1]))
        end = draw(st.sampled_from([c for c in cuts if c > start]))
        mentions.append({"id": f"m{i}", "start": start, "end": end, "text": text[start:end]})
    return {"id": "r", "text": text, "annotations": [{"annotator": "ana", "mentions": mentions}]}


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line=crlf_lines())
def test_random_crlf_text_is_normalised_and_spans_keep_their_characters(
    line: dict[str, Any],
) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        with new_project(folder, "one.claims") as project:
            import_files(project, [write_jsonl(folder / "in.jsonl", line)])
            first = export_bytes(project)

        [exported] = [orjson.loads(x) for x in first.splitlines()]
        assert exported["text"] == normalised(line["text"])
        got = {m["id"]: m["text"] for m in exported["annotations"][0]["mentions"]}
        given_labels = line["annotations"][0]["mentions"]
        assert got == {m["id"]: normalised(m["text"]) for m in given_labels}
        for m in exported["annotations"][0]["mentions"]:
            assert exported["text"][m["start"] : m["end"]] == m["text"]
        assert reimported(first, folder, "two") == first
