"""spaCy DocBin export, read back with spaCy itself."""

from __future__ import annotations

import builtins
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.tokens import Doc, DocBin

from annotator.core.errors import AnnotatorError
from annotator.io.export import ExportFilter
from annotator.io.export_spacy import spacy_docbin
from annotator.io.formats import export_to
from annotator.store.project import Project
from tests.io.standoff_project import BROKEN, EMOJI, RTL, build, cut


def load(path: Path) -> list[Doc]:
    nlp = spacy.blank("en")
    return list(DocBin().from_disk(path).get_docs(nlp.vocab))


def spans(doc: Doc, group: str) -> list[tuple[str, str]]:
    return [(s.text, s.label_) for s in doc.spans[group]]


def test_docbin_holds_spans_labels_and_user_data(project: Project, tmp_path: Path) -> None:
    built = build(project)
    out = tmp_path / "claims.spacy"
    assert export_to(project, "spacy", out, ExportFilter(annotator="ana")) == 3
    assert not out.with_name("claims.spacy.partial").exists()
    e1, r1, n1 = load(out)

    assert e1.text == EMOJI and r1.text == RTL and n1.text == BROKEN
    assert spans(e1, "claims") == [("Kestria must reopen the harbour", "Claim")]
    assert spans(e1, "mentions") == [("Velgrad", "state"), ("Kestria", "state")]
    assert spans(e1, "cues") == [("said", "Cue")]
    assert spans(r1, "claims") == [("الميناء يجب أن يفتح", "Claim")]
    assert spans(r1, "mentions") == [("الوزير", "official")]
    assert spans(r1, "cues") == []
    assert spans(n1, "claims") == [("the quay\nmust be repaired", "Claim")]
    assert spans(n1, "mentions") == [] and spans(n1, "cues") == []

    claim = e1.spans["claims"][0]
    assert claim.id_ == built.claim
    assert e1.spans["cues"][0].id_ == built.claim
    start, end = cut(EMOJI, "Kestria must reopen the harbour")
    assert (claim.start_char, claim.end_char) == (start, end)
    fields = e1.user_data[("claim", start, end, built.claim)]
    kestria = e1.spans["mentions"][1].kb_id_
    assert fields["id"] == built.claim
    assert fields["text"] == "Kestria must reopen the harbour"
    assert (fields["start"], fields["end"]) == (start, end)
    assert fields["claimant_name"] == "Norvania"
    assert (fields["target"], fields["target_name"]) == (kestria, "Kestria")
    assert fields["addressee"] is None and fields["addressee_name"] is None
    assert (fields["stance"], fields["category"]) == ("oppose", "demand")
    assert (fields["certainty"], fields["checkworthy"]) == ("asserted", "checkworthy")
    assert (fields["attribution_type"], fields["source_kind"]) == ("indirect", "named")
    assert fields["source_text"] == "Velgrad"
    assert fields["source_mention"] == e1.spans["mentions"][0].id_
    assert (fields["cue_start"], fields["cue_end"]) == tuple(cut(EMOJI, "said"))
    assert fields["note"] == "Check the\ntimeline"
    assert e1.user_data["article_id"] == "e1"
    assert e1.user_data["title"] == "Harbour"
    assert e1.user_data["annotator"] == "ana"
    assert e1.user_data["story"] == "harbour"
    assert r1.user_data["title"] == "الميناء"
    r_claim = r1.spans["claims"][0]
    r_fields = r1.user_data[("claim", r_claim.start_char, r_claim.end_char, r_claim.id_)]
    assert r_fields["stance"] == "support" and r_fields["target"] is None


def test_arabic_article_is_tokenised_by_the_arabic_tokenizer(
    project: Project, tmp_path: Path
) -> None:
    build(project)
    out = tmp_path / "r.spacy"
    export_to(project, "spacy", out, ExportFilter(annotator="ana", story="harbour"))
    _, r1 = load(out)
    assert [t.text for t in r1] == [t.text for t in spacy.blank("ar")(RTL)]


def test_unknown_language_falls_back_to_english(project: Project, tmp_path: Path) -> None:
    from annotator.core.model import Article

    project.add_articles([Article("x", "Nobody said it, did they?", language="zz-Latn")])
    project.add_claim("x", "ana", 0, 6)
    out = tmp_path / "x.spacy"
    assert spacy_docbin(project, out).articles == 1
    (doc,) = load(out)
    assert [t.text for t in doc] == [t.text for t in spacy.blank("en")(doc.text)]
    assert spans(doc, "claims") == [("Nobody", "Claim")]


def word_part_project(project: Project) -> str:
    from annotator.core.model import Article

    text = "The harbour reopened."
    project.add_articles([Article("w", text)])
    project.add_claim("w", "ana", 4, 9)  # "harbo": inside the word "harbour"
    project.add_claim("w", "ana", 0, 11)  # "The harbour": on token boundaries
    return text


def test_span_inside_a_word_expands_by_default(project: Project, tmp_path: Path) -> None:
    word_part_project(project)
    out = tmp_path / "w.spacy"
    assert spacy_docbin(project, out).unaligned == 0
    (doc,) = load(out)
    assert spans(doc, "claims") == [("The harbour", "Claim"), ("harbour", "Claim")]


@pytest.mark.parametrize("mode", ["strict", "contract"])
def test_span_inside_a_word_is_counted_when_it_cannot_align(
    project: Project, tmp_path: Path, mode: str
) -> None:
    word_part_project(project)
    out = tmp_path / "w.spacy"
    result = spacy_docbin(project, out, alignment_mode=mode)
    assert (result.articles, result.unaligned) == (1, 1)
    (doc,) = load(out)
    assert spans(doc, "claims") == [("The harbour", "Claim")]


def test_registry_exporter_logs_unaligned_spans(
    project: Project, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from annotator.io.export_spacy import export_spacy

    word_part_project(project)
    with caplog.at_level("WARNING"):
        assert export_spacy(project, tmp_path / "w.spacy", ExportFilter(), None, "strict") == 1
    assert "1 span(s) could not be aligned" in caplog.text


def test_unknown_alignment_mode_is_refused(project: Project, tmp_path: Path) -> None:
    with pytest.raises(AnnotatorError, match="alignment mode"):
        spacy_docbin(project, tmp_path / "x.spacy", alignment_mode="loose")


def test_several_annotators_on_an_article_are_refused(project: Project, tmp_path: Path) -> None:
    build(project)
    out = tmp_path / "all.spacy"
    with pytest.raises(AnnotatorError, match=r"spacy holds one annotator's labels.*ana, bo"):
        export_to(project, "spacy", out)
    assert not out.exists() and not out.with_name("all.spacy.partial").exists()


def test_gold_export_writes_gold_labels(project: Project, tmp_path: Path) -> None:
    build(project)
    out = tmp_path / "g.spacy"
    assert export_to(project, "spacy", out, ExportFilter(gold=True, fallback="single")) == 2
    r1, n1 = load(out)
    assert r1.user_data["annotator"] == "ana" and n1.user_data["article_id"] == "n1"


def test_missing_spacy_is_reported_with_an_install_hint(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def no_spacy(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "spacy" or name.startswith("spacy."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_spacy)
    with pytest.raises(AnnotatorError, match=r"needs spaCy: pip install spacy"):
        export_to(project, "spacy", tmp_path / "x.spacy")
