"""A Label Studio labelling config proposes the label map (annotator import --config)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from annotator.core.errors import InputError
from annotator.core.schema import default_schema
from annotator.io.export import ExportFilter
from annotator.io.formats import export_to
from annotator.io.label_map import default_label_map, load_label_map
from annotator.io.label_studio_config import propose_label_map
from annotator.store.project import Project
from tests.helpers import run
from tests.io.standoff_project import EMOJI, build, cut, spans

NER = """<View>
  <Header value="Claims and who makes them"/>
  <Text name="text" value="$text"/>
  <Labels name="label" toName="text">
    <Label value="Claim" background="red"/>
    <Label value="PER"/>
    <Label value="Organisation"/>
    <Label value="Speech verb" alias="Cue"/>
    <Label value="Misc"/>
  </Labels>
  <Relations>
    <Relation value="said_by"/>
    <Relation value="has-cue"/>
    <Relation value="contradicts"/>
  </Relations>
  <View visibleWhen="region-selected">
    <Choices name="stance" toName="text" perRegion="true">
      <Choice value="support"/><Choice value="oppose"/><Choice value="Agree"/>
    </Choices>
    <Choices name="category" toName="text"><Choice value="demand"/></Choices>
    <Choices name="sentiment" toName="text" perRegion="true"><Choice value="pos"/></Choices>
    <TextArea name="note" toName="text" perRegion="true"/>
    <TextArea name="summary" toName="text"/>
  </View>
  <Rating name="quality" toName="text"/>
</View>
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, "utf-8")
    return path


def test_an_ner_config_with_relations_and_choices_per_region(tmp_path: Path) -> None:
    proposed = propose_label_map(write(tmp_path / "c.xml", NER), default_schema())
    assert proposed.labels == {"Claim": "claim", "PER": "mention", "Organisation": "mention",
                               "Cue": "cue"}  # fmt: skip
    assert proposed.relations == {"said_by": "source", "has-cue": "cue"}
    assert proposed.unmapped_labels == ["Misc"]
    assert proposed.unmapped_relations == ["contradicts"]
    problems = "\n".join(proposed.problems())
    for words in ("'Misc'", "'contradicts'", "'Agree' is no stance", "name='category'",
                  "name='sentiment'", "name='summary'", "name='quality'"):  # fmt: skip
        assert words in problems, words
    assert "name='stance'>: only" not in problems and "name='note'" not in problems
    # the TOML reads back as the same map; unmapped names are comments to fill in
    written = write(tmp_path / "map.toml", proposed.toml("c.xml"))
    assert '# Misc = "?"' in written.read_text("utf-8")
    loaded = load_label_map(written, default_schema())
    mapping = proposed.label_map(default_schema())
    assert (loaded.labels, loaded.relations) == (mapping.labels, mapping.relations)


def test_a_config_without_relations_keeps_the_default_relations(tmp_path: Path) -> None:
    config = """<View><Text name="t" value="$text"/><ParagraphLabels name="p" toName="t">
      <Label value="Claim"/></ParagraphLabels><Labels name="l" toName="t">
      <Label value="Quote"/><Label value="Source"/></Labels></View>"""
    proposed = propose_label_map(write(tmp_path / "c.xml", config), default_schema())
    assert proposed.labels == {"Quote": "claim", "Source": "source"}
    assert proposed.relations is None
    relations = proposed.label_map(default_schema()).relations
    assert relations == default_label_map(default_schema()).relations
    assert "no start and end" in proposed.problems()[0]


