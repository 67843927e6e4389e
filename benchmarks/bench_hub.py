"""The team hub against the same work on local SQLite files: join, and a sync of 1,000 labels.

A lead's project of 1,000 articles (about 1.2 KB of text each) and 50 actors
is assigned to 5 annotators (200 articles each, no overlap). A throwaway
PostgreSQL cluster is started as in the hub tests (``tests/hub/conftest.py``);
every round publishes the project to a new database with ``hub init`` and
gives the annotator ``a1`` a role of their own with a password (from a
password file, as on a laptop), so row-level security is in every figure.

``join``
    - ours: `annotator.hub.sync.join` of ``a1`` (200 articles, the actors);
    - baseline: `annotator.quality.package.write_package` for ``a1`` from the
      lead's file, the local equivalent (a work package).

``sync_1000``
    In the copy (ours) or the package (baseline), ``a1`` adds 1,000 claims
    through the project's own actions (setup, not timed). Then:

    - ours: `annotator.hub.sync.sync` (read the changes, push them under the
      hub's lock, pull, write the copy's new base), the copy opened and closed;
    - baseline: `annotator.quality.merge.merge_packages` of the package into a
      fresh copy of the lead's file (checks, backup, three-way merge, commit).

Ratios are baseline median / our median (above 1: the hub is faster). Sizes
are small on purpose: the 1,000,000-article benchmark of issue 17 is not
this one. ``BENCH_RUNS`` sets the rounds (default 5). Writes ``results/hub.json``.
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
from measure import alternate, log, ratio, runs_from_env, summary, write_results  # noqa: E402

from annotator.core.model import Article  # noqa: E402
from annotator.hub.admin import grant, init  # noqa: E402
from annotator.hub.sync import join, sync  # noqa: E402
from annotator.quality.assign import assign_articles  # noqa: E402
from annotator.quality.merge import merge_packages  # noqa: E402
from annotator.quality.package import write_package  # noqa: E402
from annotator.store.project import Project  # noqa: E402
from tests.hub.conftest import Server, _start_server  # noqa: E402

ARTICLES = 1_000
ANNOTATORS = [f"a{n}" for n in range(1, 6)]
LABELS = 1_000
WORDS = [
    "the",
    "minister",
    "said",
    "on",
    "monday",
    "that",
    "the",
    "port",
    "would",
    "reopen",
    "soon",
    "officials",
    "said",
]


def make_lead(path: Path) -> None:
    rng = random.Random(7)
    with Project.create(path) as project:
        project.add_articles(
            [
                Article(
                    id=f"art{n:05d}",
                    text=" ".join(rng.choice(WORDS) for _ in range(200)),
                    story=f"s{n // 5}",
                )
                for n in range(ARTICLES)
            ]
        )
        for n in range(50):
            project.add_actor(f"Actor {n}", "lead", "state")
        assign_articles(project, ANNOTATORS, overlap=0.0, by="article", seed=1)


def add_claims(path: Path) -> None:
    with Project.open(path) as copy:
        articles = copy.assigned_articles("a1")
        for n in range(LABELS):
            copy.add_claim(articles[n % len(articles)], "a1", 0, 10 + n % 50, stance="support")


class Hubs:
    """A new hub database per round, published from the lead's file."""

    def __init__(self, server: Server, lead: Path, folder: Path) -> None:
        self.server = server
        self.lead = lead
        self.folder = folder
        self.count = 0
        self.passfile = folder / "pgpass"
        self.passfile.write_text("", encoding="utf-8")
        os.chmod(self.passfile, 0o600)
        os.environ["PGPASSFILE"] = str(self.passfile)

    def new(self) -> str:
        """A published hub; the DSN of a1's role."""
        self.count += 1
        db, role = f"bench_hub_{self.count}", f"bench_a1_{self.count}"
        with self.server.admin() as admin:
            admin.execute(f'CREATE DATABASE "{db}"')
            admin.execute(f'DROP ROLE IF EXISTS "{role}"')
        with Project.open(self.lead, read_only=True) as project:
            init(self.server.dsn(db), project)
        grant(self.server.dsn(db), role, "a1")
        with self.server.admin() as admin:
            admin.execute(f"ALTER ROLE \"{role}\" PASSWORD 'pw'")
        with self.passfile.open("a", encoding="utf-8") as out:
            out.write(f"*:{self.server.port}:{db}:{role}:pw\n")
        return self.server.dsn(db, user=role)


def main() -> None:
    runs = runs_from_env()
    folder = Path(tempfile.mkdtemp(prefix="bench-hub-"))
    server = _start_server()
    try:
        lead = folder / "lead.claims"
        make_lead(lead)
        hubs = Hubs(server, lead, folder)

        def timed_join(index: int) -> float:
            dsn = hubs.new()
            start = time.perf_counter()
            join(dsn, "a1", folder / f"join{index}.claims")
            return time.perf_counter() - start

        def package(index: int) -> float:
            start = time.perf_counter()
            with Project.open(lead) as project:
                write_package(project, "a1", folder / f"package{index}.claims")
            return time.perf_counter() - start

        joins = alternate({"hub": timed_join, "local": package}, runs, "join")

        def timed_sync(index: int) -> float:
            path = folder / f"sync{index}.claims"
            join(hubs.new(), "a1", path)
            add_claims(path)
            start = time.perf_counter()
            with Project.open(path) as copy:
                report = sync(copy)
            seconds = time.perf_counter() - start
            assert report.pushed == LABELS, report
            return seconds

        def timed_merge(index: int) -> float:
            target = folder / f"lead{index}.claims"
            shutil.copy(lead, target)
            packaged = folder / f"merge{index}.claims"
            with Project.open(target) as project:
                write_package(project, "a1", packaged)
            add_claims(packaged)
            start = time.perf_counter()
            with Project.open(target) as project:
                report = merge_packages(project, [packaged])
            seconds = time.perf_counter() - start
            assert report.labels_added == LABELS, report
            return seconds

        syncs = alternate({"hub": timed_sync, "local": timed_merge}, runs, "sync")
        results: dict[str, Any] = {
            "articles": ARTICLES,
            "assigned": ARTICLES // len(ANNOTATORS),
            "labels": LABELS,
            "join_s": summary(joins["hub"]),
            "join_local_package_s": summary(joins["local"]),
            "join_ratio": ratio(joins["hub"], joins["local"]),
            "sync_1000_s": summary(syncs["hub"]),
            "sync_1000_local_merge_s": summary(syncs["local"]),
            "sync_1000_ratio": ratio(syncs["hub"], syncs["local"]),
        }
        for name in ("join", "sync_1000"):
            ours = results[f"{name}_s"]
            log(
                f"{name}: hub {ours['median']:.3f} s (min {ours['min']:.3f}, max {ours['max']:.3f})"
            )
        print(
            f"join {results['join_s']['median']:.3f} s vs package"
            f" {results['join_local_package_s']['median']:.3f} s (ratio {results['join_ratio']});"
            f" sync of {LABELS} labels {results['sync_1000_s']['median']:.3f} s vs merge"
            f" {results['sync_1000_local_merge_s']['median']:.3f} s"
            f" (ratio {results['sync_1000_ratio']})"
        )
        write_results("hub", results)
    finally:
        server.stop("immediate")
        shutil.rmtree(server.folder, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
