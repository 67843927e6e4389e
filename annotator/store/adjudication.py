"""Accepting one annotator's label into the adjudicated labels (annotator ``gold``).

`Project.accept_label` runs `accept` inside one logged action, so accepting a
label (with everything it brings along and everything it replaces) is one
transaction and one undo step. The rules:

Copy
    The label is copied with a new id and annotator ``gold``; every other field
    stays as it is. Actors are shared by everyone, so claimant, addressee,
    target and a mention's actor keep their ids.

Replacing
    ``replacing`` names gold labels (claims or mentions) of the same article,
    typically the gold label already in the label's group (accept the left
    version, then the right one instead). They are deleted in the same action.
    A replaced gold claim's links move to the new claim: it is the same claim,
    settled again. Gold claims citing a replaced gold mention cite the new one
    when a mention is accepted (taking its words as ``source_text``); when a
    claim is accepted they lose the mention and keep its words, as after
    `Project.delete_mention`.

The source of a claim
    A gold claim never cites another annotator's mention. The gold mention with
    exactly the source mention's span is cited if there is one (its actor
    stands: it was settled already); otherwise the source mention is copied
    into gold too, in the same action. The source's words (``source_text``)
    are kept either way.

Links
    Links are made only between gold claims. For each link of the accepted
    claim to a claim X in another article, every gold claim with exactly X's
    span in X's article is linked to the new claim. As this happens whichever
    end is accepted second, accepting both ends of a link gives the gold link.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from annotator.core.errors import ValidationError, quoted
from annotator.core.model import GOLD, ArticleLabels, Claim, ClaimLink, Mention, new_id
from annotator.store.events import Recorder, now
from annotator.store.queries import ProjectQueries
from annotator.store.rows import claim_row, mention_row


def accept(
    project: ProjectQueries, rec: Recorder, label: Claim | Mention, replacing: Sequence[str]
) -> str:
    """Copy ``label`` into gold through ``rec``, replacing the gold labels ``replacing``.

    Args:
        project: the open project (read for the gold labels of the article).
        rec: the recorder of the running action.
        label: a claim or mention of any annotator but gold.
        replacing: ids of gold claims or mentions of the same article to delete.

    Returns:
        The id of the new gold label.

    Raises:
        ValidationError: the label is gold already, or a label to replace is
            not a gold label of the same article.
    """
    if label.annotator == GOLD:
        raise ValidationError("that label is already in gold")
    gold = project.labels(label.article_id, GOLD)
    old_claims, old_mentions = _replaced(gold, replacing)
    stamp = now()
    if isinstance(label, Mention):
        mention = dataclasses.replace(label, id=new_id(), annotator=GOLD)
        rec.put("mentions", mention_row(mention, stamp))
        _drop_mentions(project, rec, old_mentions, mention, stamp)
        _drop_claims(rec, gold, old_claims, None)
        return mention.id
    source = _gold_source(project, rec, gold, label, stamp)
    attribution = dataclasses.replace(label.attribution, source_mention=source)
    claim = dataclasses.replace(label, id=new_id(), annotator=GOLD, attribution=attribution)
    rec.put("claims", claim_row(claim, stamp))
    for other in _gold_ends(project, label):
        rec.put("claim_links", dataclasses.asdict(ClaimLink.between(claim.id, other, GOLD)))
    _drop_claims(rec, gold, old_claims, claim.id)
    _drop_mentions(project, rec, old_mentions, None, stamp)
    return claim.id


def _replaced(gold: ArticleLabels, replacing: Sequence[str]) -> tuple[list[Claim], list[Mention]]:
    claims = {c.id: c for c in gold.claims}
    mentions = {m.id: m for m in gold.mentions}
    unknown = [i for i in replacing if i not in claims and i not in mentions]
    if unknown:
        raise ValidationError(
            f"can only replace gold labels of article {quoted(gold.article_id)}, not {quoted(unknown[0])}"
        )
    wanted = dict.fromkeys(replacing)
    return [claims[i] for i in wanted if i in claims], [
        mentions[i] for i in wanted if i in mentions
    ]


def _gold_source(
    project: ProjectQueries, rec: Recorder, gold: ArticleLabels, claim: Claim, stamp: str
) -> str | None:
    """The gold mention the gold copy of ``claim`` cites (copied into gold if need be)."""
    source_id = claim.attribution.source_mention
    source = project.mention(source_id) if source_id is not None else None
    if source is None:
        return None
    for mention in gold.mentions:
        if mention.span == source.span:
            return mention.id
    copy = dataclasses.replace(source, id=new_id(), annotator=GOLD)
    rec.put("mentions", mention_row(copy, stamp))
    return copy.id


def _gold_ends(project: ProjectQueries, claim: Claim) -> list[str]:
    """Gold claims with exactly the span of a claim that ``claim`` is linked to."""
    linked = project.labels(claim.article_id, claim.annotator).links.get(claim.id, ())
    ends = []
    for other_id in linked:
        other = project.claim(other_id)
        if other is None:
            continue
        gold = project.labels(other.article_id, GOLD)
        ends += [c.id for c in gold.claims if c.span == other.span]
    return ends


def _drop_claims(
    rec: Recorder, gold: ArticleLabels, claims: list[Claim], successor: str | None
) -> None:
    """Delete replaced gold claims, moving their links to ``successor`` (if a claim)."""
    for claim in claims:
        for other in gold.links.get(claim.id, ()):
            old = ClaimLink.between(claim.id, other, GOLD)
            rec.delete("claim_links", {"claim_a": old.claim_a, "claim_b": old.claim_b})
            if successor is not None:
                new = ClaimLink.between(successor, other, GOLD)
                rec.put("claim_links", dataclasses.asdict(new))
        rec.delete("claims", {"id": claim.id})


def _drop_mentions(
    project: ProjectQueries,
    rec: Recorder,
    mentions: list[Mention],
    successor: Mention | None,
    stamp: str,
) -> None:
    """Delete replaced gold mentions; gold claims citing one cite ``successor`` instead."""
    text = ""
    if successor is not None:
        article = project.article(successor.article_id)
        text = article.text[successor.start : successor.end] if article else ""
    for mention in mentions:
        # Read the claims again: one accepted a moment ago may cite this mention.
        for claim in project.labels(mention.article_id, GOLD).claims:
            if claim.attribution.source_mention != mention.id:
                continue
            attribution = dataclasses.replace(
                claim.attribution,
                source_mention=successor.id if successor else None,
                source_text=text if successor else claim.attribution.source_text,
            )
            rec.put("claims", claim_row(dataclasses.replace(claim, attribution=attribution), stamp))
        rec.delete("mentions", {"id": mention.id})
