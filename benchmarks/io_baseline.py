"""The baseline of the I/O benchmark: native JSONL in and out with orjson and plain sqlite3.

What a competent script does without the app: orjson per line and
``executemany`` into a project file's tables, one transaction, no validation
(`rows_in`); plain SELECTs of a project, labels grouped in Python,
``orjson.dumps`` per article (`lines_out`, the same bytes as ``annotator
export``). It imports nothing of the app, so run as a script it is the
whole-process baseline (``bench_io.py`` times it from spawn to exit)::

    python benchmarks/io_baseline.py import CORPUS PROJECT   # PROJECT made beforehand
    python benchmarks/io_baseline.py export PROJECT OUT [STAMP_JSON]

The project file is made beforehand (by ``annotator.store.database.create_file``,
untimed, as ``annotator init`` makes ours), so both sides write into the same
tables, indexes, FTS triggers and pragmas.
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

BATCH = 500  # articles per executemany batch (~15,000 rows) and per export query
BUSY_TIMEOUT_MS = 5000  # as annotator.store.database sets it


def connect(path: Path) -> sqlite3.Connection:
    """A connection with the pragmas the app's connection has, in autocommit mode."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def read_connection(path: Path) -> sqlite3.Connection:
    """A read-only connection."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def import_file(corpus: Path, project: Path) -> None:
    """Insert the corpus into the (existing, empty) project file."""
    conn = connect(project)
    try:
        rows_in(corpus, conn)
    finally:
        conn.close()


def export_file(project: Path, out_path: Path, stamp: dict[str, Any] | None = None) -> int:
    """Write every article of the project to ``out_path``; the number written."""
    conn = read_connection(project)
    try:
        with open(out_path, "wb") as out:
            return lines_out(conn, out, stamp)
    finally:
        conn.close()


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


def rows_in(corpus: Path, conn: sqlite3.Connection) -> None:
    """Insert every line of ``corpus`` in one transaction (``conn`` in autocommit mode)."""
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


def lines_out(conn: sqlite3.Connection, out: Any, stamp: dict[str, Any] | None) -> int:
    """Write the native line of every article to ``out``; the same bytes as `export_jsonl` gives.

    ``stamp`` is written under ``label_schema`` after ``meta``, as an export names its schema.
    """
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
            line: dict[str, Any] = {
                "id": article_id,
                "text": text,
                "title": title or "",
                "source": source,
                "url": url,
                "published": published,
                "language": language,
                "story": story,
                "meta": orjson.loads(meta) if meta else {},
            }
            if stamp is not None:
                line["label_schema"] = stamp
            line["annotations"] = entries
            lines.append(orjson.dumps(line))
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


def main(argv: list[str]) -> int:
    """``import CORPUS PROJECT`` or ``export PROJECT OUT [STAMP_JSON]``."""
    if len(argv) == 3 and argv[0] == "import":
        import_file(Path(argv[1]), Path(argv[2]))
        return 0
    if len(argv) in (3, 4) and argv[0] == "export":
        stamp = orjson.loads(argv[3]) if len(argv) == 4 else None
        export_file(Path(argv[1]), Path(argv[2]), stamp)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
