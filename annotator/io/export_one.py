"""Shared by the standoff exports (brat, doccano): one annotation entry per article.

Those formats hold one set of labels per document, so an article whose export
keeps entries by several annotators is refused with a message that names them
and says how to choose (``--annotator NAME`` or ``--gold``).
"""

from __future__ import annotations

from annotator.core.errors import AnnotatorError
from annotator.core.model import ArticleLabels
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
