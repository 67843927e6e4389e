"""A small project for the brat and doccano export tests: emoji, RTL text, a line break."""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.model import Article, Attribution
from annotator.core.spans import Span
from annotator.store.project import Project

EMOJI = "🇪🇺 Velgrad said on Friday that Kestria must reopen the harbour. 🙂"
RTL = "قال الوزير إن الميناء يجب أن يفتح غدا."
BROKEN = "The mayor stated that the quay\nmust be repaired."


def cut(text: str, part: str) -> Span:
    """The code point span of ``part`` (which occurs once) in ``text``."""
    assert text.count(part) == 1, part
    start = text.index(part)
    return Span(start, start + len(part))


def cut16(text: str, part: str) -> Span:
    """The UTF-16 code unit span of ``part`` in ``text``, counted from the encoded bytes."""
    start, end = cut(text, part)
    return Span(
        len(text[:start].encode("utf-16-le")) // 2, len(text[:end].encode("utf-16-le")) // 2
    )


def spans(project: Project, article_id: str, annotator: str) -> dict[str, set[str]]:
    """The texts of one entry's claims, mentions and cues."""
    labels = project.labels(article_id, annotator)
    text = project.article(article_id).text  # type: ignore[union-attr]
    cues = {
        text[c.attribution.cue.start : c.attribution.cue.end]
        for c in labels.claims
        if c.attribution.cue
    }
    return {
        "claims": {text[c.start : c.end] for c in labels.claims},
        "mentions": {text[m.start : m.end] for m in labels.mentions},
        "cues": cues,
    }


@dataclass
class Standoff:
    project: Project
    claim: str


def build(project: Project) -> Standoff:
    """ana labels all three articles (done on e1 and n1); bo adds a bare claim to e1."""
    project.add_articles(
        [
            Article("e1", EMOJI, title="Harbour", story="harbour"),
            Article("r1", RTL, title="الميناء", language="ar", story="harbour"),
            Article("n1", BROKEN, title="Quay", story="quay"),
        ]
    )
    norvania = project.add_actor("Norvania", "ana", "state", ("Velgrad",))
    kestria = project.add_actor("Kestria", "ana", "state")
    minister = project.add_actor("الوزير", "ana", "official")
    project.add_mention("e1", "ana", *cut(EMOJI, "Kestria"), kestria.id)
    claim = project.add_claim(
        "e1",
        "ana",
        *cut(EMOJI, "Kestria must reopen the harbour"),
        target=kestria.id,
        stance="oppose",
        category="demand",
        certainty="asserted",
        checkworthy="checkworthy",
        attribution=Attribution(
            attribution_type="indirect", source_kind="named", cue=cut(EMOJI, "said")
        ),
        note="Check the\ntimeline",
    )
    project.set_claim_source(claim.id, cut(EMOJI, "Velgrad"), norvania.id)
    project.set_status("e1", "ana", "done")
    project.add_mention("r1", "ana", *cut(RTL, "الوزير"), minister.id)
    project.add_claim("r1", "ana", *cut(RTL, "الميناء يجب أن يفتح"), stance="support")
    project.set_status("r1", "ana", "in_progress")
    project.add_claim("n1", "ana", *cut(BROKEN, "the quay\nmust be repaired"))
    project.set_status("n1", "ana", "done")
    project.add_claim("e1", "bo", *cut(EMOJI, "the harbour"))
    project.set_status("e1", "bo", "skipped")
    return Standoff(project, claim.id)
