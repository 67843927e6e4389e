"""App start and CLI fixed cost, whole processes, against a minimal PySide6 window.

Sides run in turn (A B A B ...), ``BENCH_RUNS`` rounds (at least 5), medians with
min and max (`measure.py`):

1. ``start_warm_ratio``: ``annotator gui PROJECT`` (the installed console script,
   on the small sample project) to its first window drawn, against a minimal
   PySide6 script that shows a QMainWindow (`BASELINE`), the page cache warm.
   ``ready``: to the project's main window drawn (the app first shows an
   opening window, then opens the project in it); the baseline's one window is
   both. Both are told apart the same way: with ``ANNOTATOR_BENCH_EXIT_ON_SHOW``
   set, the app writes ``shown`` on stdout when its first window was painted and
   ``ready`` when the main window was, then quits (`annotator.ui.window.app`);
   the baseline writes both at its window's first paint and quits. The time is
   from spawning the process to reading the line, so the exit is not counted.
2. ``start_cold_ratio``: the same with the page cache dropped before each run of
   each side (``/proc/sys/vm/drop_caches``, which needs root; where that is not
   allowed, or with ``BENCH_COLD_METHOD=fadvise``, the files the processes read
   are evicted with ``posix_fadvise(DONTNEED)``: see ``cold_method`` in the JSON).
   Dropping the page cache slows whatever else runs on the machine for a moment.
3. ``cli_fixed_ms``: ``annotator --version`` and ``annotator stats`` on a tiny
   project, whole process (the larger median), beside ``python -c pass``; their
   CPU time too (``cli_cpu_ms``), which other programs' load does not stretch.

Ratios here are slowdowns: our median / the baseline's (targets: at most 1.5
warm, 2 cold; ``cli_fixed_ms`` under 300). Qt draws with ``QT_QPA_PLATFORM``
``offscreen`` unless ``BENCH_QPA`` names another platform (``xcb`` under Xvfb).
Python's bytecode is compiled once (a warm-up run of each side, with the
``.pyc`` files in a temporary ``PYTHONPYCACHEPREFIX``), as an installed app has
it, whatever ``PYTHONDONTWRITEBYTECODE`` says. Settings, data and logs go to a
temporary home. Writes ``results/start.json``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import (
    SHOWN_PREAMBLE,
    alternate,
    log,
    process_seconds,
    runs_from_env,
    summary,
    write_results,
)

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ANNOTATOR = BIN / "annotator"
TARGET_WARM = 1.5
TARGET_COLD = 2.0
TARGET_CLI_MS = 300.0

BASELINE = (
    SHOWN_PREAMBLE
    + """
from PySide6.QtWidgets import QMainWindow

window = QMainWindow()
window.setWindowTitle("Baseline")
window.resize(1280, 800)
window.show()
sys.exit(app.exec())
"""
)
"""The minimal PySide6 app: a QMainWindow, told apart on its first paint as ours is."""


def first_window(argv: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds from spawning ``argv`` to each line it writes (``shown``, ``ready``).

    Raises RuntimeError when the process fails or never says ``ready``.
    """
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    seen: dict[str, float] = {}
    assert process.stdout is not None
    for line in process.stdout:
        seen.setdefault(line.strip(), time.perf_counter() - start)
    _, stderr = process.communicate()
    if process.returncode != 0 or "ready" not in seen:
        raise RuntimeError(f"{' '.join(argv)} exited {process.returncode}:\n{stderr}")
    return seen


def wall_and_cpu(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) seconds of a whole process running ``argv``."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read() if process.stderr else b""
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {process.returncode}:\n{stderr.decode()}")
    return wall, usage.ru_utime + usage.ru_stime


def drop_page_cache() -> bool:
    """Drop the page cache (clean pages only, after a sync); False if not allowed here."""
    os.sync()
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        return False
    return True


def files_under(folders: Iterable[Path]) -> list[Path]:
    """Every regular file in ``folders`` (the Python installations, the package, caches)."""
    found: list[Path] = []
    for folder in folders:
        for dirpath, _, names in os.walk(folder):
            found.extend(Path(dirpath) / name for name in names)
    return found


def mapped_files(pid: int) -> set[Path]:
    """The files a running process has mapped (shared libraries, fonts, ...)."""
    try:
        lines = Path(f"/proc/{pid}/maps").read_text().splitlines()
    except OSError:
        return set()
    return {
        Path(parts[5]) for parts in map(str.split, lines) if len(parts) > 5 and parts[5][0] == "/"
    }


