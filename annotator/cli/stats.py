"""The command that counts what a project holds: stats.

A module of its own, so that it imports no importer or exporter: a quick look
at a project costs only opening it.
"""

from __future__ import annotations

import click
import orjson

from annotator.cli.base import cli, report_file


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def stats(project: str, as_json: bool) -> None:
    """Counts: articles, actors, and each annotator's progress and labels."""
    with report_file(project) as opened:
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
