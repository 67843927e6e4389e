"""Writing the splits: native JSONL, Hugging Face Parquet and spaCy DocBin, as articles come.

Layout of a dataset folder (paths relative to it, ``/`` separated)::

    jsonl/<split>.jsonl            native JSONL (`annotator.io.native.article_line`)
    hf/<split>.parquet             Hugging Face (`annotator.dataset.hf`)
    spacy/<split>/<NNNNN>.spacy    spaCy DocBin shards of `SPACY_SHARD` articles

``<split>`` is ``train``, ``dev`` or ``test``; every split has its files even
when it holds no article (an empty JSONL file, a Parquet file with no rows,
one empty DocBin). A DocBin is one compressed whole that spaCy reads at once,
so a split is cut into shards (as spaCy's own corpora are): ``spacy train``
takes the folder ``spacy/train`` as a corpus, and
``DocBin().from_disk(shard)`` reads one. Each Doc is the one ``annotator
export --format spacy`` makes (`annotator.io.export_spacy.article_doc`); the
DocBin keeps its tokens' `SPACY_ATTRS` (all a blank pipeline sets).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import orjson

from annotator.core.schema import LabelSchema
from annotator.dataset.hf import ClassLabels, ParquetSplit, arrow_schema
from annotator.dataset.options import SPLITS
from annotator.io.export import ExportItem
from annotator.io.export_spacy import article_doc, blank_for, import_spacy
from annotator.io.native import article_line

SPACY_SHARD = 500
"""Articles per DocBin file: a DocBin is held whole until written."""
BLANK_RENEWAL = 2_000
"""Articles after which the blank pipelines are made anew: every claim and mention id a Doc
holds is added to its vocabulary's strings for good (22 an article of news: 2 million
strings, hundreds of MB, at 100,000 articles). A DocBin keeps strings of its own, so the
bytes written do not depend on it."""
SPACY_ATTRS = ("ORTH", "NORM")
"""Token attributes a DocBin keeps: a blank pipeline sets no others (tags, lemmas, entities)."""


@contextlib.contextmanager
def quick_msgpack() -> Iterator[None]:
    """srsly's msgpack encoders and decoders looked up once, not on every call, while inside.

    ``DocBin.add`` packs each Doc's span groups and user data with
    ``srsly.msgpack_dumps``, which asks its `catalogue` registries for every
    encoder each time: a scan of the installed packages' entry points and of
    spaCy's whole registry, about 1.3 ms a call, five calls an article (a third
    of the time of a DocBin). The registries do not change during a build, so
    their answer is taken once and given back until the end.
    """
    import srsly

    registries = (srsly.msgpack_encoders, srsly.msgpack_decoders)
    for registry in registries:
        found = registry.get_all()
        registry.get_all = lambda found=found: found
    try:
        yield
    finally:
        for registry in registries:
            registry.__dict__.pop("get_all", None)


def jsonl_path(split: str) -> str:
    """Where a split's native JSONL goes, relative to the dataset folder."""
    return f"jsonl/{split}.jsonl"


def hf_path(split: str) -> str:
    """Where a split's Parquet file goes, relative to the dataset folder."""
    return f"hf/{split}.parquet"


def spacy_path(split: str, shard: int) -> str:
    """Where a split's DocBin shard goes, relative to the dataset folder."""
    return f"spacy/{split}/{shard:05d}.spacy"


_TOKEN_STRINGS = ("ORTH", "TAG", "LEMMA", "NORM", "MORPH", "DEP", "ENT_TYPE", "ENT_KB_ID", "ENT_ID")
"""The token attributes whose strings ``DocBin.add`` keeps (as ``token.text``, ``token.tag_`` ...)."""


