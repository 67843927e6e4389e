"""Import and export speed of native JSONL against a plain orjson + sqlite3 baseline.

One corpus (see `corpus.py`), four comparisons, each run with the two sides in
turn (ours, baseline, ours, baseline, ...) for ``BENCH_RUNS`` rounds (default 5;
see `measure.py`), reported as medians with min and max:

1. import in process: `import_files` into a fresh `Project.create` file against
   `io_baseline.rows_in` (orjson per line, ``executemany``, one transaction, no
   validation) into a fresh file made by `create_file` (same tables, indexes,
   FTS triggers and pragmas). Creating and opening the file are not timed.
2. import as a whole process: ``annotator import PROJECT CORPUS`` against
   ``python io_baseline.py import CORPUS PROJECT``, each from spawn to exit,
   into a file made beforehand (untimed) as in 1.
3. export in process: `export_jsonl` of our project from 1 to a file against
   `io_baseline.lines_out` (plain SELECTs, labels grouped in Python,
   ``orjson.dumps`` per article) of the same project.
4. export as a whole process: ``annotator export PROJECT -o OUT`` against
   ``python io_baseline.py export PROJECT OUT STAMP``.

Every side starts after ``os.sync()``, so writing back an earlier side's dirty
pages does not land in its time. Then peak RSS (`measure.peak_rss_mib`) of a
fresh ``annotator import`` (and of the baseline's import) into a fresh file
(ours also with its reading process, `measure.peak_tree_rss_mib`: a file
of 16 MiB or more is read by a second process, `annotator.io.parallel`;
the in-process import of 1 reads in one process, as `import_files` does by default),
and of ``annotator export``. Ratios are baseline median /
our median: above 1 we are faster.

Checks: our export (in process and as a process) and the baseline's are each
byte-identical to the corpus (the round trip: import, then export).

Prints a table and writes ``results/io.json`` (``io-<N>.json`` for a corpus of
N articles other than the default). ``BENCH_ARTICLES=2000`` makes a quick run.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shutil
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from annotator.core.schema import default_schema
from annotator.io.export import export_jsonl
from annotator.io.importer import import_files
from annotator.store import database
from annotator.store.project import Project

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import io_baseline  # noqa: E402
from corpus import (  # noqa: E402
    DATA_DIR,
    DEFAULT_ARTICLES,
    SCHEMA_STAMP,
    CorpusSpec,
    ensure_corpus,
    spec_from_env,
)
from measure import (  # noqa: E402
    alternate,
    log,
    peak_rss_mib,
    peak_tree_rss_mib,
    process_seconds,
    ratio,
    runs_from_env,
    summary,
    write_results,
)

MB = 1_000_000  # throughput and sizes in MB; memory in MiB
TARGET_RATIO = 0.8
TARGET_RSS_MB = 300
ANNOTATOR = str(Path(sys.executable).with_name("annotator"))
"""The console script of this environment: what a user runs."""
BASELINE_SCRIPT = str(HERE / "io_baseline.py")


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 24):
            digest.update(chunk)
    return digest.hexdigest()


def warm_cache(path: Path) -> None:
    """Read the file once so neither side pays for the first read from disk."""
    with open(path, "rb") as handle:
        while handle.read(1 << 24):
            pass


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds taken by ``action()`` and what it returned, after writing out dirty pages."""
    os.sync()
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def process_timed(argv: list[str]) -> float:
    """Seconds of a whole process, after writing out dirty pages."""
    os.sync()
    return process_seconds(argv)


def remove_project(path: Path) -> None:
    """Delete a project file and the files SQLite and the lock keep next to it."""
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def new_baseline_file(path: Path) -> Path:
    """An empty project file made as `Project.create` makes one, for the baseline."""
    remove_project(path)
    database.create_file(path, default_schema().source)
    return path


def new_project_file(path: Path) -> Path:
    """An empty project made by `Project.create`, closed."""
    remove_project(path)
    Project.create(path).close()
    return path


# -- the sides ----------------------------------------------------------------------------------


