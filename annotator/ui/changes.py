"""What one action, its undo or its redo changed: the message every view refreshes from.

It carries the claims, mentions, actors, claim links and statuses changed, as
values before and after (`annotator.store.changes`), never rows or tables.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from annotator.store.changes import (
    ActorChange,
    ClaimChange,
    DomainChange,
    LinkChange,
    MentionChange,
    StatusChange,
    domain_changes,
)
from annotator.store.events import Event
from annotator.store.project import Project


@dataclass(frozen=True)
class Changes:
    """What an action (or its undo) changed; views check the parts they show."""

    articles: frozenset[str] = field(default_factory=frozenset)
    labels: bool = False
    actors: bool = False
    status: bool = False
    changed: tuple[DomainChange, ...] = ()
    """Each value changed, before and after, for views that update in place."""
    assignments: bool = False
    """Who is assigned which articles changed (Assign work)."""
    reread: bool = False
    """Changed in bulk, outside the undo history (an import, a merge of annotators' files):
    `changed` lists nothing, so views read again what they show (`Session.changed_outside`)."""

    def touches(self, article_id: str) -> bool:
        """True if the change may alter what an article shows (its labels, links, actors)."""
        return (
            self.reread
            or article_id in self.articles
            or self.actors
            or any(isinstance(c, LinkChange) for c in self.changed)
        )

    @classmethod
    def of(cls, changed: Iterable[DomainChange], article_id: str | None = None) -> Changes:
        """The message for these changes, made on ``article_id`` (if the action names one)."""
        changed = tuple(changed)
        articles = {article_id} if article_id else set()
        for change in changed:
            if isinstance(change, ClaimChange | MentionChange | StatusChange):
                articles.update(v.article_id for v in (change.before, change.after) if v)
        return cls(
            articles=frozenset(articles),
            labels=any(isinstance(c, ClaimChange | MentionChange | LinkChange) for c in changed),
            actors=any(isinstance(c, ActorChange) for c in changed),
            status=any(isinstance(c, StatusChange) for c in changed),
            changed=changed,
        )

    @classmethod
    def of_event(cls, project: Project, event: Event, undone: bool = False) -> Changes:
        """What a logged action (or, if ``undone``, its undo) changed; call right after it ran."""
        return cls.of(domain_changes(project, event, undone), event.article_id)
