"""The project: one SQLite file holding articles, the actor registry, labels and history.

`Project` and the store modules beside it (`bulk` for imports, `backup`, and
`packages`, `package_rows` and `merging` for work packages and their merges)
are the only way the rest of the product reads or writes a project
file. Every user action (add a claim, set a status, merge two actors) is one
method that runs in one transaction and is logged for undo, so what the user
saw saved is on disk. Reads that can be long live in `queries`.
"""

from __future__ import annotations

import dataclasses
import logging
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import sqlite_utils

from annotator.core.errors import (
    BackupError,
    ProjectError,
    UndoConflictError,
    ValidationError,
    quoted,
)
from annotator.core.model import (
    CLAIM_ACTOR_FIELDS,
    NAMED_SOURCE,
    WORD_SOURCES,
    Actor,
    Article,
    Attribution,
    Claim,
    ClaimLink,
    Mention,
    Status,
    new_id,
)
from annotator.core.schema import LabelSchema, default_schema
from annotator.core.spans import Span, check_span
from annotator.core.validate import (
    validate_actor,
    validate_claim,
    validate_mention,
    validate_status,
)
from annotator.store import adjudication, database
from annotator.store.backup import backup_connection
from annotator.store.events import Event, EventLog, Recorder, now
from annotator.store.lock import ProjectLock
from annotator.store.migrations import SCHEMA_VERSION, migrate
from annotator.store.queries import ProjectQueries
from annotator.store.rows import (
    actor_row,
    alias_row,
    claim_row,
    dumps,
    loads,
    mention_row,
    status_row,
)
from annotator.store.schema_changes import SchemaChanges

_T = TypeVar("_T")
log = logging.getLogger(__name__)


def _in_sentence(label: str) -> str:
    """An action's label inside a message: only its first letter is lowered, names keep theirs."""
    return label[:1].lower() + label[1:]


def _back_up_before_upgrade(conn: sqlite3.Connection, path: Path) -> None:
    """Back up a file of an older version before `migrate` writes to it.

    Raises:
        BackupError: it could not be backed up; it is then not upgraded either.
    """
    try:
        backup_connection(conn, path, "before-migration")
    except BackupError as exc:
        raise BackupError(
            f"{path.name} is from an older version and is backed up before it is upgraded, "
            f"but {exc}. It was not upgraded and not changed; open it again once a backup "
            "can be made."
        ) from None


