"""Read brat standoff (``<id>.txt`` + ``<id>.ann``) as records in the native line shape.

Two layouts are read:

- one folder (searched recursively; ``annotation.conf`` is ignored): one record
  per ``.txt`` file, its labels in the ``.ann`` beside it, by one annotator;
- a corpus (`BratLayout`): texts in one folder, annotations in another, each
  ``.ann`` named after its text plus, optionally, an annotator suffix (a regular
  expression, e.g. ``_([0-9a-f]{4})$`` for PolNeAR's ``<article>_4e07.ann``)
  whose match is the annotator's name. An article annotated twice becomes one
  record with two annotators' entries, ready for agreement.

The article id is the text file's stem, the text the whole ``.txt`` decoded as
UTF-8 (offsets are code points of it; ``\\r\\n`` is normalised as on the native
path). A text without an ``.ann`` is an article without labels. In the ``.ann``:

- ``T`` lines: the type goes through the `LabelMap` ``[labels]`` to a claim, a
  mention (actor left empty), a source (a mention made only as a claim's
  source), a cue or nothing. A claim's fragments ``start end;start end`` are
  its segments (`annotator.core.segments`); fragments with only line breaks
  between them (brat splits a selection at line ends, as our export does) are
  one segment. A mention's or cue's fragments become one span from the first
  start to the last end. The text after the offsets must be the ``.txt``'s
  text there (fragments joined by a space; a line break inside may be written
  as it is, continuing on the next line), so offsets that do not fit the text
  are refused, not imported shifted. A span whose type is an event type in
  ``[events]`` is an event's trigger and nothing of its own.
- ``E`` lines (``E1\\tAttribution:T4 Content:T3 Cue:T2 Source:T1``): the event
  type and each role go through ``[events.<type>]``; one event is one claim
  whose content is its ``claim`` arguments (several: its segments), with its
  ``cue`` and cited ``source``; an event without a source role is a claim
  without a source. The claim takes the fields and note of its content span.
  An event without content is left out with a warning, and so are the spans
  only it takes; an argument whose span the map ignores is left out of its
  event with a warning. A content span an event takes is not a claim of its
  own. In a file with events, a cue that no event or relation takes is left
  out with a warning (without events, a cue goes to the one claim it overlaps).
- ``R`` lines: the type goes through ``[relations]`` (``cue`` / ``source`` /
  ``segment`` / ``ignore``).
- ``A`` (or ``M``) lines ``Stance``, ``Category``, ``Certainty``, ``Checkworthy``,
  ``AttributionType``, ``SourceKind`` on a claim set its fields (schema value ids);
  other attributes are ignored.
- ``#`` ``AnnotatorNotes`` on a claim: its note (the ``note:`` part of what our
  export writes, else the whole text); notes on other annotations are ignored.
- ``N`` (normalisation) and ``*`` (equivalence) lines are ignored; anything
  else is an error.

A source whose claim's source kind is words (unnamed, document, author; see
`annotator.core.model.Attribution`) is kept as the claim's source words, not
as a mention: that is how our export writes such a source in brat.

The records go through `doccano_record` (cue attachment, label ids
``<article>:<annotator>:<kind><T or E id>``), then the native import path. Errors
name the ``.ann`` file and, where it is one line's fault, that line.
"""

from __future__ import annotations

import codecs
import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError, ValidationError
from annotator.core.model import WORD_SOURCES
from annotator.io.export_brat import CLAIM_ATTRIBUTES
from annotator.io.import_doccano import doccano_record
from annotator.io.label_map import LabelMap
from annotator.io.readers import Noted, Record, read_whole, txt_files

DEFAULT_ANNOTATOR = "brat"
_ATTRIBUTES = dict(CLAIM_ATTRIBUTES)
_NOTE_PARTS = ("claimant: ", "addressee: ", "target: ", "note: ")
_LINE = re.compile(r"(?:[TRAEMN#]\d+|\*)\t")
"""The start of an annotation line; any other line continues the text of the one before."""
_EVENT_CUE, _EVENT_SOURCE = "\x00event cue", "\x00event source"
"""Relation types (no file can name them) that tie an event's cue and source to its claim."""


