"""The lead's commands for a team: agreement, assign, package, merge."""

from __future__ import annotations

from pathlib import Path

import click
import orjson

from annotator.cli.base import cli, project_file, report_file
from annotator.core.errors import ProjectError, ReadOnlyProjectError
from annotator.store.project import Project


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
    with report_file(project) as opened:
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
    with project_file(project) as opened:
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

    with project_file(project) as opened:
        report = merge_packages(opened, [Path(f) for f in files], accept_unrecorded)
    for match in report.matches:
        click.echo(str(match))
    for conflict in report.conflicts:
        click.echo(f"conflict: {conflict}", err=True)
    click.echo(report.summary())