class Project(SchemaChanges, ProjectQueries):
    """An open project file.

    Use `Project.create` or `Project.open`, and `close` it (or use ``with``).
    """

    def __init__(self, path: Path, db: sqlite_utils.Database, lock: ProjectLock | None) -> None:
        self.path = path
        self.db = db
        self.conn: sqlite3.Connection = db.conn
        self.read_only = lock is None
        self._lock = lock
        meta = dict(self.conn.execute("SELECT key, value FROM meta").fetchall())
        self.project_id: str = meta["project_id"]
        self.schema: LabelSchema = self._load_schema(meta["schema"])
        self.events = EventLog(self.conn)
        self._label: str | None = None  # see `labelled`
        self._logged: list[Event] = []  # the entries logged inside `labelled`
        self.closed = False

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path | str, schema: LabelSchema | None = None) -> Project:
        """Create a new project file (refusing to overwrite one) and open it."""
        path = Path(path)
        database.create_file(path, (schema or default_schema()).source)
        return cls.open(path)

    @classmethod
    def open(cls, path: Path | str, read_only: bool = False, user: str | None = None) -> Project:
        """Open a project file, upgrading it if it is from an older version.

        Args:
            path: the project file.
            read_only: open without the lock and without writing anything.
            user: the name recorded in the lock for others to see.

        The file is checked on a read-only connection first (see
        `database.check_readable`); only a project of a version this code
        reads is then opened for writing. An older file is backed up (reason
        ``before-migration``, see `annotator.store.backup`) before the upgrade
        writes anything to it.

        Raises:
            ProjectError: not a project, a newer version, damaged, (ProjectInUseError)
                open elsewhere, or (ReadOnlyProjectError) not writable here when
                ``read_only`` is False.
            BackupError: an older file could not be backed up, so it was not upgraded
                (and not changed).
        """
        path = Path(path)
        database.check_header(path)
        if not read_only:
            database.check_writable(path)
        lock = None if read_only else ProjectLock(path, user)
        try:
            db = database.connect(path, read_only=True)
            try:
                version = database.check_readable(db, path)
                if not read_only:
                    db.close()
                    db = database.connect(path, read_only=False)
                    if version < SCHEMA_VERSION:
                        _back_up_before_upgrade(db.conn, path)
                        with database.translate_errors(path, "the upgraded project"):
                            migrate(db)
                elif version < SCHEMA_VERSION:
                    raise ProjectError(
                        f"{path} is from an older version and must be upgraded: "
                        "open it normally once"
                    )
                opened = cls(path, db, lock)
                log.info("opened %s%s", path, " read-only" if read_only else "")
                return opened
            except BaseException:
                db.close()
                raise
        except sqlite3.DatabaseError as exc:
            if lock:
                lock.release()
            # OperationalError: SQLite could not open or read the file; any
            # other DatabaseError (corrupt, not a database) is damage.
            if not isinstance(exc, sqlite3.OperationalError):
                raise database.damaged(path, exc) from None
            raise ProjectError(f"{path} cannot be opened: {exc}") from None
        except BaseException:
            if lock:
                lock.release()
            raise

    def close(self) -> None:
        """Close the file and release the lock; closing twice is harmless."""
        if not self.closed:
            log.info("closed %s", self.path)
        self.closed = True
        self.db.close()
        if self._lock:
            self._lock.release()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the action mechanism ---------------------------------------------------------------

    @contextmanager
    def labelled(self, label: str) -> Iterator[list[Event]]:
        """Name the actions run inside as the user saw them (\"Set stance\", not \"Edit claim\").

        The name is what Edit › Undo shows, also after a restart. Yields a list
        that receives the log entry of each action run inside (none when an
        action changed nothing), so the caller knows what it did without
        asking the log again.
        """
        self._label, self._logged = label, []
        try:
            yield self._logged
        finally:
            self._label, self._logged = None, []

    @contextmanager
    def _action(self, label: str, annotator: str, article_id: str | None) -> Iterator[Recorder]:
        """One user action: one transaction, logged for undo when it changed anything."""
        label = self._label or label
        what = _in_sentence(label)
        if self.read_only:
            raise ProjectError(f"{self.path.name} is open read-only: {what} was not saved")
        with database.translate_errors(self.path, what), self.db.atomic():
            recorder = Recorder(self.conn)
            yield recorder
            if recorder.changes:
                event = self.events.append(annotator, label, article_id, recorder.changes)
                if self._label is not None:  # only `labelled` reads them: none pile up outside
                    self._logged.append(event)

    def _text_length(self, article_id: str) -> int:
        found = self.conn.execute(
            "SELECT length(text) FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if found is None:
            raise ValidationError(f"no article {quoted(article_id)} in this project")
        return int(found[0])

    def _require_actor(self, actor_id: str | None, role: str) -> None:
        if actor_id is not None and self.actor(actor_id) is None:
            raise ValidationError(f"{role} refers to an actor that does not exist ({actor_id})")

    # -- actors -----------------------------------------------------------------------------

    def add_actor(
        self, name: str, annotator: str, type: str | None = None, aliases: tuple[str, ...] = ()
    ) -> Actor:
        """Add an actor to the registry."""
        actor = Actor(new_id(), name.strip(), type, tuple(a.strip() for a in aliases))
        validate_actor(actor, self.schema)
        self._check_names_free(actor.names(), None)
        with self._action(f"Add actor {actor.name}", annotator, None) as rec:
            rec.put("actors", actor_row(actor, annotator, now()))
            for position, alias in enumerate(actor.aliases):
                rec.put("actor_aliases", alias_row(actor.id, alias, position))
        return actor

    def update_actor(self, actor_id: str, annotator: str, **changes: Any) -> Actor:
        """Rename an actor or change its type (``name=``, ``type=``)."""
        actor = self._existing_actor(actor_id)
        updated = dataclasses.replace(actor, **changes)
        validate_actor(updated, self.schema)
        if "name" in changes:
            self._check_names_free([updated.name], actor_id)
        with self._action(f"Edit actor {updated.name}", annotator, None) as rec:
            row = actor_row(updated, None, now())
            row["created_by"] = self._actor_creator(actor_id)
            rec.put("actors", row)
        return updated

    def add_alias(self, actor_id: str, alias: str, annotator: str) -> Actor:
        """Give an actor another name ("Beijing" for China)."""
        actor = self._existing_actor(actor_id)
        alias = alias.strip()
        validate_actor(dataclasses.replace(actor, aliases=(*actor.aliases, alias)), self.schema)
        self._check_names_free([alias], actor_id)
        with self._action(f"Add alias {alias}", annotator, None) as rec:
            rec.put(
                "actor_aliases", alias_row(actor_id, alias, self._next_alias_position(actor_id))
            )
        return dataclasses.replace(actor, aliases=(*actor.aliases, alias))

    def remove_alias(self, actor_id: str, alias: str, annotator: str) -> None:
        """Remove one alias of an actor."""
        with self._action(f"Remove alias {alias}", annotator, None) as rec:
            rec.delete("actor_aliases", {"actor_id": actor_id, "alias": alias})

    def merge_actors(self, keep_id: str, other_id: str, annotator: str) -> Actor:
        """Fold ``other`` into ``keep``: its labels follow, its names become aliases."""
        keep, other = self._existing_actor(keep_id), self._existing_actor(other_id)
        if keep_id == other_id:
            raise ValidationError("cannot merge an actor with itself")
        known = {n.casefold() for n in keep.names()}
        new_aliases = [n for n in other.names() if n.casefold() not in known]
        with self._action(f"Merge {other.name} into {keep.name}", annotator, None) as rec:
            first = self._next_alias_position(keep_id)
            for position, alias in enumerate(new_aliases, start=first):
                rec.put("actor_aliases", alias_row(keep_id, alias, position))
            for row in self._rows("SELECT * FROM mentions WHERE actor_id = ?", other_id):
                rec.put("mentions", {**row, "actor_id": keep_id})
            for field in CLAIM_ACTOR_FIELDS:
                sql = f"SELECT * FROM claims WHERE {field} = ?"
                for row in self._rows(sql, other_id):
                    rec.put("claims", {**row, field: keep_id})
            for alias in other.aliases:
                rec.delete("actor_aliases", {"actor_id": other_id, "alias": alias})
            rec.delete("actors", {"id": other_id})
        return dataclasses.replace(keep, aliases=(*keep.aliases, *new_aliases))

    def _check_names_free(self, names: Iterable[str], actor_id: str | None) -> None:
        """Refuse a name or alias that (ignoring case and end spaces) another actor has.

        Lookup by name ignores case, so two actors sharing one would make "the
        actor named X" ambiguous; `merge_actors` is the way to combine them.
        """
        for name in names:
            key = name.strip().casefold()
            for other in self.actors_named(name):
                if other.id == actor_id:
                    continue
                what = "the name" if other.name.casefold() == key else "an alias"
                raise ValidationError(
                    f"{quoted(name.strip())} is already {what} of {other.name} (actor {other.id})"
                )

    def _existing_actor(self, actor_id: str) -> Actor:
        actor = self.actor(actor_id)
        if actor is None:
            raise ValidationError(f"no actor {quoted(actor_id)} in this project")
        return actor

    def _next_alias_position(self, actor_id: str) -> int:
        # After the last position, not at the count: after a removal the count
        # repeats a position, and equal positions fall back to row order, which
        # an undo that re-inserts a row does not keep.
        found = self.conn.execute(
            "SELECT coalesce(max(position) + 1, 0) FROM actor_aliases WHERE actor_id = ?",
            (actor_id,),
        )
        return int(found.fetchone()[0])

    def _actor_creator(self, actor_id: str) -> str | None:
        found = self.conn.execute("SELECT created_by FROM actors WHERE id = ?", (actor_id,))
        creator: str | None = found.fetchone()[0]
        return creator

    def _rows(self, sql: str, *params: Any) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]

    # -- mentions ---------------------------------------------------------------------------

    def add_mention(
        self, article_id: str, annotator: str, start: int, end: int, actor: str | None = None
    ) -> Mention:
        """Mark ``text[start:end]`` as a mention of ``actor``.

        The annotator's mention with exactly this span, if there is one, is
        reused rather than doubled: one made only as a claim's source becomes
        a marked mention, and it takes ``actor`` when one is given.
        """
        found = self._mention_at(article_id, annotator, Span(start, end))
        if found is None:
            mention = Mention(new_id(), article_id, annotator, start, end, actor)
        else:
            mention = dataclasses.replace(found, actor=actor or found.actor, source_only=False)
        if mention != found:
            self._save_mention(mention, "Add mention")
        return mention

    def _mention_at(self, article_id: str, annotator: str, span: Span) -> Mention | None:
        """The annotator's mention with exactly ``span`` in the article, if any."""
        found = self.conn.execute(
            "SELECT id FROM mentions WHERE article_id = ? AND annotator = ?"
            ' AND start = ? AND "end" = ? ORDER BY rowid LIMIT 1',
            (article_id, annotator, span.start, span.end),
        ).fetchone()
        return self.mention(found[0]) if found else None

    def add_mentions(
        self, article_id: str, annotator: str, spans: list[Span], actor: str | None
    ) -> list[Mention]:
        """Mark several spans as mentions of one actor, as one action (one undo step)."""
        mentions = [Mention(new_id(), article_id, annotator, *span, actor) for span in spans]
        length = self._text_length(article_id)
        for mention in mentions:
            validate_mention(mention, length)
        self._require_actor(actor, "the mentions")
        label = f"Mark {len(mentions)} mention{'s' * (len(mentions) != 1)}"
        with self._action(label, annotator, article_id) as rec:
            for mention in mentions:
                rec.put("mentions", mention_row(mention, now()))
        return mentions

    def update_mention(self, mention_id: str, **changes: Any) -> Mention:
        """Change a mention's actor or span."""
        mention = dataclasses.replace(self._existing(self.mention(mention_id)), **changes)
        self._save_mention(mention, "Edit mention")
        return mention

    def _save_mention(self, mention: Mention, label: str) -> None:
        validate_mention(mention, self._text_length(mention.article_id))
        self._require_actor(mention.actor, "the mention")
        with self._action(label, mention.annotator, mention.article_id) as rec:
            rec.put("mentions", mention_row(mention, now()))

    def delete_mention(self, mention_id: str) -> None:
        """Delete a mention; claims citing it as their source keep the source's words."""
        mention = self._existing(self.mention(mention_id))
        with self._action("Delete mention", mention.annotator, mention.article_id) as rec:
            sql = "SELECT * FROM claims WHERE attr_source_mention = ?"
            for row in self._rows(sql, mention_id):
                rec.put("claims", {**row, "attr_source_mention": None})
            rec.delete("mentions", {"id": mention_id})

    # -- claims -----------------------------------------------------------------------------

    def add_claim(
        self, article_id: str, annotator: str, start: int, end: int, **fields: Any
    ) -> Claim:
        """Mark ``text[start:end]`` as a claim, with any fields already known."""
        claim = Claim(new_id(), article_id, annotator, start, end, **fields)
        return self._save_claim(claim, "Add claim")

    def update_claim(self, claim_id: str, **changes: Any) -> Claim:
        """Change any field of a claim; ``attribution=`` takes a whole `Attribution`.

        The source rules of `_save_claim` apply, in the same action: the
        returned claim is the one saved.
        """
        old = self._existing(self.claim(claim_id))
        return self._save_claim(dataclasses.replace(old, **changes), "Edit claim", old)

    def update_attribution(self, claim_id: str, **changes: Any) -> Claim:
        """Change fields of a claim's attribution (``type=``, ``cue=`` ...)."""
        claim = self._existing(self.claim(claim_id))
        attribution: Attribution = dataclasses.replace(claim.attribution, **changes)
        return self.update_claim(claim_id, attribution=attribution)

    def set_claim_source(self, claim_id: str, span: Span, actor: str | None) -> Claim:
        """Make ``span`` the claim's cited source, in one action.

        The span becomes a mention of ``actor`` (the annotator's mention with
        that exact span is reused; a new one is made source-only, see
        `Mention`); the claim's attribution points at it and takes its words.
        When the mention has an actor, that actor becomes the claimant and the
        source kind `NAMED_SOURCE`, unless they are set. The source rules of
        `_save_claim` apply: the source it replaces may go, and a source of an
        unnamed, document or author kind stays words without a mention.
        """
        claim = self._existing(self.claim(claim_id))
        self._require_actor(actor, "the source")
        check_span(span.start, span.end, self._text_length(claim.article_id), "source")
        mention = self._mention_at(claim.article_id, claim.annotator, span)
        if mention is None:
            mention = Mention(
                new_id(), claim.article_id, claim.annotator, *span, actor, source_only=True
            )
        elif actor is not None:
            mention = dataclasses.replace(mention, actor=actor)
        attribution = dataclasses.replace(
            claim.attribution,
            source_mention=mention.id,
            source_text=self._words(claim.article_id, span),
            source_kind=self._new_source_kind(claim.attribution, mention),
        )
        claimant = claim.claimant
        if claimant is None or claimant == self._source_actor(claim.attribution):
            claimant = mention.actor  # the claimant followed the old source: it follows this one
        updated = dataclasses.replace(claim, attribution=attribution, claimant=claimant)
        return self._save_claim(updated, "Set source", claim, mention)

    def _new_source_kind(self, old: Attribution, mention: Mention) -> str | None:
        """The source kind after the source became ``mention``.

        A kind chosen before any source was set is kept, as is a kind of the
        project's own (not one of the fixed concepts). Otherwise, when the
        source is replaced: a mention of an actor is a named source (when the
        schema has that kind); words that name no actor keep an unnamed,
        document or author kind (the annotator corrects the words) and leave
        the kind open after a named source (the annotator chooses again).
        """
        first = old.source_mention is None and old.source_text is None
        fixed = old.source_kind in (NAMED_SOURCE, *WORD_SOURCES)
        if old.source_kind is not None and (first or not fixed):
            return old.source_kind
        if mention.actor is not None:
            return NAMED_SOURCE if self.schema.allows("source_kind", NAMED_SOURCE) else None
        return old.source_kind if old.source_kind in WORD_SOURCES else None

    def _source_actor(self, attribution: Attribution) -> str | None:
        """The actor of the mention an attribution cites, if any."""
        if attribution.source_mention is None:
            return None
        mention = self.mention(attribution.source_mention)
        return mention.actor if mention is not None else None

    def _words(self, article_id: str, span: Span) -> str:
        """``text[start:end]`` of an article, read without loading its whole text."""
        found = self.conn.execute(
            "SELECT substr(text, ?, ?) FROM articles WHERE id = ?",
            (span.start + 1, span.end - span.start, article_id),
        ).fetchone()
        return str(found[0]) if found else ""

    def _save_claim(
        self, claim: Claim, label: str, old: Claim | None = None, source: Mention | None = None
    ) -> Claim:
        """Check and save a claim in one action, applying the source rules to an edit.

        When a claim is edited (``old`` is the claim before), in the same action:

        - a source kind other than `NAMED_SOURCE` turns a source mention without
          an actor into words: ``source_text`` keeps them, ``source_mention``
          becomes None;
        - otherwise, a claimant newly chosen, or the kind newly set to named
          while a claimant is set, gives a source mention without an actor the
          claimant;
        - a source-only mention the claim no longer cites is deleted when no
          other claim cites it.

        Args:
            claim: the claim to save.
            label: the action's name in the undo history.
            old: the claim as stored before this edit; None for a new claim.
            source: the mention the claim cites, when it is new or changed
                (`set_claim_source`); otherwise it is read.

        Returns:
            The claim as saved.
        """
        length = self._text_length(claim.article_id)
        validate_claim(claim, length, self.schema)
        for field in CLAIM_ACTOR_FIELDS:
            self._require_actor(getattr(claim, field), f"the claim's {field}")
        if source is None and claim.attribution.source_mention is not None:
            source = self.mention(claim.attribution.source_mention)
            if source is None or source.article_id != claim.article_id:
                raise ValidationError(
                    "the attribution's source must be a mention in the same article"
                )
        if source is not None:
            validate_mention(source, length)
        if old is not None:
            claim, source = self._apply_source_rules(old, claim, source)
        if source is not None and self.mention(source.id) == source:
            source = None  # unchanged: nothing to write
        orphan = self._orphaned_source(old, claim)
        with self._action(label, claim.annotator, claim.article_id) as rec:
            if source is not None:
                rec.put("mentions", mention_row(source, now()))
            rec.put("claims", claim_row(claim, now()))
            if orphan is not None:
                rec.delete("mentions", {"id": orphan})
        return claim

    def _apply_source_rules(
        self, old: Claim, claim: Claim, source: Mention | None
    ) -> tuple[Claim, Mention | None]:
        """The claim and its source mention after the rules of `_save_claim` (None: no mention)."""
        if source is None or source.actor is not None:
            return claim, source
        attribution = claim.attribution
        if attribution.source_is_words:
            words = attribution.source_text or self._words(claim.article_id, source.span)
            attribution = dataclasses.replace(attribution, source_mention=None, source_text=words)
            return dataclasses.replace(claim, attribution=attribution), None
        chosen = claim.claimant is not None and claim.claimant != old.claimant
        named_now = attribution.source_kind == NAMED_SOURCE != old.attribution.source_kind
        if claim.claimant is not None and (chosen or named_now):  # its words name the claimant
            return claim, dataclasses.replace(source, actor=claim.claimant)
        return claim, source

    def _orphaned_source(self, old: Claim | None, claim: Claim | None) -> str | None:
        """The source-only mention ``old`` cited and ``claim`` (None: deleted) no longer does.

        None when there is none, it was marked as a mention, or another claim cites it.
        """
        gone = old.attribution.source_mention if old is not None else None
        if gone is None or (claim is not None and claim.attribution.source_mention == gone):
            return None
        assert old is not None
        found = self.conn.execute(
            "SELECT source_only FROM mentions WHERE id = ?1 AND NOT EXISTS"
            " (SELECT 1 FROM claims WHERE attr_source_mention = ?1 AND id != ?2)",
            (gone, old.id),
        ).fetchone()
        return gone if found is not None and found[0] else None

    def delete_claim(self, claim_id: str) -> None:
        """Delete a claim and its links; its source-only source goes unless cited elsewhere."""
        claim = self._existing(self.claim(claim_id))
        orphan = self._orphaned_source(claim, None)
        with self._action("Delete claim", claim.annotator, claim.article_id) as rec:
            for a, b in self.conn.execute(
                "SELECT claim_a, claim_b FROM claim_links WHERE claim_a = ?1 OR claim_b = ?1",
                (claim_id,),
            ).fetchall():
                rec.delete("claim_links", {"claim_a": a, "claim_b": b})
            rec.delete("claims", {"id": claim_id})
            if orphan is not None:
                rec.delete("mentions", {"id": orphan})

    def link_claims(self, one: str, other: str, annotator: str) -> ClaimLink:
        """Record that two claims in different articles are the same claim."""
        first, second = self._existing(self.claim(one)), self._existing(self.claim(other))
        if first.article_id == second.article_id:
            raise ValidationError("linked claims must be in two different articles")
        link = ClaimLink.between(one, other, annotator)
        with self._action("Link claims", annotator, first.article_id) as rec:
            rec.put("claim_links", dataclasses.asdict(link))
        return link

    def unlink_claims(self, one: str, other: str, annotator: str) -> None:
        """Remove the link between two claims."""
        link = ClaimLink.between(one, other, annotator)
        with self._action("Unlink claims", annotator, None) as rec:
            rec.delete("claim_links", {"claim_a": link.claim_a, "claim_b": link.claim_b})

    # -- status -----------------------------------------------------------------------------

    def set_status(
        self, article_id: str, annotator: str, status: str, comment: str | None = None
    ) -> Status:
        """Set one annotator's status on an article; ``comment=None`` keeps the comment."""
        self._text_length(article_id)
        current = self.status(article_id, annotator)
        new = Status(article_id, annotator, status, current.comment if comment is None else comment)
        validate_status(new)
        with self._action(f"Mark {status.replace('_', ' ')}", annotator, article_id) as rec:
            rec.put("statuses", status_row(new, now()))
        return new

    # -- adjudication -------------------------------------------------------------------------

    def accept_label(self, label_id: str, lead: str, replacing: Sequence[str] = ()) -> str:
        """Copy an annotator's claim or mention into gold, as one action logged for ``lead``.

        See `annotator.store.adjudication` for what comes along (the claim's
        source mention, links between gold claims) and what replacing does.

        Args:
            label_id: a claim or mention of any annotator but gold.
            lead: who adjudicates; the action is in their undo history.
            replacing: gold labels of the same article that the copy replaces.

        Returns:
            The id of the new gold label.

        Raises:
            ValidationError: no such label, it is gold already, or a label to
                replace is not a gold label of its article.
        """
        label: Claim | Mention | None = self.claim(label_id) or self.mention(label_id)
        if label is None:
            raise ValidationError("that label no longer exists")
        what = "claim" if isinstance(label, Claim) else "mention"
        with self._action(f"Accept {what}", lead, label.article_id) as rec:
            return adjudication.accept(self, rec, label, replacing)

    # -- undo -------------------------------------------------------------------------------

    def undo(self, annotator: str) -> Event | None:
        """Undo the annotator's last action; None when there is nothing to undo."""
        return self._replay(annotator, undo=True)

    def redo(self, annotator: str) -> Event | None:
        """Redo the annotator's last undone action; None when there is nothing to redo."""
        return self._replay(annotator, undo=False)

    def _replay(self, annotator: str, undo: bool) -> Event | None:
        event = self.events.next_undo(annotator) if undo else self.events.next_redo(annotator)
        if event is None:
            return None
        if self.read_only:
            raise ProjectError(f"{self.path.name} is open read-only")
        doing = f"{'undo' if undo else 'redo'} of {_in_sentence(event.label)}"
        try:
            with database.translate_errors(self.path, doing), self.db.atomic():
                if undo:
                    self.events.undo(event)
                else:
                    self.events.redo(event)
        except ProjectError as exc:
            if "refers to" in str(exc):
                raise UndoConflictError(
                    f"cannot {'undo' if undo else 'redo'} {quoted(event.label)}: "
                    "later labels depend on what it changed"
                ) from None
            raise
        return event

    @staticmethod
    def _existing(found: _T | None) -> _T:
        if found is None:
            raise ValidationError("that label no longer exists")
        return found

    # -- assignments --------------------------------------------------------------------------

    def set_assignments(
        self, assignments: Iterable[tuple[str, str]], plan: dict[str, Any] | None = None
    ) -> int:
        """Replace every assignment with ``(article id, annotator)`` pairs, in one transaction.

        Labels and statuses are not touched. Like an import, this is not an undo
        step: a new plan replaces the old one. ``plan`` (how it was made) is kept
        in the project's settings. Returns the number of assignments stored.

        Raises:
            ValidationError: an article id is not in the project (nothing is changed).
        """
        if self.read_only:
            raise ProjectError(
                f"{self.path.name} is open read-only: the assignments were not saved"
            )
        with database.translate_errors(self.path, "the assignments"), self.db.atomic():
            self.conn.execute("PRAGMA defer_foreign_keys = ON")  # checked below, by name
            self.conn.execute("DELETE FROM assignments")
            self.conn.executemany(
                "INSERT OR IGNORE INTO assignments (article_id, annotator) VALUES (?, ?)",
                assignments,
            )
            unknown = self.conn.execute(
                "SELECT article_id FROM assignments"
                " WHERE article_id NOT IN (SELECT id FROM articles) LIMIT 1"
            ).fetchone()
            if unknown is not None:
                raise ValidationError(
                    f"cannot assign article {quoted(unknown[0])}: it is not in the project"
                )
            self.conn.execute("DELETE FROM meta WHERE key = 'assignment_plan'")
            if plan is not None:
                self.conn.execute(
                    "INSERT INTO meta (key, value) VALUES ('assignment_plan', ?)", (dumps(plan),)
                )
            count = self.conn.execute("SELECT count(*) FROM assignments").fetchone()[0]
        return int(count)

    def assignment_plan(self) -> dict[str, Any] | None:
        """How the current assignments were made (see `set_assignments`), or None."""
        found = self.conn.execute("SELECT value FROM meta WHERE key = 'assignment_plan'").fetchone()
        return loads(found[0]) if found else None

    # -- import -----------------------------------------------------------------------------

    def add_articles(self, articles: list[Article]) -> None:
        """Insert new articles in one transaction (tests and small imports)."""
        from annotator.store.bulk import BulkWriter

        with BulkWriter(self) as writer:
            for article in articles:
                writer.add_article(article)
