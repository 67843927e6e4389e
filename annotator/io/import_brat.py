"""Read a brat standoff folder (``<id>.txt`` + ``<id>.ann``) as records in the native line shape.

One record per ``.txt`` file (the folder is searched recursively; ``annotation.conf``
is ignored): the article id is the file stem, the text the whole ``.txt`` decoded as
UTF-8 (offsets are code points of it; ``\\r\\n`` is normalised as on the native path).
A missing ``.ann`` means an article without labels. In the ``.ann``:

- ``T`` lines: the type goes through the `LabelMap` ``[labels]`` to a claim, a
  mention (actor left empty), a cue or nothing; fragments ``start end;start end``
  become one span from the first start to the last end. The text after the
  offsets must be the ``.txt``'s text there (fragments joined by a space), so
  offsets that do not fit the text are refused, not imported shifted.
- ``R`` lines: the type goes through ``[relations]`` (``cue`` / ``source`` / ``ignore``).
- ``A`` (or ``M``) lines ``Stance``, ``Category``, ``Certainty``, ``Checkworthy``,
  ``AttributionType``, ``SourceKind`` on a claim set its fields (schema value ids);
  other attributes are ignored.
- ``#`` ``AnnotatorNotes`` on a claim: its note (the ``note:`` part of what our
  export writes, else the whole text); notes on other annotations are ignored.
- ``N`` (normalisation) and ``*`` (equivalence) lines are ignored; ``E`` (events)
  and anything else is an error.

The records go through `doccano_record` (cue attachment, label ids
``<article>:<annotator>:<kind><T id>``), then the native import path. Errors name
the ``.ann`` file and, where it is one line's fault, that line.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError, ValidationError
from annotator.io.export_brat import CLAIM_ATTRIBUTES
from annotator.io.import_doccano import doccano_record
from annotator.io.label_map import LabelMap
from annotator.io.readers import Record, read_whole, txt_files

DEFAULT_ANNOTATOR = "brat"
_ATTRIBUTES = dict(CLAIM_ATTRIBUTES)
_NOTE_PARTS = ("claimant: ", "addressee: ", "target: ", "note: ")


def brat_files(path: Path) -> list[Path]:
    """The ``.ann`` file of each ``.txt`` file of a brat folder (sorted), or of one ``.txt``."""
    return [p.with_suffix(".ann") for p in txt_files(path)]


def read_brat(
    path: Path, label_map: LabelMap, annotator: str = DEFAULT_ANNOTATOR
) -> Iterator[Record]:
    """Native-shaped records of a brat folder, numbered by ``.txt`` file (in `brat_files` order)."""
    done = 0
    for number, ann in enumerate(brat_files(path), 1):
        txt = ann.with_suffix(".txt")
        done += txt.stat().st_size + (ann.stat().st_size if ann.exists() else 0)
        try:
            record: dict[str, Any] | InputError = brat_record(txt, ann, label_map, annotator)
        except InputError as exc:
            record = exc
        yield number, record, done


def _read(path: Path) -> str:
    raw = read_whole(path)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError(str(path), "not valid UTF-8; save the file as UTF-8", line) from None


def _note(text: str) -> str:
    """A claim's note from an AnnotatorNotes text (ours: ``claimant: ..; note: ..``)."""
    if not text.startswith(_NOTE_PARTS):
        return text
    if text.startswith("note: "):
        return text[len("note: ") :]
    found = text.find("; note: ")
    return text[found + len("; note: ") :] if found >= 0 else ""


def _fragments(offsets: str) -> list[tuple[int, int]]:
    pairs = []
    for fragment in offsets.split(";"):
        parts = fragment.split()
        if len(parts) != 2 or not all(p.isascii() and p.isdigit() for p in parts):
            raise ValidationError(f"bad offsets {offsets!r} (expected 'start end;start end')")
        pairs.append((int(parts[0]), int(parts[1])))
    return pairs


def _check_words(head: str, pairs: list[tuple[int, int]], words: str | None, text: str) -> None:
    """Check the words a ``T`` line quotes against the ``.txt`` at its offsets.

    brat writes the text of each fragment, joined by a space; a line break
    inside a fragment may be written as a space. Offsets outside the text are
    left to the span checks, which say so.

    Raises:
        ValidationError: the words are missing or differ from the text there.
    """
    if words is None:
        raise ValidationError(f"{head} has no text after its offsets (brat writes it there)")
    if any(not 0 <= start <= end <= len(text) for start, end in pairs):
        return
    found = " ".join(text[start:end] for start, end in pairs)
    if words in (found, " ".join(found.splitlines())):
        return
    where = ";".join(f"{start} {end}" for start, end in pairs)
    raise ValidationError(
        f"{head} says {words!r} but the .txt has {found!r} at {where};"
        " the offsets do not fit this text"
    )


