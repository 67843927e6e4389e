"""The native JSONL format: one article a line, with one annotation entry per annotator.

`parse_article` and `parse_annotations` turn a decoded line into its article
and the rows of its labels, checking everything that can be checked without the project (span
ranges, span texts, vocabularies, references inside the line).
`article_json` is the inverse; its fixed key order and sorted lists make
export -> import -> export byte-identical.

A claim whose content is discontinuous (`annotator.core.segments`) keeps
``start``, ``end`` and ``text`` as the hull of its content, as a reader that
knows nothing of segments expects, and lists its pieces under ``segments``
(``[{"start", "end", "text"}, ...]``, two or more, in text order). A claim in
one piece has no ``segments`` key; an import reads a list of one segment as
that piece (it must be the claim's span). Files without segments read as
before.

A claim's attribution type is ``attribution_type``, the schema's name for it;
files written before it had that name say ``type`` in the attribution, and
are read as before.

Each exported line names the schema its values come from under
`SCHEMA_KEY` (``{"name", "revision", "fingerprint"}``, see
`annotator.core.schema.LabelSchema.stamp_data`). An import reads lines with
and without it, and keeps nothing of it: the values are checked against the
importing project's schema. A `SCHEMA_KEY` of another shape is no stamp and
goes into ``meta`` like any unknown key (as every line's unknown keys did
before, so older versions of the app read the new files too).

An export may add the suggestions of a line under `SUGGESTIONS_KEY`
(``{"offered": [...], "accepted": [...]}``); an import reads such lines and
keeps nothing of it either: suggestions are never labels, and the importing
project computes its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from annotator.core.errors import ValidationError, quoted
from annotator.core.model import (
    ATTRIBUTION_VOCAB_FIELDS,
    CLAIM_ACTOR_FIELDS,
    CLAIM_VOCAB_FIELDS,
    Actor,
    Article,
    ArticleLabels,
    Attribution,
    Claim,
    Mention,
    Status,
)
from annotator.core.schema import LabelSchema
from annotator.core.segments import check_claim_content
from annotator.core.spans import Span, Utf16Map, check_span
from annotator.core.text import NewlineMap, normalize_newlines, text_sha256
from annotator.core.validate import (
    check_vocab,
    distinct_aliases,
    validate_actor,
    validate_status,
)
from annotator.store.label_queries import LabelRows, label_rows
from annotator.store.rows import (
    claim_values,
    dumps,
    loads,
    mention_values,
    segments_of,
    status_values,
)

ARTICLE_KEYS = ("id", "text", "title", "source", "url", "published", "language", "story")
"""Top-level keys of a line other than ``meta``, ``label_schema`` and ``annotations``; others
go into meta."""
SCHEMA_KEY = "label_schema"
"""The top-level key of an exported line that names the schema of its values."""
SUGGESTIONS_KEY = "suggestions"
"""The top-level key of an exported line that holds its suggestions, on request
(`annotator.io.export_suggestions`); an import keeps nothing of it."""

_ANNOTATION_KEYS = {"annotator", "status", "comment", "actors", "mentions", "claims"}
_CLAIM_KEYS = {
    "id", "start", "end", "text", "claimant", "addressee", "target", "stance", "category",
    "certainty", "checkworthy", "attribution", "links", "note", "extra", "segments",
}  # fmt: skip
_ATTRIBUTION_KEYS = {*ATTRIBUTION_VOCAB_FIELDS, "source_mention", "source_text", "cue"}
_OLD_TYPE_KEY = "type"
"""What ``attribution_type`` was called in the attribution of files written before."""
_ACTOR_COLUMNS = slice(5, 8)
"""The actor fields of a claim row (`CLAIM_ACTOR_FIELDS`: claimant, addressee, target)."""


class ParsedAnnotation(NamedTuple):
    """One annotator's entry of a line, checked against the line itself, as table rows.

    Rows rather than the model's objects: an import writes rows, and may send
    them to another process first (`annotator.io.parallel`); a label read by
    a fast path is never made into a dataclass at all.
    """

    annotator: str
    actors: list[Actor]
    """The actors the entry lists."""
    referenced: list[str]
    """Ids of the actors its mentions and claims refer to, sorted."""
    mentions: list[tuple[Any, ...]]
    """Rows in `annotator.store.rows.MENTION_ROW_COLUMNS` order (the id first)."""
    claims: list[tuple[Any, ...]]
    """Rows in `annotator.store.rows.CLAIM_ROW_COLUMNS` order (the id first)."""
    status: tuple[Any, ...]
    """Its row in `annotator.store.rows.STATUS_COLUMNS` order."""
    links: list[tuple[str, str]]
    """(claim id, linked claim id)."""


def _string(obj: dict[str, Any], key: str, what: str, required: bool = False) -> str | None:
    value = obj.get(key)
    if value is None:
        if required:
            raise ValidationError(f'{what} has no "{key}"')
        return None
    if not isinstance(value, str):
        raise ValidationError(f'{what}: "{key}" must be a string, got {type(value).__name__}')
    return value


def parse_article(obj: Any, story: str | None = None) -> tuple[Article, str, NewlineMap | None]:
    """The article of a decoded line.

    Args:
        obj: the decoded JSON value of the line.
        story: story key for articles that have none.

    Returns:
        The article (text normalised), the text as given (spans are checked
        against it), and the offset map from given to normalised text.
    """
    if not isinstance(obj, dict):
        raise ValidationError(f"expected a JSON object, got {type(obj).__name__}")
    raw_text = obj.get("text")
    if not isinstance(raw_text, str) or not raw_text.strip():
        raise ValidationError('missing "text" (every article needs a non-empty text)')
    article_id = obj.get("id")
    if isinstance(article_id, int) and not isinstance(article_id, bool):
        article_id = str(article_id)
    if article_id is None:
        article_id = "sha-" + text_sha256(raw_text)[:16]
    if not isinstance(article_id, str) or not article_id.strip():
        raise ValidationError('"id" must be a non-empty string')
    meta = obj.get("meta") or {}
    if not isinstance(meta, dict):
        raise ValidationError('"meta" must be an object')
    known = (
        ("meta", "annotations", SCHEMA_KEY)
        if is_stamp(obj.get(SCHEMA_KEY))
        else ("meta", "annotations")
    )
    if _is_suggestions(obj.get(SUGGESTIONS_KEY)):
        known = (*known, SUGGESTIONS_KEY)  # an export's suggestions: never meta, never labels
    unknown = {k: v for k, v in obj.items() if k not in ARTICLE_KEYS and k not in known}
    meta = {**meta, **unknown}
    values = {k: _string(obj, k, f"article {quoted(article_id)}") for k in ARTICLE_KEYS[2:]}
    text, newline_map = normalize_newlines(raw_text)
    article = Article(
        id=article_id,
        text=text,
        title=values["title"] or "",
        source=values["source"],
        url=values["url"],
        published=values["published"],
        language=values["language"],
        story=values["story"] or story,
        meta=meta,
    )
    return article, raw_text, newline_map


def _is_suggestions(value: Any) -> bool:
    """True if ``value`` is a line's suggestions as an export writes them (see `SUGGESTIONS_KEY`)."""
    return (
        isinstance(value, dict)
        and set(value) == {"offered", "accepted"}
        and all(isinstance(v, list) for v in value.values())
    )


