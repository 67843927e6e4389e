"""The operations on suggestions, run without widgets: accept, reject, accept all, settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator import operations as op
from annotator.assist.lexicon import LexiconError
from annotator.assist.suggestion import claim_suggestion, mention_suggestion
from annotator.core.model import Article, Attribution
from annotator.store.project import Project
from tests.helpers import span_in
from tests.test_operations import performed

TEXT = "Velgrad said on Friday that Kestria must reopen the harbour, Velgrad officials added."
RULES = ("patterns", "1")


@pytest.fixture
def project(project_path: Path) -> Iterator[Project]:
    with Project.create(project_path) as opened:
        opened.add_articles([Article(id="h1", text=TEXT, story="s")])
        yield opened


def suggested(project: Project) -> tuple[str, str]:
    """A claim and a mention suggestion stored for ana; their keys."""
    velgrad = project.add_actor("Velgrad", "lead", "state")
    claim = claim_suggestion(
        RULES,
        Article("h1", TEXT),
        span_in(TEXT, "Kestria must reopen the harbour"),
        0.8,
        attribution=Attribution("indirect", source_kind="named", cue=span_in(TEXT, "said")),
        source=span_in(TEXT, "Velgrad"),
        source_actor=velgrad.id,
    )
    mention = mention_suggestion(("actors", "1"), "h1", span_in(TEXT, "Velgrad", 1), velgrad.id, 1)
    project.replace_suggestions("ana", ["h1"], [claim, mention])
    return claim.key, mention.key


def test_accept_suggestion(project: Project) -> None:
    key, _ = suggested(project)
    done = performed(project, op.AcceptSuggestion(key, "ana"))
    assert done.created.claim is not None and project.claim(done.created.claim.id) is not None
    assert done.missing == ("stance", "category", "certainty", "checkworthy")
    assert key not in project.offered_keys("h1", "ana")
    project.undo("ana")
    assert key in project.offered_keys("h1", "ana")
    assert op.AcceptSuggestion(key, "ana").title() == "Accept suggestion"


def test_reject_suggestion(project: Project) -> None:
    key, other = suggested(project)
    performed(project, op.RejectSuggestion(key, "ana"))
    assert project.offered_keys("h1", "ana") == [other]


def test_accept_all_suggestions(project: Project) -> None:
    suggested(project)
    done = performed(project, op.AcceptAllSuggestions("h1", "ana"))
    assert len(done) == 2
    assert project.offered_keys("h1", "ana") == []
    labels = project.labels("h1", "ana")
    assert len(labels.claims) == 1 and len(labels.mentions) == 2


def test_accept_all_leaves_the_suggestions_of_a_recommender_switched_off(
    project: Project,
) -> None:
    claim, mention = suggested(project)
    performed(project, op.SetRecommenderEnabled("actors", False, "ana"))
    done = performed(project, op.AcceptAllSuggestions("h1", "ana"))
    assert [d.suggestion.key for d in done] == [claim]
    assert project.offered_keys("h1", "ana") == [mention]  # offered again once switched on


def test_set_recommender_enabled(project: Project) -> None:
    assert performed(project, op.SetRecommenderEnabled("learned", False, "lead"), "lead") is False
    assert project.recommender_settings() == {"learned": False}
    assert op.SetRecommenderEnabled("links", True, "a").title() == "Switch recommender links"


def test_edit_lexicon_checks_the_text(project: Project) -> None:
    operation = op.EditLexicon("en", '[[verbs]]\nforms = ["quipped"]\n', "lead")
    performed(project, operation, "lead")
    assert project.lexicon_text("en") == operation.text
    with pytest.raises(LexiconError):
        op.EditLexicon("en", "[[verbs]\n", "lead").run(project)
    assert project.lexicon_text("en") == operation.text
