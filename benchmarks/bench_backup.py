"""Backup speed: `backup_project` of a large project against a plain file copy of it.

Measured on one project (built from the corpus of ``BENCH_ARTICLES`` articles,
see `corpus.py`, or the existing project file named by ``BENCH_BACKUP_PROJECT``):

1. backup (ours): `annotator.store.backup.backup_project` through the open
   project's connection (SQLite backup API, sidecar, rename, rotation);
2. backup in the background (ours): `backup_file` through a connection of its
   own, as the app's timer does, while the open project is idle;
3. baseline: ``shutil.copyfile`` of the closed file and an fsync of the copy (the
   same bytes, without a consistent snapshot of a file being written to);
4. the checks the app makes on every timer tick and dialog: `counts` (the
   fingerprint) and `list_backups`.

Backups go to a temporary data folder, never the user's. Prints a table and
writes ``results/backup.json`` (``backup-<N>.json`` for N articles other than
the default); ``backup_<N/1000>k_ms`` names the main number by size, so the
100,000-article run gives ``backup_100k_ms``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import DEFAULT_ARTICLES, CorpusSpec, ensure_corpus, spec_from_env

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def best_ms(repeat: int, action: Callable[[], Any]) -> float:
    """The fastest of ``repeat`` runs of ``action``, in milliseconds (dirty pages synced first)."""
    best = float("inf")
    for _ in range(repeat):
        os.sync()
        start = time.perf_counter()
        action()
        best = min(best, (time.perf_counter() - start) * 1000)
    return round(best, 1)


def _copy_and_sync(source: Path, target: Path) -> None:
    """The baseline: copy the bytes and make them durable, as a backup does."""
    shutil.copyfile(source, target)
    descriptor = os.open(target, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def build(spec: CorpusSpec, work: Path) -> Path:
    """A project holding the corpus (labels included)."""
    from annotator.io.importer import import_files
    from annotator.store.project import Project

    corpus = ensure_corpus(spec)
    path = work / "bench.claims"
    print(f"importing {spec.articles} articles ...", file=sys.stderr, flush=True)
    with Project.create(path) as project:
        import_files(project, [corpus])
    return path


def run(path: Path, work: Path, repeat: int) -> dict[str, Any]:
    """Measure everything on the project at ``path``."""
    os.environ["XDG_DATA_HOME"] = str(work / "data")  # before platformdirs is asked
    from annotator.store.backup import backup_file, backup_project, counts, list_backups
    from annotator.store.project import Project

    with Project.open(path, read_only=True) as project:
        articles = project.article_count()
    copy = work / "copy.claims"
    baseline = best_ms(repeat, lambda: _copy_and_sync(path, copy))
    copy.unlink()
    with Project.open(path) as project:
        ours = best_ms(repeat, lambda: backup_project(project, "manual"))
        background = best_ms(repeat, lambda: backup_file(path, "auto"))
        counts_ms = best_ms(repeat, lambda: counts(project.conn))
        listing_ms = best_ms(repeat, lambda: list_backups(project.project_id))
    return {
        "articles": articles,
        "size_bytes": path.stat().st_size,
        "repeat": repeat,
        "backup_ms": ours,
        f"backup_{articles // 1000}k_ms": ours,
        "background_backup_ms": background,
        "copy_baseline_ms": baseline,
        "ratio_to_copy": round(ours / baseline, 2) if baseline else None,
        "fingerprint_ms": counts_ms,
        "list_ms": listing_ms,
    }


def table(results: dict[str, Any]) -> str:
    """The results as a readable table."""
    mb = results["size_bytes"] / 1e6
    lines = [f"Backup benchmark: {results['articles']} articles, project of {mb:.0f} MB"]
    for key in ("backup_ms", "background_backup_ms", "copy_baseline_ms", "fingerprint_ms"):
        lines.append(f"{key:24}{results[key]:>12.1f} ms")
    lines.append(f"{'list_ms':24}{results['list_ms']:>12.1f} ms")
    lines.append(f"{'ratio_to_copy':24}{results['ratio_to_copy']:>12}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and write its JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, help="corpus size (default: $BENCH_ARTICLES)")
    parser.add_argument("--project", help="measure this project file instead of building one")
    args = parser.parse_args(argv)
    repeat = max(1, int(os.environ.get("BENCH_REPEAT", "1")))
    existing = args.project or os.environ.get("BENCH_BACKUP_PROJECT")
    with tempfile.TemporaryDirectory(prefix="bench-backup-") as folder:
        work = Path(folder)
        if existing:
            path = Path(existing)
        else:
            spec = CorpusSpec(args.articles) if args.articles else spec_from_env()
            path = build(spec, work)
        results = run(path, work, repeat)
    RESULTS_DIR.mkdir(exist_ok=True)
    suffix = "" if results["articles"] == DEFAULT_ARTICLES else f"-{results['articles']}"
    target = RESULTS_DIR / f"backup{suffix}.json"
    target.write_text(json.dumps(results, indent=2) + "\n")
    print(table(results))
    print(f"results written to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
