"""Label Studio import: speed and peak memory against the native path and a raw baseline.

One generated export (`ls_corpus`: 20,000 tasks of about 5 KB of text and 30
spans each, about 260 MB; ``BENCH_ARTICLES`` tasks if set) and the same
tasks as native JSONL. Three whole processes, each into a fresh project
file made beforehand (untimed), run in turn (A B C A B C ...) for
``BENCH_RUNS`` rounds (default 5), medians with min and max:

- ``ours``: ``annotator import P tasks.json --format label-studio`` (the
  streaming reader, the conversion to native records, validation, writing);
- ``native``: ``annotator import P tasks.jsonl``, the same tasks already native;
- ``raw``: ``python io_baseline.py import tasks.jsonl P``: orjson per line and
  ``executemany`` into the same tables, one transaction, no validation.

Then the peak RSS (`measure.peak_rss_mib`) of each, three times in turn,
and of a process that only reads the export whole with orjson (what the
import did before it streamed). Label Studio's own rate is quoted, not run:
590 tasks/s for Label Studio 1.23.2 importing 20,000 such tasks on 2 cores
(issue 19).

Targets: peak RSS < 300 MiB; tasks/s at least 5x Label Studio's (2,950).
Writes ``results/ls_import.json`` (``ls_import-<N>.json`` for other sizes).
"""

from __future__ import annotations

import os
import platform
import sqlite3
import statistics
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import ls_corpus  # noqa: E402
from bench_io import (  # noqa: E402
    ANNOTATOR,
    BASELINE_SCRIPT,
    new_baseline_file,
    new_project_file,
    process_timed,
    remove_project,
    warm_cache,
)
from measure import (  # noqa: E402
    alternate,
    log,
    peak_rss_mib,
    runs_from_env,
    summary,
    write_results,
)

LABEL_STUDIO_TASKS_PER_S = 590.0
"""Label Studio 1.23.2 importing 20,000 tasks of 5 KB with 30 spans, 2 cores (issue 19)."""
TARGET_TIMES_LABEL_STUDIO = 5.0
TARGET_RSS_MIB = 300.0
DEFAULT_TASKS = 20_000
WHOLE_READ = "import orjson, sys; orjson.loads(open(sys.argv[1], 'rb').read())"


class Sides:
    def __init__(self, export: Path, native: Path, work: Path) -> None:
        self.export, self.native, self.work = export, native, work

    def ours_argv(self, project: Path) -> list[str]:
        return [ANNOTATOR, "import", str(project), str(self.export), "--format", "label-studio"]

    def native_argv(self, project: Path) -> list[str]:
        return [ANNOTATOR, "import", str(project), str(self.native)]

    def raw_argv(self, project: Path) -> list[str]:
        return [sys.executable, BASELINE_SCRIPT, "import", str(self.native), str(project)]

    def _run(self, name: str, make: Any, argv: Any) -> float:
        project = make(self.work / f"{name}.claims")
        try:
            return process_timed(argv(project))
        finally:
            remove_project(project)

    def ours(self, index: int) -> float:
        return self._run("ours", new_project_file, self.ours_argv)

    def native_side(self, index: int) -> float:
        return self._run("native", new_project_file, self.native_argv)

    def raw(self, index: int) -> float:
        return self._run("raw", new_baseline_file, self.raw_argv)

    def rss(self, name: str) -> float:
        if name == "whole_file_read":
            return peak_rss_mib([sys.executable, "-c", WHOLE_READ, str(self.export)])
        make = new_baseline_file if name == "raw" else new_project_file
        argv = {"ours": self.ours_argv, "native": self.native_argv, "raw": self.raw_argv}[name]
        project = make(self.work / f"rss-{name}.claims")
        try:
            return peak_rss_mib(argv(project))
        finally:
            remove_project(project)

    def check(self, tasks: int) -> dict[str, Any]:
        """Import once each way and compare what the two files hold."""
        counts = {}
        for name, argv in (("ours", self.ours_argv), ("native", self.native_argv)):
            project = new_project_file(self.work / f"check-{name}.claims")
            process_timed(argv(project))
            conn = sqlite3.connect(project)
            counts[name] = {
                table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("articles", "claims", "mentions", "statuses")
            }
            conn.close()
            remove_project(project)
        if counts["ours"] != counts["native"] or counts["ours"]["articles"] != tasks:
            raise RuntimeError(f"the two imports differ: {counts}")
        return counts["ours"]


