"""Regenerate ``articles.jsonl``, the sample corpus shipped with Claim annotator.

Run ``python resources/samples/build_sample.py`` from anywhere: the script writes
``articles.jsonl`` next to itself, overwriting it.

Everything in the sample is invented: the countries (Norvania, Kestria, Sorvenia,
Tarquesh, Ambria), the cities, the people, the organisations and the outlets. The
texts deliberately contain emoji (with skin tones), a flag, ZWJ sequences, accented
and decomposed letters (``Rene\\u0301e`` is kept as base letter + U+0301), Greek,
Cyrillic, CJK and Arabic, so that code point offsets differ from UTF-16 and byte
offsets and tools that normalise text are caught out.

Offsets are never written by hand. Each span is located by searching for a piece of
text (a "needle") in the article, and the script checks every span, every id
reference and every link before it writes anything, then re-reads the file it wrote
and checks it again.
"""

from __future__ import annotations

import json
import sys
import uuid
from pathlib import Path
from typing import Any

OUTPUT = Path(__file__).resolve().with_name("articles.jsonl")
ROOT = Path(__file__).resolve().parents[2]


def schema_stamp() -> dict[str, Any]:
    """What each line says of its schema (``label_schema``): the default's, as a new project has it."""
    sys.path.insert(0, str(ROOT))  # run from anywhere: the app's code is two folders up
    from annotator.core.schema import default_schema

    return default_schema().stamp_data()


UUID_PREFIX = "claim-annotator-sample/"

ACTOR_TYPES = {
    "state",
    "government",
    "official",
    "person",
    "party",
    "military",
    "igo",
    "civil_society",
    "media",
    "expert",
    "unnamed_group",
    "other",
}
STATUSES = {"todo", "in_progress", "done"}
STANCES = {"support", "oppose", "neutral", None}
CATEGORIES = {"assertion", "prediction", "evaluation", "demand", "commitment", None}
CERTAINTIES = {"asserted", "hedged", "speculative", None}
CHECKWORTHY = {"checkworthy", "unimportant", "non_factual", None}
ATTRIBUTION_TYPES = {"direct", "indirect", "mixed", "unattributed"}
SOURCE_KINDS = {"named", "unnamed", "document", "author", None}

WORDS_MIN, WORDS_MAX = 120, 220
PARAGRAPHS_MIN, PARAGRAPHS_MAX = 2, 5


