"""Export to Label Studio: a JSON list of tasks plus the matching labelling config.

``--format label-studio -o tasks.json`` writes ``tasks.json`` (a JSON list, one
task per article) and, next to it, ``tasks.label_config.xml`` (the labelling
config to paste into the project's settings). A task::

    {"data": {"text": "...", "id": "a1", "title": "...", "story": ..., "annotator": "ana"},
     "annotations": [{"result": [
        {"id": "<mention id>", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": 3, "end": 10, "text": "Velgrad", "labels": ["state"]}},
        {"id": "<claim id>", ..., "value": {..., "labels": ["Claim"]}},
        {"id": "<claim id>", "from_name": "stance", "to_name": "text", "type": "choices",
         "value": {"start": .., "end": .., "text": "..", "choices": ["oppose"]}},
        {"id": "<claim id>", "from_name": "note", "to_name": "text", "type": "textarea",
         "value": {"start": .., "end": .., "text": ["the note"]}},
        {"type": "relation", "from_id": "<mention id>", "to_id": "<claim id>",
         "direction": "right", "labels": ["Source"]}]}]}

Regions (``type: "labels"``, ``from_name: "label"``) are mentions (label: the
actor's type, or ``Mention``), claims (``Claim``) and attribution cues
(``Cue``); region ids are the project's label ids (a cue's is ``<claim id>:cue``).
Relations are ``Source`` (source mention -> claim) and ``Cue`` (cue -> claim).
A claim in segments (`annotator.core.segments`) is one ``Claim`` region per
segment: the first has the claim's id (its relations and per-region answers
name it) and a ``Segment`` relation ties it to each further one, whose id is
``<claim id>:segment<n>`` (n from 2); the import joins them again.
A claim's ``stance``, ``category``, ``certainty``, ``checkworthy``,
``attribution_type`` and ``source_kind`` are per-region choices: results of
``type: "choices"`` with the claim region's id, as Label Studio writes a
``<Choices perRegion="true">`` answer. Its note is a per-region text area
(``<TextArea name="note" perRegion="true">``): a result of ``type: "textarea"``,
``from_name: "note"``, with the claim region's id and ``value.text`` a list of
one string (Label Studio's TextArea result holds a list of texts). An article
with no labels is a task with ``"annotations": []``.

Offsets: ``value.start``/``value.end`` of a ``<Text>`` region count Unicode
**code points** (Python's ``text[start:end]``), not UTF-16 units of the JS
string. Source: HumanSignal/label-studio PR #1559 "Fix offsets in Text with
emoji" ("store code points instead of js length", closes issue #1008; merged
through label-studio-frontend PR #308), and the editor's end-to-end test
"NER - Emoji - Text" (web/libs/editor), "Should calculate offsets by code
points in text", which expects ``start: 21`` for "test" in
``"🐱 Warning: This is a test text"`` (UTF-16 units would give 22). Releases
before that fix (issue #1347, 2021) counted UTF-16 units. So the project's own
spans are written as they are; an emoji counts as one character.

Label Studio holds one annotation per task here: an article with entries by
several annotators is refused (choose with ``--annotator`` or ``--gold``).

On request (``--suggestions``) a task also carries the suggestions offered as
``predictions`` with ``model_version`` and ``score`` (`annotator.io.export_suggestions`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from annotator.core.model import (
    ATTRIBUTION_VOCAB_FIELDS,
    CLAIM_VOCAB_FIELDS,
    Actor,
    Article,
    ArticleLabels,
    Claim,
)
from annotator.core.schema import LabelSchema
from annotator.io.export import ExportFilter, ExportItem, iter_export, replaced
from annotator.io.export_brat import CLAIM, CUE, MENTION, mention_type
from annotator.io.export_one import one_entry
from annotator.io.label_map import SEGMENT
from annotator.store.project import Project

LABELS = "label"
"""``from_name`` of the span regions (the ``<Labels>`` control)."""
TEXT = "text"
"""``to_name`` of every result (the ``<Text>`` object)."""
SOURCE_RELATION = "Source"
CUE_RELATION = "Cue"
CHOICE_FIELDS = (*CLAIM_VOCAB_FIELDS, *ATTRIBUTION_VOCAB_FIELDS)
"""Every per-region ``<Choices>`` of a claim, by ``from_name`` (= schema field)."""
NOTE = "note"
"""``from_name`` of a claim's note (a per-region ``<TextArea>``)."""


