"""Label Studio import: speed and peak memory against the native path and a raw baseline.

One generated export (`ls_corpus`: 20,000 tasks of about 5 KB of text and 30
spans each, about 260 MB; ``BENCH_ARTICLES`` tasks if set) and the same
tasks as native JSONL. Four whole processes, each into a fresh project
file made beforehand (untimed), run in turn (A B C D A B C D ...) for
``BENCH_RUNS`` rounds (default 5), medians with min and max of the wall
time (spawn to exit) and of the CPU time (user + system, from the kernel's
accounting of the child: less disturbed by other load on the machine):

- ``ours``: ``annotator import P tasks.json --format label-studio`` (the
  streaming reader, the conversion, validation and rows in a second process,
  `annotator.io.parallel`; writing in the command's own);
- ``serial``: the same command with the second process turned off
  (`PARALLEL_MIN_BYTES` out of reach): reading and writing take turns on one core;
- ``native``: ``annotator import P tasks.jsonl``, the same tasks already native;
- ``raw``: ``python io_baseline.py import tasks.jsonl P``: orjson per line and
  ``executemany`` into the same tables, one transaction, no validation, the
  schema's triggers and indexes kept row by row;
- ``raw_deferred``: ``python raw_deferred_baseline.py tasks.jsonl P``: the
  same, with the search index and secondary indexes built once at the end
  inside the transaction, as our import does (the floor of these writes).

``BENCH_LS_BEFORE=DIR`` adds a side ``before``: the import of the checkout
in DIR (an earlier commit, ``git archive`` into DIR), into a file its own
``annotator init`` made.

Then the peak RSS of each, three times in turn: of the largest process
(`measure.peak_rss_mib`) and of all its processes at once
(`measure.peak_tree_rss_mib`: the command and its reading process, summed;
the target is on this one), and of a process that only reads the export
whole with orjson (what the import did before it streamed). Label Studio's own rate is quoted, not run:
590 tasks/s for Label Studio 1.23.2 importing 20,000 such tasks on 2 cores
(issue 19).

Targets: peak RSS < 300 MiB; tasks/s at least 5x Label Studio's (2,950).
Writes ``results/ls_import.json`` (``ls_import-<N>.json`` for other sizes).
"""

from __future__ import annotations

import os
import platform
import resource
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
    peak_tree_rss_mib,
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


