"""Export to brat standoff: per article ``<id>.txt`` and ``<id>.ann``, plus ``annotation.conf``.

See https://brat.nlplab.org/standoff.html and .../configuration.html. Offsets
are character offsets into the ``.txt`` as brat reads it (the UTF-8 file
decoded to a Python string), i.e. Unicode code points: the same numbers as the
project's own spans, so an emoji counts as one character.

- ``T`` lines: mentions (type: the actor's type, or ``Mention``), claims
  (``Claim``) and attribution cues (``Cue``). A span that crosses a line break
  is written as fragments (``start end;start end``), as brat itself does; a
  claim in segments (`annotator.core.segments`) is written as the fragments of
  its segments, so fragments with other words between them are segments and
  fragments with only line breaks between them are one.
- ``R`` lines: ``Source`` (the claim's cited source mention -> the claim) and
  ``Cue`` (the cue -> the claim).

With ``events`` (``--events``) claims are written as the attribution corpora
(PARC 3.0, PolNeAR) write them, instead of ``Claim`` spans and ``R`` lines:
a ``Content`` span, its ``Cue``, a ``Source`` span (a source-only mention,
its actor in a note; or a source of words such as "officials", at the
occurrence of those words nearest the cue; a marked mention keeps its actor
type as its span type), and an event
``E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1`` whose trigger (``T4``,
typed as the event) is on the cue (else on the content's first fragment);
``Attribution-no-source`` when the claim has no source. A claim with neither
cue nor source is a ``Content`` span alone.
- ``A`` lines on claims: ``Stance``, ``Category``, ``Certainty``,
  ``Checkworthy``, ``AttributionType``, ``SourceKind`` (schema value ids).
- ``#`` lines (``AnnotatorNotes``): a mention's actor name; a claim's
  claimant, addressee and target names and its note.

brat holds one annotator's labels per document: an article with entries by
several annotators is refused (choose with ``--annotator`` or ``--gold``).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.core.model import ATTRIBUTION_VOCAB_FIELDS, Actor, Article, ArticleLabels, Claim
from annotator.core.schema import LabelSchema
from annotator.core.spans import Span
from annotator.io.export import ExportFilter, iter_export
from annotator.io.export_one import one_entry
from annotator.store.project import Project

MENTION = "Mention"
CLAIM = "Claim"
CUE = "Cue"
CONTENT = "Content"
SOURCE = "Source"
ATTRIBUTION = "Attribution"
ATTRIBUTION_NO_SOURCE = "Attribution-no-source"
CLAIM_ATTRIBUTES = (
    ("Stance", "stance"),
    ("Category", "category"),
    ("Certainty", "certainty"),
    ("Checkworthy", "checkworthy"),
    ("AttributionType", "attribution_type"),
    ("SourceKind", "source_kind"),
)
"""brat attribute name -> schema field, for the attributes written on claims."""

_SAFE_NAME = re.compile(r"[^\w.-]")


def _file_stem(article_id: str) -> str:
    """A file name for an article id (characters unsafe in file names become ``_``)."""
    stem = _SAFE_NAME.sub("_", article_id)
    return stem if stem.strip(".") else f"_{stem}"


def _fragments(text: str, *spans: Span) -> tuple[str, str]:
    """brat's span field and covered text of ``spans``: each split at line breaks."""
    pieces = []
    for start, end in spans:
        for found in re.finditer(r"[^\r\n]+", text[start:end]):
            pieces.append((start + found.start(), start + found.end()))
    offsets = ";".join(f"{s} {e}" for s, e in pieces)
    return offsets, " ".join(text[s:e] for s, e in pieces)


def _nearest(text: str, words: str, near: int) -> Span | None:
    """The occurrence of ``words`` in ``text`` nearest to position ``near``, if any."""
    best: Span | None = None
    found = text.find(words)
    while words and found >= 0:
        if best is None or abs(found - near) < abs(best.start - near):
            best = Span(found, found + len(words))
        found = text.find(words, found + 1)
    return best


def _one_line(note: str) -> str:
    return " ".join(note.split())


def _claim_value(claim: Claim, field: str) -> str | None:
    owner = claim.attribution if field in ATTRIBUTION_VOCAB_FIELDS else claim
    value: str | None = getattr(owner, field)
    return value


def mention_type(actor: Actor | None) -> str:
    """The brat entity type of a mention of ``actor``."""
    return actor.type if actor is not None and actor.type else MENTION


def ann_lines(
    article: Article, entry: ArticleLabels, actors: dict[str, Actor], events: bool = False
) -> list[str]:
    """The lines of the ``.ann`` file for one annotation entry (``events``: see the module doc)."""
    text = article.text
    lines: list[str] = []
    t_of: dict[str, str] = {}
    counts = {"T": 0, "R": 0, "A": 0, "#": 0, "E": 0}

    def next_id(kind: str) -> str:
        counts[kind] += 1
        return f"{kind}{counts[kind]}"

    def add_t(key: str, kind: str, *spans: Span) -> str:
        tid = next_id("T")
        offsets, covered = _fragments(text, *spans)
        lines.append(f"{tid}\t{kind} {offsets}\t{covered}")
        t_of[key] = tid
        return tid

    def add_note(target: str, note: str) -> None:
        lines.append(f"{next_id('#')}\tAnnotatorNotes {target}\t{_one_line(note)}")

    for mention in sorted(entry.mentions, key=lambda m: (m.start, m.end, m.id)):
        actor = actors.get(mention.actor) if mention.actor else None
        kind = SOURCE if events and mention.source_only else mention_type(actor)
        tid = add_t(mention.id, kind, mention.span)
        if actor is not None:
            add_note(tid, f"actor: {actor.name}")
    claims = sorted(entry.claims, key=lambda c: (c.start, c.end, c.id))
    for claim in claims:
        tid = add_t(claim.id, CONTENT if events else CLAIM, *claim.content)
        for name, field in CLAIM_ATTRIBUTES:
            value = _claim_value(claim, field)
            if value is not None:
                lines.append(f"{next_id('A')}\t{name} {tid} {value}")
        parts = []
        for role in ("claimant", "addressee", "target"):
            actor_id = getattr(claim, role)
            if actor_id and actor_id in actors:
                parts.append(f"{role}: {actors[actor_id].name}")
        if claim.note.strip():
            parts.append(f"note: {claim.note}")
        if parts:
            add_note(tid, "; ".join(parts))
    if events:
        for claim in claims:
            lines += _event_lines(claim, text, t_of, next_id, add_t)
        return lines
    for claim in claims:
        cue = claim.attribution.cue
        if cue is not None:
            cue_t = add_t(f"cue:{claim.id}", CUE, cue)
            lines.append(f"{next_id('R')}\tCue Arg1:{cue_t} Arg2:{t_of[claim.id]}")
        source = claim.attribution.source_mention
        if source is not None and source in t_of:
            lines.append(f"{next_id('R')}\tSource Arg1:{t_of[source]} Arg2:{t_of[claim.id]}")
    return lines