def stable_id(key: str) -> str:
    """Return a UUID that depends only on ``key``, so reruns give identical ids."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, UUID_PREFIX + key))


# --------------------------------------------------------------------------- actors
# The project-wide actor table: key -> (name, type, aliases). An actor has the same
# id, name, type and aliases in every annotation that refers to it.

ACTORS: dict[str, tuple[str, str, list[str]]] = {
    "norvania": ("Norvania", "state", ["Velgrad", "the Norvanian government"]),
    "kestria": ("Kestria", "state", ["Ostrel", "Kestrian authorities"]),
    "mcns": ("Maritime Council of the Northern Seas", "igo", ["MCNS", "the council"]),
    "nunez": ("José Núñez", "official", ["Norvania's foreign minister"]),
    "wrobel": ("Łukasz Wróbel", "official", ["the harbour master at Skarre"]),
    "faucher": ("Rene\u0301e Faucher", "official", ["Kestria's deputy transport minister"]),
    "lindqvist": ("Zoë Lindqvist", "official", ["secretary-general of the MCNS"]),
    "observers": ("observers", "unnamed_group", []),
    "diplomats": ("diplomats familiar with the talks", "unnamed_group", []),
    "volkova": ("Irina Volkova", "official", ["Ирина Волкова", "Sorvenia's environment minister"]),
    "tarquesh_mfa": (
        "Ministry of Foreign Affairs of Tarquesh",
        "government",
        ["Tarquesh's foreign ministry", "وزارة الخارجية"],
    ),
    "pappa": (
        "Ελένη Παππά",
        "person",
        ["Eleni Pappa", "chair of the Lower Dalvar Growers' Association"],
    ),
    "dbc": ("Dalvar Basin Commission", "igo", ["DBC"]),
    "li_ming": ("Li Ming", "expert", ["李明"]),
    "holt": ("Maren Holt", "official", ["Ambrian prime minister"]),
    "kettunen": ("Dario Kettunen", "expert", ["Institute for Strait Security"]),
}


def actor_record(key: str) -> dict[str, Any]:
    """Return the JSON record of actor ``key`` from the project-wide table."""
    name, actor_type, aliases = ACTORS[key]
    return {
        "id": stable_id("actor/" + key),
        "name": name,
        "type": actor_type,
        "aliases": list(aliases),
    }


# ------------------------------------------------------------------------- articles
# Each article: metadata, text, and a list of annotation specs. A mention spec is
# (key, needle, occurrence, actor key). A claim spec is a dict; its span, cue and
# links are resolved by build_annotation().

ARTICLES: list[dict[str, Any]] = [
    {
        "id": "harbour-01",
        "title": "Norvania accuses Kestria of blockading Skarre harbour",
        "source": "The Northern Ledger",
        "url": "https://example.org/northern-ledger/2026/03/13/skarre-harbour-blockade",
        "published": "2026-03-13",
        "story": "harbour-dispute",
        "text": (
            "Norvania accused Kestria on Friday of blocking fishing vessels from the disputed "
            "harbour at Skarre Bay, escalating a row that has simmered since the autumn.\n\n"
            '"Our boats have every right to dock at Skarre, and we will not accept a '
            "blockade,\" said José Núñez, Norvania's foreign minister, at a press conference "
            "in Velgrad.\n\n"
            "Kestrian port authorities reportedly turned away at least six trawlers this "
            "week. Łukasz Wróbel, the harbour master at Skarre, wrote on social media: "
            '"Harbour closed for safety inspections only 🌊⚓ nothing political 👍🏽"\n\n'
            "The Maritime Council of the Northern Seas (MCNS) called on both governments to "
            "restore access while its inspectors review the quay. According to the MCNS, the "
            "inspection should take no longer than ten days.\n\n"
            "Observers note that the harbour handles nearly a third of the region's winter "
            "catch, and diplomats familiar with the talks expect a compromise before the "
            "fishing season opens."
        ),
        "annotations": [
            {
                "annotator": "ana",
                "status": "done",
                "comment": "",
                "mentions": [
                    ("norvania", "Norvania", 1, "norvania"),
                    ("kestria", "Kestria", 1, "kestria"),
                    ("nunez", "José Núñez", 1, "nunez"),
                    ("mcns", "Maritime Council of the Northern Seas", 1, "mcns"),
                ],
                "claims": [
                    {
                        "key": "nunez-boats",
                        "needle": "Our boats have every right to dock at Skarre, and we will "
                        "not accept a blockade",
                        "claimant": "nunez",
                        "addressee": None,
                        "target": "kestria",
                        "stance": "oppose",
                        "category": "assertion",
                        "certainty": "asserted",
                        "checkworthy": "checkworthy",
                        "type": "direct",
                        "source_mention": "nunez",
                        "source_text": "José Núñez, Norvania's foreign minister",
                        "source_kind": "named",
                        "cue": "said",
                        "links": ["harbour-02/ana/nunez-boats"],
                        "note": "",
                    },
                    {
                        "key": "mcns-restore",
                        "needle": "restore access while its inspectors review the quay",
                        "claimant": "mcns",
                        "addressee": None,
                        "target": None,
                        "stance": "neutral",
                        "category": "demand",
                        "certainty": "asserted",
                        "checkworthy": "unimportant",
                        "type": "indirect",
                        "source_mention": "mcns",
                        "source_text": "The Maritime Council of the Northern Seas (MCNS)",
                        "source_kind": "named",
                        "cue": "called on",
                        "links": [],
                        "note": "Addressed to both governments; no single addressee actor.",
                    },
                ],
            },
            {
                "annotator": "ben",
                "status": "in_progress",
                "comment": "Not sure whether the harbour master counts as a state source.",
                "mentions": [
                    ("norvania", "Norvania", 1, "norvania"),
                    ("nunez", "José Núñez", 1, "nunez"),
                    ("kestrian-port", "Kestrian port authorities", 1, "kestria"),
                    ("wrobel", "Łukasz Wróbel", 1, "wrobel"),
                    ("observers", "Observers", 1, "observers"),
                ],
                "claims": [
                    {
                        # The same claim as ana's, judged differently: something to
                        # adjudicate on the first start.
                        "key": "nunez-boats",
                        "needle": "Our boats have every right to dock at Skarre",
                        "claimant": "nunez",
                        "addressee": None,
                        "target": "kestria",
                        "stance": "neutral",
                        "category": "assertion",
                        "certainty": "asserted",
                        "checkworthy": "unimportant",
                        "type": "direct",
                        "source_mention": "nunez",
                        "source_text": "José Núñez, Norvania's foreign minister",
                        "source_kind": "named",
                        "cue": "said",
                        "links": [],
                        "note": "",
                    },
                    {
                        "key": "trawlers",
                        "needle": "Kestrian port authorities reportedly turned away at least "
                        "six trawlers this week",
                        "claimant": None,
                        "addressee": None,
                        "target": "kestria",
                        "stance": None,
                        "category": "assertion",
                        "certainty": "hedged",
                        "checkworthy": "checkworthy",
                        "type": "unattributed",
                        "source_mention": None,
                        "source_text": None,
                        "source_kind": "author",
                        "cue": "reportedly",
                        "links": [],
                        "note": "",
                    },
                    {
                        "key": "wrobel-post",
                        "needle": "Harbour closed for safety inspections only 🌊⚓ nothing "
                        "political 👍🏽",
                        "claimant": "wrobel",
                        "addressee": None,
                        "target": None,
                        "stance": None,
                        "category": "assertion",
                        "certainty": "asserted",
                        "checkworthy": None,
                        "type": "direct",
                        "source_mention": "wrobel",
                        "source_text": "Łukasz Wróbel, the harbour master at Skarre",
                        "source_kind": "named",
                        "cue": "wrote",
                        "links": [],
                        "note": "",
                    },
                    {
                        "key": "observers-catch",
                        "needle": "the harbour handles nearly a third of the region's winter catch",
                        "claimant": "observers",
                        "addressee": None,
                        "target": None,
                        "stance": "neutral",
                        "category": "assertion",
                        "certainty": "asserted",
                        "checkworthy": "checkworthy",
                        "type": "indirect",
                        "source_mention": "observers",
                        "source_text": "Observers",
                        "source_kind": "unnamed",
                        "cue": "note",
                        "links": [],
                        "note": "",
                    },
                ],
            },
        ],
    },
    {
        "id": "harbour-02",
        "title": "Kestria says Skarre closure is about safety, not politics",
        "source": "Coastline Daily",
        "url": "https://example.org/coastline-daily/skarre-closure-safety",
        "published": "2026-03-14",
        "story": "harbour-dispute",
        "text": (
            "Velgrad is exaggerating a routine safety closure, Kestrian officials said on "
            "Saturday, a day after Norvania's foreign minister accused Ostrel of blockading "
            "the harbour at Skarre Bay.\n\n"
            'José Núñez had told reporters that Norvanian boats "have every right to dock at '
            'Skarre" and that his government would not accept what he called a blockade.\n\n'
            "Kestria's deputy transport minister, Rene\u0301e Faucher, said the quay had been "
            'damaged in February storms. "No vessel from any country is being singled out," '
            "she said. According to a ministry statement, repairs could be completed by the "
            "end of the month.\n\n"
            "Zoë Lindqvist, secretary-general of the MCNS, said in an interview that the "
            "council's inspectors would arrive on Monday. She predicted that \"the harbour "
            'will reopen to everyone within two weeks."\n\n'
            "Fishing crews in Velgrad were unconvinced. One skipper posted a photo of his "
            'family on deck with the caption "Three generations, one boat, no harbour '
            '👨‍👩‍👧".'
        ),
        "annotations": [
            {
                "annotator": "ana",
                "status": "done",
                "comment": "",
                "mentions": [
                    ("velgrad", "Velgrad", 1, "norvania"),
                    ("nunez", "José Núñez", 1, "nunez"),
                    ("faucher", "Rene\u0301e Faucher", 1, "faucher"),
                    ("lindqvist", "Zoë Lindqvist", 1, "lindqvist"),
                ],
                "claims": [
                    {
                        "key": "nunez-boats",
                        "needle": 'Norvanian boats "have every right to dock at Skarre"',
                        "claimant": "nunez",
                        "addressee": None,
                        "target": "kestria",
                        "stance": "oppose",
                        "category": "assertion",
                        "certainty": "asserted",
                        "checkworthy": "checkworthy",
                        "type": "mixed",
                        "source_mention": "nunez",
                        "source_text": "José Núñez",
                        "source_kind": "named",
                        "cue": "had told reporters",
                        "links": ["harbour-01/ana/nunez-boats"],
                        "note": "",
                    },
                    {
                        "key": "faucher-singled-out",
                        "needle": "No vessel from any country is being singled out",
                        "claimant": "faucher",
                        "addressee": None,
                        "target": None,
                        "stance": "neutral",
                        "category": "assertion",
                        "certainty": "asserted",
                        "checkworthy": "checkworthy",
                        "type": "direct",
                        "source_mention": "faucher",
                        "source_text": "she",
                        "source_kind": "named",
                        "cue": "said",
                        "links": [],
                        "note": "Source is the pronoun; the mention is the name before it.",
                    },
                    {
                        "key": "lindqvist-reopen",
                        "needle": "the harbour will reopen to everyone within two weeks",
                        "claimant": "lindqvist",
                        "addressee": None,
                        "target": None,
                        "stance": None,
                        "category": "prediction",
                        "certainty": None,
                        "checkworthy": "checkworthy",
                        "type": "direct",
                        "source_mention": "lindqvist",
                        "source_text": "She",
                        "source_kind": "named",
                        "cue": "predicted",
                        "links": [],
                        "note": "",
                    },
                ],
            },
        ],
    },
    {
        "id": "river-01",
        "title": "Sorvenia and Tarquesh initial draft treaty on Dalvar River flows",
        "source": "Meridian Wire",
        "url": "https://example.org/meridian-wire/dalvar-draft-treaty",
        "published": "2026-03-19",
        "story": "river-treaty",
        "text": (
            "Negotiators from Sorvenia and Tarquesh initialled a draft treaty on Thursday that "
            "would guarantee minimum water flows along the Dalvar River, officials in both "
            "capitals confirmed.\n\n"
            "The draft, seen by this agency, commits Tarquesh to releasing at least 40 percent "
            "of the river's seasonal flow from the Amdar dam. \"This is the first agreement "
            'in thirty years that puts farmers before turbines," said Irina Volkova '
            "(Ирина Волкова), Sorvenia's environment minister.\n\n"
            "Tarquesh's foreign ministry, وزارة الخارجية, said in a statement that the deal "
            '"respects the sovereign right of Tarquesh to develop its resources."\n\n'
            "The Dalvar Basin Commission (DBC) will monitor compliance, according to the text. "
            "Diplomats familiar with the talks said several clauses on drought years remain "
            "unresolved and could delay ratification until next year."
        ),
        "annotations": [
            {
                "annotator": "ana",
                "status": "done",
                "comment": "",
                "mentions": [
                    ("volkova", "Irina Volkova", 1, "volkova"),
                    ("mfa-en", "Tarquesh's foreign ministry", 1, "tarquesh_mfa"),
                    ("mfa-ar", "وزارة الخارجية", 1, "tarquesh_mfa"),
                    ("diplomats", "Diplomats familiar with the talks", 1, "diplomats"),
                ],
                "claims": [
                    {
                        "key": "volkova-farmers",
                        "needle": "This is the first agreement in thirty years that puts "
                        "farmers before turbines",
                        "claimant": "volkova",
                        "addressee": None,
                        "target": None,
                        "stance": "support",
                        "category": "evaluation",
                        "certainty": "asserted",
                        "checkworthy": "checkworthy",
                        "type": "direct",
                        "source_mention": "volkova",
                        "source_text": "Irina Volkova (Ирина Волкова), Sorvenia's environment "
                        "minister",
                        "source_kind": "named",
                        "cue": "said",
                        "links": ["river-02/ana/volkova-farmers"],
                        "note": "",
                    },
                    {
                        "key": "mfa-sovereign",
                        "needle": 'the deal "respects the sovereign right of Tarquesh to '
                        'develop its resources."',
                        "claimant": "tarquesh_mfa",
                        "addressee": None,
                        "target": None,
                        "stance": "support",
                        "category": "evaluation",
                        "certainty": "asserted",
                        "checkworthy": "non_factual",
                        "type": "mixed",
                        "source_mention": "mfa-en",
                        "source_text": "Tarquesh's foreign ministry, وزارة الخارجية",
                        "source_kind": "named",
                        "cue": "said in a statement",
                        "links": [],
                        "note": "",
                    },
                    {
                        "key": "diplomats-delay",
                        "needle": "several clauses on drought years remain unresolved and "
                        "could delay ratification until next year",
                        "claimant": "diplomats",
                        "addressee": None,
                        "target": None,
                        "stance": None,
                        "category": "prediction",
                        "certainty": "hedged",
                        "checkworthy": "checkworthy",
                        "type": "indirect",
                        "source_mention": "diplomats",
                        "source_text": "Diplomats familiar with the talks",
                        "source_kind": "unnamed",
                        "cue": "said",
                        "links": [],
                        "note": "",
                    },
                ],
            },
        ],
    },
    {
        "id": "river-02",
        "title": "Farmers cautious as Dalvar water deal moves forward",
        "source": "The Basin Observer",
        "url": "https://example.org/basin-observer/2026/03/20/dalvar-farmers-cautious",
        "published": "2026-03-20",
        "story": "river-treaty",
        "text": (
            "Farmers along the lower Dalvar gave a guarded welcome on Friday to the draft "
            "water treaty agreed between Sorvenia and Tarquesh.\n\n"
            "Sorvenian environment minister Irina Volkova hailed the text as the first "
            'agreement in three decades to put "farmers before turbines", according to a '
            "transcript released by her office.\n\n"
            "But Ελένη Παππά, who chairs the Lower Dalvar Growers' Association, said the "
            'guarantees were too weak. "Forty percent of nothing is nothing in a drought '
            'year," she told a rally in Melik. She called on the Dalvar Basin Commission to '
            "publish real-time flow data from the Amdar dam.\n\n"
            "According to the draft treaty, the DBC may suspend the release quotas only in a "
            "declared emergency. Hydrologist Li Ming (李明) warned that such emergencies were "
            "likely to become more frequent as winters grow drier.\n\n"
            'A post on the association\'s account read: "Water is life 💧🇺🇳 #DalvarDeal".'
        ),
        "annotations": [
            {
                "annotator": "ana",
                "status": "in_progress",
                "comment": "Li Ming's warning still to do.",
                "mentions": [
                    ("volkova", "Irina Volkova", 1, "volkova"),
                    ("pappa", "Ελένη Παππά", 1, "pappa"),
                    ("dbc", "Dalvar Basin Commission", 1, "dbc"),
                    ("li-ming", "Li Ming", 1, "li_ming"),
                ],
                "claims": [
                    {
                        "key": "volkova-farmers",
                        "needle": "the text as the first agreement in three decades to put "
                        '"farmers before turbines"',
                        "claimant": "volkova",
                        "addressee": None,
                        "target": None,
                        "stance": "support",
                        "category": "evaluation",
                        "certainty": "asserted",
                        "checkworthy": "checkworthy",
                        "type": "mixed",
                        "source_mention": "volkova",
                        "source_text": "Sorvenian environment minister Irina Volkova",
                        "source_kind": "named",
                        "cue": "hailed",
                        "links": ["river-01/ana/volkova-farmers"],
                        "note": "Reported via a transcript released by her office.",
                    },
                    {
                        "key": "pappa-publish",
                        "needle": "publish real-time flow data from the Amdar dam",
                        "claimant": "pappa",
                        "addressee": "dbc",
                        "target": None,
                        "stance": None,
                        "category": "demand",
                        "certainty": "asserted",
                        "checkworthy": None,
                        "type": "indirect",
                        "source_mention": "pappa",
                        "source_text": "She",
                        "source_kind": "named",
                        "cue": "called on",
                        "links": [],
                        "note": "",
                    },
                    {
                        "key": "treaty-suspend",
                        "needle": "the DBC may suspend the release quotas only in a declared "
                        "emergency",
                        "claimant": None,
                        "addressee": None,
                        "target": "dbc",
                        "stance": None,
                        "category": "assertion",
                        "certainty": "asserted",
                        "checkworthy": "checkworthy",
                        "type": "indirect",
                        "source_mention": None,
                        "source_text": "the draft treaty",
                        "source_kind": "document",
                        "cue": "According to",
                        "links": [],
                        "note": "",
                    },
                ],
            },
        ],
    },
    {
        "id": "grain-01",
        "title": "Leaders gather in Port Halden to save grain corridor",
        "source": "Halden Evening Post",
        "url": "https://example.org/halden-evening-post/summit-opens",
        "published": "2026-03-16",
        "story": "grain-corridor",
        "text": (
            "Leaders from five countries arrived in Port Halden on Monday for a two-day "
            "summit aimed at keeping grain ships moving through the Strait of Ilse, where "
            "insurance costs have tripled since January. Roughly a fifth of the region's "
            "wheat exports pass through the strait each winter.\n\n"
            "Ambrian prime minister Maren Holt, who is hosting the talks, said the corridor "
            'was "a lifeline for forty million people" and urged neighbours to share the '
            "cost of naval escorts.\n\n"
            "Norvania is reportedly prepared to contribute two patrol vessels, although "
            "officials in Velgrad declined to confirm the figure. Kestria has not said "
            "whether it will take part.\n\n"
            'Analysts expect the summit to end without a binding agreement. "The best '
            'realistic outcome is a joint statement and a working group," said Dario '
            "Kettunen of the Institute for Strait Security."
        ),
        "annotations": [
            {
                "annotator": "ana",
                "status": "in_progress",
                "comment": "Check whether the escort appeal needs its own claim.",
                "mentions": [
                    ("holt", "Maren Holt", 1, "holt"),
                    ("norvania", "Norvania", 1, "norvania"),
                    ("kettunen", "Dario Kettunen", 1, "kettunen"),
                ],
                "claims": [
                    {
                        "key": "holt-lifeline",
                        "needle": 'the corridor was "a lifeline for forty million people"',
                        "claimant": "holt",
                        "addressee": None,
                        "target": None,
                        "stance": "support",
                        "category": "evaluation",
                        "certainty": "asserted",
                        "checkworthy": None,
                        "type": "mixed",
                        "source_mention": "holt",
                        "source_text": "Ambrian prime minister Maren Holt",
                        "source_kind": "named",
                        "cue": "said",
                        "links": [],
                        "note": "",
                    },
                    {
                        "key": "norvania-vessels",
                        "needle": "Norvania is reportedly prepared to contribute two patrol "
                        "vessels",
                        "claimant": None,
                        "addressee": None,
                        "target": "norvania",
                        "stance": None,
                        "category": "commitment",
                        "certainty": "hedged",
                        "checkworthy": "checkworthy",
                        "type": "unattributed",
                        "source_mention": None,
                        "source_text": None,
                        "source_kind": None,
                        "cue": "reportedly",
                        "links": [],
                        "note": "",
                    },
                    {
                        "key": "kettunen-outcome",
                        "needle": "The best realistic outcome is a joint statement and a "
                        "working group",
                        "claimant": "kettunen",
                        "addressee": None,
                        "target": None,
                        "stance": None,
                        "category": "prediction",
                        "certainty": "speculative",
                        "checkworthy": "unimportant",
                        "type": "direct",
                        "source_mention": "kettunen",
                        "source_text": "Dario Kettunen of the Institute for Strait Security",
                        "source_kind": "named",
                        "cue": "said",
                        "links": [],
                        "note": "",
                    },
                ],
            },
        ],
    },
    {
        "id": "grain-02",
        "title": "Port Halden summit ends with escort pledge but no treaty",
        "source": "Ilse Maritime Review",
        "url": "https://example.org/ilse-maritime-review/halden-summit-ends",
        "published": "2026-03-17",
        "story": "grain-corridor",
        "text": (
            "The Port Halden summit closed on Tuesday with a pledge to create a joint naval "
            "escort for grain ships crossing the Strait of Ilse, but leaders stopped short of "
            "signing a binding treaty.\n\n"
            'The final communiqué says participating states "will contribute vessels and '
            'funding in proportion to their means", without naming figures. Diplomats '
            "familiar with the talks said Kestria had resisted any fixed quota until the last "
            "hour.\n\n"
            'Maren Holt told reporters the outcome was "better than the pessimists '
            'predicted". Observers were less impressed: shipping analysts note that insurers '
            "are unlikely to cut premiums until the first escorted convoy sails.\n\n"
            "A working group led by the Ambrian navy is expected to report within sixty days. "
            "Kestrian delegates reportedly want the group to include representatives of the "
            "Maritime Council of the Northern Seas."
        ),
        "annotations": [],
    },
    {
        "id": "grain-03",
        "title": "Velgrad confirms two patrol ships for Strait of Ilse escorts",
        "source": "Velgrad Courier",
        "url": "https://example.org/velgrad-courier/patrol-ships-confirmed",
        "published": "2026-03-17",
        "story": "grain-corridor",
        "text": (
            "The Norvanian government confirmed on Tuesday that it will send two patrol "
            "vessels to escort grain convoys through the Strait of Ilse, ending days of "
            "speculation after the Port Halden summit.\n\n"
            '"We promised to be a reliable partner and we are keeping that promise," said '
            "defence minister Oskar Brandt. He added that the ships would sail from Velgrad "
            "in early April.\n\n"
            "Sigrún Hallsdóttir, leader of the opposition Green Coast Party, called on the "
            "government to publish the full cost of the deployment before parliament votes "
            "on it. According to her party, the mission could cost more than 30 million "
            "crowns a year.\n\n"
            "Not everyone is convinced the escorts will make a difference. A retired admiral, "
            "speaking on condition of anonymity, predicted that the convoys would face "
            '"months of harassment, not days".'
        ),
        "annotations": [],
    },
    {
        "id": "nurses-01",
        "title": "Nurses in Brenmoor walk out over unpaid overtime",
        "source": "Brenmoor Gazette",
        "url": "https://example.org/brenmoor-gazette/nurses-strike",
        "published": "2026-03-11",
        "story": None,
        "text": (
            "Hundreds of nurses in Brenmoor walked out of three public hospitals on "
            "Wednesday, saying they are owed months of unpaid overtime.\n\n"
            "The Brenmoor Nurses' Union said more than 900 staff took part. \"We are "
            'exhausted, not ungrateful," said union chair Salma Haddad (سلمى حداد). Nurse '
            'Tova Lind shared a photo from the picket line with the caption "Day one on the '
            'line 👩‍⚕️👩🏾‍⚕️ still smiling", and the post was shared thousands of times by '
            "evening.\n\n"
            'City health director Pavel Dranik said the city had "already paid most of the '
            'arrears" and accused the union of playing politics before the municipal '
            "election. According to hospital managers, emergency wards remained fully "
            "staffed.\n\n"
            "The union has called on the regional government to step in and has threatened a "
            "second, longer strike next month if no agreement is reached."
        ),
        "annotations": [],
    },
]


# --------------------------------------------------------------------------- building


def span(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """Return (start, end) of the ``occurrence``-th match of ``needle`` in ``text``.

    Offsets are Python string indices (code points), end exclusive. Raises
    ValueError if the needle does not occur that many times.
    """
    if not needle or occurrence < 1:
        raise ValueError(f"bad needle or occurrence: {needle!r}, {occurrence}")
    start = -1
    for _ in range(occurrence):
        start = text.find(needle, start + 1)
        if start < 0:
            raise ValueError(f"needle {needle!r} (occurrence {occurrence}) not found")
    return start, start + len(needle)


def nearest_span(text: str, needle: str, around: tuple[int, int]) -> tuple[int, int]:
    """Return the match of ``needle`` closest to the claim span ``around``.

    Used for attribution cues ("said", "called on"), which sit next to the claim they
    introduce. A match outside the claim is preferred; a hedge such as "reportedly"
    may sit inside it. Raises ValueError if the needle does not occur at all.
    """
    best: tuple[int, int, int, int] | None = None
    pos = text.find(needle)
    while pos >= 0:
        end = pos + len(needle)
        if end <= around[0]:
            rank = (0, around[0] - end)
        elif pos >= around[1]:
            rank = (0, pos - around[1])
        else:
            rank = (1, 0)
        if best is None or rank < best[:2]:
            best = (*rank, pos, end)
        pos = text.find(needle, pos + 1)
    if best is None:
        raise ValueError(f"cue {needle!r} not found")
    return best[2], best[3]


def build_annotation(article: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    """Resolve one annotation spec of ``article`` into its JSON record."""
    text = article["text"]
    prefix = f"{article['id']}/{spec['annotator']}"
    mention_ids: dict[str, str] = {}
    mentions = []
    used_actors: set[str] = set()
    for key, needle, occurrence, actor in spec["mentions"]:
        start, end = span(text, needle, occurrence)
        mention_ids[key] = stable_id(f"{prefix}/mention/{key}")
        used_actors.add(actor)
        mentions.append(
            {
                "id": mention_ids[key],
                "start": start,
                "end": end,
                "text": text[start:end],
                "actor": stable_id("actor/" + actor),
            }
        )
    claims = []
    for c in spec["claims"]:
        start, end = span(text, c["needle"], c.get("occurrence", 1))
        for role in ("claimant", "addressee", "target"):
            if c[role] is not None:
                used_actors.add(c[role])
        cue = None
        if c["cue"] is not None:
            cue_start, cue_end = nearest_span(text, c["cue"], (start, end))
            cue = {"start": cue_start, "end": cue_end, "text": text[cue_start:cue_end]}
        source_mention = c["source_mention"]
        attribution = {
            "attribution_type": c["type"],
            "source_mention": None if source_mention is None else mention_ids[source_mention],
            "source_text": c["source_text"],
            "source_kind": c["source_kind"],
            "cue": cue,
        }
        claims.append(
            {
                "id": stable_id(f"{prefix}/claim/{c['key']}"),
                "start": start,
                "end": end,
                "text": text[start:end],
                "claimant": actor_id(c["claimant"]),
                "addressee": actor_id(c["addressee"]),
                "target": actor_id(c["target"]),
                "stance": c["stance"],
                "category": c["category"],
                "certainty": c["certainty"],
                "checkworthy": c["checkworthy"],
                "attribution": attribution,
                "links": sorted(claim_id(link) for link in c["links"]),
                "note": c["note"],
            }
        )
    actors = sorted(
        (actor_record(key) for key in used_actors), key=lambda a: (a["name"].casefold(), a["id"])
    )
    return {
        "annotator": spec["annotator"],
        "status": spec["status"],
        "comment": spec["comment"],
        "actors": actors,
        "mentions": sorted(mentions, key=lambda m: (m["start"], m["end"], m["id"])),
        "claims": sorted(claims, key=lambda c: (c["start"], c["end"], c["id"])),
    }


def actor_id(key: str | None) -> str | None:
    """Return the id of actor ``key``, or None for None."""
    if key is None:
        return None
    if key not in ACTORS:
        raise ValueError(f"unknown actor key {key!r}")
    return stable_id("actor/" + key)


def claim_id(ref: str) -> str:
    """Return the id of the claim named ``article/annotator/claim-key``."""
    article_id, annotator, key = ref.split("/")
    return stable_id(f"{article_id}/{annotator}/claim/{key}")


def build_article(article: dict[str, Any]) -> dict[str, Any]:
    """Return the JSON record of ``article`` with its keys in the documented order."""
    annotations = [build_annotation(article, spec) for spec in article["annotations"]]
    return {
        "id": article["id"],
        "text": article["text"],
        "title": article["title"],
        "source": article["source"],
        "url": article["url"],
        "published": article["published"],
        "language": "en",
        "story": article["story"],
        "meta": {},
        "label_schema": schema_stamp(),
        "annotations": sorted(annotations, key=lambda a: a["annotator"]),
    }


# --------------------------------------------------------------------------- checking


def check_span(text: str, obj: dict[str, Any], where: str) -> None:
    """Raise ValueError unless ``obj``'s start/end select exactly ``obj['text']``."""
    start, end = obj["start"], obj["end"]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        raise ValueError(f"{where}: bad offsets {start}..{end}")
    if text[start:end] != obj["text"]:
        raise ValueError(f"{where}: span text {obj['text']!r} != {text[start:end]!r}")


