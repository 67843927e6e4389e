"""brat attribution events and discontinuous content, as PARC 3.0 and PolNeAR write them.

Every file here is written by hand in the corpora's shape (Source, Cue and
Content spans, an Attribution or Attribution-no-source event whose trigger
sits on the cue), with our own words; no corpus text is copied.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.errors import InputError
from annotator.core.model import Claim
from annotator.core.spans import Span
from annotator.io.export import ExportFilter
from annotator.io.formats import export_to
from annotator.io.import_brat import BratLayout
from annotator.io.importer import import_files
from annotator.io.label_map import LabelMap, default_events
from annotator.store.project import Project
from tests.io import segmented

TEXT = (
    "“The bridge,” the mayor said, “will open in May.”\n"
    "Engineers warned that the cables, the deck and, they added, the ramps were unsafe.\n"
    "Tolls will rise, it was reported.\n"
    "“Traffic,” a driver said, “is awful,”\n"
    "she added, “every morning.”\n"
)


def at(words: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(words, start + 1)
    return start, start + len(words)


def t(tid: str, label: str, *parts: str | tuple[str, int]) -> str:
    """A ``T`` line over the words ``parts`` (each a string, or (string, nth))."""
    spans = [at(p) if isinstance(p, str) else at(*p) for p in parts]
    offsets = ";".join(f"{s} {e}" for s, e in spans)
    return f"{tid}\t{label} {offsets}\t{' '.join(TEXT[s:e] for s, e in spans)}\n"


ANN = (
    t("T1", "Source", "the mayor")
    + t("T2", "Cue", "said")
    + t("T3", "Content", "The bridge", "will open in May")
    + t("T4", "Attribution", "said")
    + "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    + t("T5", "Source", "Engineers")
    + t("T6", "Cue", "warned")
    + t("T7", "Content", "the cables, the deck and", "the ramps were unsafe")
    + t("T8", "Attribution", "warned")
    + "E2\tAttribution:T8 Cue:T6 Source:T5 Content:T7\n"
    + t("T9", "Cue", "it was reported")
    + t("T10", "Content", "Tolls will rise")
    + t("T11", "Attribution-no-source", "it was reported")
    + "E3\tAttribution-no-source:T11 Content:T10 Cue:T9\n"
    + t("T12", "Source", "a driver")
    + t("T13", "Cue", ("said", 1))
    + t("T14", "Content", "Traffic", "is awful")
    + t("T15", "Content", "every morning")
    + t("T16", "Attribution", ("said", 1))
    + "E4\tAttribution:T16 Source:T12 Cue:T13 Content:T14 Content2:T15\n"
    + "#1\tAnnotatorNotes T3\tquoted twice\n"
)


def corpus(root: Path, anns: dict[str, str], texts: dict[str, str] | None = None) -> Path:
    """A corpus in the PolNeAR layout: ``text/<id>.txt`` and ``attributions/<name>.ann``."""
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for stem, text in (texts or {"a1": TEXT}).items():
        (root / "text" / f"{stem}.txt").write_text(text, "utf-8", newline="")
    for name, ann in anns.items():
        (root / "attributions" / f"{name}.ann").write_text(ann, "utf-8", newline="")
    return root


def layout(root: Path, pattern: str | None = r"_([0-9a-f]{4})$") -> BratLayout:
    return BratLayout(root / "attributions", pattern)


def words(claim: Claim) -> list[str]:
    return [TEXT[s.start : s.end] for s in claim.content]


def test_events_become_claims_with_segments_cue_and_source(
    project: Project, tmp_path: Path
) -> None:
    root = corpus(tmp_path / "c", {"a1_4e07": ANN})
    report = import_files(project, [root / "text"], format="brat", brat_layout=layout(root))
    assert (report.added, report.annotations, report.warnings) == (1, 1, [])
    labels = project.labels("a1", "4e07")
    claims = {tuple(words(c)): c for c in labels.claims}
    mentions = {m.id: m for m in labels.mentions}
    assert set(claims) == {
        ("The bridge", "will open in May"),
        ("the cables, the deck and", "the ramps were unsafe"),
        ("Tolls will rise",),
        ("Traffic", "is awful", "every morning"),  # Content and Content2: three segments
    }
    bridge = claims["The bridge", "will open in May"]
    assert bridge.span == Span(at("The bridge")[0], at("will open in May")[1])  # the hull
    assert bridge.attribution.cue == Span(*at("said"))
    source = mentions[bridge.attribution.source_mention]  # type: ignore[index]
    assert (TEXT[source.start : source.end], source.source_only) == ("the mayor", True)
    assert bridge.attribution.source_text == "the mayor"
    assert bridge.note == "quoted twice"
    tolls = claims[("Tolls will rise",)]
    assert tolls.segments == () and tolls.attribution.source_mention is None
    assert tolls.attribution.cue == Span(*at("it was reported"))
    traffic = claims["Traffic", "is awful", "every morning"]
    assert traffic.attribution.cue == Span(*at("said", 1))
    assert len(labels.mentions) == 3  # the sources; no trigger, no content, no cue is a label


def test_a_doubly_annotated_article_arrives_as_two_annotators(
    project: Project, tmp_path: Path
) -> None:
    other = t("T1", "Cue", "warned") + t("T2", "Content", "the ramps were unsafe")
    other += t("T3", "Attribution-no-source", "warned")
    other += "E1\tAttribution-no-source:T3 Content:T2 Cue:T1\n"
    texts = {"a1": TEXT, "a2": "Nothing is attributed here.\n"}
    root = corpus(tmp_path / "c", {"a1_4e07": ANN, "a1_d473": other}, texts)
    report = import_files(project, [root / "text"], format="brat", brat_layout=layout(root))
    assert (report.added, report.annotations) == (2, 2)
    assert len(project.labels("a1", "4e07").claims) == 4
    (claim,) = project.labels("a1", "d473").claims
    assert words(claim) == ["the ramps were unsafe"]
    assert project.article("a2") is not None  # a text without annotations: the article alone


def test_without_a_pattern_the_ann_files_are_named_as_their_texts(
    project: Project, tmp_path: Path
) -> None:
    root = corpus(tmp_path / "c", {"a1": ANN})
    import_files(
        project, [root / "text"], format="brat", annotator="corpus", brat_layout=layout(root, None)
    )
    assert len(project.labels("a1", "corpus").claims) == 4


@pytest.mark.parametrize(
    ("ann", "line", "message"),
    [
        (
            ANN + t("T90", "Cue", "warned") + "E9\tAttribution:T8 Content:T7 Speaker:T5\n",
            ANN.count("\n") + 2,
            "unknown role 'Speaker' of event type 'Attribution'",
        ),
        (
            ANN + "E9\tQuotation:T8 Content:T7\n",
            ANN.count("\n") + 1,
            "unknown event type 'Quotation'",
        ),
        (
            ANN + "E9\tAttribution:T8 Content:T6\n",
            ANN.count("\n") + 1,
            "E9: its Content T6 is a 'Cue' span",
        ),
        (
            ANN + "E9\tAttribution:T8 Content:T7 Cue:T6 Cue2:T2\n",
            ANN.count("\n") + 1,
            "E9 has two cues",
        ),
        (
            ANN + "E9\tAttribution:T8 Content:T99\n",
            ANN.count("\n") + 1,
            "'T99' is not a text-bound",
        ),
    ],
)
def test_bad_events_name_the_file_and_line(
    project: Project, tmp_path: Path, ann: str, line: int, message: str
) -> None:
    root = corpus(tmp_path / "c", {"a1_4e07": ann})
    with pytest.raises(InputError) as caught:
        import_files(project, [root / "text"], format="brat", brat_layout=layout(root))
    text = str(caught.value)
    assert str(root / "attributions" / "a1_4e07.ann") in text
    assert f"line {line}" in text and message in text
    assert project.article("a1") is None


def test_an_event_without_content_is_left_out_with_a_warning(
    project: Project, tmp_path: Path
) -> None:
    ann = ANN + t("T20", "Cue", "warned") + "E9\tAttribution-no-source:T8 Cue:T20\n"
    root = corpus(tmp_path / "c", {"a1_4e07": ann})
    report = import_files(project, [root / "text"], format="brat", brat_layout=layout(root))
    (warning,) = report.warnings
    assert "event E9" in warning and "no content" in warning
    assert len(project.labels("a1", "4e07").claims) == 4


def test_corpus_files_that_do_not_pair_are_named(project: Project, tmp_path: Path) -> None:
    root = corpus(tmp_path / "c", {"a1-ana": ANN})
    with pytest.raises(InputError, match=r"a1-ana\.ann: its name does not match"):
        import_files(project, [root / "text"], format="brat", brat_layout=layout(root))
    root = corpus(tmp_path / "d", {"a9_4e07": ANN})
    with pytest.raises(InputError, match=r"a9_4e07\.ann: there is no text 'a9\.txt'"):
        import_files(project, [root / "text"], format="brat", brat_layout=layout(root))


def test_fragments_apart_only_by_a_line_break_are_one_segment(
    project: Project, tmp_path: Path
) -> None:
    """brat splits a selection at line ends; such a content is one piece, not two."""
    ann = t("T1", "Content", "is awful,”", "she added") + t("T2", "Claim", "Tolls will rise")
    root = corpus(tmp_path / "c", {"a1": ann})
    import_files(project, [root / "text"], format="brat", brat_layout=layout(root, None))
    first, second = sorted(project.labels("a1", "brat").claims, key=lambda c: c.start)
    assert second.segments == () and words(second) == ["is awful,”\nshe added"]
    assert first.segments == ()


def test_a_text_with_a_line_break_written_in_the_ann_continues_on_the_next_line(
    project: Project, tmp_path: Path
) -> None:
    start, end = at("is awful,”\nshe added")
    ann = f"T1\tContent {start} {end}\tis awful,”\nshe added\n" + t("T2", "Cue", "warned")
    ann += t("T3", "Attribution-no-source", "warned")
    ann += "E1\tAttribution-no-source:T3 Content:T1 Cue:T2\n"
    root = corpus(tmp_path / "c", {"a1": ann})
    import_files(project, [root / "text"], format="brat", brat_layout=layout(root, None))
    (claim,) = project.labels("a1", "brat").claims
    assert words(claim) == ["is awful,”\nshe added"]


def _comparable(claim: Claim, project: Project) -> tuple[object, ...]:
    """What a brat round trip keeps of a claim: segments, cue, source span and words, fields."""
    source = None
    if claim.attribution.source_mention is not None:
        mention = project.mention(claim.attribution.source_mention)
        assert mention is not None
        source = (mention.span, mention.source_only)
    return (
        claim.content,
        replace(claim.attribution, source_mention=None),
        source,
        claim.stance,
        claim.category,
        claim.certainty,
        claim.checkworthy,
        claim.note,
        claim.extra,
    )


def test_round_trip_native_brat_events_native_keeps_segments_cues_sources_and_fields(
    tmp_path: Path,
) -> None:
    segmented.make(tmp_path / "p.claims")
    with Project.open(tmp_path / "p.claims") as project:
        export_to(project, "brat", tmp_path / "brat", ExportFilter(), events=True)
        before = sorted(_comparable(c, project) for c in project.labels("q1", "ana").claims)
    conf = (tmp_path / "brat" / "annotation.conf").read_text("utf-8")
    assert "Attribution\tContent:Content" in conf and "Attribution-no-source" in conf
    ann = (tmp_path / "brat" / "q1.ann").read_text("utf-8")
    assert "\tAttribution:T" in ann and "Content:T" in ann
    with Project.create(tmp_path / "back.claims") as back:
        report = import_files(back, [tmp_path / "brat"], format="brat", annotator="ana")
        assert report.warnings == []
        after = sorted(_comparable(c, back) for c in back.labels("q1", "ana").claims)
    assert after == before


def test_brat_without_events_writes_segments_as_fragments_and_reads_them_back(
    tmp_path: Path,
) -> None:
    claims = segmented.make(tmp_path / "p.claims")
    with Project.open(tmp_path / "p.claims") as project:
        export_to(project, "brat", tmp_path / "brat", ExportFilter())
    with Project.create(tmp_path / "back.claims") as back:
        import_files(back, [tmp_path / "brat"], format="brat", annotator="ana")
        got = sorted(c.content for c in back.labels("q1", "ana").claims)
    assert got == sorted(c.content for c in claims)


def test_cli_imports_a_corpus_and_exports_events(tmp_path: Path) -> None:
    root = corpus(tmp_path / "c", {"a1_4e07": ANN, "a1_d473": ANN})
    runner = CliRunner()
    project = str(tmp_path / "p.claims")
    assert runner.invoke(cli, ["init", project]).exit_code == 0
    result = runner.invoke(
        cli,
        [
            "import", project, "--format", "brat",
            "--text-dir", str(root / "text"), "--ann-dir", str(root / "attributions"),
            "--annotator-pattern", "_([0-9a-f]{4})$",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    with Project.open(project) as opened:
        assert {len(opened.labels("a1", who).claims) for who in ("4e07", "d473")} == {4}
    out = tmp_path / "out"
    result = runner.invoke(
        cli,
        ["export", project, "--format", "brat", "--events", "--annotator", "4e07", "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert (out / "a1.ann").read_text("utf-8").count("\tAttribution") >= 3
    bad = runner.invoke(cli, ["export", project, "--format", "csv", "--events", "-o", str(out)])
    assert bad.exit_code != 0 and "--events goes with --format brat" in bad.output
    bad = runner.invoke(cli, ["import", project, "--text-dir", str(root / "text")])
    assert bad.exit_code != 0 and "--format brat" in bad.output


def test_a_text_holding_a_blank_line_continues_past_it(project: Project, tmp_path: Path) -> None:
    text = "“First part.\n\nSecond part,” she said.\n"
    end = text.index(",”")
    ann = f"T1\tContent 1 {end}\tFirst part.\n\nSecond part\n\n" + (
        f"T2\tCue {text.index('said')} {text.index('said') + 4}\tsaid\n"
        f"T3\tAttribution-no-source {text.index('said')} {text.index('said') + 4}\tsaid\n"
        "E1\tAttribution-no-source:T3 Content:T1 Cue:T2\n"
    )
    root = corpus(tmp_path / "c", {"a1": ann}, {"a1": text})
    import_files(project, [root / "text"], format="brat", brat_layout=layout(root, None))
    (claim,) = project.labels("a1", "brat").claims
    assert text[claim.start : claim.end] == "First part.\n\nSecond part"


def test_an_ignored_argument_and_a_cue_in_no_event_are_left_out_with_warnings(
    project: Project, tmp_path: Path
) -> None:
    ann = ANN + t("T30", "Discuss", "every morning") + t("T31", "Cue", "she added")
    ann += t("T32", "Attribution-no-source", "she added")
    ann += "E9\tAttribution-no-source:T32 Content:T10 Cue:T30\n"
    root = corpus(tmp_path / "c", {"a1": ann})
    mapping = LabelMap(
        {"Source": "source", "Cue": "cue", "Content": "claim", "Discuss": "ignore"},
        {},
        default_events(),
    )
    report = import_files(
        project, [root / "text"], format="brat", label_map=mapping, brat_layout=layout(root, None)
    )
    assert len(report.warnings) == 2
    assert "its Cue T30 is a 'Discuss' span, which the label map ignores" in report.warnings[0]
    assert "cue T31" in report.warnings[1] and "in no event" in report.warnings[1]
    claims = project.labels("a1", "brat").claims
    assert len(claims) == 5  # E9 is a claim on T10's words, without a cue
    assert sum(1 for c in claims if words(c) == ["Tolls will rise"]) == 2
