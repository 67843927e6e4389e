"""The team hub on PostgreSQL: ``annotator hub ...`` for the lead, ``annotator sync`` for laptops.

A DSN is libpq's connection string (``host=... dbname=... user=...`` or a
``postgresql://`` URI). Passwords come from libpq's own places (``~/.pgpass``
or PGPASSFILE, a service file, PGPASSWORD); none is stored in a project file.
"""

from __future__ import annotations

from pathlib import Path

import click

from annotator.cli.base import cli, project_file


@cli.group()
def hub() -> None:
    """A team hub on PostgreSQL: make it, add people, join it from a laptop, see progress."""


@hub.command("init")
@click.argument("dsn")
@click.option(
    "--from",
    "source",
    required=True,
    type=click.Path(dir_okay=False),
    help="The lead's project file to publish.",
)
def hub_init(dsn: str, source: str) -> None:
    """Create the hub in the database DSN and publish the project file to it."""
    from annotator.hub.admin import init
    from annotator.hub.connect import where

    with project_file(source, read_only=True) as project:
        published = init(dsn, project)
    click.echo(published.summary(where(dsn)))


@hub.command("upgrade")
@click.argument("dsn")
def hub_upgrade(dsn: str) -> None:
    """Upgrade the hub's tables to this program's version."""
    from annotator.hub.admin import upgrade

    before, after = upgrade(dsn)
    click.echo(f"the hub is at version {after}" + (f" (was {before})" if before != after else ""))


@hub.command("grant")
@click.argument("dsn")
@click.argument("role")
@click.option("--annotator", help="The annotator name the role's labels carry (default: ROLE).")
@click.option("--lead", is_flag=True, help="A lead: reads and writes everything.")
def hub_grant(dsn: str, role: str, annotator: str | None, lead: bool) -> None:
    """Make the PostgreSQL role ROLE an annotator (or a lead) of the hub.

    A role the server lacks is made, without a password: give it one with psql's
    \\password, or another way to log in.
    """
    from annotator.hub.admin import grant

    made = grant(dsn, role, annotator or role, lead)
    what = "a lead" if lead else f"the annotator {annotator or role!r}"
    click.echo(f"{'made the role' if made else 'the role'} {role!r}: {what} of the hub")


@hub.command("blind")
@click.argument("dsn")
@click.option("--off", is_flag=True, help="Let annotators read each other's labels.")
def hub_blind(dsn: str, off: bool) -> None:
    """Keep annotators from reading each other's labels (blind annotation, the default)."""
    from annotator.hub.admin import set_blind

    set_blind(dsn, not off)
    click.echo("annotation is " + ("open: annotators see each other's labels" if off else "blind"))


@hub.command("join")
@click.argument("dsn")
@click.option("--annotator", required=True, help="Whose copy: the annotator's name on the hub.")
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="Project file to write."
)
def hub_join(dsn: str, annotator: str, output: str) -> None:
    """Make a laptop copy of the hub: ANNOTATOR's articles, the actors, their own labels."""
    from annotator.hub.sync import join

    click.echo(join(dsn, annotator, Path(output)).summary())


@hub.command("pull")
@click.argument("dsn", required=False)
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="Project file to write."
)
@click.option(
    "--since",
    is_flag=True,
    help="Bring OUTPUT, a copy pulled before, up to date (DSN: reach the hub another way).",
)
def hub_pull(dsn: str | None, output: str, since: bool) -> None:
    """A lead's full copy of the hub (every label), for agreement, adjudication and export."""
    from annotator.hub.lead import pull_copy, pull_since

    if since:
        with project_file(output) as opened:
            report = pull_since(opened, dsn)
    else:
        if dsn is None:
            raise click.UsageError("name the hub: annotator hub pull DSN -o LEAD.claims")
        report = pull_copy(dsn, Path(output))
    click.echo(report.summary())


@hub.command("schema")
@click.argument("dsn")
@click.option(
    "--from",
    "source",
    required=True,
    type=click.Path(dir_okay=False),
    help="The lead's project whose schema was updated (annotator schema --update).",
)
def hub_schema(dsn: str, source: str) -> None:
    """Publish a lead's label schema update; each laptop takes it at its next sync."""
    from annotator.hub.admin import publish_schema

    with project_file(source, read_only=True) as project:
        count = publish_schema(dsn, project)
        revision = project.schema.revision
    if count == 0:
        click.echo("the hub has this label schema already; nothing was published")
    else:
        click.echo(
            f"published {count} schema update{'s' * (count != 1)} (revision {revision} of"
            f" {Path(source).name}); each laptop copy takes it at its next sync"
        )


@hub.command("status")
@click.argument("dsn")
def hub_status(dsn: str) -> None:
    """Each annotator's progress on the hub and their last sync (as far as you may see).

    A lead also sees the leads' full copies (annotator hub pull) and when each was last pulled.
    """
    from annotator.hub.admin import lead_copies, status

    rows = status(dsn)
    copies = lead_copies(dsn)
    if not rows and not copies:
        click.echo("nobody's progress is visible to you on this hub")
        return
    width = max((len(r.annotator) for r in rows), default=0)
    for r in rows:
        click.echo(
            f"{r.annotator:<{width}}  {r.done:>5} of {r.assigned} done, {r.in_progress} in"
            f" progress, {r.skipped} skipped, {r.labels} labels;"
            f" last sync {r.last_sync or 'never'}"
        )
    if copies:
        click.echo("lead copies (annotator hub pull):")
        width = max(len(c.role) for c in copies)
        for c in copies:
            click.echo(
                f"  {c.role:<{width}}  copy {c.copy_id[:8]}, last pull {c.last_pull}"
                f" (hub change {c.seq})"
            )


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("--dsn", help="Reach the hub this way this time (the copy keeps its own).")
def sync(project: str, dsn: str | None) -> None:
    """Send PROJECT's changes to its team hub and receive the hub's (a laptop copy)."""
    from annotator.hub.sync import sync as run_sync

    with project_file(project) as opened:
        report = run_sync(opened, dsn)
    for match in report.matches:
        click.echo(match)
    for conflict in report.conflicts:
        click.echo(f"conflict: {conflict}", err=True)
    click.echo(report.summary())
