"""Hugging Face export (JSONL and Parquet), loaded with `datasets` itself, offline."""

from __future__ import annotations

import builtins
from pathlib import Path
from typing import Any

import pytest

from annotator.core.errors import AnnotatorError
from annotator.core.model import Article, Attribution
from annotator.core.spans import Span
from annotator.io.export import ExportFilter
from annotator.io.export_hf import arrow_schema, bio_tags, export_hf, tokenize
from annotator.io.formats import export_to
from annotator.store.project import Project
from tests.io.standoff_project import BROKEN, EMOJI, RTL, build, cut


@pytest.fixture
def datasets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The `datasets` module, offline, with its caches under ``tmp_path``."""
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "hf" / "datasets"))
    import datasets as loaded

    loaded.disable_progress_bars()
    return loaded


def load(datasets: Any, path: Path, features: Any = None) -> Any:
    kind = "json" if path.suffix == ".jsonl" else "parquet"
    return datasets.load_dataset(
        kind,
        data_files=str(path),
        split="train",
        cache_dir=str(path.parent / "cache"),
        features=features,
    )


def claim_row(**values: Any) -> dict[str, Any]:
    """A claim row with every field, nulls where ``values`` gives none."""
    row: dict[str, Any] = dict.fromkeys(
        (
            "id", "start", "end", "text", "claimant", "claimant_name", "addressee",
            "addressee_name", "target", "target_name", "stance", "category", "certainty",
            "checkworthy", "attribution_type", "source_mention", "source_text", "source_kind",
            "cue_start", "cue_end", "cue_text",
        )
    )  # fmt: skip
    row.update(links=[], note="", extra="{}", segments=None)
    row.update(values)
    return row


def expected_rows(project: Project, claim_id: str) -> list[dict[str, Any]]:
    labels = project.labels_for(["e1", "r1", "n1"], "ana")
    used = {m.actor for e in labels.values() for m in e["ana"].mentions if m.actor}
    actors = {a.name: a.id for a in project.actors_by_id(used).values()}
    (e1_source,) = [
        m.id for m in labels["e1"]["ana"].mentions if m.start == cut(EMOJI, "Velgrad").start
    ]
    (e1_kestria,) = [m for m in labels["e1"]["ana"].mentions if m.id != e1_source]
    (r1_mention,) = labels["r1"]["ana"].mentions
    (r1_claim,) = labels["r1"]["ana"].claims
    (n1_claim,) = labels["n1"]["ana"].claims
    claim_span = cut(EMOJI, "Kestria must reopen the harbour")
    cue = cut(EMOJI, "said")

    def mention(mid: str, text: str, part: str, actor: str, kind: str) -> dict[str, Any]:
        start, end = cut(text, part)
        return {
            "id": mid, "start": start, "end": end, "text": part,
            "actor": actors[actor], "actor_name": actor, "actor_type": kind,
        }  # fmt: skip

    return [
        {
            "id": "e1", "text": EMOJI, "title": "Harbour", "source": None, "story": "harbour",
            "annotator": "ana",
            "claims": [
                claim_row(
                    id=claim_id, start=claim_span.start, end=claim_span.end,
                    text="Kestria must reopen the harbour",
                    claimant=actors["Norvania"], claimant_name="Norvania",
                    target=actors["Kestria"], target_name="Kestria",
                    stance="oppose", category="demand", certainty="asserted",
                    checkworthy="checkworthy", attribution_type="indirect",
                    source_mention=e1_source, source_text="Velgrad", source_kind="named",
                    cue_start=cue.start, cue_end=cue.end, cue_text="said",
                    note="Check the\ntimeline",
                )
            ],
            "mentions": [
                mention(e1_source, EMOJI, "Velgrad", "Norvania", "state"),
                mention(e1_kestria.id, EMOJI, "Kestria", "Kestria", "state"),
            ],
        },
        {
            "id": "r1", "text": RTL, "title": "الميناء", "source": None, "story": "harbour",
            "annotator": "ana",
            "claims": [
                claim_row(
                    id=r1_claim.id, start=r1_claim.start, end=r1_claim.end,
                    text="الميناء يجب أن يفتح", stance="support",
                )
            ],
            "mentions": [mention(r1_mention.id, RTL, "الوزير", "الوزير", "official")],
        },
        {
            "id": "n1", "text": BROKEN, "title": "Quay", "source": None, "story": "quay",
            "annotator": "ana",
            "claims": [
                claim_row(
                    id=n1_claim.id, start=n1_claim.start, end=n1_claim.end,
                    text="the quay\nmust be repaired",
                )
            ],
            "mentions": [],
        },
    ]  # fmt: skip


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_rows_load_with_datasets_exactly(
    project: Project, tmp_path: Path, datasets: Any, suffix: str
) -> None:
    built = build(project)
    out = tmp_path / f"claims{suffix}"
    assert export_to(project, "hf", out, ExportFilter(annotator="ana")) == 3
    assert not out.with_name(out.name + ".partial").exists()
    loaded = load(datasets, out)
    assert loaded.to_list() == expected_rows(project, built.claim)
    assert list(loaded.features) == [
        "id", "text", "title", "source", "story", "annotator", "claims", "mentions",
    ]  # fmt: skip


def null_and_full_projects(tmp_path: Path) -> tuple[Project, Project]:
    bare = Project.create(tmp_path / "bare.claims")
    bare.add_articles([Article("a", "Velgrad says the port will reopen.")])
    bare.add_claim("a", "ana", 8, 33)
    full = Project.create(tmp_path / "full.claims")
    full.add_articles(
        [Article("a", "Velgrad says the port will reopen.", title="T", source="S", story="p")]
    )
    norvania = full.add_actor("Norvania", "ana", "state")
    kestria = full.add_actor("Kestria", "ana", "state")
    claim = full.add_claim(
        "a", "ana", 8, 33,
        claimant=norvania.id, addressee=kestria.id, target=kestria.id,
        stance="support", category="demand", certainty="asserted", checkworthy="checkworthy",
        attribution=Attribution(
            attribution_type="indirect", source_text="Velgrad", source_kind="named", cue=cut(
                "Velgrad says the port will reopen.", "says"
            )
        ),
        note="n",
    )  # fmt: skip
    full.set_claim_source(claim.id, Span(0, 7), norvania.id)
    full.update_claim(claim.id, segments=(Span(8, 12), Span(13, 33)))  # in two pieces
    full.add_articles([Article("b", "The port reopened.", story="p")])
    other = full.add_claim("b", "ana", 0, 18)
    full.link_claims(claim.id, other.id, "ana")
    return bare, full


def test_parquet_features_are_the_same_whether_fields_are_null_or_set(
    tmp_path: Path, datasets: Any
) -> None:
    bare, full = null_and_full_projects(tmp_path)
    try:
        for bio in (False, True):
            paths = [tmp_path / f"{p.path.stem}-{bio}.parquet" for p in (bare, full)]
            export_hf(bare, paths[0], bio=bio)
            export_hf(full, paths[1], bio=bio)
            null_set, full_set = (load(datasets, p) for p in paths)
            assert null_set.features == full_set.features
            assert null_set.features == datasets.Features.from_arrow_schema(arrow_schema(bio))
            (null_row,) = null_set.to_list()
            assert null_row["claims"][0]["stance"] is None
            assert null_row["mentions"] == [] and null_row["claims"][0]["links"] == []
            assert set(null_row["claims"][0]) == set(full_set.to_list()[0]["claims"][0])
            full_claim = full_set.to_list()[0]["claims"][0]
            assert all(v is not None for v in full_claim.values())
            assert full_claim["links"] == [full_set.to_list()[1]["claims"][0]["id"]]
    finally:
        bare.close()
        full.close()


def test_jsonl_has_the_same_keys_and_loads_with_the_fixed_features(
    tmp_path: Path, datasets: Any
) -> None:
    bare, full = null_and_full_projects(tmp_path)
    try:
        null_path, full_path = tmp_path / "bare.jsonl", tmp_path / "full.jsonl"
        export_hf(bare, null_path)
        export_hf(full, full_path)
        # With every field set, the types datasets infers are the fixed schema's.
        inferred = load(datasets, full_path)
        fixed = datasets.Features.from_arrow_schema(arrow_schema())
        assert inferred.features == fixed
        # An all-null column has no type in JSON: the fixed features give it one.
        null_set = load(datasets, null_path, features=fixed)
        assert null_set.features == inferred.features
        assert null_set.to_list() == load(datasets, null_path).to_list()
        assert set(null_set.to_list()[0]["claims"][0]) == set(inferred.to_list()[0]["claims"][0])
    finally:
        bare.close()
        full.close()


def test_unlabelled_article_has_empty_lists_and_null_annotator(
    project: Project, tmp_path: Path, datasets: Any
) -> None:
    project.add_articles([Article("u", "Nothing here.")])
    out = tmp_path / "u.parquet"
    assert export_hf(project, out, bio=True) == 1
    (row,) = load(datasets, out).to_list()
    assert row["annotator"] is None and row["claims"] == [] and row["mentions"] == []
    assert row["tokens"] == ["Nothing", "here", "."] and row["ner_tags"] == [0, 0, 0]  # "O"


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_bio_tags_follow_the_claims(
    project: Project, tmp_path: Path, datasets: Any, suffix: str
) -> None:
    build(project)
    out = tmp_path / f"bio{suffix}"
    export_hf(project, out, ExportFilter(annotator="ana"), bio=True)
    loaded = load(datasets, out)
    e1, r1, n1 = loaded.to_list()
    if suffix == ".parquet":  # class label numbers, named by the features
        names = loaded.features["ner_tags"].feature.names
        for row in (e1, r1, n1):
            row["ner_tags"] = [names[t] for t in row["ner_tags"]]
    tagged = dict(zip(e1["tokens"], e1["ner_tags"], strict=True))
    assert e1["tokens"][:2] == ["\U0001f1ea", "\U0001f1fa"]  # the flag: two code points
    assert [t for t, g in zip(e1["tokens"], e1["ner_tags"], strict=True) if g != "O"] == [
        "Kestria", "must", "reopen", "the", "harbour",
    ]  # fmt: skip
    assert tagged["Kestria"] == "B-Claim" and tagged["harbour"] == "I-Claim"
    assert r1["tokens"][-1] == "." and r1["ner_tags"].count("B-Claim") == 1
    assert [t for t, g in zip(r1["tokens"], r1["ner_tags"], strict=True) if g != "O"] == [
        "الميناء", "يجب", "أن", "يفتح",
    ]  # fmt: skip
    assert n1["ner_tags"].count("B-Claim") == 1 and "\n" not in n1["tokens"]


def test_tokenizer_and_overlapping_claims() -> None:
    text = "U.S.-led, 2024!"
    assert [text[s:e] for s, e in tokenize(text)] == [
        "U",
        ".",
        "S",
        ".",
        "-",
        "led",
        ",",
        "2024",
        "!",
    ]
    tokens, tags = bio_tags("a b c d", [(0, 5), (2, 7)])
    assert tokens == ["a", "b", "c", "d"]
    assert tags == ["B-Claim", "I-Claim", "I-Claim", "B-Claim"]


def test_other_suffix_and_several_annotators_are_refused(project: Project, tmp_path: Path) -> None:
    build(project)
    with pytest.raises(AnnotatorError, match=r"\.jsonl or \.parquet"):
        export_to(project, "hf", tmp_path / "x.csv")
    out = tmp_path / "all.jsonl"
    with pytest.raises(AnnotatorError, match=r"hf holds one annotator's labels.*ana, bo"):
        export_to(project, "hf", out)
    assert not out.exists() and not out.with_name("all.jsonl.partial").exists()


def test_missing_pyarrow_is_reported_with_an_install_hint(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def no_pyarrow(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "pyarrow" or name.startswith("pyarrow."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    with pytest.raises(AnnotatorError, match=r"pip install 'claim-annotator\[parquet\]'"):
        export_to(project, "hf", tmp_path / "x.parquet")
    assert not (tmp_path / "x.parquet").exists()


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_ner_tags_are_class_labels_with_the_bio_names(
    project: Project, tmp_path: Path, datasets: Any, suffix: str
) -> None:
    build(project)
    out = tmp_path / f"bio{suffix}"
    export_hf(project, out, ExportFilter(annotator="ana"), bio=True)
    fixed = datasets.Features.from_arrow_schema(arrow_schema(bio=True))
    # Parquet carries its features; JSON has none, so the fixed ones are passed.
    loaded = load(datasets, out, fixed if suffix == ".jsonl" else None)
    assert loaded.features == fixed
    tags = loaded.features["ner_tags"].feature
    assert isinstance(tags, datasets.ClassLabel)
    assert tags.names == ["O", "B-Claim", "I-Claim"]
    e1 = loaded[0]
    assert {type(t) for t in e1["ner_tags"]} == {int}
    claim = cut(EMOJI, "Kestria must reopen the harbour")
    assert [tags.int2str(t) for t in e1["ner_tags"]] == bio_tags(EMOJI, [claim])[1]
    # every other column is as without BIO
    assert {k: v for k, v in loaded.features.items() if k not in ("tokens", "ner_tags")} == (
        datasets.Features.from_arrow_schema(arrow_schema())
    )
