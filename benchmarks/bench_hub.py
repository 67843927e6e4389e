"""The team hub at issue 17's scale against the same work on one local SQLite project.

The fixture (`hub_fixture`, built once and cached under ``data/``): a hub of
1,000,000 short articles (600-1,000 characters) and 50 annotators, each
assigned 2,000 articles they labelled (about 100,000 mentions, 150,000
claims, 100,000 statuses), and the lead's project file with the same content.
``BENCH_HUB_ARTICLES`` picks a smaller hub for a quick check (the annotators'
shares shrink with it; results then go to ``results/hub-<articles>.json``).
Each run starts a copy of the cached cluster (PostgreSQL 15, as the hub tests
start theirs) and works on a copy of the lead's file, so the cache never changes.
Every hub side logs in as its own role with a password from a password file, so
row-level security is in every figure. Merges back up the lead's file first, as
they always do (into a temporary ``XDG_DATA_HOME``).

Every figure is a whole ``annotator`` process (start, imports, work, exit) run
through `measure.peak_rss_mib`, which also gives its peak RSS, except where said.
The sides run in turn, ``BENCH_RUNS`` rounds (default 5) for the cheap ones and
``BENCH_HEAVY_RUNS`` (default 3, at most ``BENCH_RUNS``) for the expensive ones.

``join``
    ``annotator hub join DSN --annotator aN`` (2,000 articles, 50 actors, aN's
    labels) against ``annotator package LEAD --annotator aN`` (a work package).
``sync_1000``
    A laptop copy (joined before) or a work package (written before) gets 1,000
    new claims of its annotator (setup); then ``annotator sync COPY`` against
    ``annotator merge LEAD PACKAGE`` (checks, backup of the lead's file, merge).
``concurrent_50``
    Each of 50 laptop copies, one per annotator, gets 100 new claims (setup).
    50 processes, started and imported first, sync at one signal (in-process
    time of open + `sync` each, p50/p95, and the wall time until the last is
    done; the advisory-lock waiters sampled every 20 ms, errors counted from the
    processes and the server's log) against one ``annotator merge LEAD P1 ...
    P50`` of 50 packages with the same 100 new claims each (merged one after
    another, one backup).
``status``
    ``annotator hub status DSN`` (as the lead) against ``annotator stats LEAD``.
``pull``, ``agreement``, ``export``
    A lead's full copy of the whole hub, ``annotator hub pull DSN -o COPY``;
    then ``annotator agreement`` and ``annotator export`` (JSONL) on the copy
    against the same on the lead's file. The hub's figure for agreement or
    export over the whole hub is the pull plus that (``*_via_pull_s``).

Ratios are the local median / the hub's (above 1: the hub is faster).
``BENCH_HUB_PARTS`` (``join,sync,concurrent,status,whole``) runs some of them
only, keeping the other figures of the results file; ``code`` says which
commit each part measured.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
import hub_fixture  # noqa: E402
from measure import (  # noqa: E402
    _LAUNCHER,
    RESULTS_DIR,
    alternate,
    log,
    peak_rss_mib,
    ratio,
    runs_from_env,
    summary,
    write_results,
)

from annotator.hub.admin import upgrade  # noqa: E402
from annotator.hub.sync import join  # noqa: E402
from annotator.quality.package import write_package  # noqa: E402
from annotator.store.project import Project  # noqa: E402

FULL_ARTICLES = 1_000_000
ARTICLES = int(os.environ.get("BENCH_HUB_ARTICLES", FULL_ARTICLES))
LABELS = 1_000
CONCURRENT = 50
CONCURRENT_LABELS = 100
WORDS = [
    "the", "minister", "said", "on", "monday", "that", "the", "port", "would", "reopen",
    "soon", "officials", "said",
]  # fmt: skip
"""A made-up vocabulary (`bench_hub_pull` takes it)."""

WORKER = """
import json, sys, time
import psycopg
from annotator.hub.sync import exchange, prepare, write_back
from annotator.store.project import Project
sql = {"lock_wait": 0.0, "statements": 0.0, "count": 0}
plain = psycopg.Cursor.execute
def timed(self, query, *args, **kwargs):
    began = time.perf_counter()
    try:
        return plain(self, query, *args, **kwargs)
    finally:
        spent = time.perf_counter() - began
        sql["count"] += 1
        sql["statements"] += spent
        if "pg_advisory_xact_lock(" in str(query):
            sql["lock_wait"] += spent