def is_stamp(value: Any) -> bool:
    """True if ``value`` is a schema stamp as an export writes it under `SCHEMA_KEY`."""
    return (
        isinstance(value, dict)
        and set(value) == {"name", "revision", "fingerprint"}
        and isinstance(value["name"], str)
        and type(value["revision"]) is int
        and isinstance(value["fingerprint"], str)
    )


class _SpanReader:
    """Checks spans against the text as given and maps them to the stored text."""

    def __init__(self, raw_text: str, newline_map: NewlineMap | None) -> None:
        self.raw = raw_text
        self.length = len(raw_text)
        self.map = newline_map
        self._utf16: Utf16Map | None = None

    def fast(self, obj: Any) -> Span | None:
        """The span `read` gives for ``obj`` if it is plainly right, else None (`read` says why)."""
        if type(obj) is not dict:
            return None
        start, end, given = obj.get("start"), obj.get("end"), obj.get("text")
        if type(start) is not int or type(end) is not int or not 0 <= start < end <= self.length:
            return None
        if given is not None and given != self.raw[start:end]:
            return None
        if self.map is None:
            return Span(start, end)
        mapped = Span(self.map(start), self.map(end))
        return mapped if mapped.end > mapped.start else None

    def read(self, obj: Any, what: str) -> Span:
        if not isinstance(obj, dict):
            raise ValidationError(f"{what} must be an object with start and end")
        start, end, given = obj.get("start"), obj.get("end"), obj.get("text")
        try:
            span = check_span(start, end, len(self.raw), what)
        except ValidationError as exc:
            # Counted in UTF-16, a span near the end runs past the text.
            raise ValidationError(f"{exc}{self._utf16_hint(start, end, given)}") from None
        if given is not None and given != self.raw[span.start : span.end]:
            actual = self.raw[span.start : span.end]
            raise ValidationError(
                f"{what} {span.start}..{span.end} says {quoted(given, 200)} but the text there is"
                f" {quoted(actual, 200)}{self._utf16_hint(start, end, given)}"
            )
        if self.map is None:
            return span
        mapped = Span(self.map(span.start), self.map(span.end))
        if mapped.end <= mapped.start:
            raise ValidationError(
                f"{what} {span.start}..{span.end} covers only a \\r line end, which is"
                " stored as \\n: nothing of it is left"
            )
        return mapped

    def _utf16_hint(self, start: Any, end: Any, given: Any) -> str:
        """A hint for a message when the offsets, read as UTF-16 units, fit the given text."""
        if given is None or type(start) is not int or type(end) is not int:
            return ""
        if self._utf16 is None:
            self._utf16 = Utf16Map(self.raw)
        if self._utf16.is_identity or not 0 <= start < end:
            return ""
        cp = self._utf16.span_to_codepoint(Span(start, end))
        if cp.end > len(self.raw) or self.raw[cp.start : cp.end] != given:
            return ""
        return (
            "; the offsets look like UTF-16 code units, but this format counts"
            f" Unicode code points (here {cp.start}..{cp.end})"
        )