def check_article(record: dict[str, Any]) -> None:
    """Check the text, spans and id references of one article record."""
    aid, text = record["id"], record["text"]
    if "\r" in text or text.startswith("\ufeff"):
        raise ValueError(f"{aid}: text must use \\n newlines only and have no BOM")
    paragraphs = text.split("\n\n")
    if not PARAGRAPHS_MIN <= len(paragraphs) <= PARAGRAPHS_MAX:
        raise ValueError(f"{aid}: {len(paragraphs)} paragraphs")
    if any(not p.strip() or "\n" in p for p in paragraphs):
        raise ValueError(f"{aid}: empty paragraph or stray newline")
    words = len(text.split())
    if not WORDS_MIN <= words <= WORDS_MAX:
        raise ValueError(f"{aid}: {words} words")
    annotators = [a["annotator"] for a in record["annotations"]]
    if annotators != sorted(set(annotators)):
        raise ValueError(f"{aid}: annotations not sorted or annotator repeated")
    for ann in record["annotations"]:
        where = f"{aid}/{ann['annotator']}"
        if ann["status"] not in STATUSES:
            raise ValueError(f"{where}: bad status {ann['status']!r}")
        actors = {a["id"]: a for a in ann["actors"]}
        for actor in ann["actors"]:
            if actor["type"] not in ACTOR_TYPES:
                raise ValueError(f"{where}: bad actor type {actor['type']!r}")
        if ann["actors"] != sorted(ann["actors"], key=lambda a: (a["name"].casefold(), a["id"])):
            raise ValueError(f"{where}: actors not sorted")
        if not 2 <= len(ann["mentions"]) <= 5 or not 1 <= len(ann["claims"]) <= 4:
            raise ValueError(f"{where}: need 2-5 mentions and 1-4 claims")
        referenced: set[str] = set()
        mention_ids = set()
        for m in ann["mentions"]:
            check_span(text, m, f"{where}/mention")
            referenced.add(m["actor"])
            mention_ids.add(m["id"])
        for c in ann["claims"]:
            check_span(text, c, f"{where}/claim")
            for role in ("claimant", "addressee", "target"):
                if c[role] is not None:
                    referenced.add(c[role])
            for field, allowed in (
                ("stance", STANCES),
                ("category", CATEGORIES),
                ("certainty", CERTAINTIES),
                ("checkworthy", CHECKWORTHY),
            ):
                if c[field] not in allowed:
                    raise ValueError(f"{where}: bad {field} {c[field]!r}")
            attribution = c["attribution"]
            if attribution["attribution_type"] not in ATTRIBUTION_TYPES:
                raise ValueError(f"{where}: bad attribution type")
            if attribution["source_kind"] not in SOURCE_KINDS:
                raise ValueError(f"{where}: bad source kind")
            source_mention = attribution["source_mention"]
            if source_mention is not None and source_mention not in mention_ids:
                raise ValueError(f"{where}: source_mention {source_mention} not a mention")
            source_text = attribution["source_text"]
            if source_text is not None and source_text not in text:
                raise ValueError(f"{where}: source_text {source_text!r} not in the text")
            if attribution["cue"] is not None:
                check_span(text, attribution["cue"], f"{where}/cue")
        if referenced != set(actors):
            raise ValueError(f"{where}: actors list differs from the actors referred to")
        for key in ("mentions", "claims"):
            items = ann[key]
            if items != sorted(items, key=lambda x: (x["start"], x["end"], x["id"])):
                raise ValueError(f"{where}: {key} not sorted")


