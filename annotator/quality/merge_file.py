"""The merge of one work package into the lead's project: the three-way decision, row by row.

See `annotator.quality.merge` for the rules. `FileMerge` reads the package
and the project through `annotator.store.package_rows`, decides, and hands
what it decided to a `annotator.store.merging.MergeWriter`, which writes it in
one transaction with the merge's records (`annotator.store.packages`).

The decision is row by row, the reading is not: the package's rows come a
batch at a time, and the project's rows with the same keys are read for the
whole batch in one query (a merge of 10,000 labelled articles would otherwise
ask the project 300,000 single-row questions).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from operator import itemgetter
from pathlib import Path

from annotator.core.errors import InputError, ValidationError
from annotator.core.model import (
    ATTRIBUTION_VOCAB_FIELDS,
    CLAIM_ACTOR_FIELDS,
    CLAIM_VOCAB_FIELDS,
    STATUSES,
    Status,
)
from annotator.core.spans import check_span
from annotator.core.text import text_sha256
from annotator.core.validate import validate_claim, validate_status
from annotator.quality.actor_match import NameIndex, normalise
from annotator.quality.merge_messages import LABEL_NAMES, MergeMessages
from annotator.quality.merge_report import ActorMatch, MergeConflict, MergeReport
from annotator.quality.package import PackageInfo
from annotator.store import package_rows, packages, suggestion_share
from annotator.store.events import now
from annotator.store.fingerprints import (
    TRACKED,
    Key,
    Row,
    digest,
    key_text,
    key_tuple,
    key_values,
    row_key,
    tuple_readers,
)
from annotator.store.merging import MergeWriter
from annotator.store.packages import IssuedPackage, StoredConflict
from annotator.store.project import Project
from annotator.store.rows import CLAIM_COLUMNS, claim_from_row

LABEL_TABLES = ("mentions", "claims", "claim_links")
"""Tables whose rows the report counts as labels."""

_ACTOR_COLUMNS = {"mentions": ("actor_id",), "claims": CLAIM_ACTOR_FIELDS}
"""Columns of label tables that name an actor."""

TAKE, KEEP, DELETED_HERE, CHANGED_BOTH = "take", "keep", "deleted here", "changed in both"
"""What `FileMerge._verdict` says of a package's row: the project takes it, keeps its own,
or keeps its own in a conflict (it deleted the row, or changed it too)."""

VOCAB_COLUMNS = (
    *CLAIM_VOCAB_FIELDS,
    *("attr_" + f if f != "attribution_type" else f for f in ATTRIBUTION_VOCAB_FIELDS),
    "extra",
)
"""The columns of a claim that `validate_claim` checks against the schema (not its spans)."""


class FileMerge:
    """Merges one package into the project in one transaction."""

    def __init__(
        self,
        project: Project,
        package: Project,
        info: PackageInfo,
        issued: IssuedPackage | None,
        path: Path,
    ) -> None:
        self.project = project
        self.package = package
        self.info = info
        self.issued = issued
        self.file = str(path)
        self.name = path.name
        self.report = MergeReport(files=1)
        if issued is None:
            self.report.unrecorded.append(f"{self.name} ({info.annotator})")
        self.changed_articles: set[str] = set()
        self.actor_map: dict[str, str] = {}
        self.actor_names: dict[str, str] = {}  # package actor id -> name, for messages
        self.messages = MergeMessages(project, self.name, self.actor_names)
        self.lengths: dict[str, int] = {}  # package article -> text length
        self.skipped: set[str] = set()  # articles whose text differs in the project
        self.snapshot: dict[Key, str] = {}  # the package's rows as merged: the next base
        self.deleting: dict[str, dict[str, str | None]] = defaultdict(dict)  # key -> article
        self.deleted_ids: dict[str, set[object]] = {}  # mentions and claims in `deleting`
        self.conflicts: list[StoredConflict] = []
        self.valid_values: set[tuple[str, object]] = set()  # (column, value) of valid claims
        self.mentions_seen: set[object] = set()  # the package's mentions merged
        self.mentions_there: set[object] = set()  # of those, the ones in the project now
        self.lead_aliases: set[tuple[str, str]] = set()  # (actor id, alias key) in the project
        self.merged_before = packages.merged_as(project, info.package_id) is not None
        source = project if self.merged_before else package
        self.base = packages.read_base(source, info.package_id)

    def run(self) -> MergeReport:
        """Merge the package; the report of what it changed."""
        with MergeWriter(self.project, doing=f"the merge of {self.name}") as writer:
            self.writer = writer
            try:
                self._articles()
                self._actors()
                self._plan_deletions()
                for table in ("mentions", "claims", "statuses"):
                    self._labels(table)
                    writer.flush()  # later tables look up what these wrote
                self._links()
                writer.flush()
                self._suggestion_rows()
                self._delete()
            except ValidationError as exc:
                raise InputError(self.file, f"{exc}; nothing of it was merged") from None
            self._record()
        self.report.article_ids = self.changed_articles
        return self.report

    # -- articles and actors ----------------------------------------------------------------

    def _articles(self) -> None:
        new: list[str] = []
        texts = list(package_rows.article_texts(self.package))
        stored = package_rows.text_fingerprints(self.project, [a for a, _, _ in texts])
        for article_id, sha, length in texts:
            self.lengths[article_id] = length
            found = stored.get(article_id)
            if found is None:
                new.append(article_id)
            elif found != sha:
                self.skipped.add(article_id)
                message = (
                    f"{self.name}: article {article_id!r} has another text in the project;"
                    " its labels were not merged"
                )
                self._conflict("articles", json.dumps([article_id]), article_id, message, None)
        for row in package_rows.article_rows(self.package, new):
            if text_sha256(row["text"]) != row["text_sha256"]:
                raise ValidationError(f"article {row['id']!r} does not match its fingerprint")
            self.writer.put_row("articles", row)
            self.report.articles_added += 1

    def _actors(self) -> None:
        aliases: dict[str, list[Row]] = defaultdict(list)
        for row in package_rows.rows(self.package, "actor_aliases"):
            aliases[row["actor_id"]].append(row)
        index = NameIndex(self.project)
        actors = list(package_rows.rows(self.package, "actors"))
        known = package_rows.rows_by_key(self.project, "actors", [(r["id"],) for r in actors])
        self.lead_aliases = package_rows.alias_keys(self.project, [k[0] for k in known])
        for row in actors:
            if not (row["name"] or "").strip():
                raise ValidationError(f"actor {row['id']!r} has no name")
            self.actor_names[row["id"]] = row["name"]
            own = aliases[row["id"]]
            current = known.get((row["id"],))
            if current is not None:
                self.actor_map[row["id"]] = row["id"]
                changed = self._decide("actors", row, current)
                if changed:
                    self.writer.put_row("actors", row)
                if self._new_aliases(row["id"], own) or changed:
                    self.report.actors_updated += 1
                continue
            names = [row["name"], *(a["alias"] for a in own)]
            match = index.match(names)
            if match is None:  # new on both sides
                self.actor_map[row["id"]] = row["id"]
                self.writer.put_row("actors", row)
                for alias in own:
                    self.writer.put_row("actor_aliases", alias)
                self._track("actors", row)
                for alias in own:
                    self._track("actor_aliases", alias)
                index.add(row["id"], row["name"], names[1:])
                self.report.actors_added += 1
                continue
            self.actor_map[row["id"]] = match
            self.report.matches.append(
                ActorMatch(self.name, row["name"], index.names[match], match)
            )
            unknown = {normalise(n): n for n in reversed(names)}  # the first spelling wins
            unknown = {k: n for k, n in unknown.items() if k not in index.keys[match]}
            for alias in sorted(unknown.values(), key=names.index):
                added = _alias_row(match, alias)
                self.writer.put_row("actor_aliases", added)
                self.lead_aliases.add((match, added["alias_key"]))
            if unknown:
                index.add(match, None, unknown.values())
                self.report.actors_updated += 1

    def _new_aliases(self, actor_id: str, aliases: list[Row]) -> bool:
        """Add the aliases the package gave a known actor since the base; True if any."""
        added = False
        for alias in aliases:
            key = self._track("actor_aliases", alias)
            if ("actor_aliases", key) in self.base:
                continue
            if (actor_id, alias["alias_key"]) not in self.lead_aliases:
                self.writer.put_row("actor_aliases", alias)
                self.lead_aliases.add((actor_id, alias["alias_key"]))  # the writer skips a second
                added = True
        return added

    # -- the three-way decision ---------------------------------------------------------------

    def _track(self, table: str, row: Row) -> str:
        """Note the package's row for the next base; return its key."""
        key = row_key(table, row)
        self.snapshot[table, key] = digest(table, row)
        return key

    def _decide(self, table: str, mine: Row, theirs: Row | None) -> bool:
        """True if the project should take the package's row ``mine``; reports conflicts."""
        key = self._track(table, mine)
        ours = self.snapshot[table, key]
        current = digest(table, theirs) if theirs is not None else None
        verdict = self._verdict(table, key, ours, current)
        if verdict is not TAKE and verdict is not KEEP:
            self._disagree(table, key, verdict, mine, theirs)
        return verdict is TAKE

    def _verdict(self, table: str, key: str, ours: str, current: str | None) -> str:
        """`TAKE`, `KEEP`, `DELETED_HERE` or `CHANGED_BOTH`, from a row's fingerprints.

        ``ours``: the package's row; ``current``: the project's (None: it has none).
        """
        if current == ours:
            return KEEP
        base = self.base.get((table, key))
        if current is None:
            if base is None:
                return TAKE  # new in the package
            return DELETED_HERE if ours != base else KEEP
        if base is not None and ours == base:
            return KEEP  # only the project changed it
        if base is not None and current == base:
            return TAKE  # only the package changed it
        return CHANGED_BOTH

    def _disagree(self, table: str, key: str, verdict: str, mine: Row, theirs: Row | None) -> None:
        """Report the conflict of a `_verdict`: the project's version is kept."""
        if verdict is DELETED_HERE:
            what = self.messages.describe(table, mine)
            self._conflict(
                table,
                key,
                mine.get("article_id"),
                f"{self.name}: {what} was changed in the package but deleted in the project;"
                " it stays deleted",
                mine,
            )
            return
        assert theirs is not None
        what = self.messages.describe(table, theirs)
        self._conflict(
            table,
            key,
            mine.get("article_id"),
            f"{self.name}: {what} was changed in the package and in the project"
            f" ({self.messages.difference(table, mine, theirs)}); the project's version is kept",
            mine,
        )

    def _conflict(
        self, table: str, key: str, article: str | None, message: str, row: Row | None
    ) -> None:
        self.report.conflicts.append(MergeConflict(self.name, table, key, article, message))
        annotator = row.get("annotator") if row else None
        stored = json.dumps(row, ensure_ascii=False) if row is not None else None
        self.conflicts.append(
            StoredConflict(table, key, article, annotator or self.info.annotator, stored, message)
        )

    # -- labels -------------------------------------------------------------------------------

    def _validator(
        self, table: str, columns: Sequence[str]
    ) -> Callable[[tuple[object, ...]], None]:
        """A check of label rows of ``table`` (tuples of ``columns``): article, spans, schema."""
        at = {column: position for position, column in enumerate(columns)}
        article, start, end = at["article_id"], at.get("start", 0), at.get("end", 0)
        cue_start, cue_end = at.get("cue_start", 0), at.get("cue_end", 0)
        vocab = [(c, at[c]) for c in VOCAB_COLUMNS] if table == "claims" else []
        lengths, name = self.lengths, LABEL_NAMES[table]

        def length_of(row: tuple[object, ...]) -> int:
            if row[article] not in lengths:
                raise ValidationError(
                    f"a {name} refers to article {row[article]!r}, not in the file"
                )
            return lengths[row[article]]  # type: ignore[index]

        def spans_ok(row: tuple[object, ...], length: int) -> bool:
            """True if the row's span (and cue) are well-formed: `check_span` would pass."""
            first, last = row[start], row[end]
            if type(first) is not int or type(last) is not int or not 0 <= first < last <= length:
                return False
            if table != "claims" or row[cue_start] is None:
                return True
            first, last = row[cue_start], row[cue_end]
            return type(first) is int and type(last) is int and 0 <= first < last <= length

        def mention(row: tuple[object, ...]) -> None:
            length = length_of(row)
            if not spans_ok(row, length):
                check_span(row[start], row[end], length, "mention")

        valid = self.valid_values

        def claim(row: tuple[object, ...]) -> None:
            length = length_of(row)
            values = [(c, row[i]) for c, i in vocab]
            if valid.issuperset(values) and spans_ok(row, length):
                return  # each schema value passed `validate_claim` before, the spans are fine
            whole = claim_from_row({c: row[at[c]] for c in CLAIM_COLUMNS})
            validate_claim(whole, length, self.project.schema)
            valid.update(values)

        who, status = at["annotator"], at.get("status", 0)

        def status_of(row: tuple[object, ...]) -> None:
            length_of(row)
            if row[status] not in STATUSES:
                validate_status(Status(row[article], row[who], row[status]))  # type: ignore[arg-type]

        return {"mentions": mention, "claims": claim}.get(table, status_of)

    def _labels(self, table: str) -> None:
        """Merge the package's rows of a label table, a batch at a time.

        The rows are tuples here (there are many); a row is made a dict only
        for a conflict's message. A batch of rows that were all added since the
        package was made (none is in the base) is new in the project too,
        unless the project has such a row from elsewhere: it is inserted at
        once (`MergeWriter.insert_new`), and a row the project had already is
        left as it is and decided as any other. A batch with rows of the base
        is decided row by row against the project's rows, read for the batch.
        """
        columns, batches = package_rows.value_batches(self.package, table)
        at = {column: position for position, column in enumerate(columns)}
        key_of, digest_of = tuple_readers(table, columns)
        validate = self._validator(table, columns)
        article = at["article_id"]
        actor_columns = [at[c] for c in _ACTOR_COLUMNS.get(table, ())]
        remapped = {k: v for k, v in self.actor_map.items() if k != v}
        # The row's actors as a tuple (each twice, so that one column gives a tuple too).
        actors_of = itemgetter(*actor_columns, *actor_columns) if actor_columns else tuple
        base, snapshot = self.base, self.snapshot
        for batch in batches:
            if self.skipped:
                batch = [row for row in batch if row[article] not in self.skipped]
            for row in batch:
                validate(row)
            if remapped and actor_columns:
                names = remapped.keys()
                batch = [
                    row
                    if names.isdisjoint(actors_of(row))
                    else _remapped(row, actor_columns, remapped)
                    for row in batch
                ]
            keys = list(map(key_of, batch))
            texts = list(map(key_text, keys))
            slots = [(table, text) for text in texts]
            snapshot.update(zip(slots, map(digest_of, batch), strict=True))
            if not base.keys().isdisjoint(slots):
                self._decide_batch(table, columns, at, batch, keys, texts)
                continue
            rows = self._sourced(table, at, batch)
            there = self.writer.insert_new(table, columns, rows)
            if there:  # rare: the project had some from elsewhere; those are decided here
                current = package_rows.rows_by_key(self.project, table, there)
                for row, key, text in zip(batch, keys, texts, strict=True):
                    if key in there:
                        self._decide_row(table, columns, row, text, current[key])
                rows = [row for row, key in zip(rows, keys, strict=True) if key not in there]
            self._taken(table, at, keys, {key: {} for key in there}, rows, [])

    def _decide_batch(
        self,
        table: str,
        columns: Sequence[str],
        at: dict[str, int],
        batch: list[tuple[object, ...]],
        keys: list[tuple[object, ...]],
        texts: list[str],
    ) -> None:
        """Decide a batch of label rows one by one against the project's rows, and write them."""
        current = package_rows.rows_by_key(self.project, table, keys)
        new: list[tuple[object, ...]] = []
        changed: list[tuple[object, ...]] = []
        for row, key, text in zip(batch, keys, texts, strict=True):
            theirs = current.get(key)
            if self._decide_row(table, columns, row, text, theirs):
                (new if theirs is None else changed).append(row)
        new, changed = self._sourced(table, at, new), self._sourced(table, at, changed)
        self.writer.write_labels(table, columns, new, new=True)
        self.writer.write_labels(table, columns, changed, new=False)
        self._taken(table, at, keys, current, new, changed)

    def _decide_row(
        self,
        table: str,
        columns: Sequence[str],
        row: tuple[object, ...],
        key: str,
        theirs: Row | None,
    ) -> bool:
        """`_decide` for a row given as a tuple of ``columns``, its fingerprint already taken."""
        current = None if theirs is None else digest(table, theirs)
        verdict = self._verdict(table, key, self.snapshot[table, key], current)
        if verdict is not TAKE and verdict is not KEEP:
            self._disagree(table, key, verdict, dict(zip(columns, row, strict=True)), theirs)
        return verdict is TAKE

    def _sourced(
        self, table: str, at: dict[str, int], rows: list[tuple[object, ...]]
    ) -> list[tuple[object, ...]]:
        """Claim rows without their source where that mention is not in the project."""
        source = at.get("attr_source_mention")
        if table != "claims" or source is None:
            return rows
        kept = self._cited_mentions([row[source] for row in rows])
        return [_without_source(row, source, kept) for row in rows]

    def _taken(
        self,
        table: str,
        at: dict[str, int],
        keys: list[tuple[object, ...]],
        current: dict[tuple[object, ...], Row],
        new: list[tuple[object, ...]],
        changed: list[tuple[object, ...]],
    ) -> None:
        """Count the rows of a batch the project took (``current``: its rows found)."""
        article = at["article_id"]
        self.changed_articles.update(row[article] for rows in (new, changed) for row in rows)  # type: ignore[misc]
        if table == "mentions":
            self.mentions_seen.update(k[0] for k in keys)
            self.mentions_there.update(k[0] for k in current)
            self.mentions_there.update(row[at["id"]] for row in new)
        if table == "statuses":
            self.report.statuses += len(new) + len(changed)
        else:
            self.report.labels_added += len(new)
            self.report.labels_updated += len(changed)

    def _deleted(self, table: str) -> set[object]:
        """The ids of the mentions or claims this merge deletes."""
        if table not in self.deleted_ids:
            self.deleted_ids[table] = {key_values(table, k)["id"] for k in self.deleting[table]}
        return self.deleted_ids[table]

    def _cited_mentions(self, cited: list[object]) -> set[object]:
        """Those of these source mentions of claims that stay in the project.

        The package's mentions were merged already (it is known which are in
        the project now); only others are looked up.
        """
        wanted = set(cited) - {None} - self._deleted("mentions")
        elsewhere = wanted - self.mentions_seen
        found = package_rows.existing_keys(self.project, "mentions", ((m,) for m in elsewhere))
        return (wanted & self.mentions_there) | {k[0] for k in found}

    def _links(self) -> None:
        home = package_rows.claim_articles(self.package)
        new: list[tuple[Row, str]] = []
        for row in package_rows.rows(self.package, "claim_links"):
            if home.get(row["claim_a"]) in self.skipped or home.get(row["claim_b"]) in self.skipped:
                continue
            key = self._track("claim_links", row)
            if ("claim_links", key) in self.base:
                continue  # unchanged in the package; the project may have unlinked them
            new.append((row, key))
        linked = package_rows.existing_keys(
            self.project, "claim_links", (key_tuple("claim_links", row) for row, _ in new)
        )
        new = [(row, key) for row, key in new if key_tuple("claim_links", row) not in linked]
        ends = {c for row, _ in new for c in (row["claim_a"], row["claim_b"])}
        deleted = self._deleted("claims")
        there = {
            k[0] for k in package_rows.existing_keys(self.project, "claims", ((c,) for c in ends))
        }
        for row, key in new:
            missing = [
                c for c in (row["claim_a"], row["claim_b"]) if c in deleted or c not in there
            ]
            if missing:
                self._conflict(
                    "claim_links",
                    key,
                    home.get(row["claim_a"]),
                    f"{self.name}: {self.messages.describe('claim_links', row)} was not merged:"
                    f" claim {missing[0][:8]} is not in the project",
                    row,
                )
                continue
            self.writer.put_row("claim_links", row)
            self.report.labels_added += 1
            self.changed_articles.update(home[c] for c in (row["claim_a"], row["claim_b"]))

    def _suggestion_rows(self) -> None:
        """The annotator's rejections and provenance of accepted labels
        (`annotator.store.suggestion_share`): rows new since the base are added
        unless the project has them already (merging twice adds nothing), and
        rows of the base the package no longer has (undone there) are removed.

        Nothing is added for an article whose text differs in the project, nor
        the provenance of a new actor that the merge matched to another (that
        actor was not made by the suggestion).
        """
        for table in suggestion_share.SHARED:
            held: set[str] = set()
            new: list[Row] = []
            for row in suggestion_share.rows(self.package, table):
                key = suggestion_share.row_key(table, row)
                held.add(key)
                if row["article_id"] in self.skipped or self._matched_actor(table, row):
                    continue
                self.snapshot[table, key] = suggestion_share.PRESENT
                if (table, key) not in self.base:
                    new.append(row)
            added = suggestion_share.insert_rows(self.project, table, new)
            gone = [tuple(json.loads(k)) for t, k in self.base if t == table]
            removed = suggestion_share.delete_rows(
                self.project, table, [k for k in gone if key_text(k) not in held]
            )
            if table == "suggestion_rejections":
                self.report.rejections += added + removed
            else:
                self.report.provenance += added + removed

    def _matched_actor(self, table: str, row: Row) -> bool:
        """True for the provenance of a new actor the merge matched to another actor."""
        if table != "suggestion_provenance" or row["label"] != "actor":
            return False
        actor: str = row["label_id"]
        return self.actor_map.get(actor, actor) != actor

    # -- deletions ----------------------------------------------------------------------------

    def _plan_deletions(self) -> None:
        """Find rows of the base the package no longer has; delete those the project kept as they were."""
        tables = [t for t in TRACKED if t != "actors"]
        in_package: dict[str, set[str]] = {t: set() for t in tables}
        for table in {t for t, _ in self.base} & set(tables):  # a table without base: nothing gone
            for row in package_rows.rows(self.package, table, TRACKED[table][0]):
                in_package[table].add(row_key(table, row))
        gone = [
            (table, key, base)
            for (table, key), base in sorted(self.base.items())
            if table in in_package and key not in in_package[table]  # `_suggestion_rows`: theirs
        ]
        current = {
            table: package_rows.rows_by_key(
                self.project,
                table,
                (tuple(key_values(table, key).values()) for t, key, _ in gone if t == table),
            )
            for table in tables
        }
        for table, key, base in gone:
            theirs = current[table].get(tuple(key_values(table, key).values()))
            if theirs is None:
                continue
            if digest(table, theirs) == base:
                self.deleting[table][key] = theirs.get("article_id")
                continue
            self._conflict(
                table,
                key,
                theirs.get("article_id"),
                f"{self.name}: {self.messages.describe(table, theirs)} was deleted in the package"
                " but changed in the project; the project's version is kept",
                None,
            )

    def _delete(self) -> None:
        for key in self.deleting["claim_links"]:
            self.writer.delete("claim_links", key_values("claim_links", key))
        for key in self.deleting["claims"]:
            (claim_id,) = json.loads(key)
            self.writer.delete_claim(claim_id)
        for key in self.deleting["mentions"]:
            (mention_id,) = json.loads(key)
            self.writer.delete_mention(mention_id)
        for table in ("actor_aliases", "statuses"):
            for key in self.deleting[table]:
                self.writer.delete(table, key_values(table, key))
        for table in LABEL_TABLES:
            self.report.labels_deleted += len(self.deleting[table])
        self.report.statuses += len(self.deleting["statuses"])
        self.report.actors_updated += len(
            {json.loads(k)[0] for k in self.deleting["actor_aliases"]}
        )
        for table in ("mentions", "claims", "statuses"):
            self.changed_articles.update(a for a in self.deleting[table].values() if a)

    # -- bookkeeping --------------------------------------------------------------------------

    def _record(self) -> None:
        """Store the next base, the conflicts and the merge; write nothing if nothing changed.

        A package the project had no record of making is recorded now, with the
        assignments its own record lists (if it does).
        """
        package_id = self.info.package_id
        if self.issued is None:
            packages.record_issued(self.project, self._own_record())
        changed = packages.write_base(self.project, package_id, self.snapshot)
        found_at = now()
        changed |= packages.record_conflicts(self.project, package_id, self.conflicts, found_at)
        if changed or self.report.changes() or not self.merged_before:
            packages.record_merge(
                self.project,
                package_id,
                self.info.annotator,
                self.name,
                self.info.packaged_at,
                found_at,
            )

    def _own_record(self) -> IssuedPackage:
        """The package as its own record describes it (checked against its rows before)."""
        record = json.loads(packages.package_record(self.package) or "{}")
        assigned = (record["assigned"] or []) if "assigned" in record else None
        return IssuedPackage(
            self.info.package_id, self.info.annotator, self.info.packaged_at, self.name, assigned
        )


def _remapped(
    row: tuple[object, ...], columns: list[int], actors: dict[str, str]
) -> tuple[object, ...]:
    """The row with the package's actors in ``columns`` replaced by the project's they matched."""
    values = list(row)
    for column in columns:
        values[column] = actors.get(values[column], values[column])  # type: ignore[call-overload]
    return tuple(values)


def _without_source(row: tuple[object, ...], column: int, kept: set[object]) -> tuple[object, ...]:
    """The claim row, without its source (at ``column``) if that mention is not ``kept``.

    As when a mention is deleted in the app, the claim keeps the source's words.
    """
    mention = row[column]
    if mention is None or mention in kept:
        return row
    return (*row[:column], None, *row[column + 1 :])


def _alias_row(actor_id: str, alias: str) -> Row:
    """A new ``actor_aliases`` row (its position is set when written: after the others)."""
    return {"actor_id": actor_id, "alias": alias, "alias_key": alias.casefold(), "position": 0}
