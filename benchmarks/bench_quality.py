"""Merge and agreement speed, with realistic labels, against raw SQLite and across sizes.

``merge_ratio``
    A lead's project of 10,000 corpus articles (see `corpus.py`: about 5 KB of
    text each) with the corpus' actor registry is assigned by story to 10
    annotators; a work package is made for each with `write_package`, and in
    each package its annotator labels their 1,000 articles through the
    project's own actions, as the app does (every mention, claim with fields,
    attribution, source and cue of the corpus line, a status, a link between
    claims of one story, now and then an actor of their own; about 23 labels
    per article). Measured on fresh copies of the same lead file, in turn:

    - ours: open the lead, `merge_packages` of the 10 packages (checks, backup
      before the merge, the three-way decision, fingerprints, records, commit), close;
    - baseline: open the same file with the project's pragmas, ``ATTACH`` each
      package and copy its rows (actors, aliases, mentions, claims, statuses,
      links) with ``INSERT OR IGNORE … SELECT *``, commit per package, close.

    ``merge_ratio`` is baseline seconds / our seconds (medians); the same as
    whole processes (``annotator merge`` against a Python process running the
    baseline) is ``merge_ratio_process``. Our merge sets a 128 MiB page cache;
    ``merge_ratio_same_cache`` is against the raw copy with that cache too.
    Before timing, one merge and one copy are checked to leave the same label
    rows (``merge_rows_after``).

``agreement_100k_s``
    Projects of 25,000, 50,000 and 100,000 corpus articles, each labelled by
    ``ana`` (the corpus labels) and ``ben`` (the same, with the disagreement of
    a second annotator: claims missed and added, spans moved, fields chosen
    otherwise; see `_second_annotator`), imported from native JSONL.
    `project_agreement` is timed on each, in turn (from the open project to
    the report); seconds per 1,000 articles at each size show whether it is
    linear (``agreement_linearity``: that of the largest over the smallest).
    ``annotator agreement --json`` on the largest, as a whole process, is
    ``agreement_100k_process_s``.

Beside the seconds on the clock, the CPU seconds of the in-process runs
(``merge_cpu_s``, ``merge_ratio_cpu``, ``agreement_cpu_s``): on a machine
shared with other work the clock also counts the time others had the CPUs.

The data are built once and kept in ``benchmarks/data/`` (git-ignored) under
names holding their parameters. ``BENCH_RUNS`` sets the rounds (default 5);
``BENCH_ARTICLES`` below 20,000 (``run.py --quick``) shrinks every size by ten.
Writes ``results/quality.json``.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import orjson

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from corpus import DATA_DIR, CorpusSpec, Generator, ensure_corpus  # noqa: E402
from measure import (  # noqa: E402
    alternate,
    log,
    process_seconds,
    ratio,
    runs_from_env,
    summary,
    write_results,
)

from annotator.core.model import Attribution  # noqa: E402
from annotator.core.spans import Span  # noqa: E402
from annotator.io.importer import import_files  # noqa: E402
from annotator.quality.agreement import project_agreement  # noqa: E402
from annotator.quality.assign import assign_articles  # noqa: E402
from annotator.quality.merge import merge_packages  # noqa: E402
from annotator.quality.package import write_package  # noqa: E402
from annotator.store import database  # noqa: E402
from annotator.store.events import PRIMARY_KEYS  # noqa: E402
from annotator.store.merging import MERGE_CACHE_MIB  # noqa: E402
from annotator.store.migrations import SCHEMA_VERSION  # noqa: E402
from annotator.store.project import Project  # noqa: E402

FIXTURE_VERSION = 1  # bump when what the builders make changes (file versions count too)
PACKAGES = 10
PER_PACKAGE = 1_000
AGREEMENT_SIZES = (25_000, 50_000, 100_000)
TARGET_MERGE_RATIO = 0.5
TARGET_AGREEMENT_S = 20.0
ANNOTATOR = [sys.executable, "-m", "annotator.cli"]
"""The ``annotator`` command, as a user runs it (its entry point)."""
COPIED = ("actors", "actor_aliases", "mentions", "claims", "statuses", "claim_links")
"""Tables the raw baseline copies from each package, parents first."""


def quick() -> bool:
    """True for a quick run (``BENCH_ARTICLES`` under 20,000): every size divided by ten."""
    return int(os.environ.get("BENCH_ARTICLES", "20000")) < 20_000


def corpus_lines(count: int) -> Iterator[dict[str, Any]]:
    """The first ``count`` lines of the corpus, decoded (the smallest stored one that has them)."""
    spec = CorpusSpec(articles=20_000 if count <= 20_000 else 100_000)
    if count > spec.articles:
        raise ValueError(f"no corpus of {count} articles")
    with open(ensure_corpus(spec), "rb") as lines:
        for number, line in enumerate(lines):
            if number == count:
                return
            yield orjson.loads(line)


def _fast_writes(project: Project) -> None:
    """Building data only: commits need not reach the disk before the next one."""
    project.conn.execute("PRAGMA synchronous = OFF")


# -- the merge fixture ------------------------------------------------------------------------


def _label_article(
    package: Project, who: str, line: dict[str, Any], actors: dict[str, str], rng: random.Random
) -> list[str]:
    """Label one article in a package as its annotator would; the ids of the claims made."""
    (entry,) = line["annotations"]
    article = line["id"]
    mention_ids: dict[str, str] = {}
    for m in entry["mentions"]:
        made = package.add_mention(article, who, m["start"], m["end"], actors[m["actor"]])
        mention_ids[m["id"]] = made.id
    claims = []
    for c in entry["claims"]:
        att = c["attribution"]
        cue = att["cue"]
        attribution = Attribution(
            attribution_type=att["attribution_type"],
            source_mention=mention_ids.get(att["source_mention"] or ""),
            source_text=att["source_text"],
            source_kind=att["source_kind"],
            cue=None if cue is None else Span(cue["start"], cue["end"]),
        )
        claim = package.add_claim(
            article,
            who,
            c["start"],
            c["end"],
            claimant=actors.get(c["claimant"] or ""),
            addressee=actors.get(c["addressee"] or ""),
            target=actors.get(c["target"] or ""),
            stance=c["stance"],
            category=c["category"],
            certainty=c["certainty"],
            checkworthy=c["checkworthy"],
            attribution=attribution,
            note=c["note"],
        )
        claims.append(claim.id)
    if rng.random() < 0.2 and claims:  # a second look: one field changed
        package.update_claim(claims[0], stance=rng.choice(["support", "oppose", "neutral"]))
    package.set_status(article, who, "done" if rng.random() < 0.9 else "in_progress")
    return claims


def _label_package(path: Path, who: str, lines: dict[str, dict[str, Any]], seed: int) -> None:
    """The annotator opens the package and labels every article in it."""
    rng = random.Random(seed)
    with Project.open(path, user=who) as package:
        _fast_writes(package)
        by_name = {a.name: a.id for a, _, _ in package.actor_usage()}
        registry = Generator(CorpusSpec()).registry
        actors = {a.id: by_name[a.name] for a in registry}
        story_claims: dict[str, list[str]] = {}
        for number, article in enumerate(package.assigned_articles(who)):
            line = lines[article]
            claims = _label_article(package, who, line, actors, rng)
            mentions = package.labels(article, who).mentions
            if number % 100 == 50 and mentions:  # someone the registry lacks (others add them too)
                made = package.add_actor(f"Spokesperson {number // 100}", who, "person")
                package.update_mention(mentions[0].id, actor=made.id)
            earlier = story_claims.setdefault(line["story"], [])
            if earlier and claims and rng.random() < 0.5:
                package.link_claims(earlier[0], claims[0], who)
            earlier.extend(claims[:1])


def build_merge_fixture() -> Path:
    """The lead's project and its labelled packages (built once); the folder holding them."""
    per = PER_PACKAGE // 10 if quick() else PER_PACKAGE
    folder = DATA_DIR / f"quality-merge-{PACKAGES}x{per}-v{FIXTURE_VERSION}-f{SCHEMA_VERSION}"
    if (folder / "done").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    count = PACKAGES * per
    log(f"building the merge fixture: {PACKAGES} packages of {per} articles in {folder} ...")
    lines = {line["id"]: line for line in corpus_lines(count)}
    articles_only = folder / "articles.jsonl"
    with open(articles_only, "wb") as out:
        for line in lines.values():
            out.write(orjson.dumps({k: v for k, v in line.items() if k != "annotations"}) + b"\n")
    names = [f"ann{k:02d}" for k in range(1, PACKAGES + 1)]
    lead_path = folder / "lead.claims"
    with Project.create(lead_path) as lead:
        import_files(lead, [articles_only])
        _fast_writes(lead)
        taken: set[str] = set()  # the registry reuses surnames as aliases; the app refuses that
        for actor in Generator(CorpusSpec()).registry:
            aliases = tuple(a for a in actor.aliases if a.casefold() not in taken)
            lead.add_actor(actor.name, "lead", actor.type, aliases)
            taken.update(n.casefold() for n in (actor.name, *aliases))
        assign_articles(lead, names, by="story")
        for name in names:
            write_package(lead, name, folder / f"{name}.claims")
    articles_only.unlink()
    for number, name in enumerate(names):
        start = time.perf_counter()
        _label_package(folder / f"{name}.claims", name, lines, seed=number)
        log(f"  {name} labelled in {time.perf_counter() - start:.0f} s")
    (folder / "done").write_text("")
    return folder


