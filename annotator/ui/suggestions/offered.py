"""The suggestions offered in the open article, kept in step with the annotator's labels.

The store keeps the computed suggestions, and which of them the annotator
rejected or accepted; what their labels cover, or what a recommender switched
off proposed, is left out here, against the labels the workspace already
holds (`ArticleState`). After an action only the suggestions it touched are
looked at again, without a read of the project: an accept saved and drawn
costs the same in an article with ten suggestions or ten thousand labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.assist.compute import DEFAULT_OFF
from annotator.assist.suggestion import CLAIM, FIELDS, LINK, Suggestion
from annotator.core.model import ArticleLabels, referenced_actors
from annotator.core.spans import Span, overlap
from annotator.store.changes import (
    OFFERED,
    AssistSettingChange,
    ClaimChange,
    DomainChange,
    LinkChange,
    MentionChange,
    SuggestionChange,
)
from annotator.store.project import Project
from annotator.store.suggestion_rows import still_open, still_open_among
from annotator.ui.text.article_state import ArticleState
from annotator.ui.text.label_layer import SUGGESTED, Mark

MarkKey = tuple[str, str]


def recommender_on(settings: dict[str, bool], name: str) -> bool:
    """Whether a project's settings (`Project.recommender_settings`) have ``name`` switched on."""
    return settings.get(name, name not in DEFAULT_OFF)


def relabelled(changes: tuple[DomainChange, ...]) -> bool:
    """True when ``changes`` add, edit or delete labels, or accept or reject a suggestion
    (what makes the article's suggestions worth computing again; a status is not)."""
    return any(
        isinstance(c, (ClaimChange, MentionChange, LinkChange, SuggestionChange)) for c in changes
    )


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
    """The annotator's offered suggestions of the open article, in text order.

    `refresh` reads the article's suggestions (after it opened, or after new
    ones were stored); `apply` keeps them in step with what an action changed
    without reading them again: an accept or a reject closes a suggestion (its
    undo opens it), a label checks only the suggestions at its place.
    """

    def __init__(self, project: Project, annotator: str) -> None:
        self.project = project
        self.annotator = annotator
        self.article_id: str | None = None
        self.items: list[Suggestion] = []
        self.current: str | None = None
        """The key of the suggestion chosen with Tab (or a click), if it is still offered."""
        self.names: dict[str, str] = {}
        """Actor id -> name, for the actors the suggestions name."""
        self._by_key: dict[str, Suggestion] = {}  # offered
        self._stored: list[Suggestion] = []  # every stored suggestion of the article, in order
        self._closed: set[str] = set()  # rejected or accepted by the annotator
        self._covered: set[str] = set()  # their labels cover it (`still_open` is False)
        self._settings: dict[str, bool] = {}
        self._looked_up: set[str] = set()  # actor ids read (a new actor's placeholder is not)

    def forget_names(self) -> None:
        """Actors were added, renamed or merged: read the names of those named again."""
        self.names.clear()
        self._looked_up.clear()
        self._name_actors()

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
        self._stored, self._closed, self._covered = [], set(), set()
        return diff

    def refresh(self, state: ArticleState) -> SuggestionDiff:
        """Read the article's suggestions again and keep those still offered.

        Returns the marks to redraw. The current suggestion stays current
        while it is offered.
        """
        if state.article.id != self.article_id:
            self.clear()
            self.article_id = state.article.id
        article_id, annotator = state.article.id, self.annotator
        project = self.project
        self._stored = project.stored_suggestions(article_id, annotator, include_closed=True)
        self._closed = project.rejected_keys(annotator, article_id) | project.accepted_keys(
            annotator, article_id
        )
        labels = state_labels(state)
        possible = [s for s in self._stored if s.kind != LINK or _link_possible(s, state)]
        still = {s.key for s in still_open_among(possible, labels)}  # labels indexed once
        self._covered = {s.key for s in self._stored if s.key not in still}
        self._settings = project.recommender_settings()
        return self._offer()

    def apply(self, state: ArticleState, changes: tuple[DomainChange, ...]) -> SuggestionDiff:
        """Keep up with what one action (or its undo) changed in the open article."""
        if state.article.id != self.article_id:
            return self.refresh(state)
        spans: list[Span] = []
        claims: set[str] = set()
        for change in changes:
            if isinstance(change, SuggestionChange):
                if change.annotator == self.annotator:
                    if change.after == OFFERED:
                        self._closed.discard(change.key)
                    else:
                        self._closed.add(change.key)
            elif isinstance(change, ClaimChange | MentionChange):
                for label in (change.before, change.after):
                    if label is not None and label.article_id == state.article.id:
                        spans.append(label.span)
                        claims.add(label.id)
            elif isinstance(change, LinkChange):
                claims.update(change.claims)
            elif isinstance(change, AssistSettingChange):
                self._settings = self.project.recommender_settings()
        touched = [s for s in self._stored if _touched(s, spans, claims)]
        if touched:
            labels = state_labels(state)
            for suggestion in touched:
                if _open(suggestion, labels, state):
                    self._covered.discard(suggestion.key)
                else:
                    self._covered.add(suggestion.key)
        return self._offer()

    def _offer(self) -> SuggestionDiff:
        """Offer what is neither closed nor covered, of recommenders switched on; the marks."""
        settings, closed, covered = self._settings, self._closed, self._covered
        offered = [
            s
            for s in self._stored
            if s.key not in closed
            and s.key not in covered
            and recommender_on(settings, s.recommender)
        ]
        before = self._by_key
        after = {s.key: s for s in offered}
        diff = SuggestionDiff()
        gone = [s for key, s in before.items() if not _same(after.get(key), s)]
        diff.removed = self._keys_of(gone)
        diff.added = [
            m for s in offered if not _same(before.get(s.key), s) for m in suggestion_marks(s)
        ]
        diff.changed = bool(gone) or bool(diff.added)
        self.items, self._by_key = offered, after
        if self.current not in after:
            self.current = None
        if diff.added:
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


def _same(first: Suggestion | None, second: Suggestion) -> bool:
    return first is second or first == second


def _open(suggestion: Suggestion, labels: ArticleLabels, state: ArticleState) -> bool:
    """Whether the annotator's labels leave ``suggestion`` open (see `still_open`)."""
    if suggestion.kind == LINK and not _link_possible(suggestion, state):
        return False
    return still_open(suggestion, labels)


def _touched(suggestion: Suggestion, spans: list[Span], claims: set[str]) -> bool:
    """Whether labels changed at ``spans`` (or claims ``claims``) may cover or free it."""
    span = suggestion.span
    if span is not None and any(overlap(span, other) or span == other for other in spans):
        return True
    if suggestion.kind == FIELDS and suggestion.claim is not None:
        return suggestion.claim.id in claims
    if suggestion.kind == LINK and suggestion.link is not None:
        return any(c in claims for c in suggestion.link)
    return False


def _link_possible(suggestion: Suggestion, state: ArticleState) -> bool:
    """A link is offered while this article's claim of it is there (the store checks the other)."""
    return suggestion.link is not None and any(c in state.claims for c in suggestion.link)
