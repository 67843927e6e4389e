"""The ``annotator`` command: create projects, import, export, inspect, open the app.

Errors print one line on stderr and exit non-zero; a traceback is never
shown (set ANNOTATOR_DEBUG=1 to see one for an unexpected error).
"""

from __future__ import annotations

import getpass
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
import orjson

from annotator import __version__
from annotator.core.errors import (
    AnnotatorError,
    DamagedProjectError,
    ProjectError,
    ReadOnlyProjectError,
    quoted,
)
from annotator.core.model import STATUSES
from annotator.core.schema import read_schema
from annotator.core.text import TITLE_RULES
from annotator.core.validate import repeated_name
from annotator.io.formats import EXPORTERS
from annotator.io.importer import FORMATS as IMPORT_FORMATS
from annotator.io.importer import IMPORTERS
from annotator.logs import log_file, setup_logging
from annotator.store.project import Project

EXIT_ERROR = 1
EXIT_BUG = 2

log = logging.getLogger("annotator.cli")  # not __name__: that is __main__ under python -m


def _default_user() -> str:
    return os.environ.get("ANNOTATOR_NAME") or getpass.getuser()


class _Failure(click.ClickException):
    """An error shown as one line on stderr; exit code 1, or 2 for a bug."""

    def __init__(self, message: str, exit_code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class _Group(click.Group):
    """The command group: turns every error into one line for the user."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except AnnotatorError as exc:
            log.warning("%s: %s", ctx.invoked_subcommand, exc)
            raise _Failure(str(exc)) from None
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            log.warning("%s: %s%s", ctx.invoked_subcommand, where, exc.strerror or exc)
            raise _Failure(f"{where}{exc.strerror or exc}") from None
        except Exception as exc:  # the one place a bug is turned into a message
            log.critical("unexpected error in %s", ctx.invoked_subcommand, exc_info=True)
            if os.environ.get("ANNOTATOR_DEBUG"):
                raise
            message = f"unexpected error ({type(exc).__name__}: {exc}); please report it"
            if log_file() is not None:
                message += f" (details in {log_file()})"
            raise _Failure(message, EXIT_BUG) from None


@contextmanager
def _project(path: str, read_only: bool = False) -> Iterator[Project]:
    project = Project.open(path, read_only=read_only)
    try:
        yield project
    finally:
        project.close()


@contextmanager
def _progress(label: str, enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A click progress bar on a terminal; nothing when output is piped."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(length=1, label=label, file=sys.stderr) as bar:

        def update(done: int, total: int) -> None:
            bar.length = total
            bar.update(done - bar.pos)

        yield update


_offsets_option = click.option(
    "--offsets",
    type=click.Choice(["utf16", "codepoints"]),
    help=(
        "doccano: how offsets count characters (default utf16, as doccano's annotation page"
        " counts; codepoints for files made by Python scripts)."
    ),
)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="annotator")
def cli() -> None:
    """Label claims, actors, stance and attribution in news articles."""
    setup_logging()
    log.info("annotator %s", click.get_current_context().invoked_subcommand)


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
@click.argument("files", nargs=-1, required=True, type=click.Path())
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
@click.option("--story", help="Story key for imported articles that have none.")
@_offsets_option
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
    story: str | None,
    offsets: str | None,
    title_rule: str | None,
    skip_invalid: bool,
    report_file: str | None,
) -> None:
    """Import articles from FILES (.txt, folders, .csv, .jsonl, doccano, brat, LS, Prodigy)."""
    from annotator.io.importer import import_files
    from annotator.io.label_map import load_label_map
    from annotator.io.targets import check_target

    reader = IMPORTERS.get(fmt)  # None: auto, by each file's extension
    if (map_file or annotator) and not (reader and reader.other_tool):
        tools = ", ".join(name for name, f in IMPORTERS.items() if f.other_tool)
        raise AnnotatorError(f"--map and --annotator are for --format {tools}")
    if offsets and not (reader and reader.offsets):
        tools = ", ".join(name for name, f in IMPORTERS.items() if f.offsets)
        raise AnnotatorError(f"--offsets goes with --format {tools}")
    if title_rule and reader is not None and not reader.titles:
        raise AnnotatorError("--title goes with .txt files (--format txt or auto)")
    with _project(project) as opened, _progress("importing", True) as progress:
        if report_file:
            check_target(opened, Path(report_file), doing="write the report to")
        mapping = load_label_map(map_file, opened.schema) if map_file else None
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
@_offsets_option
@click.option(
    "--fallback",
    type=click.Choice(["single"]),
    help="With --gold: add articles labelled by one annotator only, with their labels.",
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
    offsets: str | None,
) -> None:
    """Export PROJECT's articles and labels (native JSONL unless --format says otherwise)."""
    from annotator.io.export import ExportFilter, export_jsonl
    from annotator.io.formats import export_to

    where = ExportFilter(annotator, status, story, gold, fallback)
    with _project(project, read_only=True) as opened:
        if output is None:
            if fmt != "jsonl":
                raise AnnotatorError(f"--format {fmt} needs -o FILE (only jsonl goes to stdout)")
            export_jsonl(opened, sys.stdout.buffer, where)
            sys.stdout.buffer.flush()
            return
        options: dict[str, object] = {}
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
        with _progress("exporting", True) as progress:
            count = export_to(opened, fmt, Path(output), where, progress, **options)
    click.echo(f"exported {count} article{'s' * (count != 1)} to {output}", err=True)


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def stats(project: str, as_json: bool) -> None:
    """Counts: articles, actors, and each annotator's progress and labels."""
    with _project(project, read_only=True) as opened:
        numbers = opened.stats()
    if as_json:
        click.echo(orjson.dumps(numbers, option=orjson.OPT_INDENT_2).decode())
        return
    click.echo(f"articles: {numbers['articles']} in {numbers['stories']} stories")
    click.echo(f"actors:   {numbers['actors']}")
    rows = numbers["annotators"]
    if not rows:
        click.echo("no labels yet")
        return
    header = f"{'annotator':<16}{'done':>6}{'in progress':>13}{'skipped':>9}{'claims':>8}{'mentions':>10}"
    click.echo(header)
    for name, r in rows.items():
        click.echo(
            f"{name:<16}{r['done']:>6}{r['in_progress']:>13}{r['skipped']:>9}"
            f"{r['claims']:>8}{r['mentions']:>10}"
        )


@cli.group(invoke_without_command=True)
@click.argument("project", type=click.Path(dir_okay=False))
@click.pass_context
def actors(ctx: click.Context, project: str) -> None:
    """List PROJECT's actors, or add, alias and merge them (see the subcommands)."""
    ctx.obj = project
    if ctx.invoked_subcommand is None:
        with _project(project, read_only=True) as opened:
            usage = opened.actor_usage()
        if not usage:
            click.echo("no actors yet")
        for actor, mentions, claims in usage:
            aliases = f" (also: {', '.join(actor.aliases)})" if actor.aliases else ""
            click.echo(
                f"{actor.id}  {actor.name} [{actor.type or '-'}]{aliases}"
                f"  {mentions} mentions, {claims} claims"
            )


def _resolve_actor(project: Project, ref: str) -> str:
    """An actor id from an id or an exact name or alias."""
    if project.actor(ref):
        return ref
    matches = project.actors_named(ref)
    if not matches:
        raise AnnotatorError(f"no actor called {quoted(ref)}")
    if len(matches) > 1:
        ids = ", ".join(a.id for a in matches)
        raise AnnotatorError(f"{quoted(ref)} names {len(matches)} actors ({ids}); give an id")
    return matches[0].id


@actors.command("add")
@click.argument("name")
@click.option("--type", "actor_type", help="Actor type id from the schema (state, person ...).")
@click.option("--alias", "aliases", multiple=True, help="Another name; repeat for several.")
@click.option("--as", "user", default=_default_user, help="Annotator recorded for the change.")
@click.pass_obj
def actors_add(
    project: str, name: str, actor_type: str | None, aliases: tuple[str, ...], user: str
) -> None:
    """Add an actor called NAME."""
    aliases = _new_names(name.strip(), (), aliases)
    with _project(project) as opened:
        actor = opened.add_actor(name, user, actor_type, aliases)
    click.echo(f"added {actor.name} ({actor.id})")


def _new_names(name: str, known: Sequence[str], aliases: Sequence[str]) -> tuple[str, ...]:
    """The aliases that add a name to an actor; says which repeat one and are not added.

    Names are looked up ignoring case, so "observers" adds nothing to "Observers".
    """
    kept: list[str] = []
    for alias in aliases:
        repeated = repeated_name(name, [*known, *kept], alias)
        if repeated is None:
            kept.append(alias)
        else:
            click.echo(
                f"{name}: {alias!r} repeats {repeated} (names match ignoring case); not added"
            )
    return tuple(kept)


@actors.command("alias")
@click.argument("actor")
@click.argument("aliases", nargs=-1, required=True)
@click.option("--as", "user", default=_default_user, help="Annotator recorded for the change.")
@click.pass_obj
def actors_alias(project: str, actor: str, aliases: tuple[str, ...], user: str) -> None:
    """Give ACTOR (id or name) more ALIASES."""
    with _project(project) as opened:
        actor_id = _resolve_actor(opened, actor)
        updated = opened.actor(actor_id)
        assert updated is not None  # found by _resolve_actor
        for alias in _new_names(updated.name, updated.aliases, aliases):
            updated = opened.add_alias(actor_id, alias, user)
    click.echo(f"{updated.name}: {', '.join(updated.aliases)}")


@actors.command("merge")
@click.argument("keep")
@click.argument("others", nargs=-1, required=True)
@click.option("--as", "user", default=_default_user, help="Annotator recorded for the change.")
@click.pass_obj
def actors_merge(project: str, keep: str, others: tuple[str, ...], user: str) -> None:
    """Merge OTHERS into KEEP: their labels follow, their names become aliases."""
    with _project(project) as opened:
        keep_id = _resolve_actor(opened, keep)
        for other in others:
            merged = opened.merge_actors(keep_id, _resolve_actor(opened, other), user)
    click.echo(f"merged into {merged.name} (also: {', '.join(merged.aliases)})")


@cli.command()
@click.argument("project", required=False, type=click.Path(dir_okay=False))
@click.option("--sample", is_flag=True, help="Open the sample project (made on first use).")
@click.option(
    "--read-only",
    is_flag=True,
    help="Open PROJECT read-only: to read and export while it is open elsewhere.",
)
def gui(project: str | None, sample: bool, read_only: bool) -> None:
    """Open the app, on PROJECT if given.

    A PROJECT that cannot be written here (a read-only disk or folder) opens
    read-only by itself; the commands that only read (export, stats,
    agreement, actors, backups) work on it as well.
    """
    from annotator.ui.window.app import run

    if sample:
        from annotator.samples import sample_project

        project = str(sample_project())
    if read_only and project is None:
        raise AnnotatorError("--read-only needs a PROJECT to open")
    sys.exit(run(project, read_only))


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@click.option(
    "--annotators",
    metavar="A,B,...",
    help="Whom to compare, comma-separated (default: everyone but gold).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def agreement(project: str, annotators: str | None, as_json: bool) -> None:
    """Agreement between annotators on the articles two or more of them labelled."""
    from annotator.quality.agreement import project_agreement

    names = None
    if annotators is not None:
        names = [n.strip() for n in annotators.split(",") if n.strip()]
    with _project(project, read_only=True) as opened:
        report = project_agreement(opened, names)
    if as_json:
        click.echo(orjson.dumps(report.to_json(), option=orjson.OPT_INDENT_2).decode())
    else:
        click.echo(report.to_table())


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("--annotators", required=True, metavar="A,B,...", help="Who labels, comma-separated.")
@click.option(
    "--overlap",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="Share of articles also given to a second annotator (1: every article to everyone).",
)
@click.option(
    "--by",
    type=click.Choice(["article", "story"]),
    default="article",
    show_default=True,
    help="Deal out articles one by one (round robin) or whole stories.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Chooses the overlap.")
def assign(project: str, annotators: str, overlap: float, by: str, seed: int) -> None:
    """Assign PROJECT's articles to annotators, replacing any earlier assignments."""
    from annotator.quality.assign import assign_articles, parse_annotators

    names = parse_annotators(annotators)
    with _project(project) as opened:
        plan = assign_articles(opened, names, overlap, by, seed)
    width = max(len(n) for n in names)
    for name, (total, shared) in plan.counts().items():
        click.echo(f"{name:<{width}}  {total:>5} article{'s' * (total != 1)}, {shared} shared")
    total, shared = plan.articles(), plan.shared()
    click.echo(
        f"assigned {total} article{'s' * (total != 1)} to {len(names)}"
        f" annotator{'s' * (len(names) != 1)}; {shared} labelled by more than one"
    )


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("--annotator", required=True, help="Whom the package is for.")
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="Package file to write."
)
def package(project: str, annotator: str, output: str) -> None:
    """Write a work package: a project file with ANNOTATOR's articles and labels only."""
    from annotator.quality.package import write_package

    try:
        opened = Project.open(project)
    except ReadOnlyProjectError as exc:
        raise ProjectError(
            f"{project} cannot be written here ({exc.reason}): a package is recorded in the"
            " project it is made from (a merge checks it against that record); copy the project"
            " to a folder you can write to"
        ) from None
    with opened:
        report = write_package(opened, annotator, Path(output))
    click.echo(report.summary())


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--accept-unrecorded",
    is_flag=True,
    help=(
        "Also merge packages PROJECT has no record of making (made before projects recorded"
        " them), as the annotator their own record names."
    ),
)
def merge(project: str, files: tuple[str, ...], accept_unrecorded: bool) -> None:
    """Merge annotators' work packages (FILES) back into PROJECT.

    Each must be a package PROJECT made (`annotator package` records them).
    """
    from annotator.quality.merge import merge_packages

    with _project(project) as opened:
        report = merge_packages(opened, [Path(f) for f in files], accept_unrecorded)
    for match in report.matches:
        click.echo(str(match))
    for conflict in report.conflicts:
        click.echo(f"conflict: {conflict}", err=True)
    click.echo(report.summary())