def package_paths(folder: Path) -> list[Path]:
    """The packages of a merge fixture, in order."""
    return sorted(p for p in folder.glob("ann*.claims"))


def fresh_lead(folder: Path, work: Path) -> Path:
    """A fresh copy of the fixture's lead file in ``work``."""
    for leftover in work.glob("lead.claims*"):
        leftover.unlink()
    target = work / "lead.claims"
    shutil.copyfile(folder / "lead.claims", target)
    os.sync()
    return target


def ours_merge(lead: Path, packages: list[Path]) -> None:
    """Our merge, as ``annotator merge`` runs it."""
    with Project.open(lead) as project:
        report = merge_packages(project, packages)
    if report.conflicts:
        raise RuntimeError(f"unexpected conflicts: {report.conflicts[:3]}")


def raw_copy(lead: Path, packages: list[Path], cache_mib: int | None = None) -> None:
    """The baseline: ATTACH each package and copy its rows, one transaction per package.

    The project's connection (WAL, foreign keys, ``synchronous = FULL``); with
    ``cache_mib``, the page cache our merge sets (`merging.MERGE_CACHE_MIB`).
    """
    db = database.connect(lead, read_only=False)
    conn = db.conn
    if cache_mib:
        conn.execute(f"PRAGMA cache_size = {-cache_mib * 1024}")
    try:
        for number, path in enumerate(packages):
            schema = f"p{number}"
            conn.execute(f"ATTACH DATABASE ? AS {schema}", (str(path),))
            with conn:
                for table in COPIED:
                    conn.execute(
                        f"INSERT OR IGNORE INTO main.{table} SELECT * FROM {schema}.{table}"
                    )
            conn.execute(f"DETACH DATABASE {schema}")
    finally:
        db.close()


