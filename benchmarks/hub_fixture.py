"""The team hub of issue 17's scale for `bench_hub`, built once and cached under ``data/``.

A lead's project of `articles` short articles (600-1,000 characters of
English-like words in sentences, a title, a story, a date) and 50 actors,
assigned to 50 annotators (``a1`` ... ``a50``), each given `assigned`
articles (2,000 at 1,000,000 articles); neighbours share a tenth of theirs
(``a1`` and ``a2`` the last 200 of ``a1``'s, ...) so agreement has articles to
compare. The labelled articles are spread over the whole project. Each
annotator labelled each of their articles: one mention of an actor, one or two
claims by it (a stance, a category; the two annotators of a shared article
mostly chose the same words) and a status (``done`` for 85%, else
``in_progress``). At 1,000,000 articles that is 100,000 assignments, 100,000
mentions, about 150,000 claims and 100,000 statuses.

The fixture is a folder ``hub-<articles>a-v<FIXTURE_VERSION>`` holding:

- ``lead.claims``: the project file (written with `BulkWriter` in one
  transaction, then the assignments);
- ``cluster/``: a PostgreSQL data folder whose database ``hub`` holds that
  project published by ``hub init`` (`annotator.hub.admin.init`, rows sent
  with COPY), a lead role ``bench_lead`` and an annotator role ``ann_a<n>``
  for each annotator, all with the password ``pw``; vacuumed and analysed,
  stopped cleanly;
- ``fixture.json``: build times and sizes.

It is built in a ``.partial`` folder and renamed when complete; a change to
what it holds bumps `FIXTURE_VERSION`. A newer program reads it as a lead's
file and a hub made by an older one: `bench_hub` upgrades its copies of both
(the project file when first opened, the hub with ``hub upgrade``), so a
migration does not rebuild it. `bench_hub` runs on a copy of the cluster
(`Cluster`), so its syncs never change the cached one.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
from corpus import _COMMON, DATA_DIR  # noqa: E402
from measure import log  # noqa: E402

from annotator.core.model import Actor, Article, Claim, Mention, Status  # noqa: E402
from annotator.hub.admin import grant, init  # noqa: E402
from annotator.hub.schema import HUB_VERSION  # noqa: E402
from annotator.store.bulk import BulkWriter  # noqa: E402
from annotator.store.migrations import SCHEMA_VERSION  # noqa: E402
from annotator.store.project import Project  # noqa: E402
from tests.hub.conftest import Server, _free_port, _start_server  # noqa: E402

FIXTURE_VERSION = 1
"""Bump when what the fixture holds changes (the cached folder's name carries it)."""
ANNOTATORS = 50
PASSWORD = "pw"
LEAD_ROLE_NAME = "bench_lead"
DATABASE = "hub"
SEED = 17


def role_of(annotator: str) -> str:
    """The PostgreSQL role an annotator logs in as."""
    return f"ann_{annotator}"


def assigned_per_annotator(articles: int) -> int:
    """Articles each annotator is given: 2,000 at 1,000,000 articles, fewer in a smaller hub."""
    return max(10, min(2_000, articles // 500))


def plan(articles: int) -> dict[int, list[int]]:
    """Article number -> the annotators (0-based) it is assigned to (see the module doc)."""
    per = assigned_per_annotator(articles)
    shared = per // 10
    step = per - shared
    unique = step * ANNOTATORS + shared
    spread = max(1, articles // unique)
    given: dict[int, list[int]] = {}
    for who in range(ANNOTATORS):
        for index in range(who * step, who * step + per):
            given.setdefault(index * spread, []).append(who)
    return given


def _text(rng: random.Random) -> str:
    words = rng.choices(_COMMON, k=rng.randint(95, 150))
    sentences = [" ".join(words[i : i + 14]) for i in range(0, len(words), 14)]
    return ". ".join(s[:1].upper() + s[1:] for s in sentences) + "."


def _word_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for word in text.split(" "):
        spans.append((start, start + len(word.rstrip("."))))
        start += len(word) + 1
    return spans


@dataclass(frozen=True)
class Fixture:
    """A built fixture: its folder, the lead's project and the cluster's data folder."""

    folder: Path
    articles: int

    @property
    def lead(self) -> Path:
        return self.folder / "lead.claims"

    @property
    def cluster(self) -> Path:
        return self.folder / "cluster"

    def info(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.folder / "fixture.json").read_text())
        return data


def fixture_path(articles: int) -> Path:
    return DATA_DIR / f"hub-{articles}a-v{FIXTURE_VERSION}"


def _labels(
    writer: BulkWriter, article_id: str, text: str, who: list[int], number: int
) -> tuple[int, int]:
    """The labels of each annotator of one article; (mentions, claims) written."""
    spans = _word_spans(text)
    chooser = random.Random(number)  # the same words for both annotators, mostly
    mention_word = chooser.randrange(0, min(8, len(spans)))
    claim_starts = [chooser.randrange(10, len(spans) - 12) for _ in range(chooser.choice((1, 2)))]
    stance = chooser.choice(("support", "oppose", "neutral"))
    category = chooser.choice(("assertion", "prediction", "evaluation", "demand"))
    actor = f"actor{chooser.randrange(50):02d}"
    mentions = claims = 0
    for person in who:
        annotator = f"a{person + 1}"
        rng = random.Random(number * 100 + person)
        start, end = spans[mention_word]
        mention_id = f"m{number:07d}{annotator}"
        writer.put_mention(Mention(mention_id, article_id, annotator, start, end, actor))
        mentions += 1
        for index, first in enumerate(claim_starts):
            first += rng.choice((0, 0, 0, 1))
            last = first + 8 + rng.choice((0, 0, 0, 1))
            writer.put_claim(
                Claim(
                    f"c{number:07d}{annotator}{index}",
                    article_id,
                    annotator,
                    spans[first][0],
                    spans[last][1],
                    claimant=actor,
                    stance=stance if rng.random() > 0.15 else "neutral",
                    category=category,
                )
            )
            claims += 1
        state = "done" if rng.random() < 0.85 else "in_progress"
        writer.put_status(Status(article_id, annotator, state))
    return mentions, claims


def make_lead(path: Path, articles: int) -> dict[str, int]:
    """The lead's project (see the module doc); counts of what it holds."""
    rng = random.Random(SEED)
    given = plan(articles)
    counts = {"articles": articles, "mentions": 0, "claims": 0, "text_bytes": 0}
    pairs: list[tuple[str, str]] = []
    with Project.create(path) as project, BulkWriter(project, input_bytes=articles * 900) as w:
        for n in range(50):
            w.put_actor(Actor(f"actor{n:02d}", f"Actor {n}", "state", (f"A{n}",)), "lead")
        for n in range(articles):
            text = _text(rng)
            article_id = f"art{n:07d}"
            counts["text_bytes"] += len(text)
            w.add_article(
                Article(
                    id=article_id,
                    text=text,
                    title=f"Report {n}",
                    story=f"s{n // 5}",
                    published=f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}",
                    language="en",
                )
            )
            who = given.get(n)
            if who:
                m, c = _labels(w, article_id, text, who, n)
                counts["mentions"] += m
                counts["claims"] += c
                pairs.extend((article_id, f"a{p + 1}") for p in who)
            if n and n % 100_000 == 0:
                log(f"  {n} articles written")
    with Project.open(path) as project:
        counts["assignments"] = project.set_assignments(pairs)
    return counts


def _du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _own(path: Path) -> None:
    """Let the postgres user (initdb, the server) reach ``path`` when we are root."""
    if os.geteuid() == 0:
        shutil.chown(path, "postgres", "postgres")
    path.chmod(0o755)


def build(articles: int) -> Fixture:
    """Build the fixture of ``articles`` articles (see the module doc); about 3 minutes at 1,000,000."""
    final = fixture_path(articles)
    partial = final.with_name(final.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    info: dict[str, Any] = {
        "articles": articles,
        "fixture_version": FIXTURE_VERSION,
        "file_version": SCHEMA_VERSION,
        "hub_version": HUB_VERSION,
    }
    log(f"building the hub fixture of {articles} articles in {final} (once) ...")
    start = time.perf_counter()
    info["counts"] = make_lead(partial / "lead.claims", articles)
    info["lead_build_s"] = round(time.perf_counter() - start, 1)
    log(f"  lead project in {info['lead_build_s']} s")
    server = _start_server()  # in /tmp; its data folder is moved into the fixture at the end
    try:
        with server.admin() as admin:
            admin.execute(f'CREATE DATABASE "{DATABASE}"')
        begun = time.perf_counter()
        with Project.open(partial / "lead.claims", read_only=True) as project:
            published = init(server.dsn(DATABASE), project)
        info["hub_init_s"] = round(time.perf_counter() - begun, 1)
        info["published"] = published.rows
        log(f"  hub init (COPY) in {info['hub_init_s']} s")
        begun = time.perf_counter()
        dsn = server.dsn(DATABASE)
        grant(dsn, LEAD_ROLE_NAME, "lead", lead=True)
        for n in range(1, ANNOTATORS + 1):
            grant(dsn, role_of(f"a{n}"), f"a{n}")
        with server.admin() as admin:
            for role in [LEAD_ROLE_NAME, *(role_of(f"a{n}") for n in range(1, ANNOTATORS + 1))]:
                admin.execute(f"ALTER ROLE \"{role}\" PASSWORD '{PASSWORD}'")
        with server.admin(DATABASE) as admin:
            admin.execute("VACUUM (ANALYZE)")
            (size,) = admin.execute("SELECT pg_database_size(current_database())").fetchone()
            tables = admin.execute(
                "SELECT relname, pg_total_relation_size(oid) FROM pg_class"
                " WHERE relnamespace = 'claim_hub'::regnamespace AND relkind = 'r'"
                " ORDER BY 2 DESC"
            ).fetchall()
        info["roles_vacuum_s"] = round(time.perf_counter() - begun, 1)
        info["hub_database_bytes"] = int(size)
        info["hub_table_bytes"] = {name: int(b) for name, b in tables}
    finally:
        server.stop("fast")
    subprocess.run(["mv", str(server.data), str(partial / "cluster")], check=True)
    shutil.rmtree(server.folder, ignore_errors=True)
    info["build_s"] = round(time.perf_counter() - start, 1)
    info["lead_file_bytes"] = (partial / "lead.claims").stat().st_size
    info["cluster_bytes"] = _du(partial / "cluster")
    (partial / "fixture.json").write_text(json.dumps(info, indent=2), encoding="utf-8")
    partial.rename(final)
    log(
        f"  fixture built in {info['build_s']} s: lead file"
        f" {info['lead_file_bytes'] / 2**30:.2f} GiB, cluster {info['cluster_bytes'] / 2**30:.2f} GiB"
    )
    return Fixture(final, articles)


def ensure(articles: int) -> Fixture:
    """The cached fixture of ``articles`` articles, built if missing."""
    final = fixture_path(articles)
    if (final / "fixture.json").exists():
        return Fixture(final, articles)
    return build(articles)


class Cluster:
    """A running copy of a fixture's cluster in a temporary folder (stopped and removed by `close`)."""

    def __init__(self, fixture: Fixture, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        _own(folder)
        (folder / "sockets").mkdir()
        _own(folder / "sockets")
        began = time.perf_counter()
        subprocess.run(["cp", "-a", str(fixture.cluster), str(folder / "data")], check=True)
        self.copy_s = round(time.perf_counter() - began, 1)
        from tests.hub.conftest import server_binaries

        binaries = server_binaries()
        if binaries is None:
            raise RuntimeError("no PostgreSQL server binaries")
        self.server = Server(folder, binaries, _free_port())
        self.server.start()

    def dsn(self, role: str) -> str:
        return self.server.dsn(DATABASE, user=role)

    def close(self) -> None:
        self.server.stop("immediate")
        shutil.rmtree(self.server.folder, ignore_errors=True)


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    print(ensure(count).info())
