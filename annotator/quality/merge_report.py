"""What a merge of work packages did: counts, actor matches and conflicts, and one line for them."""

from __future__ import annotations

from dataclasses import dataclass, field, fields


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """An actor new in a package that is an actor the project already has."""

    file: str
    name: str
    matched: str
    actor_id: str

    def __str__(self) -> str:
        return f"actor {self.name!r} (from {self.file}) matched to {self.matched!r}"


@dataclass(frozen=True, slots=True)
class MergeConflict:
    """A row changed both in a package and in the project; the project's version was kept."""

    file: str
    table: str
    key: str
    article_id: str | None
    message: str

    def __str__(self) -> str:
        return self.message


def _count(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


@dataclass
class MergeReport:
    """What a merge did: counts, the actors it matched and the conflicts it found."""

    files: int = 0
    article_ids: set[str] = field(default_factory=set)
    """Articles whose labels or statuses changed."""
    articles_added: int = 0
    labels_added: int = 0
    labels_updated: int = 0
    labels_deleted: int = 0
    """Mentions, claims and claim links."""
    statuses: int = 0
    """Statuses added, changed or removed."""
    actors_added: int = 0
    actors_updated: int = 0
    rejections: int = 0
    """Rejections of suggestions added or removed (undone in the package)."""
    provenance: int = 0
    """Provenance records of labels accepted from suggestions, added or removed."""
    matches: list[ActorMatch] = field(default_factory=list)
    conflicts: list[MergeConflict] = field(default_factory=list)
    unrecorded: list[str] = field(default_factory=list)
    """Packages the project had no record of making, taken as their own record says
    ("ana.claims (ana)"): made before projects recorded packages."""

    @property
    def articles(self) -> int:
        """Number of articles whose labels or statuses changed."""
        return len(self.article_ids)

    def add(self, other: MergeReport) -> None:
        """Add another file's report to this one."""
        for item in fields(self):
            mine, theirs = getattr(self, item.name), getattr(other, item.name)
            setattr(self, item.name, mine | theirs if isinstance(mine, set) else mine + theirs)

    def changes(self) -> int:
        """Rows added, changed or removed in the project."""
        return (
            self.articles_added
            + self.labels_added
            + self.labels_updated
            + self.labels_deleted
            + self.statuses
            + self.actors_added
            + self.actors_updated
            + self.rejections
            + self.provenance
        )

    def summary(self) -> str:
        """One line for the user."""
        parts = []
        labels = [
            f"{n} {what}"
            for n, what in (
                (self.labels_added, "added"),
                (self.labels_updated, "updated"),
                (self.labels_deleted, "deleted"),
            )
            if n
        ]
        if labels:
            parts.append(f"labels: {', '.join(labels)}")
        if self.statuses:
            parts.append(_count(self.statuses, "status", "statuses") + " changed")
        if labels or self.statuses:
            parts[-1] += f" in {_count(self.articles, 'article')}"
        if self.articles_added:
            parts.append(_count(self.articles_added, "new article"))
        actors = [
            f"{n} {what}"
            for n, what in (
                (self.actors_added, "added"),
                (self.actors_updated, "updated"),
                (len(self.matches), "matched"),
            )
            if n
        ]
        if actors:
            parts.append(f"actors: {', '.join(actors)}")
        suggestions = [
            _count(n, what)
            for n, what in (
                (self.rejections, "rejection"),
                (self.provenance, "provenance record"),
            )
            if n
        ]
        if suggestions:
            parts.append(f"suggestions: {', '.join(suggestions)} added or removed")
        if self.conflicts:
            parts.append(_count(len(self.conflicts), "conflict") + " (the project's version kept)")
        if self.unrecorded:
            parts.append(
                "not recorded as made by this project, taken as the package their own record"
                f" names: {', '.join(self.unrecorded)}"
            )
        text = f"merged {_count(self.files, 'file')}: "
        return text + ("; ".join(parts) if parts else "nothing new")