RAW_SCRIPT = """
import sys
sys.path.insert(0, {here!r})
from pathlib import Path
from bench_quality import raw_copy
raw_copy(Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]])
"""


LABEL_TABLES = ("mentions", "claims", "statuses", "claim_links")
"""Tables whose rows the merge and the raw copy must both have (actors differ: the merge
takes an actor new in two packages under one name as one actor, the copy keeps both)."""


def label_keys(path: Path) -> dict[str, set[tuple[Any, ...]]]:
    """The primary keys of every label row of a project file, by table."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {
            table: set(conn.execute(f"SELECT {', '.join(PRIMARY_KEYS[table])} FROM {table}"))
            for table in LABEL_TABLES
        }
    finally:
        conn.close()


def same_rows(folder: Path, packages: list[Path], work: Path) -> dict[str, int]:
    """Check that our merge and the raw copy leave the same label rows; their numbers."""
    lead = fresh_lead(folder, work)
    ours_merge(lead, packages)
    ours = label_keys(lead)
    lead = fresh_lead(folder, work)
    raw_copy(lead, packages)
    raw = label_keys(lead)
    if ours != raw:
        differ = [t for t in LABEL_TABLES if ours[t] != raw[t]]
        raise RuntimeError(f"the merge and the raw copy differ in {differ}")
    return {table: len(keys) for table, keys in ours.items()}


def measure_merge(runs: int) -> dict[str, Any]:
    folder = build_merge_fixture()
    packages = package_paths(folder)
    with tempfile.TemporaryDirectory(prefix="bench-quality-") as tmp:
        work = Path(tmp)
        os.environ["XDG_DATA_HOME"] = str(work / "user-data")  # backups go there, not home
        env = dict(os.environ)
        rows = same_rows(folder, packages, work)

        cpu: dict[str, list[float]] = {}

        def timed(name: str, action: Callable[[Path, list[Path]], None]) -> Callable[[int], float]:
            def side(_: int) -> float:
                lead = fresh_lead(folder, work)
                start, used = time.perf_counter(), time.process_time()
                action(lead, packages)
                cpu.setdefault(name, []).append(time.process_time() - used)
                return time.perf_counter() - start

            return side

        def process(argv_of: Callable[[Path], list[str]]) -> Callable[[int], float]:
            def side(_: int) -> float:
                lead = fresh_lead(folder, work)
                start = time.perf_counter()
                done = subprocess.run(argv_of(lead), env=env, capture_output=True, check=False)
                seconds = time.perf_counter() - start
                if done.returncode != 0:
                    raise RuntimeError(done.stderr.decode(errors="replace"))
                return seconds

            return side

        larger_cache = partial(raw_copy, cache_mib=MERGE_CACHE_MIB)
        inproc = alternate(
            {
                "ours": timed("ours", ours_merge),
                "baseline": timed("baseline", raw_copy),
                "baseline_cache": timed("baseline_cache", larger_cache),
            },
            runs,
            "merge in-process",
        )
        script = RAW_SCRIPT.format(here=str(HERE))
        ours_argv = lambda lead: [  # noqa: E731
            *ANNOTATOR,
            "merge",
            str(lead),
            *map(str, packages),
        ]
        raw_argv = lambda lead: [sys.executable, "-c", script, str(lead), *map(str, packages)]  # noqa: E731
        whole = alternate(
            {"ours": process(ours_argv), "baseline": process(raw_argv)}, runs, "merge process"
        )
    with Project.open(folder / "lead.claims", read_only=True) as lead:
        lead_articles = lead.article_count()
    return {
        "merge_packages": len(packages),
        "merge_articles_per_package": PER_PACKAGE // 10 if quick() else PER_PACKAGE,
        "merge_lead_articles": lead_articles,
        "merge_rows_after": rows,
        "merge_s": summary(inproc["ours"]),
        "merge_baseline_s": summary(inproc["baseline"]),
        "merge_ratio": ratio(inproc["ours"], inproc["baseline"]),
        "merge_baseline_same_cache_s": summary(inproc["baseline_cache"]),
        "merge_ratio_same_cache": ratio(inproc["ours"], inproc["baseline_cache"]),
        "merge_cpu_s": summary(cpu["ours"]),
        "merge_baseline_cpu_s": summary(cpu["baseline"]),
        "merge_ratio_cpu": ratio(cpu["ours"], cpu["baseline"]),
        "merge_ratio_cpu_same_cache": ratio(cpu["ours"], cpu["baseline_cache"]),
        "merge_process_s": summary(whole["ours"]),
        "merge_baseline_process_s": summary(whole["baseline"]),
        "merge_ratio_process": ratio(whole["ours"], whole["baseline"]),
    }


# -- the agreement fixture --------------------------------------------------------------------


def _moved(rng: random.Random, start: int, end: int, length: int) -> tuple[int, int]:
    """A span a second annotator marked a little differently (mostly still overlapping)."""
    width = end - start
    shift = rng.randint(-width // 4, width // 4)
    return max(0, start + shift), min(length, end + shift + rng.randint(-2, 2)) or end


def _other_id(label_id: str) -> str:
    """The id of ben's label made after ``ana``'s (reproducible)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "ben:" + label_id))


