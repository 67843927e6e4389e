"""The ``annotator`` command, driven with click's CliRunner on real project files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator import operations as op
from annotator.cli import cli
from annotator.store.project import Project
from tests.helpers import dump, run

DEFAULT_EDGE_COLUMNS = (
    "source", "target", "source_name", "target_name",
    "claims", "support", "oppose", "neutral", "weight",
)  # fmt: skip
"""The network export's CSV header with the default schema's stances."""


@pytest.fixture
def sample_project(tmp_path: Path, sample_jsonl: Path) -> Path:
    path = tmp_path / "sample.claims"
    run("init", path)
    run("import", path, sample_jsonl)
    return path


def test_init_creates_a_project_and_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "new.claims"
    assert "created" in run("init", path).output
    Project.open(path).close()
    result = run("init", path, ok=False)
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {path} already exists; choose another name or open it"


def test_init_with_a_custom_schema(tmp_path: Path) -> None:
    schema = Path(__file__).parents[1] / "resources" / "schemas" / "default.toml"
    text = schema.read_text(encoding="utf-8").replace('name = "default"', 'name = "mine"')
    custom = tmp_path / "mine.toml"
    custom.write_text(text, encoding="utf-8")
    run("init", tmp_path / "p.claims", "--schema", custom)
    with Project.open(tmp_path / "p.claims") as project:
        assert project.schema.name == "mine"


def test_bad_schema_is_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[fields.stance]\nvalues = []\n", encoding="utf-8")
    result = run("init", tmp_path / "p.claims", "--schema", bad, ok=False)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "bad.toml: field 'stance' needs a non-empty `values` list" in result.stderr
    assert not (tmp_path / "p.claims").exists()


def test_import_then_stats(sample_project: Path) -> None:
    result = run("stats", sample_project, "--json")
    numbers = json.loads(result.stdout)
    assert numbers["articles"] == 8
    assert numbers["stories"] == 3
    assert numbers["annotators"]["ana"]["done"] == 3
    assert numbers["annotators"]["ben"]["in_progress"] == 1
    table = run("stats", sample_project).stdout
    assert "articles: 8 in 3 stories" in table
    assert table.splitlines()[-1].split() == ["ben", "0", "1", "0", "4", "5"]


def test_import_txt_folder_with_story(tmp_path: Path) -> None:
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "one.txt").write_text("Title one\n\nBody of one.\n", encoding="utf-8")
    (folder / "two.txt").write_text("Title two\nBody of two 🇪🇺.\n", encoding="utf-8")
    path = tmp_path / "p.claims"
    run("init", path)
    assert "imported 2 new articles" in run("import", path, folder, "--story", "s1").stdout
    with Project.open(path) as project:
        article = project.article("two")
        assert article is not None
        assert (article.title, article.text, article.story) == (
            "Title two",
            "Body of two 🇪🇺.\n",
            "s1",
        )


def test_import_error_names_file_and_line_and_changes_nothing(
    sample_project: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x1", "text": "fine"}\n{"id": "x2", "text": \n', encoding="utf-8")
    before = dump(sample_project)
    result = run("import", sample_project, bad, ok=False)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {bad}, line 2: not valid JSON")
    assert "Traceback" not in result.output
    assert dump(sample_project) == before


def test_skip_invalid_imports_good_lines_and_reports(sample_project: Path, tmp_path: Path) -> None:
    bad = tmp_path / "mixed.jsonl"
    bad.write_text(
        '{"id": "x1", "text": "fine"}\n[1]\n{"id": "x3", "text": "ok"}\n', encoding="utf-8"
    )
    report = tmp_path / "report.txt"
    result = run("import", sample_project, bad, "--skip-invalid", "--report", report)
    assert "imported 2 new articles; skipped 1 invalid record" in result.stdout
    assert report.read_text(encoding="utf-8") == (
        f"{bad}, line 2: expected a JSON object, got list\n"
    )


def test_export_to_stdout_and_file_are_identical(sample_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    run("export", sample_project, "-o", out)
    stdout = CliRunner().invoke(cli, ["export", str(sample_project)]).stdout_bytes
    assert stdout == out.read_bytes()
    assert not out.with_name("out.jsonl.partial").exists()


def test_export_filters(sample_project: Path) -> None:
    lines = run("export", sample_project, "--annotator", "ben").stdout.splitlines()
    assert len(lines) == 8
    entries = [e for line in lines for e in json.loads(line)["annotations"]]
    assert {e["annotator"] for e in entries} == {"ben"}
    done = run("export", sample_project, "--status", "done").stdout.splitlines()
    assert all({e["status"] for e in json.loads(line)["annotations"]} == {"done"} for line in done)
    assert len(done) == 3
    story = run("export", sample_project, "--story", "river-treaty").stdout.splitlines()
    assert [json.loads(line)["id"] for line in story] == ["river-01", "river-02"]


def test_actors_list_add_alias_merge(sample_project: Path) -> None:
    listing = run("actors", sample_project).stdout
    assert "Irina Volkova [official] (also: Ирина Волкова" in listing
    added = run("actors", sample_project, "add", "Kestrian navy", "--type", "military",
                "--alias", "the navy", "--as", "lead")  # fmt: skip
    assert added.stdout.startswith("added Kestrian navy (")
    run("actors", sample_project, "alias", "kestrian navy", "Kestria's fleet")
    with Project.open(sample_project) as project:
        (navy,) = project.find_actors("Kestrian navy")
        assert navy.aliases == ("the navy", "Kestria's fleet")
    merged = run("actors", sample_project, "merge", "Irina Volkova", "Kestria's fleet").stdout
    assert "merged into Irina Volkova" in merged
    assert "Kestrian navy" in merged
    with Project.open(sample_project) as project:
        assert project.find_actors("Kestrian navy") == project.find_actors("Irina Volkova")


def test_actor_edits_are_logged_under_the_titles_of_the_apps_operations(
    sample_project: Path,
) -> None:
    """Edit › Undo in the app names an edit made with the CLI as it names one made there."""
    run("actors", sample_project, "add", "Kestrian navy", "--type", "military",
        "--alias", "the navy", "--as", "lead")  # fmt: skip
    run("actors", sample_project, "alias", "Kestrian navy", "the fleet", "--as", "lead")
    run("actors", sample_project, "merge", "Irina Volkova", "the fleet", "--as", "lead")

    with Project.open(sample_project, read_only=True) as project:
        logged = [event.label for event in reversed(project.events.history("lead"))]
        (irina,) = project.actors_named("Irina Volkova")
    assert logged == ["Add actor Kestrian navy", "Add alias the fleet", "Merge actors"]
    assert logged == [
        op.AddActor("Kestrian navy", "lead").title(),
        op.AddAlias("x", "the fleet", "lead").title(),
        op.MergeActors(irina.id, "x", "lead").title(),
    ]
    assert irina.aliases[-3:] == ("Kestrian navy", "the navy", "the fleet")


def test_an_alias_that_is_already_a_name_in_another_case_is_not_added_twice(
    sample_project: Path,
) -> None:
    result = run("actors", sample_project, "alias", "observers", "Observers", "the observers",
                 "THE OBSERVERS", "OBSERVERS")  # fmt: skip
    assert result.stdout.splitlines() == [
        "observers: 'Observers' repeats its name 'observers' (names match ignoring case);"
        " not added",
        "observers: 'THE OBSERVERS' repeats its alias 'the observers' (names match ignoring"
        " case); not added",
        "observers: 'OBSERVERS' repeats its name 'observers' (names match ignoring case);"
        " not added",
        "observers: the observers",
    ]
    added = run("actors", sample_project, "add", "Coast guard", "--alias", "coast GUARD",
                "--alias", "the guard")  # fmt: skip
    assert added.stdout.splitlines()[0] == (
        "Coast guard: 'coast GUARD' repeats its name 'Coast guard' (names match ignoring case);"
        " not added"
    )
    with Project.open(sample_project, read_only=True) as project:
        (observers,) = project.find_actors("Observers")
        assert observers.aliases == ("the observers",)
        (guard,) = project.find_actors("coast guard")
        assert guard.aliases == ("the guard",)


def test_an_actor_name_or_alias_taken_by_another_actor_is_refused(sample_project: Path) -> None:
    with Project.open(sample_project, read_only=True) as project:
        (observers,) = project.find_actors("Observers")
    before = dump(sample_project)
    run("actors", sample_project, "alias", "Observers", "Watchers group")
    before = dump(sample_project)
    again = run("actors", sample_project, "add", " observers", ok=False)
    clash = run("actors", sample_project, "add", "WATCHERS GROUP", ok=False)
    alias = run("actors", sample_project, "alias", "Norvania", "watchers group ", ok=False)

    assert (again.exit_code, clash.exit_code, alias.exit_code) == (1, 1, 1)
    assert again.stderr == (
        f"Error: 'observers' is already the name of observers (actor {observers.id})\n"
    )
    assert clash.stderr == (
        f"Error: 'WATCHERS GROUP' is already an alias of observers (actor {observers.id})\n"
    )
    assert alias.stderr == clash.stderr.replace("'WATCHERS GROUP'", "'watchers group'")
    assert dump(sample_project) == before


def test_an_actor_is_found_by_its_exact_alias_among_many_that_start_alike(
    sample_project: Path,
) -> None:
    for i in range(25):
        run("actors", sample_project, "add", f"Harbour {i:02}", "--as", "lead")
    run("actors", sample_project, "add", "Zeta navy", "--alias", "Harbour", "--as", "lead")

    run("actors", sample_project, "alias", "harbour", "the fleet")

    with Project.open(sample_project, read_only=True) as project:
        assert [a.aliases for a in project.actors_named("Zeta navy")] == [("Harbour", "the fleet")]


def test_unknown_actor_is_a_clear_error(sample_project: Path) -> None:
    result = run("actors", sample_project, "alias", "Nobody", "x", ok=False)
    assert result.exit_code == 1
    assert result.stderr == "Error: no actor called 'Nobody'\n"


def test_project_in_use_by_another_process(sample_project: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from annotator.store.project import Project;"
         f"p = Project.open({str(sample_project)!r}, user='ana'); print('open', flush=True);"
         "sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        result = run("actors", sample_project, "add", "X", ok=False)
        assert result.exit_code == 1
        assert "is in use by ana on" in result.stderr
        assert f"(process {holder.pid})" in result.stderr
        assert "Irina Volkova" in run("actors", sample_project).stdout  # read-only still works
    finally:
        holder.communicate("")


def test_entry_point_errors_have_no_traceback(tmp_path: Path) -> None:
    not_a_project = tmp_path / "notes.claims"
    not_a_project.write_text("hello", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "annotator.cli", "stats", str(not_a_project)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: {not_a_project} is not a Claim annotator project (not an SQLite file)\n"
    )
    assert not_a_project.read_text(encoding="utf-8") == "hello"


def test_export_refuses_to_overwrite_the_project(sample_project: Path) -> None:
    before = sample_project.read_bytes()
    result = run("export", sample_project, "-o", sample_project, ok=False)
    assert result.exit_code == 1
    assert (
        result.stderr == f"Error: {sample_project} is the project itself; export to another file\n"
    )
    assert sample_project.read_bytes() == before


def test_a_schema_that_is_not_utf8_is_a_one_line_error(tmp_path: Path) -> None:
    schema = tmp_path / "latin1.toml"
    schema.write_bytes('[schema]\nname = "Catégories"\n'.encode("latin-1"))
    result = run("init", tmp_path / "p.claims", "--schema", schema, ok=False)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: latin1.toml: not valid UTF-8 (byte 0xe9 at offset 20); save it as UTF-8\n"
    )
    assert not (tmp_path / "p.claims").exists()


# -- team workflow: assign, package, merge ------------------------------------------------------


def test_assign_prints_each_annotators_share(sample_project: Path) -> None:
    result = run("assign", sample_project, "--annotators", "ana,ben", "--overlap", "0.25")
    assert result.stdout.splitlines() == [
        "ana      5 articles, 2 shared",
        "ben      5 articles, 2 shared",
        "assigned 8 articles to 2 annotators; 2 labelled by more than one",
    ]
    by_story = run("assign", sample_project, "--annotators", "ana,ben,cy", "--by", "story")
    assert by_story.stdout.splitlines()[-1] == (
        "assigned 8 articles to 3 annotators; 0 labelled by more than one"
    )
    with Project.open(sample_project, read_only=True) as project:
        assert project.assignment_counts() == {"ana": (3, 0), "ben": (3, 0), "cy": (2, 0)}
    alone = run("assign", sample_project, "--annotators", "ana", "--overlap", "0.5", ok=False)
    assert (alone.exit_code, alone.stderr) == (
        1,
        "Error: an overlap needs at least two annotators\n",
    )


def test_package_label_and_merge_back(sample_project: Path, tmp_path: Path) -> None:
    run("assign", sample_project, "--annotators", "ana,ben", "--overlap", "1")
    ana_file = tmp_path / "ana.claims"
    packaged = run("package", sample_project, "--annotator", "ana", "-o", ana_file)
    assert packaged.stdout.startswith("packaged 8 articles, ")
    # An alias given in the project after packaging: ana's file does not have it.
    run("actors", sample_project, "alias", "Norvania", "Velgrad port")
    with Project.open(ana_file) as ana:
        velgrad = ana.add_actor("VELGRAD PORT", "ana", "state")
        ana.add_mention("grain-02", "ana", 0, 3, velgrad.id)
        ana.set_status("grain-02", "ana", "done")

    merged = run("merge", sample_project, ana_file)

    assert merged.stdout.splitlines() == [
        "actor 'VELGRAD PORT' (from ana.claims) matched to 'Norvania'",
        "merged 1 file: labels: 1 added; 1 status changed in 1 article; actors: 1 matched",
    ]
    assert merged.stderr == ""
    before = dump(sample_project)
    again = run("merge", sample_project, ana_file)
    assert again.stdout.splitlines()[-1] == "merged 1 file: actors: 1 matched"
    assert dump(sample_project) == before
    refused = run("package", sample_project, "--annotator", "ana", "-o", ana_file, ok=False)
    assert refused.stderr == f"Error: {ana_file} already exists; choose another name\n"


def _sql(path: Path, *statements: str) -> None:
    import sqlite3

    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def test_merge_refuses_a_package_made_over_to_another_annotator(
    sample_project: Path, tmp_path: Path
) -> None:
    """The audit's reproduction: record, labels and assignments all changed to ben."""
    run("assign", sample_project, "--annotators", "ana,ben", "--overlap", "1")
    ana_file = tmp_path / "ana.claims"
    run("package", sample_project, "--annotator", "ana", "-o", ana_file)
    with Project.open(ana_file) as ana:
        for start in (0, 10):
            ana.add_mention("grain-02", "ana", start, start + 3, None)
        ana.add_claim("grain-02", "ana", 0, 20, stance="neutral")
        ana.set_status("grain-02", "ana", "done")
    _sql(
        ana_file,
        "UPDATE meta SET value = json_set(value, '$.annotator', 'ben') WHERE key = 'package'",
        *(
            f"UPDATE {table} SET annotator = 'ben'"
            for table in ("claims", "mentions", "statuses", "events", "assignments")
        ),
    )
    before = dump(sample_project)

    result = run("merge", sample_project, ana_file, ok=False)

    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: {ana_file}: names 'ben' as its annotator, but sample.claims made this package"
        " for 'ana'; nothing was merged\n"
    )
    assert dump(sample_project) == before


