"""``annotator schema``: show a project's schema, update it, refuse what would orphan labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.model import Article
from annotator.store.backup import list_backups
from annotator.store.project import Project
from tests.helpers import dump, run
from tests.schemas import KEPT, MIXED, with_stances, write

TEXT = "Kestria must reopen the port, said Velgrad."
NONE = '{ id = "none", name = "None", key = "n" },'


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    """A project with one neutral claim of ana's."""
    path = tmp_path / "p.claims"
    with Project.create(path) as project:
        project.add_articles([Article("a1", TEXT)])
        project.add_claim("a1", "ana", 0, 19, stance="neutral")
    return path


def claim_of(path: Path) -> tuple[str, str | None]:
    with Project.open(path, read_only=True) as project:
        [claim] = project.labels("a1", "ana").claims
        return claim.id, claim.stance


def test_schema_prints_fields_values_keys_and_fingerprint(project_file: Path) -> None:
    with Project.open(project_file, read_only=True) as project:
        fingerprint = project.schema.fingerprint
    lines = run("schema", project_file).output.splitlines()
    assert lines[0] == f"schema 'default', revision 1, fingerprint {fingerprint}"
    stance = lines.index("stance (Stance)")
    assert lines[stance + 1].startswith("  Stance of the claimant toward the target. SemEval-2016")
    assert lines[stance + 3 : stance + 6] == [
        "  s  support  Support (weight +1)",
        "  o  oppose   Oppose (weight -1)",
        "  n  neutral  Neutral",
    ]
    assert "actor_type (Actor type)" in lines and "updates:" not in lines


def test_update_applies_logs_backs_up_and_shows_in_the_listing(
    project_file: Path, tmp_path: Path
) -> None:
    new = write(
        tmp_path,
        with_stances(KEPT + '{ id = "none", key = "n", renamed_from = "neutral" },\n' + MIXED),
    )
    before = dump(project_file)

    result = run("schema", project_file, "--update", new, "--as", "lead")

    assert result.output.splitlines()[:3] == [
        "changes from revision 1 to 2:",
        "  stance: added 'mixed' (Mixed, key x)",
        "  stance: renamed 'neutral' to 'none' (1 label)",
    ]
    with Project.open(project_file, read_only=True) as project:
        assert project.schema.revision == 2
        fingerprint, project_id = project.schema.fingerprint, project.project_id
    [backup] = list_backups(project_id)
    assert result.output.splitlines()[3:] == [
        f"updated the schema of p.claims to revision 2 (fingerprint {fingerprint});"
        " 1 label value rewritten",
        f"the project as it was is backed up in {backup.path}",
    ]
    assert dump(backup.path) == before
    assert claim_of(project_file)[1] == "none"
    listing = run("schema", project_file).output.splitlines()
    assert listing[0] == f"schema 'default', revision 2, fingerprint {fingerprint}"
    updates = listing.index("updates:")
    assert listing[updates + 1].startswith("  revision 2, ")
    assert listing[updates + 1].endswith(
        f" by lead (fingerprint {fingerprint}; 1 label values rewritten)"
    )
    assert listing[updates + 2 :] == [
        "    stance: added 'mixed' (Mixed, key x)",
        "    stance: renamed 'neutral' to 'none' (1 label)",
    ]


def test_removing_a_value_labels_hold_is_refused_with_the_labels(
    project_file: Path, tmp_path: Path
) -> None:
    new = write(tmp_path, with_stances(KEPT + NONE))
    claim_id, _ = claim_of(project_file)
    before = dump(project_file)

    result = run("schema", project_file, "--update", new, ok=False)

    assert result.exit_code == 1
    assert "  stance: removed 'neutral' (1 label)" in result.stdout
    assert result.stderr == (
        "Error: the schema was not changed: stance 'neutral' is removed, but it is held by"
        f" 1 label (article a1, ana, claim {claim_id} 'Kestria must reopen'). Map them to a"
        " value of the new schema (--map stance:neutral=VALUE, or stance:neutral= to leave"
        " them without one), or keep the value.\n"
    )
    assert dump(project_file) == before


def test_a_mapping_says_where_the_labels_go(project_file: Path, tmp_path: Path) -> None:
    new = write(tmp_path, with_stances(KEPT + NONE))
    run("schema", project_file, "--update", new, "--map", "stance:neutral=oppose")
    assert claim_of(project_file)[1] == "oppose"


def test_a_dry_run_changes_nothing(project_file: Path, tmp_path: Path) -> None:
    new = write(tmp_path, with_stances(KEPT + NONE))
    before = dump(project_file)
    result = run("schema", project_file, "--update", new, "--map", "stance:neutral=", "--dry-run")
    assert result.output.splitlines() == [
        "changes from revision 1 to 2:",
        "  stance: added 'none' (None, key n)",
        "  stance: 'neutral' removed, its labels left without a value (1 label)",
        "dry run: nothing changed",
    ]
    assert dump(project_file) == before


def test_the_same_schema_again_changes_nothing(project_file: Path, tmp_path: Path) -> None:
    with Project.open(project_file, read_only=True) as project:
        same = write(tmp_path, project.schema.source)
    before = dump(project_file)
    result = run("schema", project_file, "--update", same)
    assert result.output == "p.claims has this schema already; nothing changed\n"
    assert dump(project_file) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--map", "stance:neutral=none"], "--map and --dry-run go with --update NEW.toml"),
        (["--update", "NEW", "--map", "stance=none"], "'stance=none' is not a mapping"),
        (["--update", "NEW", "--map", "stance:neutral=maybe"], "no value 'maybe' in stance"),
        (["--update", "BAD"], "bad.toml: field 'stance' needs a non-empty `values` list"),
    ],
)
def test_bad_options_and_files_are_named(
    project_file: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    new = write(tmp_path, with_stances(KEPT + NONE))
    bad = write(tmp_path, "[fields.stance]\nvalues = []\n", "bad.toml")
    args = [str(new) if a == "NEW" else str(bad) if a == "BAD" else a for a in args]
    before = dump(project_file)
    result = run("schema", project_file, *args, ok=False)
    assert result.exit_code == 1
    assert message in result.stderr
    assert dump(project_file) == before


def test_a_renamed_stance_keeps_its_weight_and_the_listing_shows_it(
    project_file: Path, tmp_path: Path
) -> None:
    against = '{ id = "against", name = "Against", key = "o", renamed_from = "oppose" },\n'
    neutral = '{ id = "neutral", name = "Neutral", key = "n" },'
    new = write(tmp_path, with_stances(KEPT.splitlines()[0] + "\n" + against + neutral))

    result = run("schema", project_file, "--update", new, "--as", "lead")

    assert (
        "  stance: 'against' keeps the network weight -1, that of 'oppose'"
        " (written into the schema)"
    ) in result.output.splitlines()
    assert "note:" not in result.output
    lines = run("schema", project_file).output.splitlines()
    assert "  o  against  Against (weight -1)" in lines
