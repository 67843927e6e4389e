"""Hand-labelled sample articles: the gold the recommenders are measured against.

Every article, name and organisation here is invented for these tests; the
labels are what a careful annotator marks, written down before the
recommenders were measured on them (claims the rules cannot find are kept:
continued quotations, cues such as "adding" or "blamed", claims without a
cue). Spans are never written as numbers: each is found by searching for its
words (a "needle") in the text, the n-th occurrence where given.

``python -m tests.assist.gold`` writes ``data/gold.jsonl`` (native JSONL, the
annotator ``gold``); `tests/assist/test_evaluate.py` checks it is up to date.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.model import Actor, Article, ArticleLabels, Attribution, Claim, Mention, Status
from annotator.core.spans import Span

DATA = Path(__file__).with_name("data") / "gold.jsonl"
ANNOTATOR = "gold"

ACTORS = {
    "brandvik": Actor("brandvik", "Ilse Brandvik", "official", ("Valdoria's energy minister", "Brandvik", "Energieministerin Ilse Brandvik")),
    "ferreira": Actor("ferreira", "Tomás Ferreira-Lund", "official", ("Ferreira-Lund", "Teleno's prime minister")),
    "valdoria": Actor("valdoria", "Valdoria", "state", ("the Valdorian government", "die Regierung in Valdoria")),
    "teleno": Actor("teleno", "Teleno", "state", ("the Teleno government",)),
    "ucf": Actor("ucf", "Union of Coastal Fisheries", "civil_society", ("UCF", "der Fischereiverband")),
    "health": Actor("health", "Ministry of Health", "government", ("the health ministry",)),
    "nguyen": Actor("nguyen", "Nguyễn Thị Lan", "expert", ("Dr. Nguyễn",)),
    "odegard": Actor("odegard", "Søren Ødegård", "party", ()),
    "lecka": Actor("lecka", "Zofia Łęcka", "civil_society", ()),
    "port": Actor("port", "Port Arvel Port Authority", "government", ("the port authority",)),
    "duboeuf": Actor("duboeuf", "François Dubœuf", "expert", ("Dubœuf",)),
    "osei": Actor("osei", "Amara Osei", "expert", ()),
    "marsh": Actor("marsh", "Helena Marsh", "official", ("Marsh",)),
    "bank": Actor("bank", "Central Bank of Teleno", "government", ("Teleno's central bank",)),
    "bello": Actor("bello", "Idris Bello", "official", ("Bello",)),
    "quispe": Actor("quispe", "Marta Quispe", "official", ("Quispe",)),
    "observers": Actor("observers", "observers", "unnamed_group", ("Beobachter",)),
    "nordlys": Actor("nordlys", "Nordlys Ferries", "other", ()),
    "saether": Actor("saether", "Ragnhild Sæther", "person", ("Sæther",)),
    "gallagher": Actor("gallagher", "Oisín Gallagher", "official", ("Gallagher",)),
    "transport": Actor("transport", "Regional Transport Department", "government", ()),
    "quinn": Actor("quinn", "Mairead Quinn", "person", ()),
    "mensah": Actor("mensah", "Kofi Mensah-Larsen", "official", ("Mensah-Larsen",)),
    "alliance": Actor("alliance", "Coastal Alliance", "party", ()),
    "holm": Actor("holm", "Ingrid Holm", "party", ("Holm",)),
    "police": Actor("police", "the police", "government", ("police",)),
    "fernandez": Actor("fernandez", "Lucía Fernández", "person", ()),
    "novak": Actor("novak", "Petr Novák", "official", ("Novák",)),
}  # fmt: skip

FRESH = ("ferry-01", "ferry-02", "vote-01", "protest-01")
"""Articles written and labelled after the rules were last changed: never tuned on."""


@dataclass(frozen=True)
class C:
    """One gold claim, by needles."""

    key: str
    content: str
    cue: str | None
    source: str | None
    kind: str | None
    type: str
    claimant: str | None
    stance: str
    category: str
    certainty: str
    checkworthy: str
    links: tuple[str, ...] = ()
    mention: str | None = None  # the source mention's words, when not all of ``source``
    occurrence: int = 1
    cue_occurrence: int | None = None  # the cue's n-th match, when not the one nearest the content
    more: tuple[str, ...] = ()  # further segments of a discontinuous content, each after the last


@dataclass(frozen=True)
class A:
    """One gold article: its text, the mentions (needle, occurrence, actor) and the claims."""

    id: str
    story: str
    language: str
    text: str
    mentions: tuple[tuple[str, int, str], ...]
    claims: tuple[C, ...] = field(default=())


ARTICLES = (
    A(
        "pipeline-01", "pipeline", "en",
        "Valdoria suspended talks with Teleno on Tuesday over the route of a planned gas pipeline,"
        " the latest setback in a dispute that has dragged on for two years.\n\n"
        "“We cannot sign a deal that leaves our coast exposed to spills,” said Ilse Brandvik,"
        " Valdoria's energy minister, after the talks in Port Arvel broke up.\n\n"
        "Teleno's prime minister, Tomás Ferreira-Lund, said the pipeline met every European safety"
        " standard and accused Valdoria of stalling for political gain.\n\n"
        "According to the Union of Coastal Fisheries, the proposed route crosses spawning grounds"
        " used by more than 400 boats. The union called on both governments to commission an"
        " independent survey before any construction begins.\n\n"
        "Brandvik did not say whether Valdoria would return to the table before the summer.\n\n"
        "Analysts expect the dispute to weigh on regional gas prices through the winter.",
        (("Valdoria", 1, "valdoria"), ("Teleno", 1, "teleno"), ("Ilse Brandvik", 1, "brandvik"),
         ("Tomás Ferreira-Lund", 1, "ferreira"), ("Union of Coastal Fisheries", 1, "ucf"),
         ("Brandvik", 2, "brandvik")),
        (
            C("spills", "We cannot sign a deal that leaves our coast exposed to spills", "said",
              "Ilse Brandvik, Valdoria's energy minister", "named", "direct", "brandvik",
              "oppose", "assertion", "asserted", "checkworthy", ("pipeline-02/route",),
              mention="Ilse Brandvik"),
            C("standard", "the pipeline met every European safety standard", "said",
              "Teleno's prime minister, Tomás Ferreira-Lund", "named", "indirect", "ferreira",
              "support", "assertion", "asserted", "checkworthy", ("pipeline-02/standard",),
              mention="Tomás Ferreira-Lund"),
            C("stalling", "Valdoria of stalling for political gain", "accused",
              "Teleno's prime minister, Tomás Ferreira-Lund", "named", "indirect", "ferreira",
              "oppose", "evaluation", "asserted", "non_factual", ("pipeline-02/stalling",),
              mention="Tomás Ferreira-Lund"),
            C("spawning", "the proposed route crosses spawning grounds used by more than 400 boats",
              "According to", "the Union of Coastal Fisheries", "named", "indirect", "ucf",
              "oppose", "assertion", "asserted", "checkworthy", mention="Union of Coastal Fisheries"),
            C("survey", "commission an independent survey before any construction begins",
              "called on", "The union", "named", "indirect", "ucf", "neutral", "demand",
              "asserted", "unimportant"),
            C("prices", "the dispute to weigh on regional gas prices through the winter", "expect",
              "Analysts", "unnamed", "indirect", None, "neutral", "prediction", "hedged",
              "unimportant"),
        ),
    ),
    A(
        "pipeline-02", "pipeline", "en",
        "Pipeline talks collapse as Valdoria walks out\n\n"
        "Talks on the Teleno–Valdoria gas pipeline collapsed on Tuesday after Valdoria's delegation"
        " walked out, officials on both sides confirmed.\n\n"
        "Energy Minister Ilse Brandvik told reporters that the route “would leave our coast exposed"
        " to spills” and that Valdoria would not be rushed.\n\n"
        "“The pipeline meets every European safety standard,” Ferreira-Lund said. “Valdoria is"
        " stalling for political reasons.”\n\n"
        "The Teleno government reportedly offered to reroute a 12-kilometre section of the line"
        " last month, an offer Valdoria never answered.\n\n"
        "If the talks do not resume by June, the financing could lapse, according to a document"
        " seen by this newspaper.\n\n"
        "Is the pipeline still viable? Few in Port Arvel seem to think so.",
        (("Ilse Brandvik", 1, "brandvik"), ("Ferreira-Lund", 1, "ferreira"),
         ("The Teleno government", 1, "teleno")),
        (
            C("walkout", "Talks on the Teleno–Valdoria gas pipeline collapsed on Tuesday after"
              " Valdoria's delegation walked out", "confirmed", "officials on both sides",
              "unnamed", "indirect", None, "neutral", "assertion", "asserted", "checkworthy"),
            C("route", "the route “would leave our coast exposed to spills” and that Valdoria would"
              " not be rushed", "told reporters", "Energy Minister Ilse Brandvik", "named", "mixed",
              "brandvik", "oppose", "assertion", "asserted", "checkworthy",
              mention="Ilse Brandvik"),
            C("standard", "The pipeline meets every European safety standard", "said",
              "Ferreira-Lund", "named", "direct", "ferreira", "support", "assertion", "asserted",
              "checkworthy"),
            C("stalling", "Valdoria is stalling for political reasons", "said", "Ferreira-Lund",
              "named", "direct", "ferreira", "oppose", "evaluation", "asserted", "non_factual"),
            C("reroute", "The Teleno government reportedly offered to reroute a 12-kilometre"
              " section of the line last month", "reportedly", None, "author", "unattributed",
              None, "support", "assertion", "hedged", "checkworthy"),
            C("financing", "If the talks do not resume by June, the financing could lapse",
              "according to", "a document seen by this newspaper", "document", "indirect", None,
              "neutral", "prediction", "hedged", "checkworthy"),
        ),
    ),
    A(
        "measles-01", "measles", "en",
        "The health ministry warned on Monday that measles cases could double this winter unless"
        " vaccination rates improve.\n\n"
        "Dr. Nguyễn Thị Lan, who leads the national immunisation programme, said clinics in the"
        " north had run out of vaccine twice since March. “Parents are queuing and we are sending"
        " them home,” she said.\n\n"
        "Opposition leader Søren Ødegård blamed the shortage on budget cuts. The ministry denied"
        " that funding had fallen, saying in a statement that spending on vaccines rose by 8"
        " percent last year.\n\n"
        "It is believed that at least 30 schools have reported outbreaks.\n\n"
        "Critics of the ministry would say the figures are too low, but no independent count"
        " exists.",
        (("The health ministry", 1, "health"), ("Nguyễn Thị Lan", 1, "nguyen"),
         ("Søren Ødegård", 1, "odegard")),
        (
            C("double", "measles cases could double this winter unless vaccination rates improve",
              "warned", "The health ministry", "named", "indirect", "health", "neutral",
              "prediction", "hedged", "checkworthy"),
            C("clinics", "clinics in the north had run out of vaccine twice since March", "said",
              "Dr. Nguyễn Thị Lan, who leads the national immunisation programme", "named",
              "indirect", "nguyen", "oppose", "assertion", "asserted", "checkworthy",
              mention="Nguyễn Thị Lan"),
            C("queuing", "Parents are queuing and we are sending them home", "said", "she", "named",
              "direct", "nguyen", "oppose", "assertion", "asserted", "unimportant"),
            C("cuts", "the shortage on budget cuts", "blamed", "Opposition leader Søren Ødegård",
              "named", "indirect", "odegard", "oppose", "evaluation", "asserted", "checkworthy",
              mention="Søren Ødegård"),
            C("funding", "funding had fallen", "denied", "The ministry", "named", "indirect",
              "health", "oppose", "assertion", "asserted", "checkworthy"),
            C("spending", "spending on vaccines rose by 8 percent last year", "saying",
              "The ministry", "named", "indirect", "health", "support", "assertion", "asserted",
              "checkworthy"),
            C("schools", "at least 30 schools have reported outbreaks", "It is believed", None,
              "unnamed", "indirect", None, "neutral", "assertion", "hedged", "checkworthy"),
        ),
    ),
    A(
        "strike-01", "strike", "en",
        "Dockworkers at Port Arvel began an indefinite strike on Thursday, halting most container"
        " traffic.\n\n"
        "“We have waited three years for a fair contract,” union secretary Zofia Łęcka told a rally"
        " outside the harbour gates. “Our patience is finished.”\n\n"
        "The port authority said the strike was illegal because the union had not given the"
        " required 14 days' notice, and warned that it would seek damages in court.\n\n"
        "Sources close to the talks say a deal on wages is within reach but pensions remain a"
        " sticking point.\n\n"
        "Shipping lines have reportedly begun diverting vessels to Karsk, about 200 kilometres to"
        " the south.\n\n"
        "Observers point out that the last strike, in 2019, cost the regional economy an"
        " estimated €40 million.",
        (("Zofia Łęcka", 1, "lecka"), ("The port authority", 1, "port"),
         ("Observers", 1, "observers")),
        (
            C("contract", "We have waited three years for a fair contract", "told",
              "union secretary Zofia Łęcka", "named", "direct", "lecka", "oppose", "assertion",
              "asserted", "unimportant", mention="Zofia Łęcka"),
            C("patience", "Our patience is finished", "told", "union secretary Zofia Łęcka",
              "named", "direct", "lecka", "oppose", "evaluation", "asserted", "non_factual",
              mention="Zofia Łęcka"),
            C("illegal", "the strike was illegal because the union had not given the required 14"
              " days' notice", "said", "The port authority", "named", "indirect", "port",
              "oppose", "assertion", "asserted", "checkworthy"),
            C("damages", "it would seek damages in court", "warned", "The port authority", "named",
              "indirect", "port", "oppose", "commitment", "asserted", "unimportant"),
            C("wages", "a deal on wages is within reach but pensions remain a sticking point",
              "say", "Sources close to the talks", "unnamed", "indirect", None, "neutral",
              "prediction", "hedged", "checkworthy"),
            C("diverting", "Shipping lines have reportedly begun diverting vessels to Karsk, about"
              " 200 kilometres to the south", "reportedly", None, "author", "unattributed", None,
              "neutral", "assertion", "hedged", "checkworthy"),
            C("cost", "the last strike, in 2019, cost the regional economy an estimated €40"
              " million", "point out", "Observers", "unnamed", "indirect", "observers", "neutral",
              "assertion", "asserted", "checkworthy"),
        ),
    ),
    A(
        "marsh-01", "marsh", "en",
        "A new study suggests that coastal wetlands absorb carbon twice as fast as previously"
        " estimated.\n\n"
        "The research, published in the Journal of Marine Ecology, found that salt marshes in the"
        " Arvel estuary stored 4.1 tonnes of carbon per hectare each year, lead author François"
        " Dubœuf said.\n\n"
        "“These marshes are doing far more work than anyone gave them credit for,” Dubœuf said in"
        " an interview. He added that the results should not be read as a reason to delay"
        " emissions cuts.\n\n"
        "Not everyone is convinced. Amara Osei, a climate scientist at the Halden Institute, said"
        " the sample was too small to support such a broad conclusion.\n\n"
        "Environmental groups, meanwhile, urged the government to halt drainage projects in the"
        " estuary.",
        (("François Dubœuf", 1, "duboeuf"), ("Dubœuf", 2, "duboeuf"), ("Amara Osei", 1, "osei")),
        (
            C("absorb", "coastal wetlands absorb carbon twice as fast as previously estimated",
              "suggests", "A new study", "document", "indirect", None, "neutral", "assertion",
              "hedged", "checkworthy"),
            C("tonnes", "The research, published in the Journal of Marine Ecology, found that salt"
              " marshes in the Arvel estuary stored 4.1 tonnes of carbon per hectare each year",
              "said", "lead author François Dubœuf", "named", "indirect", "duboeuf", "neutral",
              "assertion", "asserted", "checkworthy", mention="François Dubœuf"),
            C("credit", "These marshes are doing far more work than anyone gave them credit for",
              "said", "Dubœuf", "named", "direct", "duboeuf", "support", "evaluation", "asserted",
              "non_factual", occurrence=1),
            C("delay", "the results should not be read as a reason to delay emissions cuts",
              "added", "He", "named", "indirect", "duboeuf", "oppose", "demand", "asserted",
              "unimportant"),
            C("sample", "the sample was too small to support such a broad conclusion", "said",
              "Amara Osei, a climate scientist at the Halden Institute", "named", "indirect",
              "osei", "oppose", "evaluation", "asserted", "checkworthy", mention="Amara Osei"),
            C("drainage", "halt drainage projects in the estuary", "urged", "Environmental groups",
              "unnamed", "indirect", None, "neutral", "demand", "asserted", "unimportant"),
        ),
    ),
    A(
        "rates-01", "rates", "en",
        "Teleno's central bank held interest rates at 4.5 percent on Wednesday, as expected.\n\n"
        "Governor Helena Marsh said inflation was “moving in the right direction” but warned that"
        " the bank was not ready to declare victory. “One good month does not make a trend,” she"
        " told a news conference.\n\n"
        "Economists polled by the Teleno Herald had forecast the decision. Most of them now expect"
        " a first cut in the autumn, the newspaper reported.\n\n"
        "The finance ministry, which has pushed for lower borrowing costs, declined to comment.\n\n"
        "What would a cut mean for mortgage holders? Banks have not said whether they would pass"
        " it on.",
        (("Teleno's central bank", 1, "bank"), ("Helena Marsh", 1, "marsh")),
        (
            C("inflation", "inflation was “moving in the right direction”", "said",
              "Governor Helena Marsh", "named", "mixed", "marsh", "support", "evaluation",
              "asserted", "checkworthy", mention="Helena Marsh"),
            C("victory", "the bank was not ready to declare victory", "warned",
              "Governor Helena Marsh", "named", "indirect", "marsh", "neutral", "evaluation",
              "asserted", "unimportant", mention="Helena Marsh"),
            C("trend", "One good month does not make a trend", "told", "she", "named", "direct",
              "marsh", "neutral", "evaluation", "asserted", "non_factual"),
            C("autumn", "Most of them now expect a first cut in the autumn", "reported",
              "the newspaper", "named", "indirect", None, "neutral", "prediction", "hedged",
              "checkworthy"),
        ),
    ),
    A(
        "pipeline-03", "pipeline", "de",
        "Die Regierung in Valdoria hat die Gespräche über die Pipeline ausgesetzt.\n\n"
        "„Wir können keinen Vertrag unterschreiben, der unsere Küste gefährdet“, sagte"
        " Energieministerin Ilse Brandvik am Dienstag in Port Arvel.\n\n"
        "Der Fischereiverband forderte beide Regierungen auf, ein unabhängiges Gutachten in Auftrag"
        " zu geben. Laut dem Verband sind mehr als 400 Boote betroffen.\n\n"
        "Beobachter erwarten, dass die Gaspreise im Winter steigen.\n\n"
        "Brandvik sagte nicht, wann die Gespräche fortgesetzt werden.",
        (("Die Regierung in Valdoria", 1, "valdoria"), ("Ilse Brandvik", 1, "brandvik"),
         ("Der Fischereiverband", 1, "ucf"), ("Beobachter", 1, "observers"),
         ("Brandvik", 2, "brandvik")),
        (
            C("vertrag", "Wir können keinen Vertrag unterschreiben, der unsere Küste gefährdet",
              "sagte", "Energieministerin Ilse Brandvik", "named", "direct", "brandvik", "oppose",
              "assertion", "asserted", "checkworthy", ("pipeline-01/spills",),
              mention="Ilse Brandvik"),
            C("gutachten", "ein unabhängiges Gutachten in Auftrag zu geben", "forderte",
              "Der Fischereiverband", "named", "indirect", "ucf", "neutral", "demand", "asserted",
              "unimportant"),
            C("boote", "sind mehr als 400 Boote betroffen", "Laut", "dem Verband", "named",
              "indirect", "ucf", "oppose", "assertion", "asserted", "checkworthy"),
            C("gaspreise", "die Gaspreise im Winter steigen", "erwarten", "Beobachter", "unnamed",
              "indirect", "observers", "neutral", "prediction", "hedged", "unimportant"),
        ),
    ),
    A(
        "buses-01", "buses", "en",
        "Mayor pledges free buses for Karsk\n\n"
        "KARSK — Mayor Idris Bello promised on Friday that all city buses would be free to ride from"
        " January, a pledge his rivals called unaffordable.\n\n"
        "“Nobody in this city should have to choose between a bus ticket and a meal,” Bello said at"
        " a rally, adding that the plan would be paid for by a tax on parking.\n\n"
        "The city's auditor, Marta Quispe, said she had not yet seen any costings. Asked whether the"
        " budget could cover the plan, she said: “Not without cuts elsewhere.”\n\n"
        "Residents interviewed on Friday were divided. Some said the buses were already too"
        " crowded.",
        (("Idris Bello", 1, "bello"), ("Bello", 2, "bello"), ("Marta Quispe", 1, "quispe")),
        (
            C("free", "all city buses would be free to ride from January", "promised",
              "Mayor Idris Bello", "named", "indirect", "bello", "support", "commitment",
              "asserted", "checkworthy", mention="Idris Bello"),
            C("meal", "Nobody in this city should have to choose between a bus ticket and a meal",
              "said", "Bello", "named", "direct", "bello", "support", "evaluation", "asserted",
              "non_factual", mention="Bello"),
            C("parking", "the plan would be paid for by a tax on parking", "adding", "Bello",
              "named", "indirect", "bello", "support", "commitment", "asserted", "checkworthy",
              mention="Bello"),
            C("costings", "she had not yet seen any costings", "said",
              "The city's auditor, Marta Quispe", "named", "indirect", "quispe", "neutral",
              "assertion", "asserted", "unimportant", mention="Marta Quispe"),
            C("cuts", "Not without cuts elsewhere", "said", "she", "named", "direct", "quispe",
              "oppose", "evaluation", "asserted", "non_factual"),
            C("crowded", "the buses were already too crowded", "said", "Some", "unnamed",
              "indirect", None, "oppose", "evaluation", "asserted", "unimportant"),
        ),
    ),
    A(
        "ferry-01", "ferry", "en",
        "Ferry operator cuts winter crossings\n\n"
        "Nordlys Ferries will cut its winter timetable to two crossings a day, the company announced"
        " on Monday, blaming rising fuel costs.\n\n"
        "“We have kept every route open for as long as we could,” chief executive Ragnhild Sæther"
        " said in a statement. She said the company had lost money on the northern routes for three"
        " consecutive winters.\n\n"
        "Islanders reacted with anger. Council leader Oisín Gallagher called the decision “a betrayal"
        " of the people who depend on these boats” and urged the regional government to step in with"
        " a subsidy.\n\n"
        "The Regional Transport Department said it was studying the request but could not promise new"
        " funding before the spring budget.\n\n"
        "Fuel prices have risen by roughly a third since last year, according to figures from the"
        " national statistics office.",
        (("Nordlys Ferries", 1, "nordlys"), ("Ragnhild Sæther", 1, "saether"),
         ("Oisín Gallagher", 1, "gallagher"), ("Regional Transport Department", 1, "transport")),
        (
            C("timetable", "Nordlys Ferries will cut its winter timetable to two crossings a day",
              "announced", "the company", "named", "indirect", "nordlys", "neutral", "commitment",
              "asserted", "checkworthy"),
            C("kept", "We have kept every route open for as long as we could", "said",
              "chief executive Ragnhild Sæther", "named", "direct", "saether", "support",
              "assertion", "asserted", "unimportant", mention="Ragnhild Sæther"),
            C("lost", "the company had lost money on the northern routes for three consecutive"
              " winters", "said", "She", "named", "indirect", "saether", "neutral", "assertion",
              "asserted", "checkworthy", ("ferry-02/lost",)),
            C("betrayal", "the decision “a betrayal of the people who depend on these boats”",
              "called", "Council leader Oisín Gallagher", "named", "mixed", "gallagher", "oppose",
              "evaluation", "asserted", "non_factual", ("ferry-02/betrayal",),
              mention="Oisín Gallagher"),
            C("subsidy", "step in with a subsidy", "urged", "Council leader Oisín Gallagher",
              "named", "indirect", "gallagher", "neutral", "demand", "asserted", "unimportant",
              mention="Oisín Gallagher"),
            C("studying", "it was studying the request but could not promise new funding before"
              " the spring budget", "said", "The Regional Transport Department", "named",
              "indirect", "transport", "neutral", "assertion", "asserted", "unimportant",
              mention="Regional Transport Department"),
            C("fuel", "Fuel prices have risen by roughly a third since last year", "according to",
              "figures from the national statistics office", "document", "indirect", None,
              "neutral", "assertion", "asserted", "checkworthy"),
        ),
    ),
    A(
        "ferry-02", "ferry", "en",
        "Islands fear isolation as ferry crossings are cut\n\n"
        "Residents of the outer islands say the reduced ferry timetable will leave them cut off for"
        " days when storms hit.\n\n"
        "“If the morning boat is cancelled, there is no way to reach the hospital,” said Mairead"
        " Quinn, a nurse who commutes from Inishbeg.\n\n"
        "Nordlys Ferries has lost money on its northern routes for three winters in a row, chief"
        " executive Ragnhild Sæther told the Island Herald.\n\n"
        "Gallagher, the council leader, described the cuts as a betrayal of island families.\n\n"
        "Would a subsidy change the company's mind? Sæther declined to say.",
        (("Mairead Quinn", 1, "quinn"), ("Nordlys Ferries", 1, "nordlys"),
         ("Ragnhild Sæther", 1, "saether"), ("Gallagher", 1, "gallagher"), ("Sæther", 2, "saether")),
        (
            C("cutoff", "the reduced ferry timetable will leave them cut off for days when storms"
              " hit", "say", "Residents of the outer islands", "unnamed", "indirect", None,
              "oppose", "prediction", "asserted", "checkworthy"),
            C("hospital", "If the morning boat is cancelled, there is no way to reach the hospital",
              "said", "Mairead Quinn, a nurse who commutes from Inishbeg", "named", "direct",
              "quinn", "oppose", "assertion", "asserted", "checkworthy", mention="Mairead Quinn"),
            C("lost", "Nordlys Ferries has lost money on its northern routes for three winters in a"
              " row", "told", "chief executive Ragnhild Sæther", "named", "indirect", "saether",
              "neutral", "assertion", "asserted", "checkworthy", mention="Ragnhild Sæther"),
            C("betrayal", "the cuts as a betrayal of island families", "described",
              "Gallagher, the council leader", "named", "indirect", "gallagher", "oppose",
              "evaluation", "asserted", "non_factual", mention="Gallagher"),
        ),
    ),
    A(
        "vote-01", "quota", "en",
        "Parliament approves fishing quota bill\n\n"
        "Lawmakers approved a bill on Thursday that caps annual cod catches at 40,000 tonnes, ending"
        " months of wrangling between coastal and inland parties.\n\n"
        "Fisheries Minister Kofi Mensah-Larsen hailed the vote as “a fair deal for the next"
        " generation of fishermen.” He added that the quota would be reviewed every two years.\n\n"
        "The Coastal Alliance, which voted against the bill, claimed the cap would force at least 300"
        " small boats out of business. Its leader, Ingrid Holm, told reporters the party would"
        " challenge the law in court.\n\n"
        "Environmental researchers at Tromsdal University have long argued that cod stocks need a"
        " stricter limit. Their latest survey, published in March, found spawning stocks at their"
        " lowest level since 1990.\n\n"
        "The bill is expected to take effect in January.",
        (("Kofi Mensah-Larsen", 1, "mensah"), ("Coastal Alliance", 1, "alliance"),
         ("Ingrid Holm", 1, "holm")),
        (
            C("fair", "the vote as “a fair deal for the next generation of fishermen.”", "hailed",
              "Fisheries Minister Kofi Mensah-Larsen", "named", "mixed", "mensah", "support",
              "evaluation", "asserted", "non_factual", mention="Kofi Mensah-Larsen"),
            C("review", "the quota would be reviewed every two years", "added", "He", "named",
              "indirect", "mensah", "neutral", "commitment", "asserted", "unimportant"),
            C("boats", "the cap would force at least 300 small boats out of business", "claimed",
              "The Coastal Alliance, which voted against the bill", "named", "indirect",
              "alliance", "oppose", "prediction", "hedged", "checkworthy",
              mention="Coastal Alliance"),
            C("court", "the party would challenge the law in court", "told reporters",
              "Its leader, Ingrid Holm", "named", "indirect", "holm", "oppose", "commitment",
              "asserted", "unimportant", mention="Ingrid Holm"),
            C("stocks", "cod stocks need a stricter limit", "argued",
              "Environmental researchers at Tromsdal University", "unnamed", "indirect", None,
              "support", "demand", "asserted", "checkworthy"),
            C("lowest", "spawning stocks at their lowest level since 1990", "found",
              "Their latest survey, published in March", "document", "indirect", None, "neutral",
              "assertion", "asserted", "checkworthy"),
        ),
    ),
    A(
        "protest-01", "pensions", "en",
        "Thousands march against pension reform\n\n"
        "Thousands of people marched through the capital on Saturday to protest against plans to"
        " raise the retirement age to 67.\n\n"
        "Organisers put the turnout at 50,000, while police said about 18,000 people took part.\n\n"
        "“We did not work our whole lives to be told to work two more years,” said Lucía Fernández,"
        " a retired teacher, holding a sign that read “67 is too late”.\n\n"
        "Labour Minister Petr Novák has not said whether the government will change course. Asked on"
        " Friday if he would meet union leaders, he said he would “listen to everyone”.\n\n"
        "Unions warn that further strikes could follow in May if the bill goes ahead.",
        (("police", 1, "police"), ("Lucía Fernández", 1, "fernandez"), ("Petr Novák", 1, "novak")),
        (
            C("turnout", "the turnout at 50,000", "put", "Organisers", "unnamed", "indirect", None,
              "neutral", "assertion", "asserted", "checkworthy"),
            C("18000", "about 18,000 people took part", "said", "police", "named", "indirect",
              "police", "neutral", "assertion", "asserted", "checkworthy"),
            C("lives", "We did not work our whole lives to be told to work two more years", "said",
              "Lucía Fernández, a retired teacher", "named", "direct", "fernandez", "oppose",
              "evaluation", "asserted", "non_factual", mention="Lucía Fernández"),
            C("listen", "he would “listen to everyone”", "said", "he", "named", "mixed", "novak",
              "neutral", "commitment", "asserted", "unimportant"),
            C("strikes", "further strikes could follow in May if the bill goes ahead", "warn",
              "Unions", "unnamed", "indirect", None, "oppose", "prediction", "hedged",
              "checkworthy"),
        ),
    ),
)  # fmt: skip


def _find(
    text: str, needle: str, occurrence: int = 1, near: tuple[int, int] | None = None
) -> tuple[int, int]:
    """The ``occurrence``-th match of ``needle``, or the match nearest the span ``near``."""
    starts = []
    pos = text.find(needle)
    while pos >= 0:
        starts.append(pos)
        pos = text.find(needle, pos + 1)
    if len(starts) < occurrence:
        raise ValueError(f"{needle!r} occurs {len(starts)} times, not {occurrence}")
    if near is not None:
        start = min(starts, key=lambda s: min(abs(s - near[0]), abs(s + len(needle) - near[1])))
    else:
        start = starts[occurrence - 1]
    return start, start + len(needle)


def _id(*parts: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "claim-annotator-assist-gold/" + "/".join(parts)))


def claim_id(ref: str) -> str:
    """The id of the gold claim ``article/key``."""
    return _id(*ref.split("/"))


def build(articles: Sequence[A] = ARTICLES) -> list[tuple[Article, ArticleLabels]]:
    """Every gold article (or those of ``articles``, another set in the same form) with its labels."""
    pairs: dict[str, set[str]] = {}  # links are listed on both sides
    for a in articles:
        for c in a.claims:
            for ref in c.links:
                pairs.setdefault(f"{a.id}/{c.key}", set()).add(claim_id(ref))
                pairs.setdefault(ref, set()).add(claim_id(f"{a.id}/{c.key}"))
    out = []
    for a in articles:
        article = Article(a.id, a.text, language=a.language, story=a.story)
        mentions = [
            Mention(
                _id(a.id, "m", needle, str(n)), a.id, ANNOTATOR, *_find(a.text, needle, n), actor
            )
            for needle, n, actor in a.mentions
        ]
        claims = []
        for c in a.claims:
            start, end = _find(a.text, c.content, c.occurrence)
            segments = [Span(start, end)]
            for piece in c.more:  # a quotation split around its cue, or going on
                at = a.text.index(piece, segments[-1].end)
                segments.append(Span(at, at + len(piece)))
            end = segments[-1].end
            near = None if c.cue_occurrence else (start, end)
            cue = _find(a.text, c.cue, c.cue_occurrence or 1, near) if c.cue else None
            source_mention = None
            if c.kind == "named" and c.claimant is not None and c.source is not None:
                src = _find(a.text, c.source, near=(start, end))
                words = c.mention or c.source
                m_start = a.text.index(words, src[0])
                found = next(
                    (m for m in mentions if (m.start, m.end) == (m_start, m_start + len(words))),
                    None,
                )
                if found is None:
                    found = Mention(
                        _id(a.id, "s", c.key),
                        a.id,
                        ANNOTATOR,
                        m_start,
                        m_start + len(words),
                        c.claimant,
                        source_only=True,
                    )
                    mentions.append(found)
                source_mention = found.id
            attribution = Attribution(c.type, source_mention, c.source, c.kind, cue and _span(cue))
            claim = Claim(
                _id(a.id, c.key), a.id, ANNOTATOR, start, end, c.claimant, None, None, c.stance,
                c.category, c.certainty, c.checkworthy, attribution,
                segments=tuple(segments) if c.more else (),
            )  # fmt: skip
            claims.append(claim)
        status = Status(a.id, ANNOTATOR, "done")
        links = {
            claim_id(f"{a.id}/{c.key}"): tuple(sorted(pairs[f"{a.id}/{c.key}"]))
            for c in a.claims
            if pairs.get(f"{a.id}/{c.key}")
        }
        labels = ArticleLabels(
            a.id, ANNOTATOR, status, tuple(sorted(mentions, key=lambda m: m.start)), tuple(claims), links
        )  # fmt: skip
        out.append((article, labels))
    return out


def _span(pair: tuple[int, int]) -> Any:
    from annotator.core.spans import Span

    return Span(*pair)


def jsonl() -> str:
    """The gold as native JSONL (one article a line, the annotator ``gold``)."""
    from annotator.io.native import article_json

    lines = []
    for article, labels in build():
        lines.append(
            json.dumps(article_json(article, [labels], ACTORS), ensure_ascii=False, sort_keys=False)
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    DATA.parent.mkdir(exist_ok=True)
    DATA.write_text(jsonl(), encoding="utf-8")
    print(f"wrote {DATA}")
