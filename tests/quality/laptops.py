"""A lead's project for the team-workflow tests: hand-made articles in three stories.

The lead registers two actors, assigns the articles to ana and ben by story
with one story shared, and (from an earlier round) already holds labels by
ana and ben, so packages start with labels a merge can change or delete.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from annotator.core.model import Actor, Article, Attribution, new_id
from annotator.core.spans import Span
from annotator.quality.assign import assign_articles
from annotator.store.project import Project
from annotator.store.rows import actor_row, alias_row

TEXTS = {
    "p1": "Beijing said on Monday that the port of Velgrad must reopen, officials said.",
    "p2": "Officials in Norvania denied that the port would reopen soon.",
    "g1": "The grain corridor stays open, the Tarquesh coast guard said on Tuesday.",
    "g2": "Observers expect the grain corridor to close within a week.",
    "r1": "China demanded that the river treaty be signed before the summer.",
    "r2": "The river commission said the treaty talks had stalled again.",
}
STORIES = {"p1": "port", "p2": "port", "g1": "grain", "g2": "grain", "r1": "river", "r2": "river"}
SEED = 1
"""With this seed the shared story is one of ana's (the port story), so ben has one of his own."""


def at(article: str, words: str) -> Span:
    """The span of the first occurrence of ``words`` in the article's text."""
    start = TEXTS[article].index(words)
    return Span(start, start + len(words))


@dataclass
class Lead:
    """The lead's project file and what the tests refer to in it."""

    path: Path
    china: str
    norvania: str
    shared: tuple[str, str]
    """The two articles of the story both ana and ben label."""
    ana_only: str
    ben_only: str
    kept: str
    """ana's claim from the earlier round that nobody touches."""
    edited: str
    """ana's claim that the package edits (and, in some tests, the lead too)."""
    deleted: str
    """ana's claim that the package deletes."""
    linked: str
    """ana's claim in the other shared article, linked to ``deleted`` and ``kept``."""
    ben_claim: str


def make_lead(path: Path) -> Lead:
    """Create the lead's project at ``path`` (closed on return)."""
    with Project.create(path) as project:
        project.add_articles(
            [Article(id=i, text=t, title=i.upper(), story=STORIES[i]) for i, t in TEXTS.items()]
        )
        china = project.add_actor("China", "lead", "state", ("Beijing",)).id
        norvania = project.add_actor("Norvania", "lead", "state", ("Velgrad",)).id
        project.add_actor("Kestria", "ben", "state")  # created by ben: ana must not see that
        assign_articles(project, ["ana", "ben"], overlap=1 / 3, by="story", seed=SEED)
        ana, ben = set(project.assigned_articles("ana")), set(project.assigned_articles("ben"))
        shared = tuple(sorted(ana & ben))
        assert shared == ("p1", "p2") and ben - ana == {"g1", "g2"}, (ana, ben)
        s1, s2 = shared
        kept = project.add_claim(s1, "ana", *at(s1, "Beijing said"), stance="support").id
        edited = project.add_claim(s1, "ana", *at(s1, "said on Monday"), stance="neutral").id
        deleted = project.add_claim(s1, "ana", *at(s1, "the port"), stance="oppose").id
        linked = project.add_claim(s2, "ana", *at(s2, "Officials"), stance="oppose").id
        project.link_claims(deleted, linked, "ana")
        project.link_claims(kept, linked, "ana")
        project.set_status(s1, "ana", "in_progress", "first round")
        ben_claim = project.add_claim(s1, "ben", 0, 10, stance="oppose").id
        project.set_status(s1, "ben", "in_progress")
        return Lead(
            path,
            china,
            norvania,
            (s1, s2),
            sorted(ana - ben)[0],
            sorted(ben - ana)[0],
            kept,
            edited,
            deleted,
            linked,
            ben_claim,
        )


def beijing_claim(package: Project, article: str, annotator: str) -> tuple[str, str, str]:
    """On a laptop: a new actor "beijing" (an alias of China in the project), a mention, a claim.

    Returns the new actor's, the mention's and the claim's ids.
    """
    assert TEXTS[article].startswith("Beijing said")
    # The store now refuses a name another actor has; a laptop of an older version did not.
    actor = Actor(new_id(), "beijing", "state", ("the Chinese  capital",))
    with package.conn:
        for table, row in (
            ("actors", actor_row(actor, annotator, "2024-01-02T00:00:00+00:00")),
            ("actor_aliases", alias_row(actor.id, actor.aliases[0], 0)),
        ):
            names = ", ".join(f'"{k}"' for k in row)
            marks = ", ".join("?" for _ in row)
            package.conn.execute(
                f"INSERT INTO {table} ({names}) VALUES ({marks})", tuple(row.values())
            )
    mention = package.add_mention(article, annotator, 0, 7, actor.id)
    claim = package.add_claim(
        article,
        annotator,
        *at(article, "the port of Velgrad must reopen"),
        claimant=actor.id,
        stance="oppose",
        category="demand",
        attribution=Attribution(
            attribution_type="indirect",
            source_mention=mention.id,
            source_text="Beijing",
            cue=Span(8, 12),
        ),
    )
    return actor.id, mention.id, claim.id
