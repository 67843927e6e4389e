"""Import and export speed of native JSONL against a plain orjson + sqlite3 baseline.

One run, one corpus (see `corpus.py`), measured in this order:

1. import (ours): `import_files` into a fresh `Project.create` file;
2. import (baseline): orjson per line and ``executemany`` into a fresh file made
   by `create_file` (same tables, indexes, FTS triggers and pragmas), one
   transaction, no validation;
3. export (ours): `export_jsonl` of the project from step 1 to a file;
4. export (baseline): plain SELECTs of the same project, labels grouped in
   Python, ``orjson.dumps`` per article, written to a file;
5. peak RSS (``VmHWM``) of step 1 repeated in a fresh subprocess.

Prints a table and writes ``results/io.json`` (``io-<N>.json`` for a corpus of
N articles other than the default). ``BENCH_ARTICLES=2000`` makes a quick run;
``BENCH_REPEAT=3`` times steps 1-4 three times each and keeps the best.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from annotator.core.schema import default_schema
from annotator.io.export import export_jsonl
from annotator.io.importer import import_files
from annotator.store import database
from annotator.store.project import Project

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import DATA_DIR, DEFAULT_ARTICLES, CorpusSpec, ensure_corpus, spec_from_env

RESULTS_DIR = Path(__file__).resolve().parent / "results"
MB = 1_000_000  # throughput and sizes in MB; memory in MiB
BATCH = 500  # articles per executemany batch in the baseline (~15,000 rows)
TARGET_RATIO = 0.5
TARGET_RSS_MB = 300


def log(message: str) -> None:
    """Progress to stderr, so stdout stays the result table."""
    print(message, file=sys.stderr, flush=True)


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds taken by ``action()`` and what it returned.

    Dirty pages of earlier steps are written out first, so that the kernel's
    writing them back does not land in this measurement (it made runs vary by 30%).
    """
    os.sync()
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 24):
            digest.update(chunk)
    return digest.hexdigest()


def warm_cache(path: Path) -> None:
    """Read the file once so neither import pays for the first read from disk."""
    with open(path, "rb") as handle:
        while handle.read(1 << 24):
            pass


# -- ours ---------------------------------------------------------------------------------------


def ours_import(corpus: Path, project_path: Path) -> float:
    """Seconds for `import_files` of the corpus into a new project (creation not timed)."""
    with Project.create(project_path) as project:
        seconds, report = timed(lambda: import_files(project, [corpus]))
    if report.skipped or report.conflicts:
        raise RuntimeError(f"the corpus did not import cleanly: {report.summary()}")
    return seconds


def ours_export(project_path: Path, out_path: Path) -> tuple[float, int]:
    """Seconds for `export_jsonl` to a file (as ``annotator export`` does), and lines written."""
    with Project.open(project_path, read_only=True) as project, open(out_path, "wb") as out:
        return timed(lambda: export_jsonl(project, out))


# -- baseline import ----------------------------------------------------------------------------

