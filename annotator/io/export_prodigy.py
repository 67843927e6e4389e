"""Export to Prodigy JSONL with tokens, spans and relations (the ``rel.manual`` format).

One article a line::

    {"text": "...", "meta": {"id": "a1", "title": "...", "story": ..., "annotator": "ana",
                             "claims": [{"span": 2, "stance": "oppose", ...}]},
     "tokens": [{"text": "Velgrad", "start": 3, "end": 10, "id": 2, "ws": true}, ...],
     "spans": [{"start": 3, "end": 10, "token_start": 2, "token_end": 2, "label": "state",
                "id": "<mention id>"}],
     "relations": [{"head": 2, "child": 9, "head_span": {...}, "child_span": {...},
                    "label": "SOURCE"}],
     "answer": "accept"}

Spans are mentions (label: the actor's type, or ``Mention``), claims
(``Claim``) and attribution cues (``Cue``). A claim in segments
(`annotator.core.segments`) is one ``Claim`` span per segment: the first is
the claim (its relations and ``meta.claims`` entry name it), and a
``SEGMENT`` relation (first -> further) ties it to each further one, whose
``id`` is ``segment<n>:<claim id>`` (n from 2); the import joins them again. Relations are ``CLAIMANT`` (a
mention of the claimant actor -> claim: the source mention when it names the
claimant, else the claimant's first mention in the article), ``SOURCE`` (source
mention -> claim) and ``CUE`` (cue -> claim). A claimant never mentioned in the
text has no relation; its name and the other claim fields are in
``meta.claims``, keyed by the claim's index in ``spans``. Each span's ``id``
is the id of its mention or claim (``cue:<claim id>`` for a cue), and a
relation's ``head_span``/``child_span`` copy it, so a relation names its span
even when two spans are on the same words with the same label (two claims).
As Prodigy does, ``head`` and ``child`` are the token index of the last token
(``token_end``) of ``head_span`` and ``child_span``.

Offsets ``start``/``end`` (end exclusive) count Unicode code points of
``text`` (Python's ``text[start:end]``, which Prodigy, a Python tool, uses).

Tokenizer: a token is a run of word characters (``\\w+``) or one other
non-space character (punctuation, symbols, each emoji code point). Whitespace
is kept as spaCy's tokenizer keeps it, so that ``Doc(vocab, words, spaces)``
built from the tokens' ``text`` and ``ws`` has exactly the article's text: one
space after a token is that token's ``ws``; any other whitespace (a second
space, a line break, a tab, whitespace at the start of the text) is a token of
its own, a run of whitespace one token (``"Bay.\\n\\nJosé"`` gives ``Bay``,
``.``, ``\\n\\n``, ``José``). Tokens are also cut at every span boundary of
the article, so every span is whole tokens (Prodigy needs spans aligned to
tokens, and ``Doc.char_span`` finds them): ``token_start`` and ``token_end``
are its first and last token. A span that starts or ends on a token's ``ws``
space makes that space a token, and a span of only whitespace is whitespace
tokens.

Prodigy holds one annotator's labels per example: an article with entries by
several annotators is refused (choose with ``--annotator`` or ``--gold``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, BinaryIO

from annotator.core.model import (
    Actor,
    Article,
    ArticleLabels,
    Claim,
    Mention,
)
from annotator.io.export import ExportFilter, replaced, write_lines
from annotator.io.export_brat import CLAIM, CUE, mention_type
from annotator.io.export_one import claim_fields, one_entry
from annotator.store.project import Project

CLAIMANT_RELATION = "CLAIMANT"
SOURCE_RELATION = "SOURCE"
CUE_RELATION = "CUE"
SEGMENT_RELATION = "SEGMENT"

_RUN = re.compile(r"\s+|\S+")
_WORD = re.compile(r"\w+|[^\w\s]")


def _runs(text: str) -> list[list[Any]]:
    """[start, end, ws] of each token, whitespace as spaCy's tokenizer treats it."""
    tokens: list[list[Any]] = []
    for run in _RUN.finditer(text):
        start, end = run.span()
        if not text[start].isspace():
            tokens += [[*m.span(), False] for m in _WORD.finditer(text, start, end)]
        elif tokens and text[start] == " ":  # the space after a token is its ws ...
            tokens[-1][2] = True
            if end > start + 1:  # ... and the rest of the run a token of its own
                tokens.append([start + 1, end, False])
        else:
            tokens.append([start, end, False])
    return tokens