psycopg.Cursor.execute = timed
print("ready", flush=True)
sys.stdin.readline()
start, cpu = time.perf_counter(), time.process_time()
error, pushed, phases = None, 0, {}
try:
    with Project.open(sys.argv[1]) as project:
        outgoing = prepare(project)
        phases["prepare"] = time.perf_counter() - start
        exchanged = exchange(outgoing)
        phases["exchange"] = time.perf_counter() - start - phases["prepare"]
        pushed = write_back(project, outgoing, exchanged).pushed
    phases["write_back"] = time.perf_counter() - start - phases["prepare"] - phases["exchange"]
except Exception as exc:
    error = f"{type(exc).__name__}: {exc}"
print(json.dumps({"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu,
                  "phases": phases, "sql": sql, "pushed": pushed, "error": error}), flush=True)
"""
"""One laptop of the concurrent syncs: imports, says ready, syncs when told (see the doc).

`annotator.hub.sync.sync` in its three steps, each timed: reading the copy's
changes (``prepare``), the hub's transaction (``exchange``: waiting for the
hub's lock, push, pull) and writing the copy (``write_back``). psycopg's
``Cursor.execute`` is wrapped to add up the time in statements, and in the
one that takes the hub's lock (the wait for it); ``executemany`` and COPY
are not counted."""


def add_claims(path: Path, annotator: str, count: int) -> None:
    """``count`` new claims of ``annotator`` in a copy or package, made as the app makes them."""
    with Project.open(path) as copy:
        articles = copy.assigned_articles(annotator)
        for n in range(count):
            copy.add_claim(articles[n % len(articles)], annotator, 0, 10 + n % 50, stance="support")


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 4)


class Bench:
    def __init__(self, folder: Path, fixture: hub_fixture.Fixture) -> None:
        self.folder = folder
        self.fixture = fixture
        folder.chmod(0o755)  # the server (the postgres user) reaches its copy inside
        self.cluster = hub_fixture.Cluster(fixture, folder / "pg")
        passfile = folder / "pgpass"
        passfile.write_text(f"*:*:*:*:{hub_fixture.PASSWORD}\n", encoding="utf-8")
        os.chmod(passfile, 0o600)
        os.environ["PGPASSFILE"] = str(passfile)
        os.environ["XDG_DATA_HOME"] = str(folder / "xdg")  # merges' backups
        self.env = {**os.environ, "PYTHONPATH": str(HERE.parent)}
        self.lead = folder / "lead.claims"
        began = time.perf_counter()
        shutil.copy(fixture.lead, self.lead)
        self.lead_copy_s = round(time.perf_counter() - began, 1)
        # A fixture an older program built: both copies upgraded first (see hub_fixture).
        with Project.open(self.lead):
            pass
        upgrade(self.cluster.server.dsn(hub_fixture.DATABASE))
        self.rss: dict[str, list[float]] = {}

    def dsn(self, annotator: str) -> str:
        role = hub_fixture.LEAD_ROLE_NAME if annotator == "lead" else hub_fixture.role_of(annotator)
        return self.cluster.dsn(role)

    def cli(self, name: str, *argv: str) -> float:
        """Seconds of a whole ``annotator`` process; its peak RSS is kept under ``name``."""
        start = time.perf_counter()
        rss = peak_rss_mib([sys.executable, "-m", "annotator.cli", *argv], env=self.env)
        seconds = time.perf_counter() - start
        self.rss.setdefault(name, []).append(rss)
        return seconds

    def path(self, name: str) -> Path:
        return self.folder / name

    # -- the comparisons -------------------------------------------------------------------------

    def joins(self, runs: int) -> dict[str, list[float]]:
        def hub(i: int) -> float:
            who = f"a{i + 1}"
            return self.cli("join", "hub", "join", self.dsn(who), "--annotator", who, "-o",
                            str(self.path(f"join{i}.claims")))  # fmt: skip

        def local(i: int) -> float:
            who = f"a{i + 1}"
            return self.cli("package", "package", str(self.lead), "--annotator", who, "-o",
                            str(self.path(f"package{i}.claims")))  # fmt: skip

        return alternate({"hub": hub, "local": local}, runs, "join")

    def syncs(self, runs: int) -> dict[str, list[float]]:
        def hub(i: int) -> float:
            who = f"a{11 + i}"
            path = self.path(f"sync{i}.claims")
            join(self.dsn(who), who, path)
            add_claims(path, who, LABELS)
            return self.cli("sync", "sync", str(path))

        def local(i: int) -> float:
            who = f"a{11 + i}"
            path = self.path(f"merge{i}.claims")
            with Project.open(self.lead) as project:
                write_package(project, who, path)
            add_claims(path, who, LABELS)
            return self.cli("merge", "merge", str(self.lead), str(path))

        return alternate({"hub": hub, "local": local}, runs, "sync 1000")

    def concurrent(self, runs: int) -> dict[str, Any]:
        names = [f"a{n}" for n in range(1, CONCURRENT + 1)]
        copies = [self.path(f"laptop_{who}.claims") for who in names]
        packages = [self.path(f"pack_{who}.claims") for who in names]
        log(f"concurrent: joining {CONCURRENT} copies and writing {CONCURRENT} packages ...")
        for who, copy, package in zip(names, copies, packages, strict=True):
            join(self.dsn(who), who, copy)
            with Project.open(self.lead) as project:
                write_package(project, who, package)
        rounds: list[dict[str, Any]] = []

        def hub(i: int) -> float:
            for who, copy in zip(names, copies, strict=True):
                add_claims(copy, who, CONCURRENT_LABELS)
            found = self._concurrent_syncs(copies)
            rounds.append(found)
            return float(found["wall_s"])

        def local(i: int) -> float:
            for who, package in zip(names, packages, strict=True):
                add_claims(package, who, CONCURRENT_LABELS)
            return self.cli("merge_50", "merge", str(self.lead), *map(str, packages))

        sides = alternate({"hub": hub, "local": local}, runs, "concurrent 50")
        per_sync = [s for r in rounds for s in r["per_sync_s"]]
        return {
            "syncs": CONCURRENT,
            "labels_each": CONCURRENT_LABELS,
            "wall_s": summary(sides["hub"]),
            "local_50_merges_s": summary(sides["local"]),
            "ratio": ratio(sides["hub"], sides["local"]),
            "per_sync_p50_s": percentile(per_sync, 0.5),
            "per_sync_p95_s": percentile(per_sync, 0.95),
            "per_sync_max_s": round(max(per_sync), 4),
            "per_sync_cpu_median_s": round(
                statistics.median(x for r in rounds for x in r["cpu_s"]), 4
            ),
            "lock_wait_median_s": round(
                statistics.median(x for r in rounds for x in r["lock_wait_s"]), 4
            ),
            "exchange_minus_lock_wait_median_s": round(
                statistics.median(
                    e - w
                    for r in rounds
                    for e, w in zip(r["phases_s"]["exchange"], r["lock_wait_s"], strict=True)
                ),
                4,
            ),
            "phase_medians_s": {
                phase: round(statistics.median(x for r in rounds for x in r["phases_s"][phase]), 4)
                for phase in ("prepare", "exchange", "write_back")
            },
            "errors": sum(r["errors"] for r in rounds),
            "error_messages": sorted({m for r in rounds for m in r["error_messages"]})[:5],
            "server_log_errors": sum(r["server_log_errors"] for r in rounds),
            "lock_waiters_max": max(r["lock_waiters_max"] for r in rounds),
            "lock_waiters_mean": round(statistics.mean(r["lock_waiters_mean"] for r in rounds), 1),
            "sync_peak_rss_mib": summary([x for r in rounds for x in r["rss_mib"]]),
            "rounds": rounds,
        }

    def _concurrent_syncs(self, copies: list[Path]) -> dict[str, Any]:
        log_file = self.cluster.server.folder / "server.log"
        log_before = log_file.read_text(errors="replace").count("ERROR:")
        workers = [
            subprocess.Popen(
                [sys.executable, "-S", "-c", _LAUNCHER, sys.executable, "-c", WORKER, str(c)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=self.env,
            )
            for c in copies
        ]
        for worker in workers:
            assert worker.stdout is not None
            line = worker.stdout.readline()
            if line.strip() != "ready":
                raise RuntimeError(f"a sync worker did not start: {line} {worker.stderr}")
        waiters: list[int] = []
        stop = threading.Event()

        def sample() -> None:
            with self.cluster.server.admin(hub_fixture.DATABASE) as admin:
                while not stop.is_set():
                    (count,) = admin.execute(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                    ).fetchone()
                    waiters.append(int(count))
                    time.sleep(0.02)

        sampler = threading.Thread(target=sample)
        sampler.start()
        time.sleep(0.2)
        start = time.perf_counter()
        for worker in workers:
            assert worker.stdin is not None
            worker.stdin.write("go\n")
            worker.stdin.flush()
        outputs = [worker.communicate() for worker in workers]
        wall = time.perf_counter() - start
        stop.set()
        sampler.join()
        results, rss, messages = [], [], []
        for worker, (out, err) in zip(workers, outputs, strict=True):
            lines = out.strip().splitlines()
            if worker.returncode != 0 or len(lines) < 2:
                messages.append(f"exit {worker.returncode}: {err.strip()[-300:]}")
                continue
            result = json.loads(lines[-2])
            rss.append(round(int(lines[-1]) / 1024, 1))
            results.append(result)
            if result["error"]:
                messages.append(result["error"])
        log_after = log_file.read_text(errors="replace").count("ERROR:")
        return {
            "wall_s": round(wall, 4),
            "per_sync_s": [round(r["seconds"], 4) for r in results],
            "cpu_s": [round(r["cpu"], 4) for r in results],
            "phases_s": {
                phase: [round(r["phases"].get(phase, 0), 4) for r in results]
                for phase in ("prepare", "exchange", "write_back")
            },
            "lock_wait_s": [round(r["sql"]["lock_wait"], 4) for r in results],
            "statements_s": [round(r["sql"]["statements"], 4) for r in results],
            "statement_count": [r["sql"]["count"] for r in results],
            "pushed": sum(r["pushed"] for r in results),
            "errors": len(messages),
            "error_messages": messages,
            "server_log_errors": log_after - log_before,
            "lock_waiters_max": max(waiters, default=0),
            "lock_waiters_mean": round(statistics.mean(waiters), 1) if waiters else 0,
            "rss_mib": rss,
        }

    def status(self, runs: int) -> dict[str, list[float]]:
        return alternate(
            {
                "hub": lambda i: self.cli("status", "hub", "status", self.dsn("lead")),
                "local": lambda i: self.cli("stats", "stats", str(self.lead)),
            },
            runs,
            "status",
        )

    def whole(self, runs: int) -> dict[str, list[float]]:
        """Pull, agreement and export, in turn, each round on a new full copy."""
        samples: dict[str, list[float]] = {
            k: []
            for k in ("pull", "agreement_hub", "agreement_local", "export_hub", "export_local")
        }
        for i in range(runs):
            copy = self.path(f"full{i}.claims")
            log(f"whole hub: pull (round {i + 1} of {runs}) ...")
            samples["pull"].append(
                self.cli("pull", "hub", "pull", self.dsn("lead"), "-o", str(copy))
            )
            for side, source in (("hub", copy), ("local", self.lead)):
                log(f"whole hub: agreement, {side} (round {i + 1} of {runs}) ...")
                samples[f"agreement_{side}"].append(
                    self.cli(f"agreement_{side}", "agreement", str(source))
                )
            for side, source in (("hub", copy), ("local", self.lead)):
                log(f"whole hub: export, {side} (round {i + 1} of {runs}) ...")
                out = self.path(f"export_{side}{i}.jsonl")
                samples[f"export_{side}"].append(
                    self.cli(f"export_{side}", "export", str(source), "-o", str(out))
                )
                out.unlink()
            for leftover in self.folder.glob(f"full{i}.claims*"):
                leftover.unlink()
        return samples

    def close(self) -> None:
        self.cluster.close()


def commit() -> str:
    """The commit of the code measured (``COMMIT`` beside ``benchmarks/`` in an exported tree)."""
    exported = HERE.parent / "COMMIT"
    if exported.exists():
        return exported.read_text(encoding="utf-8").strip()
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True, text=True
    )
    dirty = subprocess.run(["git", "status", "--porcelain", "annotator"], cwd=HERE,
                           capture_output=True, text=True).stdout.strip()  # fmt: skip
    return done.stdout.strip() + ("+uncommitted" if dirty else "") if done.returncode == 0 else "?"


PARTS = ("join", "sync", "concurrent", "status", "whole")
"""The comparisons, in the order they run; ``BENCH_HUB_PARTS`` (comma-separated) picks some."""


def measure_parts(bench: Bench, parts: list[str], runs: int, heavy: int) -> dict[str, Any]:
    """The results of the comparisons in ``parts``."""
    results: dict[str, Any] = {}
    if "join" in parts:
        joins = bench.joins(runs)
        results["join_s"] = summary(joins["hub"])
        results["join_local_package_s"] = summary(joins["local"])
        results["join_ratio"] = ratio(joins["hub"], joins["local"])
    if "sync" in parts:
        syncs = bench.syncs(runs)
        results["sync_1000_s"] = summary(syncs["hub"])
        results["sync_1000_local_merge_s"] = summary(syncs["local"])
        results["sync_1000_ratio"] = ratio(syncs["hub"], syncs["local"])
    if "concurrent" in parts:
        results["concurrent_50"] = bench.concurrent(heavy)
    if "status" in parts:
        status = bench.status(runs)
        results["status_s"] = summary(status["hub"])
        results["status_local_stats_s"] = summary(status["local"])
        results["status_ratio"] = ratio(status["hub"], status["local"])
    if "whole" in parts:
        whole = bench.whole(heavy)
        via_agreement = [p + a for p, a in zip(whole["pull"], whole["agreement_hub"], strict=True)]
        via_export = [p + e for p, e in zip(whole["pull"], whole["export_hub"], strict=True)]
        results |= {
            "pull_s": summary(whole["pull"]),
            "agreement_on_copy_s": summary(whole["agreement_hub"]),
            "agreement_local_s": summary(whole["agreement_local"]),
            "agreement_via_pull_s": summary(via_agreement),
            "agreement_ratio": ratio(via_agreement, whole["agreement_local"]),
            "export_on_copy_s": summary(whole["export_hub"]),
            "export_local_s": summary(whole["export_local"]),
            "export_via_pull_s": summary(via_export),
            "export_ratio": ratio(via_export, whole["export_local"]),
        }
    return results


def report(results: dict[str, Any]) -> None:
    """Print the table of what ``results`` holds."""
    lines = [
        ("join", "join_s", "join_local_package_s", "join_ratio"),
        ("sync 1,000 labels", "sync_1000_s", "sync_1000_local_merge_s", "sync_1000_ratio"),
        ("hub status / stats", "status_s", "status_local_stats_s", "status_ratio"),
        ("agreement (pull + on copy)", "agreement_via_pull_s", "agreement_local_s",
         "agreement_ratio"),
        ("export (pull + on copy)", "export_via_pull_s", "export_local_s", "export_ratio"),
    ]  # fmt: skip
    print(f"hub of {ARTICLES} articles, {hub_fixture.ANNOTATORS} annotators (medians, s)")
    for label, ours, theirs, r in lines:
        if ours in results:
            print(
                f"{label:28} hub {results[ours]['median']:9.3f}  local"
                f" {results[theirs]['median']:9.3f}  ratio {results[r]}"
            )
    c = results.get("concurrent_50")
    if c:
        print(
            f"{CONCURRENT} concurrent syncs: {c['wall_s']['median']:.2f} s (p50"
            f" {c['per_sync_p50_s']} s, p95 {c['per_sync_p95_s']} s, {c['errors']} errors);"
            f" one merge of {CONCURRENT} packages {c['local_50_merges_s']['median']:.2f} s"
        )
    if "pull_s" in results:
        print(f"pull of the whole hub {results['pull_s']['median']:.2f} s")
    rss = results.get("peak_rss_mib", {})
    print("peak RSS (MiB): " + ", ".join(f"{k} {v['median']}" for k, v in rss.items()))


def main() -> None:
    runs = runs_from_env()
    heavy = max(1, min(runs, int(os.environ.get("BENCH_HEAVY_RUNS", 3))))
    chosen = os.environ.get("BENCH_HUB_PARTS")
    parts = [p for p in PARTS if chosen is None or p in chosen.split(",")]
    name = "hub" if ARTICLES == FULL_ARTICLES else f"hub-{ARTICLES}"
    results: dict[str, Any] = {}
    earlier = RESULTS_DIR / f"{name}.json"
    if chosen and earlier.exists():  # some parts again: the others' figures stay
        results = json.loads(earlier.read_text(encoding="utf-8"))
    fixture = hub_fixture.ensure(ARTICLES)
    info = fixture.info()
    folder = Path(tempfile.mkdtemp(prefix="bench-hub-", dir=os.environ.get("BENCH_HUB_TMP")))
    bench = Bench(folder, fixture)
    try:
        log(f"cluster copied in {bench.cluster.copy_s} s, lead file in {bench.lead_copy_s} s")
        results |= {
            "articles": ARTICLES,
            "annotators": hub_fixture.ANNOTATORS,
            "assigned": hub_fixture.assigned_per_annotator(ARTICLES),
            "labels": LABELS,
            "fixture": {
                k: info.get(k)
                for k in (
                    "counts",
                    "build_s",
                    "lead_build_s",
                    "hub_init_s",
                    "roles_vacuum_s",
                    "lead_file_bytes",
                    "cluster_bytes",
                    "hub_database_bytes",
                    "hub_table_bytes",
                )
            },
            "cluster_copy_s": bench.cluster.copy_s,
        }
        results |= measure_parts(bench, parts, runs, heavy)
        results["code"] = {**results.get("code", {}), **dict.fromkeys(parts, commit())}
        results["peak_rss_mib"] = {
            **results.get("peak_rss_mib", {}),
            **{k: summary(v) for k, v in bench.rss.items()},
        }
        results.pop("date", None)
        results.pop("python", None)
        report(results)
        write_results(name, results)
    finally:
        bench.close()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
