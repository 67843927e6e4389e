"""The open article's labels, kept in step with the project by applying what each action changed.

Reloading every label after each action would cost tens of milliseconds on a
long article; instead the state applies the claims, mentions, links and
status an action changed (before and after, as the store tells them: see
`annotator.store.changes`) and reports which marks to redraw.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from annotator.core.model import (
    Actor,
    Article,
    ArticleLabels,
    Claim,
    Mention,
    Status,
    referenced_actors,
)
from annotator.store.changes import (
    ActorChange,
    ClaimChange,
    DomainChange,
    LinkChange,
    MentionChange,
    StatusChange,
)
from annotator.store.project import Project
from annotator.ui.palette import SHADES
from annotator.ui.text.label_layer import Mark

MarkKey = tuple[str, str]


@dataclass
class MarkDiff:
    """What a change did to the open article: marks to redraw, list rows to update."""

    removed: list[MarkKey] = field(default_factory=list)
    added: list[Mark] = field(default_factory=list)
    claims_removed: list[Claim] = field(default_factory=list)
    claims_upserted: list[Claim] = field(default_factory=list)
    mentions_removed: list[Mention] = field(default_factory=list)
    mentions_upserted: list[Mention] = field(default_factory=list)
    actors_changed: bool = False
    status_changed: bool = False


def claim_marks(claim: Claim) -> list[Mark]:
    """The marks of a claim: its content (its segments as parts) and, if set, its cue."""
    parts = tuple((s.start, s.end) for s in claim.segments)
    marks = [Mark("claim", claim.id, claim.start, claim.end, claim.stance, parts=parts)]
    cue = claim.attribution.cue
    if cue is not None:
        marks.append(Mark("cue", claim.id, cue.start, cue.end))
    return marks


class ArticleState:
    """One annotator's labels on one article, plus the actors they refer to."""

    def __init__(self, project: Project, article: Article, annotator: str) -> None:
        self.project = project
        self.article = article
        labels: ArticleLabels = project.labels(article.id, annotator)
        self.annotator = annotator
        self.status: Status = labels.status
        self.mentions: dict[str, Mention] = {m.id: m for m in labels.mentions}
        self.claims: dict[str, Claim] = {c.id: c for c in labels.claims}
        self.links: dict[str, tuple[str, ...]] = dict(labels.links)
        self.actors: dict[str, Actor] = {}
        self.named = Counter(m.actor for m in self.mentions.values() if m.actor)
        self._mentions_of: dict[str, set[str]] = {}  # actor id -> ids of its mentions here
        self._first: dict[str, int] = {}  # actor id -> where it is first mentioned (a cache)
        for mention in self.mentions.values():
            if mention.actor:
                self._mentions_of.setdefault(mention.actor, set()).add(mention.id)
        self.shades: dict[str, int] = {}
        self.refresh_actors()

    def refresh_actors(self) -> None:
        """Reload the actors the labels refer to (after an actor was edited)."""
        ids = referenced_actors(self.mentions.values(), self.claims.values())
        self.actors = self.project.actors_by_id(ids)
        self._rank_shades()

    def _rank_shades(self) -> None:
        """Give each actor named here a shade of its type's colour, by order of first mention.

        Two states in one article (China, North Korea) then differ in tint, not
        only in the name their hover text gives. The shades follow from what is
        stored (a fresh view draws the same), and labelling from the top down
        never changes a shade given before: only an actor newly named above
        another of its type moves that one's shade.
        """
        by_type: dict[str | None, list[tuple[int, str]]] = {}
        for actor_id in self.named:
            actor = self.actors.get(actor_id)
            first = self._first.get(actor_id)
            if first is None:  # new here, or its first mention went: look again
                first = min(self.mentions[i].start for i in self._mentions_of[actor_id])
                self._first[actor_id] = first
            by_type.setdefault(actor.type if actor else None, []).append((first, actor_id))
        self.shades = {}
        for same_type in by_type.values():
            same_type.sort()
            self.shades.update((a, rank % len(SHADES)) for rank, (_, a) in enumerate(same_type))

    def mention_marks(self, mention: Mention) -> Mark:
        """The mark of a mention, styled by its actor's type and shade."""
        actor = self.actors.get(mention.actor) if mention.actor else None
        return Mark(
            "mention",
            mention.id,
            mention.start,
            mention.end,
            actor.type if actor else None,
            self.shades.get(actor.id, 0) if actor else 0,
        )

    def marks(self) -> list[Mark]:
        """Every mark of the article."""
        marks = [self.mention_marks(m) for m in self.mentions.values()]
        for claim in self.claims.values():
            marks.extend(claim_marks(claim))
        return marks

    def sorted_claims(self) -> list[Claim]:
        """Claims in text order."""
        return sorted(self.claims.values(), key=lambda c: (c.start, c.end, c.id))

    def sorted_mentions(self) -> list[Mention]:
        """Mentions in text order."""
        return sorted(self.mentions.values(), key=lambda m: (m.start, m.end, m.id))

    def apply(self, changes: tuple[DomainChange, ...]) -> MarkDiff:
        """Apply what one action changed; return the marks to redraw."""
        diff = MarkDiff()
        shades = dict(self.shades)
        registry = any(isinstance(c, ActorChange) for c in changes)
        types = (
            {m.id: self.mention_marks(m).style for m in self.mentions.values()} if registry else {}
        )
        for change in changes:
            match change:
                case ClaimChange():
                    self._apply_claim(change, diff)
                case MentionChange():
                    self._apply_mention(change, diff)
                case StatusChange():
                    diff.status_changed |= self._apply_status(change.after)
                case LinkChange():
                    self._apply_link(change)
        fetched = False
        if registry:
            self.refresh_actors()
            diff.actors_changed = True
        else:
            fetched = self._fetch_missing_actors(diff)
            if any(isinstance(c, MentionChange) for c in changes):  # claims alone move no shade
                self._rank_shades()
        if registry:  # types or shades may have moved anywhere: redraw what changed
            diff.added = [m for m in diff.added if m.kind != "mention"]
            diff.added.extend(
                mark
                for mention in self.mentions.values()
                if (mark := self.mention_marks(mention)).style != types.get(mention.id, mark.style)
                or mark.shade != shades.get(mention.actor or "", 0)
                or mention in diff.mentions_upserted
            )
        elif self.shades != shades or fetched:  # the mentions whose actor's look moved
            moved = {
                a for a in shades.keys() | self.shades.keys() if shades.get(a) != self.shades.get(a)
            }
            ids = {m.id for m in diff.mentions_upserted}
            for actor in moved:
                ids.update(self._mentions_of.get(actor, ()))
            diff.added = [m for m in diff.added if m.kind != "mention"]
            diff.added.extend(
                self.mention_marks(self.mentions[i]) for i in ids if i in self.mentions
            )
        return diff

    def _fetch_missing_actors(self, diff: MarkDiff) -> bool:
        """Load the actors that the changed labels refer to and are not known yet.

        Returns True when actors of changed mentions were loaded: their marks,
        made before their types were known, are made again by `apply`.
        """
        wanted = referenced_actors(diff.mentions_upserted, diff.claims_upserted)
        missing = wanted - set(self.actors)
        if not missing:
            return False
        self.actors.update(self.project.actors_by_id(missing))
        diff.actors_changed = True
        return any(m.actor in missing for m in diff.mentions_upserted)

    def _mine(self, label: Claim | Mention | Status | None) -> bool:
        return (
            label is not None
            and label.article_id == self.article.id
            and label.annotator == self.annotator
        )

    def _apply_mention(self, change: MentionChange, diff: MarkDiff) -> None:
        old = self.mentions.pop(change.id, None)
        if old is not None:
            diff.removed.append(("mention", old.id))
            diff.mentions_removed.append(old)
            if old.actor:
                self.named[old.actor] -= 1
                self._mentions_of[old.actor].discard(old.id)
                if self._first.get(old.actor) == old.start:
                    del self._first[old.actor]
                if not self.named[old.actor]:
                    del self.named[old.actor]
        mention = change.after
        if mention is not None and self._mine(mention):
            self.mentions[mention.id] = mention
            if mention.actor:
                self.named[mention.actor] += 1
                self._mentions_of.setdefault(mention.actor, set()).add(mention.id)
                known = self._first.get(mention.actor)
                if known is not None and mention.start < known:  # else looked up when ranked
                    self._first[mention.actor] = mention.start
            diff.added.append(self.mention_marks(mention))
            diff.mentions_upserted.append(mention)

    def _apply_status(self, status: Status) -> bool:
        if not self._mine(status):
            return False
        self.status = status
        return True

    def _apply_claim(self, change: ClaimChange, diff: MarkDiff) -> None:
        old = self.claims.pop(change.id, None)
        if old is not None:
            diff.removed += [("claim", old.id), ("cue", old.id)]
            diff.claims_removed.append(old)
        claim = change.after
        if claim is not None and self._mine(claim):
            self.claims[claim.id] = claim
            diff.added.extend(claim_marks(claim))
            diff.claims_upserted.append(claim)

    def _apply_link(self, change: LinkChange) -> None:
        a, b = change.claims
        for one, other in ((a, b), (b, a)):
            if one not in self.claims:
                continue
            linked = set(self.links.get(one, ()))
            if change.after is None:
                linked.discard(other)
            else:
                linked.add(other)
            self.links[one] = tuple(sorted(linked))