def parse_annotations(
    obj: dict[str, Any],
    article: Article,
    raw_text: str,
    newline_map: NewlineMap | None,
    schema: LabelSchema,
    stamp: str,
) -> list[ParsedAnnotation]:
    """The annotation entries of a line, each checked on its own, as rows stamped ``stamp``.

    Actor references are left for the caller to check against the project.
    """
    entries = obj.get("annotations")
    if entries is None:
        return []
    if not isinstance(entries, list):
        raise ValidationError('"annotations" must be a list')
    spans = _SpanReader(raw_text, newline_map)
    vocab = _Vocab(schema)
    parsed: list[ParsedAnnotation] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries, 1):
        result = _parse_annotation(entry, index, article.id, spans, vocab, stamp)
        if result.annotator in seen:
            raise ValidationError(f"annotator {quoted(result.annotator)} has two entries")
        seen.add(result.annotator)
        parsed.append(result)
    return parsed


class _Vocab:
    """The schema, and its value ids by field for the fast paths of `_parse_annotation`.

    A label is parsed by a fast path that only says whether it is plainly
    right; anything else goes to the checks that name what is wrong, in
    their order, so a bad label gets the same message either way.
    """

    def __init__(self, schema: LabelSchema) -> None:
        self.schema = schema
        self.ids = {name: field.id_set for name, field in schema.fields.items()}
        self.extra = {f.name: f.id_set for f in schema.extra_fields()}


def _known(value: Any, ids: frozenset[str] | None) -> bool:
    """True if ``value`` is None or an id of the field whose ids are ``ids``."""
    return value is None or (ids is not None and type(value) is str and value in ids)


