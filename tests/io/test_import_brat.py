"""brat standoff import: round trip through our brat export, hand-written .ann, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.io.export import ExportFilter
from annotator.io.formats import export_to
from annotator.io.importer import import_files
from annotator.io.label_map import LabelMap
from annotator.store.project import Project
from tests.helpers import dump
from tests.io.standoff_project import BROKEN, EMOJI, RTL, build, cut, spans


def test_round_trip_native_brat_native(project: Project, tmp_path: Path) -> None:
    build(project)
    out = tmp_path / "brat"
    export_to(project, "brat", out, ExportFilter(annotator="ana"))
    assert (out / "annotation.conf").exists()
    fresh = Project.create(tmp_path / "fresh.claims")
    try:
        report = import_files(fresh, [out], format="brat", annotator="ana")
        assert (report.added, report.annotations, report.skipped) == (3, 3, [])
        for article_id in ("e1", "r1", "n1"):
            assert fresh.article(article_id).text == project.article(article_id).text  # type: ignore[union-attr]
            assert spans(fresh, article_id, "ana") == spans(project, article_id, "ana")
        # the claim crossing a line break was written as two fragments and comes back whole
        assert {(c.start, c.end) for c in fresh.labels("n1", "ana").claims} == {
            tuple(cut(BROKEN, "the quay\nmust be repaired"))
        }
        claim = fresh.labels("e1", "ana").claims[0]
        original = project.labels("e1", "ana").claims[0]
        for name in ("stance", "category", "certainty", "checkworthy"):
            assert getattr(claim, name) == getattr(original, name) is not None
        assert (
            claim.attribution.attribution_type == "indirect"
            and claim.attribution.source_kind == "named"
        )
        assert claim.attribution.cue == cut(EMOJI, "said")
        assert claim.note == "Check the timeline"  # brat notes are one line
        source = {m.id: m for m in fresh.labels("e1", "ana").mentions}[
            claim.attribution.source_mention  # type: ignore[index]
        ]
        assert EMOJI[source.start : source.end] == "Velgrad"
        rtl = fresh.labels("r1", "ana").claims[0]
        assert rtl.stance == "support" and RTL[rtl.start : rtl.end] == "الميناء يجب أن يفتح"
        # lost: actors and the status
        assert all(m.actor is None for m in fresh.labels("e1", "ana").mentions)
        assert claim.target is None
        again = import_files(fresh, [out], format="brat", annotator="ana")
        assert (again.added, again.existing) == (0, 3)
        assert len(fresh.labels("e1", "ana").claims) == 1
    finally:
        fresh.close()


def write_pair(folder: Path, stem: str, text: str, ann: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / f"{stem}.txt").write_bytes(text.encode("utf-8"))
    (folder / f"{stem}.ann").write_text(ann, "utf-8")
    return folder / f"{stem}.ann"


def test_hand_written_discontinuous_span_crlf_and_notes(project: Project, tmp_path: Path) -> None:
    text = "Minister 🙂 said\r\nthe port must open.\r\n"
    claim_start = text.index("the")
    ann = (
        f"T1\tPERSON 0 8\tMinister\n"
        f"T2\tClaim 0 8;{claim_start} {text.index('.')}\tMinister the port must open\n"
        f"T3\tSpeech {text.index('said')} {text.index('said') + 4}\tsaid\n"
        "R1\tSays Arg1:T3 Arg2:T2\n"
        "R2\tWho Arg1:T1 Arg2:T2\n"
        "A1\tStance T2 support\n"
        "A2\tColour T2 red\n"
        "#1\tAnnotatorNotes T2\tfree-form remark\n"
        "#2\tAnnotatorNotes T1\tignored\n"
        "N1\tReference T1 Wikipedia:1 Minister\n"
    )
    folder = tmp_path / "hand"
    write_pair(folder, "a1", text, ann)
    (folder / "annotation.conf").write_text("[entities]\nPERSON\n", "utf-8")
    mapping = LabelMap(
        {"PERSON": "mention", "Claim": "claim", "Speech": "cue"},
        {"Says": "cue", "Who": "source"},
    )
    report = import_files(project, [folder], format="brat", label_map=mapping)
    assert (report.added, report.annotations) == (1, 1)
    stored = project.article("a1")
    assert stored is not None and "\r" not in stored.text
    labels = project.labels("a1", "brat")
    (claim,) = labels.claims
    assert stored.text[claim.start : claim.end] == "Minister 🙂 said\nthe port must open"
    assert claim.stance == "support" and claim.note == "free-form remark"
    cue = claim.attribution.cue
    assert cue is not None and stored.text[cue.start : cue.end] == "said"
    (mention,) = labels.mentions
    assert claim.attribution.source_mention == mention.id
    assert stored.text[mention.start : mention.end] == "Minister"


def test_unknown_type_names_the_ann_file_and_line(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    kestria = cut(EMOJI, "Kestria")
    write_pair(folder, "a1", EMOJI, f"T1\tClaim {kestria.start} {kestria.end}\tKestria\n")
    bad_ann = write_pair(folder, "b2", RTL, "T1\tClaim 0 3\tقال\nT2\tOpinion 4 10\tالوزير\n")
    before = dump(project.path)
    with pytest.raises(InputError) as info:
        import_files(project, [folder], format="brat")
    message = str(info.value)
    assert str(bad_ann) in message and "line 2" in message and "'Opinion'" in message
    assert dump(project.path) == before  # a1 came first but nothing was written
    report = import_files(project, [folder], format="brat", skip_invalid=True)
    assert report.added == 1 and len(report.skipped) == 1
    assert str(bad_ann) in str(report.skipped[0])
    assert project.article("a1") is not None and project.article("b2") is None
    assert len(project.labels("a1", "brat").claims) == 1


def test_bad_offsets_and_span_errors_name_the_ann_file(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "spans"
    ann = write_pair(
        folder, "x", "Short text.", "T1\tClaim 0 5\tShort\nR1\tSource Arg1:T1 Arg2:T9\n"
    )
    with pytest.raises(InputError) as info:
        import_files(project, [folder], format="brat")
    assert str(ann) in str(info.value) and "line 2" in str(info.value)
    write_pair(folder, "x", "Short text.", "T1\tClaim 0 500\tShort\n")
    with pytest.raises(InputError) as info:
        import_files(project, [folder], format="brat")
    assert str(ann) in str(info.value)
    assert project.article("x") is None


def test_cli_format_brat_with_map_and_annotator(project_path: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from annotator.cli import cli

    Project.create(project_path).close()
    folder = tmp_path / "cli"
    write_pair(folder, "d1", RTL, "T1\tAussage 4 10\tالوزير\n")
    mapping = tmp_path / "map.toml"
    mapping.write_text('[labels]\nAussage = "claim"\n', "utf-8")
    args = ["import", str(project_path), str(folder), "--format", "brat"]
    result = CliRunner().invoke(cli, [*args, "--map", str(mapping), "--annotator", "li"])
    assert result.exit_code == 0, result.output
    with Project.open(project_path, read_only=True) as opened:
        (claim,) = opened.labels("d1", "li").claims
        assert RTL[claim.start : claim.end] == "الوزير"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (
            "T2\tClaim 6 11\tShort",
            "T2 says 'Short' but the .txt has 'text.' at 6 11; the offsets do not fit this text",
        ),
        (
            "T2\tClaim 0 5;6 10\tShort texts",
            "T2 says 'Short texts' but the .txt has 'Short text' at 0 5;6 10;"
            " the offsets do not fit this text",
        ),
        ("T2\tClaim 0 5", "T2 has no text after its offsets (brat writes it there)"),
    ],
)
def test_t_line_words_must_be_the_text_at_its_offsets(
    project: Project, tmp_path: Path, line: str, reason: str
) -> None:
    folder = tmp_path / "shifted"
    ann = write_pair(folder, "x", "Short text.", f"T1\tClaim 0 5\tShort\n{line}\n")
    before = dump(project.path)

    with pytest.raises(InputError) as info:
        import_files(project, [folder], format="brat")

    assert str(info.value) == f"{ann}, line 2: {reason}"
    assert dump(project.path) == before


def test_t_line_words_may_write_a_line_break_as_a_space(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    write_pair(folder, "x", "Short\ntext.", "T1\tClaim 0 10\tShort text\n")

    report = import_files(project, [folder], format="brat")

    assert (report.added, report.skipped) == (1, [])
