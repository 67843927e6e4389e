"""A lead's full copy of the hub (``annotator hub pull``): time and peak memory at two sizes.

Two lead projects, of `SIZES` articles (5 KB of text each, a claim on a fourth,
50 actors, assigned to 5 annotators), are published to hubs of a throwaway
PostgreSQL cluster (as in the hub tests); a lead role logs in with a password
from a password file, so row-level security is in every figure.

``pull``: whole processes, sides in turn (ABAB), ``BENCH_RUNS`` rounds:

- ours: ``annotator hub pull DSN -o COPY`` (server-side cursors, batches of
  2,000 rows, written to a new project file);
- baseline: ``annotator export LEAD --format jsonl -o FILE``, the same rows
  read from the lead's local file and written out: what a lead with the
  project on their own disk does to get all of it.

``peak_rss``: the pull's peak resident memory at both sizes, as it is and
with the writer's SQLite page cache at 2 MiB instead of its 128 MiB
(`annotator.store.bulk.CACHE_KIB`): the rows stream, so what grows with the
hub is that cache alone, up to its size (the article text is given).

Writes ``results/hub_pull.json``.
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
from bench_hub import WORDS  # noqa: E402  (the same made-up vocabulary)
from measure import (  # noqa: E402
    alternate,
    log,
    peak_rss_mib,
    process_seconds,
    ratio,
    runs_from_env,
    summary,
    write_results,
)

from annotator.core.model import Article  # noqa: E402
from annotator.hub.admin import grant, init  # noqa: E402
from annotator.quality.assign import assign_articles  # noqa: E402
from annotator.store.project import Project  # noqa: E402
from tests.hub.conftest import _start_server  # noqa: E402

SMALL_CACHE_KIB = 2048
"""The writer's SQLite page cache in the second memory figure (the app's is `CACHE_KIB`)."""
SIZES = (4_000, 16_000)
TEXT_BYTES = 5_000
"""Articles of each hub, and the text of one (a claim on every fourth article)."""


def make_lead(path: Path, articles: int) -> int:
    """The lead's project; the bytes of article text in it."""
    rng = random.Random(7)
    total = 0
    with Project.create(path) as project:
        batch = []
        for n in range(articles):
            text = " ".join(rng.choice(WORDS) for _ in range(TEXT_BYTES // 6))[:TEXT_BYTES]
            total += len(text)
            batch.append(Article(id=f"art{n:06d}", text=text, story=f"s{n // 5}"))
            if len(batch) == 2_000:
                project.add_articles(batch)
                batch = []
        if batch:
            project.add_articles(batch)
        for n in range(50):
            project.add_actor(f"Actor {n}", "lead", "state")
        names = [f"a{n}" for n in range(1, 6)]
        assign_articles(project, names, overlap=0.0, by="article", seed=1)
        for n in range(0, articles, 4):  # a claim on every fourth article
            project.add_claim(f"art{n:06d}", names[n % 5], 0, 12, stance="support")
    return total


def main() -> None:
    runs = runs_from_env()
    folder = Path(tempfile.mkdtemp(prefix="bench-hub-pull-"))
    server = _start_server()
    python = sys.executable
    env = {**os.environ, "PYTHONPATH": str(HERE.parent)}
    try:
        passfile = folder / "pgpass"
        passfile.write_text("", encoding="utf-8")
        os.chmod(passfile, 0o600)
        env["PGPASSFILE"] = str(passfile)
        results: dict[str, Any] = {"text_bytes_per_article": TEXT_BYTES}
        for size in SIZES:
            lead = folder / f"lead{size}.claims"
            text = make_lead(lead, size)
            db, role = f"pull_{size}", f"bench_lead_{size}"
            with server.admin() as admin:
                admin.execute(f'CREATE DATABASE "{db}"')
                admin.execute(f'DROP ROLE IF EXISTS "{role}"')
            with Project.open(lead, read_only=True) as project:
                init(server.dsn(db), project)
            grant(server.dsn(db), role, "lead", lead=True)
            with server.admin() as admin:
                admin.execute(f"ALTER ROLE \"{role}\" PASSWORD 'pw'")
            with passfile.open("a", encoding="utf-8") as out:
                out.write(f"*:{server.port}:{db}:{role}:pw\n")
            dsn = server.dsn(db, user=role)

            def pull(index: int, dsn: str = dsn, size: int = size) -> float:
                target = folder / f"copy{size}_{index}.claims"
                argv = [python, "-m", "annotator.cli", "hub", "pull", dsn, "-o", str(target)]
                return process_seconds(argv, env=env)

            def export(index: int, lead: Path = lead, size: int = size) -> float:
                target = folder / f"export{size}_{index}.jsonl"
                argv = [python, "-m", "annotator.cli", "export", str(lead), "-o", str(target)]
                return process_seconds(argv, env=env)

            sides = alternate({"pull": pull, "export": export}, runs, f"pull {size}")
            rss = [
                peak_rss_mib(
                    [
                        python,
                        "-m",
                        "annotator.cli",
                        "hub",
                        "pull",
                        dsn,
                        "-o",
                        str(folder / f"rss{size}_{n}"),
                    ],
                    env=env,
                )
                for n in range(3)
            ]
            small_cache = (
                "import sys\nimport annotator.store.bulk as bulk\n"
                f"bulk.CACHE_KIB = {SMALL_CACHE_KIB}\n"
                "from annotator.cli import cli\ncli(sys.argv[1:])"
            )
            flat = [
                peak_rss_mib(
                    [
                        python,
                        "-c",
                        small_cache,
                        "hub",
                        "pull",
                        dsn,
                        "-o",
                        str(folder / f"s{size}_{n}"),
                    ],
                    env=env,
                )
                for n in range(3)
            ]
            results[str(size)] = {
                "articles": size,
                "text_mib": round(text / 2**20, 1),
                "pull_s": summary(sides["pull"]),
                "export_local_s": summary(sides["export"]),
                "ratio": ratio(sides["pull"], sides["export"]),
                "pull_peak_rss_mib": summary(rss),
                "pull_peak_rss_2mib_cache_mib": summary(flat),
            }
            log(
                f"{size} articles ({text / 2**20:.0f} MiB of text): pull"
                f" {summary(sides['pull'])['median']:.2f} s, local export"
                f" {summary(sides['export'])['median']:.2f} s, pull peak RSS"
                f" {summary(rss)['median']:.0f} MiB"
            )
            for leftover in folder.glob(f"*{size}_*"):
                leftover.unlink()
        write_results("hub_pull", results)
        print(results)
    finally:
        server.stop("immediate")
        shutil.rmtree(server.folder, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
