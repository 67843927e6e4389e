"""Export for Hugging Face ``datasets``: JSONL (``.jsonl``) or Parquet (``.parquet``).

One row per article, loadable with ``datasets.load_dataset("json"|"parquet", data_files=PATH)``::

    {"id", "text", "title", "source", "story", "annotator",
     "claims": [{CLAIM_FIELDS...}], "mentions": [{MENTION_FIELDS...}]}

Every row has every key, whatever is null: a value not chosen is ``null``, an
article without labels has ``"annotator": null`` and empty ``claims`` and
``mentions`` lists. Offsets are Unicode code points of ``text``. A claim's
``links`` is a list of claim ids; its ``extra`` (the schema's extra fields) is
a JSON object encoded as a string, so its type never depends on the data. A
claim whose content is discontinuous (`annotator.core.segments`) keeps
``start``, ``end`` and ``text`` as the hull of its content and lists its
pieces in ``segments``, ``[[start, end], ...]`` encoded as a string (JSON),
null for a claim in one piece.

Parquet files carry the fixed schema `arrow_schema` (pyarrow is imported only
then: ``pip install 'claim-annotator[parquet]'``), so their features are the
same for every project; its metadata names the label schema the values come
from under ``label_schema`` (JSON: ``name``, ``revision``, ``fingerprint``;
``pyarrow.parquet.read_schema(path).metadata``). JSONL has no place for it:
every key of a line is a column. JSON has no types: ``datasets`` infers them from the
values, and a column that is null in every row comes out as type ``null``;
pass ``features=datasets.Features.from_arrow_schema(arrow_schema())`` to fix
them.

With ``bio=True`` each row also has ``tokens`` and ``ner_tags``, BIO tags of
the claims whose names are `NER_TAGS` (``O``, ``B-Claim``, ``I-Claim``).
``ner_tags`` is a list of ``datasets.ClassLabel`` with those names: Parquet
stores their numbers (0, 1, 2) and the features (in the schema's
``huggingface`` metadata, as ``datasets`` itself writes them), so
``load_dataset`` gives ``features["ner_tags"].feature.names``; JSONL keeps the
names as strings, which
``features=datasets.Features.from_arrow_schema(arrow_schema(bio=True))``
turns into class labels. `tokenize` splits the text into runs of word
characters (``\\w+``: letters, digits, underscore, in any script) and single
other non-space characters (punctuation, each code point of an emoji). A token
that overlaps a claim is tagged with it, the first token ``B``; claims are
taken by (start, end, id) and a token keeps the tag of the first claim that
covers it, since BIO cannot express overlapping claims. Each segment of a
claim in segments is tagged as a run of its own (``B`` then ``I``): the words
between them (its cue, often) are not the claim's.

One annotator's labels per article: an article with entries by several
annotators is refused (choose with ``--annotator`` or ``--gold``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson

from annotator.core.errors import AnnotatorError
from annotator.core.model import (
    CLAIM_ACTOR_FIELDS,
    CLAIM_VOCAB_FIELDS,
    Actor,
    Article,
    ArticleLabels,
)
from annotator.core.schema import LabelSchema
from annotator.io.export import ExportFilter, ExportItem, iter_export, replaced
from annotator.io.export_one import one_entry
from annotator.io.native import SCHEMA_KEY
from annotator.store.project import Project

CLAIM_FIELDS: tuple[tuple[str, str], ...] = (
    ("id", "string"), ("start", "int64"), ("end", "int64"), ("text", "string"),
    ("claimant", "string"), ("claimant_name", "string"),
    ("addressee", "string"), ("addressee_name", "string"),
    ("target", "string"), ("target_name", "string"),
    ("stance", "string"), ("category", "string"), ("certainty", "string"),
    ("checkworthy", "string"), ("attribution_type", "string"), ("source_mention", "string"),
    ("source_text", "string"), ("source_kind", "string"), ("cue_start", "int64"),
    ("cue_end", "int64"), ("cue_text", "string"), ("links", "list<string>"),
    ("note", "string"), ("extra", "string"), ("segments", "string"),
)  # fmt: skip
"""Each claim's fields, in order, with their type."""

MENTION_FIELDS: tuple[tuple[str, str], ...] = (
    ("id", "string"), ("start", "int64"), ("end", "int64"), ("text", "string"),
    ("actor", "string"), ("actor_name", "string"), ("actor_type", "string"),
)  # fmt: skip
"""Each mention's fields, in order, with their type."""

