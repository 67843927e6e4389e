"""What an action, its undo or its redo changed, in the domain's own terms.

The event log keeps rows, because undo writes rows back. Everything above the
store wants to know which claims, mentions, actors, claim links and statuses
changed, and how: `domain_changes` translates a logged event (or its undo)
into `DomainChange` values, each the value before and after, so no view sees
a table name or a row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from annotator.core.model import Actor, Claim, ClaimLink, Mention, Status
from annotator.store.events import Change, Event
from annotator.store.queries import ProjectQueries
from annotator.store.rows import actor_from_rows, claim_from_row, mention_from_row


@dataclass(frozen=True, slots=True)
class ClaimChange:
    """A claim before and after the change (None: it did not exist)."""

    before: Claim | None
    after: Claim | None

    @property
    def id(self) -> str:
        """The claim's id."""
        claim = self.after or self.before
        assert claim is not None
        return claim.id


@dataclass(frozen=True, slots=True)
class MentionChange:
    """A mention before and after the change (None: it did not exist)."""

    before: Mention | None
    after: Mention | None

    @property
    def id(self) -> str:
        """The mention's id."""
        mention = self.after or self.before
        assert mention is not None
        return mention.id


@dataclass(frozen=True, slots=True)
class ActorChange:
    """A registry entry, aliases included, before and after the change (None: it did not exist)."""

    before: Actor | None
    after: Actor | None

    @property
    def id(self) -> str:
        """The actor's id."""
        actor = self.after or self.before
        assert actor is not None
        return actor.id


@dataclass(frozen=True, slots=True)
class LinkChange:
    """A link between two claims before and after the change (None: not linked)."""

    before: ClaimLink | None
    after: ClaimLink | None

    @property
    def claims(self) -> tuple[str, str]:
        """The ids of the two claims, as stored (``claim_a < claim_b``)."""
        link = self.after or self.before
        assert link is not None
        return link.claim_a, link.claim_b


@dataclass(frozen=True, slots=True)
class StatusChange:
    """One annotator's status on one article before and after ("todo" when never set)."""

    before: Status
    after: Status


OFFERED = "offered"
ACCEPTED = "accepted"
REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class SuggestionChange:
    """A suggestion accepted or rejected by an annotator, or (undone) offered again.

    ``before`` and ``after`` are `OFFERED`, `ACCEPTED` or `REJECTED`; the labels an
    accepted suggestion made come as changes of their own.
    """

    key: str
    annotator: str
    article_id: str | None
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class AssistSettingChange:
    """A recommender switched on or off, or the project's cue lexicon of a language edited.

    ``name`` is the recommender's name, or ``lexicon:<language>``.
    """

    name: str


DomainChange = (
    ClaimChange
    | MentionChange
    | ActorChange
    | LinkChange
    | StatusChange
    | SuggestionChange
    | AssistSettingChange
)
"""One value an action changed, before and after."""

Row = dict[str, Any]
_ACTOR_TABLES = ("actors", "actor_aliases")


def domain_changes(
    project: ProjectQueries, event: Event, undone: bool = False
) -> tuple[DomainChange, ...]:
    """What ``event`` (or, if ``undone``, its undo) changed, one value at a time.

    Call it right after the event was done, redone or undone: the rows of the
    log tell claims, mentions, links and statuses completely, but an actor's
    aliases are read from the project as that step left them.

    A value written more than once by one action (a claim whose claimant and
    target both follow an actor merge) is one change, from its first "before"
    to its last "after", in the place it was first written. A value that did
    not exist before or after (made and removed in one action) is left out.

    Args:
        project: the open project.
        event: an entry of its log.
        undone: translate the undo of ``event`` instead of the event.

    Returns:
        The changes in the order the action (or its undo) first wrote each value.
    """
    rows = event.applied(undone)
    order: list[tuple[str, str]] = []  # (kind, key) in the order first written
    first: dict[tuple[str, str], Change] = {}
    last: dict[tuple[str, str], Change] = {}
    actors: dict[str, list[Change]] = {}
    for change in rows:
        if change.table in _ACTOR_TABLES:
            actor_id = change.key["id" if change.table == "actors" else "actor_id"]
            slot = ("actor", actor_id)
            actors.setdefault(actor_id, []).append(change)
        elif change.table in _SUGGESTION_TABLES:
            slot = (change.table, _suggestion_slot(change))
        else:
            slot = (change.table, repr(sorted(change.key.items())))
        if slot not in first:
            order.append(slot)
            first[slot] = change
        last[slot] = change
    result: list[DomainChange] = []
    for slot in order:
        kind, key = slot
        translated: DomainChange | None
        if kind == "actor":
            translated = _actor_change(project, key, actors[key])
        elif kind in _SUGGESTION_TABLES:
            translated = _suggestion_change(first[slot], last[slot])
        else:
            translated = _value_change(first[slot], last[slot])
        if translated is not None:
            result.append(translated)
    return tuple(result)


