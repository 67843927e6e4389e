"""Importing text, CSV and native JSONL files into a project."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from annotator.core.errors import InputError, ValidationError
from annotator.core.model import (
    Actor,
    Article,
    ArticleLabels,
    Attribution,
    Claim,
    Mention,
    Status,
)
from annotator.core.spans import Span
from annotator.core.text import text_sha256
from annotator.io.importer import ImportReport, detect_format, import_files
from annotator.io.validate import MAX_DEPTH, check_plain
from annotator.store.project import Project
from tests.helpers import dump
from tests.io.lines import actor, claim, count, entry, mention, rows, span, write_jsonl

FERRY = (
    "Mayor Ilse Varga said on Tuesday that the ferry to Tarsk would resume in May, "
    "according to the harbour office."
)


def ferry_entry(annotator: str = "ana", status: str = "done", **changes: Any) -> dict[str, Any]:
    """A fully labelled entry on `FERRY`: two actors, two mentions, one claim."""
    claim_fields = {
        "claimant": "p-varga",
        "addressee": None,
        "target": "o-harbour",
        "stance": "support",
        "category": "prediction",
        "certainty": "asserted",
        "checkworthy": "checkworthy",
        "attribution": {
            "attribution_type": "indirect",
            "source_mention": "m-varga",
            "source_text": "Mayor Ilse Varga",
            "source_kind": "named",
            "cue": span(FERRY, "said"),
        },
        "links": [],
        "note": "from the briefing",
        **changes,
    }
    return entry(
        annotator,
        status,
        comment="checked twice",
        actors=[
            actor("p-varga", "Ilse Varga", "official", "the mayor"),
            actor("o-harbour", "Harbour office", "government"),
        ],
        mentions=[
            mention("m-varga", FERRY, "Ilse Varga", "p-varga"),
            mention("m-office", FERRY, "harbour office", "o-harbour"),
        ],
        claims=[claim("c-ferry", FERRY, "the ferry to Tarsk would resume in May", **claim_fields)],
    )


def ferry_claim(annotator: str = "ana", **changes: Any) -> Claim:
    """The claim of `ferry_entry` as the project should hold it."""
    start = FERRY.index("the ferry")
    fields: dict[str, Any] = {
        "claimant": "p-varga",
        "target": "o-harbour",
        "stance": "support",
        "category": "prediction",
        "certainty": "asserted",
        "checkworthy": "checkworthy",
        "attribution": Attribution(
            "indirect", "m-varga", "Mayor Ilse Varga", "named", Span(17, 21)
        ),
        "note": "from the briefing",
        **changes,
    }
    return Claim("c-ferry", "f1", annotator, start, start + 38, **fields)


def article_ids(project: Project) -> list[str]:
    """Article ids in import order."""
    return [a.id for batch in project.iter_articles() for a in batch]


# -- plain text -------------------------------------------------------------------------------


def test_txt_file_becomes_one_article(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "ferry-07.txt"
    path.write_text("Ferry to Tarsk halted\n\nThe ferry stopped on Monday.\n", encoding="utf-8")

    report = import_files(project, [path])

    assert report == ImportReport(files=1, added=1)
    assert project.article("ferry-07") == Article(
        id="ferry-07", text="The ferry stopped on Monday.\n", title="Ferry to Tarsk halted"
    )


def test_txt_folder_with_subfolders_imports_every_file_in_path_order(
    project: Project, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    files = {
        "north/2025/n-01.txt": "Ice closes the strait\n\nThe strait froze early.",
        "north/n-02.txt": "Strait reopens\r\n\r\nIcebreakers cleared it.\r\nShips moved.",
        "south/s-01.txt": "Dry summer\n\nThe river ran low.",
        "south/readme.md": "not an article",
    }
    for name, content in files.items():
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        (corpus / name).write_bytes(content.encode())

    report = import_files(project, [corpus], story="weather")

    assert (report.files, report.added) == (1, 3)
    assert article_ids(project) == ["n-01", "n-02", "s-01"]
    assert project.article("n-02") == Article(
        id="n-02",
        text="Icebreakers cleared it.\nShips moved.",
        title="Strait reopens",
        story="weather",
    )


def test_txt_folder_with_the_same_file_name_twice_names_both_files(
    project: Project, project_path: Path, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "a").mkdir(parents=True)
    (corpus / "b").mkdir()
    (corpus / "a" / "report.txt").write_text("First\n\nOne text.")
    (corpus / "b" / "report.txt").write_text("Second\n\nAnother text.")
    before = dump(project_path)

    with pytest.raises(InputError) as caught:
        import_files(project, [corpus])

    message = str(caught.value)
    assert message.startswith(f"{corpus / 'b' / 'report.txt'}: duplicate article id 'report'")
    assert str(corpus / "a" / "report.txt") in message
    assert dump(project_path) == before


# -- CSV --------------------------------------------------------------------------------------


def test_csv_rows_become_articles_with_extra_columns_in_meta(
    project: Project, tmp_path: Path
) -> None:
    path = tmp_path / "news.csv"
    path.write_bytes(
        b"\xef\xbb\xbfid,title,text,source,url,published,story,desk\r\n"
        b'k1,Port fees,"Fees rise, the port says.\r\nShippers object.",Bay Times,'
        b"https://example.org/k1,2025-04-30,,business\r\n"
        b'k2,,"Quay ""B"" shut",,,,harbour,\r\n'
    )

    report = import_files(project, [path], story="ports")

    assert report == ImportReport(files=1, added=2)
    assert project.article("k1") == Article(
        id="k1",
        text="Fees rise, the port says.\nShippers object.",
        title="Port fees",
        source="Bay Times",
        url="https://example.org/k1",
        published="2025-04-30",
        story="ports",
        meta={"desk": "business"},
    )
    assert project.article("k2") == Article(
        id="k2", text='Quay "B" shut', story="harbour", meta={"desk": ""}
    )


# -- native JSONL -----------------------------------------------------------------------------


def test_jsonl_plain_articles_with_bom_and_blank_lines(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "plain.jsonl"
    path.write_bytes(
        b"\xef\xbb\xbf"
        + b'{"id": "p1", "text": "One.", "title": "T1", "language": "en", "desk": "x"}\n'
        + b"\n  \n"
        + b'{"id": 7, "text": "Two.", "story": "s", "meta": {"k": 1}}\n'
        + b'{"text": "No id here."}\n\n'
    )

    report = import_files(project, [path], story="default-story")

    generated = "sha-" + text_sha256("No id here.")[:16]
    assert report == ImportReport(files=1, added=3)
    assert article_ids(project) == ["p1", "7", generated]
    assert project.article("p1") == Article(
        id="p1", text="One.", title="T1", language="en", story="default-story", meta={"desk": "x"}
    )
    assert project.article("7") == Article(id="7", text="Two.", story="s", meta={"k": 1})
    assert project.article(generated) == Article(
        id=generated, text="No id here.", story="default-story"
    )


def test_jsonl_annotated_line_stores_every_label(project: Project, tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "labelled.jsonl", {"id": "f1", "text": FERRY, "annotations": [ferry_entry()]}
    )

    report = import_files(project, [path])

    assert report == ImportReport(files=1, added=1, annotations=1)
    assert project.labels("f1", "ana") == ArticleLabels(
        "f1",
        "ana",
        Status("f1", "ana", "done", "checked twice"),
        (
            Mention("m-varga", "f1", "ana", 6, 16, "p-varga"),
            Mention("m-office", "f1", "ana", 95, 109, "o-harbour"),
        ),
        (ferry_claim(),),
    )
    assert project.actors_by_id(["p-varga", "o-harbour"]) == {
        "p-varga": Actor("p-varga", "Ilse Varga", "official", ("the mayor",)),
        "o-harbour": Actor("o-harbour", "Harbour office", "government"),
    }
    assert rows(project, "SELECT id, created_by FROM actors ORDER BY id") == [
        ("o-harbour", "ana"),
        ("p-varga", "ana"),
    ]


def test_crlf_text_is_normalised_and_spans_keep_their_characters(
    project: Project, tmp_path: Path
) -> None:
    raw = "Ilse Varga spoke.\r\n\r\nThe ferry to Tarsk would resume.\r\nLone\rreturn: Tarsk."
    labels = entry(
        actors=[actor("p", "Ilse Varga")],
        mentions=[
            mention("m1", raw, "Ilse Varga", "p"),
            mention("m2", raw, "Tarsk", "p"),
            {"id": "m3", **span(raw, "Tarsk", 1), "actor": "p"},
        ],
        claims=[claim("c1", raw, "The ferry to Tarsk would resume.\r\nLone", claimant="p")],
    )
    path = write_jsonl(tmp_path / "crlf.jsonl", {"id": "w1", "text": raw, "annotations": [labels]})

    import_files(project, [path])

    stored = project.article("w1")
    assert stored is not None
    assert (
        stored.text == "Ilse Varga spoke.\n\nThe ferry to Tarsk would resume.\nLone\nreturn: Tarsk."
    )
    got = project.labels("w1", "ana")
    assert [(m.id, stored.text[m.start : m.end]) for m in got.mentions] == [
        ("m1", "Ilse Varga"),
        ("m2", "Tarsk"),
        ("m3", "Tarsk"),
    ]
    assert [stored.text[c.start : c.end] for c in got.claims] == [
        "The ferry to Tarsk would resume.\nLone"
    ]


def test_story_option_fills_only_articles_without_a_story(project: Project, tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "a.jsonl",
        {"id": "s1", "text": "Has one.", "story": "own"},
        {"id": "s2", "text": "Has none."},
        {"id": "s3", "text": "Empty one.", "story": ""},
    )

    import_files(project, [path], story="given")

    assert rows(project, "SELECT id, story FROM articles ORDER BY id") == [
        ("s1", "own"),
        ("s2", "given"),
        ("s3", "given"),
    ]


def test_without_story_option_articles_have_no_story(project: Project, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", {"id": "s2", "text": "Has none."})

    import_files(project, [path])

    assert rows(project, "SELECT id, story FROM articles") == [("s2", None)]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.jsonl", "jsonl"),
        ("a.NDJSON", "jsonl"),
        ("a.json", "jsonl"),
        ("a.csv", "csv"),
        ("a.txt", "txt"),
    ],
)
def test_format_is_detected_from_the_extension(tmp_path: Path, name: str, expected: str) -> None:
    assert detect_format(tmp_path / name) == expected


def test_a_folder_is_text_and_an_unknown_extension_asks_for_a_format(tmp_path: Path) -> None:
    assert detect_format(tmp_path) == "txt"
    with pytest.raises(InputError, match=r"a\.xml: unknown file type; name the format"):
        detect_format(tmp_path / "a.xml")


def test_format_can_be_named_for_any_extension(project: Project, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "export.data", {"id": "d1", "text": "Named format."})

    import_files(project, [path], format="jsonl")

    assert article_ids(project) == ["d1"]


def test_several_files_each_in_its_own_transaction(project: Project, tmp_path: Path) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", {"id": "g1", "text": "Fine."})
    bad = write_jsonl(tmp_path / "bad.jsonl", {"id": "b1", "text": "Fine."}, {"id": "b2"})

    with pytest.raises(InputError, match=r"bad\.jsonl, line 2: "):
        import_files(project, [good, bad])

    assert article_ids(project) == ["g1"]


def test_missing_file_is_named_and_nothing_is_imported(
    project: Project, project_path: Path, tmp_path: Path
) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", {"id": "g1", "text": "Fine."})
    before = dump(project_path)

    with pytest.raises(InputError, match=r"nope\.jsonl: no such file or folder"):
        import_files(project, [good, tmp_path / "nope.jsonl"])

    assert dump(project_path) == before


# -- re-import --------------------------------------------------------------------------------


def test_reimport_of_the_same_text_adds_annotations(project: Project, tmp_path: Path) -> None:
    import_files(project, [write_jsonl(tmp_path / "plain.jsonl", {"id": "f1", "text": FERRY})])
    labelled = write_jsonl(
        tmp_path / "labels.jsonl",
        {"id": "f1", "text": FERRY, "title": "ignored", "annotations": [ferry_entry("bo")]},
    )

    report = import_files(project, [labelled])

    assert report == ImportReport(files=1, existing=1, annotations=1)
    assert report.summary() == (
        "imported 0 new articles, updated labels of 1 already in the project (1 annotation entries)"
    )
    assert project.labels("f1", "bo").claims == (ferry_claim("bo"),)
    # the article itself is never edited by a re-import
    assert project.article("f1") == Article(id="f1", text=FERRY)


def test_reimport_updates_labels_with_known_ids_without_duplicating_them(
    project: Project, tmp_path: Path
) -> None:
    first = write_jsonl(
        tmp_path / "v1.jsonl", {"id": "f1", "text": FERRY, "annotations": [ferry_entry()]}
    )
    import_files(project, [first])
    changed = ferry_entry(status="in_progress", stance="oppose", note="")
    changed["actors"][0]["aliases"] = ["the mayor", "Varga"]
    changed["mentions"] = changed["mentions"][:1]  # a label left out is kept, not deleted
    second = write_jsonl(
        tmp_path / "v2.jsonl", {"id": "f1", "text": FERRY, "annotations": [changed]}
    )

    report = import_files(project, [second])

    assert report == ImportReport(files=1, existing=1, annotations=1)
    counts = {t: count(project, t) for t in ("articles", "actors", "mentions", "claims")}
    assert counts == {"articles": 1, "actors": 2, "mentions": 2, "claims": 1}
    assert count(project, "statuses") == 1
    assert project.labels("f1", "ana").claims == (ferry_claim(stance="oppose", note=""),)
    assert project.status("f1", "ana") == Status("f1", "ana", "in_progress", "checked twice")
    assert project.actor("p-varga") == Actor(
        "p-varga", "Ilse Varga", "official", ("the mayor", "Varga")
    )


def test_changed_text_under_a_known_id_is_a_conflict_and_the_rest_imports(
    project: Project, tmp_path: Path
) -> None:
    import_files(project, [write_jsonl(tmp_path / "v1.jsonl", {"id": "f1", "text": FERRY})])
    path = write_jsonl(
        tmp_path / "v2.jsonl",
        {"id": "n1", "text": "A new article."},
        {"id": "f1", "text": FERRY + " Edited.", "annotations": [ferry_entry()]},
        {"id": "n2", "text": "Another new one."},
    )

    report = import_files(project, [path])

    assert report == ImportReport(
        files=1,
        added=2,
        conflicts=[
            f"{path}, line 2: article 'f1' is already in the project with a different text;"
            " not imported"
        ],
    )
    assert report.summary() == "imported 2 new articles; 1 conflict not imported"
    assert article_ids(project) == ["f1", "n1", "n2"]
    assert project.article("f1") == Article(id="f1", text=FERRY)
    assert (count(project, "claims"), count(project, "statuses")) == (0, 0)


def test_crlf_version_of_a_stored_text_is_not_a_conflict(project: Project, tmp_path: Path) -> None:
    import_files(project, [write_jsonl(tmp_path / "v1.jsonl", {"id": "w", "text": "A\nB"})])

    report = import_files(
        project, [write_jsonl(tmp_path / "v2.jsonl", {"id": "w", "text": "A\r\nB"})]
    )

    assert report == ImportReport(files=1, existing=1)


# -- progress ---------------------------------------------------------------------------------


def test_import_progress_grows_and_ends_at_total(project: Project, tmp_path: Path) -> None:
    first = write_jsonl(
        tmp_path / "a.jsonl", *({"id": f"a{i}", "text": f"Text {i}."} for i in range(700))
    )
    second = tmp_path / "b.csv"
    second.write_text("id,text\n" + "".join(f"b{i},Row {i}.\n" for i in range(600)))
    total = first.stat().st_size + second.stat().st_size
    calls: list[tuple[int, int]] = []

    import_files(project, [first, second], progress=lambda d, t: calls.append((d, t)))

    done = [d for d, _ in calls]
    assert len(calls) >= 4
    assert {t for _, t in calls} == {total}
    assert done == sorted(done)
    assert calls[-1] == (total, total)
    assert any(d < first.stat().st_size for d in done)


def test_import_progress_of_a_folder(project: Project, tmp_path: Path) -> None:
    for i in range(300):
        (tmp_path / f"t{i:03}.txt").write_text(f"Title {i}\n\nBody {i}.")
    total = sum(p.stat().st_size for p in tmp_path.glob("*.txt"))
    calls: list[tuple[int, int]] = []

    import_files(project, [tmp_path], progress=lambda d, t: calls.append((d, t)))

    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert calls[0][0] < total
    assert calls[-1] == (total, total)


def test_an_actor_listed_by_another_entry_of_the_line_is_known(
    project: Project, tmp_path: Path
) -> None:
    text = "Ilse Varga spoke."
    person = {"id": "act-1", "name": "Ilse Varga", "type": "person", "aliases": []}
    words = {"start": 0, "end": 10, "text": "Ilse Varga", "actor": "act-1"}
    line = {
        "id": "x",
        "text": text,
        "annotations": [
            {"annotator": "ana", "actors": [person], "mentions": [{"id": "m-a", **words}]},
            {"annotator": "bo", "actors": [], "mentions": [{"id": "m-b", **words}]},
        ],
    }
    import_files(project, [write_jsonl(tmp_path / "x.jsonl", line)])
    assert [m.actor for m in project.labels("x", "bo").mentions] == ["act-1"]


def test_an_alias_that_repeats_a_name_in_another_case_is_dropped_not_a_failure(
    project: Project, tmp_path: Path
) -> None:
    text = "Observers expect the corridor to close, the observers said."
    observers = actor(
        "u-obs", "Observers", "unnamed_group", "observers", "the observers", "OBSERVERS",
        "The Observers",
    )  # fmt: skip
    line = {
        "id": "g2",
        "text": text,
        "annotations": [
            entry(actors=[observers], mentions=[mention("m-obs", text, "Observers", "u-obs")])
        ],
    }
    other = {"id": "g3", "text": "Nothing here."}
    path = write_jsonl(tmp_path / "obs.jsonl", line, other)

    report = import_files(project, [path])

    assert report == ImportReport(files=1, added=2, annotations=1)
    # Names are looked up ignoring case, so only "the observers" adds a name (first spelling).
    assert project.actor("u-obs") == Actor(
        "u-obs", "Observers", "unnamed_group", ("the observers",)
    )
    assert project.find_actors("OBSERVERS") == [project.actor("u-obs")]
    assert [m.actor for m in project.labels("g2", "ana").mentions] == ["u-obs"]


def _nested(depth: int) -> Any:
    """A value ``depth`` lists deep: the innermost value sits at that depth."""
    value: Any = "bottom"
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize("depth", [99, 100, 101, 254, 300])
def test_check_plain_refuses_deep_nesting_whatever_the_path_it_takes(depth: int) -> None:
    # Under 255 levels orjson writes the record and the brackets are counted; deeper, it
    # refuses and the record is walked value by value: the same limit, the same message.
    record = {"id": "a1", "text": "T", "meta": {"deep": _nested(depth - 2)}}
    if depth <= MAX_DEPTH:
        check_plain(record)
        return
    with pytest.raises(ValidationError) as caught:
        check_plain(record)
    assert str(caught.value) == (
        "nested more than 100 levels deep (in meta); no article or label is: is this the right file?"
    )


def test_check_plain_takes_many_shallow_brackets_and_names_a_deep_list_at_the_top() -> None:
    wide = {"id": "a1", "text": "[[[{{{ brackets in a text", "meta": {"l": [[{}]] * 200}}
    check_plain(wide)  # 600 brackets, 5 deep
    with pytest.raises(ValidationError, match=r"\(in \[1\]\)"):
        check_plain([{}, _nested(150)])


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"text": "a\x00b"}, r"^text holds a NUL character \(\\0, at character 2\)"),
        ({"meta": {"k\x00": 1}}, r"^a key in meta holds a NUL character \(\\0\)$"),
        ("\x00", r"^the record holds a NUL character"),
        ({"meta": {"l": [[{"note": "a\x00"}]]}}, r"^meta\.l\[0\]\[0\]\.note holds a NUL"),
    ],
)
def test_check_plain_finds_a_nul_anywhere(record: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        check_plain(record)


def test_check_plain_takes_a_backslash_u0000_that_is_no_nul() -> None:
    check_plain({"text": "written \\u0000 in the text", "meta": {"\\u0000": ["\\u0000"]}})
