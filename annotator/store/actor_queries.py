"""Reads of the actor registry: by id, by name or alias, pages of the registry, usage counts.

Mixed into `Project` through `ProjectQueries`. Actors are read with their
aliases (in their order); names are matched on ``name_key`` and
``alias_key`` (case folded, end spaces aside).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from annotator.core.model import Actor
from annotator.store.reader import Reader, chunks
from annotator.store.rows import actor_from_rows

Row = dict[str, Any]


class ActorQueries(Reader):
    """`Project`'s reads of actors; see `ProjectQueries`."""

    def actor(self, actor_id: str) -> Actor | None:
        """The actor with this id, or None."""
        found = self.actors_by_id([actor_id])
        return found.get(actor_id)

    def actors_by_id(self, ids: Iterable[str]) -> dict[str, Actor]:
        """The actors with these ids (unknown ids are left out)."""
        return {
            actor_id: actor_from_rows(row, aliases)
            for actor_id, (row, aliases) in self.actor_rows(ids).items()
        }

    def actor_rows(self, ids: Iterable[str]) -> dict[str, tuple[Row, list[Row]]]:
        """The ``actors`` row of each actor with these ids and its ``actor_aliases`` rows.

        The store's own read, for code that compares rows with those of the
        log (`annotator.store.changes`); everyone else reads `actors_by_id`.
        Rows hold ``id``, ``name`` and ``type``, and ``alias`` and ``position``,
        aliases in stored order (`annotator.store.rows.actor_from_rows`).
        """
        wanted = sorted(set(ids))
        rows: dict[str, Row] = {}
        aliases: dict[str, list[Row]] = defaultdict(list)
        for part in chunks(wanted):
            marks = ",".join("?" * len(part))
            for row in self._select(
                f"SELECT id, name, type FROM actors WHERE id IN ({marks})", part
            ):
                rows[row["id"]] = row
            for alias in self._select(
                f"SELECT actor_id, alias, position FROM actor_aliases WHERE actor_id IN ({marks})"
                " ORDER BY position, rowid",
                part,
            ):
                aliases[alias.pop("actor_id")].append(alias)
        return {actor_id: (row, aliases[actor_id]) for actor_id, row in rows.items()}

    def find_actors(self, prefix: str, limit: int = 20) -> list[Actor]:
        """Actors whose name or an alias starts with ``prefix`` (any case), by name."""
        key = prefix.strip().casefold()
        upper = key + "\U0010ffff"
        # The limit applies after sorting by name, so the first names are the ones shown.
        ids = [
            r[0]
            for r in self.conn.execute(
                "SELECT id FROM actors WHERE id IN ("
                " SELECT id FROM actors WHERE name_key >= ?1 AND name_key < ?2"
                " UNION SELECT actor_id FROM actor_aliases WHERE alias_key >= ?1 AND alias_key < ?2"
                ") ORDER BY name_key, id LIMIT ?3",
                (key, upper, limit),
            )
        ]
        found = self.actors_by_id(ids)
        return sorted(found.values(), key=lambda a: (a.name.casefold(), a.id))

    def actors_named(self, name: str) -> list[Actor]:
        """The actors whose name or an alias is exactly ``name`` (any case, end spaces aside).

        The project refuses a name or alias another actor has, so there is at
        most one, unless a file holds a clash from before that rule: then all
        are listed, by name, for the caller to ask which.
        """
        key = name.strip().casefold()
        ids = [
            r[0]
            for r in self.conn.execute(
                "SELECT id FROM actors WHERE name_key = ?1"
                " UNION SELECT actor_id FROM actor_aliases WHERE alias_key = ?1",
                (key,),
            )
        ]
        found = self.actors_by_id(ids)
        return sorted(found.values(), key=lambda a: (a.name.casefold(), a.id))

    def actor_count(self, prefix: str = "") -> int:
        """Number of actors whose name starts with ``prefix`` (any case)."""
        key = prefix.strip().casefold()
        found = self.conn.execute(
            "SELECT count(*) FROM actors WHERE name_key >= ?1 AND name_key < ?1 || char(1114111)",
            (key,),
        ).fetchone()
        return int(found[0])

    def actors_page(
        self, after: tuple[str, str] | None = None, limit: int = 100, prefix: str = ""
    ) -> list[tuple[tuple[str, str], Actor, int, int]]:
        """The next page of the registry by name, after the actor with key ``after``.

        Keyset paging: each actor comes with its key (its folded name and its
        id, the order of the registry), and the page after a key starts there
        through the index on names, so the last page costs what the first
        does. ``after`` None gives the first page. Each actor has its mention
        and claim counts (`actor_use_counts`, which read every label of
        theirs: see `actor_names_page` for the page without them).
        """
        page = self.actor_names_page(after, limit, prefix)
        counts = self.actor_use_counts(actor.id for _, actor in page)
        return [(key, actor, *counts[actor.id]) for key, actor in page]

    def actor_names_page(
        self, after: tuple[str, str] | None = None, limit: int = 100, prefix: str = ""
    ) -> list[tuple[tuple[str, str], Actor]]:
        """`actors_page` without the counts: the actors alone, read through the index on names.

        It costs the same whatever the number of labels, where the counts
        cost as many as the actors of the page have (a third of a second to
        seconds at 2 M labels, the file's pages not yet read).
        """
        key = prefix.strip().casefold()
        sql = (
            "SELECT a.name_key, a.id FROM actors a"
            " WHERE a.name_key >= ?1 AND a.name_key < ?1 || char(1114111)"
        )
        params: list[Any] = [key, limit]
        if after is not None:
            sql += " AND (a.name_key, a.id) > (?3, ?4)"
            params += list(after)
        rows = self.conn.execute(sql + " ORDER BY a.name_key, a.id LIMIT ?2", params).fetchall()
        actors = self.actors_by_id(r[1] for r in rows)
        return [((r[0], r[1]), actors[r[1]]) for r in rows if r[1] in actors]

    def actor_use_counts(self, ids: Iterable[str]) -> dict[str, tuple[int, int]]:
        """Actor id -> its numbers of mentions and of claims that refer to it (0 for unknown ids).

        A claim counts once however many of its roles (claimant, addressee,
        target) the actor has. Each count reads the index entries of the
        actor's labels, so it takes as long as the actors have labels: the
        Actors tab reads them in a thread of its own (`Project.reader`).
        """
        counts = dict.fromkeys(ids, (0, 0))
        for chunk in chunks(list(counts)):
            marks = ",".join("?" * len(chunk))
            for actor_id, mentions, claims in self.conn.execute(
                "SELECT a.id,"
                " (SELECT count(*) FROM mentions m WHERE m.actor_id = a.id),"
                " (SELECT count(*) FROM claims c WHERE c.claimant = a.id"
                "  OR c.addressee = a.id OR c.target = a.id)"
                f" FROM actors a WHERE a.id IN ({marks})",
                chunk,
            ):
                counts[actor_id] = (int(mentions), int(claims))
        return counts

    def actor_usage(self) -> list[tuple[Actor, int, int]]:
        """Every actor with its number of mentions and of claims that refer to it, by name."""
        counts = {
            r[0]: (r[1], r[2])
            for r in self.conn.execute(
                "SELECT a.id,"
                " (SELECT count(*) FROM mentions m WHERE m.actor_id = a.id),"
                " (SELECT count(*) FROM claims c WHERE c.claimant = a.id OR c.addressee = a.id"
                "  OR c.target = a.id)"
                " FROM actors a"
            )
        }
        actors = self.actors_by_id(counts)
        ordered = sorted(actors.values(), key=lambda a: (a.name.casefold(), a.id))
        return [(a, *counts[a.id]) for a in ordered]
