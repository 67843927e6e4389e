"""annotator.dataset.build_dataset: grouped splits, formats that load, byte-identical rebuilds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.errors import AnnotatorError
from annotator.core.model import GOLD, Article
from annotator.dataset import SPLITS, BuildOptions, DatasetReport, build_dataset, read_manifest
from annotator.dataset.minhash import signature, similarity
from annotator.quality.agreement import project_agreement
from annotator.store.project import Project
from tests.dataset.newsroom import WIRE, WIRE_COPY, make_newsroom


@pytest.fixture
def newsroom(project: Project) -> Project:
    make_newsroom(project, 45)
    return project


def split_of(folder: Path) -> dict[str, str]:
    """Article id -> split, read from the native JSONL files."""
    found = {}
    for split in SPLITS:
        for line in (folder / f"jsonl/{split}.jsonl").read_text(encoding="utf-8").splitlines():
            found[json.loads(line)["id"]] = split
    return found


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_wire_copy_is_a_near_duplicate_and_other_articles_are_not() -> None:
    wire, copy = signature(WIRE, 5), signature(WIRE_COPY, 5)
    assert wire is not None and copy is not None
    assert similarity(wire, copy) >= 0.8
    other = signature(WIRE.replace("Dock workers", "Bus drivers").replace("ferries", "trams"), 5)
    assert other is not None and similarity(wire, other) < 1


def test_no_story_and_no_near_duplicate_pair_crosses_splits(
    newsroom: Project, tmp_path: Path
) -> None:
    for seed in range(6):  # whatever the seed deals, the groups stay whole
        out = tmp_path / f"seed{seed}"
        made = build_dataset(newsroom, out, BuildOptions(annotator="ana", seed=seed))
        where = split_of(out)
        assert where["wire"] == where["wire-copy"]
        stories: dict[str, set[str]] = {}
        for article_id, split in where.items():
            story = newsroom.article(article_id).story  # type: ignore[union-attr]
            if story:
                stories.setdefault(story, set()).add(split)
        assert all(len(s) == 1 for s in stories.values())
        pairs = [(p.first, p.second) for p in made.report.near_duplicates]
        assert ("wire", "wire-copy") in pairs
        assert made.report.near_duplicates_across_splits == 0
        assert made.report.stories_across_splits == 0
        assert sum(made.manifest["splits"].values()) == len(where) == 47


def test_splits_follow_the_ratios_as_far_as_groups_allow(newsroom: Project, tmp_path: Path) -> None:
    made = build_dataset(
        newsroom, tmp_path / "out", BuildOptions(annotator="ana", split=(60, 20, 20))
    )
    sizes = made.manifest["splits"]
    assert sizes["train"] > sizes["dev"] > 0 and sizes["test"] > 0
    assert abs(sizes["train"] - 0.6 * 47) <= 4
    for split in SPLITS:
        lines = (tmp_path / f"out/jsonl/{split}.jsonl").read_text(encoding="utf-8").splitlines()
        claims = sum(len(json.loads(line)["annotations"][0]["claims"]) for line in lines)
        assert made.report.splits[split]["claims"] == claims
        assert made.report.splits[split]["articles"] == len(lines) == sizes[split]


def test_a_split_of_zero_gets_no_article(newsroom: Project, tmp_path: Path) -> None:
    made = build_dataset(
        newsroom, tmp_path / "out", BuildOptions(annotator="ana", split=(90, 10, 0))
    )
    assert made.manifest["splits"]["test"] == 0
    assert (tmp_path / "out/jsonl/test.jsonl").read_bytes() == b""


def test_building_twice_gives_the_same_bytes_in_every_file(
    newsroom: Project, tmp_path: Path, project_path: Path
) -> None:
    options = BuildOptions(fallback="single", seed=3)
    build_dataset(newsroom, tmp_path / "one", options)
    newsroom.close()
    # A fresh process with another hash seed: set order and hash() must not leak into the bytes.
    code = (
        "from annotator.store.project import Project\n"
        "from annotator.dataset import BuildOptions, build_dataset\n"
        f"with Project.open({str(project_path)!r}, read_only=True) as p:\n"
        f"    build_dataset(p, {str(tmp_path / 'two')!r}, BuildOptions(fallback='single', seed=3))\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env={"PYTHONHASHSEED": "4242"})
    one, two = files(tmp_path / "one"), files(tmp_path / "two")
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
    manifest = read_manifest(tmp_path / "one")
    assert sorted(manifest["files"]) == sorted(n for n in one if n != "manifest.json")
    for name, entry in manifest["files"].items():
        assert entry["bytes"] == len(one[name])


def test_another_seed_or_a_changed_label_changes_the_build(
    newsroom: Project, tmp_path: Path
) -> None:
    first = build_dataset(newsroom, tmp_path / "a", BuildOptions(annotator="ana"))
    reseeded = build_dataset(newsroom, tmp_path / "b", BuildOptions(annotator="ana", seed=99))
    assert first.manifest["project"] == reseeded.manifest["project"]
    assert split_of(tmp_path / "a") != split_of(tmp_path / "b")
    claim = newsroom.add_claim("n001", "ana", 0, 2)
    changed = build_dataset(newsroom, tmp_path / "c", BuildOptions(annotator="ana"))
    fingerprint = changed.manifest["project"]["content_fingerprint"]
    assert fingerprint != first.manifest["project"]["content_fingerprint"]
    newsroom.delete_claim(claim.id)
    again = build_dataset(newsroom, tmp_path / "d", BuildOptions(annotator="ana"))
    assert again.manifest == first.manifest


def test_gold_labels_with_the_choices_of_a_gold_export(newsroom: Project, tmp_path: Path) -> None:
    build_dataset(newsroom, tmp_path / "gold", BuildOptions())
    gold = split_of(tmp_path / "gold")
    assert gold and all(int(a[1:]) % 5 == 0 for a in gold if a.startswith("n"))
    build_dataset(newsroom, tmp_path / "fallback", BuildOptions(fallback="single"))
    fallback = split_of(tmp_path / "fallback")
    assert set(gold) < set(fallback)
    for split in SPLITS:
        for line in (tmp_path / "fallback" / f"jsonl/{split}.jsonl").read_text().splitlines():
            data = json.loads(line)
            (entry,) = data["annotations"]
            index = {"wire": 45, "wire-copy": 46}.get(data["id"]) or int(data["id"][1:])
            if index % 5 == 0:
                assert entry["annotator"] == GOLD
            else:
                assert entry["annotator"] == "ana"  # the only annotator there


def test_unfinished_articles_are_left_out_unless_asked(newsroom: Project, tmp_path: Path) -> None:
    newsroom.set_status("n002", "ana", "in_progress")
    made = build_dataset(newsroom, tmp_path / "a", BuildOptions(annotator="ana"))
    assert "n002" not in split_of(tmp_path / "a")
    build_dataset(newsroom, tmp_path / "b", BuildOptions(annotator="ana", include_unfinished=True))
    assert "n002" in split_of(tmp_path / "b")
    assert made.report.articles == 46


def test_agreement_is_that_of_the_included_articles(newsroom: Project, tmp_path: Path) -> None:
    made = build_dataset(newsroom, tmp_path / "out", BuildOptions(fallback="single"))
    ids = set(split_of(tmp_path / "out"))
    expected = project_agreement(newsroom, None, articles=ids).to_json()
    assert made.report.agreement == expected
    everything = project_agreement(newsroom).to_json()
    assert 0 < expected["articles"] < everything["articles"]


def test_hugging_face_loads_every_split_with_class_labels(
    newsroom: Project, tmp_path: Path
) -> None:
    datasets = pytest.importorskip("datasets")
    build_dataset(newsroom, tmp_path / "out", BuildOptions(annotator="ana"))
    loaded = datasets.load_dataset(str(tmp_path / "out/hf"), cache_dir=str(tmp_path / "cache"))
    assert sorted(loaded) == ["test", "train", "validation"]
    where = split_of(tmp_path / "out")
    for name, split in (("train", "train"), ("validation", "dev"), ("test", "test")):
        assert sorted(loaded[name]["id"]) == sorted(a for a, s in where.items() if s == split)
    claims = loaded["train"].features["claims"]
    claim = claims.feature if hasattr(claims, "feature") else claims[0]  # datasets 4+ / before
    assert claim["stance"].names == list(newsroom.schema.field("stance").ids())
    first = next(row for row in loaded["train"] if row["claims"])
    stance = first["claims"][0]["stance"]
    assert stance == -1 or claim["stance"].int2str(stance) in ("support", "oppose", "neutral")


def test_spacy_reads_every_split(newsroom: Project, tmp_path: Path) -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    build_dataset(newsroom, tmp_path / "out", BuildOptions(annotator="ana"))
    where = split_of(tmp_path / "out")
    nlp = spacy.blank("en")
    for split in SPLITS:
        docs = [
            doc
            for shard in sorted((tmp_path / "out/spacy" / split).glob("*.spacy"))
            for doc in DocBin().from_disk(shard).get_docs(nlp.vocab)
        ]
        assert sorted(d.user_data["article_id"] for d in docs) == sorted(
            a for a, s in where.items() if s == split
        )
        for doc in docs:
            assert all(span.label_ == "Claim" for span in doc.spans["claims"])


def test_a_folder_that_is_not_empty_is_refused_unless_forced(
    newsroom: Project, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    with pytest.raises(AnnotatorError, match=r"not empty.*--force"):
        build_dataset(newsroom, out, BuildOptions(annotator="ana"))
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    build_dataset(newsroom, out, BuildOptions(annotator="ana"), force=True)
    build_dataset(newsroom, out, BuildOptions(annotator="ana", formats=("jsonl",)), force=True)
    assert (out / "notes.txt").read_text() == "mine"
    assert not (out / "hf").exists() and not (out / "spacy").exists()  # the old build's files
    assert sorted(read_manifest(out)["files"]) == [
        "jsonl/dev.jsonl", "jsonl/test.jsonl", "jsonl/train.jsonl", "report.json",
    ]  # fmt: skip


def test_nothing_to_build_says_why(project: Project, tmp_path: Path) -> None:
    project.add_articles([Article(id="x", text="Nothing was labelled here.")])
    with pytest.raises(AnnotatorError, match="no adjudicated"):
        build_dataset(project, tmp_path / "out", BuildOptions())
    project.add_claim("x", "ana", 0, 7)
    with pytest.raises(AnnotatorError, match="no article marked done"):
        build_dataset(project, tmp_path / "out", BuildOptions(annotator="ana"))
    with pytest.raises(AnnotatorError, match="no labels by 'zoe'"):
        build_dataset(project, tmp_path / "out", BuildOptions(annotator="zoe"))
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"split": (80, 10, 5)}, "sums to 95"),
        ({"split": (0, 50, 50)}, "training set 0%"),
        ({"near_duplicate": 1.5}, "not in"),
        ({"annotator": "ana", "fallback": "single"}, "--fallback goes with gold"),
    ],
)
def test_bad_options_are_refused(options: dict[str, object], message: str) -> None:
    with pytest.raises(AnnotatorError, match=message):
        BuildOptions(**options)  # type: ignore[arg-type]


def test_a_split_left_empty_by_one_large_story_is_warned_about(
    project: Project, tmp_path: Path
) -> None:
    texts = [
        f"Report {i}: the council in Velgrad voted on the harbour plan again." for i in range(4)
    ]
    project.add_articles(
        [Article(id=f"s{i}", text=t, story="harbour") for i, t in enumerate(texts)]
    )
    for i in range(4):
        project.set_status(f"s{i}", "ana", "done")
    made = build_dataset(project, tmp_path / "out", BuildOptions(annotator="ana"))
    assert made.manifest["splits"] == {"train": 4, "dev": 0, "test": 0}
    assert made.report.groups == 1
    assert any(
        w.startswith("dev is empty although 10% was asked for") for w in made.report.warnings
    )
    assert "warning: dev is empty" in made.report.to_text()


def test_links_stay_within_the_dataset(newsroom: Project, tmp_path: Path) -> None:
    def first_claim(article_id: str) -> str:
        return newsroom.labels_for([article_id], "ana")[article_id]["ana"].claims[0].id

    kept, dropped, source = first_claim("n001"), first_claim("n002"), first_claim("n000")
    newsroom.link_claims(source, kept, "ana")  # n000, n001, n002: story-0
    newsroom.link_claims(source, dropped, "ana")
    newsroom.set_status("n002", "ana", "in_progress")  # not done: left out
    build_dataset(newsroom, tmp_path / "out", BuildOptions(annotator="ana"))
    split = split_of(tmp_path / "out")["n000"]
    lines = (tmp_path / f"out/jsonl/{split}.jsonl").read_text(encoding="utf-8").splitlines()
    claims = {
        c["id"]: c
        for line in lines
        for c in json.loads(line)["annotations"][0]["claims"]
    }  # fmt: skip
    assert claims[source]["links"] == [kept]
    assert claims[kept]["links"] == [source]


def test_extra_files_are_listed_in_the_manifest(newsroom: Project, tmp_path: Path) -> None:
    def card(folder: Path, report: DatasetReport, manifest: dict[str, object]) -> list[str]:
        assert "files" not in manifest
        (folder / "README.md").write_text(f"{report.articles} articles\n", encoding="utf-8")
        return ["README.md"]

    made = build_dataset(newsroom, tmp_path / "out", BuildOptions(annotator="ana"), extras=card)
    assert (tmp_path / "out/README.md").read_text() == "47 articles\n"
    assert made.manifest["files"]["README.md"]["bytes"] == len("47 articles\n")
