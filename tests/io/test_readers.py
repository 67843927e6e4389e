"""Readers: input files to numbered records shaped like native lines."""

from __future__ import annotations

from pathlib import Path

from annotator.core.errors import InputError
from annotator.io import readers

BOM = b"\xef\xbb\xbf"


# -- JSONL ------------------------------------------------------------------------------------


def test_jsonl_records_keep_physical_line_numbers_and_skip_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"id": "a"}\n\n   \n{"id": "b"}\r\n\n[1, 2]\n')

    records = list(readers.read_jsonl(path))

    assert [(line, value) for line, value, _ in records] == [
        (1, {"id": "a"}),
        (4, {"id": "b"}),
        (6, [1, 2]),
    ]


def test_jsonl_bytes_read_grow_to_the_file_size(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"id": "a"}\n{"id": "bb"}\n{"id": "ccc"}\n')

    done = [d for _, _, d in readers.read_jsonl(path)]

    assert done == [12, 25, 39]
    assert done[-1] == path.stat().st_size


def test_jsonl_leading_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(BOM + b'{"id": "a", "text": "x"}\n')

    assert [v for _, v, _ in readers.read_jsonl(path)] == [{"id": "a", "text": "x"}]


def test_jsonl_bad_line_is_an_error_record_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"id": "a"}\n{"id": \n{"id": "c"}\n')

    records = list(readers.read_jsonl(path))

    assert [line for line, _, _ in records] == [1, 2, 3]
    error = records[1][1]
    assert isinstance(error, InputError)
    assert (error.file, error.line) == (str(path), 2)
    assert error.reason.startswith("not valid JSON")
    assert records[2][1] == {"id": "c"}


# -- CSV --------------------------------------------------------------------------------------


def test_csv_article_columns_become_fields_and_other_columns_meta(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        "id,title,text,source,url,published,story,desk,lang\n"
        "n1,Ferry halted,The ferry to Tarsk stopped.,Coast Post,https://example.org/n1,"
        "2025-05-02,ferry,metro,en\n"
        "n2,,Second text.,,,,,,\n",
        encoding="utf-8",
    )

    records = [(line, value) for line, value, _ in readers.read_csv(path)]

    assert records == [
        (
            2,
            {
                "id": "n1",
                "title": "Ferry halted",
                "text": "The ferry to Tarsk stopped.",
                "source": "Coast Post",
                "url": "https://example.org/n1",
                "published": "2025-05-02",
                "story": "ferry",
                "meta": {"desk": "metro", "lang": "en"},
            },
        ),
        (
            3,
            {
                "id": "n2",
                "title": None,
                "text": "Second text.",
                "source": None,
                "url": None,
                "published": None,
                "story": None,
                "meta": {"desk": "", "lang": ""},
            },
        ),
    ]


def test_csv_quoted_fields_keep_newlines_commas_and_quotes(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        'id,text\nq1,"First line, with a comma\nsecond line ""quoted""\n\nafter a blank"\n'
        "q2,plain\n",
        encoding="utf-8",
    )

    records = [(line, value["id"], value["text"]) for line, value, _ in readers.read_csv(path)]

    assert records == [
        (5, "q1", 'First line, with a comma\nsecond line "quoted"\n\nafter a blank'),
        (6, "q2", "plain"),
    ]


def test_csv_bom_is_not_part_of_the_first_column_name(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(BOM + b"id,text\nb1,Hello\n")

    assert [v for _, v, _ in readers.read_csv(path)] == [{"id": "b1", "text": "Hello", "meta": {}}]


def test_csv_with_crlf_row_ends(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b'id,text\r\nr1,"one\r\ntwo"\r\nr2,three\r\n')

    records = [(line, value["text"]) for line, value, _ in readers.read_csv(path)]

    assert records == [(3, "one\r\ntwo"), (4, "three")]


def test_csv_with_lone_cr_row_ends(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b'id,text\rr1,"one\rtwo"\rr2,three\r')

    records = [(line, value["text"]) for line, value, _ in readers.read_csv(path)]

    assert records == [(3, "one\rtwo"), (4, "three")]


def test_csv_row_that_is_not_utf8_is_an_error_record_and_reading_goes_on(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b'id,text\nr1,"a\n\xff"\nr2,fine\n')

    records = list(readers.read_csv(path))

    assert [line for line, _, _ in records] == [3, 4]
    error = records[0][1]
    assert isinstance(error, InputError)
    assert (error.line, error.reason) == (
        3,
        "not valid UTF-8 (byte 0xff at column 1); save the file as UTF-8",
    )
    assert records[1][1] == {"id": "r2", "text": "fine", "meta": {}}


def test_csv_bytes_read_grow_to_the_file_size(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("id,text\n" + "".join(f"r{i},text number {i}\n" for i in range(50)))

    done = [d for _, _, d in readers.read_csv(path)]

    assert len(done) == 50
    assert done == sorted(done)
    assert done[-1] == path.stat().st_size


def test_csv_without_text_column_is_an_error_on_line_1(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("id,body\nx,hello\n", encoding="utf-8")

    [(line, error, _)] = readers.read_csv(path)

    assert isinstance(error, InputError)
    assert (line, error.line, error.reason) == (1, 1, 'the header row has no "text" column')


# -- plain text -------------------------------------------------------------------------------


def test_txt_title_is_the_first_line_and_id_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "ferry-07.txt"
    path.write_text("  Ferry link to Tarsk halted  \n\n\nThe ferry stopped.\n\nMore later.\n")

    assert readers.txt_record(path) == {
        "id": "ferry-07",
        "title": "Ferry link to Tarsk halted",
        "text": "The ferry stopped.\n\nMore later.\n",
    }


def test_txt_of_one_line_is_both_title_and_text_under_first_line(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text("\n\nOnly one line here.")

    assert readers.txt_record(path, "first-line") == {
        "id": "short",
        "title": "Only one line here.",
        "text": "Only one line here.",
    }


def test_txt_with_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "win.txt"
    path.write_bytes(BOM + "Título\r\n\r\nEl ferri paró.\r\nFin.".encode())

    assert readers.txt_record(path) == {
        "id": "win",
        "title": "Título",
        "text": "El ferri paró.\r\nFin.",
    }


def test_txt_files_of_a_folder_are_found_in_subfolders_and_sorted(tmp_path: Path) -> None:
    for name in ("b/2.txt", "a/z.txt", "a/deep/1.txt", "c.txt", "notes.md", "a/x.TXT.bak"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("t\nx")

    found = [p.relative_to(tmp_path).as_posix() for p in readers.txt_files(tmp_path)]

    assert found == ["a/deep/1.txt", "a/z.txt", "b/2.txt", "c.txt"]
    assert readers.txt_files(tmp_path / "c.txt") == [tmp_path / "c.txt"]
