"""A project whose claims have discontinuous content, for the round trips of every format.

The text is our own (never a corpus's): one quote split around its cue in two
pieces, one in three pieces, each with a cue, a named or unnamed source and
fields; a claim in one piece beside them; an emoji before the quotes, so
UTF-16 formats count differently; and a line break inside a segment.
"""

from __future__ import annotations

from pathlib import Path

from annotator.core.model import Article, Claim
from annotator.core.spans import Span
from annotator.store.project import Project
from tests.helpers import span_in

TEXT = (
    "Harbour news 🌊\n"
    "“The toll plan,” the minister said, “will fail before winter.”\n"
    "“Ships,” a pilot warned, “are already leaving,” he added, “for Skarre\nBay.”\n"
    "Officials said the quay stays open."
)


def words(text: str, nth: int = 0) -> Span:
    """The span of ``text`` in `TEXT`."""
    return span_in(TEXT, text, nth)


def fill(project: Project, annotator: str = "ana") -> list[Claim]:
    """Add the article ``q1`` and the labels described in the module's doc; return the claims."""
    project.add_articles([Article(id="q1", text=TEXT, title="Tolls")])
    minister = project.add_actor("Minister", annotator, "official")
    two = project.add_claim("q1", annotator, *words("The toll plan"), stance="oppose")
    project.add_claim_segment(two.id, words("will fail before winter"))
    project.update_attribution(two.id, cue=words("said"), attribution_type="direct")
    project.set_claim_source(two.id, words("the minister"), minister.id)
    project.update_claim(two.id, category="prediction", note="split quote")
    three = project.add_claim("q1", annotator, *words("Ships"), stance="neutral")
    project.add_claim_segment(three.id, words("are already leaving"))
    project.add_claim_segment(three.id, words("for Skarre\nBay"))
    project.update_attribution(three.id, cue=words("warned"), attribution_type="direct")
    project.set_claim_source(three.id, words("a pilot"), None)
    whole = project.add_claim("q1", annotator, *words("the quay stays open"), stance="support")
    project.update_attribution(
        whole.id, cue=words("said", 1), attribution_type="indirect", source_kind="unnamed"
    )
    project.set_claim_source(whole.id, words("Officials"), None)
    project.set_status("q1", annotator, "done")
    return [
        c for c in (project.claim(two.id), project.claim(three.id), project.claim(whole.id)) if c
    ]


def make(path: Path, annotator: str = "ana") -> list[Claim]:
    """A closed project file at ``path`` filled by `fill`."""
    with Project.create(path) as project:
        return fill(project, annotator)
