"""The suggestions offered in the open article, kept in step with the annotator's labels.

The store keeps the computed suggestions and leaves out those the annotator
rejected or accepted (`Project.stored_suggestions`); what their labels cover
now, or what a recommender switched off proposed, is left out here, against
the labels the workspace already holds (`ArticleState`), so a label saved or
undone costs one small read, not a read of every label of the article.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.assist.compute import DEFAULT_OFF
from annotator.assist.suggestion import CLAIM, LINK, Suggestion
from annotator.core.model import ArticleLabels, referenced_actors
from annotator.store.project import Project
from annotator.store.suggestion_rows import still_open
from annotator.ui.text.article_state import ArticleState
from annotator.ui.text.label_layer import SUGGESTED, Mark

MarkKey = tuple[str, str]


def recommender_on(settings: dict[str, bool], name: str) -> bool:
    """Whether a project's settings (`Project.recommender_settings`) have ``name`` switched on."""
    return settings.get(name, name not in DEFAULT_OFF)


def suggestion_marks(suggestion: Suggestion) -> list[Mark]:
    """The marks that draw a suggestion: its span, and a claim's cue and source words."""
    span = suggestion.span
    if span is None:  # a link, or values for a claim already drawn
        return []
    marks = [Mark("suggestion", suggestion.key, span.start, span.end, suggestion.kind)]
    claim = suggestion.claim
    if suggestion.kind == CLAIM and claim is not None:
        cue = claim.attribution.cue
        if cue is not None:
            marks.append(Mark("suggested_cue", suggestion.key, cue.start, cue.end, CLAIM))
        source = suggestion.source
        if source is not None:
            marks.append(Mark("suggested_source", suggestion.key, source.start, source.end, CLAIM))
    return marks


def state_labels(state: ArticleState) -> ArticleLabels:
    """The labels an `ArticleState` holds, as the store would return them."""
    return ArticleLabels(
        state.article.id,
        state.annotator,
        state.status,
        tuple(state.mentions.values()),
        tuple(state.claims.values()),
        dict(state.links),
    )


@dataclass
class SuggestionDiff:
    """What a refresh changed: marks to take away and to draw, and whether the list changed."""

    removed: list[MarkKey] = field(default_factory=list)
    added: list[Mark] = field(default_factory=list)
    changed: bool = False


class OfferedSuggestions:
    """The annotator's offered suggestions of the open article, in text order."""

    def __init__(self, project: Project, annotator: str) -> None:
        self.project = project
        self.annotator = annotator
        self.article_id: str | None = None
        self.items: list[Suggestion] = []
        self.current: str | None = None
        """The key of the suggestion chosen with Tab (or a click), if it is still offered."""
        self.names: dict[str, str] = {}
        """Actor id -> name, for the actors the suggestions name."""
        self._by_key: dict[str, Suggestion] = {}
        self._looked_up: set[str] = set()  # actor ids read (a new actor's placeholder is not)

    def forget_names(self) -> None:
        """Actors were renamed or merged: read their names again at the next refresh."""
        self.names.clear()
        self._looked_up.clear()

    def get(self, key: str | None) -> Suggestion | None:
        """The offered suggestion with ``key``, or None."""
        return self._by_key.get(key or "")

    def index(self, key: str | None) -> int:
        """The position of ``key`` in `items`, or -1."""
        found = self._by_key.get(key or "")
        return self.items.index(found) if found is not None else -1

    def clear(self) -> SuggestionDiff:
        """No article: nothing offered."""
        diff = SuggestionDiff(removed=self._keys_of(self.items), changed=bool(self.items))
        self.article_id, self.items, self._by_key, self.current = None, [], {}, None
        return diff

    def refresh(self, state: ArticleState) -> SuggestionDiff:
        """Read the article's suggestions again and keep those still offered.

        Returns the marks to redraw. The current suggestion stays current
        while it is offered.
        """
        if state.article.id != self.article_id:
            self.clear()
            self.article_id = state.article.id
        found = self.project.stored_suggestions(state.article.id, self.annotator)
        labels = state_labels(state)
        settings = self.project.recommender_settings()
        offered = [
            s
            for s in found
            if recommender_on(settings, s.recommender)
            and still_open(s, labels)
            and (s.kind != LINK or _link_possible(s, state))
        ]
        before = self._by_key
        after = {s.key: s for s in offered}
        diff = SuggestionDiff()
        gone = [s for key, s in before.items() if after.get(key) != s]
        diff.removed = self._keys_of(gone)
        diff.added = [m for s in offered if before.get(s.key) != s for m in suggestion_marks(s)]
        diff.changed = bool(gone) or len(before) != len(after) or bool(diff.added)
        self.items, self._by_key = offered, after
        if self.current not in after:
            self.current = None
        self._name_actors()
        return diff

    def marks(self) -> list[Mark]:
        """Every mark of the offered suggestions."""
        return [m for s in self.items for m in suggestion_marks(s)]

    def _name_actors(self) -> None:
        claims = [s.claim for s in self.items if s.claim is not None]
        mentions = [m for s in self.items for m in s.mentions]
        wanted = referenced_actors(mentions, claims) - self._looked_up
        if wanted:
            self._looked_up |= wanted
            found = self.project.actors_by_id(wanted)
            self.names.update((actor_id, actor.name) for actor_id, actor in found.items())

    @staticmethod
    def _keys_of(suggestions: list[Suggestion]) -> list[MarkKey]:
        return [(kind, s.key) for s in suggestions for kind in SUGGESTED]


def _link_possible(suggestion: Suggestion, state: ArticleState) -> bool:
    """A link is offered while this article's claim of it is there (the store checks the other)."""
    return suggestion.link is not None and any(c in state.claims for c in suggestion.link)