def test_merge_takes_a_package_made_before_packages_were_recorded_only_when_told(
    sample_project: Path, tmp_path: Path
) -> None:
    ana_file = tmp_path / "ana.claims"
    run("package", sample_project, "--annotator", "ana", "-o", ana_file)
    _sql(sample_project, "DELETE FROM issued_packages")  # as if made by version 5
    with Project.open(ana_file) as ana:
        ana.set_status("grain-02", "ana", "done")
    before = dump(sample_project)

    refused = run("merge", sample_project, ana_file, ok=False)
    assert dump(sample_project) == before
    accepted = run("merge", sample_project, ana_file, "--accept-unrecorded")

    assert refused.exit_code == 1 and refused.stderr.count("\n") == 1
    assert refused.stderr.startswith(
        f"Error: {ana_file}: sample.claims has no record of making this package (for 'ana', id "
    )
    assert refused.stderr.endswith(
        "); a package made before projects recorded them (file version 6) merges with"
        " `annotator merge --accept-unrecorded`; nothing was merged\n"
    )
    assert accepted.stdout == (
        "merged 1 file: 1 status changed in 1 article; not recorded as made by this project,"
        " taken as the package their own record names: ana.claims (ana)\n"
    )
    assert run("merge", sample_project, ana_file).stdout == "merged 1 file: nothing new\n"