def check_corpus(records: list[dict[str, Any]]) -> None:
    """Check every article, then the corpus-wide rules: unique ids, actors, links."""
    ids = [r["id"] for r in records]
    if len(ids) != len(set(ids)):
        raise ValueError("duplicate article ids")
    all_ids: set[str] = set()
    actors_seen: dict[str, dict[str, Any]] = {}
    claims: dict[str, tuple[dict[str, Any], str, str, Any]] = {}
    for record in records:
        check_article(record)
        for ann in record["annotations"]:
            for actor in ann["actors"]:
                if actors_seen.setdefault(actor["id"], actor) != actor:
                    raise ValueError(f"actor {actor['id']} differs between annotations")
            for item in ann["mentions"] + ann["claims"]:
                if item["id"] in all_ids:
                    raise ValueError(f"duplicate id {item['id']}")
                all_ids.add(item["id"])
            for c in ann["claims"]:
                claims[c["id"]] = (c, record["id"], ann["annotator"], record["story"])
    for cid, (claim, article_id, annotator, story) in claims.items():
        for link in claim["links"]:
            if link not in claims:
                raise ValueError(f"{article_id}: link {link} to an unknown claim")
            other, other_article, other_annotator, other_story = claims[link]
            if other_article == article_id or other_annotator != annotator:
                raise ValueError(f"{article_id}: link must cross articles, same annotator")
            if story is None or other_story != story:
                raise ValueError(f"{article_id}: link must stay within one story")
            if cid not in other["links"]:
                raise ValueError(f"{article_id}: link {link} is not reciprocated")
    names = [actor["name"] for actor in actors_seen.values()]
    if len(names) != len(set(names)):
        raise ValueError("two actors share a name")


def main() -> int:
    """Build, check, write and re-read ``articles.jsonl``."""
    records = [build_article(article) for article in ARTICLES]
    check_corpus(records)
    lines = [json.dumps(record, ensure_ascii=False, separators=(",", ":")) for record in records]
    OUTPUT.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
    reread = [json.loads(line) for line in OUTPUT.read_text(encoding="utf-8").splitlines()]
    if reread != records:
        raise ValueError("the written file does not read back identically")
    check_corpus(reread)
    labelled = sum(1 for r in records if r["annotations"])
    print(f"wrote {OUTPUT} ({len(records)} articles, {labelled} labelled)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