def _backup_line(entry: Any) -> str:
    """One backup as ``backups`` and ``backup`` print it: local time, reason, counts, file."""
    when = entry.created.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    if not entry.readable:
        return f"{when}  {entry.reason:<16}  unreadable: {entry.problem}  {entry.path}"
    counts = f"{entry.articles} articles, {entry.claims} claims, {entry.mentions} mentions"
    return f"{when}  {entry.reason:<16}  {counts}  from {entry.source or '?'}  {entry.path}"


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("--if-changed", is_flag=True, help="Only if it changed since its last backup.")
def backup(project: str, if_changed: bool) -> None:
    """Back up PROJECT now (works while the app has it open)."""
    from annotator.store.backup import backup_file

    made = backup_file(Path(project), "manual", if_changed=if_changed, check=True)
    click.echo(_backup_line(made) if made else "unchanged since its last backup; none made")


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
def backups(project: str) -> None:
    """List PROJECT's backups, newest first (times are local).

    When PROJECT cannot be opened (damaged, missing, older version), the
    backups made from that file are listed, found by the path they record.
    """
    from annotator.store.backup import backup_folder, backups_for_file, backups_root, list_backups

    try:
        with _project(project, read_only=True) as opened:
            entries = list_backups(opened.project_id)
            folder = backup_folder(opened.project_id)
    except ProjectError as exc:
        click.echo(f"{exc}\nbackups made from this file:", err=True)
        entries, folder = backups_for_file(Path(project)), backups_root()
    for entry in entries:
        click.echo(_backup_line(entry))
    click.echo(f"{len(entries)} backup{'s' * (len(entries) != 1)} in {folder}")


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@click.argument("backup_file", type=click.Path(dir_okay=False, exists=True))
def restore(project: str, backup_file: str) -> None:
    """Replace PROJECT's content with BACKUP_FILE's; the current state is backed up first.

    A damaged PROJECT (which cannot be opened) is moved aside, not backed up.
    """
    from annotator.store.backup import damaged_copies, restore_backup, restore_file

    path = Path(project)
    try:
        with _project(project) as opened:
            before = restore_backup(opened, Path(backup_file))
        damaged = False
    except DamagedProjectError as exc:
        log.warning("restore: %s; restoring over the file", exc)
        before = restore_file(path, Path(backup_file), _default_user())
        damaged = True
    click.echo(f"restored {path.name} from {backup_file}")
    if before is not None:
        click.echo(f"the state before is in {before.path}; restore that to undo this")
    if damaged:
        click.echo(f"the damaged file was moved aside to {damaged_copies(path)[0]}")


@cli.command("self-test")
@click.option(
    "--screenshot",
    type=click.Path(dir_okay=False),
    help="Also save the drawn main window as a PNG here.",
)
def self_test(screenshot: str | None) -> None:
    """Check this installation: import, label, export, re-import, and draw the window."""
    from annotator.selftest import run_self_test

    sys.exit(run_self_test(click.echo, Path(screenshot) if screenshot else None))


def main(argv: list[str] | None = None) -> Any:
    """Entry point of the ``annotator`` command."""
    return cli.main(args=argv, prog_name="annotator")


if __name__ == "__main__":
    main()