ARTICLE_FIELDS = ("id", "text", "title", "source", "story", "annotator")
"""The article's own columns (all strings), before ``claims`` and ``mentions``."""

CLAIM, OUTSIDE = "Claim", "O"
NER_TAGS = (OUTSIDE, f"B-{CLAIM}", f"I-{CLAIM}")
"""The BIO tags, in the order of their numbers (``ner_tags`` class labels)."""
_TOKEN = re.compile(r"\w+|[^\w\s]")


def tokenize(text: str) -> list[tuple[int, int]]:
    """The (start, end) code point spans of the tokens of ``text`` (see the module doc)."""
    return [m.span() for m in _TOKEN.finditer(text)]


def bio_tags(text: str, claims: list[tuple[int, int]]) -> tuple[list[str], list[str]]:
    """The tokens of ``text`` and their BIO tags for ``claims`` ((start, end), in order)."""
    spans = tokenize(text)
    tags = [OUTSIDE] * len(spans)
    for start, end in claims:
        first = True
        for i, (t_start, t_end) in enumerate(spans):
            if t_start < end and t_end > start and tags[i] == OUTSIDE:
                tags[i] = f"{'B' if first else 'I'}-{CLAIM}"
                first = False
    return [text[s:e] for s, e in spans], tags


def claim_fields(
    article: Article, entry: ArticleLabels, actors: dict[str, Actor]
) -> list[dict[str, Any]]:
    """Every field of each claim of ``entry``, by (start, end, id), as `CLAIM_FIELDS` lists them."""
    rows = []
    for claim in sorted(entry.claims, key=lambda c: (c.start, c.end, c.id)):
        row: dict[str, Any] = {
            "id": claim.id,
            "start": claim.start,
            "end": claim.end,
            "text": article.text[claim.start : claim.end],
        }
        for role in CLAIM_ACTOR_FIELDS:
            actor_id = getattr(claim, role)
            actor = actors.get(actor_id) if actor_id else None
            row[role] = actor_id
            row[f"{role}_name"] = actor.name if actor else None
        row.update({f: getattr(claim, f) for f in CLAIM_VOCAB_FIELDS})
        attribution = claim.attribution
        cue = attribution.cue
        row.update(
            attribution_type=attribution.attribution_type,
            source_mention=attribution.source_mention,
            source_text=attribution.source_text,
            source_kind=attribution.source_kind,
            cue_start=cue.start if cue else None,
            cue_end=cue.end if cue else None,
            cue_text=article.text[cue.start : cue.end] if cue else None,
            links=list(entry.links.get(claim.id, ())),
            note=claim.note,
            extra=orjson.dumps(claim.extra, option=orjson.OPT_SORT_KEYS).decode(),
            segments=(
                orjson.dumps([list(s) for s in claim.segments]).decode() if claim.segments else None
            ),
        )
        rows.append(row)
    return rows


def mention_fields(
    article: Article, entry: ArticleLabels, actors: dict[str, Actor]
) -> list[dict[str, Any]]:
    """Every field of each mention of ``entry``, by (start, end, id)."""
    rows = []
    for mention in sorted(entry.mentions, key=lambda m: (m.start, m.end, m.id)):
        actor = actors.get(mention.actor) if mention.actor else None
        rows.append(
            {
                "id": mention.id,
                "start": mention.start,
                "end": mention.end,
                "text": article.text[mention.start : mention.end],
                "actor": mention.actor,
                "actor_name": actor.name if actor else None,
                "actor_type": actor.type if actor else None,
            }
        )
    return rows


def hf_row(item: ExportItem, bio: bool = False) -> dict[str, Any]:
    """The row of one exported article (one annotator's labels, or none)."""
    article = item.article
    entry = one_entry(item, "hf")
    claims = claim_fields(article, entry, item.actors) if entry else []
    row: dict[str, Any] = {
        "id": article.id,
        "text": article.text,
        "title": article.title,
        "source": article.source,
        "story": article.story,
        "annotator": entry.annotator if entry else None,
        "claims": claims,
        "mentions": mention_fields(article, entry, item.actors) if entry else [],
    }
    if bio:
        ordered = sorted(entry.claims, key=lambda c: (c.start, c.end, c.id)) if entry else []
        row["tokens"], row["ner_tags"] = bio_tags(
            article.text, [(s.start, s.end) for claim in ordered for s in claim.content]
        )
    return row


