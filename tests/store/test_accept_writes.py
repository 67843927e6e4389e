"""Accepting a suggestion writes its new labels a table at a time and reads only the labels
near it (annotator/store/suggestions.py, `Recorder.insert`, `Project.labels_near`)."""

from __future__ import annotations

import pytest

from annotator.assist.suggestion import claim_suggestion
from annotator.core.errors import ProjectError
from annotator.core.model import Article, Attribution, Mention
from annotator.store.bulk import BulkWriter
from annotator.store.events import Recorder, fetch_row
from annotator.store.project import Project
from annotator.store.rows import mention_row
from tests.helpers import dump, span_in

TEXT = "Filler words here. José Núñez said the harbour would reopen 🌊 soon. More filler."


def content(project: Project) -> list[str]:
    """The file's SQL dump without the event log."""
    return [line for line in dump(project.path) if not line.startswith('INSERT INTO "events"')]


def statements(project: Project) -> list[str]:
    """Collects every SQL statement the project's connection runs from now on."""
    seen: list[str] = []
    project.conn.set_trace_callback(seen.append)
    return seen


def suggestion(project: Project):  # type: ignore[no-untyped-def]
    """A named claim suggestion with a known source actor and a value, stored for ana."""
    actor = project.add_actor("José Núñez", "ana", "person")
    made = claim_suggestion(
        ("patterns", "1"),
        Article("a1", TEXT),
        span_in(TEXT, "the harbour would reopen 🌊"),
        0.75,
        attribution=Attribution("indirect", source_kind="named", cue=span_in(TEXT, "said")),
        source=span_in(TEXT, "José Núñez"),
        source_actor=actor.id,
        fields={"category": "prediction"},
    )
    project.replace_suggestions("ana", ["a1"], [made])
    return made


def test_new_rows_of_a_table_go_in_with_one_statement_and_undo_as_usual(
    project: Project,
) -> None:
    project.add_articles([Article("a1", TEXT)])
    before = content(project)
    rows = [
        mention_row(Mention(f"m{i}", "a1", "ana", i * 5, i * 5 + 4), "2026-01-01T00:00:00+00:00")
        for i in range(3)
    ]
    with project._action("Mark mentions", "ana", "a1") as rec:
        seen = statements(project)
        rec.insert("mentions", rows)
        project.conn.set_trace_callback(None)
    assert [s.split()[0] for s in seen] == ["INSERT"]  # nothing read before or after
    (event,) = project.events.history("ana", 1)
    assert [c.key for c in event.changes] == [{"id": "m0"}, {"id": "m1"}, {"id": "m2"}]
    for change in event.changes:  # what undo compares with: the row as a read gives it
        assert change.before is None
        assert change.after == fetch_row(project.conn, "mentions", change.key)
    project.undo("ana")
    assert content(project) == before
    project.redo("ana")
    assert [m.id for m in project.labels("a1", "ana").mentions] == ["m0", "m1", "m2"]


def test_a_new_row_whose_key_is_taken_fails_the_action_and_changes_nothing(
    project: Project,
) -> None:
    project.add_articles([Article("a1", TEXT)])
    taken = project.add_mention("a1", "ana", 0, 4)
    before = content(project)
    row = mention_row(Mention(taken.id, "a1", "ana", 5, 9), "2026-01-01T00:00:00+00:00")
    with pytest.raises(ProjectError), project._action("Mark mention", "ana", "a1") as rec:
        rec.insert("mentions", [row])
    assert content(project) == before
    assert project.mention(taken.id) == taken
    recorder = Recorder(project.conn)
    recorder.insert("mentions", [])  # nothing to insert: no statement, no change
    assert recorder.changes == []


def test_labels_near_a_place_are_those_meeting_it_and_the_claims_asked_for(
    project: Project,
) -> None:
    project.add_articles([Article("a1", TEXT), Article("a2", TEXT)])
    near = project.add_mention("a1", "ana", 19, 29)  # "José Núñez"
    touching = project.add_claim("a1", "ana", 35, 40)  # ends where the place starts
    far = project.add_claim("a1", "ana", 70, 75)
    named = project.add_claim("a1", "ana", 0, 6)  # far, asked for by id
    other = project.add_claim("a2", "ana", 40, 45)
    project.add_claim("a1", "bo", 40, 45)  # another annotator's
    project.link_claims(touching.id, other.id, "ana")

    found = project.labels_near("a1", "ana", 40, 62, [named.id])

    assert found.mentions == ()
    assert [c.id for c in found.claims] == sorted(
        [touching.id, named.id],
        key=lambda i: project.claim(i).span,  # type: ignore[union-attr]
    )
    assert found.links == {touching.id: (other.id,)}
    assert far.id not in {c.id for c in found.claims}
    assert [m.id for m in project.labels_near("a1", "ana", 25, 26).mentions] == [near.id]


def test_accepting_reads_only_the_labels_near_the_suggestion_and_inserts_a_table_at_a_time(
    project: Project,
) -> None:
    project.add_articles([Article("a1", TEXT)])
    with BulkWriter(project) as writer:  # many labels of ana's elsewhere in the article
        for i in range(500):
            writer.put_mention(Mention(f"far{i}", "a1", "ana", 70, 75))
    offered = suggestion(project)
    seen = statements(project)

    (done,) = project.accept_suggestions([offered.key], "ana")

    project.conn.set_trace_callback(None)
    reads = [s for s in seen if s.startswith("SELECT") and "FROM mentions" in s]
    assert reads and all('"end" >=' in s or "start = " in s for s in reads), reads
    inserts = [s.split("(")[0].strip() for s in seen if s.startswith("INSERT")]
    assert inserts == [
        'INSERT INTO "mentions"',
        'INSERT INTO "claims"',
        'INSERT INTO "suggestion_provenance"',  # both rows, the claim's and its source's
        "INSERT INTO events",
    ]
    assert done.created.claim is not None
    provenance = project.provenance([done.created.claim.id, done.created.mentions[0].id])
    assert sorted(p.label for entries in provenance.values() for p in entries) == [
        "claim",
        "mention",
    ]
    assert project.offered_suggestions("a1", "ana") == []
    project.undo("ana")
    assert project.offered_suggestions("a1", "ana") == [offered]
    assert not project.provenance([done.created.claim.id])


def test_the_near_read_tells_covered_suggestions_as_the_whole_article_did(
    project: Project,
) -> None:
    project.add_articles([Article("a1", TEXT)])
    offered = suggestion(project)
    span = offered.span
    assert span is not None
    project.add_claim("a1", "ana", 0, 6)  # elsewhere: still offered
    assert project.offered_suggestion(offered.key, "ana") == offered
    project.add_claim("a1", "ana", span.end - 1, span.end + 3)  # shares one character
    assert project.offered_suggestion(offered.key, "ana") is None