def config_path(target: Path) -> Path:
    """Where the labelling config goes: ``<stem>.label_config.xml`` next to ``target``."""
    return target.with_name(f"{target.stem}.label_config.xml")


def _region(region_id: str, text: str, start: int, end: int, label: str) -> dict[str, Any]:
    return {
        "id": region_id,
        "from_name": LABELS,
        "to_name": TEXT,
        "type": "labels",
        "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]},
    }


def _per_region(claim: Claim, text: str, kind: str, name: str, value: Any) -> dict[str, Any]:
    start, end = claim.content[0]  # the claim's region: its first segment
    key = "choices" if kind == "choices" else "text"
    return {
        "id": claim.id,
        "from_name": name,
        "to_name": TEXT,
        "type": kind,
        "value": {"start": start, "end": end, "text": text[start:end], key: [value]},
    }


def _choices(claim: Claim, text: str) -> list[dict[str, Any]]:
    """The claim's per-region choices and, if it has a note, its note text area."""
    results = []
    for field in CHOICE_FIELDS:
        owner = claim.attribution if field in ATTRIBUTION_VOCAB_FIELDS else claim
        value = getattr(owner, field)
        if value is not None:
            results.append(_per_region(claim, text, "choices", field, value))
    if claim.note:
        results.append(_per_region(claim, text, "textarea", NOTE, claim.note))
    return results


def _relation(from_id: str, to_id: str, label: str) -> dict[str, Any]:
    return {
        "type": "relation",
        "from_id": from_id,
        "to_id": to_id,
        "direction": "right",
        "labels": [label],
    }


def task(article: Article, entry: ArticleLabels | None, actors: dict[str, Actor]) -> dict[str, Any]:
    """The Label Studio task for one article and its (only) annotation entry."""
    text = article.text
    data = {
        "text": text,
        "id": article.id,
        "title": article.title,
        "story": article.story,
        "annotator": entry.annotator if entry is not None else None,
    }
    if entry is None:
        return {"data": data, "annotations": []}
    regions: list[dict[str, Any]] = []
    extras: list[dict[str, Any]] = []
    ids: set[str] = set()
    for mention in sorted(entry.mentions, key=lambda m: (m.start, m.end, m.id)):
        actor = actors.get(mention.actor) if mention.actor else None
        regions.append(_region(mention.id, text, mention.start, mention.end, mention_type(actor)))
        ids.add(mention.id)
    claims = sorted(entry.claims, key=lambda c: (c.start, c.end, c.id))
    for claim in claims:
        first, *more = claim.content
        regions.append(_region(claim.id, text, *first, CLAIM))
        extras.extend(_choices(claim, text))
        for n, segment in enumerate(more, 2):
            regions.append(_region(f"{claim.id}:segment{n}", text, *segment, CLAIM))
            extras.append(_relation(claim.id, f"{claim.id}:segment{n}", SEGMENT))
    for claim in claims:
        cue = claim.attribution.cue
        if cue is not None:
            cue_id = f"{claim.id}:cue"
            regions.append(_region(cue_id, text, cue.start, cue.end, CUE))
            extras.append(_relation(cue_id, claim.id, CUE_RELATION))
        source = claim.attribution.source_mention
        if source is not None and source in ids:
            extras.append(_relation(source, claim.id, SOURCE_RELATION))
    return {"data": data, "annotations": [{"result": regions + extras}]}