def brat_record(
    txt: Path, ann: Path, label_map: LabelMap, annotator: str = DEFAULT_ANNOTATOR
) -> dict[str, Any]:
    """The native record of one ``.txt`` / ``.ann`` pair.

    Raises:
        InputError: a file cannot be read or the ``.ann`` is not valid (naming it and the line).
    """
    name = str(ann)
    text = _read(txt).removeprefix(codecs.BOM_UTF8.decode("utf-8"))
    content = _read(ann) if ann.exists() else ""
    entities: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    fields: dict[str, dict[str, Any]] = {}
    where: dict[str, int] = {}  # T id -> line
    concepts: dict[str, str] = {}

    def claim_of(target: str, number: int) -> dict[str, Any] | None:
        if target not in concepts:
            raise InputError(name, f"{target!r} is not a text-bound annotation above", number)
        if concepts[target] != "claim":
            return None
        return fields.setdefault(target, {"entity": target})

    for number, line in enumerate(content.splitlines(), 1):
        if not line.strip():
            continue
        head, _, rest = line.partition("\t")
        kind = head[:1]
        body = rest.partition("\t")
        try:
            if kind == "T":
                label, _, offsets = body[0].partition(" ")
                concept = label_map.labels.get(label)
                if concept is None:
                    known = ", ".join(sorted(label_map.labels))
                    raise ValidationError(
                        f"unknown type {label!r} (known: {known});"
                        " map it in a --map file under [labels]"
                    )
                if head in concepts:
                    raise ValidationError(f"{head} is defined twice (first on line {where[head]})")
                pairs = _fragments(offsets)
                _check_words(head, pairs, body[2] if body[1] else None, text)
                start, end = pairs[0][0], pairs[-1][1]
                concepts[head], where[head] = concept, number
                entities.append(
                    {"id": head, "start_offset": start, "end_offset": end, "label": label}
                )
            elif kind == "R":
                parts = body[0].split()
                args = dict(p.split(":", 1) for p in parts[1:] if ":" in p)
                if len(parts) != 3 or set(args) != {"Arg1", "Arg2"}:
                    raise ValidationError("expected 'R<n>\\tType Arg1:T<n> Arg2:T<n>'")
                if parts[0] not in label_map.relations:
                    known = ", ".join(sorted(label_map.relations))
                    raise ValidationError(
                        f"unknown relation type {parts[0]!r} (known: {known});"
                        " map it in a --map file under [relations]"
                    )
                for arg in args.values():
                    if arg not in concepts:
                        raise ValidationError(f"{arg!r} is not a text-bound annotation above")
                relations.append(
                    {"id": head, "type": parts[0], "from_id": args["Arg1"], "to_id": args["Arg2"]}
                )
            elif kind in ("A", "M"):
                parts = body[0].split()
                if len(parts) not in (2, 3):
                    raise ValidationError("expected 'A<n>\\tName T<n> [value]'")
                field = _ATTRIBUTES.get(parts[0])
                claim = claim_of(parts[1], number)
                if field is not None and claim is not None:
                    claim[field] = parts[2] if len(parts) == 3 else None
            elif kind == "#":
                parts = body[0].split()
                if len(parts) == 2 and parts[0] == "AnnotatorNotes":
                    claim = claim_of(parts[1], number)
                    if claim is not None:
                        claim["note"] = _note(body[2]) or None
            elif kind == "E":
                raise ValidationError("events (E lines) are not supported")
            elif kind not in ("N", "*"):
                raise ValidationError("not a brat standoff line (T, R, A, M, #, N or *)")
        except ValidationError as exc:
            raise InputError(name, str(exc), number) from None
    obj = {
        "id": txt.stem,
        "text": text,
        "entities": entities,
        "relations": relations,
        "claims": list(fields.values()),
    }
    try:
        record = doccano_record(obj, 0, label_map, annotator)
    except ValidationError as exc:
        raise InputError(name, str(exc)) from None
    if not entities:
        record["annotations"] = []  # an empty (or missing) .ann: the article alone
    return record