def _items(entry: dict[str, Any], key: str, what: str) -> list[dict[str, Any]]:
    items = entry.get(key) or []
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise ValidationError(f'{what}: "{key}" must be a list of objects')
    return items


def _label_id(item: dict[str, Any], what: str) -> str:
    value = item.get("id")
    if not isinstance(value, str) or not value:
        raise ValidationError(f'{what} needs a string "id"')
    return value


def _parse_annotation(
    entry: Any, index: int, article_id: str, spans: _SpanReader, vocab: _Vocab, stamp: str
) -> ParsedAnnotation:
    where = f"annotation {index}"
    if not isinstance(entry, dict):
        raise ValidationError(f"{where} must be an object")
    unknown = set(entry) - _ANNOTATION_KEYS
    if unknown:
        raise ValidationError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    annotator = _string(entry, "annotator", where, required=True)
    if not annotator or not annotator.strip():
        raise ValidationError(f"{where}: annotator must not be empty")
    status = Status(
        article_id,
        annotator,
        _string(entry, "status", where) or "todo",
        _string(entry, "comment", where) or "",
    )
    validate_status(status)
    actors: list[Actor] = []
    for item in _items(entry, "actors", where):
        aliases = item.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise ValidationError(f"{where}: actor aliases must be a list of strings")
        name = _string(item, "name", f"{where}: actor", required=True) or ""
        actor = Actor(
            _label_id(item, f"{where}: an actor"),
            name,
            _string(item, "type", f"{where}: actor"),
            distinct_aliases(name, aliases),  # "observers" beside "Observers" adds nothing
        )
        validate_actor(actor, vocab.schema)
        actors.append(actor)
    mentions: list[tuple[Any, ...]] = []
    referenced: set[str] = set()
    for item in _items(entry, "mentions", where):
        mention_id, span, actor_id, source_only = _fast_mention(item, spans) or _checked_mention(
            item, where, spans
        )
        mentions.append(
            (mention_id, article_id, annotator, *span, actor_id, int(source_only), stamp)
        )
        if actor_id:
            referenced.add(actor_id)
    mention_ids = {m[0] for m in mentions}
    claims: list[tuple[Any, ...]] = []
    links: list[tuple[str, str]] = []
    for item in _items(entry, "claims", where):
        row, claim_links = _fast_claim(
            item, article_id, annotator, spans, vocab, mention_ids, stamp
        ) or _parse_claim(item, article_id, annotator, spans, vocab.schema, mention_ids, stamp)
        claims.append(row)
        links.extend((row[0], other) for other in claim_links)
        referenced.update(actor for actor in row[_ACTOR_COLUMNS] if actor)
    _check_unique_ids([a.id for a in actors], mentions, claims)
    return ParsedAnnotation(
        annotator,
        actors,
        sorted(referenced),
        mentions,
        claims,
        status_values(status, stamp),
        links,
    )


def _text(value: Any) -> bool:
    """True if ``value`` is None or a string (a field that takes any text or id)."""
    return value is None or type(value) is str


def _fast_mention(item: dict[str, Any], spans: _SpanReader) -> tuple[str, Span, Any, bool] | None:
    """A mention's id, span, actor and source flag if all are plainly right, else None."""
    mention_id, actor_id = item.get("id"), item.get("actor")
    source_only = item.get("source_only", False)
    if type(mention_id) is not str or not mention_id or type(source_only) is not bool:
        return None
    span = spans.fast(item)
    if span is None or not _text(actor_id):
        return None
    return mention_id, span, actor_id, source_only


def _checked_mention(
    item: dict[str, Any], where: str, spans: _SpanReader
) -> tuple[str, Span, Any, bool]:
    """A mention's id, span, actor and source flag, checked with messages that say what is wrong."""
    mention_id = _label_id(item, f"{where}: a mention")
    span = spans.read(item, f"mention {quoted(mention_id)}")
    actor_id = _string(item, "actor", f"mention {quoted(mention_id)}")
    source_only = item.get("source_only", False)
    if not isinstance(source_only, bool):
        raise ValidationError(f"mention {quoted(mention_id)}: source_only must be true or false")
    return mention_id, span, actor_id, source_only


