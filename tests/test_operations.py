"""Each user operation, run without widgets: what it does, its title in the log, and its undo."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from annotator import operations as op
from annotator.core.errors import ValidationError
from annotator.core.model import GOLD, STATUSES, Article, Attribution
from annotator.core.schema import default_schema, load_schema
from annotator.core.spans import Span
from annotator.store.project import Project
from tests.helpers import dump, span_in

TEXT = "Velgrad said on Friday that Kestria must reopen the harbour, Velgrad officials added."


@pytest.fixture
def project(project_path: Path) -> Iterator[Project]:
    """A project with one article, two actors and the schema's default fields."""
    with Project.create(project_path) as opened:
        opened.add_articles(
            [Article(id="h1", text=TEXT, story="s"), Article(id="h2", text=TEXT, story="s")]
        )
        yield opened


def content(project: Project) -> list[str]:
    """The project file's rows, without the undo log (which keeps undone actions)."""
    return [line for line in dump(project.path) if not line.startswith('INSERT INTO "events"')]


def performed(project: Project, operation: op.Operation[Any], annotator: str = "ana") -> Any:
    """Run ``operation``; check it is one logged step under its title that undoes and redoes."""
    before = content(project)
    done = operation.run(project)
    assert [e.label for e in done.events] == [operation.title()]
    event = done.event_of(annotator)
    assert event is not None and project.events.history(annotator, 1)[0].seq == event.seq
    after = content(project)
    assert after != before
    assert project.undo(annotator) == event
    assert content(project) == before
    project.redo(annotator)
    assert content(project) == after
    return done.result


def words(words: str, nth: int = 0) -> Span:
    return span_in(TEXT, words, nth)


def test_mark_claim(project: Project) -> None:
    claim = performed(project, op.MarkClaim("h1", "ana", words("Kestria must reopen")))
    assert project.labels("h1", "ana").claims == (claim,)
    assert op.MarkClaim("h1", "ana", Span(0, 1)).title() == "Mark claim"


def test_set_claim_field_vocabulary_actor_note_attribution_and_extra(project_path: Path) -> None:
    source = default_schema().source + (
        '\n[fields.topic]\nlabel = "Topic"\nextra = true\nvalues = [{ id = "trade", name = "Trade" }]\n'
    )
    with Project.create(project_path.with_name("extra.claims"), load_schema(source)) as project:
        project.add_articles([Article(id="h1", text=TEXT)])
        claim = project.add_claim("h1", "ana", *words("Kestria must reopen"))
        actor = project.add_actor("Kestria", "ana")
        for field, value, read in (
            ("stance", "oppose", lambda c: c.stance),
            ("claimant", actor.id, lambda c: c.claimant),
            ("note", "check the date", lambda c: c.note),
            ("attribution_type", "indirect", lambda c: c.attribution.attribution_type),
            ("source_kind", "unnamed", lambda c: c.attribution.source_kind),
            ("source_text", "officials", lambda c: c.attribution.source_text),
            ("topic", "trade", lambda c: c.extra.get("topic")),
        ):
            operation = op.SetClaimField.of(project.schema, claim.id, field, value)
            saved = performed(project, operation)
            assert read(saved) == value == read(project.claim(claim.id))
        assert project.claim(claim.id).extra == {"topic": "trade"}  # type: ignore[union-attr]
        cleared = performed(project, op.SetClaimField.of(project.schema, claim.id, "topic", None))
        assert cleared.extra == {}  # an empty extra value is left out, not stored as null


def test_set_claim_field_is_titled_with_the_fields_label(project: Project) -> None:
    stance = project.schema.fields["stance"].label.lower()
    assert op.SetClaimField.of(project.schema, "c", "stance", None).title() == f"Set {stance}"
    assert op.SetClaimField.of(project.schema, "c", "note", "").title() == "Set note"
    assert op.SetClaimField("c", "source_text", "").title() == "Set source text"


def test_set_cue_and_source(project: Project) -> None:
    norvania = project.add_actor("Norvania", "ana", aliases=("Velgrad",))
    claim = project.add_claim("h1", "ana", *words("Kestria must reopen"))
    cued = performed(project, op.SetCue(claim.id, words("said")))
    assert cued.attribution.cue == words("said")
    sourced = performed(project, op.SetSource(claim.id, words("Velgrad"), norvania.id))
    assert sourced.claimant == norvania.id  # the claimant follows a named source
    assert project.mention(sourced.attribution.source_mention or "").actor == norvania.id  # type: ignore[union-attr]


def test_delete_claim_and_mention(project: Project) -> None:
    claim = project.add_claim("h1", "ana", *words("Kestria must reopen"))
    mention = project.add_mention("h1", "ana", *words("Kestria"))
    performed(project, op.DeleteClaim(claim.id))
    performed(project, op.DeleteMention(mention.id))
    assert project.labels("h1", "ana").claims == project.labels("h1", "ana").mentions == ()


def test_link_and_unlink_claims(project: Project) -> None:
    one = project.add_claim("h1", "ana", *words("Kestria must reopen"))
    other = project.add_claim("h2", "ana", *words("Kestria must reopen"))
    link = performed(project, op.LinkClaims(one.id, other.id, "ana"))
    assert {link.claim_a, link.claim_b} == {one.id, other.id}
    performed(project, op.UnlinkClaims(one.id, other.id, "ana"))