@dataclass(frozen=True)
class BratLayout:
    """Where a corpus keeps its texts and annotations, and how an annotation file is named.

    Attributes:
        ann_dir: the folder of the ``.ann`` files (searched recursively).
        annotator_pattern: a regular expression searched in each ``.ann`` file's
            stem: its match (its first group, or the group named ``annotator``,
            when it has one) is the annotator, and the stem without the match
            the article. None: every ``.ann`` is named as its text and its
            labels are the default annotator's.
    """

    ann_dir: Path
    annotator_pattern: str | None = None

    def compiled(self) -> re.Pattern[str] | None:
        """The annotator pattern, compiled.

        Raises:
            InputError: it is not a regular expression.
        """
        if self.annotator_pattern is None:
            return None
        try:
            return re.compile(self.annotator_pattern)
        except re.error as exc:
            raise InputError("--annotator-pattern", f"not a regular expression ({exc})") from None


def brat_files(path: Path) -> list[Path]:
    """The ``.ann`` file of each ``.txt`` file of a brat folder (sorted), or of one ``.txt``."""
    return [p.with_suffix(".ann") for p in txt_files(path)]


def read_brat(
    path: Path,
    label_map: LabelMap,
    annotator: str = DEFAULT_ANNOTATOR,
    layout: BratLayout | None = None,
) -> Iterator[Record]:
    """Native-shaped records of a brat folder, numbered by ``.txt`` file (in `txt_files` order).

    With a ``layout``, ``path`` is the folder of the texts and each text's
    annotations are found by `pair_files`.
    """
    texts = txt_files(path)
    pairs = (
        pair_files(texts, layout, annotator)
        if layout is not None
        else {t: [(annotator, t.with_suffix(".ann"))] for t in texts}
    )
    done = 0
    for number, txt in enumerate(texts, 1):
        anns = [(who, ann) for who, ann in pairs.get(txt, []) if ann.exists()]
        done += txt.stat().st_size + sum(ann.stat().st_size for _, ann in anns)
        try:
            record: dict[str, Any] | Noted | InputError = brat_article(txt, anns, label_map)
        except InputError as exc:
            record = exc
        yield number, record, done


def pair_files(
    texts: list[Path], layout: BratLayout, annotator: str
) -> dict[Path, list[tuple[str, Path]]]:
    """Each text's annotation files and their annotators, by `BratLayout`'s naming.

    Raises:
        InputError: an ``.ann`` whose name does not fit the pattern or names no
            text, or two files of one annotator for one text.
    """
    pattern = layout.compiled()
    by_stem = {t.stem: t for t in texts}
    pairs: dict[Path, list[tuple[str, Path]]] = {}
    if not layout.ann_dir.is_dir():
        raise InputError(str(layout.ann_dir), "no such folder (--ann-dir)")
    for ann in sorted(p for p in layout.ann_dir.rglob("*.ann") if p.is_file()):
        stem, who = ann.stem, annotator
        if pattern is not None:
            found = pattern.search(stem)
            if found is None or found.end() == found.start():
                raise InputError(
                    str(ann), f"its name does not match the annotator pattern {pattern.pattern!r}"
                )
            group = (
                "annotator" if "annotator" in pattern.groupindex else (1 if found.re.groups else 0)
            )
            who = found.group(group)
            stem = stem[: found.start()] + stem[found.end() :]
        txt = by_stem.get(stem)
        if txt is None:
            raise InputError(str(ann), f"there is no text {stem + '.txt'!r} for it")
        listed = pairs.setdefault(txt, [])
        if any(who == other for other, _ in listed):
            raise InputError(str(ann), f"a second annotation file of {who!r} for {txt.name}")
        listed.append((who, ann))
    return pairs


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


def _words_fit(pairs: list[tuple[int, int]], words: str, text: str) -> bool:
    """True if ``words`` are the text at the fragments (joined by a space), or offsets are off."""
    if any(not 0 <= start <= end <= len(text) for start, end in pairs):
        return True  # left to the span checks, which say so
    found = " ".join(text[start:end] for start, end in pairs)
    return words in (found, " ".join(found.splitlines()))


def _check_words(head: str, pairs: list[tuple[int, int]], words: str | None, text: str) -> None:
    """Check the words a ``T`` line quotes against the ``.txt`` at its offsets.

    Raises:
        ValidationError: the words are missing or differ from the text there.
    """
    if words is None:
        raise ValidationError(f"{head} has no text after its offsets (brat writes it there)")
    if _words_fit(pairs, words, text):
        return
    found = " ".join(text[start:end] for start, end in pairs)
    where = ";".join(f"{start} {end}" for start, end in pairs)
    raise ValidationError(
        f"{head} says {words!r} but the .txt has {found!r} at {where};"
        " the offsets do not fit this text"
    )