class Sides:
    """The sides of the four comparisons, on one corpus, in one work folder."""

    def __init__(self, corpus: Path, work: Path) -> None:
        self.corpus = corpus
        self.work = work
        self.project = work / "ours.claims"  # the project every export reads
        self.outputs = {
            name: work / f"{name}.jsonl"
            for name in ("ours", "baseline", "ours_process", "baseline_process")
        }
        self.written: dict[str, int] = {}
        self.stamp = orjson.dumps(SCHEMA_STAMP).decode()

    def ours_import(self, index: int) -> float:
        path = self.project if index == 0 else self.work / "ours-again.claims"
        remove_project(path)
        with Project.create(path) as project:
            seconds, report = timed(lambda: import_files(project, [self.corpus]))
        if report.skipped or report.conflicts or report.added == 0:
            raise RuntimeError(f"the corpus did not import cleanly: {report.summary()}")
        if path != self.project:
            remove_project(path)
        return float(seconds)

    def baseline_import(self, index: int) -> float:
        path = new_baseline_file(self.work / "baseline.claims")
        conn = io_baseline.connect(path)
        try:
            seconds, _ = timed(lambda: io_baseline.rows_in(self.corpus, conn))
        finally:
            conn.close()
        remove_project(path)
        return float(seconds)

    def ours_import_process(self, index: int) -> float:
        path = new_project_file(self.work / "ours-process.claims")
        seconds = process_timed([ANNOTATOR, "import", str(path), str(self.corpus)])
        remove_project(path)
        return seconds

    def baseline_import_process(self, index: int) -> float:
        path = new_baseline_file(self.work / "baseline-process.claims")
        seconds = process_timed(
            [sys.executable, BASELINE_SCRIPT, "import", str(self.corpus), str(path)]
        )
        remove_project(path)
        return seconds

    def ours_export(self, index: int) -> float:
        out_path = self.outputs["ours"]
        with Project.open(self.project, read_only=True) as project, open(out_path, "wb") as out:
            seconds, self.written["ours"] = timed(lambda: export_jsonl(project, out))
        return float(seconds)

    def baseline_export(self, index: int) -> float:
        conn = io_baseline.read_connection(self.project)
        try:
            with open(self.outputs["baseline"], "wb") as out:
                seconds, self.written["baseline"] = timed(
                    lambda: io_baseline.lines_out(conn, out, SCHEMA_STAMP)
                )
        finally:
            conn.close()
        return float(seconds)

    def ours_export_process(self, index: int) -> float:
        out = self.outputs["ours_process"]
        return process_timed([ANNOTATOR, "export", str(self.project), "-o", str(out)])

    def baseline_export_process(self, index: int) -> float:
        out = self.outputs["baseline_process"]
        argv = [sys.executable, BASELINE_SCRIPT, "export", str(self.project), str(out)]
        return process_timed([*argv, self.stamp])

    def peak_rss(self) -> dict[str, float]:
        """Peak RSS (MiB) of a fresh import process, ours and the baseline's."""
        ours = new_project_file(self.work / "memory.claims")
        ours_mib = peak_rss_mib([ANNOTATOR, "import", str(ours), str(self.corpus)])
        remove_project(ours)
        ours = new_project_file(self.work / "memory.claims")
        # A large file is read by a second process: both at once, summed.
        ours_all = peak_tree_rss_mib([ANNOTATOR, "import", str(ours), str(self.corpus)])
        remove_project(ours)
        base = new_baseline_file(self.work / "memory-baseline.claims")
        base_mib = peak_rss_mib(
            [sys.executable, BASELINE_SCRIPT, "import", str(self.corpus), str(base)]
        )
        remove_project(base)
        export_mib = peak_rss_mib(
            [ANNOTATOR, "export", str(self.project), "-o", str(self.outputs["ours_process"])]
        )
        return {
            "import_ours": max(ours_mib, ours_all),
            "import_ours_largest_process": ours_mib,
            "import_baseline": base_mib,
            "export_ours": export_mib,
        }


# -- the run ------------------------------------------------------------------------------------


def _rates(samples: list[float], articles: int, size: int) -> dict[str, Any]:
    median = statistics.median(samples)
    return {
        **summary(samples),
        "articles_per_s": round(articles / median, 1),
        "mb_per_s": round(size / MB / median, 2),
    }


