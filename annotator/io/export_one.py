"""Shared by the standoff exports (brat, doccano, Prodigy): one annotation entry per article.

Those formats hold one set of labels per document, so an article whose export
keeps entries by several annotators is refused with a message that names them
and says how to choose (``--annotator NAME`` or ``--gold``).
"""

from __future__ import annotations

from typing import Any

from annotator.core.errors import AnnotatorError
from annotator.core.model import (
    ATTRIBUTION_VOCAB_FIELDS,
    CLAIM_VOCAB_FIELDS,
    Actor,
    ArticleLabels,
    Claim,
)
from annotator.io.export import ExportItem


def one_entry(item: ExportItem, fmt: str) -> ArticleLabels | None:
    """The article's only annotation entry, or None when it has none.

    Raises:
        AnnotatorError: the export keeps entries by more than one annotator.
    """
    if len(item.entries) > 1:
        names = ", ".join(sorted(e.annotator for e in item.entries))
        raise AnnotatorError(
            f"{fmt} holds one annotator's labels per article, but {item.article.id!r} has "
            f"labels by {names}; export one with --annotator NAME, or --gold"
        )
    return item.entries[0] if item.entries else None


def claim_fields(claim: Claim, actors: dict[str, Actor]) -> dict[str, Any]:
    """A claim's fields as plain metadata: actors by name, vocabularies, attribution, note.

    For formats whose spans cannot carry them (doccano, Prodigy); their
    importers read these keys back.
    """
    fields: dict[str, Any] = {}
    for role in ("claimant", "addressee", "target"):
        actor_id = getattr(claim, role)
        fields[role] = actors[actor_id].name if actor_id in actors else None
    fields.update({f: getattr(claim, f) for f in CLAIM_VOCAB_FIELDS})
    fields.update({f: getattr(claim.attribution, f) for f in ATTRIBUTION_VOCAB_FIELDS})
    fields["note"] = claim.note
    return fields