def main() -> int:
    tasks = int(os.environ.get("BENCH_ARTICLES") or DEFAULT_TASKS)
    runs = runs_from_env()
    export, native = ls_corpus.ensure(tasks, log)
    work = ls_corpus.DATA_DIR / "bench-ls-import"
    work.mkdir(parents=True, exist_ok=True)
    warm_cache(export)
    warm_cache(native)
    sides = Sides(export, native, work)
    counts = sides.check(tasks)
    samples = alternate(
        {"ours": sides.ours, "native": sides.native_side, "raw": sides.raw}, runs, "import"
    )
    rss_names = ("ours", "native", "raw", "whole_file_read")
    rss: dict[str, list[float]] = {name: [] for name in rss_names}
    for round_ in range(3):
        for name in rss_names:
            log(f"peak RSS: {name} (round {round_ + 1} of 3) ...")
            rss[name].append(sides.rss(name))
    medians = {name: statistics.median(s) for name, s in samples.items()}
    rate = {name: round(tasks / m, 1) for name, m in medians.items()}
    rss_median = {name: statistics.median(v) for name, v in rss.items()}
    results: dict[str, Any] = {
        "tasks": tasks,
        "export_bytes": export.stat().st_size,
        "native_bytes": native.stat().st_size,
        "rows": counts,
        "seconds": {name: summary(s) for name, s in samples.items()},
        "tasks_per_s": rate,
        "tasks_per_s_min_max": {
            name: [round(tasks / max(s), 1), round(tasks / min(s), 1)]
            for name, s in samples.items()
        },
        "ours_vs_native": round(medians["native"] / medians["ours"], 3),
        "ours_vs_raw": round(medians["raw"] / medians["ours"], 3),
        "label_studio_tasks_per_s": LABEL_STUDIO_TASKS_PER_S,
        "times_label_studio": round(rate["ours"] / LABEL_STUDIO_TASKS_PER_S, 2),
        "target_times_label_studio": TARGET_TIMES_LABEL_STUDIO,
        "peak_rss_mib": {name: {"median": rss_median[name], "samples": rss[name]} for name in rss},
        "target_rss_mib": TARGET_RSS_MIB,
        "met": {
            "rss": rss_median["ours"] < TARGET_RSS_MIB,
            "rate": rate["ours"] >= TARGET_TIMES_LABEL_STUDIO * LABEL_STUDIO_TASKS_PER_S,
        },
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
    }
    name = "ls_import" if tasks == DEFAULT_TASKS else f"ls_import-{tasks}"
    write_results(name, results)
    print(
        f"Label Studio import, {tasks:,} tasks ({export.stat().st_size / 1e6:.0f} MB), {runs} runs"
    )
    print(f"{'side':8} {'median s':>9} {'min':>7} {'max':>7} {'tasks/s':>8} {'peak MiB':>9}")
    for side in ("ours", "native", "raw"):
        s = results["seconds"][side]
        print(
            f"{side:8} {s['median']:9.2f} {s['min']:7.2f} {s['max']:7.2f}"
            f" {rate[side]:8.0f} {rss_median[side]:9.1f}"
        )
    print(f"whole-file orjson read of the export: {rss_median['whole_file_read']:.0f} MiB")
    print(
        f"ours vs native {results['ours_vs_native']}, vs raw {results['ours_vs_raw']};"
        f" {results['times_label_studio']}x Label Studio's {LABEL_STUDIO_TASKS_PER_S:.0f} tasks/s"
        f" (target {TARGET_TIMES_LABEL_STUDIO}x); targets met: {results['met']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
