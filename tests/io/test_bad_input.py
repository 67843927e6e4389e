"""Bad input: every kind is refused with file and line, and the project stays as it was.

Where a file can hold records, good ones come before the bad one, so an
import that wrote record by record would change the project; the dump of the
project file before and after must be equal. An empty file has no line to name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from annotator.core.errors import InputError
from annotator.io.importer import ImportReport, import_files
from annotator.store.bulk import FLUSH_ROWS
from annotator.store.project import Project
from tests.helpers import dump
from tests.io.lines import actor, claim, count, entry, mention, rows, span, write_jsonl

SAYS = "Mayor Ilse Varga said the quay will stay open."
GOOD = (
    {"id": "g1", "text": "First good article."},
    {"id": "g2", "text": SAYS, "annotations": [entry(mentions=[mention("m1", SAYS, "Ilse")])]},
)


@pytest.fixture
def seeded(project: Project, tmp_path: Path) -> Project:
    """The project with one labelled article already in it, so its dump is not trivial."""
    text = "Earlier article about the quay, said Ilse Varga."
    labels = entry(
        actors=[actor("varga", "Ilse Varga", "official")],
        mentions=[mention("m-old", text, "Ilse Varga", "varga")],
        claims=[claim("c-old", text, "Earlier article about the quay", claimant="varga")],
    )
    seed = write_jsonl(
        tmp_path / "seed.jsonl", {"id": "old", "text": text, "annotations": [labels]}
    )
    import_files(project, [seed])
    return project


def refused(project: Project, path: Path, **options: Any) -> str:
    """The message of the import of ``path``, which must fail and change nothing."""
    before = dump(project.path)
    with pytest.raises(InputError) as caught:
        import_files(project, [path], **options)
    assert dump(project.path) == before
    return str(caught.value)


def bad_line(tmp_path: Path, line: Any, name: str = "bad.jsonl") -> Path:
    """A JSONL file of the two good lines and then ``line`` (line 3)."""
    return write_jsonl(tmp_path / name, *GOOD, line)


def labelled(text: str, **labels: Any) -> dict[str, Any]:
    """An article line ``b1`` with one entry by "ana"."""
    return {"id": "b1", "text": text, "annotations": [entry(**labels)]}


# -- whole files ------------------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"\n\n   \r\n\n"], ids=["zero-bytes", "blank-lines"])
def test_empty_jsonl(seeded: Project, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_bytes(content)

    assert refused(seeded, path) == f"{path}: the file is empty (no articles in it)"


@pytest.mark.parametrize("content", [b"", b"id,title,text\r\n"], ids=["zero-bytes", "header-only"])
def test_empty_csv(seeded: Project, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(content)

    assert refused(seeded, path) == f"{path}: the file is empty (no articles in it)"


def test_empty_txt(seeded: Project, tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b" \n\n")

    assert refused(seeded, path) == f"{path}: the file is empty"


def test_empty_folder(seeded: Project, tmp_path: Path) -> None:
    folder = tmp_path / "nothing"
    (folder / "sub").mkdir(parents=True)

    message = refused(seeded, folder)

    assert message.startswith(f"{folder}: ")
    assert message.endswith("(no articles in it)")


def test_csv_without_text_column(seeded: Project, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("id,body\nx,Hello.\n")

    assert refused(seeded, path) == f'{path}, line 1: the header row has no "text" column'


# -- encodings --------------------------------------------------------------------------------


def test_jsonl_not_utf8(seeded: Project, tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(
        write_jsonl(tmp_path / "good.jsonl", *GOOD).read_bytes()
        + '{"id": "b1", "text": "Caf\u00e9 owners protest."}\n'.encode("latin-1")
    )

    assert refused(seeded, path) == (
        f"{path}, line 3: not valid UTF-8 (byte 0xe9 at column 26); save the file as UTF-8"
    )


def test_csv_not_utf8_names_the_line_of_the_bad_byte(seeded: Project, tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(
        b"id,text\n"
        b"k1,Fine.\n"
        b'k2,"Two lines,\nfine too."\n'
        b"k3,Caf\xe9 owners protest.\n"
        b"k4,Fine again.\n"
    )

    assert refused(seeded, path) == (
        f"{path}, line 5: not valid UTF-8 (byte 0xe9 at column 7); save the file as UTF-8"
    )


def test_csv_not_utf8_inside_a_multiline_field(seeded: Project, tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(b'id,text\nk1,Fine.\nk2,"Line one\nna\xefve line two\nline three"\n')

    assert refused(seeded, path) == (
        f"{path}, line 4: not valid UTF-8 (byte 0xef at column 3); save the file as UTF-8"
    )


def test_csv_not_utf8_far_into_a_big_file(seeded: Project, tmp_path: Path) -> None:
    """Past the first read buffer, the line must still be the bad byte's line."""
    path = tmp_path / "big.csv"
    good = "".join(f"k{i},Good row number {i} with some words in it.\n" for i in range(2000))
    path.write_bytes(b"id,text\n" + good.encode() + b"bad,\xff\n")

    assert refused(seeded, path) == (
        f"{path}, line 2002: not valid UTF-8 (byte 0xff at column 5); save the file as UTF-8"
    )