def _event_lines(
    claim: Claim,
    text: str,
    t_of: dict[str, str],
    next_id: Callable[[str], str],
    add_t: Callable[..., str],
) -> list[str]:
    """The cue, source and trigger spans and the event of one claim (see the module doc)."""
    attribution = claim.attribution
    cue = attribution.cue
    source = t_of.get(attribution.source_mention) if attribution.source_mention else None
    if source is None and attribution.source_text:
        words = _nearest(text, attribution.source_text, cue.start if cue else claim.start)
        if words is not None:
            source = add_t(f"source:{claim.id}", SOURCE, words)
    if cue is None and source is None:
        return []
    args = [f"{CONTENT}:{t_of[claim.id]}"]
    if cue is not None:
        args.append(f"{CUE}:{add_t(f'cue:{claim.id}', CUE, cue)}")
    if source is not None:
        args.append(f"{SOURCE}:{source}")
    kind = ATTRIBUTION if source is not None else ATTRIBUTION_NO_SOURCE
    trigger = add_t(f"trigger:{claim.id}", kind, cue or claim.content[0])
    return [f"{next_id('E')}\t{kind}:{trigger} {' '.join(args)}"]


def annotation_conf(schema: LabelSchema, events: bool = False) -> str:
    """brat's ``annotation.conf`` declaring every type, relation and attribute value used.

    Its last line, a comment (brat skips lines that start with ``#``), names
    the schema the values come from (`LabelSchema.stamp`).
    """
    mention_types = [MENTION, *(t for t in schema.field("actor_type").ids() if t != MENTION)]
    claim = CONTENT if events else CLAIM
    if events:
        mention_types.append(SOURCE)
    lines = ["[entities]", *mention_types, claim, CUE, "", "[relations]"]
    if not events:
        lines.append(f"Source\tArg1:{'|'.join(mention_types)}, Arg2:{CLAIM}")
        lines.append(f"Cue\tArg1:{CUE}, Arg2:{CLAIM}")
    lines.append("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>")
    lines += ["", "[events]"]
    if events:
        sources = "|".join(mention_types)
        lines.append(f"{ATTRIBUTION}\t{CONTENT}:{CONTENT}, {CUE}?:{CUE}, {SOURCE}:{sources}")
        lines.append(f"{ATTRIBUTION_NO_SOURCE}\t{CONTENT}:{CONTENT}, {CUE}?:{CUE}")
    lines += ["", "[attributes]"]
    for name, field in CLAIM_ATTRIBUTES:
        lines.append(f"{name}\tArg:{claim}, Value:{'|'.join(schema.field(field).ids())}")
    lines += ["", f"# Claim annotator schema {schema.stamp()}"]
    return "\n".join(lines) + "\n"


def export_brat(
    project: Project,
    target: Path,
    where: ExportFilter,
    progress: Callable[[int, int], None] | None = None,
    events: bool = False,
) -> int:
    """Write a brat collection into the folder ``target``; return how many articles it holds.

    ``events``: claims as attribution events, as the corpora write them (see the module doc).

    The folder is built next to ``target`` and renamed into place when complete.

    A symbolic link to an empty folder stays: the folder it leads to is filled.

    Raises:
        AnnotatorError: ``target`` is a file (or a named pipe or device) or a folder
            that is not empty, or an article has labels by several annotators.
    """
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        what = "the folder is not empty" if target.is_dir() else "it is not a folder"
        raise AnnotatorError(f"{target}: {what}; brat export needs a new or empty folder")
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    written = 0
    stems: dict[str, str] = {}
    try:
        for items in iter_export(project, where, progress):
            for item in items:
                entry = one_entry(item, "brat")
                stem = _file_stem(item.article.id)
                if stem in stems:
                    raise AnnotatorError(
                        f"articles {stems[stem]!r} and {item.article.id!r} would both be "
                        f"written as {stem}.txt"
                    )
                stems[stem] = item.article.id
                lines = ann_lines(item.article, entry, item.actors, events) if entry else []
                (partial / f"{stem}.txt").write_text(item.article.text, "utf-8", newline="")
                ann = "".join(f"{line}\n" for line in lines)
                (partial / f"{stem}.ann").write_text(ann, "utf-8", newline="")
                written += 1
        conf = annotation_conf(project.schema, events)
        (partial / "annotation.conf").write_text(conf, "utf-8", newline="")
        if target.exists():
            target.rmdir()
        partial.replace(target)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return written
