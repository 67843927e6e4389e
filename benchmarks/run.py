"""Run every ``bench_*.py`` in this folder, each in its own subprocess.

Usage: ``python benchmarks/run.py [--quick | --articles N] [NAME ...]``

Each benchmark prints its own table and writes ``benchmarks/results/<name>.json``.
The corpus size comes from ``--articles``, ``--quick`` (2,000 articles) or the
``BENCH_ARTICLES`` environment variable; the default is the full 20,000.
``bench_hub`` has its own size (``BENCH_HUB_ARTICLES``, 1,000,000 unless
``--quick``, which makes it 20,000).
Exits non-zero if a benchmark crashes (a missed target is reported, not a crash).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUICK_ARTICLES = 2_000
QUICK_HUB_ARTICLES = 20_000
"""The team hub of ``bench_hub`` in a quick run (its full size is 1,000,000 articles)."""


def discover(names: list[str]) -> list[Path]:
    """The benchmark scripts, sorted; only those whose name contains one of ``names`` if given."""
    found = sorted(HERE.glob("bench_*.py"))
    if names:
        found = [p for p in found if any(n in p.stem for n in names)]
    return found


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks; return 1 if one of them failed, else 0."""
    parser = argparse.ArgumentParser(description="Run the Claim annotator benchmarks.")
    size = parser.add_mutually_exclusive_group()
    size.add_argument(
        "--quick", action="store_true", help=f"small corpus ({QUICK_ARTICLES} articles)"
    )
    size.add_argument(
        "--articles", type=int, help="corpus size (default: $BENCH_ARTICLES or 20000)"
    )
    parser.add_argument("names", nargs="*", help="run only benchmarks whose name contains one")
    args = parser.parse_args(argv)

    env = dict(os.environ)
    if args.quick:
        env["BENCH_ARTICLES"] = str(QUICK_ARTICLES)
        env.setdefault("BENCH_HUB_ARTICLES", str(QUICK_HUB_ARTICLES))
    elif args.articles:
        env["BENCH_ARTICLES"] = str(args.articles)
    scripts = discover(args.names)
    if not scripts:
        print("no benchmark matches", file=sys.stderr)
        return 1

    outcomes: list[tuple[str, int, float]] = []
    for script in scripts:
        print(f"== {script.stem}", flush=True)
        start = time.perf_counter()
        code = subprocess.run([sys.executable, str(script)], env=env, check=False).returncode
        outcomes.append((script.stem, code, time.perf_counter() - start))
        print(flush=True)

    print("== summary")
    for name, code, seconds in outcomes:
        verdict = "ok" if code == 0 else f"FAILED (exit {code})"
        print(f"{name:20} {verdict:20} {seconds:8.1f} s")
    return 0 if all(code == 0 for _, code, _ in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