def _second_annotator(line: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """``ben``'s labels of a corpus line: ``ana``'s with a second annotator's disagreement."""
    (entry,) = line["annotations"]
    length = len(line["text"])
    mentions, claims = [], []
    kept_mentions: dict[str, str] = {}
    for m in entry["mentions"]:
        if rng.random() < 0.08:
            continue  # missed
        new = {**m, "id": _other_id(m["id"])}
        if rng.random() < 0.1:
            new["start"], new["end"] = _moved(rng, m["start"], m["end"], length)
            new["text"] = line["text"][new["start"] : new["end"]]
        if new["end"] <= new["start"]:
            continue
        kept_mentions[m["id"]] = new["id"]
        mentions.append(new)
    for c in entry["claims"]:
        if rng.random() < 0.1:
            continue  # missed
        new = json.loads(json.dumps(c))
        new["id"] = _other_id(c["id"])
        if rng.random() < 0.25:
            new["start"], new["end"] = _moved(rng, c["start"], c["end"], length)
            if new["end"] <= new["start"]:
                continue
            new["text"] = line["text"][new["start"] : new["end"]]
        for field, values in (
            ("stance", ["support", "oppose", "neutral", None]),
            ("category", ["assertion", "prediction", "evaluation", "demand", None]),
            ("certainty", ["asserted", "hedged", "speculative", None]),
            ("checkworthy", ["checkworthy", "unimportant", "non_factual", None]),
        ):
            if rng.random() < 0.2:
                new[field] = rng.choice(values)
        att = new["attribution"]
        att["source_mention"] = kept_mentions.get(att["source_mention"] or "")
        if att["source_mention"] is None and att["source_kind"] == "named":
            att["source_kind"] = None
        if att["cue"] is not None and rng.random() < 0.15:
            att["cue"] = None
        claims.append(new)
    if rng.random() < 0.3 and mentions:  # a claim ana did not see
        m = rng.choice(mentions)
        end = min(length, m["end"] + 40)
        claims.append(
            {
                "id": _other_id(m["id"] + "-claim"),
                "start": m["start"],
                "end": end,
                "text": line["text"][m["start"] : end],
                "claimant": None,
                "addressee": None,
                "target": None,
                "stance": "neutral",
                "category": None,
                "certainty": None,
                "checkworthy": None,
                "attribution": {
                    "attribution_type": "unattributed",
                    "source_mention": None,
                    "source_text": None,
                    "source_kind": "author",
                    "cue": None,
                },
                "links": [],
                "note": "",
            }
        )
    span = lambda item: (item["start"], item["end"], item["id"])  # noqa: E731
    return {
        **entry,
        "annotator": "ben",
        "status": "done" if rng.random() < 0.95 else "in_progress",
        "mentions": sorted(mentions, key=span),
        "claims": sorted(claims, key=span),
    }


def build_agreement_fixture(articles: int) -> Path:
    """A project of ``articles`` corpus articles labelled by ana and ben (built once)."""
    path = DATA_DIR / f"quality-agreement-{articles}a-v{FIXTURE_VERSION}-f{SCHEMA_VERSION}.claims"
    if path.exists():
        return path
    log(f"building the agreement fixture of {articles} articles in {path} ...")
    rng = random.Random(articles)
    source = path.with_name(path.stem + ".jsonl")
    with open(source, "wb") as out:
        for line in corpus_lines(articles):
            (entry,) = line["annotations"]
            ana = {**entry, "annotator": "ana"}
            line["annotations"] = [ana, _second_annotator(line, rng)]
            out.write(orjson.dumps(line) + b"\n")
    partial = path.with_name(path.name + ".partial")
    for leftover in DATA_DIR.glob(partial.name + "*"):
        leftover.unlink()
    with Project.create(partial) as project:
        import_files(project, [source])
    source.unlink()
    for suffix in ("-wal", "-shm", ".lock"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    partial.rename(path)
    return path


def measure_agreement(runs: int) -> dict[str, Any]:
    sizes = [n // 10 for n in AGREEMENT_SIZES] if quick() else list(AGREEMENT_SIZES)
    paths = {n: build_agreement_fixture(n) for n in sizes}

    cpu: dict[int, list[float]] = {}

    def side(size: int, path: Path) -> Callable[[int], float]:
        def run(_: int) -> float:
            start, used = time.perf_counter(), time.process_time()
            with Project.open(path, read_only=True) as project:
                project_agreement(project)
            cpu.setdefault(size, []).append(time.process_time() - used)
            return time.perf_counter() - start

        return run

    samples = alternate({f"{n}": side(n, p) for n, p in paths.items()}, runs, "agreement")
    largest = sizes[-1]
    argv = [*ANNOTATOR, "agreement", str(paths[largest]), "--json"]
    whole = alternate({"process": lambda _: process_seconds(argv)}, runs, "agreement process")
    per_1000 = {f"{n}": round(statistics.median(samples[f"{n}"]) / n * 1000, 4) for n in sizes}
    return {
        "agreement_sizes": sizes,
        "agreement_s": {f"{n}": summary(samples[f"{n}"]) for n in sizes},
        "agreement_s_per_1000_articles": per_1000,
        "agreement_100k_s": round(statistics.median(samples[f"{largest}"]), 3),
        "agreement_100k_process_s": summary(whole["process"]),
        "agreement_cpu_s": {f"{n}": summary(cpu[n]) for n in sizes},
        "agreement_linearity": round(
            per_1000[f"{largest}"] / per_1000[f"{sizes[0]}"], 3
        ),  # 1: linear; above: worse than linear
    }


def main() -> int:
    runs = runs_from_env()
    results: dict[str, Any] = {"runs": runs}
    results.update(measure_merge(runs))
    results.update(measure_agreement(runs))
    write_results("quality", results)
    merge_ok = results["merge_ratio"] >= TARGET_MERGE_RATIO
    agreement_ok = results["agreement_100k_s"] < TARGET_AGREEMENT_S
    print(
        f"merge: ours {results['merge_s']['median']:.2f} s, raw copy"
        f" {results['merge_baseline_s']['median']:.2f} s: ratio {results['merge_ratio']}"
        f" (target >= {TARGET_MERGE_RATIO}: {'met' if merge_ok else 'MISSED'});"
        f" whole process {results['merge_ratio_process']};"
        f" raw copy with our cache {results['merge_ratio_same_cache']};"
        f" CPU {results['merge_ratio_cpu']} ({results['merge_ratio_cpu_same_cache']} same cache)"
    )
    for n, per in results["agreement_s_per_1000_articles"].items():
        s = results["agreement_s"][n]
        used = results["agreement_cpu_s"][n]["median"]
        print(
            f"agreement {n} articles: {s['median']:.2f} s ({s['min']:.2f}-{s['max']:.2f});"
            f" {per:.3f} s per 1,000; CPU {used:.2f} s"
        )
    largest = results["agreement_sizes"][-1]
    verdict = "met" if agreement_ok else "MISSED"
    print(
        f"agreement at {largest} articles: {results['agreement_100k_s']} s"
        f" (target < {TARGET_AGREEMENT_S} s at 100,000: {verdict});"
        f" linearity {results['agreement_linearity']} (1: linear)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
