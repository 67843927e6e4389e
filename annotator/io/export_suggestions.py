"""Suggestions in exports, on request: native JSONL's ``suggestions`` key, Label Studio's predictions.

Suggestions are never labels, and exports keep them apart:

- **native JSONL** (``--suggestions``): each line gets a top-level
  ``"suggestions"`` object after ``"annotations"``::

      "suggestions": {
        "offered": [{"annotator": "ana", "key": "…", "recommender": "patterns", "version": "1",
                     "score": 0.9, "kind": "claim", "note": "cue 'said'",
                     "claim": {"start": 10, "end": 80, "text": "…", "stance": null, …,
                               "attribution": {"attribution_type": "indirect", "source_kind": "named",
                                               "source_text": "…", "cue": {"start": 5, "end": 9, "text": "said"}}},
                     "mentions": [{"start": 0, "end": 5, "text": "China", "actor": "<actor id>",
                                   "source_only": true}],
                     "actor": null, "link": null}],
        "accepted": [{"label": "<label id>", "kind": "claim", "key": "…", "recommender": "patterns",
                      "version": "1", "score": 0.9, "accepted_by": "ana", "accepted_at": "…"}]}

  ``offered`` are the suggestions still offered to each annotator (neither
  rejected nor accepted, not covered by their labels), for whom they were
  computed; a proposed claim in pieces (a quotation split around its cue)
  keeps ``start``/``end``/``text`` as their hull and lists them under
  ``segments`` as a native claim does; ``accepted`` is the provenance of the labels that came from
  accepted suggestions (``kind``: claim, mention, actor, link, or fields for
  values set on a claim). The native importer reads lines with this key and
  keeps nothing of it (suggestions are computed again by the project that
  imports them): it never becomes ``meta`` or labels.
- **Label Studio** (``--suggestions``): each task gets ``"predictions"``, one
  per recommender and version (``model_version`` ``"patterns 1"``, ``score``
  their mean score), whose ``result`` holds regions and relations shaped as
  the annotations' are (claims, cues, source mentions, per-region choices,
  mentions), each with its own ``score``; a proposed claim in pieces is
  one region over their hull there. Links between articles have no
  place in a task and are left out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, BinaryIO

import orjson

from annotator.assist.suggestion import CLAIM, FIELDS, LINK, MENTION, Suggestion
from annotator.core.model import (
    ATTRIBUTION_VOCAB_FIELDS,
    CLAIM_ACTOR_FIELDS,
    CLAIM_VOCAB_FIELDS,
    Actor,
    Article,
    ArticleLabels,
    Claim,
)
from annotator.core.spans import Span
from annotator.io.export import ExportFilter, ExportItem, iter_export
from annotator.io.native import SUGGESTIONS_KEY as SUGGESTIONS_KEY
from annotator.io.native import article_line
from annotator.store.project import Project
from annotator.store.suggestion_rows import Provenance, still_open

# -- which suggestions ------------------------------------------------------------------------


def offered_in_batch(
    project: Project, items: Sequence[ExportItem], annotator: str | None
) -> dict[str, list[tuple[str, Suggestion]]]:
    """Article id -> (annotator, suggestion) still offered, for a batch of exported articles."""
    ids = [item.article.id for item in items]
    stored = project.stored_suggestions_by_article(ids, annotator)
    if not stored:
        return {}
    labels = project.labels_for(list(stored), annotator)
    out: dict[str, list[tuple[str, Suggestion]]] = {}
    for article_id, entries in stored.items():
        kept = []
        for name, suggestion in entries:
            own = labels.get(article_id, {}).get(name)
            if own is None or still_open(suggestion, own):
                kept.append((name, suggestion))
        if kept:
            out[article_id] = kept
    return out


# -- native JSONL -----------------------------------------------------------------------------


def _span_json(text: str, span: Span | None) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"start": span.start, "end": span.end, "text": text[span.start : span.end]}


def _claim_json(text: str, claim: Claim, kind: str) -> dict[str, Any]:
    a = claim.attribution
    out: dict[str, Any] = {}
    if kind == FIELDS:
        out["id"] = claim.id  # the labelled claim the values are for
    out.update({"start": claim.start, "end": claim.end, "text": text[claim.start : claim.end]})
    if claim.segments:  # a split quotation: its pieces, as a native claim lists them
        out["segments"] = [_span_json(text, piece) for piece in claim.segments]
    out.update({f: getattr(claim, f) for f in (*CLAIM_ACTOR_FIELDS, *CLAIM_VOCAB_FIELDS)})
    out["attribution"] = {
        **{f: getattr(a, f) for f in ATTRIBUTION_VOCAB_FIELDS},
        "source_text": a.source_text,
        "cue": _span_json(text, a.cue),
    }
    if claim.extra:
        out["extra"] = claim.extra
    return out


def suggestion_json(text: str, annotator: str, s: Suggestion) -> dict[str, Any]:
    """One offered suggestion as the native export writes it (see the module doc)."""
    actor = s.actor
    return {
        "annotator": annotator,
        "key": s.key,
        "recommender": s.recommender,
        "version": s.version,
        "score": s.score,
        "kind": s.kind,
        "note": s.note,
        "claim": _claim_json(text, s.claim, s.kind) if s.claim is not None else None,
        "mentions": [
            {**(_span_json(text, m.span) or {}), "actor": m.actor, "source_only": m.source_only}
            for m in s.mentions
        ],
        "actor": {"name": actor.name, "type": actor.type} if actor is not None else None,
        "link": list(s.link) if s.link else None,
    }


def provenance_json(p: Provenance) -> dict[str, Any]:
    """Where one label came from, as the native export writes it."""
    return {
        "label": p.label_id,
        "kind": p.label,
        "key": p.key,
        "recommender": p.recommender,
        "version": p.version,
        "score": p.score,
        "accepted_by": p.accepted_by,
        "accepted_at": p.accepted_at,
    }


def export_jsonl_with_suggestions(
    project: Project,
    out: BinaryIO,
    where: ExportFilter | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Native JSONL whose lines carry their suggestions under `SUGGESTIONS_KEY`; the count."""
    where = where or ExportFilter()
    annotator = "gold" if where.gold else where.annotator
    written = 0
    for items in iter_export(project, where, progress):
        offered = offered_in_batch(project, items, annotator)
        accepted = project.provenance_by_article([i.article.id for i in items], annotator)
        lines = []
        for item in items:
            article = item.article
            line = article_line(article, item.rows, item.actors, project.schema)
            line[SUGGESTIONS_KEY] = {
                "offered": [
                    suggestion_json(article.text, name, s)
                    for name, s in offered.get(article.id, [])
                ],
                "accepted": [provenance_json(p) for p in accepted.get(article.id, [])],
            }
            lines.append(orjson.dumps(line))
        out.write(b"\n".join(lines))
        out.write(b"\n")
        written += len(lines)
    return written


