"""The dataset command: build train/dev/test splits of a project for training models."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from annotator.cli.base import cli, progress_bar, project_file
from annotator.dataset.options import DEFAULT_SHINGLE_WORDS, DEFAULT_THRESHOLD, FORMATS


@cli.group()
def dataset() -> None:
    """Build training datasets from a project (see the README's Datasets section)."""


@dataset.command("build")
@click.argument("project", type=click.Path(dir_okay=False))
@click.option(
    "-o", "--output", required=True, type=click.Path(file_okay=False), help="Folder to write."
)
@click.option(
    "--split",
    "split",
    default="80/10/10",
    show_default=True,
    help="Percentages of train/dev/test (summing to 100).",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the split.")
@click.option(
    "--near-duplicate",
    type=float,
    default=DEFAULT_THRESHOLD,
    show_default=True,
    help="Estimated word-shingle similarity at which two articles are kept in one split.",
)
@click.option(
    "--shingle-words",
    type=int,
    default=DEFAULT_SHINGLE_WORDS,
    show_default=True,
    help="Words per shingle for the near-duplicate check.",
)
@click.option("--annotator", help="This annotator's labels (default: the gold labels).")
@click.option(
    "--fallback",
    type=click.Choice(["single"]),
    help="Gold labels, and for articles not adjudicated the labels of their only annotator.",
)
@click.option(
    "--include-unfinished",
    is_flag=True,
    help="Also take articles whose chosen labels are not marked done.",
)
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(FORMATS),
    help="Formats to write (repeat; default: all of jsonl, hf, spacy).",
)
@click.option(
    "--alignment-mode",
    type=click.Choice(["expand", "contract", "strict"]),
    default="expand",
    show_default=True,
    help="spacy: how spans that do not fall on token boundaries align.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace the files of a dataset built in the folder before (other files are kept).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def build(
    project: str,
    output: str,
    split: str,
    seed: int,
    near_duplicate: float,
    shingle_words: int,
    annotator: str | None,
    fallback: str | None,
    include_unfinished: bool,
    formats: tuple[str, ...],
    alignment_mode: str,
    force: bool,
    as_json: bool,
) -> None:
    """Build train/dev/test splits of PROJECT in the folder -o DIR.

    No story and no group of near-duplicate articles is in two splits; label
    distributions are balanced as far as the groups allow. Each split is
    written as native JSONL, Hugging Face Parquet and spaCy DocBin, with a
    manifest (checksums, the project's fingerprint, the options) and a report.
    Building again from an unchanged project gives the same bytes.
    """
    from annotator.dataset import BuildOptions, build_dataset, parse_split

    options = BuildOptions(
        split=parse_split(split),
        seed=seed,
        near_duplicate=near_duplicate,
        shingle_words=shingle_words,
        annotator=annotator,
        fallback=fallback,
        include_unfinished=include_unfinished,
        formats=tuple(f for f in FORMATS if f in formats) if formats else FORMATS,
        alignment_mode=alignment_mode,
    )
    with project_file(project, read_only=True) as opened, progress_bar("building", True) as update:
        progress = None
        if update is not None:

            def progress(stage: str, done: int, total: int) -> None:
                update(done + (total if stage == "writing" else 0), 2 * total)

        made = build_dataset(opened, Path(output), options, force=force, progress=progress)
    if as_json:
        json.dump(made.report.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        click.echo(made.report.to_text())
    click.echo(f"dataset written to {output} (manifest.json, report.json)", err=True)
