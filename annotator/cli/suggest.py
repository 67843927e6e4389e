"""The command that computes suggestions, or measures them: suggest.

Everything it needs beyond click is imported when it runs, so that other
commands do not pay for the recommenders.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from annotator.cli.base import cli, default_user, progress_bar, project_file

if TYPE_CHECKING:
    from annotator.assist.evaluate import Evaluation


def _names(value: tuple[str, ...]) -> list[str] | None:
    """Comma- or space-separated names given once or more; None when none were given."""
    names = [n.strip() for item in value for n in item.replace(",", " ").split() if n.strip()]
    return list(dict.fromkeys(names)) or None


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@click.option(
    "--articles",
    multiple=True,
    metavar="IDS",
    help="Only these articles (ids separated by commas; may be repeated). Default: all.",
)
@click.option(
    "--recommenders",
    multiple=True,
    metavar="NAMES",
    help=(
        "Only these recommenders: patterns, actors, learned, links, entities (separated by"
        " commas). Default: those switched on in the project."
    ),
)
@click.option(
    "--annotator",
    default=default_user,
    help="Whose labels the suggestions complete, and for whom they are stored (default: you).",
)
@click.option(
    "--pipeline",
    metavar="NAME",
    help="An installed spaCy pipeline with NER for the entities recommender (nothing is downloaded).",
)
@click.option(
    "--no-retrain",
    is_flag=True,
    help="Keep the learned model as it is, even when enough new labels arrived.",
)
@click.option(
    "--evaluate",
    is_flag=True,
    help="Measure the recommenders against --against's labels instead (nothing is written).",
)
@click.option(
    "--against",
    metavar="ANNOTATOR",
    help="With --evaluate: the annotator whose labels are the reference (gold: adjudicated).",
)
@click.option(
    "--folds",
    type=click.IntRange(2, 20),
    default=5,
    show_default=True,
    help="With --evaluate: folds of the learned model's held-out evaluation.",
)
@click.option("--json", "as_json", is_flag=True, help="With --evaluate: print one JSON object.")
def suggest(
    project: str,
    articles: tuple[str, ...],
    recommenders: tuple[str, ...],
    annotator: str,
    pipeline: str | None,
    no_retrain: bool,
    evaluate: bool,
    against: str | None,
    folds: int,
    as_json: bool,
) -> None:
    """Compute the suggestions of PROJECT's articles, or (--evaluate) measure them.

    Suggestions are stored in the project for the annotator, in place of the
    ones computed before; what they rejected is not offered again. The
    learned model is trained again first when enough labels arrived.
    """
    article_ids = _names(articles)
    names = _names(recommenders)
    if evaluate:
        if not against:
            raise click.UsageError("--evaluate needs --against ANNOTATOR (or gold)")
        _evaluate(project, against, article_ids, names, folds, pipeline, as_json)
        return
    if against or as_json:
        raise click.UsageError("--against and --json go with --evaluate")
    from annotator.assist.compute import compute_suggestions

    with project_file(project) as opened, progress_bar("suggesting", True) as progress:
        report = compute_suggestions(
            opened,
            annotator,
            article_ids,
            names,
            progress,
            retrain_model=not no_retrain,
            pipeline=pipeline,
            training=_training,
        )
    if report.trained is not None:
        parts = ", ".join(sorted(report.trained.fields)) or "no field"
        detector = "claims and " if report.trained.sentences is not None else ""
        click.echo(f"learned model trained: it proposes {detector}{parts}", err=True)
    counts = ", ".join(f"{n} {report.by_recommender.get(n, 0)}" for n in report.recommenders)
    click.echo(
        f"{report.suggestions} suggestions for {report.articles} articles"
        f" ({counts or 'no recommender switched on'}) for {annotator},"
        f" in {report.seconds:.1f} s"
    )


def _training(articles: int, claims: int) -> None:
    click.echo(
        f"training the learned model on {claims} claims in {articles} labelled articles ...",
        err=True,
    )


def _evaluate(
    project: str,
    against: str,
    article_ids: list[str] | None,
    names: list[str] | None,
    k: int,
    pipeline: str | None,
    as_json: bool,
) -> None:
    import orjson

    from annotator.assist.project_evaluation import evaluate_project

    with (
        project_file(project, read_only=True) as opened,
        progress_bar("evaluating", True) as progress,
    ):
        results = evaluate_project(
            opened, against, article_ids, names, k=k, pipeline=pipeline, progress=progress
        )
    if as_json:
        data: dict[str, Any] = {
            "against": against,
            "folds": k,
            "recommenders": {name: e.as_dict() for name, e in results.items()},
        }
        click.echo(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode())
        return
    first = next(iter(results.values()))
    click.echo(f"against {against}: {first.articles} articles")
    for name, evaluation in results.items():
        _table(name, evaluation)
    sys.stdout.flush()


def _table(name: str, evaluation: Evaluation) -> None:
    """The measures of one recommender; of one alone, only what it proposes at all."""
    scores = evaluation.measures()
    everything = name == "all"
    shown = [(m, s) for m, s in scores if s.suggested or (everything and s.reference)]
    click.echo("")
    click.echo(name if shown else f"{name}: proposed nothing on these articles")
    if not shown:
        return
    click.echo(f"  {'measure':<26}{'precision':>10}{'recall':>8}{'F1':>6}{'found':>16}")
    for measure, s in shown:
        found = f"{s.right}/{s.reference}"
        click.echo(f"  {measure:<26}{s.precision:>10.2f}{s.recall:>8.2f}{s.f1:>6.2f}{found:>16}")
    claimant = evaluation.claimant
    if claimant.counted and (everything or evaluation.claims_overlap.suggested):
        click.echo(
            f"  {'claimant right':<26}{claimant.value:>10.2f}"
            f"{'':>14}{f'{claimant.right}/{claimant.counted}':>16}"
        )
