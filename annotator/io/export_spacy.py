"""Export to a spaCy DocBin (``.spacy``): one `Doc` per article.

Each Doc is tokenised by ``spacy.blank(LANG)``, LANG being the article's
``language`` (its part before ``-``/``_``) when spaCy has that language and its
tokenizer needs nothing more installed, else ``"en"``. Labels are span groups:

- ``doc.spans["claims"]``: label ``Claim``, ``span.id_`` the claim id; a
  claim in segments (`annotator.core.segments`) is one span per segment, all
  with the claim's id (the first carries the claim's fields, below);
- ``doc.spans["mentions"]``: label the actor's type (or ``Mention``),
  ``span.id_`` the mention id, ``span.kb_id_`` the actor id (or empty);
- ``doc.spans["cues"]``: label ``Cue``, ``span.id_`` the id of its claim.

Spans are made with ``Doc.char_span(start, end, alignment_mode=...)``
(``"expand"`` by default: a span inside a token grows to the whole token;
``"contract"`` shrinks to the tokens inside; ``"strict"`` keeps only spans on
token boundaries). A span that cannot be aligned is left out and counted.

``doc.user_data`` holds ``"article_id"``, ``"title"``, ``"source"``, ``"story"``
and ``"annotator"``; ``"schema"``, ``"schema_revision"`` and
``"schema_fingerprint"``, the label schema the values come from (a DocBin has
no place of its own for it); and each claim's fields (those of the hf export, see
`claim_fields`, with the stored offsets and text) under
``("claim", span.start_char, span.end_char, span.id_)``. Read a DocBin with
``DocBin().from_disk(path).get_docs(spacy.blank("en").vocab)``.

One annotator's labels per article: an article with entries by several
annotators is refused (choose with ``--annotator`` or ``--gold``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError
from annotator.core.schema import LabelSchema
from annotator.io.export import ExportFilter, ExportItem, iter_export, replaced
from annotator.io.export_brat import CLAIM, CUE, mention_type
from annotator.io.export_hf import claim_fields
from annotator.io.export_one import one_entry
from annotator.store.project import Project

log = logging.getLogger(__name__)

ALIGNMENT_MODES = ("strict", "contract", "expand")


@dataclass(frozen=True, slots=True)
class SpacyExport:
    """What a spaCy export wrote: articles (Docs), and spans that could not be aligned."""

    articles: int
    unaligned: int


def import_spacy() -> Any:
    """The ``spacy`` module, or a message saying how to install it."""
    try:
        import spacy
        import spacy.tokens
    except ImportError as exc:
        raise AnnotatorError("the spacy format needs spaCy: pip install spacy") from exc
    return spacy


def blank_for(spacy: Any, language: str | None, cache: dict[str, Any]) -> Any:
    """The blank pipeline for an article's language (see the module doc), made once per code."""
    code = (language or "en").replace("_", "-").split("-")[0].lower() or "en"
    if code not in cache:
        try:
            cache[code] = spacy.blank(code)
        except (ImportError, KeyError, ValueError, OSError):
            # Not a spaCy language, or its tokenizer needs a package that is missing.
            cache[code] = cache.get("en") or spacy.blank("en")
    return cache[code]


def article_doc(
    nlp: Any, item: ExportItem, alignment_mode: str, schema: LabelSchema
) -> tuple[Any, int]:
    """The Doc of one exported article, and how many of its spans could not be aligned."""
    article = item.article
    entry = one_entry(item, "spacy")
    doc = nlp.make_doc(article.text)
    doc.user_data.update(
        article_id=article.id,
        title=article.title,
        source=article.source,
        story=article.story,
        annotator=entry.annotator if entry else None,
        schema=schema.name,
        schema_revision=schema.revision,
        schema_fingerprint=schema.fingerprint,
    )
    groups: dict[str, list[Any]] = {"claims": [], "mentions": [], "cues": []}
    unaligned = 0

    def span(group: str, start: int, end: int, label: str, span_id: str, kb: str) -> Any:
        nonlocal unaligned
        made = doc.char_span(
            start, end, label=label, kb_id=kb, span_id=span_id, alignment_mode=alignment_mode
        )
        if made is None or len(made) == 0:
            unaligned += 1
            return None
        groups[group].append(made)
        return made

    if entry is not None:
        for m in sorted(entry.mentions, key=lambda m: (m.start, m.end, m.id)):
            label = mention_type(item.actors.get(m.actor) if m.actor else None)
            span("mentions", m.start, m.end, label, m.id, m.actor or "")
        segments = {c.id: c.content for c in entry.claims}
        for fields in claim_fields(article, entry, item.actors):
            first, *more = segments[fields["id"]]
            made = span("claims", *first, CLAIM, fields["id"], "")
            if made is not None:
                doc.user_data[("claim", made.start_char, made.end_char, fields["id"])] = fields
            for segment in more:
                span("claims", *segment, CLAIM, fields["id"], "")
            if fields["cue_start"] is not None:
                span("cues", fields["cue_start"], fields["cue_end"], CUE, fields["id"], "")
    for name, spans in groups.items():
        doc.spans[name] = spans
    return doc, unaligned


UNSTREAMABLE = "a spaCy DocBin is one compressed whole, read back with random access"


def spacy_docbin(
    project: Project,
    target: Path,
    where: ExportFilter | None = None,
    progress: Callable[[int, int], None] | None = None,
    alignment_mode: str = "expand",
) -> SpacyExport:
    """Write the DocBin ``target`` (via a ``.partial`` file renamed into place).

    Raises:
        AnnotatorError: spaCy is not installed, an unknown alignment mode, an
            article with labels by several annotators, or a target that is a
            named pipe or device (`UNSTREAMABLE`).
    """
    if alignment_mode not in ALIGNMENT_MODES:
        raise AnnotatorError(
            f"alignment mode {alignment_mode!r} is not one of {', '.join(ALIGNMENT_MODES)}"
        )
    spacy = import_spacy()
    docbin = spacy.tokens.DocBin(store_user_data=True)
    blanks: dict[str, Any] = {}
    articles = unaligned = 0
    with replaced(target, unstreamable=UNSTREAMABLE) as partial:
        for items in iter_export(project, where or ExportFilter(), progress):
            for item in items:
                nlp = blank_for(spacy, item.article.language, blanks)
                doc, missed = article_doc(nlp, item, alignment_mode, project.schema)
                docbin.add(doc)
                articles += 1
                unaligned += missed
        partial.write_bytes(docbin.to_bytes())
    return SpacyExport(articles, unaligned)


def export_spacy(
    project: Project,
    target: Path,
    where: ExportFilter,
    progress: Callable[[int, int], None] | None = None,
    alignment_mode: str = "expand",
) -> int:
    """`spacy_docbin` for the format registry: returns the number of articles.

    Spans that could not be aligned are reported as a logged warning.
    """
    result = spacy_docbin(project, target, where, progress, alignment_mode)
    if result.unaligned:
        log.warning(
            "%d span(s) could not be aligned to spaCy tokens (alignment mode %s) and were left out",
            result.unaligned,
            alignment_mode,
        )
    return result.articles