def _fast_claim(
    item: dict[str, Any],
    article_id: str,
    annotator: str,
    spans: _SpanReader,
    vocab: _Vocab,
    mention_ids: set[str],
    stamp: str,
) -> tuple[tuple[Any, ...], list[str]] | None:
    """What `_parse_claim` gives for a claim that is plainly right; None for any other.

    Its row is made as `claim_values` makes one of the claim `_parse_claim`
    would give (`tests/io/test_native_rows.py` holds the two to each other).
    """
    claim_id = item.get("id")
    if type(claim_id) is not str or not claim_id or not item.keys() <= _CLAIM_KEYS:
        return None
    if item.get("segments") is not None:
        return None  # read and checked by `_parse_claim`
    span = spans.fast(item)
    if span is None:
        return None
    claimant, addressee, target = item.get("claimant"), item.get("addressee"), item.get("target")
    stance, category = item.get("stance"), item.get("category")
    certainty, checkworthy = item.get("certainty"), item.get("checkworthy")
    ids = vocab.ids
    if not (
        _text(claimant)
        and _text(addressee)
        and _text(target)
        and _known(stance, ids.get("stance"))
        and _known(category, ids.get("category"))
        and _known(certainty, ids.get("certainty"))
        and _known(checkworthy, ids.get("checkworthy"))
    ):
        return None
    raw = item.get("attribution") or {}
    if type(raw) is not dict or not raw.keys() <= _ATTRIBUTION_KEYS:
        return None  # (the older "type" key too)
    source_mention, source_text = raw.get("source_mention"), raw.get("source_text")
    attribution_type, source_kind = raw.get("attribution_type"), raw.get("source_kind")
    cue = raw.get("cue")
    cue_span = None if cue is None else spans.fast(cue)
    if not (
        (source_mention is None or (type(source_mention) is str and source_mention in mention_ids))
        and _text(source_text)
        and _known(attribution_type, ids.get("attribution_type"))
        and _known(source_kind, ids.get("source_kind"))
        and (cue is None or cue_span is not None)
    ):
        return None
    extra = item.get("extra") or {}
    if type(extra) is not dict or not all(
        _known(value, vocab.extra.get(name, frozenset())) and name in vocab.extra
        for name, value in extra.items()
    ):
        return None
    links = item.get("links") or []
    note = item.get("note")
    if type(links) is not list or not all(type(x) is str for x in links):
        return None
    if not _text(note):
        return None
    row = (
        claim_id,
        article_id,
        annotator,
        *span,
        claimant,
        addressee,
        target,
        stance,
        category,
        certainty,
        checkworthy,
        attribution_type,
        source_mention,
        source_text,
        source_kind,
        *(cue_span if cue_span is not None else (None, None)),
        note or "",
        dumps(extra) if extra else None,
        None,  # segments: a claim with segments takes `_parse_claim`
        stamp,
    )
    return row, links


