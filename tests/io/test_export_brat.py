"""brat standoff export, checked line by line against the brat standoff and configuration specs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from annotator.core.errors import AnnotatorError
from annotator.io.export import ExportFilter
from annotator.io.formats import export_to
from annotator.store.project import Project
from tests.io.standoff_project import BROKEN, EMOJI, RTL, build, cut

# -- a small strict reader of brat files, written from https://brat.nlplab.org/standoff.html ----

T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
R_LINE = re.compile(r"^(R\d+)\t(\S+) Arg1:(T\d+) Arg2:(T\d+)$")
A_LINE = re.compile(r"^(A\d+)\t(\S+) (T\d+) (\S+)$")
NOTE_LINE = re.compile(r"^(#\d+)\tAnnotatorNotes (T\d+)\t([^\t]*)$")


@dataclass
class Ann:
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = field(default_factory=dict)
    relations: list[tuple[str, str, str]] = field(default_factory=list)
    attributes: list[tuple[str, str, str]] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)


def read_ann(folder: Path, stem: str) -> tuple[str, Ann]:
    """Read ``stem.txt`` as brat does (UTF-8, str offsets) and check every line of ``stem.ann``."""
    text = (folder / f"{stem}.txt").read_bytes().decode("utf-8")
    raw = (folder / f"{stem}.ann").read_bytes().decode("utf-8")
    assert raw == "" or raw.endswith("\n")
    ann = Ann()
    ids: set[str] = set()
    for line in raw.splitlines():
        if found := T_LINE.match(line):
            tid, kind, offsets, covered = found.groups()
            pieces = [(int(s), int(e)) for s, e in (p.split() for p in offsets.split(";"))]
            for start, end in pieces:
                assert 0 <= start < end <= len(text)
            assert covered == " ".join(text[s:e] for s, e in pieces)
            ann.spans[tid] = (kind, pieces, covered)
        elif found := R_LINE.match(line):
            rid, kind, arg1, arg2 = found.groups()
            ann.relations.append((kind, arg1, arg2))
            tid = rid
        elif found := A_LINE.match(line):
            tid, name, target, value = found.groups()
            ann.attributes.append((name, target, value))
        elif found := NOTE_LINE.match(line):
            tid, target, note = found.groups()
            assert target not in ann.notes
            ann.notes[target] = note
        else:
            pytest.fail(f"not a brat standoff line: {line!r}")
        line_id = line.split("\t", 1)[0]
        assert line_id not in ids
        ids.add(line_id)
    referenced = [a for _, a1, a2 in ann.relations for a in (a1, a2)]
    referenced += [t for _, t, _ in ann.attributes] + list(ann.notes)
    assert set(referenced) <= set(ann.spans)
    return text, ann


def read_conf(folder: Path) -> dict[str, list[str]]:
    """The sections of annotation.conf (https://brat.nlplab.org/configuration.html)."""
    sections: dict[str, list[str]] = {}
    current = None
    for line in (folder / "annotation.conf").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if found := re.fullmatch(r"\[(entities|relations|events|attributes)\]", line):
            current = found.group(1)
            assert current not in sections
            sections[current] = []
        else:
            assert current is not None
            sections[current].append(line)
    return sections


def check_conf_declares(folder: Path, anns: list[Ann]) -> None:
    conf = read_conf(folder)
    entities = set(conf["entities"])
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", e) for e in entities)
    relations: dict[str, tuple[set[str], set[str]]] = {}
    for line in conf["relations"]:
        found = re.fullmatch(r"(\S+)\tArg1:(\S+), Arg2:(\S+?)(?:, <OVL-TYPE>:<ANY>)?", line)
        assert found, line
        name, arg1, arg2 = found.groups()
        relations[name] = (set(arg1.split("|")), set(arg2.split("|")))
    assert relations["<OVERLAP>"] == ({"<ENTITY>"}, {"<ENTITY>"})
    attributes: dict[str, tuple[set[str], set[str]]] = {}
    for line in conf["attributes"]:
        found = re.fullmatch(r"(\S+)\tArg:(\S+), Value:(\S+)", line)
        assert found, line
        attributes[found.group(1)] = (
            set(found.group(2).split("|")),
            set(found.group(3).split("|")),
        )
    for ann in anns:
        assert {kind for kind, _, _ in ann.spans.values()} <= entities
        for kind, arg1, arg2 in ann.relations:
            assert ann.spans[arg1][0] in relations[kind][0]
            assert ann.spans[arg2][0] in relations[kind][1]
        for name, target, value in ann.attributes:
            assert ann.spans[target][0] in attributes[name][0]
            assert value in attributes[name][1]


# -- tests ----------------------------------------------------------------------------------------


def by_text(ann: Ann) -> dict[str, str]:
    return {covered: tid for tid, (_, _, covered) in ann.spans.items()}


def test_brat_writes_txt_ann_and_conf_per_the_spec(project: Project, tmp_path: Path) -> None:
    build(project)
    out = tmp_path / "brat"
    assert export_to(project, "brat", out, ExportFilter(annotator="ana")) == 3
    assert sorted(p.name for p in out.iterdir()) == [
        "annotation.conf", "e1.ann", "e1.txt", "n1.ann", "n1.txt", "r1.ann", "r1.txt",
    ]  # fmt: skip
    assert not out.with_name("brat.partial").exists()
    text, ann = read_ann(out, "e1")
    assert text == EMOJI
    spans = {(kind, covered) for kind, _, covered in ann.spans.values()}
    assert spans == {
        ("state", "Velgrad"),
        ("state", "Kestria"),
        ("Claim", "Kestria must reopen the harbour"),
        ("Cue", "said"),
    }
    t = by_text(ann)
    claim = t["Kestria must reopen the harbour"]
    assert sorted(ann.relations) == [("Cue", t["said"], claim), ("Source", t["Velgrad"], claim)]
    assert sorted(ann.attributes) == sorted(
        [
            ("Stance", claim, "oppose"),
            ("Category", claim, "demand"),
            ("Certainty", claim, "asserted"),
            ("Checkworthy", claim, "checkworthy"),
            ("AttributionType", claim, "indirect"),
            ("SourceKind", claim, "named"),
        ]
    )
    assert ann.notes == {
        t["Velgrad"]: "actor: Norvania",
        t["Kestria"]: "actor: Kestria",
        claim: "claimant: Norvania; target: Kestria; note: Check the timeline",
    }
    rtl_text, rtl = read_ann(out, "r1")
    assert rtl_text == RTL
    assert {(k, c) for k, _, c in rtl.spans.values()} == {
        ("official", "الوزير"),
        ("Claim", "الميناء يجب أن يفتح"),
    }
    assert rtl.attributes == [("Stance", by_text(rtl)["الميناء يجب أن يفتح"], "support")]
    _, broken = read_ann(out, "n1")
    check_conf_declares(out, [ann, rtl, broken])


def test_brat_offsets_are_code_points_of_the_txt(project: Project, tmp_path: Path) -> None:
    """🇪🇺 is two code points (four UTF-16 units, eight UTF-8 bytes) before "Velgrad"."""
    build(project)
    out = tmp_path / "brat"
    export_to(project, "brat", out, ExportFilter(annotator="ana"))
    text, ann = read_ann(out, "e1")
    (velgrad,) = [pieces for _, pieces, covered in ann.spans.values() if covered == "Velgrad"]
    assert velgrad == [(3, 10)] == [tuple(cut(EMOJI, "Velgrad"))]
    assert text[3:10] == "Velgrad"
    assert EMOJI.encode("utf-16-le").index("Velgrad".encode("utf-16-le")) // 2 == 5


def test_a_span_over_a_line_break_becomes_fragments(project: Project, tmp_path: Path) -> None:
    build(project)
    out = tmp_path / "brat"
    export_to(project, "brat", out, ExportFilter(annotator="ana", status="done"))
    text, ann = read_ann(out, "n1")
    assert text == BROKEN
    ((kind, pieces, covered),) = ann.spans.values()
    start = BROKEN.index("the quay")
    assert (kind, covered) == ("Claim", "the quay must be repaired")
    assert pieces == [(start, start + 8), (start + 9, start + 25)]


def test_filters_choose_articles(project: Project, tmp_path: Path) -> None:
    build(project)
    out = tmp_path / "done"
    assert export_to(project, "brat", out, ExportFilter(annotator="ana", status="done")) == 2
    assert sorted(p.stem for p in out.glob("*.txt")) == ["e1", "n1"]
    story = tmp_path / "story"
    assert export_to(project, "brat", story, ExportFilter(annotator="bo", story="harbour")) == 2
    _, bo = read_ann(story, "e1")
    assert [(k, c) for k, _, c in bo.spans.values()] == [("Claim", "the harbour")]
    assert (story / "r1.ann").read_bytes() == b""


def test_several_annotators_on_one_article_are_refused(project: Project, tmp_path: Path) -> None:
    build(project)
    out = tmp_path / "brat"
    with pytest.raises(AnnotatorError, match=r"'e1' has labels by ana, bo; .*--annotator"):
        export_to(project, "brat", out)
    assert not out.exists()
    assert not out.with_name("brat.partial").exists()


def test_a_non_empty_folder_is_refused_an_empty_one_used(project: Project, tmp_path: Path) -> None:
    build(project)
    full = tmp_path / "full"
    full.mkdir()
    (full / "keep.txt").write_text("mine")
    with pytest.raises(AnnotatorError, match="folder is not empty"):
        export_to(project, "brat", full, ExportFilter(annotator="ana"))
    assert [p.name for p in full.iterdir()] == ["keep.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert export_to(project, "brat", empty, ExportFilter(annotator="ana")) == 3
    assert (empty / "annotation.conf").exists()