def tokenize(text: str, spans: Iterable[tuple[int, int]] = ()) -> list[dict[str, Any]]:
    """Prodigy tokens of ``text``, cut so that each (start, end) of ``spans`` is whole tokens."""
    spans = list(spans)
    starts, ends = {s for s, _ in spans}, {e for _, e in spans}
    at = sorted(starts | ends)
    tokens: list[dict[str, Any]] = []
    for start, end, ws in _runs(text):
        # a span that starts or ends on the space after this token needs it as a token
        detach = ws and (end in starts or end + 1 in ends)
        inner = at[bisect_right(at, start) : bisect_left(at, end)]
        for s, e in zip([start, *inner], [*inner, end], strict=True):
            last = e == end
            tokens.append(
                {"text": text[s:e], "start": s, "end": e, "id": len(tokens), "ws": ws and last}
            )
        if detach:
            tokens[-1]["ws"] = False
            tokens.append(
                {"text": " ", "start": end, "end": end + 1, "id": len(tokens), "ws": False}
            )
    return tokens


def _claimant_mention(claim: Claim, mentions: list[Mention]) -> str | None:
    """The mention naming the claim's claimant: its source mention if so, else the first."""
    if claim.claimant is None:
        return None
    named = [m for m in mentions if m.actor == claim.claimant]
    source = [m for m in named if m.id == claim.attribution.source_mention]
    chosen = source or sorted(named, key=lambda m: (m.start, m.end, m.id))
    return chosen[0].id if chosen else None


def prodigy_line(
    article: Article, entry: ArticleLabels | None, actors: dict[str, Actor]
) -> dict[str, Any]:
    """The Prodigy example for one article and its (only) annotation entry."""
    text = article.text
    raw: list[tuple[str, int, int, str]] = []  # key, start, end, label
    if entry is not None:
        for mention in sorted(entry.mentions, key=lambda m: (m.start, m.end, m.id)):
            actor = actors.get(mention.actor) if mention.actor else None
            raw.append((mention.id, mention.start, mention.end, mention_type(actor)))
        claims = sorted(entry.claims, key=lambda c: (c.start, c.end, c.id))
        for claim in claims:
            head, *more = claim.content
            raw.append((claim.id, *head, CLAIM))
            raw += [(f"segment{n}:{claim.id}", *s, CLAIM) for n, s in enumerate(more, 2)]
        raw += [
            (f"cue:{claim.id}", *claim.attribution.cue, CUE)
            for claim in claims
            if claim.attribution.cue is not None
        ]
    else:
        claims = []
    tokens = tokenize(text, [(start, end) for _, start, end, _ in raw])
    starts = [t["start"] for t in tokens]
    ends = [t["end"] for t in tokens]
    spans: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for key, start, end, label in raw:
        first = bisect_right(ends, start)  # the token starting at start
        last = bisect_left(starts, end) - 1  # the token ending at end
        index[key] = len(spans)
        spans.append(
            {
                "start": start,
                "end": end,
                "token_start": first,
                "token_end": last,
                "label": label,
                "id": key,
            }
        )
    relations: list[dict[str, Any]] = []

    def relate(head_key: str, child_key: str, label: str) -> None:
        head, child = spans[index[head_key]], spans[index[child_key]]
        relations.append(
            {
                "head": head["token_end"],
                "child": child["token_end"],
                "head_span": head,
                "child_span": child,
                "label": label,
            }
        )

    meta_claims: list[dict[str, Any]] = []
    for claim in claims:
        claimant = _claimant_mention(claim, list(entry.mentions) if entry else [])
        if claimant is not None and claimant in index:
            relate(claimant, claim.id, CLAIMANT_RELATION)
        if claim.attribution.source_mention in index:
            relate(claim.attribution.source_mention, claim.id, SOURCE_RELATION)
        if claim.attribution.cue is not None:
            relate(f"cue:{claim.id}", claim.id, CUE_RELATION)
        for n in range(2, len(claim.content) + 1):
            relate(claim.id, f"segment{n}:{claim.id}", SEGMENT_RELATION)
        meta_claims.append({"span": index[claim.id], "id": claim.id, **claim_fields(claim, actors)})
    meta = {
        "id": article.id,
        "title": article.title,
        "story": article.story,
        "annotator": entry.annotator if entry is not None else None,
        "claims": meta_claims,
    }
    return {
        "text": text,
        "meta": meta,
        "tokens": tokens,
        "spans": spans,
        "relations": relations,
        "answer": "accept",
    }


def export_prodigy(
    project: Project,
    out: BinaryIO,
    where: ExportFilter | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write Prodigy JSONL to ``out``; return how many articles were written.

    Raises:
        AnnotatorError: an article has labels by several annotators.
    """
    return write_lines(
        project,
        out,
        lambda i: prodigy_line(i.article, one_entry(i, "prodigy"), i.actors),
        where,
        progress,
    )


def write_prodigy(
    project: Project,
    target: Path,
    where: ExportFilter,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write Prodigy JSONL to the file ``target`` (via a ``.partial`` file renamed into place)."""
    with replaced(target) as partial, open(partial, "wb") as out:
        return export_prodigy(project, out, where, progress)