def test_merge_prints_conflicts_on_stderr(sample_project: Path, tmp_path: Path) -> None:
    ana_file = tmp_path / "ana.claims"
    run("package", sample_project, "--annotator", "ana", "-o", ana_file)
    with Project.open(ana_file) as ana:
        claim = ana.labels("harbour-01", "ana").claims[0]
        ana.update_claim(claim.id, note="from the laptop")
    with Project.open(sample_project) as project:
        project.update_claim(claim.id, note="from the lead")

    result = run("merge", sample_project, ana_file)

    assert result.stderr.startswith("conflict: ana.claims: claim ")
    assert result.stderr.endswith(
        "(note 'from the laptop' in ana.claims, 'from the lead' here);"
        " the project's version is kept\n"
    )
    assert result.stdout == "merged 1 file: 1 conflict (the project's version kept)\n"


def test_merge_refuses_a_package_of_another_project(sample_project: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.claims"
    run("init", other)
    run("package", other, "--annotator", "ana", "-o", tmp_path / "ana.claims")
    before = dump(sample_project)

    result = run("merge", sample_project, tmp_path / "ana.claims", ok=False)

    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "ana.claims: belongs to another project (project id " in result.stderr
    assert result.stderr.endswith("); nothing was merged\n")
    assert dump(sample_project) == before


def test_export_csv_and_network_formats(sample_project: Path, tmp_path: Path) -> None:
    import csv

    import networkx as nx

    from annotator.io.export_csv import COLUMNS

    claims = tmp_path / "out.csv"
    result = run("export", sample_project, "--format", "csv", "-o", claims)
    assert "exported" in result.stderr
    with open(claims, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and list(rows[0])[: len(COLUMNS)] == list(COLUMNS)
    with Project.open(sample_project, read_only=True) as opened:
        assert len(rows) == len(opened.claim_ids(None, None, None))
    graph_path = tmp_path / "net.graphml"
    run("export", sample_project, "--format", "network", "-o", graph_path, "--annotator", "ana")
    graph = nx.read_graphml(graph_path)
    assert graph.is_directed() and graph.number_of_edges() > 0
    for _, _, data in graph.edges(data=True):
        assert data["weight"] == data["support"] - data["oppose"]
    edge_list = tmp_path / "net.csv"
    run("export", sample_project, "--format", "network", "-o", edge_list, "--annotator", "ana")
    with open(edge_list, encoding="utf-8", newline="") as f:
        edge_rows = list(csv.reader(f))
    assert edge_rows[0] == list(DEFAULT_EDGE_COLUMNS)
    assert len(edge_rows) - 1 == graph.number_of_edges()
    result = run("export", sample_project, "--format", "csv", ok=False)
    assert result.exit_code == 1


def test_export_brat_folder(sample_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "brat"
    result = run("export", sample_project, "--format", "brat", "--annotator", "ben", "-o", out)
    assert result.stderr == f"exported 8 articles to {out}\n"
    assert (out / "annotation.conf").read_text("utf-8").startswith("[entities]\n")
    texts = sorted(p.stem for p in out.glob("*.txt"))
    assert len(texts) == 8 and texts == sorted(p.stem for p in out.glob("*.ann"))
    for stem in texts:
        text = (out / f"{stem}.txt").read_bytes().decode("utf-8")
        for line in (out / f"{stem}.ann").read_text("utf-8").splitlines():
            if line.startswith("T"):
                _, kind_offsets, covered = line.split("\t")
                pieces = [p.split() for p in kind_offsets.split(" ", 1)[1].split(";")]
                assert covered == " ".join(text[int(s) : int(e)] for s, e in pieces)


def test_export_doccano_jsonl(sample_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.jsonl"
    run("export", sample_project, "--format", "doccano", "--annotator", "ben", "-o", out)
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(lines) == 8
    assert {line["annotator"] for line in lines} <= {"ben", None}
    assert any(line["entities"] for line in lines)
    for line in lines:
        assert set(line) == {"id", "text", "annotator", "entities", "relations", "claims"}
        for ent in line["entities"]:
            assert 0 <= ent["start_offset"] < ent["end_offset"] <= len(line["text"])
    # the sample has emoji before labels: UTF-16 and code point offsets differ there
    cp = tmp_path / "cp.jsonl"
    run(
        "export",
        sample_project,
        "--format",
        "doccano",
        "--annotator",
        "ben",
        "-o",
        cp,
        "--offsets",
        "codepoints",
    )
    cp_lines = [json.loads(line) for line in cp.read_text("utf-8").splitlines()]
    differ = 0
    for units, points in zip(lines, cp_lines, strict=True):
        text = units["text"].encode("utf-16-le")
        for a, b in zip(units["entities"], points["entities"], strict=True):
            in_units = text[2 * a["start_offset"] : 2 * a["end_offset"]].decode("utf-16-le")
            assert in_units == points["text"][b["start_offset"] : b["end_offset"]]
            differ += a["start_offset"] != b["start_offset"]
    assert differ > 0
    wrong = run(
        "export", sample_project, "--format", "csv", "-o", cp, "--offsets", "utf16", ok=False
    )
    assert "--offsets goes with --format doccano" in wrong.stderr


def test_import_doccano_with_a_map(tmp_path: Path) -> None:
    path = tmp_path / "d.claims"
    run("init", path)
    lines = tmp_path / "d.jsonl"
    lines.write_text(
        '{"id": "d1", "text": "Die Ministerin sagte, der Hafen 🙂 öffnet.",'
        ' "label": [[4, 14, "PER"], [22, 41, "Claim"]]}\n',
        encoding="utf-8",
    )
    before = dump(path)
    result = run("import", path, lines, "--format", "doccano", ok=False)
    assert result.stderr.startswith(f"Error: {lines}, line 1: unknown label 'PER'")
    assert dump(path) == before
    mapping = tmp_path / "map.toml"
    mapping.write_text('[labels]\nPER = "mention"\nClaim = "claim"\n', encoding="utf-8")
    result = run(
        "import", path, lines, "--format", "doccano", "--map", mapping, "--annotator", "li"
    )
    assert "imported 1 new article (1 annotation entries)" in result.stdout
    with Project.open(path, read_only=True) as project:
        labels = project.labels("d1", "li")
        text = project.article("d1").text  # type: ignore[union-attr]
        assert [text[m.start : m.end] for m in labels.mentions] == ["Ministerin"]
        assert [text[c.start : c.end] for c in labels.claims] == ["der Hafen 🙂 öffnet"]
    wrong = run("import", path, lines, "--map", mapping, ok=False)
    assert "--map and --annotator are for --format doccano" in wrong.stderr
    # the same line counted in code points (the emoji one, not two)
    lines.write_text(
        lines.read_text(encoding="utf-8").replace('"d1"', '"d2"').replace("41", "40"), "utf-8"
    )
    run("import", path, lines, "--format", "doccano", "--map", mapping, "--offsets", "codepoints")
    with Project.open(path, read_only=True) as project:
        labels = project.labels("d2", "doccano")
        text = project.article("d2").text  # type: ignore[union-attr]
        assert [text[c.start : c.end] for c in labels.claims] == ["der Hafen 🙂 öffnet"]
    wrong = run("import", path, lines, "--format", "csv", "--offsets", "utf16", ok=False)
    assert "--offsets goes with --format doccano" in wrong.stderr


def test_import_doccano_warns_of_claim_fields_that_match_no_claim(tmp_path: Path) -> None:
    path = tmp_path / "d.claims"
    run("init", path)
    lines = tmp_path / "d.jsonl"
    lines.write_text(
        '{"id": "d1", "text": "The mayor said it.", "label": [[0, 14, "Claim"]],'
        ' "claims": [{"start_offset": 0, "end_offset": 9, "label": "Claim", "stance": "oppose"}]}\n',
        encoding="utf-8",
    )
    result = run("import", path, lines, "--format", "doccano")
    assert result.stderr == (
        f"warning: {lines}, line 1: claims entry 1 (start_offset 0, end_offset 9, label"
        " 'Claim') matches no claim entity; its fields are not imported\n"
    )
    assert "imported 1 new article (1 annotation entries); 1 warning" in result.stdout
    with Project.open(path, read_only=True) as project:
        assert [c.stance for c in project.labels("d1", "doccano").claims] == [None]


def test_import_label_studio_round_trip(sample_project: Path, tmp_path: Path) -> None:
    tasks = tmp_path / "tasks.json"
    run("export", sample_project, "--format", "label-studio", "--annotator", "ben", "-o", tasks)
    path = tmp_path / "ls.claims"
    run("init", path)
    result = run("import", path, tasks, "--format", "label-studio", "--annotator", "ben")
    assert "imported" in result.stdout
    with (
        Project.open(sample_project, read_only=True) as old,
        Project.open(path, read_only=True) as new,
    ):
        for task in json.loads(tasks.read_text("utf-8")):
            article_id = task["data"]["id"]
            assert new.article(article_id).text == old.article(article_id).text  # type: ignore[union-attr]
            if task["annotations"]:
                want = old.labels(article_id, "ben")
                got = new.labels(article_id, "ben")
                assert got.claims and sorted((c.start, c.end, c.stance) for c in got.claims) == (
                    sorted((c.start, c.end, c.stance) for c in want.claims)
                )
    bad = tmp_path / "bad.json"
    bad.write_text(
        '[{"data": {"text": "x y"}, "annotations": [{"result": [{"id": "r",'
        ' "type": "labels", "value": {"start": 0, "end": 1, "labels": ["Nope"]}}]}]}]',
        encoding="utf-8",
    )
    before = dump(path)
    wrong = run("import", path, bad, "--format", "label-studio", ok=False)
    assert wrong.stderr.startswith(f"Error: {bad}: task 1: unknown label 'Nope'")
    assert dump(path) == before


def test_format_options_for_spacy_and_hf(
    sample_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")  # nothing is fetched or cached at home
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    import datasets
    import spacy
    from spacy.tokens import DocBin

    docbin = tmp_path / "ana.spacy"
    run("export", sample_project, "--format", "spacy", "--annotator", "ana",
        "--alignment-mode", "strict", "-o", docbin)  # fmt: skip
    docs = list(DocBin().from_disk(docbin).get_docs(spacy.blank("en").vocab))
    assert len(docs) == 8
    rows = tmp_path / "ana.jsonl"
    run("export", sample_project, "--format", "hf", "--annotator", "ana", "--bio", "-o", rows)
    loaded = datasets.load_dataset(
        "json", data_files=str(rows), split="train", cache_dir=str(tmp_path / "cache")
    )
    assert "ner_tags" in loaded.column_names and len(loaded) == 8
    refused = run(
        "export", sample_project, "--format", "csv", "--bio", "-o", tmp_path / "x.csv", ok=False
    )
    assert refused.stderr == "Error: --bio goes with --format hf\n"
