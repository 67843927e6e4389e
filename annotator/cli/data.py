"""Commands that make a project and move articles and labels in and out: init, import, export."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from annotator.cli.base import cli, offsets_option, progress_bar, project_file
from annotator.core.errors import AnnotatorError
from annotator.core.model import STATUSES
from annotator.core.schema import read_schema
from annotator.core.text import TITLE_RULES
from annotator.io.formats import EXPORTERS
from annotator.io.importer import FORMATS as IMPORT_FORMATS
from annotator.io.importer import IMPORTERS
from annotator.store.project import Project

if TYPE_CHECKING:
    from annotator.io.label_map import LabelMap


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@click.option(
    "--schema",
    "schema_file",
    type=click.Path(exists=True, dir_okay=False),
    help="Label schema (TOML); the default schema when left out.",
)
def init(project: str, schema_file: str | None) -> None:
    """Create a new, empty PROJECT file."""
    schema = None
    if schema_file:
        schema = read_schema(Path(schema_file))
    Project.create(project, schema).close()
    click.echo(f"created {project}")


@cli.command("import")
@click.argument("project", type=click.Path(dir_okay=False))
@click.argument("files", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(IMPORT_FORMATS),
    default="auto",
    show_default=True,
    help="Input format (auto: by extension).",
)
@click.option(
    "--map",
    "map_file",
    type=click.Path(dir_okay=False),
    help=(
        "doccano, brat, label-studio, prodigy: TOML mapping of labels to claim, mention, cue"
        " (default: our export's)."
    ),
)
@click.option(
    "--annotator",
    help=(
        "doccano: annotator for lines that name none (default: doccano);"
        " brat: annotator of the labels (default: brat);"
        " label-studio: for annotations without completed_by (default: label-studio);"
        " prodigy: for lines without meta.annotator (default: prodigy)."
    ),
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    help=(
        "label-studio: the project's labelling config (XML): the label map is proposed from"
        " it (instead of --map), printed with what cannot be mapped."
    ),
)
@click.option(
    "--write-map",
    "write_map",
    type=click.Path(dir_okay=False),
    help="With --config: write the proposed label map (TOML, for --map) to this file.",
)
@click.option("--story", help="Story key for imported articles that have none.")
@click.option(
    "--text-dir",
    type=click.Path(file_okay=False),
    help="brat corpus: the folder of the .txt files (with --ann-dir; instead of FILES).",
)
@click.option(
    "--ann-dir",
    type=click.Path(file_okay=False),
    help="brat corpus: the folder of the .ann files, named after their texts.",
)
@click.option(
    "--annotator-pattern",
    help=(
        "brat corpus: a regular expression found in each .ann file's name whose match (its"
        " first group) is the annotator, the rest the text's name;"
        " e.g. '_([0-9a-f]{4})$' for <article>_4e07.ann."
    ),
)
@offsets_option
@click.option(
    "--title",
    "title_rule",
    type=click.Choice(TITLE_RULES),
    help=(
        "txt: how a file's first line is read (default auto: the title only when it reads as"
        " a headline; first-line: always the title; none: no title, the whole file is the"
        " text). See the README's 'Titles of plain-text articles'."
    ),
)
@click.option(
    "--skip-invalid",
    is_flag=True,
    help="Import the good records and report the bad ones instead of stopping.",
)
@click.option(
    "--report",
    "report_file",
    type=click.Path(dir_okay=False),
    help="With --skip-invalid: write the bad records' messages to this file.",
)
def import_(
    project: str,
    files: tuple[str, ...],
    fmt: str,
    map_file: str | None,
    annotator: str | None,
    config_file: str | None,
    write_map: str | None,
    story: str | None,
    text_dir: str | None,
    ann_dir: str | None,
    annotator_pattern: str | None,
    offsets: str | None,
    title_rule: str | None,
    skip_invalid: bool,
    report_file: str | None,
) -> None:
    """Import articles from FILES (.txt, folders, .csv, .jsonl, doccano, brat, LS, Prodigy).

    A brat corpus whose annotations are in a folder of their own is given by
    --text-dir and --ann-dir (and --annotator-pattern) instead of FILES.
    --format label-studio reads Label Studio's JSON and JSON-min exports (told
    apart by the file; JSON-min keeps no relations, so no cue or source links).
    Label Studio's labelling config (--config) proposes the label map; with
    no FILES, the map is only printed (to standard output) or written (--write-map).
    """
    from annotator.io.import_brat import BratLayout
    from annotator.io.importer import import_files
    from annotator.io.label_map import load_label_map
    from annotator.io.targets import check_target

    layout = None
    if text_dir or ann_dir or annotator_pattern:
        if fmt != "brat" or not (text_dir and ann_dir) or files:
            raise AnnotatorError(
                "--text-dir, --ann-dir and --annotator-pattern read a brat corpus:"
                " give --format brat, --text-dir and --ann-dir, and no FILES"
            )
        layout = BratLayout(Path(ann_dir), annotator_pattern)
        files = (text_dir,)
    if (config_file or write_map) and fmt != "label-studio":
        raise AnnotatorError("--config and --write-map go with --format label-studio")
    if write_map and not config_file:
        raise AnnotatorError("--write-map writes the map proposed by --config: give --config")
    if config_file and map_file:
        raise AnnotatorError("give --map or --config, not both")
    if not files and not config_file:
        raise AnnotatorError("give the FILES to import (or, for a brat corpus, --text-dir)")
    reader = IMPORTERS.get(fmt)  # None: auto, by each file's extension
    if (map_file or annotator) and not (reader and reader.other_tool):
        tools = ", ".join(name for name, f in IMPORTERS.items() if f.other_tool)
        raise AnnotatorError(f"--map and --annotator are for --format {tools}")
    if offsets and not (reader and reader.offsets):
        tools = ", ".join(name for name, f in IMPORTERS.items() if f.offsets)
        raise AnnotatorError(f"--offsets goes with --format {tools}")
    if title_rule and reader is not None and not reader.titles:
        raise AnnotatorError("--title goes with .txt files (--format txt or auto)")
    with project_file(project) as opened, progress_bar("importing", True) as progress:
        if report_file:
            check_target(opened, Path(report_file), doing="write the report to")
        mapping = load_label_map(map_file, opened.schema) if map_file else None
        if config_file:
            mapping = _map_from_config(opened, Path(config_file), write_map, bool(files))
        if not files:
            return
        report = import_files(
            opened,
            [Path(f) for f in files],
            fmt,
            story,
            skip_invalid,
            progress,
            label_map=mapping,
            annotator=annotator,
            offsets=offsets or "utf16",
            title=title_rule or "auto",
            brat_layout=layout,
            parallel=None,  # a large file on two cores: read in a second process
            rollback_journal=True,  # the command has the project to itself
        )
    for conflict in report.conflicts:
        click.echo(f"conflict: {conflict}", err=True)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    messages = [str(e) for e in report.skipped]
    if report_file:
        Path(report_file).write_text("".join(m + "\n" for m in messages), encoding="utf-8")
    else:
        for message in messages:
            click.echo(f"skipped: {message}", err=True)
    click.echo(report.summary())


def _map_from_config(
    project: Project, config: Path, write_map: str | None, importing: bool
) -> LabelMap:
    """The label map proposed by a Label Studio config: printed (or written) with its problems.

    The map is printed to standard output when only proposed, else to standard error.
    """
    from annotator.io.label_studio_config import propose_label_map
    from annotator.io.targets import check_target

    proposed = propose_label_map(config, project.schema)
    text = proposed.toml(config.name)
    if write_map:
        check_target(project, Path(write_map), doing="write the label map to")
        Path(write_map).write_text(text, encoding="utf-8")
        click.echo(f"label map written to {write_map}", err=True)
    else:
        click.echo(text, err=importing, nl=False)
    for problem in proposed.problems():
        click.echo(f"cannot be mapped: {config}: {problem}", err=True)
    return proposed.label_map(project.schema)


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="File (or, for brat, folder) to write; standard output when left out.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(EXPORTERS)),
    default="jsonl",
    show_default=True,
    help="Output format (see the README's Exporting section).",
)
@click.option("--annotator", help="Only this annotator's labels.")
@click.option("--status", type=click.Choice(STATUSES), help="Only annotations with this status.")
@click.option("--story", help="Only articles of this story.")
@click.option("--gold", is_flag=True, help="Only adjudicated articles, with their gold labels.")
@click.option(
    "--alignment-mode",
    type=click.Choice(["expand", "contract", "strict"]),
    help="spacy: how spans that do not fall on token boundaries align (default expand).",
)
@click.option("--bio", is_flag=True, help="hf: add tokens and BIO tags of the claims.")
@click.option(
    "--events",
    is_flag=True,
    help=(
        "brat: write claims as attribution events (Content, Cue, Source spans and an"
        " Attribution event), as PARC 3.0 and PolNeAR do."
    ),
)
@offsets_option
@click.option(
    "--fallback",
    type=click.Choice(["single"]),
    help="With --gold: add articles labelled by one annotator only, with their labels.",
)
@click.option(
    "--suggestions",
    is_flag=True,
    help=(
        "jsonl: add each article's suggestions (and where accepted labels came from) under"
        ' "suggestions"; label-studio: add them as predictions.'
    ),
)
def export(
    project: str,
    output: str | None,
    fmt: str,
    annotator: str | None,
    status: str | None,
    story: str | None,
    gold: bool,
    fallback: str | None,
    alignment_mode: str | None,
    bio: bool,
    events: bool,
    offsets: str | None,
    suggestions: bool,
) -> None:
    """Export PROJECT's articles and labels (native JSONL unless --format says otherwise)."""
    from annotator.io.export import ExportFilter, export_jsonl
    from annotator.io.formats import export_to

    where = ExportFilter(annotator, status, story, gold, fallback)
    with project_file(project, read_only=True) as opened:
        if output is None:
            if fmt != "jsonl":
                raise AnnotatorError(f"--format {fmt} needs -o FILE (only jsonl goes to stdout)")
            if suggestions:
                from annotator.io.export_suggestions import export_jsonl_with_suggestions

                export_jsonl_with_suggestions(opened, sys.stdout.buffer, where)
            else:
                export_jsonl(opened, sys.stdout.buffer, where)
            sys.stdout.buffer.flush()
            return
        options: dict[str, object] = {}
        if suggestions:
            if fmt not in ("jsonl", "label-studio"):
                raise AnnotatorError("--suggestions goes with --format jsonl or label-studio")
            options["suggestions"] = True
        if alignment_mode is not None:
            if fmt != "spacy":
                raise AnnotatorError("--alignment-mode goes with --format spacy")
            options["alignment_mode"] = alignment_mode
        if bio:
            if fmt != "hf":
                raise AnnotatorError("--bio goes with --format hf")
            options["bio"] = True
        if offsets is not None:
            if fmt != "doccano":
                raise AnnotatorError("--offsets goes with --format doccano")
            options["offsets"] = offsets
        if events:
            if fmt != "brat":
                raise AnnotatorError("--events goes with --format brat")
            options["events"] = True
        with progress_bar("exporting", True) as progress:
            count = export_to(opened, fmt, Path(output), where, progress, **options)
    click.echo(f"exported {count} article{'s' * (count != 1)} to {output}", err=True)