def test_csv_not_utf8_in_the_header(seeded: Project, tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"id,text,r\xe9gion\nk1,Fine.,x\n")

    assert refused(seeded, path) == (
        f"{path}, line 1: not valid UTF-8 (byte 0xe9 at column 10); save the file as UTF-8"
    )


def test_txt_not_utf8(seeded: Project, tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"Title\n\nCaf\xe9 owners protest.\n")

    assert refused(seeded, path) == (
        f"{path}, line 3: not valid UTF-8 (byte 0xe9 at column 4); save the file as UTF-8"
    )


def test_txt_not_utf8_in_a_folder_names_the_file(seeded: Project, tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Fine\n\nGood text.")
    (folder / "b.txt").write_bytes(b"Na\xefve title\n\nText.")

    assert refused(seeded, folder) == (
        f"{folder / 'b.txt'}, line 1: not valid UTF-8 (byte 0xef at column 3);"
        " save the file as UTF-8"
    )


# -- JSON structure ---------------------------------------------------------------------------


def test_truncated_last_line(seeded: Project, tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl"
    whole = write_jsonl(tmp_path / "whole.jsonl", *GOOD, {"id": "b1", "text": "Cut here."})
    path.write_bytes(whole.read_bytes()[:-8])

    message = refused(seeded, path)

    assert message.startswith(f"{path}, line 3: not valid JSON (")
    assert "column" in message


@pytest.mark.parametrize(
    ("value", "kind"), [([1, 2], "list"), ("x", "str"), (42, "int"), (None, "NoneType")]
)
def test_line_that_is_not_an_object(seeded: Project, tmp_path: Path, value: Any, kind: str) -> None:
    path = bad_line(tmp_path, value)

    assert refused(seeded, path) == f"{path}, line 3: expected a JSON object, got {kind}"


@pytest.mark.parametrize(
    "line",
    [{"id": "b1"}, {"id": "b1", "text": ""}, {"id": "b1", "text": " \n "}, {"id": "b1", "text": 5}],
    ids=["absent", "empty", "blank", "number"],
)
def test_missing_text(seeded: Project, tmp_path: Path, line: dict[str, Any]) -> None:
    path = bad_line(tmp_path, line)

    assert refused(seeded, path) == (
        f'{path}, line 3: missing "text" (every article needs a non-empty text)'
    )


def test_duplicate_article_id_in_one_jsonl_file(seeded: Project, tmp_path: Path) -> None:
    path = bad_line(tmp_path, {"id": "g1", "text": "Another text."})

    assert refused(seeded, path) == f"{path}, line 3: duplicate article id 'g1' (first on line 1)"


def test_duplicate_article_id_in_one_csv_file(seeded: Project, tmp_path: Path) -> None:
    path = tmp_path / "dup.csv"
    path.write_text('id,text\nk1,One.\nk2,"Two,\nlines."\nk1,Again.\n')

    assert refused(seeded, path) == f"{path}, line 5: duplicate article id 'k1' (first on line 2)"


# -- CSV rows ---------------------------------------------------------------------------------


def test_csv_empty_text_names_line_and_column(seeded: Project, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("id,text,desk\nk1,Fine.,x\nk2,  ,x\n")

    assert refused(seeded, path) == f"{path}, line 3, column text: empty text"


def test_csv_row_with_too_few_fields(seeded: Project, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("id,title,text\nk1,T,Fine.\nk2,T\n")

    assert refused(seeded, path) == f"{path}, line 3, column text: fewer fields than the header has"


def test_csv_row_with_too_many_fields(seeded: Project, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("id,text\nk1,Fine.\nk2,Split, by a comma\n")

    assert refused(seeded, path) == f"{path}, line 3: more fields than the header has"


# -- spans ------------------------------------------------------------------------------------


def test_span_out_of_range(seeded: Project, tmp_path: Path) -> None:
    text = "Short text, said Varga."
    path = bad_line(tmp_path, labelled(text, mentions=[{"id": "m9", "start": 17, "end": 40}]))

    assert refused(seeded, path) == (
        f"{path}, line 3: mention 'm9' 17..40 is out of range (the text has 23 characters)"
    )


def test_span_text_that_does_not_match(seeded: Project, tmp_path: Path) -> None:
    wrong = {"id": "c9", **span(SAYS, "the quay will stay open"), "text": "the quay will close"}
    path = bad_line(tmp_path, labelled(SAYS, claims=[wrong]))

    assert refused(seeded, path) == (
        f"{path}, line 3: claim 'c9' 22..45 says 'the quay will close'"
        " but the text there is 'the quay will stay open'"
    )


def test_cue_text_that_does_not_match(seeded: Project, tmp_path: Path) -> None:
    cue = {"start": 17, "end": 21, "text": "told"}
    item = claim("c9", SAYS, "the quay will stay open", attribution={"cue": cue})
    path = bad_line(tmp_path, labelled(SAYS, claims=[item]))

    assert refused(seeded, path) == (
        f"{path}, line 3: claim 'c9': cue 17..21 says 'told' but the text there is 'said'"
    )


def test_utf16_offsets_after_an_emoji_are_recognised(seeded: Project, tmp_path: Path) -> None:
    text = "Crowds cheered 👍🏽 as Mayor Ilse Varga said the quay stays open."
    right = span(text, "Ilse Varga")
    utf16 = {"id": "m9", "start": right["start"] + 2, "end": right["end"] + 2, "text": "Ilse Varga"}
    path = bad_line(tmp_path, labelled(text, mentions=[utf16]))

    assert refused(seeded, path) == (
        f"{path}, line 3: mention 'm9' 29..39 says 'Ilse Varga' but the text there is 'se Varga s'"
        "; the offsets look like UTF-16 code units, but this format counts"
        " Unicode code points (here 27..37)"
    )


def test_utf16_offsets_of_a_span_at_the_end_are_recognised(seeded: Project, tmp_path: Path) -> None:
    """Counted in UTF-16 a span at the end runs past the text; the hint must still come."""
    text = "Greetings 🇪🇺 from Ilse Varga"
    right = span(text, "Ilse Varga")
    utf16 = {"id": "m9", "start": right["start"] + 2, "end": right["end"] + 2, "text": "Ilse Varga"}
    path = bad_line(tmp_path, labelled(text, mentions=[utf16]))

    assert refused(seeded, path) == (
        f"{path}, line 3: mention 'm9' 20..30 is out of range (the text has 28 characters)"
        "; the offsets look like UTF-16 code units, but this format counts"
        " Unicode code points (here 18..28)"
    )


def test_wrong_offsets_without_emoji_get_no_utf16_hint(seeded: Project, tmp_path: Path) -> None:
    path = bad_line(
        tmp_path,
        labelled(SAYS, mentions=[{"id": "m9", "start": 7, "end": 17, "text": "Ilse Varga"}]),
    )

    message = refused(seeded, path)

    assert message.startswith(f"{path}, line 3: mention 'm9' 7..17 says 'Ilse Varga'")
    assert "UTF-16" not in message


# -- labels and references --------------------------------------------------------------------


def test_unknown_vocabulary_value(seeded: Project, tmp_path: Path) -> None:
    item = claim("c9", SAYS, "the quay will stay open", stance="favour")
    path = bad_line(tmp_path, labelled(SAYS, claims=[item]))

    assert refused(seeded, path) == (
        f"{path}, line 3: claim 'c9': stance 'favour' is not in the schema"
        " (one of: support, oppose, neutral)"
    )


def test_unknown_status(seeded: Project, tmp_path: Path) -> None:
    path = bad_line(tmp_path, {"id": "b1", "text": "Text.", "annotations": [entry(status="over")]})

    assert refused(seeded, path) == (
        f"{path}, line 3: status 'over' is not one of todo, in_progress, done, skipped"
    )


def test_unknown_actor_id(seeded: Project, tmp_path: Path) -> None:
    path = bad_line(tmp_path, labelled(SAYS, mentions=[mention("m9", SAYS, "Ilse Varga", "ghost")]))

    assert refused(seeded, path) == (
        f"{path}, line 3: unknown actor id 'ghost' (annotator 'ana'): list it in the entry's actors"
    )


def test_actor_already_in_the_project_needs_no_listing(seeded: Project, tmp_path: Path) -> None:
    path = bad_line(tmp_path, labelled(SAYS, mentions=[mention("m9", SAYS, "Ilse Varga", "varga")]))

    import_files(seeded, [path])

    assert rows(seeded, "SELECT id, actor_id FROM mentions WHERE article_id = 'b1'") == [
        ("m9", "varga")
    ]


def test_link_to_unknown_claim_id(seeded: Project, tmp_path: Path) -> None:
    item = claim("c9", SAYS, "the quay will stay open", links=["c-nowhere"])
    path = write_jsonl(
        tmp_path / "bad.jsonl", *GOOD, labelled(SAYS, claims=[item]), GOOD[0] | {"id": "g4"}
    )

    assert refused(seeded, path) == f"{path}, line 3: link to unknown claim id 'c-nowhere'"


def test_link_to_a_mention_id_is_a_link_to_an_unknown_claim(
    seeded: Project, tmp_path: Path
) -> None:
    item = claim("c9", SAYS, "the quay will stay open", links=["m1"])  # m1: a mention of g2
    path = bad_line(tmp_path, labelled(SAYS, claims=[item]))

    assert refused(seeded, path) == f"{path}, line 3: link to unknown claim id 'm1'"


def test_mention_and_claim_may_share_an_id_string(seeded: Project, tmp_path: Path) -> None:
    """Ids are unique per kind of label: a claim "m1" does not clash with mention "m1"."""
    path = bad_line(tmp_path, labelled(SAYS, claims=[claim("m1", SAYS, "the quay")]))

    import_files(seeded, [path])

    assert rows(seeded, "SELECT id, article_id FROM claims WHERE id = 'm1'") == [("m1", "b1")]


def test_link_to_a_claim_later_in_the_file_is_fine(seeded: Project, tmp_path: Path) -> None:
    first = claim("c1", SAYS, "the quay will stay open", links=["c2"])
    second = claim("c2", SAYS, "the quay will stay open")
    path = write_jsonl(
        tmp_path / "ok.jsonl",
        {"id": "x1", "text": SAYS, "annotations": [entry(claims=[first])]},
        {"id": "x2", "text": SAYS, "annotations": [entry(claims=[second])]},
    )

    import_files(seeded, [path])

    assert rows(seeded, "SELECT * FROM claim_links") == [("c1", "c2", "ana")]


def test_link_between_claims_of_one_article(seeded: Project, tmp_path: Path) -> None:
    items = [
        claim("c1", SAYS, "the quay will stay open", links=["c2"]),
        claim("c2", SAYS, "Ilse Varga said"),
    ]
    path = bad_line(tmp_path, labelled(SAYS, claims=items))

    assert refused(seeded, path) == (
        f"{path}, line 3: a claim cannot be linked to a claim of the same article"
    )


def test_same_label_id_in_two_articles_of_one_file(seeded: Project, tmp_path: Path) -> None:
    path = bad_line(tmp_path, labelled(SAYS, mentions=[mention("m1", SAYS, "Mayor")]))

    assert refused(seeded, path) == (
        f"{path}, line 3: mention id 'm1' is already used by article 'g2' (annotator 'ana');"
        " label ids must be unique"
    )


def test_label_id_already_used_in_the_project(seeded: Project, tmp_path: Path) -> None:
    path = bad_line(tmp_path, labelled(SAYS, claims=[claim("c-old", SAYS, "the quay")]))

    assert refused(seeded, path) == (
        f"{path}, line 3: claim id 'c-old' is already used by article 'old' (annotator 'ana');"
        " label ids must be unique"
    )


def test_same_label_id_for_two_annotators_of_one_line(seeded: Project, tmp_path: Path) -> None:
    line = {
        "id": "b1",
        "text": SAYS,
        "annotations": [
            entry("ana", mentions=[mention("m9", SAYS, "Mayor")]),
            entry("bo", mentions=[mention("m9", SAYS, "Mayor")]),
        ],
    }
    path = bad_line(tmp_path, line)

    assert refused(seeded, path) == f"{path}, line 3: label id 'm9' is used by two annotators"


def test_unknown_key_in_a_claim(seeded: Project, tmp_path: Path) -> None:
    path = bad_line(tmp_path, labelled(SAYS, claims=[claim("c9", SAYS, "the quay", polarity=1)]))

    assert refused(seeded, path) == f"{path}, line 3: claim 'c9': unknown key(s) polarity"


# -- one transaction per file -----------------------------------------------------------------


def numbered_line(i: int) -> dict[str, Any]:
    """Article ``n{i}``, labelled by "ana" with an actor, a mention and a claim."""
    text = f"Report {i}: Mayor Ilse Varga said the quay will stay open."
    return {
        "id": f"n{i}",
        "text": text,
        "annotations": [
            entry(
                actors=[actor(f"actor-{i}", f"Person {i}", "person")],
                mentions=[mention(f"m-{i}", text, "Ilse Varga", f"actor-{i}")],
                claims=[claim(f"c-{i}", text, "the quay will stay open", stance="support")],
            )
        ],
    }


def test_error_on_line_50_of_60_leaves_the_project_unchanged(
    seeded: Project, tmp_path: Path
) -> None:
    lines = [numbered_line(i) for i in range(1, 61)]
    lines[49]["annotations"][0]["claims"][0]["text"] = "not what the text says"
    path = write_jsonl(tmp_path / "sixty.jsonl", *lines)

    message = refused(seeded, path)

    assert message.startswith(f"{path}, line 50: claim 'c-50' ")


def past_a_flush() -> int:
    """How many `numbered_line` lines (5 rows each) make the writer write twice or more."""
    return FLUSH_ROWS // 5 * 2 + 10


def test_error_after_rows_were_flushed_leaves_the_project_unchanged(
    seeded: Project, tmp_path: Path
) -> None:
    """Past the writer's batch size rows are already in the file's transaction."""
    last = past_a_flush()
    lines: list[Any] = [numbered_line(i) for i in range(1, last + 1)]
    lines.append({"id": "n1", "text": "A duplicate at the very end."})
    path = write_jsonl(tmp_path / "long.jsonl", *lines)

    message = refused(seeded, path)

    assert message == f"{path}, line {last + 1}: duplicate article id 'n1' (first on line 1)"


def test_label_id_reused_after_a_flush_is_still_caught(seeded: Project, tmp_path: Path) -> None:
    last = past_a_flush()
    lines: list[Any] = [numbered_line(i) for i in range(1, last + 1)]
    lines.append(labelled(SAYS, mentions=[mention("m-1", SAYS, "Mayor")]))
    path = write_jsonl(tmp_path / "long.jsonl", *lines)

    assert refused(seeded, path) == (
        f"{path}, line {last + 1}: mention id 'm-1' is already used by article 'n1'"
        " (annotator 'ana'); label ids must be unique"
    )


def test_actors_and_claims_from_before_a_flush_stay_known(seeded: Project, tmp_path: Path) -> None:
    last = past_a_flush()
    lines: list[Any] = [numbered_line(i) for i in range(1, last + 1)]
    late = claim("c-late", SAYS, "the quay will stay open", claimant="actor-1", links=["c-1"])
    lines.append(labelled(SAYS, claims=[late]))
    path = write_jsonl(tmp_path / "long.jsonl", *lines)

    report = import_files(seeded, [path])

    assert (report.added, report.skipped) == (last + 1, [])
    assert rows(seeded, "SELECT * FROM claim_links") == [("c-1", "c-late", "ana")]
    assert rows(seeded, "SELECT claimant FROM claims WHERE id = 'c-late'") == [("actor-1",)]


# -- skip_invalid -----------------------------------------------------------------------------


def test_skip_invalid_imports_good_lines_and_lists_each_bad_one(
    seeded: Project, tmp_path: Path
) -> None:
    lines: list[Any] = [
        numbered_line(1),
        [1, 2],
        {"id": "n3", "text": ""},
        labelled(SAYS, claims=[claim("c9", SAYS, "the quay", stance="favour")]),
        numbered_line(5),
        {"id": "n1", "text": "Duplicate id."},
        {
            "id": "n7",
            "text": SAYS,
            "annotations": [entry(claims=[claim("c7", SAYS, "the quay", links=["zz"])])],
        },
        numbered_line(8),
    ]
    path = write_jsonl(tmp_path / "mixed.jsonl", *lines)
    with path.open("ab") as handle:
        handle.write(b'{"id": "n9", "text": "cut')

    report = import_files(seeded, [path], skip_invalid=True)

    assert [(e.file, e.line) for e in report.skipped] == [
        (str(path), 2),
        (str(path), 3),
        (str(path), 4),
        (str(path), 6),
        (str(path), 9),
        (str(path), 7),
    ]
    assert [e.reason for e in report.skipped][:4] == [
        "expected a JSON object, got list",
        'missing "text" (every article needs a non-empty text)',
        "claim 'c9': stance 'favour' is not in the schema (one of: support, oppose, neutral)",
        "duplicate article id 'n1' (first on line 1)",
    ]
    assert report.skipped[5].reason == "link to unknown claim id 'zz'"
    assert (report.added, report.annotations) == (4, 4)
    assert report.summary() == (
        "imported 4 new articles (4 annotation entries); skipped 6 invalid records"
    )
    assert rows(seeded, "SELECT id FROM articles ORDER BY rowid") == [
        ("old",),
        ("n1",),
        ("n5",),
        ("n7",),
        ("n8",),
    ]
    assert rows(seeded, "SELECT id FROM claims ORDER BY id") == [
        ("c-1",),
        ("c-5",),
        ("c-8",),
        ("c-old",),
        ("c7",),
    ]
    assert count(seeded, "claim_links") == 0


def test_skip_invalid_in_a_folder_reports_each_bad_file(seeded: Project, tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Fine\n\nGood text.")
    (folder / "b.txt").write_bytes(b"Na\xefve title\n\nText.")
    (folder / "c.txt").write_text("")
    (folder / "d.txt").write_text("Also fine\n\nMore text.")

    report = import_files(seeded, [folder], skip_invalid=True)

    assert [str(e) for e in report.skipped] == [
        f"{folder / 'b.txt'}, line 1: not valid UTF-8 (byte 0xef at column 3);"
        " save the file as UTF-8",
        f"{folder / 'c.txt'}: the file is empty",
    ]
    assert report == ImportReport(files=1, added=2, skipped=report.skipped)
    assert rows(seeded, "SELECT id FROM articles WHERE id != 'old' ORDER BY id") == [("a",), ("d",)]


def test_skip_invalid_in_csv_goes_on_after_a_row_that_is_not_utf8(
    seeded: Project, tmp_path: Path
) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        b"id,text\n"
        b"k1,Fine.\n"
        b'k2,"Caf\xe9 owners\nprotest."\n'
        b"k3,,\n"
        b"k4,Fine again.\n"
        b"k5,Caf\xe9 \xff twice on one line.\n"
        b"k6,Last one.\n"
    )

    report = import_files(seeded, [path], skip_invalid=True)

    assert [str(e) for e in report.skipped] == [
        f"{path}, line 3: not valid UTF-8 (byte 0xe9 at column 8); save the file as UTF-8",
        f"{path}, line 5: more fields than the header has",
        f"{path}, line 7: not valid UTF-8 (byte 0xe9 at column 7); save the file as UTF-8",
    ]
    assert rows(seeded, "SELECT id, text FROM articles WHERE id != 'old' ORDER BY rowid") == [
        ("k1", "Fine."),
        ("k4", "Fine again."),
        ("k6", "Last one."),
    ]


def test_a_span_of_only_the_carriage_return_of_crlf_is_refused(
    project: Project, tmp_path: Path
) -> None:
    text = "First line\r\nSecond line"
    line = {
        "id": "cr",
        "text": text,
        "annotations": [
            {"annotator": "ana", "mentions": [{"id": "m1", "start": 10, "end": 11, "text": "\r"}]}
        ],
    }
    path = write_jsonl(tmp_path / "cr.jsonl", line)
    before = dump(project.path)
    with pytest.raises(InputError) as caught:
        import_files(project, [path])
    assert str(caught.value) == (
        f"{path}, line 1: mention 'm1' 10..11 covers only a \\r line end,"
        " which is stored as \\n: nothing of it is left"
    )
    assert dump(project.path) == before


# -- no silent loss ---------------------------------------------------------------------------


def test_csv_quote_never_closed_is_refused_where_it_starts(seeded: Project, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b'id,text\n1,"hello\n2,world\n3,third row')

    assert refused(seeded, path) == (
        f"{path}, line 2, column 3: a quoted field starts here and is never closed: it would"
        " take in the 2 lines after it, to the end of the file. Close the quote"
        ' (a quote inside a field is "")'
    )


def test_csv_quote_closed_rows_later_is_refused_where_it_starts(
    seeded: Project, tmp_path: Path
) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b'id,text\nk0,Fine.\nk1,"hello\nk2,"world" said\nk3,x\n')

    message = refused(seeded, path)

    assert message.startswith(
        f"{path}, line 3, column 4: a quoted field starts here and closes 1 line further on,"
        " but no comma follows its closing quote"
    )
    report = import_files(seeded, [path], skip_invalid=True)
    assert [str(e) for e in report.skipped] == [message]
    assert rows(seeded, "SELECT id FROM articles WHERE id != 'old'") == [("k0",)]


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        ("id,text,desk,text", "columns 2 and 4 are both named 'text'"),
        ("id,text,desk,desk", "columns 3 and 4 are both named 'desk'"),
        ("id,text,,", "columns 3 and 4 both have no name"),
    ],
)
def test_csv_header_naming_a_column_twice(
    seeded: Project, tmp_path: Path, header: str, reason: str
) -> None:
    path = tmp_path / "a.csv"
    path.write_text(f"{header}\nk1,One.,metro,Two.\n")

    assert refused(seeded, path) == (
        f"{path}, line 1, column 4: {reason}; one would hide the other, so give each column"
        " its own name"
    )


NUL_TEXT = "Mayor Varga\x00 said the quay will stay open."
NUL_FILES: dict[str, tuple[str, bytes]] = {
    "txt": ("a1.txt", NUL_TEXT.encode()),
    "jsonl": ("a.jsonl", orjson.dumps({"id": "a1", "text": NUL_TEXT}) + b"\n"),
    "csv": ("a.csv", b"id,text\na1," + NUL_TEXT.encode() + b"\n"),
    "doccano": ("d.jsonl", orjson.dumps({"id": "a1", "text": NUL_TEXT}) + b"\n"),
    "label-studio": ("ls.json", orjson.dumps([{"data": {"id": "a1", "text": NUL_TEXT}}])),
    "prodigy": ("p.jsonl", orjson.dumps({"text": NUL_TEXT, "meta": {"id": "a1"}}) + b"\n"),
    "brat": ("brat/a1.txt", NUL_TEXT.encode()),
}


@pytest.mark.parametrize("fmt", sorted(NUL_FILES))
def test_a_nul_character_in_article_text_is_refused_by_every_format(
    seeded: Project, tmp_path: Path, fmt: str
) -> None:
    name, content = NUL_FILES[fmt]
    path = tmp_path / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(content)
    source = path.parent if fmt == "brat" else path

    message = refused(seeded, source, format=fmt)

    place = {
        "txt": f"{path}",
        "brat": f"{path.with_suffix('.ann')}",
        "label-studio": f"{path}: task 1",
        "csv": f"{path}, line 2",
    }.get(fmt, f"{path}, line 1")
    assert message == (
        f"{place}: text holds a NUL character (\\0, at character 12); no text may hold one,"
        " remove it"
    )


def test_a_nul_anywhere_in_a_labelled_line_names_where(seeded: Project, tmp_path: Path) -> None:
    line = labelled(SAYS, claims=[{**claim("c1", SAYS, "the quay"), "note": "see\x00this"}])

    assert refused(seeded, bad_line(tmp_path, line)) == (
        f"{tmp_path / 'bad.jsonl'}, line 3: annotations[0].claims[0].note holds a NUL character"
        " (\\0, at character 4); no text may hold one, remove it"
    )
