"""What one action, its undo or its redo changed: the message every view refreshes from."""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.store.events import Change, Event


@dataclass(frozen=True)
class Changes:
    """What an action (or its undo) changed; views check the parts they show."""

    articles: frozenset[str] = field(default_factory=frozenset)
    labels: bool = False
    actors: bool = False
    status: bool = False
    rows: tuple[Change, ...] = ()
    """The rows changed, before and after, for views that update in place."""

    def touches(self, article_id: str) -> bool:
        """True if the change may alter what an article shows (its labels, links, actors)."""
        return (
            article_id in self.articles
            or self.actors
            or any(c.table == "claim_links" for c in self.rows)
        )

    @classmethod
    def of_event(cls, event: Event, undone: bool = False) -> Changes:
        """What a logged action (or, if ``undone``, its undo) changed, from its rows."""
        rows = event.changes
        if undone:
            rows = tuple(Change(c.table, c.key, c.after, c.before) for c in reversed(rows))
        tables = {c.table for c in rows}
        articles = {event.article_id} if event.article_id else set()
        for change in rows:
            for row in (change.before, change.after):
                if row and isinstance(row.get("article_id"), str):
                    articles.add(row["article_id"])
        return cls(
            articles=frozenset(articles),
            labels=bool(tables & {"mentions", "claims", "claim_links"}),
            actors=bool(tables & {"actors", "actor_aliases"}),
            status="statuses" in tables,
            rows=rows,
        )