def evict(paths: Iterable[Path]) -> None:
    """Ask the kernel to drop ``paths`` from the page cache (``posix_fadvise(DONTNEED)``)."""
    os.sync()
    for path in paths:
        try:
            descriptor = os.open(path, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(descriptor)


def libraries_of(argv: list[str], env: dict[str, str]) -> set[Path]:
    """The files ``argv`` maps by the time its windows are drawn (read while it runs)."""
    process = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert process.stdout is not None
    found: set[Path] = set()
    for _ in process.stdout:  # at "shown" and at "ready", before it quits
        found |= mapped_files(process.pid)
    process.wait()
    return found


def make_home(folder: Path) -> dict[str, str]:
    """A user's folders in ``folder``, the annotator's name already given; the env for them."""
    env: dict[str, str] = {}
    for name in ("DATA", "STATE", "CACHE", "CONFIG"):
        path = folder / name.lower()
        path.mkdir(parents=True, exist_ok=True)
        env[f"XDG_{name}_HOME"] = str(path)
    settings = folder / "config" / "claim-annotator" / "Claim annotator.conf"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text("[General]\nannotator=bench\n", encoding="utf-8")
    env["HOME"] = str(folder)
    return env


def cold_sides(
    sides: dict[str, Callable[[int], float]], drop: Callable[[], object]
) -> dict[str, Callable[[int], float]]:
    """The same sides, each with the page cache emptied first (not timed)."""

    def cold(side: Callable[[int], float]) -> Callable[[int], float]:
        def run(index: int) -> float:
            drop()
            return side(index)

        return run

    return {name: cold(side) for name, side in sides.items()}


def main() -> int:
    runs = max(5, runs_from_env())
    platform = os.environ.get("BENCH_QPA", "offscreen")
    with tempfile.TemporaryDirectory(prefix="bench-start-") as temp:
        folder = Path(temp)
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("PYTHONDONTWRITEBYTECODE", "ANNOTATOR_DEBUG")
        }
        env.update(make_home(folder / "home"))
        env.update(
            QT_QPA_PLATFORM=platform,
            PYTHONPYCACHEPREFIX=str(folder / "pycache"),
            ANNOTATOR_BENCH_EXIT_ON_SHOW="1",
        )
        from annotator.samples import build_sample
        from annotator.store.project import Project

        sample = build_sample(folder / "sample.claims")
        tiny = folder / "tiny.claims"
        Project.create(tiny).close()
        baseline_script = folder / "baseline.py"
        baseline_script.write_text(BASELINE, encoding="utf-8")

        ours_argv = [str(ANNOTATOR), "gui", str(sample)]
        base_argv = [sys.executable, str(baseline_script)]
        for argv in (ours_argv, base_argv):  # compile the bytecode once, as installed
            first_window(argv, env)
        process_seconds([str(ANNOTATOR), "stats", str(tiny)], env)

        ready: dict[str, list[float]] = {"ours": [], "baseline": []}

        def start_side(name: str, argv: list[str]) -> Callable[[int], float]:
            def run(_: int) -> float:
                seen = first_window(argv, env)
                ready[name].append(seen["ready"])
                return seen["shown"]

            return run

        sides = {
            "ours": start_side("ours", ours_argv),
            "baseline": start_side("baseline", base_argv),
        }
        warm = alternate(sides, runs, "start, warm")
        warm_ready = {name: list(values) for name, values in ready.items()}

        drop: Callable[[], object]
        if os.environ.get("BENCH_COLD_METHOD") != "fadvise" and drop_page_cache():
            cold_method = "page cache dropped before each run (/proc/sys/vm/drop_caches)"
            drop = drop_page_cache
        else:
            touched = files_under(
                {
                    Path(sys.prefix),
                    Path(sys.base_prefix),
                    Path(sysconfig.get_paths()["stdlib"]),
                    ROOT / "annotator",
                    ROOT / "resources",
                    folder,
                }
            )
            touched += sorted(libraries_of(ours_argv, env) | libraries_of(base_argv, env))
            cold_method = (
                f"posix_fadvise(DONTNEED) before each run on {len(touched)} files (both"
                " Pythons, the package, the bytecode, the libraries both processes map), as"
                " drop_caches was not allowed or BENCH_COLD_METHOD=fadvise; files outside"
                " those (fonts not mapped) may stay cached"
            )
            drop = partial(evict, touched)
        for values in ready.values():
            values.clear()
        cold = alternate(cold_sides(sides, drop), runs, "start, cold")
        cold_ready = {name: list(values) for name, values in ready.items()}

        env.pop("ANNOTATOR_BENCH_EXIT_ON_SHOW")
        cpu: dict[str, list[float]] = {"version": [], "stats": [], "python": []}

        def command(name: str, argv: list[str]) -> Callable[[int], float]:
            def run(_: int) -> float:
                wall, used = wall_and_cpu(argv, env)
                cpu[name].append(used)
                return wall

            return run

        cli = alternate(
            {
                "version": command("version", [str(ANNOTATOR), "--version"]),
                "stats": command("stats", [str(ANNOTATOR), "stats", str(tiny)]),
                "python": command("python", [sys.executable, "-c", "pass"]),
            },
            runs,
            "cli",
        )

    def slow(ours: list[float], base: list[float]) -> float:
        return round(statistics.median(ours) / statistics.median(base), 3)

    version_ms = round(statistics.median(cli["version"]) * 1000, 1)
    stats_ms = round(statistics.median(cli["stats"]) * 1000, 1)
    results: dict[str, Any] = {
        "platform": platform,
        "runs": runs,
        "ratio_meaning": "our median / the minimal PySide6 window's median (lower is better)",
        "cold_method": cold_method,
        "start_warm_ratio": slow(warm["ours"], warm["baseline"]),
        "start_cold_ratio": slow(cold["ours"], cold["baseline"]),
        "start_ready_warm_ratio": slow(warm_ready["ours"], warm_ready["baseline"]),
        "start_ready_cold_ratio": slow(cold_ready["ours"], cold_ready["baseline"]),
        "cli_fixed_ms": max(version_ms, stats_ms),
        "cli_version_ms": version_ms,
        "cli_stats_ms": stats_ms,
        "python_ms": round(statistics.median(cli["python"]) * 1000, 1),
        "cli_cpu_ms": {  # user + system time: what the load of other programs leaves out
            name: round(statistics.median(values) * 1000, 1) for name, values in cpu.items()
        },
        "first_window_s": {
            "warm": {name: summary(values) for name, values in warm.items()},
            "cold": {name: summary(values) for name, values in cold.items()},
        },
        "ready_s": {
            "warm": {name: summary(values) for name, values in warm_ready.items()},
            "cold": {name: summary(values) for name, values in cold_ready.items()},
        },
        "cli_s": {name: summary(values) for name, values in cli.items()},
    }
    results["targets_met"] = {
        "start_warm_ratio": results["start_warm_ratio"] <= TARGET_WARM,
        "start_cold_ratio": results["start_cold_ratio"] <= TARGET_COLD,
        "cli_fixed_ms": results["cli_fixed_ms"] < TARGET_CLI_MS,
    }

    def line(label: str, values: dict[str, dict[str, Any]]) -> None:
        parts = [
            f"{name} {v['median'] * 1000:6.0f} ms ({v['min'] * 1000:.0f}-{v['max'] * 1000:.0f})"
            for name, v in values.items()
        ]
        print(f"{label:24}" + "   ".join(parts))

    print(f"app start, QT_QPA_PLATFORM={platform}, {runs} runs each, in turn; median (min-max)")
    line("first window, warm", results["first_window_s"]["warm"])
    line("first window, cold", results["first_window_s"]["cold"])
    line("main window, warm", results["ready_s"]["warm"])
    line("main window, cold", results["ready_s"]["cold"])
    line("cli", results["cli_s"])
    print(
        f"{'cli, cpu time':24}"
        + "   ".join(f"{k} {v:6.0f} ms" for k, v in results["cli_cpu_ms"].items())
    )
    print(f"cold: {cold_method}")
    for key, target, sign in (
        ("start_warm_ratio", TARGET_WARM, "<="),
        ("start_cold_ratio", TARGET_COLD, "<="),
        ("cli_fixed_ms", TARGET_CLI_MS, "<"),
    ):
        verdict = "ok" if results["targets_met"][key] else "MISSED"
        print(f"{key:24}{results[key]:>9} (target {sign} {target})  {verdict}")
    print(
        f"{'start_ready_warm_ratio':24}{results['start_ready_warm_ratio']:>9}   "
        f"{'start_ready_cold_ratio'} {results['start_ready_cold_ratio']}"
    )
    write_results("start", results)
    log("done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