def _pieces(pairs: list[tuple[int, int]], text: str) -> list[list[int]]:
    """A claim's segments from its fragments: those apart only by line breaks are one."""
    pieces: list[list[int]] = []
    for start, end in sorted(pairs):
        if pieces and 0 <= pieces[-1][1] <= start <= len(text):
            gap = text[pieces[-1][1] : start]
            if gap.strip("\r\n") == "":
                pieces[-1][1] = max(pieces[-1][1], end)
                continue
        pieces.append([start, end])
    return pieces


@dataclass
class _Span:
    """A ``T`` line: its id, label, concept, fragments and line."""

    tid: str
    label: str
    concept: str
    pairs: list[tuple[int, int]]
    line: int


@dataclass
class _Event:
    """An ``E`` line: its id, type, arguments ``(role, T id)`` and line."""

    eid: str
    kind: str
    args: list[tuple[str, str]]
    line: int


@dataclass
class _Ann:
    """What one ``.ann`` file says, line by line."""

    spans: dict[str, _Span] = field(default_factory=dict)
    relations: list[dict[str, Any]] = field(default_factory=list)
    events: list[_Event] = field(default_factory=list)
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)  # T id -> claim fields


def _lines(content: str) -> Iterator[tuple[int, str, list[str]]]:
    """``(line number, line, continuation lines)`` of an ``.ann``: a line that starts no
    annotation continues the one before (a ``T`` text with a line break in it)."""
    pending: tuple[int, str, list[str]] | None = None
    for number, line in enumerate(content.splitlines(), 1):
        if pending is not None and not _LINE.match(line):
            pending[2].append(line)  # a blank line too: a text may hold "\n\n"
            continue
        if pending is not None:
            yield _trimmed(pending)
        pending = (number, line, []) if line.strip() else None
    if pending is not None:
        yield _trimmed(pending)


def _trimmed(pending: tuple[int, str, list[str]]) -> tuple[int, str, list[str]]:
    """A line and its continuation lines without the blank lines that end them."""
    number, line, more = pending
    while more and not more[-1].strip():
        more.pop()
    return number, line, more


def _role(role: str) -> str:
    """An event role without the number brat gives a role repeated (``Content2``)."""
    return role.rstrip("0123456789") or role


def _parse(name: str, content: str, text: str, label_map: LabelMap) -> _Ann:
    """The annotations of an ``.ann`` file, each line checked on its own.

    Raises:
        InputError: a line that is not valid (naming the file and the line).
    """
    ann = _Ann()

    def claim_of(target: str, number: int) -> dict[str, Any] | None:
        if target not in ann.spans:
            raise InputError(name, f"{target!r} is not a text-bound annotation above", number)
        if ann.spans[target].concept != "claim":
            return None
        return ann.fields.setdefault(target, {"entity": target})

    for number, line, more in _lines(content):
        head, _, rest = line.partition("\t")
        kind = head[:1]
        body = rest.partition("\t")
        try:
            if kind == "T":
                label, _, offsets = body[0].partition(" ")
                concept = label_map.labels.get(label)
                if concept is None and label in label_map.events:
                    concept = "trigger"
                if concept is None:
                    known = ", ".join(sorted(label_map.labels))
                    raise ValidationError(
                        f"unknown type {label!r} (known: {known});"
                        " map it in a --map file under [labels]"
                    )
                if head in ann.spans:
                    first = ann.spans[head].line
                    raise ValidationError(f"{head} is defined twice (first on line {first})")
                pairs = _fragments(offsets)
                words = "\n".join([body[2], *more]) if body[1] else None
                if more and words is not None and not _words_fit(pairs, words, text):
                    words = body[2]  # the lines after are no continuation: they fail below
                _check_words(head, pairs, words, text)
                ann.spans[head] = _Span(head, label, concept, pairs, number)
            elif more:
                raise InputError(name, "not a brat standoff line", number + 1)
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
                    if arg not in ann.spans:
                        raise ValidationError(f"{arg!r} is not a text-bound annotation above")
                ann.relations.append(
                    {"id": head, "type": parts[0], "from_id": args["Arg1"], "to_id": args["Arg2"]}
                )
            elif kind == "E":
                ann.events.append(_event(head, body[0], number, label_map))
            elif kind in ("A", "M"):
                parts = body[0].split()
                if len(parts) not in (2, 3):
                    raise ValidationError("expected 'A<n>\\tName T<n> [value]'")
                attribute = _ATTRIBUTES.get(parts[0])
                claim = claim_of(parts[1], number)
                if attribute is not None and claim is not None:
                    claim[attribute] = parts[2] if len(parts) == 3 else None
            elif kind == "#":
                parts = body[0].split()
                if len(parts) == 2 and parts[0] == "AnnotatorNotes":
                    claim = claim_of(parts[1], number)
                    if claim is not None:
                        claim["note"] = _note(body[2]) or None
            elif kind not in ("N", "*"):
                raise ValidationError("not a brat standoff line (T, R, E, A, M, #, N or *)")
        except ValidationError as exc:
            raise InputError(name, str(exc), number) from None
    return ann


