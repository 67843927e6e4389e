"""Updating a project's schema: labels rewritten, refusals that list labels, backup, history."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import BackupError, ProjectError, ValidationError
from annotator.core.model import GOLD, Article
from annotator.core.schema import default_schema, load_schema
from annotator.core.schema_diff import Mapping
from annotator.store.backup import backups_root, list_backups
from annotator.store.database import create_file
from annotator.store.migrations import MIGRATIONS
from annotator.store.project import Project
from annotator.store.schema_changes import BACKUP_REASON, current_revision
from tests.helpers import dump
from tests.schemas import DEFAULT, KEPT, MIXED, TOPIC, with_stances

TEXT = "Kestria must reopen the port, said Velgrad. Observers agreed with the demand."
RENAMED = with_stances(
    KEPT + '{ id = "none", name = "None", key = "n", renamed_from = "neutral" },\n' + MIXED
)
"""neutral renamed to none, and a new value mixed."""
WITHOUT_NEUTRAL = with_stances(KEPT + '{ id = "none", name = "None", key = "n" },')
"""neutral removed, and a new value none (nothing says where neutral's labels go)."""


@pytest.fixture
def filled(project: Project) -> Project:
    """Two articles with claims of ana, bo and gold; two actors."""
    project.add_articles([Article("a1", TEXT), Article("a2", TEXT)])
    kes = project.add_actor("Kestria", "ana", "state")
    project.add_actor("The Union", "ana", "civil_society")
    project.add_claim("a1", "ana", 0, 28, claimant=kes.id, stance="neutral")
    project.add_claim("a1", "bo", 0, 28, stance="neutral", category="demand")
    project.add_claim("a2", GOLD, 44, 76, stance="neutral")
    project.add_claim("a2", "ana", 44, 76, stance="support")
    return project


def stances(project: Project) -> list[tuple[str, str, str | None]]:
    rows = project.conn.execute(
        "SELECT article_id, annotator, stance FROM claims ORDER BY article_id, annotator"
    )
    return [tuple(r) for r in rows]


def test_a_rename_rewrites_every_annotators_labels_and_is_recorded(filled: Project) -> None:
    old = filled.schema
    change = filled.update_schema(load_schema(RENAMED, "new.toml"), "lead")

    assert change is not None
    assert stances(filled) == [
        ("a1", "ana", "none"), ("a1", "bo", "none"), ("a2", "ana", "support"), ("a2", GOLD, "none"),
    ]  # fmt: skip
    assert (filled.schema.revision, filled.schema.source) == (2, RENAMED)
    assert filled.schema.fingerprint != old.fingerprint
    assert (change.revision, change.changed_by, change.labels) == (2, "lead", 3)
    assert (change.fingerprint, change.previous_fingerprint) == (
        filled.schema.fingerprint,
        old.fingerprint,
    )
    assert change.changes == (
        "stance: added 'mixed' (Mixed, key x)",
        "stance: renamed 'neutral' to 'none' (3 labels)",
    )
    assert filled.schema_history() == [change]
    filled.close()
    with Project.open(filled.path, read_only=True) as again:
        assert again.schema.revision == 2 and again.schema.source == RENAMED
        assert again.schema_history() == [change]
        assert again.schema.allows("stance", "mixed")


def test_the_project_is_backed_up_before(filled: Project) -> None:
    before = dump(filled.path)
    change = filled.update_schema(load_schema(RENAMED), "lead")

    [backup] = list_backups(filled.project_id)
    assert backup.reason == BACKUP_REASON and change is not None
    assert change.backup == str(backup.path)
    assert dump(backup.path) == before
    with Project.open(backup.path, read_only=True) as copy:
        assert copy.schema.source == DEFAULT and copy.schema.revision == 1


def test_removing_a_value_labels_hold_is_refused_listing_them(filled: Project) -> None:
    before = dump(filled.path)
    claim = filled.labels("a1", "ana").claims[0]

    update = filled.check_schema_update(load_schema(WITHOUT_NEUTRAL))
    assert not update.allowed
    [blocked] = update.blocked
    assert (blocked.field, blocked.value, blocked.count) == ("stance", "neutral", 3)
    with pytest.raises(ValidationError) as refused:
        filled.update_schema(load_schema(WITHOUT_NEUTRAL), "lead")

    message = str(refused.value)
    assert message.startswith("the schema was not changed: stance 'neutral' is removed, but it")
    assert f"3 labels (article a1, ana, claim {claim.id} 'Kestria must reopen the port'" in message
    assert "article a1, bo, claim" in message and "article a2, gold, claim" in message
    assert "--map stance:neutral=VALUE" in message
    assert dump(filled.path) == before
    assert list_backups(filled.project_id) == []
    assert filled.schema.revision == 1


def test_a_refusal_names_ten_labels_and_counts_the_rest(project: Project) -> None:
    project.add_articles([Article("a1", TEXT)])
    for start in range(12):
        project.add_claim("a1", "ana", start, start + 5, stance="neutral")

    with pytest.raises(ValidationError) as refused:
        project.update_schema(load_schema(WITHOUT_NEUTRAL), "lead")

    message = str(refused.value)
    assert message.count("article a1, ana, claim") == 10
    assert "12 labels (" in message and "; and 2 more)" in message


def test_a_mapping_rewrites_the_labels_of_a_removed_value(filled: Project) -> None:
    new = load_schema(WITHOUT_NEUTRAL)
    filled.update_schema(new, "lead", [Mapping.parse("stance:neutral=none")])
    assert {s for _, _, s in stances(filled)} == {"none", "support"}


def test_a_mapping_to_nothing_leaves_the_labels_without_a_value(filled: Project) -> None:
    new = load_schema(WITHOUT_NEUTRAL)
    change = filled.update_schema(new, "lead", [Mapping.parse("stance:neutral=")])
    assert change is not None and change.labels == 3
    assert stances(filled) == [
        ("a1", "ana", None), ("a1", "bo", None), ("a2", "ana", "support"), ("a2", GOLD, None),
    ]  # fmt: skip


def test_removing_a_value_no_label_holds_needs_no_mapping(filled: Project) -> None:
    new = load_schema(
        DEFAULT.replace('{ id = "hedged", name = "Hedged", key = "h", color = "#E69F00" },', "")
    )
    change = filled.update_schema(new, "lead")
    assert change is not None and change.labels == 0
    assert change.changes == ("certainty: removed 'hedged' (0 labels)",)
    assert not filled.schema.allows("certainty", "hedged")


def test_actor_types_are_rewritten_and_refused_by_actor(filled: Project) -> None:
    kestria = filled.find_actors("Kestria")[0]
    gone = load_schema(
        DEFAULT.replace('{ id = "state", name = "State", key = "s", color = "#0072B2" },', "")
    )
    with pytest.raises(ValidationError, match=f"1 label \\(actor Kestria \\({kestria.id}\\)\\)"):
        filled.update_schema(gone, "lead")
    renamed = load_schema(
        DEFAULT.replace(
            '{ id = "state", name = "State",',
            '{ id = "country", renamed_from = "state", name = "Country",',
        )
    )
    filled.update_schema(renamed, "lead")
    updated = filled.actor(kestria.id)
    assert updated is not None and updated.type == "country"


def test_extra_fields_are_rewritten_and_a_removed_field_leaves_the_claims(
    project: Project, tmp_path: Path
) -> None:
    path = tmp_path / "topics.claims"
    with Project.create(path, load_schema(DEFAULT + TOPIC)) as topics:
        topics.add_articles([Article("a1", TEXT)])
        trade = topics.add_claim("a1", "ana", 0, 5, extra={"topic": "trade"})
        war = topics.add_claim("a1", "ana", 6, 10, extra={"topic": "war"})
        renamed = TOPIC.replace('{ id = "trade",', '{ id = "commerce", renamed_from = "trade",')
        topics.update_schema(load_schema(DEFAULT + renamed), "lead")
        assert topics.claim(trade.id).extra == {"topic": "commerce"}  # type: ignore[union-attr]
        with pytest.raises(
            ValidationError, match="topic 'commerce' is removed, but it is held by 1"
        ):
            topics.update_schema(default_schema(), "lead", [Mapping.parse("topic:war=")])
        topics.update_schema(
            default_schema(),
            "lead",
            [Mapping.parse("topic:war="), Mapping.parse("topic:commerce=")],
        )
        for claim_id in (trade.id, war.id):
            assert topics.claim(claim_id).extra == {}  # type: ignore[union-attr]
        assert topics.conn.execute(
            "SELECT count(*) FROM claims WHERE extra IS NOT NULL"
        ).fetchone() == (0,)
        topics.update_claim(trade.id, stance="oppose")  # the claim validates against the schema


def test_undo_after_an_update_brings_back_values_of_the_new_schema(project: Project) -> None:
    project.add_articles([Article("a1", TEXT)])
    claim = project.add_claim("a1", "ana", 0, 28, stance="neutral")
    project.update_claim(claim.id, stance="oppose")
    project.update_claim(claim.id, stance="support")
    without_oppose = with_stances(
        '{ id = "support", key = "s" },\n{ id = "none", key = "n", renamed_from = "neutral" },'
    )

    project.update_schema(load_schema(without_oppose), "lead")  # oppose: held by no label now

    project.undo("ana")  # support -> oppose, which is gone: not set
    assert project.claim(claim.id).stance is None  # type: ignore[union-attr]
    project.undo("ana")  # -> neutral, now called none
    assert project.claim(claim.id).stance == "none"  # type: ignore[union-attr]
    project.redo("ana")
    project.redo("ana")
    assert project.claim(claim.id).stance == "support"  # type: ignore[union-attr]
    logged = " ".join(r[0] for r in project.conn.execute("SELECT changes FROM events"))
    assert '"neutral"' not in logged and '"oppose"' not in logged


def test_the_same_schema_changes_nothing(filled: Project) -> None:
    before = dump(filled.path)
    assert filled.update_schema(load_schema(DEFAULT), "lead") is None
    assert dump(filled.path) == before and filled.schema_history() == []
    assert list_backups(filled.project_id) == []


def test_a_failure_during_the_update_leaves_the_file_as_it_was(filled: Project) -> None:
    # A real SQLite failure at the last statement of the transaction, after the labels,
    # the log and the stored schema were written.
    filled.conn.execute(
        "CREATE TRIGGER fail BEFORE INSERT ON schema_changes"
        " BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"
    )
    before = dump(filled.path)
    schema = filled.schema

    with pytest.raises(ProjectError, match=r"could not save the new schema: .*disk on fire"):
        filled.update_schema(load_schema(RENAMED), "lead")

    assert dump(filled.path) == before
    assert filled.schema == schema
    assert {s for _, _, s in stances(filled)} == {"neutral", "support"}


def test_a_failed_backup_changes_nothing(filled: Project) -> None:
    backups_root().parent.mkdir(parents=True, exist_ok=True)
    backups_root().write_text("a file where the backups folder goes")
    before = dump(filled.path)
    with pytest.raises(BackupError, match="the schema was not changed: the project is backed up"):
        filled.update_schema(load_schema(RENAMED), "lead")
    assert dump(filled.path) == before and filled.schema.revision == 1


def test_a_read_only_project_refuses(filled: Project) -> None:
    filled.close()
    refused = pytest.raises(ProjectError, match="open read-only: the schema was not changed")
    with Project.open(filled.path, read_only=True) as read_only, refused:
        read_only.update_schema(load_schema(RENAMED), "lead")


def test_each_update_adds_a_revision(filled: Project) -> None:
    filled.update_schema(load_schema(RENAMED), "lead")
    filled.update_schema(load_schema("# revision 3\n" + RENAMED), "ana")
    assert [(c.revision, c.changed_by) for c in filled.schema_history()] == [
        (2, "lead"),
        (3, "ana"),
    ]
    assert filled.schema.revision == current_revision(filled.conn) == 3


def test_a_project_from_before_schema_changes_is_at_revision_one(project_path: Path) -> None:
    from annotator.store.migrations import _v8_schema_changes

    version = MIGRATIONS.index(_v8_schema_changes) + 1
    create_file(project_path, DEFAULT, upto=version - 1)
    with Project.open(project_path) as project:
        assert project.schema.revision == 1 and project.schema_history() == []
        project.add_articles([Article("a1", TEXT)])
        project.add_claim("a1", "ana", 0, 5, stance="neutral")
        project.update_schema(load_schema(RENAMED), "lead")
        assert project.schema.revision == 2
    conn = sqlite3.connect(project_path)
    assert conn.execute("SELECT revision, changed_by FROM schema_changes").fetchall() == [
        (2, "lead")
    ]
    conn.close()


def test_a_renamed_value_keeps_its_network_weight_in_the_stored_schema(filled: Project) -> None:
    filled.add_claim("a2", "bo", 44, 76, stance="oppose")
    against = '{ id = "against", name = "Against", key = "a", renamed_from = "oppose" },\n'
    text = with_stances(KEPT.splitlines()[0] + "\n" + against + '{ id = "neutral", key = "n" },')

    change = filled.update_schema(load_schema(text), "lead")

    assert change is not None and change.labels == 1
    assert "stance: 'against' keeps the network weight -1, that of 'oppose'" in change.changes[1]
    stored = text.replace('id = "against"', 'id = "against", weight = -1')
    assert filled.schema.source == stored and change.fingerprint == filled.schema.fingerprint
    filled.close()
    with Project.open(filled.path) as again:
        stance = again.schema.field("stance")
        assert [stance.weight(v) for v in stance.values] == [1, -1, 0]
        # a later file that says nothing of the weight keeps it (its own, now)
        assert again.update_schema(load_schema(text + "\n# revision 3\n"), "lead") is not None
        assert again.schema.field("stance").weight(stance.values[1]) == -1


def test_kept_conflicts_and_merge_bases_are_rewritten_with_the_labels(filled: Project) -> None:
    """What the merge of a work package compares: a conflict's package row, the base rows'
    fingerprints (found from the row as it is, a conflict's row, or the undo log)."""
    from annotator.store import packages
    from annotator.store.fingerprints import digest, row_key

    def row_of(claim_id: str) -> dict[str, object]:
        found = filled.conn.execute("SELECT * FROM claims WHERE id = ?", (claim_id,))
        return dict(zip([d[0] for d in found.description], found.fetchone(), strict=True))

    [ana] = filled.labels("a1", "ana").claims
    [bo] = filled.labels("a1", "bo").claims
    row, bo_row = row_of(ana.id), row_of(bo.id)
    logged = {**bo_row, "note": "as packaged"}  # bo's row as it was before an edit in the log
    filled.update_claim(bo.id, note="as packaged")
    filled.update_claim(bo.id, note="edited since")
    conflict = {**row, "category": "demand"}
    with filled.db.atomic():
        packages.add_base(
            filled,
            "p1",
            [
                ("claims", row_key("claims", row), digest("claims", row)),
                ("claims", row_key("claims", bo_row), digest("claims", logged)),
            ],
        )
        packages.add_base(
            filled, "p2", [("claims", row_key("claims", row), digest("claims", conflict))]
        )
        packages.add_base(filled, "p3", [("claims", row_key("claims", row), "not a row's")])
        packages.record_conflicts(
            filled,
            "p2",
            [
                packages.StoredConflict(
                    "claims", row_key("claims", row), "a1", "ana", json.dumps(conflict), "m"
                )
            ],
            "then",
        )

    filled.update_schema(load_schema(RENAMED), "lead")

    renamed = {**row, "stance": "none"}
    assert packages.read_base(filled, "p1") == {
        ("claims", row_key("claims", row)): digest("claims", renamed),
        ("claims", row_key("claims", bo_row)): digest("claims", {**logged, "stance": "none"}),
    }
    assert packages.read_base(filled, "p2") == {
        ("claims", row_key("claims", row)): digest("claims", {**conflict, "stance": "none"})
    }
    assert packages.read_base(filled, "p3") == {("claims", row_key("claims", row)): "not a row's"}
    [(kept,)] = filled.conn.execute("SELECT package_row FROM merge_conflicts").fetchall()
    assert json.loads(kept) == {**conflict, "stance": "none"}
