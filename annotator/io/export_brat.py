"""Export to brat standoff: per article ``<id>.txt`` and ``<id>.ann``, plus ``annotation.conf``.

See https://brat.nlplab.org/standoff.html and .../configuration.html. Offsets
are character offsets into the ``.txt`` as brat reads it (the UTF-8 file
decoded to a Python string), i.e. Unicode code points: the same numbers as the
project's own spans, so an emoji counts as one character.

- ``T`` lines: mentions (type: the actor's type, or ``Mention``), claims
  (``Claim``) and attribution cues (``Cue``). A span that crosses a line break
  is written as fragments (``start end;start end``), as brat itself does.
- ``R`` lines: ``Source`` (the claim's cited source mention -> the claim) and
  ``Cue`` (the cue -> the claim).
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
from annotator.io.export import ExportFilter, iter_export
from annotator.io.export_one import one_entry
from annotator.store.project import Project

MENTION = "Mention"
CLAIM = "Claim"
CUE = "Cue"
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


def _fragments(text: str, start: int, end: int) -> tuple[str, str]:
    """brat's span field and covered text: split at line breaks into fragments."""
    pieces = []
    for found in re.finditer(r"[^\r\n]+", text[start:end]):
        pieces.append((start + found.start(), start + found.end()))
    offsets = ";".join(f"{s} {e}" for s, e in pieces)
    return offsets, " ".join(text[s:e] for s, e in pieces)


def _one_line(note: str) -> str:
    return " ".join(note.split())


def _claim_value(claim: Claim, field: str) -> str | None:
    owner = claim.attribution if field in ATTRIBUTION_VOCAB_FIELDS else claim
    value: str | None = getattr(owner, field)
    return value


def mention_type(actor: Actor | None) -> str:
    """The brat entity type of a mention of ``actor``."""
    return actor.type if actor is not None and actor.type else MENTION


def ann_lines(article: Article, entry: ArticleLabels, actors: dict[str, Actor]) -> list[str]:
    """The lines of the ``.ann`` file for one annotation entry."""
    text = article.text
    lines: list[str] = []
    t_of: dict[str, str] = {}
    counts = {"T": 0, "R": 0, "A": 0, "#": 0}

    def next_id(kind: str) -> str:
        counts[kind] += 1
        return f"{kind}{counts[kind]}"

    def add_t(key: str, kind: str, start: int, end: int) -> str:
        tid = next_id("T")
        offsets, covered = _fragments(text, start, end)
        lines.append(f"{tid}\t{kind} {offsets}\t{covered}")
        t_of[key] = tid
        return tid

    def add_note(target: str, note: str) -> None:
        lines.append(f"{next_id('#')}\tAnnotatorNotes {target}\t{_one_line(note)}")

    for mention in sorted(entry.mentions, key=lambda m: (m.start, m.end, m.id)):
        actor = actors.get(mention.actor) if mention.actor else None
        tid = add_t(mention.id, mention_type(actor), mention.start, mention.end)
        if actor is not None:
            add_note(tid, f"actor: {actor.name}")
    claims = sorted(entry.claims, key=lambda c: (c.start, c.end, c.id))
    for claim in claims:
        tid = add_t(claim.id, CLAIM, claim.start, claim.end)
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
    for claim in claims:
        cue = claim.attribution.cue
        if cue is not None:
            cue_t = add_t(f"cue:{claim.id}", CUE, cue.start, cue.end)
            lines.append(f"{next_id('R')}\tCue Arg1:{cue_t} Arg2:{t_of[claim.id]}")
        source = claim.attribution.source_mention
        if source is not None and source in t_of:
            lines.append(f"{next_id('R')}\tSource Arg1:{t_of[source]} Arg2:{t_of[claim.id]}")
    return lines


def annotation_conf(schema: LabelSchema) -> str:
    """brat's ``annotation.conf`` declaring every type, relation and attribute value used.

    Its last line, a comment (brat skips lines that start with ``#``), names
    the schema the values come from (`LabelSchema.stamp`).
    """
    mention_types = [MENTION, *(t for t in schema.field("actor_type").ids() if t != MENTION)]
    lines = ["[entities]", *mention_types, CLAIM, CUE, "", "[relations]"]
    lines.append(f"Source\tArg1:{'|'.join(mention_types)}, Arg2:{CLAIM}")
    lines.append(f"Cue\tArg1:{CUE}, Arg2:{CLAIM}")
    lines.append("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>")
    lines += ["", "[events]", "", "[attributes]"]
    for name, field in CLAIM_ATTRIBUTES:
        lines.append(f"{name}\tArg:{CLAIM}, Value:{'|'.join(schema.field(field).ids())}")
    lines += ["", f"# Claim annotator schema {schema.stamp()}"]
    return "\n".join(lines) + "\n"


def export_brat(
    project: Project,
    target: Path,
    where: ExportFilter,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write a brat collection into the folder ``target``; return how many articles it holds.

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
                lines = ann_lines(item.article, entry, item.actors) if entry else []
                (partial / f"{stem}.txt").write_text(item.article.text, "utf-8", newline="")
                ann = "".join(f"{line}\n" for line in lines)
                (partial / f"{stem}.ann").write_text(ann, "utf-8", newline="")
                written += 1
        conf = annotation_conf(project.schema)
        (partial / "annotation.conf").write_text(conf, "utf-8", newline="")
        if target.exists():
            target.rmdir()
        partial.replace(target)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return written
