"""Label counts of an article, as one row of whole numbers: what splits are balanced on.

The columns (`Tally.columns`) are ``articles``, ``claims``, ``mentions``, then
for every vocabulary field of a claim (`COUNTED`) one column per schema value
and one for "not chosen" (``claims.stance=support`` ... ``claims.stance=``),
then the same for the actor type of a mention's actor (``mentions.actor_type=``).
The label distribution of a split is the sum of its articles' rows
(`Tally.distribution`).
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from typing import Any

from annotator.core.schema import LabelSchema
from annotator.store.label_queries import LabelRows
from annotator.store.rows import CLAIM_COLUMNS, MENTION_COLUMNS

COUNTED = {
    "stance": "stance",
    "category": "category",
    "certainty": "certainty",
    "checkworthy": "checkworthy",
    "attribution_type": "attribution_type",
    "source_kind": "attr_source_kind",
}
"""Claim vocabulary fields counted: schema field -> claim column."""

_ACTOR = MENTION_COLUMNS.index("actor_id")


class Tally:
    """The count columns of a schema, and how to fill them from an article's labels."""

    def __init__(self, schema: LabelSchema) -> None:
        self.fields: dict[str, tuple[str | None, ...]] = {
            f"claims.{name}": (*schema.field(name).ids(), None) for name in COUNTED
        }
        self.fields["mentions.actor_type"] = (*schema.field("actor_type").ids(), None)
        self.columns: list[str] = ["articles", "claims", "mentions"]
        self._at: dict[str, dict[str | None, int]] = {}
        for name, values in self.fields.items():
            self._at[name] = {}
            for value in values:
                self._at[name][value] = len(self.columns)
                self.columns.append(f"{name}={value or ''}")
        self._claim_columns = [
            (self._at[f"claims.{name}"], CLAIM_COLUMNS.index(column))
            for name, column in COUNTED.items()
        ]
        self.width = len(self.columns)

    def row(self, entry: LabelRows | None, actors: dict[str, Any]) -> array[int]:
        """The counts of one article's chosen labels (``entry``; None: no labels)."""
        counts = array("q", bytes(8 * self.width))
        counts[0] = 1
        if entry is None:
            return counts
        counts[1] = len(entry.claims)
        counts[2] = len(entry.mentions)
        for at, index in self._claim_columns:
            for claim in entry.claims:
                counts[at.get(claim[index], at[None])] += 1
        types = self._at["mentions.actor_type"]
        for mention in entry.mentions:
            actor = actors.get(mention[_ACTOR]) if mention[_ACTOR] else None
            kind = actor.type if actor is not None else None
            counts[types.get(kind, types[None])] += 1
        return counts

    def distribution(self, counts: Sequence[int]) -> dict[str, Any]:
        """Summed counts as JSON: articles, claims, mentions, and each field's value counts.

        ``fields`` maps ``stance`` ... ``source_kind`` (of claims) and ``actor_type``
        (of mentions' actors) to ``{"values": {id: count, ...}, "not_chosen": count}``,
        values in schema order.
        """
        fields: dict[str, Any] = {}
        for name, values in self.fields.items():
            at = self._at[name]
            fields[name.split(".", 1)[1]] = {
                "values": {v: counts[at[v]] for v in values if v is not None},
                "not_chosen": counts[at[None]],
            }
        return {"articles": counts[0], "claims": counts[1], "mentions": counts[2], "fields": fields}
