"""``annotator schema``: show a project's label schema, or update it from a new TOML file.

An update is checked like the schema of a new project, then against the
labels (`annotator.store.schema_changes`): values are added, renamed
(``renamed_from`` in the TOML) or mapped (``--map FIELD:OLD=NEW``), and a
value that labels hold is only removed when a mapping says where they go.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import click

from annotator.cli.base import cli, default_user, project_file
from annotator.core.errors import AnnotatorError, ValidationError
from annotator.core.schema import Field, LabelSchema, read_schema
from annotator.core.schema_diff import Mapping
from annotator.store.project import Project
from annotator.store.schema_changes import SchemaChange

WIDTH = 100


@cli.command("schema")
@click.argument("project", type=click.Path(dir_okay=False))
@click.option(
    "--update",
    "new_file",
    type=click.Path(exists=True, dir_okay=False),
    help="Replace the schema with this TOML file, rewriting the labels of renamed values.",
)
@click.option(
    "--map",
    "mappings",
    multiple=True,
    metavar="FIELD:OLD=NEW",
    help=(
        "With --update: labels with a value the new schema removes take NEW"
        " (FIELD:OLD= leaves them without a value); repeat for several."
    ),
)
@click.option("--dry-run", is_flag=True, help="With --update: show the changes, change nothing.")
@click.option("--as", "user", default=default_user, help="Who is recorded for the update.")
def schema_command(
    project: str, new_file: str | None, mappings: tuple[str, ...], dry_run: bool, user: str
) -> None:
    """Show PROJECT's label schema and its history, or update it (--update NEW.toml).

    An update adds values, fields and keys; renames values (a value of the
    new file with `renamed_from = "old"`); and removes values no label holds.
    Removing a value that labels hold is refused, listing them, unless --map
    says where they go. The project is backed up first, and the labels are
    rewritten in one transaction with the new schema.
    """
    if new_file is None:
        if mappings or dry_run:
            raise AnnotatorError("--map and --dry-run go with --update NEW.toml")
        with project_file(project, read_only=True) as opened:
            click.echo("\n".join(describe(opened.schema, opened.schema_history())))
        return
    parsed = [Mapping.parse(m) for m in mappings]
    new = read_schema(Path(new_file))
    with project_file(project, read_only=dry_run) as opened:
        _update(opened, new, parsed, dry_run, user)


def _update(
    project: Project, new: LabelSchema, mappings: list[Mapping], dry: bool, user: str
) -> None:
    update = project.check_schema_update(new, mappings)
    if not update.plan.changes_anything:
        click.echo(f"{project.path.name} has this schema already; nothing changed")
        return
    revision = project.schema.revision
    click.echo(f"changes from revision {revision} to {revision + 1}:")
    for line in update.lines():
        click.echo(f"  {line}")
    if not update.allowed:
        raise ValidationError(update.refusal())
    if dry:
        click.echo("dry run: nothing changed")
        return
    change = project.update_schema(new, user, mappings)
    assert change is not None  # it changes something (checked above)
    click.echo(
        f"updated the schema of {project.path.name} to revision {change.revision}"
        f" (fingerprint {change.fingerprint});"
        f" {change.labels} label value{'s' * (change.labels != 1)} rewritten"
    )
    if change.backup:
        click.echo(f"the project as it was is backed up in {change.backup}")


def describe(schema: LabelSchema, history: list[SchemaChange]) -> list[str]:
    """The schema as ``annotator schema`` prints it: fields, values, keys, then its updates."""
    lines = [
        f"schema {schema.stamp()}"
        + (f" (its file says version {schema.version})" if schema.version != 1 else "")
    ]
    for field in schema.fields.values():
        lines += ["", *_field_lines(field)]
    if history:
        lines += ["", "updates:"]
        for change in history:
            lines.append(
                f"  revision {change.revision}, {change.at} by {change.changed_by}"
                f" (fingerprint {change.fingerprint}; {change.labels} label values rewritten)"
            )
            lines += [f"    {line}" for line in change.changes]
    return lines


def _field_lines(field: Field) -> list[str]:
    extra = ", extra per-claim field" if field.extra else ""
    lines = [f"{field.name} ({field.label}{extra})"]
    if field.origin:
        lines += textwrap.wrap(field.origin, WIDTH, initial_indent="  ", subsequent_indent="  ")
    width = max(len(v.id) for v in field.values)
    for value in field.values:
        key = value.key or "-"
        weight = field.weight(value)
        shown = f" (weight {weight:+d})" if field.name == "stance" and weight else ""
        lines.append(f"  {key}  {value.id:<{width}}  {value.name}{shown}")
        if value.description:
            indent = " " * (6 + width)
            lines += textwrap.wrap(
                value.description, WIDTH, initial_indent=indent, subsequent_indent=indent
            )
    return lines
