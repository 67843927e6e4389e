"""A small labelled project for the dataset tests, with texts written for them.

`make_newsroom` fills a project with ``articles`` articles about invented
places and events: stories of three articles (``story-<n>``) and articles of
no story; each has claims by ``ana`` (done), every third also by ``ben``
(done), and every fifth an adjudicated ``gold`` entry. ``wire`` and
``wire-copy`` are the same agency report under two bylines, in no story: the
near-duplicate pair a build must keep in one split.
"""

from __future__ import annotations

import random

from annotator.core.model import GOLD, Article
from annotator.store.project import Project

PLACES = ["Velgrad", "Ostrava Bay", "Kestria", "Marrowfield", "Tannis", "Upper Lund", "Corvo"]
SUBJECTS = [
    "the harbour authority", "the regional council", "a coalition of fishing unions",
    "the ministry of transport", "independent auditors", "the opposition bloc",
    "residents of the old quarter", "a consortium of shipping firms",
]  # fmt: skip
VERBS = ["said", "warned", "insisted", "claimed", "argued", "announced"]
CLAIMS = [
    "the new ferry schedule would cut waiting times by half",
    "the bridge repairs had been delayed for political reasons",
    "water tariffs must be frozen until the spring",
    "the port expansion will create several hundred jobs",
    "fuel subsidies were quietly withdrawn last winter",
    "the tender process was not open to local bidders",
    "night trains should return to the northern line",
    "emissions from the cement works fell sharply this year",
]
FILLER = [
    "Officials met for three hours on {day} without a public statement.",
    "The figures were published in a {adj} report seen by this newspaper.",
    "Traffic on the coastal road was {adj} throughout the morning.",
    "A spokesperson declined to give further details on {day}.",
    "Local traders described the mood as {adj} but hopeful.",
    "The debate is expected to continue when the chamber reconvenes on {day}.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
ADJECTIVES = ["lengthy", "quiet", "tense", "unusual", "detailed", "sombre", "busy"]

WIRE = (
    "By Mirela Hoss, Northern Wire Service.\n\n"
    "Dock workers in Velgrad walked out on Thursday after talks over night shifts broke down,"
    " and the harbour authority said the stoppage would last at least until the weekend. The"
    " union said its members had been asked to work longer hours without the allowance agreed"
    " two years ago. Ships waiting to unload were sent to anchor outside the breakwater, and"
    " two ferries to Kestria were cancelled. The transport ministry said it would send a"
    " mediator. Fish traders warned that perishable cargo would be lost within days, and the"
    " chamber of commerce called on both sides to return to the table before prices rose."
)
WIRE_CLAIM = "the stoppage would last at least until the weekend"
WIRE_COPY = WIRE.replace(
    "By Mirela Hoss, Northern Wire Service.", "From our correspondent in Velgrad."
)


def article_text(rng: random.Random, number: int) -> tuple[str, list[tuple[int, int]]]:
    """An article of a few sentences; the (start, end) of each claim sentence's claim."""
    parts: list[str] = []
    claims: list[tuple[int, int]] = []
    length = 0
    for n in range(rng.randint(4, 7)):
        if n % 2 == 0:
            who, verb, what = rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(CLAIMS)
            place = rng.choice(PLACES)
            lead = f"In {place}, {who} {verb} that "
            sentence = f"{lead}{what} (report {number}.{n})."
            claims.append((length + len(lead), length + len(lead) + len(what)))
        else:
            sentence = (
                rng.choice(FILLER).format(day=rng.choice(DAYS), adj=rng.choice(ADJECTIVES))
                + f" Reference {number}-{n}."
            )
        parts.append(sentence)
        length += len(sentence) + 1
    return " ".join(parts), claims


def make_newsroom(project: Project, articles: int = 30, seed: int = 7) -> None:
    """Fill ``project`` (see the module doc)."""
    rng = random.Random(seed)
    stances = project.schema.field("stance").ids()
    categories = project.schema.field("category").ids()
    texts: list[tuple[Article, list[tuple[int, int]]]] = []
    for i in range(articles):
        text, claims = article_text(rng, i)
        story = f"story-{i // 3}" if i % 4 != 3 else None
        texts.append((Article(id=f"n{i:03d}", text=text, title=f"Report {i}", story=story), claims))
    for article_id, text in (("wire", WIRE), ("wire-copy", WIRE_COPY)):
        start = text.index(WIRE_CLAIM)
        texts.append(
            (
                Article(id=article_id, text=text, title="Dock strike"),
                [(start, start + len(WIRE_CLAIM))],
            )
        )
    project.add_articles([a for a, _ in texts])
    for i, (article, claims) in enumerate(texts):
        annotators = ["ana", "ben"] if i % 3 == 0 else ["ana"]
        for name in annotators:
            for start, end in claims:
                project.add_claim(
                    article.id, name, start, end,
                    stance=rng.choice(stances), category=rng.choice(categories),
                )  # fmt: skip
            project.set_status(article.id, name, "done")
        if i % 5 == 0:
            for start, end in claims:
                project.add_claim(article.id, GOLD, start, end, stance=stances[i % len(stances)])
            project.set_status(article.id, GOLD, "done")
