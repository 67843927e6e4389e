"""Edits of the actor registry: add and edit actors, their aliases, and merge two actors.

`ActorEdits` gives `Project` these actions (each one transaction and one
undo step, see `annotator.store.actions`). A name or alias belongs to one
actor only (ignoring case and end spaces): `_check_names_free` refuses a
second, and `merge_actors` is the way to combine two actors.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from annotator.core.errors import ValidationError, quoted
from annotator.core.model import CLAIM_ACTOR_FIELDS, Actor, new_id
from annotator.core.validate import validate_actor
from annotator.store.actions import ProjectActions
from annotator.store.events import now
from annotator.store.rows import actor_row, alias_row


class ActorEdits(ProjectActions):
    """`Project`'s actions on actors and aliases (see the module's docs)."""

    def add_actor(
        self, name: str, annotator: str, type: str | None = None, aliases: tuple[str, ...] = ()
    ) -> Actor:
        """Add an actor to the registry."""
        actor = Actor(new_id(), name.strip(), type, tuple(a.strip() for a in aliases))
        validate_actor(actor, self.schema)
        self._check_names_free(actor.names(), None)
        with self._action(f"Add actor {actor.name}", annotator, None) as rec:
            rec.put("actors", actor_row(actor, annotator, now()))
            for position, alias in enumerate(actor.aliases):
                rec.put("actor_aliases", alias_row(actor.id, alias, position))
        return actor

    def update_actor(self, actor_id: str, annotator: str, **changes: Any) -> Actor:
        """Rename an actor or change its type (``name=``, ``type=``)."""
        actor = self._existing_actor(actor_id)
        updated = dataclasses.replace(actor, **changes)
        validate_actor(updated, self.schema)
        if "name" in changes:
            self._check_names_free([updated.name], actor_id)
        with self._action(f"Edit actor {updated.name}", annotator, None) as rec:
            row = actor_row(updated, None, now())
            row["created_by"] = self._actor_creator(actor_id)
            rec.put("actors", row)
        return updated

    def add_alias(self, actor_id: str, alias: str, annotator: str) -> Actor:
        """Give an actor another name ("Beijing" for China)."""
        actor = self._existing_actor(actor_id)
        alias = alias.strip()
        validate_actor(dataclasses.replace(actor, aliases=(*actor.aliases, alias)), self.schema)
        self._check_names_free([alias], actor_id)
        with self._action(f"Add alias {alias}", annotator, None) as rec:
            rec.put(
                "actor_aliases", alias_row(actor_id, alias, self._next_alias_position(actor_id))
            )
        return dataclasses.replace(actor, aliases=(*actor.aliases, alias))

    def remove_alias(self, actor_id: str, alias: str, annotator: str) -> None:
        """Remove one alias of an actor."""
        with self._action(f"Remove alias {alias}", annotator, None) as rec:
            rec.delete("actor_aliases", {"actor_id": actor_id, "alias": alias})

    def merge_actors(self, keep_id: str, other_id: str, annotator: str) -> Actor:
        """Fold ``other`` into ``keep``: its labels follow, its names become aliases."""
        keep, other = self._existing_actor(keep_id), self._existing_actor(other_id)
        if keep_id == other_id:
            raise ValidationError("cannot merge an actor with itself")
        known = {n.casefold() for n in keep.names()}
        new_aliases = [n for n in other.names() if n.casefold() not in known]
        with self._action(f"Merge {other.name} into {keep.name}", annotator, None) as rec:
            first = self._next_alias_position(keep_id)
            for position, alias in enumerate(new_aliases, start=first):
                rec.put("actor_aliases", alias_row(keep_id, alias, position))
            for row in self._select("SELECT * FROM mentions WHERE actor_id = ?", (other_id,)):
                rec.put("mentions", {**row, "actor_id": keep_id})
            for field in CLAIM_ACTOR_FIELDS:
                sql = f"SELECT * FROM claims WHERE {field} = ?"
                for row in self._select(sql, (other_id,)):
                    rec.put("claims", {**row, field: keep_id})
            for alias in other.aliases:
                rec.delete("actor_aliases", {"actor_id": other_id, "alias": alias})
            rec.delete("actors", {"id": other_id})
        return dataclasses.replace(keep, aliases=(*keep.aliases, *new_aliases))

    def _check_names_free(self, names: Iterable[str], actor_id: str | None) -> None:
        """Refuse a name or alias that (ignoring case and end spaces) another actor has.

        Lookup by name ignores case, so two actors sharing one would make "the
        actor named X" ambiguous; `merge_actors` is the way to combine them.
        """
        for name in names:
            key = name.strip().casefold()
            for other in self.actors_named(name):
                if other.id == actor_id:
                    continue
                what = "the name" if other.name.casefold() == key else "an alias"
                raise ValidationError(
                    f"{quoted(name.strip())} is already {what} of {other.name} (actor {other.id})"
                )

    def _existing_actor(self, actor_id: str) -> Actor:
        actor = self.actor(actor_id)
        if actor is None:
            raise ValidationError(f"no actor {quoted(actor_id)} in this project")
        return actor

    def _next_alias_position(self, actor_id: str) -> int:
        # After the last position, not at the count: after a removal the count
        # repeats a position, and equal positions fall back to row order, which
        # an undo that re-inserts a row does not keep.
        found = self.conn.execute(
            "SELECT coalesce(max(position) + 1, 0) FROM actor_aliases WHERE actor_id = ?",
            (actor_id,),
        )
        return int(found.fetchone()[0])

    def _actor_creator(self, actor_id: str) -> str | None:
        found = self.conn.execute("SELECT created_by FROM actors WHERE id = ?", (actor_id,))
        creator: str | None = found.fetchone()[0]
        return creator