def run(spec: CorpusSpec, runs: int, keep: bool = False) -> dict[str, Any]:
    """Measure the four comparisons on one corpus, ``runs`` rounds each; return the results."""
    corpus = ensure_corpus(spec)
    size = corpus.stat().st_size
    work = DATA_DIR / f"work-{os.getpid()}"
    work.mkdir(parents=True, exist_ok=True)
    sides = Sides(corpus, work)
    try:
        warm_cache(corpus)
        log(f"corpus: {spec.articles} articles, {size / MB:.1f} MB, {runs} rounds")
        samples: dict[str, dict[str, list[float]]] = {
            "import": alternate(
                {"ours": sides.ours_import, "baseline": sides.baseline_import}, runs, "import"
            ),
            "import_process": alternate(
                {"ours": sides.ours_import_process, "baseline": sides.baseline_import_process},
                runs,
                "import, whole process",
            ),
            "export": alternate(
                {"ours": sides.ours_export, "baseline": sides.baseline_export}, runs, "export"
            ),
            "export_process": alternate(
                {"ours": sides.ours_export_process, "baseline": sides.baseline_export_process},
                runs,
                "export, whole process",
            ),
        }
        log("peak RSS (fresh processes) ...")
        memory = sides.peak_rss()
        corpus_sha = file_sha256(corpus)
        identical = {name: file_sha256(path) == corpus_sha for name, path in sides.outputs.items()}
        out_size = sides.outputs["ours"].stat().st_size
        project_size = sides.project.stat().st_size
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    if sides.written != {"ours": spec.articles, "baseline": spec.articles}:
        raise RuntimeError(f"exported {sides.written} of {spec.articles} articles")

    ratios = {
        "import_ratio": ratio(samples["import"]["ours"], samples["import"]["baseline"]),
        "export_ratio": ratio(samples["export"]["ours"], samples["export"]["baseline"]),
        "import_ratio_process": ratio(
            samples["import_process"]["ours"], samples["import_process"]["baseline"]
        ),
        "export_ratio_process": ratio(
            samples["export_process"]["ours"], samples["export_process"]["baseline"]
        ),
    }
    peak = memory["import_ours"]
    return {
        **ratios,
        "import_peak_rss_mb": peak,
        "targets": {
            **{key: f">= {TARGET_RATIO}" for key in ratios},
            "import_peak_rss_mb": f"< {TARGET_RSS_MB} (MiB)",
        },
        "targets_met": {
            **{key: value >= TARGET_RATIO for key, value in ratios.items()},
            "import_peak_rss_mb": peak < TARGET_RSS_MB,
        },
        **{
            phase: {
                who: _rates(
                    samples[phase][who], spec.articles, size if "import" in phase else out_size
                )
                for who in ("ours", "baseline")
            }
            for phase in samples
        },
        "runs": runs,
        "order": "sides in turn (ours, baseline, ours, ...); seconds; medians with min and max",
        "memory": {
            "import_peak_rss_mib": peak,
            "import_baseline_peak_rss_mib": memory["import_baseline"],
            "export_peak_rss_mib": memory["export_ours"],
            "measured_as": "measure.peak_rss_mib of a fresh process (annotator import /"
            " export, or the baseline script), into a fresh file",
        },
        "corpus": {
            "file": corpus.name,
            "bytes": size,
            "mb": round(size / MB, 1),
            "articles": spec.articles,
            "seed": spec.seed,
            "labels": "per article: 1 entry, 12 mentions, 10 claims, 3-7 actors",
        },
        "checks": {
            "export_identical_to_corpus": identical["ours"],
            "process_export_identical_to_corpus": identical["ours_process"],
            "baseline_export_identical_to_corpus": identical["baseline"],
            "baseline_process_export_identical_to_corpus": identical["baseline_process"],
            "export_bytes": out_size,
            "project_file_bytes": project_size,
        },
        "versions": {
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
            "orjson": orjson.__version__,
        },
        "machine": {"platform": platform.platform(), "cpus": os.cpu_count()},
    }


def table(results: dict[str, Any]) -> str:
    """The results as a readable table."""
    corpus = results["corpus"]
    lines = [
        f"I/O benchmark: {corpus['articles']} articles, {corpus['mb']} MB of native JSONL,"
        f" {results['runs']} rounds, sides in turn",
        f"{'':26}{'median s':>10}{'min':>8}{'max':>8}{'articles/s':>12}{'MB/s':>8}",
    ]
    for phase in ("import", "import_process", "export", "export_process"):
        for who in ("ours", "baseline"):
            r = results[phase][who]
            lines.append(
                f"{phase.replace('_', ' ') + ' ' + who:26}{r['median']:>10.2f}{r['min']:>8.2f}"
                f"{r['max']:>8.2f}{r['articles_per_s']:>12.0f}{r['mb_per_s']:>8.1f}"
            )
    met = results["targets_met"]
    for key in met:
        verdict = "ok" if met[key] else "MISSED"
        lines.append(f"{key:24}{results[key]:>10}   target {results['targets'][key]}: {verdict}")
    checks = results["checks"]
    lines.append(
        "identical to the corpus after the round trip: "
        + ", ".join(
            f"{k.removesuffix('_identical_to_corpus')} {v}"
            for k, v in checks.items()
            if k.endswith("corpus")
        )
    )
    return "\n".join(lines)


def results_name(articles: int) -> str:
    """``io`` for the default corpus, ``io-<N>`` otherwise."""
    return "io" if articles == DEFAULT_ARTICLES else f"io-{articles}"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--articles", type=int, help="corpus size (default: $BENCH_ARTICLES)")
    parser.add_argument(
        "--runs", type=int, help="rounds per comparison (default: $BENCH_RUNS or 5)"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the work folder (our project, exports)"
    )
    args = parser.parse_args(argv)
    spec = CorpusSpec(args.articles) if args.articles else spec_from_env()
    results = run(spec, args.runs or runs_from_env(), keep=args.keep)
    print(table(results))
    write_results(results_name(spec.articles), results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
