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
@click.option("--no-card", is_flag=True, help="Write no dataset card (README.md) and no charts.")
@click.option("--no-charts", is_flag=True, help="Write the card without its PNG charts.")
@click.option(
    "--name-annotators", is_flag=True, help="Name the annotators in the card (default: a count)."
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
    no_card: bool,
    no_charts: bool,
    name_annotators: bool,
    as_json: bool,
) -> None:
    """Build train/dev/test splits of PROJECT in the folder -o DIR.

    No story and no group of near-duplicate articles is in two splits; label
    distributions are balanced as far as the groups allow. Each split is
    written as native JSONL, Hugging Face Parquet and spaCy DocBin, with a
    manifest (checksums, the project's fingerprint, the options), a report and
    a dataset card (README.md, Hugging Face style, with PNG charts in charts/).
    Building again from an unchanged project gives the same bytes.
    """
    from annotator.dataset import BuildOptions, build_dataset, parse_split
    from annotator.dataset.card import ChartWriter, card_extras

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

        extras = None
        if not no_card:
            charts: ChartWriter | None = None
            if not no_charts:
                from annotator.charts import write_charts  # Qt: only when charts are drawn

                charts = write_charts
            extras = card_extras(opened, name_annotators=name_annotators, charts=charts)
        made = build_dataset(
            opened, Path(output), options, force=force, progress=progress, extras=extras
        )
    if as_json:
        json.dump(made.report.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        click.echo(made.report.to_text())
    card = "" if no_card else ", README.md" + ("" if no_charts else ", charts/")
    click.echo(f"dataset written to {output} (manifest.json, report.json{card})", err=True)


@dataset.command("diff")
@click.argument("old", type=click.Path(exists=True, file_okay=False))
@click.argument("new", type=click.Path(exists=True))
@click.option(
    "--split", help="NEW a project: percentages of train/dev/test (default: as OLD was built)."
)
@click.option("--seed", type=int, help="NEW a project: seed of the split (default: OLD's).")
@click.option(
    "--near-duplicate", type=float, help="NEW a project: near-duplicate threshold (default: OLD's)."
)
@click.option("--annotator", help="NEW a project: this annotator's labels (default: OLD's).")
@click.option(
    "--gold", is_flag=True, help="NEW a project: the gold labels (when OLD took one annotator's)."
)
@click.option(
    "--fallback",
    type=click.Choice(["single", "none"]),
    help="NEW a project: gold, else single annotator's labels, or gold only (default: OLD's).",
)
@click.option(
    "--include-unfinished/--done-only",
    default=None,
    help="NEW a project: take unfinished articles or not (default: OLD's).",
)
@click.option(
    "--limit",
    type=int,
    default=20,
    show_default=True,
    help="Changed articles detailed after the table (text output).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the whole diff as JSON.")
def diff(
    old: str,
    new: str,
    split: str | None,
    seed: int | None,
    near_duplicate: float | None,
    annotator: str | None,
    gold: bool,
    fallback: str | None,
    include_unfinished: bool | None,
    limit: int,
    as_json: bool,
) -> None:
    """What changed from the dataset in OLD to NEW: articles and labels per split.

    NEW is another dataset folder, or a project file: then the dataset the
    project would build now (with OLD's build options, or those given here)
    is built in a temporary folder and compared, and nothing is written.
    Articles are matched by id, labels (claims, mentions, actors) by theirs;
    an article in another split counts as moved. Both read the native JSONL files.
    """
    import dataclasses

    from annotator.dataset import parse_split, read_manifest
    from annotator.dataset.diff import diff_datasets, diff_project, options_from_manifest

    target = Path(new)
    if target.is_dir():
        given = [split, seed, near_duplicate, annotator, fallback, include_unfinished]
        if gold or any(value is not None for value in given):
            raise click.UsageError("build options go with NEW a project file, not a dataset folder")
        found = diff_datasets(old, target)
    else:
        options = options_from_manifest(read_manifest(old).get("options") or {})
        changes: dict[str, object] = {}
        if split is not None:
            changes["split"] = parse_split(split)
        if seed is not None:
            changes["seed"] = seed
        if near_duplicate is not None:
            changes["near_duplicate"] = near_duplicate
        if annotator is not None:
            changes |= {"annotator": annotator, "fallback": None}
        if gold:
            changes["annotator"] = None
        if fallback is not None:
            changes |= {"fallback": None if fallback == "none" else fallback, "annotator": None}
        if include_unfinished is not None:
            changes["include_unfinished"] = include_unfinished
        options = dataclasses.replace(options, **changes)  # type: ignore[arg-type]
        with project_file(new, read_only=True) as opened, progress_bar("building", True) as update:
            progress = None
            if update is not None:

                def progress(stage: str, done: int, total: int) -> None:
                    update(done + (total if stage == "writing" else 0), 2 * total)

            found = diff_project(old, opened, options, progress)
    if as_json:
        json.dump(found.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        click.echo(found.to_text(limit))


@dataset.command("settings")
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("--license", "license_id", help="License id for the card, e.g. cc-by-4.0 or mit.")
@click.option(
    "--citation",
    type=click.Path(dir_okay=False, exists=True),
    help="A file holding how to cite the dataset (BibTeX or text).",
)
@click.option("--name", "pretty_name", help="The dataset's name in its card.")
@click.option("--clear", is_flag=True, help="Forget the license, citation and name first.")
def settings(
    project: str,
    license_id: str | None,
    citation: str | None,
    pretty_name: str | None,
    clear: bool,
) -> None:
    """Show or set what the dataset card of PROJECT says: license, citation, name.

    Without options, prints the settings. Every dataset build writes them into
    its README.md; a card without a license says "license: other".
    """
    import dataclasses

    from annotator.store.dataset_settings import (
        DatasetSettings,
        check_license,
        dataset_settings,
        set_dataset_settings,
    )

    changing = clear or any(v is not None for v in (license_id, citation, pretty_name))
    cite_text = None
    if citation is not None:
        cite_text = Path(citation).read_text(encoding="utf-8").strip("\n") or None
    if license_id is not None:
        license_id = check_license(license_id)
    with project_file(project, read_only=not changing) as opened:
        found = DatasetSettings() if clear else dataset_settings(opened)
        if changing:
            changes = {
                k: v
                for k, v in (
                    ("license", license_id),
                    ("citation", cite_text),
                    ("pretty_name", pretty_name),
                )
                if v is not None
            }
            found = dataclasses.replace(found, **changes)
            set_dataset_settings(opened, found)
    click.echo(f"license: {found.license or '(not set: the card says other)'}")
    click.echo(f"name: {found.pretty_name or '(not set)'}")
    if found.citation:
        click.echo("citation:")
        click.echo(found.citation)
    else:
        click.echo("citation: (not set)")