def test_mentions_and_their_actor(project: Project) -> None:
    kestria = project.add_actor("Kestria", "ana")
    mention = performed(project, op.MarkMention("h1", "ana", words("Kestria")))
    assert mention.actor is None
    given = performed(project, op.SetMentionActor(mention.id, kestria.id))
    assert given.actor == kestria.id == project.mention(mention.id).actor  # type: ignore[union-attr]
    both = (words("Velgrad"), words("Velgrad", 1))
    marked = performed(project, op.MarkOccurrences("h1", "ana", both, kestria.id))
    assert [m.span for m in marked] == list(both)
    assert op.MarkOccurrences("h1", "ana", both, None).title() == "Mark occurrences"


def test_actor_registry(project: Project) -> None:
    actor = performed(project, op.AddActor("Norvania", "ana"))
    assert op.AddActor("Norvania", "ana").title() == "Add actor Norvania"
    renamed = performed(project, op.RenameActor(actor.id, "Norvanian state", "ana"))
    assert renamed.name == project.actor(actor.id).name == "Norvanian state"  # type: ignore[union-attr]
    assert op.RenameActor(actor.id, "X", "ana").title() == "Rename actor to X"
    retyped = performed(project, op.RetypeActor(actor.id, "state", "ana"))
    assert retyped.type == "state"
    aliased = performed(project, op.AddAlias(actor.id, "Velgrad", "ana"))
    assert aliased.aliases == ("Velgrad",)
    assert op.AddAlias(actor.id, "Velgrad", "ana").title() == "Add alias Velgrad"
    other = project.add_actor("Norvania", "ana")
    kept = performed(project, op.MergeActors(actor.id, other.id, "ana"))
    assert project.actor(other.id) is None and "Norvania" in kept.aliases


def test_add_actor_with_a_type_and_aliases(project: Project) -> None:
    """What ``annotator actors add NAME --type --alias`` runs: one step, titled with the name."""
    operation = op.AddActor("Kestria", "lead", "state", ("Kestrian state", "KS"))
    actor = performed(project, operation, "lead")
    assert project.actor(actor.id) == actor
    assert (actor.name, actor.type, actor.aliases) == ("Kestria", "state", ("Kestrian state", "KS"))
    assert operation.title() == "Add actor Kestria"


def test_status_and_comment(project: Project) -> None:
    for status in STATUSES:
        if status != "todo":
            assert performed(project, op.SetStatus("h1", "ana", status)).status == status
    assert op.SetStatus("h1", "ana", "in_progress").title() == "Mark in progress"
    assert op.SetStatus("h1", "ana", "todo").title() == "Mark to do"
    commented = performed(project, op.SetComment("h1", "ana", "two claims unclear"))
    assert (commented.status, commented.comment) == ("skipped", "two claims unclear")


def test_accept_label_and_mark_adjudicated(project: Project) -> None:
    claim = project.add_claim("h1", "ana", *words("Kestria must reopen"), stance="oppose")
    accept = op.AcceptLabel(claim.id, "ana", "claim")
    assert accept.title() == "Accept ana's claim"
    gold_id = performed(project, accept, GOLD)
    (gold,) = project.labels("h1", GOLD).claims
    assert (gold.id, gold.stance, gold.span) == (gold_id, "oppose", claim.span)
    performed(project, op.MarkAdjudicated("h1"), GOLD)
    assert project.status("h1", GOLD).status == "done"


def test_a_refused_operation_changes_nothing_and_logs_nothing(project: Project) -> None:
    before = dump(project.path)
    with pytest.raises(ValidationError):
        op.MarkClaim("h1", "ana", Span(10, 500)).run(project)
    assert dump(project.path) == before


def test_an_operation_that_changes_nothing_logs_nothing(project: Project) -> None:
    claim = project.add_claim("h1", "ana", *words("Kestria must reopen"))
    done = op.SetClaimField(claim.id, "stance", None).run(project)
    assert done.result == claim and done.events == () and done.event_of("ana") is None


def test_the_title_is_logged_as_given(project: Project) -> None:
    done = op.MarkClaim("h1", "ana", words("Kestria must reopen")).run(project, "Behauptung")
    assert project.events.history("ana", 1)[0].label == "Behauptung"
    assert done.result.attribution == Attribution()


def test_a_translation_fills_in_the_projects_words() -> None:
    german = {"Rename actor to {name}": "Akteur umbenennen in {name}"}
    operation = op.RenameActor("a", "Norvania", "ana")
    assert operation.title(lambda text: german.get(text, text)) == "Akteur umbenennen in Norvania"


def test_every_operation_is_listed_and_documented() -> None:
    kinds = {
        kind
        for kind in vars(op).values()
        if isinstance(kind, type) and issubclass(kind, op.Operation) and kind is not op.Operation
    }
    assert kinds == set(op.OPERATIONS)
    for kind in op.OPERATIONS:
        assert kind.__doc__ and kind.TITLE


def test_titles_are_collected_for_translators(tmp_path: Path) -> None:
    """pyside6-lupdate finds every title, in the context the UI translates them in."""
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    template = tmp_path / "operations.ts"
    subprocess.run(
        [str(lupdate), op.__file__, "-ts", str(template)], check=True, capture_output=True
    )
    root = ET.parse(template).getroot()
    found = {
        (context.findtext("name"), message.findtext("source"))
        for context in root.iter("context")
        for message in context.iter("message")
    }
    titles = {kind.TITLE for kind in op.OPERATIONS} | set(op.STATUS_TITLES.values())
    assert found == {(op.CONTEXT, title) for title in titles}
    assert set(op.STATUS_TITLES) == set(STATUSES)
