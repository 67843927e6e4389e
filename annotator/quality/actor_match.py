"""Which actor of the project an actor new in a work package is, by its names.

An actor new in a package whose name or one of whose aliases equals (ignoring
case and spacing, see `normalise`) the name or an alias of an actor in the
project is that actor. Names come before aliases, then the first actor by name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from annotator.store import package_rows
from annotator.store.project import Project


def normalise(name: str) -> str:
    """An actor name as merges compare it: any case, runs of spaces as one."""
    return " ".join(name.split()).casefold()


class NameIndex:
    """The project's actors by every name and alias, as `normalise` writes them."""

    def __init__(self, project: Project) -> None:
        self.by_name: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self.by_alias: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self.names: dict[str, str] = {}
        """Actor id -> name."""
        self.keys: dict[str, set[str]] = defaultdict(set)
        """Actor id -> its names and aliases, normalised."""
        for actor_id, name in package_rows.actor_names(project):
            self.add(actor_id, name, ())
        for actor_id, alias in package_rows.alias_names(project):
            self.add(actor_id, None, (alias,))

    def add(self, actor_id: str, name: str | None, aliases: Iterable[str]) -> None:
        """Index an actor's name (if given) and aliases."""
        if name is not None:
            self.names[actor_id] = name
            self.by_name[normalise(name)].add((normalise(name), actor_id))
            self.keys[actor_id].add(normalise(name))
        for alias in aliases:
            self.by_alias[normalise(alias)].add((normalise(self.names.get(actor_id, "")), actor_id))
            self.keys[actor_id].add(normalise(alias))

    def match(self, names: Sequence[str]) -> str | None:
        """The actor one of ``names`` (a name, then aliases) names: names before aliases."""
        first, others = [normalise(names[0])], [normalise(n) for n in names[1:]]
        for keys, table in (
            (first, self.by_name),
            (first, self.by_alias),
            (others, self.by_name),
            (others, self.by_alias),
        ):
            found = sorted(c for k in keys for c in table.get(k, ()))
            if found:
                return found[0][1]
        return None
