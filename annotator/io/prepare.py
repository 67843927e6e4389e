"""A record of any import format made ready to write: checked on its own, as table rows.

An import reads each record (a native line, a converted Label Studio task, ...)
in two steps: `prepare` checks what can be checked from the record alone and
turns it into rows of the project's tables (`Prepared`); the importer then
checks it against the project and the records before it (duplicate ids, ids
already used, actors it refers to) and writes the rows.

The first step needs nothing of the project but its label schema, so a large
import runs it in a second process beside the one that writes
(`annotator.io.parallel`). That is why a `Prepared` record holds plain tuples
and strings rather than the model's objects: they cross to the other process
as fast as pickle goes, and a label read by a fast path is never made into a
dataclass at all.
"""

from __future__ import annotations

import sys
from abc import ABC, abstractmethod
from collections.abc import Iterator
from typing import Any, NamedTuple

from annotator.core.errors import AnnotatorError, InputError
from annotator.core.model import Article
from annotator.core.schema import LabelSchema
from annotator.io.native import ParsedAnnotation, parse_annotations, parse_article
from annotator.io.readers import Noted, Record
from annotator.io.validate import check_plain
from annotator.store.rows import article_values


class Unconverted(ABC):
    """A record in another tool's shape, converted as it is prepared.

    A reader may yield one in place of a native record: `prepare` asks it
    first for its `Prepared` record made straight from its own shape (a
    format's fast path, skipping the native record), and only if it gives
    None for its native `record`, which it then prepares as any other.
    """

    __slots__ = ()

    @abstractmethod
    def prepared(self, story: str | None, schema: LabelSchema, stamp: str) -> Prepared | None:
        """What `prepare` makes of `record`, if this record is plain enough to make it directly."""

    @abstractmethod
    def record(self) -> Any:
        """The native record.

        Raises:
            ValidationError: it cannot be converted (the importer adds file and place).
        """


class Prepared(NamedTuple):
    """A record checked on its own and turned into rows, stamped with the import's time."""

    article_id: str
    text_sha256: str
    titled: bool
    """The article has a title (plain text: its first line was taken as one)."""
    text_size: int
    """The memory its text takes as a Python string (the writer's batches are sized by it)."""
    article: tuple[Any, ...]
    """Its row in `annotator.store.rows.ARTICLE_COLUMNS` order."""
    entries: list[ParsedAnnotation]
    warnings: list[str]
    """What was left out of the record (reasons, without file and line)."""
    error: AnnotatorError | None
    """What is wrong with its labels (the article itself was read): told after the
    importer's duplicate-id check, as an import told it before records were prepared."""

    @classmethod
    def of(
        cls,
        article: Article,
        stamp: str,
        entries: list[ParsedAnnotation],
        warnings: list[str] | None = None,
        error: AnnotatorError | None = None,
    ) -> Prepared:
        """The prepared record of ``article`` and its entries' rows."""
        return cls(
            article.id,
            article.text_sha256,
            bool(article.title),
            sys.getsizeof(article.text),
            article_values(article, stamp),
            entries,
            warnings or [],
            error,
        )


def prepare(record: Any, story: str | None, schema: LabelSchema, stamp: str) -> Prepared:
    """The rows of one record (a `Noted` record keeps its warnings; see `Unconverted`).

    Raises:
        AnnotatorError: the record's article cannot be read (a `ValidationError`
            without file or line; the importer adds them).
    """
    if isinstance(record, Unconverted):
        direct = record.prepared(story, schema, stamp)
        if direct is not None:
            return direct
        record = record.record()
    warnings: list[str] = []
    if isinstance(record, Noted):
        warnings = record.warnings
        record = record.record
    check_plain(record)
    article, raw_text, newlines = parse_article(record, story)
    try:
        entries = parse_annotations(record, article, raw_text, newlines, schema, stamp)
        error = None
    except AnnotatorError as exc:
        entries, error = [], exc
    return Prepared.of(article, stamp, entries, warnings, error)


PreparedRecord = tuple[int, Prepared | AnnotatorError, int]
"""(record number, the record prepared or what is wrong with it, bytes of input done)."""


def prepare_each(
    records: Iterator[Record], story: str | None, schema: LabelSchema, stamp: str
) -> Iterator[PreparedRecord]:
    """`prepare` each record in turn; a bad one gives its error in its place.

    An `InputError` the reader gives for a record is passed on as it is; one
    it raises (a file it cannot read on) ends the iteration, as from the reader.
    """
    for number, record, done in records:
        if isinstance(record, InputError):
            yield number, record, done
            continue
        try:
            yield number, prepare(record, story, schema, stamp), done
        except AnnotatorError as exc:
            yield number, exc, done