def _offered(project: Project, items: list[ExportItem], where: ExportFilter) -> dict[str, Any]:
    from annotator.io.export_suggestions import offered_in_batch

    return offered_in_batch(project, items, "gold" if where.gold else where.annotator)


def _predictions(
    project: Project,
    item: ExportItem,
    entry: ArticleLabels | None,
    offered: dict[str, Any],
    where: ExportFilter,
) -> list[dict[str, Any]]:
    from annotator.io.export_suggestions import predictions, task_suggestions

    chosen = task_suggestions(offered.get(item.article.id, []), entry, where.annotator)
    wanted = {m.actor for s in chosen for m in s.mentions if m.actor}
    actors = {**project.actors_by_id(wanted - set(item.actors)), **item.actors}
    return predictions(item.article, chosen, actors)


def label_config(schema: LabelSchema) -> str:
    """The labelling config XML declaring every label, relation, per-region choice and the note.

    A comment first in the ``<View>`` names the schema the values come from
    (`LabelSchema.stamp`).
    """
    view = ET.Element("View")
    stamp = schema.stamp().replace("--", "- -")  # "--" may not occur in an XML comment
    view.append(ET.Comment(f" Claim annotator schema {stamp} "))
    labels = ET.SubElement(view, "Labels", name=LABELS, toName=TEXT)
    mention_types = [MENTION, *(t for t in schema.field("actor_type").ids() if t != MENTION)]
    for value in (*mention_types, CLAIM, CUE):
        ET.SubElement(labels, "Label", value=value)
    ET.SubElement(view, "Text", name=TEXT, value="$text")
    relations = ET.SubElement(view, "Relations")
    for value in (SOURCE_RELATION, CUE_RELATION, SEGMENT):
        ET.SubElement(relations, "Relation", value=value)
    per_region = ET.SubElement(view, "View", visibleWhen="region-selected")
    for field in CHOICE_FIELDS:
        ET.SubElement(per_region, "Header", value=field)
        choices = ET.SubElement(
            per_region, "Choices", name=field, toName=TEXT, perRegion="true", choice="single"
        )
        for value in schema.field(field).ids():
            ET.SubElement(choices, "Choice", value=value)
    ET.SubElement(per_region, "Header", value=NOTE)
    ET.SubElement(
        per_region,
        "TextArea",
        name=NOTE,
        toName=TEXT,
        perRegion="true",
        editable="true",
        maxSubmissions="1",
    )
    ET.indent(view)
    return ET.tostring(view, encoding="unicode") + "\n"


def write_label_studio(
    project: Project,
    target: Path,
    where: ExportFilter,
    progress: Callable[[int, int], None] | None = None,
    suggestions: bool = False,
) -> int:
    """Write the tasks to ``target`` and the config next to it; return how many tasks.

    Both files are written as ``.partial`` files and renamed into place when complete.
    With ``suggestions``, each task carries the suggestions still offered as
    ``predictions`` (see `annotator.io.export_suggestions`).

    Raises:
        AnnotatorError: an article has labels by several annotators, or ``target`` is
            a named pipe or device (the config could not go beside it).
    """
    config = config_path(target)
    written = 0
    # The config is renamed into place first; the tasks only if both are complete.
    beside = f"a Label Studio export also writes its config beside the tasks ({config.name})"
    with replaced(target, beside) as partial, replaced(config) as partial_config:
        with open(partial, "wb") as out:
            out.write(b"[")
            for items in iter_export(project, where, progress):
                offered = _offered(project, items, where) if suggestions else {}
                for item in items:
                    entry = one_entry(item, "label-studio")
                    line = task(item.article, entry, item.actors)
                    if suggestions:
                        line["predictions"] = _predictions(project, item, entry, offered, where)
                    out.write((b",\n" if written else b"\n") + orjson.dumps(line))
                    written += 1
            out.write(b"\n]\n")
        partial_config.write_text(label_config(project.schema), "utf-8", newline="")
    return written