# -- Label Studio -----------------------------------------------------------------------------


def _region(region_id: str, text: str, span: Span, label: str, score: float) -> dict[str, Any]:
    return {
        "id": region_id,
        "from_name": "label",
        "to_name": "text",
        "type": "labels",
        "value": {
            "start": span.start,
            "end": span.end,
            "text": text[span.start : span.end],
            "labels": [label],
        },
        "score": score,
    }


def _choice(region_id: str, text: str, span: Span, name: str, value: str) -> dict[str, Any]:
    return {
        "id": region_id,
        "from_name": name,
        "to_name": "text",
        "type": "choices",
        "value": {
            "start": span.start,
            "end": span.end,
            "text": text[span.start : span.end],
            "choices": [value],
        },
    }


def _relation(from_id: str, to_id: str, label: str) -> dict[str, Any]:
    return {"type": "relation", "from_id": from_id, "to_id": to_id, "direction": "right",
            "labels": [label]}  # fmt: skip


def prediction_results(
    article: Article, s: Suggestion, actors: dict[str, Actor]
) -> list[dict[str, Any]]:
    """The Label Studio results of one suggestion (regions first, then relations)."""
    from annotator.io.export_brat import CLAIM as CLAIM_LABEL
    from annotator.io.export_brat import CUE, mention_type

    text = article.text
    regions: list[dict[str, Any]] = []
    extras: list[dict[str, Any]] = []
    prefix = f"s-{s.key[:12]}"
    for i, m in enumerate(s.mentions):
        actor = (
            s.actor if s.actor is not None and m.actor == s.actor.id else actors.get(m.actor or "")
        )
        regions.append(_region(f"{prefix}-m{i}", text, m.span, mention_type(actor), s.score))
    claim = s.claim
    if claim is not None and s.kind in (CLAIM, FIELDS):
        claim_id = claim.id if s.kind == FIELDS else f"{prefix}-c"
        regions.append(_region(claim_id, text, claim.span, CLAIM_LABEL, s.score))
        for name in (*CLAIM_VOCAB_FIELDS, *ATTRIBUTION_VOCAB_FIELDS):
            owner = claim.attribution if name in ATTRIBUTION_VOCAB_FIELDS else claim
            value = getattr(owner, name)
            if value is not None:
                extras.append(_choice(claim_id, text, claim.span, name, value))
        cue = claim.attribution.cue
        if cue is not None:
            regions.append(_region(f"{claim_id}:cue", text, cue, CUE, s.score))
            extras.append(_relation(f"{claim_id}:cue", claim_id, "Cue"))
        source = claim.attribution.source_mention
        for i, m in enumerate(s.mentions):
            if m.id == source:
                extras.append(_relation(f"{prefix}-m{i}", claim_id, "Source"))
    return regions + extras


def predictions(
    article: Article, suggestions: Sequence[Suggestion], actors: dict[str, Actor]
) -> list[dict[str, Any]]:
    """A task's ``predictions``: one per recommender and version, best first within each."""
    groups: dict[tuple[str, str], list[Suggestion]] = {}
    for s in suggestions:
        if s.kind in (CLAIM, MENTION, FIELDS):
            groups.setdefault((s.recommender, s.version), []).append(s)
    out = []
    for (name, version), group in sorted(groups.items()):
        results = [r for s in group for r in prediction_results(article, s, actors)]
        score = sum(s.score for s in group) / len(group)
        out.append({"model_version": f"{name} {version}", "score": round(score, 4),
                    "result": results})  # fmt: skip
    return out


def task_suggestions(
    offered: Sequence[tuple[str, Suggestion]], entry: ArticleLabels | None, annotator: str | None
) -> list[Suggestion]:
    """The suggestions a task shows: the chosen annotator's (or the task's), else each once."""
    name = annotator or (entry.annotator if entry is not None else None)
    chosen = [s for who, s in offered if name is None or who == name]
    return list({s.key: s for s in chosen if s.kind != LINK}.values())
