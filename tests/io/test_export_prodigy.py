"""Prodigy JSONL export: tokens, spans and relations as Prodigy's rel.manual format has them."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc
from spacy.vocab import Vocab

from annotator.core.errors import AnnotatorError
from annotator.core.model import Article
from annotator.io.export import ExportFilter
from annotator.io.export_prodigy import tokenize
from annotator.io.formats import export_to
from annotator.io.importer import import_files
from annotator.store.project import Project
from tests.io.standoff_project import EMOJI, RTL, build, cut


def read(path: Path) -> list[dict[str, Any]]:
    raw = path.read_bytes()
    assert raw.endswith(b"\n") and b"\r" not in raw
    return [json.loads(line) for line in raw.decode("utf-8").splitlines()]


def token_index(line: dict[str, Any], word: str) -> int:
    (found,) = [t["id"] for t in line["tokens"] if t["text"] == word]
    return int(found)


def test_lines_have_the_documented_structure(project: Project, tmp_path: Path) -> None:
    built = build(project)
    out = tmp_path / "p.jsonl"
    assert export_to(project, "prodigy", out, ExportFilter(annotator="ana", story="harbour")) == 2
    assert not out.with_name("p.jsonl.partial").exists()
    e1, r1 = read(out)
    assert set(e1) == {"text", "meta", "tokens", "spans", "relations", "answer"}
    assert e1["text"] == EMOJI and e1["answer"] == "accept"
    assert [t["text"] for t in e1["tokens"]] == [
        "🇪", "🇺", "Velgrad", "said", "on", "Friday", "that", "Kestria", "must", "reopen",
        "the", "harbour", ".", "🙂",
    ]  # fmt: skip
    assert e1["tokens"][2] == {"text": "Velgrad", "start": 3, "end": 10, "id": 2, "ws": True}
    assert e1["tokens"][11]["ws"] is False and e1["tokens"][-1]["ws"] is False

    mention_ids = {
        EMOJI[m.start : m.end]: m.id for m in project.labels("e1", "ana").mentions
    }  # the source mention Velgrad and the mention Kestria
    ids = {**mention_ids, "claim": built.claim, "said": f"cue:{built.claim}"}

    def span(part: str, first: str, last: str, label: str, key: str = "") -> dict[str, Any]:
        start, end = cut(EMOJI, part)
        return {
            "start": start,
            "end": end,
            "token_start": token_index(e1, first),
            "token_end": token_index(e1, last),
            "label": label,
            "id": ids[key or part],
        }

    velgrad = span("Velgrad", "Velgrad", "Velgrad", "state")
    claim = span("Kestria must reopen the harbour", "Kestria", "harbour", "Claim", "claim")
    said = span("said", "said", "said", "Cue")
    assert e1["spans"] == [
        velgrad,
        span("Kestria", "Kestria", "Kestria", "state"),
        claim,
        said,
    ]
    assert e1["relations"] == [
        # the source mention names the claimant, so it heads both relations
        {"head": 2, "child": 11, "head_span": velgrad, "child_span": claim, "label": "CLAIMANT"},
        {"head": 2, "child": 11, "head_span": velgrad, "child_span": claim, "label": "SOURCE"},
        {"head": 3, "child": 11, "head_span": said, "child_span": claim, "label": "CUE"},
    ]
    meta = e1["meta"]
    assert {k: meta[k] for k in ("id", "title", "story", "annotator")} == {
        "id": "e1",
        "title": "Harbour",
        "story": "harbour",
        "annotator": "ana",
    }
    (fields,) = meta["claims"]
    assert fields["span"] == 2 and fields["claimant"] == "Norvania"
    assert fields["target"] == "Kestria" and fields["stance"] == "oppose"
    assert r1["text"] == RTL
    assert [RTL[s["start"] : s["end"]] for s in r1["spans"]] == ["الوزير", "الميناء يجب أن يفتح"]
    assert r1["relations"] == []
    assert r1["meta"]["claims"][0]["stance"] == "support"


def test_spans_slice_tokens_are_consecutive_and_heads_are_last_tokens(
    project: Project, tmp_path: Path
) -> None:
    build(project)
    out = tmp_path / "p.jsonl"
    export_to(project, "prodigy", out, ExportFilter(annotator="ana"))
    words = {
        "e1": {"Velgrad", "Kestria", "Kestria must reopen the harbour", "said"},
        "r1": {"الوزير", "الميناء يجب أن يفتح"},
        "n1": {"the quay\nmust be repaired"},
    }
    lines = read(out)
    assert [line["meta"]["id"] for line in lines] == ["e1", "r1", "n1"]
    for line in lines:
        text, tokens = line["text"], line["tokens"]
        assert [t["id"] for t in tokens] == list(range(len(tokens)))
        for t in tokens:
            assert text[t["start"] : t["end"]] == t["text"]
        for a, b in itertools.pairwise(tokens):  # nothing between tokens but a ws space
            assert b["start"] == a["end"] + a["ws"] and text[a["end"] : b["start"]] in ("", " ")
        assert {text[s["start"] : s["end"]] for s in line["spans"]} == words[line["meta"]["id"]]
        for s in line["spans"]:
            assert tokens[s["token_start"]]["start"] == s["start"]
            assert tokens[s["token_end"]]["end"] == s["end"]
        for rel in line["relations"]:
            assert rel["head_span"] in line["spans"] and rel["child_span"] in line["spans"]
            assert rel["head"] == rel["head_span"]["token_end"]
            assert rel["child"] == rel["child_span"]["token_end"]


def test_tokens_are_cut_at_span_boundaries_inside_words(project: Project, tmp_path: Path) -> None:
    text = "🙂 Überseehafen-Streit: مرحبا"
    project.add_articles([Article("w1", text)])
    project.add_claim("w1", "ana", *cut(text, "hafen-Str"))
    out = tmp_path / "w.jsonl"
    export_to(project, "prodigy", out)
    (line,) = read(out)
    (span,) = line["spans"]
    tokens = line["tokens"]
    assert [t["text"] for t in tokens[span["token_start"] : span["token_end"] + 1]] == [
        "hafen",
        "-",
        "Str",
    ]
    assert [t["text"] for t in tokens] == [
        "🙂",
        "Übersee",
        "hafen",
        "-",
        "Str",
        "eit",
        ":",
        "مرحبا",
    ]
    assert [t["text"] for t in tokenize("a, b")] == ["a", ",", "b"]


def test_several_annotators_on_one_article_are_refused(project: Project, tmp_path: Path) -> None:
    build(project)
    out = tmp_path / "p.jsonl"
    with pytest.raises(AnnotatorError, match="prodigy holds one annotator's labels"):
        export_to(project, "prodigy", out)
    assert list(tmp_path.glob("p.jsonl*")) == []


def test_claimant_relation_from_the_first_mention_when_the_source_is_someone_else(
    project: Project, tmp_path: Path
) -> None:
    text = "Kestria insists, observers say, that the quay is safe."
    project.add_articles([Article(id="k", text=text)])
    kestria = project.add_actor("Kestria", "lead", "state")
    observers = project.add_actor("observers", "lead", "unnamed_group")
    project.add_mention("k", "ana", 0, 7, kestria.id)
    claim = project.add_claim("k", "ana", 37, 53, claimant=kestria.id)
    project.set_claim_source(claim.id, type(claim.span)(17, 26), observers.id)
    target = tmp_path / "k.jsonl"
    export_to(project, "prodigy", target)
    (line,) = read(target)
    relations = {
        r["label"]: (r["head_span"]["start"], r["child_span"]["start"]) for r in line["relations"]
    }
    assert relations == {"CLAIMANT": (0, 37), "SOURCE": (17, 37)}


SPACED = [
    ("bay", "Kestria closed the Bay.\n\nJosé Varga said it would reopen."),
    ("tabs", "\tItem:\t\tthe port  stays   shut\t\n"),
    ("edges", "  Velgrad said so.  "),
    ("emoji", "🇪🇺 Staff 👩‍⚕️ and 👨‍👩‍👧 waited \u00a0 while\u2003Ilse 😀 spoke.\n"),
    ("crlf", "Line one says yes.\r\n\r\nLine two\rsays no. \r\n"),
]


def spaced_project(project: Project, tmp_path: Path) -> None:
    """Articles full of whitespace runs (imported, so CRLF becomes LF) and spans at their edges."""
    source = tmp_path / "spaced.jsonl"
    source.write_text(
        "".join(json.dumps({"id": key, "text": text}) + "\n" for key, text in SPACED), "utf-8"
    )
    import_files(project, [source])
    bay = project.article("bay").text  # type: ignore[union-attr]
    project.add_claim("bay", "ana", *cut(bay, "Bay.\n\nJosé"))
    project.add_mention("bay", "ana", *cut(bay, " Varga"), None)  # starts on the space after José
    project.add_claim("bay", "ana", *cut(bay, "said "))  # ends on the space before it
    project.add_claim("bay", "ana", *cut(bay, "\n\n"))  # only whitespace
    tabs = project.article("tabs").text  # type: ignore[union-attr]
    project.add_claim("tabs", "ana", *cut(tabs, "\tthe port  stays"))
    project.add_claim("tabs", "ana", *cut(tabs, "  stays  "))
    edges = project.article("edges").text  # type: ignore[union-attr]
    project.add_claim("edges", "ana", 0, len(edges))
    emoji = project.article("emoji").text  # type: ignore[union-attr]
    project.add_claim("emoji", "ana", *cut(emoji, "👨‍👩‍👧 waited \u00a0 while"))
    crlf = project.article("crlf").text  # type: ignore[union-attr]
    assert "\r" not in crlf
    project.add_claim("crlf", "ana", *cut(crlf, "\n\nLine two\nsays"))


def test_tokens_and_their_ws_flags_rebuild_the_text_in_a_spacy_doc(
    project: Project, tmp_path: Path
) -> None:
    spaced_project(project, tmp_path)
    build(project)
    out = tmp_path / "p.jsonl"
    export_to(project, "prodigy", out, ExportFilter(annotator="ana"))
    lines = read(out)
    assert len(lines) == len(SPACED) + 3
    vocab = Vocab()
    for line in lines:
        text, tokens = line["text"], line["tokens"]
        doc = Doc(vocab, words=[t["text"] for t in tokens], spaces=[t["ws"] for t in tokens])
        assert doc.text == text
        assert [(t.idx, t.idx + len(t)) for t in doc] == [(t["start"], t["end"]) for t in tokens]
        assert [t["id"] for t in tokens] == list(range(len(tokens)))
        for span in line["spans"]:
            found = doc.char_span(span["start"], span["end"])
            assert found is not None, (text, span)
            assert (found.start, found.end - 1) == (span["token_start"], span["token_end"])
    bay = next(line for line in lines if line["meta"]["id"] == "bay")
    words = [t["text"] for t in bay["tokens"]]
    assert words[words.index(".") : words.index(".") + 3] == [".", "\n\n", "José"]


@pytest.mark.parametrize(("key", "text"), SPACED)
def test_whitespace_tokens_are_those_of_spacy(key: str, text: str) -> None:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    theirs = spacy.blank("en")(text)
    ours = tokenize(text)
    assert [(t["text"], t["ws"]) for t in ours if t["text"].isspace()] == [
        (t.text, bool(t.whitespace_)) for t in theirs if t.is_space
    ]
    assert [t["ws"] for t in ours if t["ws"]] == [True] * sum(bool(t.whitespace_) for t in theirs)


@st.composite
def text_and_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    text = draw(st.text(alphabet="ab .,\n\t\u00a0\u2003🙂é", max_size=30))
    bounds = st.integers(0, len(text))
    pairs = draw(st.lists(st.tuples(bounds, bounds), max_size=6))
    return text, [(min(p), max(p)) for p in pairs if p[0] != p[1]]


VOCAB = Vocab()


@settings(max_examples=300, deadline=None)
@given(text_and_spans())
def test_any_text_and_spans_give_a_doc_of_that_text_with_those_spans(
    case: tuple[str, list[tuple[int, int]]],
) -> None:
    text, spans = case
    tokens = tokenize(text, spans)
    doc = Doc(VOCAB, words=[t["text"] for t in tokens], spaces=[t["ws"] for t in tokens])
    assert doc.text == text
    for start, end in spans:
        assert doc.char_span(start, end) is not None
