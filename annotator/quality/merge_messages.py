"""How a merge names rows in its messages: as the user knows them, not by table and key.

A conflict says 'claim "Kestria must reopen…" of ana in harbour-01 was changed
in the package and in the project (stance 'oppose' in ana.claims, 'neutral'
here)': the words of a span, actors by name.
"""

from __future__ import annotations

from annotator.core.model import CLAIM_ACTOR_FIELDS
from annotator.store import package_rows
from annotator.store.fingerprints import Row, content_of
from annotator.store.project import Project

LABEL_NAMES = {"mentions": "mention", "claims": "claim", "statuses": "status"}
"""What one row of a label table is called."""

WORDS = 40
"""Characters of a span's words a message quotes."""


class MergeMessages:
    """Names rows of one package file for the messages of its merge."""

    def __init__(self, project: Project, file: str, actor_names: dict[str, str]) -> None:
        """Name rows as the lead's ``project`` has them.

        Args:
            project: the lead's project.
            file: the package's file name.
            actor_names: the package's actors by id (for actors the project lacks).
        """
        self.project = project
        self.file = file
        self.actor_names = actor_names

    def actor_name(self, actor_id: str | None) -> str | None:
        """An actor's name in the project, else in the package, else its id."""
        if actor_id is None:
            return None
        found = self.project.actor(actor_id)
        return found.name if found is not None else self.actor_names.get(actor_id, actor_id)

    def _words(self, article: str, start: int, end: int) -> str:
        words = " ".join(package_rows.words(self.project, article, start, end).split())
        return words if len(words) <= WORDS else words[: WORDS - 1] + "…"

    def describe(self, table: str, row: Row) -> str:
        """A row as the user knows it: 'claim "Kestria must reopen…" of ana in harbour-01'."""
        if table in ("mentions", "claims"):
            words = self._words(row["article_id"], row["start"], row["end"])
            return f'{LABEL_NAMES[table]} "{words}" of {row["annotator"]} in {row["article_id"]}'
        if table == "statuses":
            return f"the status of {row['annotator']} on {row['article_id']}"
        if table == "actors":
            return f"actor {row['name']!r}"
        if table == "actor_aliases":
            return f"alias {row['alias']!r} of {self.actor_name(row['actor_id'])!r}"
        return f"the link between claims {row['claim_a'][:8]} and {row['claim_b'][:8]}"

    def difference(self, table: str, mine: Row, theirs: Row) -> str:
        """What differs: "stance 'oppose' in ana.claims, 'neutral' here"."""
        ours, current = content_of(table, mine), content_of(table, theirs)
        parts = []
        for column, value in ours.items():
            if value == current[column]:
                continue
            there, here = value, current[column]
            if column in (*CLAIM_ACTOR_FIELDS, "actor_id"):
                there, here = self.actor_name(there), self.actor_name(here)
            label = column.replace("attr_", "attribution ").replace("_", " ")
            parts.append(f"{label} {there!r} in {self.file}, {here!r} here")
        return "; ".join(parts)
