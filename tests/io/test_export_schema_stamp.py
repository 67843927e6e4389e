"""Exports name the schema their vocabulary comes from, where the format has a place for it.

brat's annotation.conf and Label Studio's config in a comment; the network
export's graph, the hf Parquet file's metadata, each spaCy Doc's user data and
each native JSONL line as data. CSV, doccano, Prodigy and hf JSONL have no
place (README, Exporting).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from annotator.core.model import Article
from annotator.core.schema import load_schema
from annotator.io.formats import export_to
from annotator.io.importer import import_files
from annotator.store.project import Project
from tests.schemas import DEFAULT, KEPT, MIXED, with_stances


def updated(project: Project) -> Project:
    """``project`` with one article and its schema updated once (a stance value added)."""
    project.add_articles([Article("a1", "Kestria must reopen the port.")])
    neutral = '{ id = "neutral", name = "Neutral", key = "n" },\n'
    project.update_schema(load_schema(with_stances(KEPT + neutral + MIXED)), "lead")
    return project


def test_brat_conf_names_the_schema_last(project: Project, tmp_path: Path) -> None:
    updated(project)
    export_to(project, "brat", tmp_path / "brat")
    lines = (tmp_path / "brat" / "annotation.conf").read_text("utf-8").splitlines()
    assert lines[0] == "[entities]"
    assert lines[-2:] == [
        "",
        f"# Claim annotator schema 'default', revision 2, fingerprint {project.schema.fingerprint}",
    ]
    assert "Stance\tArg:Claim, Value:support|oppose|neutral|mixed" in lines


def test_label_studio_config_names_the_schema_first(project: Project, tmp_path: Path) -> None:
    updated(project)
    export_to(project, "label-studio", tmp_path / "tasks.json")
    config = (tmp_path / "tasks.label_config.xml").read_text("utf-8")
    stamp = f"'default', revision 2, fingerprint {project.schema.fingerprint}"
    assert config.startswith(f"<View>\n  <!-- Claim annotator schema {stamp} -->\n  <Labels")
    ET.fromstring(config)  # still well-formed


def test_a_schema_name_with_two_dashes_keeps_the_comment_well_formed(tmp_path: Path) -> None:
    schema = load_schema(DEFAULT.replace('name = "default"', 'name = "news--2025"'))
    with Project.create(tmp_path / "p.claims", schema) as project:
        export_to(project, "label-studio", tmp_path / "tasks.json")
    config = (tmp_path / "tasks.label_config.xml").read_text("utf-8")
    assert "schema 'news- -2025', revision 1" in config
    ET.fromstring(config)


def stamp_of(project: Project) -> dict[str, object]:
    return {"name": "default", "revision": 2, "fingerprint": project.schema.fingerprint}


def test_hf_parquet_metadata_names_the_schema(project: Project, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    updated(project)
    for bio in (False, True):
        target = tmp_path / f"claims-{bio}.parquet"
        export_to(project, "hf", target, bio=bio)
        metadata = pq.read_schema(target).metadata
        assert json.loads(metadata[b"label_schema"]) == stamp_of(project)
        assert (b"huggingface" in metadata) is bio  # the features datasets reads, as before


def test_spacy_docs_name_the_schema_in_their_user_data(project: Project, tmp_path: Path) -> None:
    import spacy
    from spacy.tokens import DocBin

    updated(project)
    export_to(project, "spacy", tmp_path / "claims.spacy")
    [doc] = DocBin().from_disk(tmp_path / "claims.spacy").get_docs(spacy.blank("en").vocab)
    assert (
        doc.user_data["schema"],
        doc.user_data["schema_revision"],
        doc.user_data["schema_fingerprint"],
    ) == ("default", 2, project.schema.fingerprint)


def test_native_jsonl_lines_name_the_schema_and_import_with_or_without_it(
    project: Project, tmp_path: Path
) -> None:
    updated(project)
    export_to(project, "jsonl", tmp_path / "all.jsonl")
    [line] = [json.loads(x) for x in (tmp_path / "all.jsonl").read_text("utf-8").splitlines()]
    assert line["label_schema"] == stamp_of(project)
    assert list(line)[-3:] == ["meta", "label_schema", "annotations"]

    without = {k: v for k, v in line.items() if k != "label_schema"}
    odd = {**without, "id": "a2", "label_schema": "a key of the source's own"}
    (tmp_path / "in.jsonl").write_text(
        "\n".join(json.dumps(x) for x in (line, {**without, "id": "a3"}, odd)) + "\n", "utf-8"
    )
    with Project.create(tmp_path / "other.claims") as other:
        import_files(other, [tmp_path / "in.jsonl"])
        # the stamp is no article data: not kept; another shape under the key is, in meta
        assert other.article("a1").meta == {}  # type: ignore[union-attr]
        assert other.article("a3").meta == {}  # type: ignore[union-attr]
        assert other.article("a2").meta == {"label_schema": "a key of the source's own"}  # type: ignore[union-attr]
