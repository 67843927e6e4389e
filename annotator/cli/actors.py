"""``annotator actors``: list the actor registry, add actors, give them aliases, merge them.

Each edit is the operation the app performs (`annotator.operations`), so
the log, and Edit › Undo in the app, name it as they name the same edit
made there ("Merge actors").
"""

from __future__ import annotations

from collections.abc import Sequence

import click

from annotator import operations as op
from annotator.cli.base import cli, default_user, project_file
from annotator.core.errors import AnnotatorError, quoted
from annotator.core.validate import repeated_name
from annotator.store.project import Project


@cli.group(invoke_without_command=True)
@click.argument("project", type=click.Path(dir_okay=False))
@click.pass_context
def actors(ctx: click.Context, project: str) -> None:
    """List PROJECT's actors, or add, alias and merge them (see the subcommands)."""
    ctx.obj = project
    if ctx.invoked_subcommand is None:
        with project_file(project, read_only=True) as opened:
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
@click.option("--as", "user", default=default_user, help="Annotator recorded for the change.")
@click.pass_obj
def actors_add(
    project: str, name: str, actor_type: str | None, aliases: tuple[str, ...], user: str
) -> None:
    """Add an actor called NAME."""
    aliases = _new_names(name.strip(), (), aliases)
    with project_file(project) as opened:
        actor = op.AddActor(name, user, actor_type, aliases).run(opened).result
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
@click.option("--as", "user", default=default_user, help="Annotator recorded for the change.")
@click.pass_obj
def actors_alias(project: str, actor: str, aliases: tuple[str, ...], user: str) -> None:
    """Give ACTOR (id or name) more ALIASES."""
    with project_file(project) as opened:
        actor_id = _resolve_actor(opened, actor)
        updated = opened.actor(actor_id)
        assert updated is not None  # found by _resolve_actor
        for alias in _new_names(updated.name, updated.aliases, aliases):
            updated = op.AddAlias(actor_id, alias, user).run(opened).result
    click.echo(f"{updated.name}: {', '.join(updated.aliases)}")


@actors.command("merge")
@click.argument("keep")
@click.argument("others", nargs=-1, required=True)
@click.option("--as", "user", default=default_user, help="Annotator recorded for the change.")
@click.pass_obj
def actors_merge(project: str, keep: str, others: tuple[str, ...], user: str) -> None:
    """Merge OTHERS into KEEP: their labels follow, their names become aliases."""
    with project_file(project) as opened:
        keep_id = _resolve_actor(opened, keep)
        for other in others:
            merging = op.MergeActors(keep_id, _resolve_actor(opened, other), user)
            merged = merging.run(opened).result
    click.echo(f"merged into {merged.name} (also: {', '.join(merged.aliases)})")
