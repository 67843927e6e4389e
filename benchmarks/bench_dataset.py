"""Benchmark of ``annotator dataset build`` against the plain native export of the same project.

The corpus of `corpus.py` (about 5 KB of text and 30 labels per article, one
annotator ``bench``, three in four articles done, stories of 8) is imported
once with the app's own importer into ``data/dataset-<corpus>-s<schema>.claims``
and reused. On it, sides in turn (A B A B ...), `BENCH_RUNS` rounds each:

- in the process: `build_dataset` with ``--annotator bench`` into a new folder,
  all formats (JSONL, Parquet, DocBin); the same with JSONL only (what the
  splitting itself costs over an export); and `export_jsonl` of the whole
  project to a file (the baseline: reading every article and label once);
- whole processes: ``annotator dataset build`` against ``annotator export``;
- peak RSS (`measure.peak_rss_mib`) of each of the two commands, fresh processes.

Checks: two builds give byte-identical folders (their manifests, which hold
every file's SHA-256, are equal), and no story or near-duplicate pair is in
two splits. Results: ``results/dataset.json`` (``dataset-<N>.json`` for
another size than the default 20,000).

Usage: ``python benchmarks/bench_dataset.py [--articles N] [--runs R] [--process-runs P]``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from corpus import DATA_DIR, DEFAULT_ARTICLES, CorpusSpec, imported_project, spec_from_env  # noqa: E402
from measure import (  # noqa: E402
    alternate,
    log,
    peak_rss_mib,
    process_seconds,
    runs_from_env,
    slowdown,
    summary,
    write_results,
)

ANNOTATOR = "bench"
COMMAND = [sys.executable, "-m", "annotator.cli"]
"""The ``annotator`` command, run from the repository root (this checkout's code)."""
ROOT = HERE.parent


def project_file(spec: CorpusSpec) -> Path:
    """The corpus imported into a project (built once, then reused)."""
    return imported_project(spec, "dataset")


class Sides:
    """The measured actions, each into a fresh target in ``work``."""

    def __init__(self, project_path: Path, work: Path) -> None:
        from annotator.store.project import Project

        self.path, self.work = project_path, work
        self.project = Project.open(project_path, read_only=True)
        self.reports: list[Any] = []
        self.manifests: list[dict[str, Any]] = []

    def _fresh(self, name: str) -> Path:
        target = self.work / name
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink(missing_ok=True)
        return target

    def build(self, formats: tuple[str, ...]) -> float:
        from annotator.dataset import BuildOptions, build_dataset

        target = self._fresh(f"build-{'-'.join(formats)}")
        options = BuildOptions(annotator=ANNOTATOR, formats=formats)
        start = time.perf_counter()
        made = build_dataset(self.project, target, options)
        seconds = time.perf_counter() - start
        if len(formats) > 1:
            self.reports.append(made.report)
            self.manifests.append(made.manifest)
        return seconds

    def export(self) -> float:
        from annotator.io.export import export_jsonl

        target = self._fresh("export.jsonl")
        start = time.perf_counter()
        with open(target, "wb") as out:
            export_jsonl(self.project, out)
        return time.perf_counter() - start

    def build_argv(self) -> list[str]:
        target = self._fresh("process-build")
        return [*COMMAND, "dataset", "build", str(self.path), "-o", str(target),
                "--annotator", ANNOTATOR]  # fmt: skip

    def export_argv(self) -> list[str]:
        target = self._fresh("process-export.jsonl")
        return [*COMMAND, "export", str(self.path), "-o", str(target)]


def _rates(samples: list[float], articles: int) -> dict[str, Any]:
    found = summary(samples)
    found["articles_per_s"] = round(articles / found["median"], 1)
    return found


def run(spec: CorpusSpec, runs: int, process_runs: int | None = None) -> dict[str, Any]:
    """Measure on one corpus; return the results.

    ``process_runs``: rounds of the whole-process comparison (default ``runs``;
    0: none, the peak RSS runs are then the only whole-process figures).
    """
    process_runs = runs if process_runs is None else process_runs
    path = project_file(spec)
    work = Path(tempfile.mkdtemp(prefix="bench-dataset-", dir=DATA_DIR))
    sides = Sides(path, work)
    try:
        in_process = alternate(
            {
                "build": lambda _: sides.build(("jsonl", "hf", "spacy")),
                "build_jsonl_only": lambda _: sides.build(("jsonl",)),
                "export": lambda _: sides.export(),
            },
            runs,
            "in process",
        )
        whole = alternate(
            {
                "build": lambda _: process_seconds(sides.build_argv(), cwd=ROOT),
                "export": lambda _: process_seconds(sides.export_argv(), cwd=ROOT),
            },
            process_runs,
            "whole process",
        )
        log("peak RSS (fresh processes) ...")
        memory: dict[str, float] = {}
        rss_seconds: dict[str, float] = {}
        for name, argv in (("build", sides.build_argv()), ("export", sides.export_argv())):
            start = time.perf_counter()
            memory[name] = peak_rss_mib(argv, cwd=ROOT)
            rss_seconds[name] = round(time.perf_counter() - start, 2)
    finally:
        sides.project.close()
        shutil.rmtree(work, ignore_errors=True)

    report = sides.reports[0]
    included = report.articles
    return {
        "articles": spec.articles,
        "included_articles": included,
        "runs": runs,
        "order": "sides in turn (build, build_jsonl_only, export, ...); seconds; medians with"
        " min and max",
        "in_process": {name: _rates(s, spec.articles) for name, s in in_process.items()},
        "whole_process": {name: _rates(s, spec.articles) for name, s in whole.items() if s},
        "peak_rss_run_seconds": rss_seconds,
        "slowdown_vs_export": slowdown(in_process["build"], in_process["export"]),
        "slowdown_jsonl_only_vs_export": slowdown(
            in_process["build_jsonl_only"], in_process["export"]
        ),
        "slowdown_vs_export_process": slowdown(whole["build"], whole["export"])
        if process_runs
        else round(rss_seconds["build"] / rss_seconds["export"], 3),
        "peak_rss_mib": memory,
        "checks": {
            "byte_identical_builds": all(m == sides.manifests[0] for m in sides.manifests),
            "near_duplicates_across_splits": report.near_duplicates_across_splits,
            "near_duplicate_pairs": len(report.near_duplicates),
            "stories_across_splits": report.stories_across_splits,
            "split_articles": {s: d["articles"] for s, d in report.splits.items()},
        },
        "corpus": {"file": spec.path.name, "articles": spec.articles, "seed": spec.seed},
    }


def table(results: dict[str, Any]) -> str:
    """The results as a readable table."""
    lines = [
        f"dataset build: {results['articles']} articles ({results['included_articles']} done),"
        f" {results['runs']} rounds, sides in turn",
        f"{'':34}{'median s':>10}{'min':>8}{'max':>8}{'articles/s':>12}",
    ]
    for where in ("in_process", "whole_process"):
        for name, r in results[where].items():
            lines.append(
                f"{where.replace('_', ' ') + ' ' + name:34}{r['median']:>10.2f}{r['min']:>8.2f}"
                f"{r['max']:>8.2f}{r['articles_per_s']:>12.0f}"
            )
    lines.append(
        f"build / export: {results['slowdown_vs_export']}x in process"
        f" ({results['slowdown_jsonl_only_vs_export']}x with JSONL only),"
        f" {results['slowdown_vs_export_process']}x whole process"
    )
    memory, seconds = results["peak_rss_mib"], results["peak_rss_run_seconds"]
    lines.append(
        f"peak RSS: build {memory['build']} MiB ({seconds['build']} s),"
        f" export {memory['export']} MiB ({seconds['export']} s)"
    )
    lines.append(f"checks: {results['checks']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--articles", type=int, help="corpus size (default: $BENCH_ARTICLES)")
    parser.add_argument("--runs", type=int, help="rounds (default: $BENCH_RUNS or 5)")
    parser.add_argument(
        "--process-runs", type=int, help="whole-process rounds (default: as --runs; 0: none)"
    )
    args = parser.parse_args(argv)
    spec = CorpusSpec(args.articles) if args.articles else spec_from_env()
    results = run(spec, args.runs or runs_from_env(), args.process_runs)
    print(table(results))
    name = "dataset" if spec.articles == DEFAULT_ARTICLES else f"dataset-{spec.articles}"
    write_results(name, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