def _value_change(first: Change, last: Change) -> DomainChange | None:
    """The change of a claim, mention, link or status from its first row change to its last."""
    before, after = first.before, last.after
    table = first.table
    if table == "statuses":
        return StatusChange(_status(first.key, before), _status(first.key, after))
    if before is None and after is None:
        return None
    if table == "claims":
        return ClaimChange(
            claim_from_row(before) if before else None, claim_from_row(after) if after else None
        )
    if table == "mentions":
        return MentionChange(
            mention_from_row(before) if before else None,
            mention_from_row(after) if after else None,
        )
    if table == "claim_links":
        return LinkChange(_link(before) if before else None, _link(after) if after else None)
    raise ValueError(f"no domain value is stored in the table {table!r}")


_SUGGESTION_TABLES = (
    "suggestion_rejections",
    "suggestion_provenance",
    "recommender_settings",
    "lexicons",
)


def _suggestion_slot(change: Change) -> str:
    """What one row of the suggestion tables is about: a suggestion of an annotator, a setting."""
    row = change.after or change.before or {}
    if change.table == "suggestion_rejections":
        return f"{change.key['annotator']}\0{change.key['key']}"
    if change.table == "suggestion_provenance":  # every label one accept made: one change
        return f"{row.get('accepted_by')}\0{change.key['key']}"
    return str(next(iter(change.key.values())))


def _suggestion_change(first: Change, last: Change) -> DomainChange | None:
    """The change of a suggestion's state, or of an assist setting, from its row changes."""
    if first.table == "recommender_settings":
        return AssistSettingChange(first.key["recommender"])
    if first.table == "lexicons":
        return AssistSettingChange(f"lexicon:{first.key['language']}")
    before, after = first.before, last.after
    if (before is None) == (after is None):
        return None
    row = before or after
    assert row is not None
    state = REJECTED if first.table == "suggestion_rejections" else ACCEPTED
    annotator = row["annotator"] if first.table == "suggestion_rejections" else row["accepted_by"]
    return SuggestionChange(
        row["key"],
        annotator,
        row.get("article_id"),
        OFFERED if before is None else state,
        state if after is not None else OFFERED,
    )


def _link(row: Row) -> ClaimLink:
    return ClaimLink(row["claim_a"], row["claim_b"], row["annotator"])


def _status(key: Row, row: Row | None) -> Status:
    if row is None:
        return Status(key["article_id"], key["annotator"])
    return Status(key["article_id"], key["annotator"], row["status"], row["comment"] or "")


def _actor_change(
    project: ProjectQueries, actor_id: str, changes: Sequence[Change]
) -> ActorChange | None:
    """An actor before and after the row changes of it and its aliases.

    The project holds the actor as it is after them; the one before is that
    with the changed rows as they were before (its aliases in stored order).
    """
    now_row, now_aliases = project.actor_rows([actor_id]).get(actor_id, (None, []))
    row_before = now_row
    aliases_before = {r["alias"]: r for r in now_aliases}
    seen: set[tuple[str, str]] = set()
    for change in changes:
        slot = (change.table, change.key.get("alias", ""))
        if slot in seen:
            continue  # only the first change of a row says how it was before
        seen.add(slot)
        if change.table == "actors":
            row_before = change.before
        elif change.before is None:
            aliases_before.pop(change.key["alias"], None)
        else:
            aliases_before[change.key["alias"]] = change.before
    before = actor_from_rows(row_before, aliases_before.values()) if row_before else None
    after = actor_from_rows(now_row, now_aliases) if now_row else None
    if before is None and after is None:
        return None
    return ActorChange(before, after)