def add_doc(docbin: Any, doc: Any) -> None:
    """``docbin.add(doc)``, with the same result, without a Python step for every token.

    ``DocBin.add`` collects the strings of every token's attributes by making a
    `Token` for each and asking for nine strings: half of the time of a DocBin
    of news articles. Here the attributes' hashes come as one array, and only
    the distinct ones are looked up. The rest is ``DocBin.add`` (spaCy 3.8);
    tests/dataset/test_writers.py holds the two to the same bytes.
    """
    import numpy
    import srsly
    from spacy.attrs import SPACY

    array = doc.to_array(docbin.attrs)
    if len(array.shape) == 1:
        array = array.reshape((array.shape[0], 1))
    docbin.tokens.append(array)
    spaces = doc.to_array(SPACY)
    spaces = spaces.reshape((spaces.shape[0], 1))
    docbin.spaces.append(numpy.asarray(spaces, dtype=bool))
    docbin.flags.append({"has_unknown_spaces": doc.has_unknown_spaces})
    if len(doc):
        lookup = doc.vocab.strings
        hashes = numpy.unique(doc.to_array(list(_TOKEN_STRINGS)))
        docbin.strings.update(lookup[int(value)] for value in hashes)
    docbin.cats.append(doc.cats)
    if docbin.store_user_data:
        docbin.user_data.append(srsly.msgpack_dumps(doc.user_data))
    docbin.span_groups.append(doc.spans.to_bytes())
    for group in doc.spans.values():
        for span in group:
            docbin.strings.add(span.label_)
            if span.kb_id in span.doc.vocab.strings:
                docbin.strings.add(span.kb_id_)
            if span.id in span.doc.vocab.strings:
                docbin.strings.add(span.id_)


class _SpacySplit:
    """One split's DocBin shards."""

    def __init__(self, folder: Path, split: str) -> None:
        self.folder, self.split = folder, split
        self.spacy = import_spacy()
        self.docbin = self._new()
        self.shards = 0
        self.written: list[str] = []

    def _new(self) -> Any:
        return self.spacy.tokens.DocBin(attrs=list(SPACY_ATTRS), store_user_data=True)

    def add(self, doc: Any) -> None:
        add_doc(self.docbin, doc)
        if len(self.docbin) >= SPACY_SHARD:
            self._flush()

    def _flush(self) -> None:
        path = spacy_path(self.split, self.shards)
        target = self.folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(self.docbin.to_bytes())
        self.written.append(path)
        self.shards += 1
        self.docbin = self._new()

    def close(self) -> None:
        if len(self.docbin) or not self.shards:
            self._flush()


class SplitWriters:
    """The files of every split in the chosen formats, written an article at a time."""

    def __init__(
        self, folder: Path, formats: tuple[str, ...], schema: LabelSchema, alignment_mode: str
    ) -> None:
        self.folder, self.schema, self.alignment_mode = folder, schema, alignment_mode
        self.formats = formats
        self.unaligned = dict.fromkeys(SPLITS, 0)
        self._jsonl: dict[str, IO[bytes]] = {}
        self._parquet: dict[str, ParquetSplit] = {}
        self._spacy: dict[str, _SpacySplit] = {}
        self._blanks: dict[str, Any] = {}
        self._docs = 0
        self._labels = ClassLabels(schema)
        if "jsonl" in formats:
            (folder / "jsonl").mkdir(parents=True, exist_ok=True)
            self._jsonl = {s: open(folder / jsonl_path(s), "wb") for s in SPLITS}  # noqa: SIM115
        if "hf" in formats:
            (folder / "hf").mkdir(parents=True, exist_ok=True)
            table = arrow_schema(schema, self._labels)
            self._parquet = {s: ParquetSplit(folder / hf_path(s), table) for s in SPLITS}
        if "spacy" in formats:
            self._spacy = {s: _SpacySplit(folder, s) for s in SPLITS}

    def add(self, split: str, item: ExportItem) -> None:
        """Write one article to ``split``'s files."""
        if self._jsonl:
            line = article_line(item.article, item.rows, item.actors, self.schema)
            self._jsonl[split].write(orjson.dumps(line) + b"\n")
        if self._parquet:
            self._parquet[split].add(self._labels.row(item))
        if self._spacy:
            self._docs += 1
            if self._docs % BLANK_RENEWAL == 0:
                self._blanks = {}
            nlp = blank_for(self._spacy[split].spacy, item.article.language, self._blanks)
            doc, missed = article_doc(nlp, item, self.alignment_mode, self.schema)
            self._spacy[split].add(doc)
            self.unaligned[split] += missed

    def close(self) -> list[str]:
        """Finish every file; the paths written, relative to the folder, sorted."""
        written: list[str] = []
        for split, out in self._jsonl.items():
            out.close()
            written.append(jsonl_path(split))
        for split, parquet in self._parquet.items():
            parquet.close()
            written.append(hf_path(split))
        for spacy in self._spacy.values():
            spacy.close()
            written += spacy.written
        return sorted(written)

    def abandon(self) -> None:
        """Close every open file after a failure (the caller removes the folder)."""
        for out in self._jsonl.values():
            out.close()
        for parquet in self._parquet.values():
            with contextlib.suppress(Exception):  # a half-written file is removed anyway
                parquet.writer.close()