def _parse_claim(
    item: dict[str, Any],
    article_id: str,
    annotator: str,
    spans: _SpanReader,
    schema: LabelSchema,
    mention_ids: set[str],
    stamp: str,
) -> tuple[tuple[Any, ...], list[str]]:
    """A claim's row and links, checked with messages that say what is wrong."""
    claim_id = _label_id(item, "a claim")
    what = f"claim {quoted(claim_id)}"
    unknown = set(item) - _CLAIM_KEYS
    if unknown:
        raise ValidationError(f"{what}: unknown key(s) {', '.join(sorted(unknown))}")
    span = spans.read(item, what)
    fields: dict[str, Any] = {}
    for name in (*CLAIM_ACTOR_FIELDS, *CLAIM_VOCAB_FIELDS):
        fields[name] = _string(item, name, what)
    for name in CLAIM_VOCAB_FIELDS:
        check_vocab(schema, name, fields[name], f"{what}: {name}")
    raw = item.get("attribution") or {}
    if not isinstance(raw, dict):
        raise ValidationError(f"{what}: attribution must be an object")
    unknown = set(raw) - _ATTRIBUTION_KEYS - {_OLD_TYPE_KEY}
    if unknown:
        raise ValidationError(f"{what}: unknown attribution key(s) {', '.join(sorted(unknown))}")
    if _OLD_TYPE_KEY in raw:
        if "attribution_type" in raw:
            raise ValidationError(
                f'{what}: the attribution has both "attribution_type" and "type",'
                " its older name; give one"
            )
        raw = {("attribution_type" if k == _OLD_TYPE_KEY else k): v for k, v in raw.items()}
    source_mention = _string(raw, "source_mention", what)
    if source_mention is not None and source_mention not in mention_ids:
        raise ValidationError(
            f"{what}: source_mention {quoted(source_mention)} is not a mention of this entry"
        )
    attribution = Attribution(
        attribution_type=_string(raw, "attribution_type", what),
        source_mention=source_mention,
        source_text=_string(raw, "source_text", what),
        source_kind=_string(raw, "source_kind", what),
        cue=spans.read(raw["cue"], f"{what}: cue") if raw.get("cue") is not None else None,
    )
    for name in ATTRIBUTION_VOCAB_FIELDS:
        check_vocab(schema, name, getattr(attribution, name), f"{what}: {name.replace('_', ' ')}")
    extra = item.get("extra") or {}
    if not isinstance(extra, dict):
        raise ValidationError(f"{what}: extra must be an object")
    extra_fields = {f.name for f in schema.extra_fields()}
    for name, value in extra.items():
        if name not in extra_fields:
            raise ValidationError(f"{what}: extra field {quoted(name)} is not in the schema")
        check_vocab(schema, name, value, f"{what}: {name}")
    links = item.get("links") or []
    if not isinstance(links, list) or not all(isinstance(x, str) for x in links):
        raise ValidationError(f"{what}: links must be a list of claim ids")
    note = _string(item, "note", what) or ""
    claim = Claim(
        claim_id,
        article_id,
        annotator,
        *span,
        **fields,
        attribution=attribution,
        note=note,
        extra=extra,
        segments=_segments(item.get("segments"), span, spans, what),
    )
    return claim_values(claim, stamp), links


