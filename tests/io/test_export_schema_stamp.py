"""Exports that write the vocabulary (brat, Label Studio) name the schema it comes from."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from annotator.core.model import Article
from annotator.core.schema import load_schema
from annotator.io.formats import export_to
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
