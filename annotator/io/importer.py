"""Import articles (and their labels) from text, CSV and native JSONL files.

Every file is validated line by line and written in one transaction: a bad
line stops the import and the file changes nothing, unless ``skip_invalid``
is set, in which case the good lines are imported and the bad ones reported.
All formats go through the same path as a native JSONL line, so a plain
article and a fully labelled one are imported by the same code.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import AnnotatorError, InputError, ValidationError, quoted
from annotator.core.model import ClaimLink
from annotator.core.schema import LabelSchema
from annotator.core.text import TITLE_RULES
from annotator.io import parallel, readers
from annotator.io.import_brat import DEFAULT_ANNOTATOR as BRAT_ANNOTATOR
from annotator.io.import_brat import BratLayout, brat_files, read_brat
from annotator.io.import_doccano import DEFAULT_ANNOTATOR, read_doccano
from annotator.io.import_label_studio import DEFAULT_ANNOTATOR as LABEL_STUDIO_ANNOTATOR
from annotator.io.import_label_studio import read_label_studio
from annotator.io.import_prodigy import DEFAULT_ANNOTATOR as PRODIGY_ANNOTATOR
from annotator.io.import_prodigy import prodigy_label_map, read_prodigy
from annotator.io.label_map import LabelMap, default_label_map
from annotator.io.native import ParsedAnnotation
from annotator.io.parallel import ReadJob
from annotator.io.parallel import worth_it as parallel_worth_it
from annotator.io.prepare import Prepared, PreparedRecord, prepare_each
from annotator.store.bulk import BulkWriter
from annotator.store.project import Project

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReadOptions:
    """What an import was asked for, as the format readers take it."""

    label_map: LabelMap | None
    annotator: str | None
    offsets: str
    title: str
    brat_layout: BratLayout | None = None


Records = tuple[Iterator[readers.Record], list[Path] | None]
"""The records of a path, and the files they come from (None: the path itself)."""
Read = Callable[[LabelSchema, Path, ReadOptions], Records]
"""A format's reader: the project's label schema, the path and the options."""


@dataclass(frozen=True)
class ImportFormat:
    """One format the import reads, and what it takes.

    Attributes:
        read: the records of a path (see `Read`).
        whole_file: read whole, not line by line: a named pipe is no input for it.
        other_tool: another tool's labels: it takes ``--map`` and ``--annotator``.
        offsets: it takes ``--offsets`` (doccano's UTF-16 units or code points).
        titles: it takes ``--title`` (plain text's first line).
        tasks: a JSON list of tasks rather than one record a line (Label Studio).
    """

    read: Read
    whole_file: bool = False
    other_tool: bool = False
    offsets: bool = False
    titles: bool = False
    tasks: bool = False


def _read_txt(schema: LabelSchema, path: Path, options: ReadOptions) -> Records:
    files = readers.txt_files(path)
    return _txt_records(files, options.title), files


def _read_jsonl(schema: LabelSchema, path: Path, options: ReadOptions) -> Records:
    return readers.read_jsonl(path), None


def _read_csv(schema: LabelSchema, path: Path, options: ReadOptions) -> Records:
    return readers.read_csv(path), None


def _read_doccano(schema: LabelSchema, path: Path, options: ReadOptions) -> Records:
    mapping = options.label_map or default_label_map(schema)
    annotator = options.annotator or DEFAULT_ANNOTATOR
    return read_doccano(path, mapping, annotator, options.offsets), None


def _read_brat(schema: LabelSchema, path: Path, options: ReadOptions) -> Records:
    mapping = options.label_map or default_label_map(schema)
    annotator = options.annotator or BRAT_ANNOTATOR
    if options.brat_layout is not None:  # a corpus: messages name each record's text
        return read_brat(path, mapping, annotator, options.brat_layout), readers.txt_files(path)
    # brat_files: messages name each record's .ann file
    return read_brat(path, mapping, annotator), brat_files(path)


def _read_label_studio(schema: LabelSchema, path: Path, options: ReadOptions) -> Records:
    mapping = options.label_map or default_label_map(schema)
    return read_label_studio(path, mapping, options.annotator or LABEL_STUDIO_ANNOTATOR), None


def _read_prodigy(schema: LabelSchema, path: Path, options: ReadOptions) -> Records:
    mapping = options.label_map or prodigy_label_map(schema)
    return read_prodigy(path, mapping, options.annotator or PRODIGY_ANNOTATOR), None


IMPORTERS: dict[str, ImportFormat] = {
    "txt": ImportFormat(_read_txt, whole_file=True, titles=True),
    "jsonl": ImportFormat(_read_jsonl),
    "csv": ImportFormat(_read_csv),
    "doccano": ImportFormat(_read_doccano, other_tool=True, offsets=True),
    "brat": ImportFormat(_read_brat, whole_file=True, other_tool=True),
    "label-studio": ImportFormat(_read_label_studio, other_tool=True, tasks=True),
    "prodigy": ImportFormat(_read_prodigy, other_tool=True),
}
"""Format name -> how it is read. Formats register here; the CLI and the import dialog
list what is registered (as `EXPORTERS` does for exports)."""
FORMATS = ("auto", *IMPORTERS)
"""What ``--format`` takes: ``auto`` (by extension, `detect_format`) or a registered format."""
WHOLE_FILE_FORMATS = tuple(name for name, f in IMPORTERS.items() if f.whole_file)
"""Formats read whole, not line by line: a named pipe is no input for them."""
Progress = Callable[[int, int], None]
"""Called with (bytes done, bytes in all) as an import goes on."""


@dataclass
class ImportReport:
    """What an import did."""

    files: int = 0
    added: int = 0
    existing: int = 0
    annotations: int = 0
    conflicts: list[str] = field(default_factory=list)
    skipped: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """Imported records with something left out of them, each naming file and line."""
    # How plain-text titles were read: told in the summary, but left out of ``==``
    # so that reports compare by what was imported, whatever the title rule.
    titled: int = field(default=0, compare=False)
    """Plain-text articles imported whose first line was taken as the title."""
    untitled: int = field(default=0, compare=False)
    """Plain-text articles imported without a title, the whole file their text."""

    def summary(self) -> str:
        """One line for the user."""
        text = f"imported {self.added} new article{'s' * (self.added != 1)}"
        if self.existing:
            text += f", updated labels of {self.existing} already in the project"
        if self.annotations:
            text += f" ({self.annotations} annotation entries)"
        if self.conflicts:
            text += (
                f"; {len(self.conflicts)} conflict{'s' * (len(self.conflicts) != 1)} not imported"
            )
        if self.skipped:
            text += f"; skipped {len(self.skipped)} invalid record{'s' * (len(self.skipped) != 1)}"
        if self.warnings:
            text += f"; {len(self.warnings)} warning{'s' * (len(self.warnings) != 1)}"
        if self.titled:
            text += f"; {self.titled} text file{'s' * (self.titled != 1)} with a title line"
        if self.untitled:
            files = f"text file{'s' * (self.untitled != 1)} without a title line"
            text += f"; {self.untitled} {'without one' if self.titled else files}"
            text += " (whole text kept)"
        return text


def detect_format(path: Path) -> str:
    """The format of a path from its extension (a folder holds .txt files)."""
    if path.is_dir():
        return "txt"
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix in (".csv", ".txt"):
        return suffix[1:]
    raise InputError(
        str(path), "unknown file type; name the format with --format jsonl, csv or txt"
    )


def import_files(
    project: Project,
    paths: Iterable[Path | str],
    format: str = "auto",
    story: str | None = None,
    skip_invalid: bool = False,
    progress: Progress | None = None,
    label_map: LabelMap | None = None,
    annotator: str | None = None,
    offsets: str = "utf16",
    title: str = "auto",
    brat_layout: BratLayout | None = None,
    parallel: bool | None = False,
    rollback_journal: bool = False,
) -> ImportReport:
    """Import each file (or folder of .txt files) in its own transaction.

    ``label_map`` (doccano, brat, label-studio, prodigy: the other tool's labels -> our
    concepts; default `default_label_map`) and ``annotator`` (doccano: for lines
    that name none, default ``doccano``; brat: for every file, default ``brat``;
    label-studio: for annotations without a usable ``completed_by``, default
    ``label-studio``; prodigy: for lines without ``meta.annotator``, default
    ``prodigy``; its default mapping is `prodigy_label_map`) apply to other tools' formats only.
    ``offsets`` (doccano only): ``utf16``, doccano's own count, or ``codepoints``.
    ``title`` (txt only): how a file's first line is read, one of `TITLE_RULES`
    (``auto``, ``first-line``, ``none``; see `split_title`).
    ``brat_layout`` (brat only): a corpus whose annotations are in another folder,
    named by annotator (`BratLayout`); each path is then a folder of texts.
    ``parallel``: read and prepare a file's records in a second process while
    this one writes (`annotator.io.parallel`): True, False (the default), or
    None for files of `annotator.io.parallel.PARALLEL_MIN_BYTES` or more on
    two cores or more (the CLI and the app ask for that); never for formats
    read whole (txt, brat) nor for a named pipe. Either way the import does the same. The process
    is spawned: a script that asks for it guards its own code with
    ``if __name__ == "__main__":``, as `multiprocessing` requires.
    ``rollback_journal``: a file at least as large as the project is written
    through a rollback journal when nothing else has the project open
    (`annotator.store.bulk.BulkWriter`); for a command that has the project to
    itself (the CLI's import), not the app, whose own threads read it.

    Raises:
        InputError: a file is missing or (without ``skip_invalid``) has a bad record;
            files before it stay imported, nothing of it is.
    """
    if title not in TITLE_RULES:
        raise AnnotatorError(f"unknown title rule {title!r}; use one of {', '.join(TITLE_RULES)}")
    files = [Path(p) for p in paths]
    for path in files:
        if not path.exists():
            raise InputError(str(path), "no such file or folder")
    options = ReadOptions(label_map, annotator, offsets, title, brat_layout)
    total = sum(_size(p) for p in files) or 1
    report = ImportReport()
    done_before = 0
    for path in files:
        kind = detect_format(path) if format == "auto" else format
        if kind not in IMPORTERS:
            known = ", ".join(IMPORTERS)
            raise InputError(str(path), f"unknown format {quoted(kind)}; use one of {known}")
        reader = IMPORTERS[kind]
        readers.check_input(path, whole=reader.whole_file)
        records, text_files = reader.read(project.schema, path, options)

        def file_progress(done: int, base: int = done_before) -> None:
            if progress:
                progress(min(base + done, total), total)

        importer = _FileImport(project, str(path), story, skip_invalid, report, text_files)
        importer.rollback_journal = rollback_journal
        importer.tasks = reader.tasks
        importer.plain_text = reader.titles
        importer.input_bytes = _size(path)
        reading = None
        # Only a regular file: a named pipe cannot be read again here if the process fails.
        regular = text_files is None and path.is_file()
        if regular and (parallel or (parallel is None and parallel_worth_it(path))):
            reading = ReadJob(reader.read, path, options)
        importer.run(records, file_progress, reading)
        report.files += 1
        done_before += _size(path)
    if progress:
        progress(total, total)
    log.info("import into %s of %s: %s", project.path, ", ".join(map(str, files)), report.summary())
    return report


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in readers.txt_files(path))
    return os.path.getsize(path)


def _txt_records(files: list[Path], title: str) -> Iterator[readers.Record]:
    done = 0
    for number, file in enumerate(files, 1):
        done += file.stat().st_size
        yield number, readers.txt_record(file, title), done


class _FileImport:
    """Imports the records of one file into one transaction."""

    def __init__(
        self,
        project: Project,
        name: str,
        story: str | None,
        skip: bool,
        report: ImportReport,
        text_files: list[Path] | None = None,
    ) -> None:
        self.project = project
        self.name = name
        self.text_files = text_files  # txt: record n is the file text_files[n - 1]
        self.tasks = False  # label-studio: record n is "task n" of the file
        self.plain_text = False  # txt: count the articles with and without a title line
        self.story = story
        self.skip = skip
        self.report = report
        self.input_bytes: int | None = None  # the size of the file, if known
        self.rollback_journal = False  # see `import_files`
        self.first_line: dict[str, int] = {}
        self.links: list[tuple[int, str, ClaimLink]] = []  # (line, article id, link)

    def run(
        self,
        records: Iterator[readers.Record],
        progress: Callable[[int], None],
        reading: ReadJob | None = None,
    ) -> None:
        """Import ``records``, or those ``reading`` gives in a second process (`parallel`)."""
        with BulkWriter(
            self.project,
            input_bytes=self.input_bytes,
            defer_indexes=True,
            search_in_batches=reading is not None,
            rollback_journal=self.rollback_journal,
        ) as writer:
            schema = self.project.schema
            if reading is None:
                prepared = prepare_each(records, self.story, schema, writer.stamp)
            else:
                prepared = parallel.prepare_in_second_process(
                    reading, self.story, schema, writer.stamp
                )
            try:
                self._run(writer, prepared, progress)
            finally:
                for done_with in (records, prepared):
                    close = getattr(done_with, "close", None)
                    if close is not None:
                        close()  # the file (the process) now, not when the error is let go

    def _run(
        self,
        writer: BulkWriter,
        records: Iterator[PreparedRecord],
        progress: Callable[[int], None],
    ) -> None:
        count = 0
        for number, record, done in records:
            count += 1
            try:
                if isinstance(record, AnnotatorError):
                    raise record
                if self._import(writer, number, record):
                    self.report.warnings += [str(self._error(number, w)) for w in record.warnings]
            except AnnotatorError as exc:
                self._bad(exc, number)
            if count % 256 == 0:
                progress(done)
        if count == 0:
            raise InputError(self.name, "the file is empty (no articles in it)")
        self._write_links(writer)

    def _place(self, number: int) -> tuple[str, int | None]:
        """The file and line that messages name for record ``number``."""
        if self.text_files is None:
            return self.name, number
        return str(self.text_files[number - 1]), None

    def _error(self, number: int, reason: str) -> InputError:
        """The error of record ``number`` (``task N: ...`` for Label Studio tasks)."""
        if self.tasks:
            return InputError(self.name, f"task {number}: {reason}")
        file, line = self._place(number)
        return InputError(file, reason, line)

    def _bad(self, exc: AnnotatorError, number: int) -> None:
        error = exc if isinstance(exc, InputError) else self._error(number, str(exc))
        if not self.skip:
            raise error
        self.report.skipped.append(error)

    def _import(self, writer: BulkWriter, number: int, record: Prepared) -> bool:
        """Import one record; False if it conflicts with an article of the project."""
        article_id = record.article_id
        if article_id in self.first_line:
            file, line = self._place(self.first_line[article_id])
            first = f"on line {line}" if line is not None else f"in {file}"
            if self.tasks:
                first = f"in task {self.first_line[article_id]}"
            raise ValidationError(f"duplicate article id {quoted(article_id)} (first {first})")
        if record.error is not None:
            raise record.error
        stored = writer.stored_text_sha(article_id)
        if stored is not None and stored != record.text_sha256:
            reason = (
                f"article {quoted(article_id)} is already in the project with a different text;"
                " not imported"
            )
            self.report.conflicts.append(str(self._error(number, reason)))
            return False
        self._check_references(writer, article_id, record.entries)
        self.first_line[article_id] = number
        if stored is None:
            writer.add_article_values(article_id, record.article, record.text_size)
            self.report.added += 1
        else:
            self.report.existing += 1
        if self.plain_text:
            if record.titled:
                self.report.titled += 1
            else:
                self.report.untitled += 1
        for entry in record.entries:
            self._write(writer, number, article_id, entry)
        return True

    def _check_references(
        self, writer: BulkWriter, article_id: str, entries: list[ParsedAnnotation]
    ) -> None:
        ids_in_line: set[str] = set()
        listed = {a.id for entry in entries for a in entry.actors}  # any entry of the line
        for entry in entries:
            for actor_id in entry.referenced:
                if actor_id not in listed and not writer.actor_known(actor_id):
                    raise ValidationError(
                        f"unknown actor id {quoted(actor_id)} (annotator {quoted(entry.annotator)}):"
                        " list it in the entry's actors"
                    )
            for table, rows in (("mentions", entry.mentions), ("claims", entry.claims)):
                ids = [row[0] for row in rows]
                clash = ids_in_line.intersection(ids)
                if clash:
                    raise ValidationError(
                        f"label id {quoted(sorted(clash)[0])} is used by two annotators"
                    )
                ids_in_line.update(ids)
                writer.check_label_ids(table, ids, article_id, entry.annotator)

    def _write(
        self, writer: BulkWriter, number: int, article_id: str, entry: ParsedAnnotation
    ) -> None:
        annotator = entry.annotator
        for actor in entry.actors:
            writer.put_actor(actor, annotator)
        writer.put_label_rows("mentions", entry.mentions, article_id, annotator)
        writer.put_label_rows("claims", entry.claims, article_id, annotator)
        writer.put_status_values(entry.status)
        for claim_id, other in entry.links:
            link = ClaimLink.between(claim_id, other, annotator)
            self.links.append((number, article_id, link))
        self.report.annotations += 1

    def _write_links(self, writer: BulkWriter) -> None:
        """Links may point at claims later in the file, so they are checked last."""
        for number, article_id, link in self.links:
            try:
                homes: set[str] = set()
                for claim_id in (link.claim_a, link.claim_b):
                    home = writer.claim_article(claim_id)
                    if home is None:
                        raise ValidationError(f"link to unknown claim id {quoted(claim_id)}")
                    homes.add(home)
                if homes == {article_id}:
                    raise ValidationError("a claim cannot be linked to a claim of the same article")
            except ValidationError as exc:
                self._bad(exc, number)
                continue
            writer.put_link(link)