DEFERRED_SCRIPT = str(HERE / "raw_deferred_baseline.py")
_CHECKOUT = (
    "import sys; sys.path.insert(0, sys.argv.pop(1)); from annotator.cli import main; "
    "sys.argv[0] = 'annotator'; sys.exit(main())"
)
_SERIAL = (
    "import sys; import annotator.io.parallel as p; p.PARALLEL_MIN_BYTES = 1 << 62; "
    "from annotator.cli import main; sys.argv[0] = 'annotator'; sys.exit(main())"
)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Sides:
    def __init__(self, export: Path, native: Path, work: Path, before: Path | None) -> None:
        self.export, self.native, self.work, self.before = export, native, work, before
        self.cpu: dict[str, list[float]] = {}

    def ours_argv(self, project: Path) -> list[str]:
        return [ANNOTATOR, "import", str(project), str(self.export), "--format", "label-studio"]

    def serial_argv(self, project: Path) -> list[str]:
        command = [sys.executable, "-c", _SERIAL, "import", str(project), str(self.export)]
        return [*command, "--format", "label-studio"]

    def native_argv(self, project: Path) -> list[str]:
        return [ANNOTATOR, "import", str(project), str(self.native)]

    def raw_argv(self, project: Path) -> list[str]:
        return [sys.executable, BASELINE_SCRIPT, "import", str(self.native), str(project)]

    def raw_deferred_argv(self, project: Path) -> list[str]:
        return [sys.executable, DEFERRED_SCRIPT, str(self.native), str(project)]

    def before_argv(self, project: Path) -> list[str]:
        command = [sys.executable, "-c", _CHECKOUT, str(self.before), "import", str(project)]
        return [*command, str(self.export), "--format", "label-studio"]

    def new_before_file(self, path: Path) -> Path:
        remove_project(path)
        process_timed([sys.executable, "-c", _CHECKOUT, str(self.before), "init", str(path)])
        return path

    def maker(self, name: str) -> Any:
        if name == "before":
            return self.new_before_file
        return new_baseline_file if name.startswith("raw") else new_project_file

    def argv(self, name: str) -> Any:
        return getattr(self, f"{name}_argv")

    def side(self, name: str) -> Any:
        def run(index: int) -> float:
            project = self.maker(name)(self.work / f"{name}.claims")
            try:
                cpu = _children_cpu()
                seconds = process_timed(self.argv(name)(project))
                self.cpu.setdefault(name, []).append(_children_cpu() - cpu)
                return seconds
            finally:
                remove_project(project)

        return run

    def rss(self, name: str, measure: Any = peak_rss_mib) -> float:
        if name == "whole_file_read":
            return float(measure([sys.executable, "-c", WHOLE_READ, str(self.export)]))
        project = self.maker(name)(self.work / f"rss-{name}.claims")
        try:
            return float(measure(self.argv(name)(project)))
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
    before = os.environ.get("BENCH_LS_BEFORE")
    sides = Sides(export, native, work, Path(before).resolve() if before else None)
    counts = sides.check(tasks)
    names = ["ours", "serial", "native", "raw", "raw_deferred", *(["before"] if before else [])]
    samples = alternate({name: sides.side(name) for name in names}, runs, "import")
    rss_names = (*names, "whole_file_read")
    rss: dict[str, list[float]] = {name: [] for name in rss_names}
    tree: dict[str, list[float]] = {name: [] for name in rss_names}
    for round_ in range(3):
        for name in rss_names:
            log(f"peak RSS: {name} (round {round_ + 1} of 3) ...")
            rss[name].append(sides.rss(name))
            tree[name].append(sides.rss(name, peak_tree_rss_mib))
    tree_median = {name: statistics.median(v) for name, v in tree.items()}
    medians = {name: statistics.median(s) for name, s in samples.items()}
    rate = {name: round(tasks / m, 1) for name, m in medians.items()}
    cpu_medians = {name: statistics.median(s) for name, s in sides.cpu.items()}
    cpu_rate = {name: round(tasks / m, 1) for name, m in cpu_medians.items()}
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
        "cpu_seconds": {name: summary(s) for name, s in sides.cpu.items()},
        "tasks_per_cpu_s": cpu_rate,
        "ours_vs_serial": round(medians["serial"] / medians["ours"], 3),
        "ours_vs_native": round(medians["native"] / medians["ours"], 3),
        "ours_vs_raw": round(medians["raw"] / medians["ours"], 3),
        "ours_vs_raw_deferred": round(medians["raw_deferred"] / medians["ours"], 3),
        "cpu_ours_vs_native": round(cpu_medians["native"] / cpu_medians["ours"], 3),
        "cpu_ours_vs_raw": round(cpu_medians["raw"] / cpu_medians["ours"], 3),
        "cpu_ours_vs_raw_deferred": round(cpu_medians["raw_deferred"] / cpu_medians["ours"], 3),
        **(
            {"ours_vs_before": round(medians["before"] / medians["ours"], 3)}
            if "before" in medians
            else {}
        ),
        "label_studio_tasks_per_s": LABEL_STUDIO_TASKS_PER_S,
        "times_label_studio": round(rate["ours"] / LABEL_STUDIO_TASKS_PER_S, 2),
        "target_times_label_studio": TARGET_TIMES_LABEL_STUDIO,
        "peak_rss_mib": {name: {"median": rss_median[name], "samples": rss[name]} for name in rss},
        "peak_all_processes_mib": {
            name: {"median": tree_median[name], "samples": tree[name]} for name in tree
        },
        "target_rss_mib": TARGET_RSS_MIB,
        "met": {
            "rss": max(rss_median["ours"], tree_median["ours"]) < TARGET_RSS_MIB,
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
    print(
        f"{'side':13} {'median s':>9} {'min':>7} {'max':>7} {'tasks/s':>8} {'min-max':>11}"
        f" {'CPU s':>7} {'tasks/CPU s':>11} {'peak MiB':>9} {'all procs':>9}"
    )
    for side in names:
        s = results["seconds"][side]
        low, high = results["tasks_per_s_min_max"][side]
        print(
            f"{side:13} {s['median']:9.2f} {s['min']:7.2f} {s['max']:7.2f}"
            f" {rate[side]:8.0f} {f'{low:.0f}-{high:.0f}':>11} {cpu_medians[side]:7.2f}"
            f" {cpu_rate[side]:11.0f} {rss_median[side]:9.1f} {tree_median[side]:9.1f}"
        )
    print(f"whole-file orjson read of the export: {rss_median['whole_file_read']:.0f} MiB")
    print(
        f"ours vs serial {results['ours_vs_serial']},"
        f" vs native {results['ours_vs_native']} (CPU {results['cpu_ours_vs_native']}),"
        f" vs raw {results['ours_vs_raw']} (CPU {results['cpu_ours_vs_raw']}),"
        f" vs raw_deferred {results['ours_vs_raw_deferred']}"
        f" (CPU {results['cpu_ours_vs_raw_deferred']})"
        + (f", vs before {results['ours_vs_before']}" if before else "")
    )
    print(
        f"{results['times_label_studio']}x Label Studio's {LABEL_STUDIO_TASKS_PER_S:.0f} tasks/s"
        f" (target {TARGET_TIMES_LABEL_STUDIO}x); targets met: {results['met']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