def _event(head: str, body: str, number: int, label_map: LabelMap) -> _Event:
    """An ``E`` line's event, its type and roles checked against ``[events]``.

    Raises:
        ValidationError: not an event line, or an unknown type or role.
    """
    parts = body.split()
    if not parts or not all(p.count(":") == 1 for p in parts):
        raise ValidationError("expected 'E<n>\\tType:T<n> Role:T<n> ...'")
    kind, _ = parts[0].split(":")
    roles = label_map.events.get(kind)
    if roles is None:
        known = ", ".join(sorted(label_map.events)) or "none"
        raise ValidationError(
            f"unknown event type {kind!r} (known: {known}); map it in a --map file"
            f" under [events.{kind}]"
        )
    args = [(role, arg) for role, arg in (p.split(":") for p in parts[1:])]
    for role, _arg in args:
        if _role(role) not in roles:
            known = ", ".join(sorted(roles)) or "none"
            raise ValidationError(
                f"unknown role {role!r} of event type {kind!r} (known: {known});"
                f" map it in a --map file under [events.{kind}]"
            )
    return _Event(head, kind, args, number)


_ROLE_SPANS = {"claim": ("claim",), "cue": ("cue",), "source": ("mention", "source")}
"""The span concepts an event role takes."""


def _entry(
    name: str, text: str, content: str, label_map: LabelMap, annotator: str, notes: list[str]
) -> dict[str, Any]:
    """The doccano-shaped line of one ``.ann`` (see `doccano_record`), events resolved.

    Raises:
        InputError: a line that is not valid (naming the file and the line).
    """
    ann = _parse(name, content, text, label_map)
    taken: set[str] = set()  # content spans an event made into its claim
    event_claims: list[dict[str, Any]] = []
    relations = list(ann.relations)
    fields = dict(ann.fields)
    used = {r[end] for r in ann.relations for end in ("from_id", "to_id")}
    unused: set[str] = set()  # the arguments of events left out
    for event in ann.events:
        claim = _event_claim(name, event, ann, label_map, text, notes)
        if claim is None:
            unused.update(arg for _, arg in event.args)
            continue
        used.update(arg for _, arg in event.args)
        entity, cue, source, contents = claim
        taken.update(contents)
        event_claims.append(entity)
        if cue is not None:
            relations.append(
                {"id": f"{event.eid}:cue", "type": _EVENT_CUE, "from_id": cue, "to_id": event.eid}
            )
        if source is not None:
            relations.append(
                {
                    "id": f"{event.eid}:source",
                    "type": _EVENT_SOURCE,
                    "from_id": source,
                    "to_id": event.eid,
                }
            )
        merged = {k: v for c in contents for k, v in ann.fields.get(c, {}).items()}
        if merged:
            fields[event.eid] = {**merged, "entity": event.eid}
    entities = []
    for span in ann.spans.values():
        if span.concept == "trigger" or span.tid in taken:
            continue
        if span.tid in unused and span.tid not in used:
            continue  # only an argument of an event left out: nothing of its own
        if ann.events and span.concept == "cue" and span.tid not in used:
            notes.append(
                f"cue {span.tid} (line {span.line}) is in no event and no relation;"
                " it is not imported"
            )
            continue
        item: dict[str, Any] = {
            "id": span.tid,
            "start_offset": span.pairs[0][0],
            "end_offset": span.pairs[-1][1],
            "label": span.label,
        }
        if span.concept == "claim":
            item["segments"] = _pieces(span.pairs, text)
        entities.append(item)
    for c in taken:
        fields.pop(c, None)
    return {
        "id": "",
        "text": text,
        "annotator": annotator,
        "entities": entities + event_claims,
        "relations": relations,
        "claims": list(fields.values()),
    }


