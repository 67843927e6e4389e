"""Edits of labels: mentions, claims and their sources, claim links, statuses, gold.

`LabelEdits` gives `Project` these actions (each one transaction and one
undo step, see `annotator.store.actions`). Every label is checked
(`annotator.core.validate`) against its article and the project's schema
before it is written. The source rules of `_save_claim` keep a claim's
source meaning what the annotator meant when its claimant or source kind
changes; `accept_label` copies a label into gold (`annotator.store.adjudication`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any, TypeVar

from annotator.core.errors import ValidationError, quoted
from annotator.core.model import (
    CLAIM_ACTOR_FIELDS,
    NAMED_SOURCE,
    WORD_SOURCES,
    Attribution,
    Claim,
    ClaimLink,
    Mention,
    Status,
    new_id,
)
from annotator.core.segments import added_segment, content_fields, removed_segment
from annotator.core.spans import Span, check_span
from annotator.core.validate import validate_claim, validate_mention, validate_status
from annotator.store import adjudication
from annotator.store.actions import ProjectActions
from annotator.store.events import now
from annotator.store.rows import claim_row, mention_row, status_row

_T = TypeVar("_T")


class LabelEdits(ProjectActions):
    """`Project`'s actions on mentions, claims, links, statuses and gold (see the module's docs)."""

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
            for row in self._select(sql, (mention_id,)):
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

        A new ``start`` or ``end`` of a claim in segments (and no new
        ``segments``) moves the start of its first segment or the end of its
        last. The source rules of `_save_claim` apply, in the same action: the
        returned claim is the one saved.
        """
        old = self._existing(self.claim(claim_id))
        if old.segments and "segments" not in changes and {"start", "end"} & changes.keys():
            first, *middle, last = old.segments
            first = Span(changes.get("start", first.start), first.end)
            last = Span(last.start, changes.get("end", last.end))
            changes = {**changes, "segments": (first, *middle, last)}
        return self._save_claim(dataclasses.replace(old, **changes), "Edit claim", old)

    def add_claim_segment(self, claim_id: str, span: Span) -> Claim:
        """Add ``span`` to the claim's content as a segment of its own, in one action.

        The claim's span becomes the hull of its segments (see
        `annotator.core.segments`); its other fields stay.

        Raises:
            ValidationError: the span is outside the text or overlaps a segment
                the claim has.
        """
        claim = self._existing(self.claim(claim_id))
        check_span(span.start, span.end, self._text_length(claim.article_id), "segment")
        content = added_segment(claim.content, Span(*span))
        updated = dataclasses.replace(claim, **content_fields(content))
        return self._save_claim(updated, "Add segment", claim)

    def remove_claim_segment(self, claim_id: str, span: Span) -> Claim:
        """Remove the segment ``span`` from the claim's content, in one action.

        The claim keeps at least one segment; with one left it is a claim in
        one piece again.

        Raises:
            ValidationError: the claim has no such segment, or only that one.
        """
        claim = self._existing(self.claim(claim_id))
        content = removed_segment(claim.content, Span(*span))
        updated = dataclasses.replace(claim, **content_fields(content))
        return self._save_claim(updated, "Remove segment", claim)

    def update_attribution(self, claim_id: str, **changes: Any) -> Claim:
        """Change fields of a claim's attribution (``attribution_type=``, ``cue=`` ...)."""
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

    # -- checks -----------------------------------------------------------------------------

    def _text_length(self, article_id: str) -> int:
        """The article's length in code points, read once per article (its text never changes).

        SQLite's ``length(text)`` walks the whole text: 0.9 ms for a 1 MB article, on every
        label saved in it before this cache.
        """
        known = self._text_lengths.get(article_id)
        if known is not None:
            return known
        found = self.conn.execute(
            "SELECT length(text) FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if found is None:
            raise ValidationError(f"no article {quoted(article_id)} in this project")
        if len(self._text_lengths) >= 4096:
            self._text_lengths.clear()
        self._text_lengths[article_id] = int(found[0])
        return int(found[0])

    def _require_actor(self, actor_id: str | None, role: str) -> None:
        if actor_id is not None and self.actor(actor_id) is None:
            raise ValidationError(f"{role} refers to an actor that does not exist ({actor_id})")

    @staticmethod
    def _existing(found: _T | None) -> _T:
        if found is None:
            raise ValidationError("that label no longer exists")
        return found