def import_pyarrow() -> Any:
    """The ``pyarrow`` module (with ``pyarrow.parquet``), or a message saying how to install it."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as exc:
        raise AnnotatorError(
            "Parquet export needs pyarrow: pip install 'claim-annotator[parquet]' "
            "(or pip install pyarrow)"
        ) from exc
    return pyarrow


def arrow_schema(bio: bool = False, schema: LabelSchema | None = None) -> Any:
    """The pyarrow schema of the rows (imports pyarrow).

    Args:
        bio: with ``tokens`` and ``ner_tags`` (and their `datasets` features).
        schema: the label schema the values come from, named in the metadata
            under ``label_schema`` (`SCHEMA_KEY`); None: not named.
    """
    pa = import_pyarrow()
    stamp = {} if schema is None else {SCHEMA_KEY: orjson.dumps(schema.stamp_data()).decode()}
    types = {"string": pa.string(), "int64": pa.int64(), "list<string>": pa.list_(pa.string())}

    def struct(fields: tuple[tuple[str, str], ...]) -> Any:
        return pa.struct([pa.field(name, types[kind]) for name, kind in fields])

    columns = [pa.field(name, pa.string()) for name in ARTICLE_FIELDS]
    columns += [
        pa.field("claims", pa.list_(struct(CLAIM_FIELDS))),
        pa.field("mentions", pa.list_(struct(MENTION_FIELDS))),
    ]
    if not bio:
        return pa.schema(columns, metadata=stamp or None)
    columns += [
        pa.field("tokens", pa.list_(pa.string())),
        pa.field("ner_tags", pa.list_(pa.int64())),
    ]
    rows = pa.schema(columns)
    features = {field.name: datasets_feature(pa, field.type) for field in rows}
    features["ner_tags"] = {
        "feature": {"names": list(NER_TAGS), "_type": "ClassLabel"},
        "_type": "Sequence",
    }
    info = orjson.dumps({"info": {"features": features}}).decode()
    return rows.with_metadata({"huggingface": info, **stamp})


def datasets_feature(pa: Any, kind: Any) -> Any:
    """The `datasets` feature of a pyarrow type, as ``Features.to_dict`` writes it.

    The older spelling (``Sequence``; a list of structs as ``[{...}]``), which
    every `datasets` version reads.
    """
    if pa.types.is_struct(kind):
        return {field.name: datasets_feature(pa, field.type) for field in kind}
    if pa.types.is_list(kind):
        inner = datasets_feature(pa, kind.value_type)
        return [inner] if "_type" not in inner else {"feature": inner, "_type": "Sequence"}
    return {"dtype": str(kind), "_type": "Value"}


def _tag_numbers(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` with their ``ner_tags`` as class label numbers (Parquet's storage)."""
    number = {tag: i for i, tag in enumerate(NER_TAGS)}
    return [{**row, "ner_tags": [number[t] for t in row["ner_tags"]]} for row in rows]


def _rows(
    project: Project, where: ExportFilter, progress: Callable[[int, int], None] | None, bio: bool
) -> Iterator[list[dict[str, Any]]]:
    for items in iter_export(project, where, progress):
        yield [hf_row(item, bio) for item in items]


def export_hf(
    project: Project,
    target: Path,
    where: ExportFilter | None = None,
    progress: Callable[[int, int], None] | None = None,
    bio: bool = False,
) -> int:
    """Write ``target`` (``.jsonl`` or ``.parquet``); return how many articles were written.

    The file is written next to ``target`` and renamed into place when complete.

    Raises:
        AnnotatorError: another suffix, pyarrow missing for Parquet, an article
            with labels by several annotators, or a ``.parquet`` target that is a
            named pipe or device (``.jsonl`` is written into one).
    """
    where = where or ExportFilter()
    suffix = target.suffix.lower()
    if suffix not in (".jsonl", ".parquet"):
        raise AnnotatorError(f"the hf format writes .jsonl or .parquet, not {target.name!r}")
    written = 0
    parquet = "Parquet is written with its index at the end, read with random access"
    with replaced(target, None if suffix == ".jsonl" else parquet) as partial:
        if suffix == ".jsonl":
            with open(partial, "wb") as out:
                for rows in _rows(project, where, progress, bio):
                    out.write(b"".join(orjson.dumps(r) + b"\n" for r in rows))
                    written += len(rows)
        else:
            pa = import_pyarrow()
            schema = arrow_schema(bio, project.schema)
            with pa.parquet.ParquetWriter(partial, schema) as writer:
                for rows in _rows(project, where, progress, bio):
                    rows = _tag_numbers(rows) if bio else rows
                    writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                    written += len(rows)
    return written
