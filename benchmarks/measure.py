"""How every benchmark measures: both sides in turn, several runs, medians.

A comparison is only honest when both sides see the same machine. On a shared VM
the load drifts over a minute, so measuring all of ours and then all of the
baseline flatters whichever side ran in the quiet spell. `alternate` runs the
sides in turn (A B A B …), `BENCH_RUNS` rounds (at least 5 by default), and
`summary` reports the median with the min and max so a reader sees the spread.

Whole-process figures (`process_seconds`, `peak_rss_mib`) start a fresh
interpreter, as a user's command or app start does: imports, opening files and
exit count, which in-process timings hide.

Used by the ``bench_*.py`` scripts; not part of the app.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RESULTS_DIR = Path(__file__).resolve().parent / "results"
DEFAULT_RUNS = 5


def log(message: str) -> None:
    """Progress to stderr, so stdout stays the result table."""
    print(message, file=sys.stderr, flush=True)


def runs_from_env(default: int = DEFAULT_RUNS) -> int:
    """Rounds per comparison: ``BENCH_RUNS`` if set (at least 1), else ``default``."""
    value = os.environ.get("BENCH_RUNS")
    return max(1, int(value)) if value else default


def alternate(
    sides: Mapping[str, Callable[[int], float]], runs: int, label: str = ""
) -> dict[str, list[float]]:
    """Run each side once per round, in turn, for ``runs`` rounds.

    Each side is called with the round index and returns the seconds it measured
    (so it can leave its own setup and cleanup out of the figure). The order is
    A B A B … in every round. Returns the samples per side, in run order.
    """
    samples: dict[str, list[float]] = {name: [] for name in sides}
    for index in range(runs):
        for name, side in sides.items():
            log(f"{label + ': ' if label else ''}{name} (round {index + 1} of {runs}) ...")
            samples[name].append(side(index))
    return samples


def summary(samples: Sequence[float]) -> dict[str, Any]:
    """Median, min, max and every sample (seconds), rounded to the microsecond."""
    return {
        "median": round(statistics.median(samples), 6),
        "min": round(min(samples), 6),
        "max": round(max(samples), 6),
        "runs": len(samples),
        "samples": [round(s, 6) for s in samples],
    }


def ratio(ours: Sequence[float], baseline: Sequence[float]) -> float:
    """How fast we are relative to the baseline: median baseline time / median our time.

    Above 1 we are faster; 0.8 means we take 1.25 times as long.
    """
    return round(statistics.median(baseline) / statistics.median(ours), 3)


def slowdown(ours: Sequence[float], baseline: Sequence[float]) -> float:
    """How many times as long we take: median our time / median baseline time."""
    return round(statistics.median(ours) / statistics.median(baseline), 3)


def process_seconds(
    argv: Sequence[str], env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> float:
    """Wall-clock seconds of a whole process, from spawn to exit.

    Raises RuntimeError with its stderr when it fails: a crashed side must not
    pass for a fast one.
    """
    start = time.perf_counter()
    done = subprocess.run(
        list(argv),
        env=None if env is None else dict(env),
        cwd=cwd,
        capture_output=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(argv)} exited {done.returncode}:\n{done.stderr.decode(errors='replace')}"
        )
    return seconds


_LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[1], sys.argv[1:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
print(usage.ru_maxrss)
sys.exit(os.waitstatus_to_exitcode(status))
"""
"""Runs a command as its own child and prints that child's peak RSS (KiB).

On Linux a process's ``ru_maxrss`` keeps the high-water mark of the process it
was forked from, across ``exec``: a child of this (large) benchmark process
reports at least this process's size. Forked from this small launcher
instead, the command starts from a few MiB, below anything it measures.
"""


def peak_rss_mib(
    argv: Sequence[str], env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> float:
    """Peak resident memory (MiB) of a fresh process running ``argv``.

    The command is forked from a small launcher (`_LAUNCHER`), which reports
    the command's ``ru_maxrss`` alone.
    """
    done = subprocess.run(
        [sys.executable, "-S", "-c", _LAUNCHER, *argv],
        env=None if env is None else dict(env),
        cwd=cwd,
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(argv)} exited {done.returncode}:\n{done.stderr.decode(errors='replace')}"
        )
    kib = int(done.stdout.decode().strip().splitlines()[-1])
    return round(kib / 1024, 1)


def _descendants(pid: int) -> list[int]:
    """``pid`` and every process below it (Linux: ``/proc/PID/task/TID/children``)."""
    found, queue = [], [pid]
    while queue:
        one = queue.pop()
        found.append(one)
        try:
            tasks = os.listdir(f"/proc/{one}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{one}/task/{task}/children", encoding="ascii") as children:
                    queue.extend(int(child) for child in children.read().split())
            except OSError:
                continue
    return found


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except (OSError, IndexError, ValueError):
        return 0


def peak_tree_rss_mib(argv: Sequence[str], interval: float = 0.01) -> float:
    """Peak resident memory (MiB) of ``argv`` and the processes it starts, summed at each moment.

    `peak_rss_mib` gives one process's peak (the kernel's high-water mark); a
    command that starts helpers (the import's reading process) uses the sum of
    them at once. That sum is sampled from ``/proc`` every ``interval`` seconds
    (Linux), so a peak shorter than that may be missed; pages two processes
    share count twice.
    """
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while process.poll() is None:
        peak = max(peak, sum(_rss_kib(pid) for pid in _descendants(process.pid)))
        time.sleep(interval)
    _, error = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {process.returncode}:\n{error.decode()}")
    return round(peak / 1024, 1)


SHOWN_PREAMBLE = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

app = QApplication(sys.argv)


class QuitWhenShown(QObject):
    done = False

    def eventFilter(self, watched, event):
        if not self.done and event.type() == QEvent.Type.Paint and isinstance(watched, QWidget) \\
                and watched.isWindow():
            self.done = True
            sys.stdout.write("shown\\nready\\n")
            sys.stdout.flush()
            QTimer.singleShot(0, QApplication.quit)
        return False


app.installEventFilter(QuitWhenShown(app))
"""
"""The start of every baseline window script: a QApplication that writes ``shown`` and
``ready`` on its first window's first paint and quits, as ``ANNOTATOR_BENCH_EXIT_ON_SHOW``
makes the app do. A baseline script appends what it shows."""


def write_results(name: str, results: dict[str, Any]) -> Path:
    """Write ``results/<name>.json`` (with the date and Python), print and return its path."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    stamped = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": sys.version.split()[0],
        **results,
    }
    path.write_text(json.dumps(stamped, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {path}")
    return path