def test_our_own_exported_config_maps_everything(project: Project, tmp_path: Path) -> None:
    build(project)
    out = tmp_path / "tasks.json"
    export_to(project, "label-studio", out, ExportFilter(annotator="ana"))
    config = tmp_path / "tasks.label_config.xml"
    proposed = propose_label_map(config, project.schema)
    assert proposed.problems() == []
    default = default_label_map(project.schema)
    assert all(default.labels[k] == v for k, v in proposed.labels.items())
    assert proposed.relations == {"Source": "source", "Cue": "cue", "Segment": "segment"}
    fresh = tmp_path / "fresh.claims"
    run("init", fresh)
    result = run("import", fresh, out, "--format", "label-studio", "--config", config,
                 "--annotator", "ana")  # fmt: skip
    assert "cannot be mapped" not in result.output
    with Project.open(fresh) as opened:
        for article_id in ("e1", "r1", "n1"):
            assert spans(opened, article_id, "ana") == spans(project, article_id, "ana")


def task(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"data": {"text": EMOJI, "id": "a1"}, "annotations": [{"result": results}]}]


def region(key: str, part: str, label: str) -> dict[str, Any]:
    span = cut(EMOJI, part)
    value = {"start": span.start, "end": span.end, "text": part, "labels": [label]}
    return {"id": key, "from_name": "label", "to_name": "text", "type": "labels", "value": value}


def test_the_cli_proposes_writes_and_imports_with_the_map(tmp_path: Path) -> None:
    project = tmp_path / "p.claims"
    run("init", project)
    config = write(tmp_path / "labeling-config.xml", NER)
    only = run("import", project, "--format", "label-studio", "--config", config)
    assert only.stdout.startswith("# Label map proposed") and 'said_by = "source"' in only.stdout
    assert "cannot be mapped" in only.stderr and "'Misc'" in only.stderr
    map_file = tmp_path / "map.toml"
    run("import", project, "--format", "label-studio", "--config", config, "--write-map", map_file)
    assert 'PER = "mention"' in map_file.read_text("utf-8")
    results = [
        region("c", "Kestria must reopen the harbour", "Claim"),
        region("v", "Velgrad", "PER"),
        region("s", "said", "Cue"),
        {"from_id": "v", "to_id": "c", "type": "relation", "labels": ["said_by"]},
        {"from_id": "s", "to_id": "c", "type": "relation", "labels": ["has-cue"]},
        {"id": "c", "from_name": "stance", "to_name": "text", "type": "choices",
         "value": {"choices": ["oppose"]}},
    ]  # fmt: skip
    tasks = write(tmp_path / "tasks.json", json.dumps(task(results)))
    imported = run("import", project, tasks, "--format", "label-studio", "--config", config)
    assert "imported 1 new article" in imported.stdout
    with Project.open(project) as opened:
        (claim,) = opened.labels("a1", "label-studio").claims
        assert claim.stance == "oppose"
        assert claim.attribution.cue == cut(EMOJI, "said")
        assert claim.attribution.source_text == "Velgrad"
    # a label the config could not map stops the task, naming it
    misc = write(tmp_path / "misc.json", json.dumps(task([region("m", "Friday", "Misc")])))
    refused = run("import", project, misc, "--format", "label-studio", "--config", config, ok=False)
    assert refused.exit_code == 1 and "task 1" in refused.stderr and "'Misc'" in refused.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--config", "c.xml", "--map", "m.toml"], "give --map or --config, not both"),
        (["--write-map", "m.toml"], "give --config"),
    ],
)
def test_cli_refuses_wrong_combinations(tmp_path: Path, args: list[str], message: str) -> None:
    project = tmp_path / "p.claims"
    run("init", project)
    result = run("import", project, "--format", "label-studio", *args, ok=False)
    assert result.exit_code == 1 and message in result.stderr
    result = run("import", project, "x.jsonl", "--config", "c.xml", ok=False)
    assert "go with --format label-studio" in result.stderr


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            '<?xml version="1.0"?><!DOCTYPE v [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
            "<View>&b;</View>",
            "declares a document type or entities",
        ),
        ("<View><Labels name='l' toName='t'>", "not valid XML"),
        ("<View><Text name='t' value='$text'/></View>", "no <Labels>"),
        ("<View>" + " " * 2**20 + "</View>", "no labelling config"),
    ],
)
def test_bad_configs_are_refused(tmp_path: Path, config: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        propose_label_map(write(tmp_path / "c.xml", config), default_schema())