def _segments(raw: Any, span: Span, spans: _SpanReader, what: str) -> tuple[Span, ...]:
    """A claim's ``segments`` (None: one piece), checked against its span and the text."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or not raw:
        raise ValidationError(f"{what}: segments must be a list of objects with start and end")
    read = tuple(spans.read(item, f"{what}: segment {n}") for n, item in enumerate(raw, 1))
    if len(read) == 1:
        if read[0] != span:
            raise ValidationError(
                f"{what}: its one segment {read[0].start}..{read[0].end} is not its span"
                f" {span.start}..{span.end}"
            )
        return ()
    stored_length = spans.length if spans.map is None else spans.map(spans.length)
    try:
        check_claim_content(span.start, span.end, read, stored_length)
    except ValidationError as exc:
        raise ValidationError(f"{what}: {exc}") from None
    return read


def _check_unique_ids(
    actor_ids: list[str], mentions: list[tuple[Any, ...]], claims: list[tuple[Any, ...]]
) -> None:
    seen: set[str] = set()
    for label_id in [*actor_ids, *(m[0] for m in mentions), *(c[0] for c in claims)]:
        if label_id in seen:
            raise ValidationError(f"id {quoted(label_id)} is used twice in one annotation")
        seen.add(label_id)


# -- export -----------------------------------------------------------------------------------
# A line is made from the labels as the project's rows hold them (`LabelRows`: a mention
# is a tuple of `MENTION_COLUMNS` values, a claim one of `CLAIM_COLUMNS` values), so an
# export of many articles makes no dataclass per label; `article_json` turns dataclasses
# into such rows first, so there is one writer of the format.


def _span_json(span: Span, text: str) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": text[span.start : span.end]}


def mention_json(mention: Mention, text: str) -> dict[str, Any]:
    """The JSON object of a mention; ``"source_only": true`` only on one made as a source."""
    return _mention_line(mention_values(mention, "")[:-1], text)


def claim_json(claim: Claim, text: str, links: tuple[str, ...]) -> dict[str, Any]:
    """The JSON object of a claim."""
    return _claim_line(claim_values(claim, "")[:-1], text, links)


def _mention_line(values: Sequence[Any], text: str) -> dict[str, Any]:
    mention_id, _, _, start, end, actor, source_only = values
    out: dict[str, Any] = {
        "id": mention_id,
        "start": start,
        "end": end,
        "text": text[start:end],
        "actor": actor,
    }
    if source_only:
        out["source_only"] = True
    return out


def _claim_line(values: Sequence[Any], text: str, links: Sequence[str]) -> dict[str, Any]:
    (
        claim_id, _, _, start, end, claimant, addressee, target,
        stance, category, certainty, checkworthy, attribution_type, source_mention,
        source_text, source_kind, cue_start, cue_end, note, extra, segments,
    ) = values  # fmt: skip
    out: dict[str, Any] = {
        "id": claim_id,
        "start": start,
        "end": end,
        "text": text[start:end],
    }
    if segments:
        out["segments"] = [_span_json(s, text) for s in segments_of(segments)]
    out |= {
        "claimant": claimant,
        "addressee": addressee,
        "target": target,
        "stance": stance,
        "category": category,
        "certainty": certainty,
        "checkworthy": checkworthy,
        "attribution": {
            "attribution_type": attribution_type,
            "source_mention": source_mention,
            "source_text": source_text,
            "source_kind": source_kind,
            "cue": (
                None
                if cue_start is None
                else {"start": cue_start, "end": cue_end, "text": text[cue_start:cue_end]}
            ),
        },
        "links": list(links),
        "note": note or "",
    }
    if extra:
        out["extra"] = dict(sorted(loads(extra).items()))
    return out


def _annotation_line(labels: LabelRows, text: str, actors: dict[str, Actor]) -> dict[str, Any]:
    listed = sorted(
        (actors[i] for i in labels.actor_ids() if i in actors),
        key=lambda a: (a.name.casefold(), a.id),
    )
    links = labels.links or {}
    return {
        "annotator": labels.annotator,
        "status": labels.status,
        "comment": labels.comment,
        "actors": [
            {"id": a.id, "name": a.name, "type": a.type, "aliases": list(a.aliases)} for a in listed
        ],
        "mentions": [_mention_line(m, text) for m in labels.mentions],
        "claims": [_claim_line(c, text, links.get(c[0], ())) for c in labels.claims],
    }


def annotation_json(labels: ArticleLabels, text: str, actors: dict[str, Actor]) -> dict[str, Any]:
    """The JSON object of one annotator's labels on an article."""
    return _annotation_line(label_rows(labels), text, actors)


def article_line(
    article: Article,
    entries: Sequence[LabelRows],
    actors: dict[str, Actor],
    schema: LabelSchema | None = None,
) -> dict[str, Any]:
    """The JSON object of an article line from its labels as rows (see `article_json`)."""
    line: dict[str, Any] = {
        "id": article.id,
        "text": article.text,
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "published": article.published,
        "language": article.language,
        "story": article.story,
        "meta": article.meta,
    }
    if schema is not None:
        line[SCHEMA_KEY] = schema.stamp_data()
    line["annotations"] = [
        _annotation_line(labels, article.text, actors)
        for labels in sorted(entries, key=lambda x: x.annotator)
    ]
    return line


def article_json(
    article: Article,
    annotations: list[ArticleLabels],
    actors: dict[str, Actor],
    schema: LabelSchema | None = None,
) -> dict[str, Any]:
    """The JSON object of an article line, annotations sorted by annotator.

    Args:
        schema: the schema the values come from, named under `SCHEMA_KEY`
            (after ``meta``); None: the line has no such key.
    """
    return article_line(article, [label_rows(labels) for labels in annotations], actors, schema)