def _event_claim(
    name: str,
    event: _Event,
    ann: _Ann,
    label_map: LabelMap,
    text: str,
    notes: list[str],
) -> tuple[dict[str, Any], str | None, str | None, list[str]] | None:
    """An event's claim entity, its cue and source span ids, and its content spans.

    None (and a warning in ``notes``) for an event without content.

    Raises:
        InputError: an argument that is no span above or of the wrong kind, or
            two cues or two sources (naming the file and the event's line).
    """
    roles = label_map.events[event.kind]
    found: dict[str, list[str]] = {"claim": [], "cue": [], "source": []}
    try:
        for role, arg in event.args:
            concept = roles[_role(role)]
            if concept == "ignore":
                continue
            span = ann.spans.get(arg)
            if span is None:
                raise ValidationError(f"{event.eid}: {arg!r} is not a text-bound annotation")
            if span.concept == "ignore":
                notes.append(
                    f"event {event.eid} (line {event.line}): its {role} {arg} is a"
                    f" {span.label!r} span, which the label map ignores; the event is read"
                    " without it"
                )
                continue
            if span.concept not in _ROLE_SPANS[concept]:
                raise ValidationError(
                    f"{event.eid}: its {role} {arg} is a {span.label!r} span ({span.concept});"
                    f" the role takes a {' or '.join(_ROLE_SPANS[concept])}"
                )
            if arg not in found[concept]:
                found[concept].append(arg)
        for concept in ("cue", "source"):
            if len(found[concept]) > 1:
                raise ValidationError(
                    f"{event.eid} has two {concept}s ({', '.join(found[concept])}); a claim has one"
                )
    except ValidationError as exc:
        raise InputError(name, str(exc), event.line) from None
    if not found["claim"]:
        notes.append(
            f"event {event.eid} ({event.kind}, line {event.line}) has no content; it and the"
            " spans only it takes are not imported"
        )
        return None
    pairs = [pair for tid in found["claim"] for pair in ann.spans[tid].pairs]
    pieces = _pieces(pairs, text)
    first = ann.spans[found["claim"][0]]
    entity = {
        "id": event.eid,
        "start_offset": pieces[0][0],
        "end_offset": max(end for _, end in pieces),
        "label": first.label,
        "segments": pieces,
    }
    cue = found["cue"][0] if found["cue"] else None
    source = found["source"][0] if found["source"] else None
    return entity, cue, source, found["claim"]


def brat_article(
    txt: Path, anns: list[tuple[str, Path]], label_map: LabelMap
) -> dict[str, Any] | Noted:
    """The native record of one text and its annotation files ``(annotator, .ann)``.

    Raises:
        InputError: a file cannot be read or an ``.ann`` is not valid (naming it and the line).
    """
    text = _read(txt).removeprefix(codecs.BOM_UTF8.decode("utf-8"))
    mapping = dataclasses.replace(
        label_map, relations={**label_map.relations, _EVENT_CUE: "cue", _EVENT_SOURCE: "source"}
    )
    entries: list[dict[str, Any]] = []
    notes: list[str] = []
    for annotator, ann in anns:
        name = str(ann)
        found: list[str] = []
        obj = _entry(name, text, _read(ann), label_map, annotator, found)
        notes += [f"{name}: {note}" for note in found]
        obj["id"] = txt.stem
        try:
            record = doccano_record(obj, 0, mapping, annotator)
        except ValidationError as exc:
            raise InputError(name, str(exc)) from None
        if obj["entities"]:
            entry = record["annotations"][0]
            _words_for_word_sources(entry)
            entries.append(entry)
    record = {"id": txt.stem, "text": text, "meta": {}, "annotations": entries}
    return Noted(record, notes) if notes else record


def brat_record(
    txt: Path, ann: Path, label_map: LabelMap, annotator: str = DEFAULT_ANNOTATOR
) -> dict[str, Any]:
    """The native record of one ``.txt`` / ``.ann`` pair (warnings left out).

    Raises:
        InputError: a file cannot be read or the ``.ann`` is not valid (naming it and the line).
    """
    record = brat_article(txt, [(annotator, ann)] if ann.exists() else [], label_map)
    return record.record if isinstance(record, Noted) else record


def _words_for_word_sources(entry: dict[str, Any]) -> None:
    """A source of a word kind (unnamed, document, author) is words, not a mention.

    Our export writes such a source as a ``Source`` span; the mention the
    import made of it goes again unless another claim cites it.
    """
    cited: dict[str, int] = {}
    for claim in entry["claims"]:
        source = claim.get("attribution", {}).get("source_mention")
        if source is not None:
            cited[source] = cited.get(source, 0) + 1
    dropped = set()
    for claim in entry["claims"]:
        attribution = claim.get("attribution", {})
        if attribution.get("source_kind") in WORD_SOURCES and attribution.get("source_mention"):
            source = attribution.pop("source_mention")
            cited[source] -= 1
            dropped.add(source)
    gone = {m for m in dropped if cited[m] == 0}
    entry["mentions"] = [
        m for m in entry["mentions"] if not (m["id"] in gone and m.get("source_only"))
    ]
