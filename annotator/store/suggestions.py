"""Suggestions in the project file: stored beside the labels, never among them.

`SuggestionEdits` gives `Project` what the suggestions of `annotator.assist`
need from the file:

- computed suggestions (`replace_suggestions`, not an undo step: like an
  import, a computation replaces what the last one stored) and the ones still
  offered to an annotator (`offered_suggestions`, `offered_suggestion`,
  `offered_counts`);
- which recommender versions computed an article, found something or not
  (``suggestion_runs``, written by `replace_suggestions`; `computed_article_ids`,
  `is_computed`): an article is computed again when a version it was computed
  with changed, a recommender was switched on, or the annotator's labels in it
  changed (every action in an article forgets its runs, `_after_action`);
- accepting (`accept_suggestions`): the labels a suggestion would create
  (claim with its cue and source, mentions, a new actor, field values, a
  link) and their provenance, one action and one undo step for one or many
  suggestions; undoing it removes the labels and offers the suggestion again;
- rejecting (`reject_suggestion`): remembered under the suggestion's key, so
  no later computation offers it again; undoable;
- the project's assist settings: recommenders on or off
  (`set_recommender_enabled`), the cue lexicon's additions per language
  (`set_lexicon`), both undoable, and the learned models (`save_learned_model`).

A suggestion is offered to an annotator while it is neither rejected nor
accepted by them and nothing they labelled covers it (`still_open`): a claim
or mention of theirs overlapping its span, a claim whose proposed fields are
all set, a link already made or to a claim that is gone.

Provenance (`provenance`) names, for each label an accepted suggestion made,
the suggestion's key, recommender, version and score, and who accepted it
when; exports read it from here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import orjson

from annotator.assist.suggestion import CLAIM, FIELDS, LINK, Accepted, Suggestion, in_text_order
from annotator.core.errors import ProjectError, ValidationError
from annotator.core.model import (
    ATTRIBUTION_VOCAB_FIELDS,
    CLAIM_ACTOR_FIELDS,
    CLAIM_VOCAB_FIELDS,
    Actor,
    Article,
    ArticleLabels,
    Claim,
    Mention,
)
from annotator.core.validate import validate_actor, validate_claim, validate_mention
from annotator.store import database
from annotator.store.actor_edits import ActorEdits
from annotator.store.events import Recorder, now
from annotator.store.label_edits import LabelEdits
from annotator.store.reader import chunks
from annotator.store.rows import (
    actor_from_rows,
    actor_row,
    alias_row,
    article_from_row,
    claim_row,
    mention_row,
)
from annotator.store.suggestion_rows import (
    AcceptedSuggestion,
    LearnedModelRecord,
    Provenance,
    link_label_id,
    open_fields,
    provenance_from_row,
    renamed,
    still_open,
    still_open_among,
    suggestion_from_row,
    suggestion_labels,
    text_order,
    with_values,
)

# -- the mixin ----------------------------------------------------------------------------------


class SuggestionEdits(ActorEdits, LabelEdits):
    """`Project`'s suggestions: stored, offered, accepted, rejected (see the module's docs)."""

    # -- computed suggestions (bulk, not undo steps) -----------------------------------------

    def replace_suggestions(
        self,
        annotator: str,
        article_ids: Iterable[str],
        suggestions: Iterable[Suggestion],
        recommenders: Iterable[str] | None = None,
        versions: Mapping[str, str] | None = None,
    ) -> int:
        """Store computed suggestions for ``annotator`` in place of those of the same articles.

        The annotator's suggestions of ``article_ids`` by ``recommenders`` (all
        when None) are deleted, then ``suggestions`` stored, in one
        transaction; rejections and provenance stay. ``versions`` (recommender
        name -> version, see `SuggestionEngine.versions`) are the recommenders
        that computed these articles: each article is recorded as computed by
        them, whether they found anything there or not (`is_computed`). Not an
        undo step. Returns the number stored.
        """
        self._writable("the suggestions")
        ids = list(dict.fromkeys(article_ids))
        names = None if recommenders is None else sorted(set(recommenders))
        created = now()
        rows = [
            (
                annotator, s.key, s.article_id, s.recommender, s.version, s.score, s.kind,
                orjson.dumps(suggestion_labels(s)).decode(), s.note, created,
            )
            for s in suggestions
        ]  # fmt: skip
        runs = [
            (annotator, article_id, name, version, created)
            for article_id in ids
            for name, version in sorted((versions or {}).items())
        ]
        with database.translate_errors(self.path, "the suggestions"), self.db.atomic():
            for part in chunks(ids):
                marks = ",".join("?" * len(part))
                for table in ("suggestions", "suggestion_runs"):
                    sql = f"DELETE FROM {table} WHERE annotator = ? AND article_id IN ({marks})"
                    params: list[Any] = [annotator, *part]
                    if names is not None:
                        sql += f" AND recommender IN ({','.join('?' * len(names))})"
                        params += names
                    self.conn.execute(sql, params)
            self.conn.executemany(
                "INSERT OR REPLACE INTO suggestions (annotator, key, article_id, recommender,"
                " version, score, kind, labels, note, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            self.conn.executemany(
                "INSERT OR REPLACE INTO suggestion_runs (annotator, article_id, recommender,"
                " version, computed_at) VALUES (?, ?, ?, ?, ?)",
                runs,
            )
        return len(rows)

    def clear_suggestions(self, annotator: str | None = None) -> int:
        """Delete every stored suggestion (of ``annotator``); rejections stay. Not an undo step."""
        self._writable("the suggestions")
        with database.translate_errors(self.path, "the suggestions"), self.db.atomic():
            cursor = self.conn.execute(
                "DELETE FROM suggestions WHERE ?1 IS NULL OR annotator = ?1", (annotator,)
            )
            self.conn.execute(
                "DELETE FROM suggestion_runs WHERE ?1 IS NULL OR annotator = ?1", (annotator,)
            )
        return int(cursor.rowcount)

    def _after_action(self, annotator: str, article_id: str | None) -> None:
        """An action (or its undo) changed something in an article: compute it again.

        The annotator's runs of the article are forgotten, so the next
        computation of the corpus computes it again (new labels change what
        the recommenders propose: values for a new claim, links). Not logged
        for undo: an undo changes the labels again, and forgets them again.
        """
        if article_id is not None:
            self.conn.execute(
                "DELETE FROM suggestion_runs WHERE annotator = ? AND article_id = ?",
                (annotator, article_id),
            )

    def _writable(self, what: str) -> None:
        if self.read_only:
            raise ProjectError(f"{self.path.name} is open read-only: {what} were not saved")

    # -- reads -------------------------------------------------------------------------------

    def stored_suggestions(
        self, article_id: str, annotator: str, include_closed: bool = False
    ) -> list[Suggestion]:
        """The annotator's suggestions for an article, in text order.

        Without ``include_closed`` only those neither rejected nor accepted by
        the annotator (nothing else is checked: see `offered_suggestions`).
        """
        sql = "SELECT * FROM suggestions s WHERE s.article_id = ? AND s.annotator = ?"
        if not include_closed:
            sql += _NOT_CLOSED
        rows = self._select(sql, (article_id, annotator))
        return in_text_order([suggestion_from_row(r) for r in rows])

    def has_suggestions(self, article_id: str, annotator: str) -> bool:
        """True if suggestions of the article are stored for the annotator (offered or not)."""
        found = self.conn.execute(
            "SELECT 1 FROM suggestions WHERE article_id = ? AND annotator = ? LIMIT 1",
            (article_id, annotator),
        ).fetchone()
        return found is not None

    def computed_article_ids(self, annotator: str, versions: Mapping[str, str]) -> set[str]:
        """The articles computed for ``annotator`` by every recommender of ``versions``.

        ``versions``: recommender name -> version, those that run now (see
        `SuggestionEngine.versions`). An article is computed when each of them,
        at that version, computed it since its labels last changed (see
        `replace_suggestions`); with no recommender running, every article is.
        """
        if not versions:
            return {r[0] for r in self.conn.execute("SELECT id FROM articles")}
        pairs = sorted(versions.items())
        values = ",".join("(?, ?)" for _ in pairs)
        rows = self.conn.execute(
            "SELECT article_id FROM suggestion_runs WHERE annotator = ?"
            f" AND (recommender, version) IN (VALUES {values})"
            " GROUP BY article_id HAVING count(*) = ?",
            [annotator, *(x for pair in pairs for x in pair), len(pairs)],
        )
        return {r[0] for r in rows}

    def is_computed(self, article_id: str, annotator: str, versions: Mapping[str, str]) -> bool:
        """True when ``article_id`` is computed for ``annotator`` (see `computed_article_ids`)."""
        pairs = sorted(versions.items())
        if not pairs:
            return True
        values = ",".join("(?, ?)" for _ in pairs)
        (found,) = self.conn.execute(
            "SELECT count(*) FROM suggestion_runs WHERE annotator = ? AND article_id = ?"
            f" AND (recommender, version) IN (VALUES {values})",
            [annotator, article_id, *(x for pair in pairs for x in pair)],
        ).fetchone()
        return int(found) == len(pairs)

    def offered_suggestions(self, article_id: str, annotator: str) -> list[Suggestion]:
        """The suggestions an annotator is offered in an article, in text order.

        Those neither rejected nor accepted by them that their labels do not
        cover (`still_open`); links only while both claims exist.
        """
        found = self.stored_suggestions(article_id, annotator)
        if not found:
            return []
        labels = self.labels(article_id, annotator)
        return still_open_among(self._links_possible(found), labels)

    def offered_suggestion(self, key: str, annotator: str) -> Suggestion | None:
        """The suggestion with ``key`` while it is offered to ``annotator`` (see above), or None."""
        rows = self._select(
            "SELECT * FROM suggestions s WHERE s.key = ? AND s.annotator = ?" + _NOT_CLOSED,
            (key, annotator),
        )
        if not rows:
            return None
        suggestion = suggestion_from_row(rows[0])
        labels = self._labels_at(suggestion, annotator)
        if not self._links_possible([suggestion]) or not still_open(suggestion, labels):
            return None
        return suggestion

    def _links_possible(self, suggestions: list[Suggestion]) -> list[Suggestion]:
        """``suggestions`` without links to claims that are gone or are linked already."""
        pairs = [s.link for s in suggestions if s.kind == LINK and s.link]
        if not pairs:
            return suggestions
        ids = sorted({c for pair in pairs for c in pair})
        existing: set[str] = set()
        linked: set[tuple[str, str]] = set()
        for part in chunks(ids):
            marks = ",".join("?" * len(part))
            existing.update(
                r[0]
                for r in self.conn.execute(f"SELECT id FROM claims WHERE id IN ({marks})", part)
            )
            linked.update(
                (r[0], r[1])
                for r in self.conn.execute(
                    f"SELECT claim_a, claim_b FROM claim_links WHERE claim_a IN ({marks})", part
                )
            )
        return [
            s
            for s in suggestions
            if s.kind != LINK
            or (s.link is not None and set(s.link) <= existing and s.link not in linked)
        ]

    def offered_counts(self, annotator: str) -> dict[str, int]:
        """Article id -> how many suggestions the annotator has there, neither rejected nor
        accepted (labels made since they were computed are not checked: a count for lists)."""
        rows = self.conn.execute(
            "SELECT s.article_id, count(*) FROM suggestions s WHERE s.annotator = ?"
            + _NOT_CLOSED
            + " GROUP BY s.article_id",
            (annotator,),
        ).fetchall()
        return {r[0]: int(r[1]) for r in rows}

    def suggestion_article_ids(self, annotator: str) -> set[str]:
        """The articles the annotator has stored suggestions for."""
        rows = self.conn.execute(
            "SELECT DISTINCT article_id FROM suggestions WHERE annotator = ?", (annotator,)
        )
        return {r[0] for r in rows}

    def iter_stored_suggestions(
        self, annotator: str | None = None, article_ids: Sequence[str] | None = None
    ) -> list[Suggestion]:
        """Stored suggestions (of ``annotator``, of ``article_ids``) neither rejected nor
        accepted by the annotator they were computed for, by article and text order."""
        sql = "SELECT * FROM suggestions s WHERE (?1 IS NULL OR s.annotator = ?1)" + _NOT_CLOSED
        if article_ids is None:
            rows = self._select(sql + " ORDER BY s.article_id", (annotator,))
        else:
            rows = []
            for part in chunks(list(article_ids)):
                marks = ",".join("?" * len(part))
                rows += self._select(sql + f" AND s.article_id IN ({marks})", (annotator, *part))
        found = [suggestion_from_row(r) for r in rows]
        by_article: dict[str, list[Suggestion]] = {}
        for s in found:
            by_article.setdefault(s.article_id, []).append(s)
        return [s for a in sorted(by_article) for s in in_text_order(by_article[a])]

    def stored_suggestions_by_article(
        self, article_ids: Sequence[str], annotator: str | None = None
    ) -> dict[str, list[tuple[str, Suggestion]]]:
        """Article id -> (annotator, suggestion) still open, for exports of many articles."""
        out: dict[str, list[tuple[str, Suggestion]]] = {}
        sql = "SELECT * FROM suggestions s WHERE (? IS NULL OR s.annotator = ?)" + _NOT_CLOSED
        for part in chunks(list(article_ids)):
            marks = ",".join("?" * len(part))
            for row in self._select(
                sql + f" AND s.article_id IN ({marks}) ORDER BY s.annotator",
                (annotator, annotator, *part),
            ):
                out.setdefault(row["article_id"], []).append(
                    (row["annotator"], suggestion_from_row(row))
                )
        for entries in out.values():
            entries.sort(key=lambda e: (e[0], *text_order(e[1])))
        return out

    def rejected_keys(self, annotator: str, article_id: str | None = None) -> set[str]:
        """The keys of the suggestions the annotator rejected (in one article, if given)."""
        rows = self.conn.execute(
            "SELECT key FROM suggestion_rejections WHERE annotator = ?1"
            " AND (?2 IS NULL OR article_id = ?2)",
            (annotator, article_id),
        )
        return {r[0] for r in rows}

    def accepted_keys(self, annotator: str, article_id: str | None = None) -> set[str]:
        """The keys of the suggestions the annotator accepted (in one article, if given)."""
        rows = self.conn.execute(
            "SELECT DISTINCT key FROM suggestion_provenance WHERE accepted_by = ?1"
            " AND (?2 IS NULL OR article_id = ?2)",
            (annotator, article_id),
        )
        return {r[0] for r in rows}

    def provenance(self, label_ids: Iterable[str]) -> dict[str, list[Provenance]]:
        """Label id -> where it came from (one entry per suggestion accepted into it)."""
        out: dict[str, list[Provenance]] = {}
        for part in chunks(list(dict.fromkeys(label_ids))):
            marks = ",".join("?" * len(part))
            for row in self._select(
                "SELECT * FROM suggestion_provenance"
                f" WHERE label_id IN ({marks}) ORDER BY accepted_at, rowid",
                part,
            ):
                out.setdefault(row["label_id"], []).append(provenance_from_row(row))
        return out

    def provenance_of(self, article_id: str, annotator: str) -> list[Provenance]:
        """Every provenance of the labels an annotator accepted in an article."""
        rows = self._select(
            "SELECT * FROM suggestion_provenance WHERE article_id = ? AND accepted_by = ?"
            " ORDER BY accepted_at, rowid",
            (article_id, annotator),
        )
        return [provenance_from_row(r) for r in rows]

    def provenance_by_article(
        self, article_ids: Sequence[str], annotator: str | None = None
    ) -> dict[str, list[Provenance]]:
        """Article id -> the provenance of the labels accepted there (by ``annotator``)."""
        out: dict[str, list[Provenance]] = {}
        for part in chunks(list(article_ids)):
            marks = ",".join("?" * len(part))
            for row in self._select(
                f"SELECT * FROM suggestion_provenance WHERE article_id IN ({marks})"
                " AND (? IS NULL OR accepted_by = ?) ORDER BY accepted_by, accepted_at, rowid",
                (*part, annotator, annotator),
            ):
                out.setdefault(row["article_id"], []).append(provenance_from_row(row))
        return out

    def all_actors(self) -> tuple[Actor, ...]:
        """The whole actor registry, aliases included, by name (for recommenders)."""
        actors = self._select("SELECT * FROM actors ORDER BY name_key, id")
        aliases: dict[str, list[dict[str, Any]]] = {}
        for row in self._select("SELECT * FROM actor_aliases ORDER BY actor_id, position, rowid"):
            aliases.setdefault(row["actor_id"], []).append(row)
        return tuple(actor_from_rows(row, aliases.get(row["id"], [])) for row in actors)

    def articles_by_id(self, article_ids: Sequence[str]) -> list[Article]:
        """The articles with these ids, in the order given (unknown ids are left out)."""
        found: dict[str, Article] = {}
        for part in chunks(list(article_ids)):
            marks = ",".join("?" * len(part))
            for row in self._select(f"SELECT * FROM articles WHERE id IN ({marks})", part):
                found[row["id"]] = article_from_row(row)
        return [found[a] for a in article_ids if a in found]

    def unknown_article_ids(self, article_ids: Iterable[str]) -> list[str]:
        """Those of ``article_ids`` that no article of the project has, in the order given."""
        ids = list(dict.fromkeys(article_ids))
        known: set[str] = set()
        for part in chunks(ids):
            marks = ",".join("?" * len(part))
            known.update(
                r[0]
                for r in self.conn.execute(f"SELECT id FROM articles WHERE id IN ({marks})", part)
            )
        return [a for a in ids if a not in known]

    def labelled_article_ids(self) -> list[str]:
        """Articles some annotator labelled (a claim, a mention, or marked done), in import order."""
        rows = self.conn.execute(
            "SELECT id FROM articles WHERE id IN (SELECT article_id FROM claims"
            " UNION SELECT article_id FROM mentions"
            " UNION SELECT article_id FROM statuses WHERE status = 'done') ORDER BY rowid"
        )
        return [r[0] for r in rows]

    def training_size(self) -> tuple[int, int]:
        """(articles some annotator labelled, claims): what a learned model would learn from."""
        (articles,) = self.conn.execute(
            "SELECT count(*) FROM (SELECT article_id, annotator FROM claims"
            " UNION SELECT article_id, annotator FROM mentions"
            " UNION SELECT article_id, annotator FROM statuses WHERE status = 'done')"
        ).fetchone()
        (claims,) = self.conn.execute("SELECT count(*) FROM claims").fetchone()
        return int(articles), int(claims)

    # -- settings ----------------------------------------------------------------------------

    def recommender_settings(self) -> dict[str, bool]:
        """Recommender name -> switched on; a recommender not listed is on."""
        rows = self.conn.execute("SELECT recommender, enabled FROM recommender_settings")
        return {r[0]: bool(r[1]) for r in rows}

    def set_recommender_enabled(self, recommender: str, enabled: bool, annotator: str) -> bool:
        """Switch a recommender on or off for the project (one action, undoable)."""
        name = recommender.strip()
        if not name:
            raise ValidationError("a recommender needs a name")
        word = "on" if enabled else "off"
        with self._action(f"Switch {name} {word}", annotator, None) as rec:
            rec.put(
                "recommender_settings",
                {"recommender": name, "enabled": int(enabled), "updated_by": annotator,
                 "updated_at": now()},
            )  # fmt: skip
        return enabled

    def lexicon_text(self, language: str) -> str | None:
        """The project's additions to the cue lexicon of ``language`` (TOML), or None."""
        found = self.conn.execute(
            "SELECT text FROM lexicons WHERE language = ?", (language,)
        ).fetchone()
        return str(found[0]) if found else None

    def lexicon_languages(self) -> list[str]:
        """The languages the project has cue lexicon additions for."""
        return [r[0] for r in self.conn.execute("SELECT language FROM lexicons ORDER BY language")]

    def set_lexicon(self, language: str, text: str | None, annotator: str) -> None:
        """Keep ``text`` (TOML, checked by the caller) as the project's cue lexicon additions of
        ``language``; None or blank removes them. One action, undoable."""
        with self._action(f"Edit cue lexicon ({language})", annotator, None) as rec:
            if text is None or not text.strip():
                rec.delete("lexicons", {"language": language})
            else:
                rec.put(
                    "lexicons",
                    {"language": language, "text": text, "updated_by": annotator,
                     "updated_at": now()},
                )  # fmt: skip

    def learned_model(self, recommender: str = "learned") -> LearnedModelRecord | None:
        """The learned model kept for ``recommender``, or None."""
        rows = self._select("SELECT * FROM learned_models WHERE recommender = ?", (recommender,))
        if not rows:
            return None
        r = rows[0]
        return LearnedModelRecord(
            r["recommender"], r["version"], bytes(r["model"]), r["annotator"],
            int(r["articles"] or 0), int(r["claims"] or 0), r["trained_at"] or "",
        )  # fmt: skip

    def save_learned_model(
        self,
        recommender: str,
        version: str,
        model: bytes,
        annotator: str | None,
        articles: int,
        claims: int,
    ) -> LearnedModelRecord:
        """Keep a learned model in place of the last (not an undo step: a retraining)."""
        self._writable("the learned model")
        record = LearnedModelRecord(recommender, version, model, annotator, articles, claims, now())
        with database.translate_errors(self.path, "the learned model"), self.db.atomic():
            self.conn.execute(
                "INSERT OR REPLACE INTO learned_models (recommender, version, model, annotator,"
                " articles, claims, trained_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                dataclasses.astuple(record),
            )
        return record

    # -- user actions ------------------------------------------------------------------------

    def reject_suggestion(self, key: str, annotator: str) -> Suggestion:
        """Reject a suggestion offered to ``annotator``: it is not offered again (undoable).

        Raises:
            ValidationError: no such suggestion is offered to them.
        """
        suggestion = self._offered(key, annotator)
        with self._action("Reject suggestion", annotator, suggestion.article_id) as rec:
            rec.put(
                "suggestion_rejections",
                {"annotator": annotator, "key": key, "article_id": suggestion.article_id,
                 "recommender": suggestion.recommender, "rejected_at": now()},
            )  # fmt: skip
        return suggestion

    def accept_suggestions(
        self, keys: Sequence[str], annotator: str, label: str = "Accept suggestion"
    ) -> list[AcceptedSuggestion]:
        """Accept suggestions offered to ``annotator``, all in one action (one undo step).

        Each makes its labels (see `Suggestion.accepted`) owned by ``annotator``,
        and a provenance row for each label made. A mention of theirs at the
        same span is reused (it takes the suggestion's actor if it has none);
        an actor the registry already knows by the proposed name stands in for
        a new one; values the schema no longer has are left open. A later
        suggestion that what an earlier one made now covers is skipped.

        Raises:
            ValidationError: a suggestion is no longer offered, or its labels are
                not valid any more (an actor deleted since); nothing is changed.
        """
        from annotator.assist.suggestion import what_is_missing

        suggestions = [self._offered(key, annotator) for key in dict.fromkeys(keys)]
        if not suggestions:
            return []
        articles = {s.article_id for s in suggestions}
        article_id = next(iter(articles)) if len(articles) == 1 else None
        done: list[AcceptedSuggestion] = []
        with self._action(label, annotator, article_id) as rec:
            for i, suggestion in enumerate(suggestions):
                if i and not self._still_offered(suggestion, annotator):
                    continue
                created = self._accept(rec, suggestion, annotator)
                done.append(
                    AcceptedSuggestion(
                        suggestion, created, what_is_missing(suggestion, self.schema)
                    )
                )
        return done

    def offered_keys(self, article_id: str, annotator: str) -> list[str]:
        """The keys of `offered_suggestions`, in text order."""
        return [s.key for s in self.offered_suggestions(article_id, annotator)]

    def _offered(self, key: str, annotator: str) -> Suggestion:
        found = self.offered_suggestion(key, annotator)
        if found is None:
            raise ValidationError(
                "that suggestion is no longer offered (accepted, rejected, computed again,"
                " or covered by a label)"
            )
        return found

    def _still_offered(self, suggestion: Suggestion, annotator: str) -> bool:
        labels = self._labels_at(suggestion, annotator)
        return bool(self._links_possible([suggestion])) and still_open(suggestion, labels)

    def _labels_at(self, suggestion: Suggestion, annotator: str) -> ArticleLabels:
        """The annotator's labels that may cover ``suggestion`` (all `still_open` looks at):
        those at its span, the claim its values are for, the claims of its link."""
        span = suggestion.span
        start, end = (span.start, span.end) if span is not None else (1 << 62, -1)
        ids: tuple[str, ...] = ()
        if suggestion.kind == FIELDS and suggestion.claim is not None:
            ids = (suggestion.claim.id,)
        elif suggestion.kind == LINK and suggestion.link is not None:
            ids = suggestion.link
        return self.labels_near(suggestion.article_id, annotator, start, end, ids)

    def _accept(self, rec: Recorder, suggestion: Suggestion, annotator: str) -> Accepted:
        """Write one suggestion's labels and provenance inside the running action.

        New labels (fresh ids) are inserted a table at a time (`Recorder.insert`):
        one statement each for the actor, the mentions, the claim and the
        provenance rows, with no read before or after.
        """
        accepted = suggestion.accepted(annotator)
        at = now()
        origins: list[dict[str, Any]] = []

        def provenance(label_id: str, label: str) -> None:
            origins.append(
                {"label_id": label_id, "key": suggestion.key, "label": label,
                 "article_id": suggestion.article_id, "recommender": suggestion.recommender,
                 "version": suggestion.version, "score": suggestion.score,
                 "accepted_by": annotator, "accepted_at": at},
            )  # fmt: skip

        ids: dict[str, str] = {}
        actor = accepted.actor
        if actor is not None:
            known = self.actors_named(actor.name)
            if known:
                ids[actor.id], actor = known[0].id, known[0]
            else:
                actor = dataclasses.replace(actor, name=actor.name.strip())
                validate_actor(actor, self.schema)
                self._check_names_free(actor.names(), None)
                rec.insert("actors", [actor_row(actor, annotator, at)])
                rec.insert(
                    "actor_aliases",
                    [alias_row(actor.id, alias, i) for i, alias in enumerate(actor.aliases)],
                )
                provenance(actor.id, "actor")
        length = (
            self._text_length(suggestion.article_id)
            if accepted.mentions or (accepted.claim is not None)
            else 0
        )
        mentions: list[Mention] = []
        fresh: list[Mention] = []
        for proposed in accepted.mentions:
            mention = dataclasses.replace(
                proposed, actor=ids.get(proposed.actor or "", proposed.actor)
            )
            validate_mention(mention, length)
            self._require_actor(mention.actor, "the suggested mention")
            found = self._mention_at(mention.article_id, annotator, mention.span)
            if found is not None:
                merged = dataclasses.replace(
                    found,
                    actor=found.actor or mention.actor,
                    source_only=found.source_only and mention.source_only,
                )
                if merged != found:
                    rec.put("mentions", mention_row(merged, at))
                ids[mention.id] = found.id
                mentions.append(merged)
            else:
                fresh.append(mention)
                provenance(mention.id, "mention")
                mentions.append(mention)
        rec.insert("mentions", [mention_row(m, at) for m in fresh])
        claim = accepted.claim
        if claim is not None and suggestion.kind == CLAIM:
            claim = self._schema_values(renamed(claim, ids))
            validate_claim(claim, length, self.schema)
            for field in CLAIM_ACTOR_FIELDS:
                self._require_actor(getattr(claim, field), f"the suggested claim's {field}")
            rec.insert("claims", [claim_row(claim, at)])
            provenance(claim.id, "claim")
        elif claim is not None and suggestion.kind == FIELDS:
            current = self.claim(claim.id)
            if current is None or current.annotator != annotator:
                raise ValidationError("the claim of that suggestion no longer exists")
            claim = self._schema_values(with_values(current, open_fields(claim, current)))
            validate_claim(claim, self._text_length(claim.article_id), self.schema)
            rec.put("claims", claim_row(claim, at))
            provenance(claim.id, "fields")
        link = accepted.link
        if link is not None:
            first, second = self.claim(link.claim_a), self.claim(link.claim_b)
            if first is None or second is None:
                raise ValidationError("a claim of that link suggestion no longer exists")
            if first.article_id == second.article_id:
                raise ValidationError("linked claims must be in two different articles")
            rec.put("claim_links", dataclasses.asdict(link))
            provenance(link_label_id(link), "link")
        rec.insert("suggestion_provenance", origins)
        return Accepted(claim, tuple(mentions), link, actor)

    def _schema_values(self, claim: Claim) -> Claim:
        """``claim`` with the vocabulary values the schema does not have left open."""
        schema = self.schema

        def kept(name: str, value: str | None) -> str | None:
            if value is None or name not in schema.fields:
                return None
            return value if schema.allows(name, value) else None

        values = {name: kept(name, getattr(claim, name)) for name in CLAIM_VOCAB_FIELDS}
        attribution = dataclasses.replace(
            claim.attribution,
            **{n: kept(n, getattr(claim.attribution, n)) for n in ATTRIBUTION_VOCAB_FIELDS},  # type: ignore[arg-type]
        )
        extra = {
            k: v for k, v in claim.extra.items() if k not in schema.fields or schema.allows(k, v)
        }
        return dataclasses.replace(claim, **values, attribution=attribution, extra=extra)  # type: ignore[arg-type]


_NOT_CLOSED = (
    " AND NOT EXISTS (SELECT 1 FROM suggestion_rejections r"
    "  WHERE r.annotator = s.annotator AND r.key = s.key)"
    " AND NOT EXISTS (SELECT 1 FROM suggestion_provenance p"
    "  WHERE p.key = s.key AND p.accepted_by = s.annotator)"
)
"""Leaves out suggestions (``s``) their annotator rejected or accepted."""