_ARTICLE_SQL = (
    "INSERT INTO articles (id, title, text, source, url, published, language, story, meta,"
    " text_sha256, added_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
)
_ACTOR_SQL = (
    "INSERT OR IGNORE INTO actors (id, name, name_key, type, created_by, updated_at)"
    " VALUES (?,?,?,?,?,?)"
)
_ALIAS_SQL = (
    "INSERT OR IGNORE INTO actor_aliases (actor_id, alias, alias_key, position) VALUES (?,?,?,?)"
)
_MENTION_SQL = (
    "INSERT INTO mentions (id, article_id, annotator, start, end, actor_id, updated_at)"
    " VALUES (?,?,?,?,?,?,?)"
)
_CLAIM_SQL = (
    "INSERT INTO claims (id, article_id, annotator, start, end, claimant, addressee, target,"
    " stance, category, certainty, checkworthy, attribution_type, attr_source_mention,"
    " attr_source_text, attr_source_kind, cue_start, cue_end, note, extra, updated_at)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)
_STATUS_SQL = (
    "INSERT INTO statuses (article_id, annotator, status, comment, updated_at) VALUES (?,?,?,?,?)"
)
_SQL_ORDER = (_ARTICLE_SQL, _ACTOR_SQL, _ALIAS_SQL, _MENTION_SQL, _CLAIM_SQL, _STATUS_SQL)


def _connect(path: Path) -> sqlite3.Connection:
    """A connection with the pragmas `database.connect` sets, in autocommit mode."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {database.BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def baseline_import(corpus: Path, project_path: Path) -> float:
    """Seconds for orjson + ``executemany`` of the corpus into the project's tables."""
    database.create_file(project_path, default_schema().source)
    conn = _connect(project_path)
    try:
        seconds, _ = timed(lambda: _baseline_rows_in(corpus, conn))
    finally:
        conn.close()
    return seconds


def _baseline_rows_in(corpus: Path, conn: sqlite3.Connection) -> None:
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    seen_actors: set[str] = set()
    rows: dict[str, list[tuple[Any, ...]]] = {sql: [] for sql in _SQL_ORDER}
    articles, actors, aliases = rows[_ARTICLE_SQL], rows[_ACTOR_SQL], rows[_ALIAS_SQL]
    mentions, claims, statuses = rows[_MENTION_SQL], rows[_CLAIM_SQL], rows[_STATUS_SQL]

    def flush() -> None:
        for sql, queued in rows.items():
            conn.executemany(sql, queued)
            queued.clear()

    conn.execute("BEGIN")
    conn.execute("PRAGMA defer_foreign_keys = ON")
    with open(corpus, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            line = orjson.loads(raw)
            article_id, text = line["id"], line["text"]
            meta = orjson.dumps(line.get("meta") or {}, option=orjson.OPT_SORT_KEYS).decode()
            sha = hashlib.sha256(text.encode()).hexdigest()
            articles.append(
                (
                    article_id,
                    line.get("title") or "",
                    text,
                    line.get("source"),
                    line.get("url"),
                    line.get("published"),
                    line.get("language"),
                    line.get("story"),
                    meta,
                    sha,
                    stamp,
                )
            )
            for entry in line.get("annotations") or ():
                who = entry["annotator"]
                for actor in entry.get("actors") or ():
                    actor_id = actor["id"]
                    if actor_id in seen_actors:
                        continue
                    seen_actors.add(actor_id)
                    name = actor["name"]
                    actors.append((actor_id, name, name.casefold(), actor.get("type"), who, stamp))
                    aliases.extend(
                        (actor_id, alias, alias.casefold(), position)
                        for position, alias in enumerate(actor.get("aliases") or ())
                    )
                mentions.extend(
                    (m["id"], article_id, who, m["start"], m["end"], m.get("actor"), stamp)
                    for m in entry.get("mentions") or ()
                )
                for c in entry.get("claims") or ():
                    attribution = c.get("attribution") or {}
                    cue = attribution.get("cue") or {}
                    extra = c.get("extra")
                    claims.append(
                        (
                            c["id"],
                            article_id,
                            who,
                            c["start"],
                            c["end"],
                            c.get("claimant"),
                            c.get("addressee"),
                            c.get("target"),
                            c.get("stance"),
                            c.get("category"),
                            c.get("certainty"),
                            c.get("checkworthy"),
                            attribution.get("attribution_type"),
                            attribution.get("source_mention"),
                            attribution.get("source_text"),
                            attribution.get("source_kind"),
                            cue.get("start"),
                            cue.get("end"),
                            c.get("note") or "",
                            orjson.dumps(extra).decode() if extra else None,
                            stamp,
                        )
                    )
                statuses.append(
                    (
                        article_id,
                        who,
                        entry.get("status") or "todo",
                        entry.get("comment") or "",
                        stamp,
                    )
                )
            if number % BATCH == 0:
                flush()
    flush()
    conn.execute("COMMIT")


# -- baseline export ----------------------------------------------------------------------------


def baseline_export(project_path: Path, out_path: Path) -> tuple[float, int]:
    """Seconds for plain SELECTs + ``orjson.dumps`` of every article to a file, and lines."""
    conn = sqlite3.connect(f"{project_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        with open(out_path, "wb") as out:
            return timed(lambda: _baseline_lines_out(conn, out))
    finally:
        conn.close()


def _span(start: int, end: int, text: str) -> dict[str, Any]:
    return {"start": start, "end": end, "text": text[start:end]}


def _article_batches(conn: sqlite3.Connection) -> Iterator[list[tuple[Any, ...]]]:
    last = -1
    while True:
        batch = conn.execute(
            "SELECT rowid, id, text, title, source, url, published, language, story, meta"
            " FROM articles WHERE rowid > ? ORDER BY rowid LIMIT ?",
            (last, BATCH),
        ).fetchall()
        if not batch:
            return
        last = batch[-1][0]
        yield batch


def _baseline_lines_out(conn: sqlite3.Connection, out: Any) -> int:
    """Write the native line of every article; same bytes as `export_jsonl` gives."""
    actors: dict[str, tuple[str, str | None]] = {
        r[0]: (r[1], r[2]) for r in conn.execute("SELECT id, name, type FROM actors")
    }
    aliases: dict[str, list[str]] = defaultdict(list)
    for actor_id, alias in conn.execute(
        "SELECT actor_id, alias FROM actor_aliases ORDER BY position, rowid"
    ):
        aliases[actor_id].append(alias)
    written = 0
    for batch in _article_batches(conn):
        ids = [r[1] for r in batch]
        marks = ",".join("?" * len(ids))
        mentions: dict[tuple[str, str], list[tuple[Any, ...]]] = defaultdict(list)
        for row in conn.execute(
            "SELECT article_id, annotator, id, start, end, actor_id FROM mentions"
            f" WHERE article_id IN ({marks}) ORDER BY start, end, id",
            ids,
        ):
            mentions[row[0], row[1]].append(row)
        claims: dict[tuple[str, str], list[tuple[Any, ...]]] = defaultdict(list)
        for row in conn.execute(
            "SELECT article_id, annotator, id, start, end, claimant, addressee, target, stance,"
            " category, certainty, checkworthy, attribution_type, attr_source_mention,"
            " attr_source_text, attr_source_kind, cue_start, cue_end, note, extra"
            f" FROM claims WHERE article_id IN ({marks}) ORDER BY start, end, id",
            ids,
        ):
            claims[row[0], row[1]].append(row)
        statuses = {
            (r[0], r[1]): (r[2], r[3])
            for r in conn.execute(
                "SELECT article_id, annotator, status, comment FROM statuses"
                f" WHERE article_id IN ({marks})",
                ids,
            )
        }
        links: dict[str, set[str]] = defaultdict(set)
        for a, b in conn.execute(
            "SELECT l.claim_a, l.claim_b FROM claim_links l JOIN claims c ON c.id = l.claim_a"
            f" WHERE c.article_id IN ({marks}) UNION"
            " SELECT l.claim_a, l.claim_b FROM claim_links l JOIN claims c ON c.id = l.claim_b"
            f" WHERE c.article_id IN ({marks})",
            [*ids, *ids],
        ):
            links[a].add(b)
            links[b].add(a)
        who_by_article: dict[str, set[str]] = defaultdict(set)
        for key in (*mentions, *claims, *statuses):
            who_by_article[key[0]].add(key[1])
        lines = []
        for _, article_id, text, title, source, url, published, language, story, meta in batch:
            entries = []
            for who in sorted(who_by_article.get(article_id, ())):
                key = (article_id, who)
                status, comment = statuses.get(key, ("todo", ""))
                these_mentions, these_claims = mentions.get(key, []), claims.get(key, [])
                used = {m[5] for m in these_mentions if m[5]}
                used.update(a for c in these_claims for a in c[5:8] if a)
                listed = sorted(
                    (i for i in used if i in actors), key=lambda i: (actors[i][0].casefold(), i)
                )
                entries.append(
                    {
                        "annotator": who,
                        "status": status,
                        "comment": comment or "",
                        "actors": [
                            {
                                "id": i,
                                "name": actors[i][0],
                                "type": actors[i][1],
                                "aliases": aliases.get(i, []),
                            }
                            for i in listed
                        ],
                        "mentions": [
                            {"id": m[2], **_span(m[3], m[4], text), "actor": m[5]}
                            for m in these_mentions
                        ],
                        "claims": [_claim_json(c, text, links) for c in these_claims],
                    }
                )
            lines.append(
                orjson.dumps(
                    {
                        "id": article_id,
                        "text": text,
                        "title": title or "",
                        "source": source,
                        "url": url,
                        "published": published,
                        "language": language,
                        "story": story,
                        "meta": orjson.loads(meta) if meta else {},
                        "annotations": entries,
                    }
                )
            )
        out.write(b"\n".join(lines) + b"\n")
        written += len(lines)
    return written


def _claim_json(c: tuple[Any, ...], text: str, links: dict[str, set[str]]) -> dict[str, Any]:
    claim: dict[str, Any] = {
        "id": c[2],
        **_span(c[3], c[4], text),
        "claimant": c[5],
        "addressee": c[6],
        "target": c[7],
        "stance": c[8],
        "category": c[9],
        "certainty": c[10],
        "checkworthy": c[11],
        "attribution": {
            "attribution_type": c[12],
            "source_mention": c[13],
            "source_text": c[14],
            "source_kind": c[15],
            "cue": _span(c[16], c[17], text) if c[16] is not None else None,
        },
        "links": sorted(links.get(c[2], ())),
        "note": c[18] or "",
    }
    if c[19]:
        claim["extra"] = dict(sorted(orjson.loads(c[19]).items()))
    return claim


# -- memory -------------------------------------------------------------------------------------


def _proc_status_mib(field: str) -> float | None:
    """A ``VmRSS``/``VmHWM``-style field of /proc/self/status in MiB (None off Linux)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def child_import(corpus: Path, project_path: Path) -> None:
    """Run in the memory subprocess: import, then print what it measured as JSON."""
    before = _proc_status_mib("VmRSS")
    seconds = ours_import(corpus, project_path)
    result = {"seconds": seconds, "rss_before_mib": before, "vm_hwm_mib": _proc_status_mib("VmHWM")}
    print(json.dumps(result))


def import_peak_rss(corpus: Path, project_path: Path) -> dict[str, Any]:
    """Import in a fresh interpreter and return its peak RSS (``peak_mib``) and details.

    The peak is the child's own ``VmHWM``. ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` is
    kept only as a fallback where /proc is missing: on Linux it also counts the pages
    of this (large) process that the child held between fork and exec.
    """
    command = [sys.executable, __file__, "--child-import", str(corpus), str(project_path)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the memory subprocess failed:\n{done.stderr}")
    child: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    child["ru_maxrss_mib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    child["peak_mib"] = child["vm_hwm_mib"] or child["ru_maxrss_mib"]
    return child


def _remove_project(path: Path) -> None:
    """Delete a project file and the files SQLite and the lock keep next to it."""
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


# -- the run ------------------------------------------------------------------------------------


def _rates(seconds: float, articles: int, size: int) -> dict[str, float]:
    return {
        "seconds": round(seconds, 3),
        "articles_per_s": round(articles / seconds, 1),
        "mb_per_s": round(size / MB / seconds, 2),
    }


def best_of(label: str, repeat: int, measure: Callable[[int], float]) -> list[float]:
    """The seconds of ``repeat`` runs of ``measure(run_index)``, logging each."""
    samples = []
    for index in range(repeat):
        log(f"{label} ({index + 1} of {repeat}) ..." if repeat > 1 else f"{label} ...")
        samples.append(measure(index))
    return samples


def run(spec: CorpusSpec, repeat: int = 1, keep: bool = False) -> dict[str, Any]:
    """Measure everything on one corpus (each timing the best of ``repeat``); return results."""
    corpus = ensure_corpus(spec)
    size = corpus.stat().st_size
    work = DATA_DIR / f"work-{os.getpid()}"
    work.mkdir(parents=True, exist_ok=True)
    ours_project = work / "ours-0.claims"  # exports read the first of our imports
    ours_out_path, base_out_path = work / "ours.jsonl", work / "baseline.jsonl"
    written: dict[str, int] = {}

    def ours_in(index: int) -> float:
        return ours_import(corpus, work / f"ours-{index}.claims")

    def base_in(index: int) -> float:
        path = work / f"baseline-{index}.claims"
        seconds = baseline_import(corpus, path)
        _remove_project(path)
        return seconds

    def ours_out(index: int) -> float:
        seconds, written["ours"] = ours_export(ours_project, ours_out_path)
        return seconds

    def base_out(index: int) -> float:
        seconds, written["baseline"] = baseline_export(ours_project, base_out_path)
        return seconds

    try:
        warm_cache(corpus)
        log(f"corpus: {spec.articles} articles, {size / MB:.1f} MB")
        samples = {"ours_import": best_of("import (ours)", repeat, ours_in)}
        for index in range(1, repeat):
            _remove_project(work / f"ours-{index}.claims")
        samples["baseline_import"] = best_of("import (baseline)", repeat, base_in)
        samples["ours_export"] = best_of("export (ours)", repeat, ours_out)
        samples["baseline_export"] = best_of("export (baseline)", repeat, base_out)
        out_size = ours_out_path.stat().st_size
        corpus_sha = file_sha256(corpus)
        ours_sha, base_sha = file_sha256(ours_out_path), file_sha256(base_out_path)
        project_size = ours_project.stat().st_size
        log("import peak RSS (fresh subprocess) ...")
        memory = import_peak_rss(corpus, work / "memory.claims")
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    if written != {"ours": spec.articles, "baseline": spec.articles}:
        raise RuntimeError(f"exported {written} of {spec.articles} articles")

    best = {name: min(values) for name, values in samples.items()}
    ours_in_s, base_in_s = best["ours_import"], best["baseline_import"]
    ours_out_s, base_out_s = best["ours_export"], best["baseline_export"]
    peak = memory["peak_mib"]
    results: dict[str, Any] = {
        "import_ratio": round(base_in_s / ours_in_s, 3),
        "export_ratio": round(base_out_s / ours_out_s, 3),
        "import_peak_rss_mb": round(peak, 1),
        "targets": {
            "import_ratio": f">= {TARGET_RATIO}",
            "export_ratio": f">= {TARGET_RATIO}",
            "import_peak_rss_mb": f"< {TARGET_RSS_MB} (MiB)",
        },
        "targets_met": {
            "import_ratio": base_in_s / ours_in_s >= TARGET_RATIO,
            "export_ratio": base_out_s / ours_out_s >= TARGET_RATIO,
            "import_peak_rss_mb": peak < TARGET_RSS_MB,
        },
        "import": {
            "ours": _rates(ours_in_s, spec.articles, size),
            "baseline": _rates(base_in_s, spec.articles, size),
        },
        "export": {
            "ours": _rates(ours_out_s, spec.articles, out_size),
            "baseline": _rates(base_out_s, spec.articles, out_size),
        },
        "repeat": repeat,
        "samples_seconds": {k: [round(v, 3) for v in vs] for k, vs in samples.items()},
        "memory": {
            "import_peak_rss_mib": round(peak, 1),
            "measured_as": "VmHWM of a fresh interpreter that imports the corpus",
            "child_rss_before_import_mib": memory["rss_before_mib"],
            "child_import_seconds": round(memory["seconds"], 3),
            "ru_maxrss_children_mib": round(memory["ru_maxrss_mib"], 1),
        },
        "corpus": {
            "file": corpus.name,
            "bytes": size,
            "mb": round(size / MB, 1),
            "articles": spec.articles,
            "seed": spec.seed,
            "labels": "per article: 1 entry, 12 mentions, 10 claims, 3-7 actors",
        },
        "checks": {
            "export_identical_to_corpus": ours_sha == corpus_sha,
            "baseline_export_identical_to_ours": base_sha == ours_sha,
            "export_bytes": out_size,
            "project_file_bytes": project_size,
        },
        "versions": {
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
            "orjson": orjson.__version__,
            "sqlite_utils": _version("sqlite-utils"),
        },
        "machine": {"platform": platform.platform(), "cpus": os.cpu_count()},
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    return results


def _version(package: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return None


def table(results: dict[str, Any]) -> str:
    """The results as a readable table."""
    corpus = results["corpus"]
    lines = [
        f"I/O benchmark: {corpus['articles']} articles, {corpus['mb']} MB of native JSONL",
        f"{'':18}{'seconds':>10}{'articles/s':>13}{'MB/s':>9}",
    ]
    for phase in ("import", "export"):
        for who in ("ours", "baseline"):
            r = results[phase][who]
            lines.append(
                f"{phase + ' ' + who:18}{r['seconds']:>10.2f}{r['articles_per_s']:>13.0f}"
                f"{r['mb_per_s']:>9.1f}"
            )
    met = results["targets_met"]
    for key in ("import_ratio", "export_ratio", "import_peak_rss_mb"):
        verdict = "ok" if met[key] else "MISSED"
        lines.append(f"{key:22}{results[key]:>10}   target {results['targets'][key]}: {verdict}")
    checks = results["checks"]
    lines.append(
        f"export identical to corpus: {checks['export_identical_to_corpus']};"
        f" baseline export identical to ours: {checks['baseline_export_identical_to_ours']}"
    )
    return "\n".join(lines)


def results_path(articles: int) -> Path:
    """``results/io.json`` for the default corpus, ``results/io-<N>.json`` otherwise."""
    suffix = "" if articles == DEFAULT_ARTICLES else f"-{articles}"
    return RESULTS_DIR / f"io{suffix}.json"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark (or, with ``--child-import``, the memory subprocess)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, help="corpus size (default: $BENCH_ARTICLES)")
    parser.add_argument(
        "--repeat", type=int, help="runs per measurement, best kept (default: $BENCH_REPEAT or 1)"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the work folder (our project, exports)"
    )
    parser.add_argument(
        "--child-import", nargs=2, metavar=("CORPUS", "PROJECT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.child_import:
        child_import(Path(args.child_import[0]), Path(args.child_import[1]))
        return 0
    spec = CorpusSpec(args.articles) if args.articles else spec_from_env()
    repeat = args.repeat or int(os.environ.get("BENCH_REPEAT", "1"))
    results = run(spec, repeat=max(1, repeat), keep=args.keep)
    RESULTS_DIR.mkdir(exist_ok=True)
    path = results_path(spec.articles)
    path.write_text(json.dumps(results, indent=2) + "\n")
    print(table(results))
    print(f"results written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
