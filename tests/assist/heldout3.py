"""A third held-out sample: four articles written before the fixes that `heldout2` showed.

`tests/assist/heldout2.py` was measured with the rules frozen, then its misses
were read and some general faults they showed were fixed: from then on it is
seen text. These four articles (a data breach, hospital waiting lists, a wind
farm, border talks) were written and labelled before those fixes, in the same
conventions (`tests/assist/gold.py`, and documents credited to the registry
actor that issued them), so that the fixed rules are measured once more on
text they were not changed for. Every name, place and organisation is
invented.

Issue 18: two quotations going on in the next sentence, once a claim each,
are one claim of two segments (``more``), as in `tests/assist/heldout2.py`
(46 claims became 44).
"""

from __future__ import annotations

from annotator.core.model import Actor, Article, ArticleLabels
from tests.assist import gold
from tests.assist.gold import A, C

ACTORS = {
    "velcom": Actor("velcom", "Velcom", "other", ()),
    "raman": Actor("raman", "Priya Raman", "person", ("Raman",)),
    "cyber": Actor("cyber", "national cyber security agency", "government", ()),
    "brunnhuber": Actor("brunnhuber", "Elias Brunnhuber", "official", ("Brunnhuber",)),
    "wilk": Actor("wilk", "Tomasz Wilk", "expert", ()),
    "board": Actor("board", "Eastmoor Health Board", "government", ("the regional health board", "the health board")),
    "sorensen": Actor("sorensen", "Helga Sorensen", "expert", ("Dr. Helga Sorensen",)),
    "brady": Actor("brady", "Colm Brady", "official", ("Brady",)),
    "patients": Actor("patients", "Patients' Association", "civil_society", ()),
    "ehi": Actor("ehi", "Eastmoor Health Institute", "expert", ()),
    "skarvik": Actor("skarvik", "Skarvik Energy", "other", ("Skarvik",)),
    "kaczmarek": Actor("kaczmarek", "Owen Kaczmarek", "person", ()),
    "abernethy": Actor("abernethy", "Ruth Abernethy", "person", ()),
    "sbm": Actor("sbm", "Save Brackwater Moor", "civil_society", ()),
    "macrae": Actor("macrae", "Fiona MacRae", "official", ("MacRae",)),
    "ostravia": Actor("ostravia", "Ostravia", "state", ()),
    "pelland": Actor("pelland", "Pelland", "state", ()),
    "ilic": Actor("ilic", "Dragan Ilić", "official", ("Ilić",)),
    "solberg": Actor("solberg", "Maren Solberg", "official", ("Solberg",)),
    "adjei": Actor("adjei", "Kwame Adjei", "official", ("Adjei",)),
}  # fmt: skip

ARTICLES = (
    A(
        "breach-01", "velcom-breach", "en",
        "Hackers stole records of 2 million customers, telecom firm says\n\n"
        "Velcom, the country's second-largest mobile operator, said on Thursday that hackers had"
        " stolen the names, addresses and phone numbers of about 2 million customers in an attack"
        " discovered last week.\n\n"
        "The company said no passwords or bank details had been taken, but urged customers to be"
        " wary of messages asking for personal information. “We are deeply sorry,” chief executive"
        " Priya Raman told a news conference in the capital. “We should have found this"
        " sooner.”\n\n"
        "The attack began in early March, according to a preliminary report by the national cyber"
        " security agency, which said the intruders had used a contractor's stolen login. The"
        " agency did not name the contractor.\n\n"
        "Data protection commissioner Elias Brunnhuber said his office had opened an investigation"
        " and could fine the company up to 4 percent of its annual turnover. Asked whether Velcom"
        " had reported the breach within the legal deadline of 72 hours, he said it was “too early"
        " to tell”.\n\n"
        "Security researchers who examined samples of the stolen data online said they appeared"
        " genuine. One of them, Tomasz Wilk of the consultancy Greyline, estimated that the data"
        " was being offered for sale at around 30,000 dollars.\n\n"
        "Customers' groups have criticised Velcom for waiting six days before telling the public."
        " The firm has said the delay was needed to secure its systems.\n\n"
        "Shares in Velcom fell 7 percent. The company is expected to publish a full account of the"
        " attack within a month, a spokeswoman said.",
        (("Velcom", 1, "velcom"), ("Priya Raman", 1, "raman"),
         ("national cyber security agency", 1, "cyber"), ("Elias Brunnhuber", 1, "brunnhuber"),
         ("Velcom", 2, "velcom"), ("Tomasz Wilk", 1, "wilk"), ("Velcom", 3, "velcom"),
         ("Velcom", 4, "velcom")),
        (
            C("stolen", "hackers had stolen the names, addresses and phone numbers of about 2"
              " million customers in an attack discovered last week", "said",
              "Velcom, the country's second-largest mobile operator", "named", "indirect",
              "velcom", "neutral", "assertion", "asserted", "checkworthy", mention="Velcom"),
            C("passwords", "no passwords or bank details had been taken", "said", "The company",
              "named", "indirect", "velcom", "support", "assertion", "asserted", "checkworthy"),
            C("wary", "be wary of messages asking for personal information", "urged",
              "The company", "named", "indirect", "velcom", "neutral", "demand", "asserted",
              "unimportant"),
            C("sorry", "We are deeply sorry", "told", "chief executive Priya Raman", "named",
              "direct", "raman", "neutral", "evaluation", "asserted", "non_factual",
              mention="Priya Raman",
              more=("We should have found this sooner",)),
            C("march", "The attack began in early March", "according to",
              "a preliminary report by the national cyber security agency", "document",
              "indirect", "cyber", "neutral", "assertion", "asserted", "checkworthy"),
            C("login", "the intruders had used a contractor's stolen login", "said",
              "the national cyber security agency", "named", "indirect", "cyber", "neutral",
              "assertion", "asserted", "checkworthy", mention="national cyber security agency"),
            C("fine", "his office had opened an investigation and could fine the company up to 4"
              " percent of its annual turnover", "said",
              "Data protection commissioner Elias Brunnhuber", "named", "indirect", "brunnhuber",
              "oppose", "commitment", "asserted", "checkworthy", mention="Elias Brunnhuber"),
            C("early", "it was “too early to tell”", "said", "he", "named", "mixed", "brunnhuber",
              "neutral", "evaluation", "asserted", "unimportant"),
            C("genuine", "they appeared genuine", "said",
              "Security researchers who examined samples of the stolen data online", "unnamed",
              "indirect", None, "neutral", "assertion", "hedged", "checkworthy"),
            C("sale", "the data was being offered for sale at around 30,000 dollars", "estimated",
              "One of them, Tomasz Wilk of the consultancy Greyline", "named", "indirect", "wilk",
              "neutral", "assertion", "hedged", "checkworthy", mention="Tomasz Wilk"),
            C("waiting", "Velcom for waiting six days before telling the public", "criticised",
              "Customers' groups", "unnamed", "indirect", None, "oppose", "evaluation",
              "asserted", "checkworthy"),
            C("delay", "the delay was needed to secure its systems", "said", "The firm", "named",
              "indirect", "velcom", "support", "assertion", "asserted", "unimportant"),
            C("account", "The company is expected to publish a full account of the attack within"
              " a month", "said", "a spokeswoman", "unnamed", "indirect", None, "neutral",
              "commitment", "hedged", "unimportant"),
        ),
    ),
    A(
        "hospital-01", "eastmoor-waiting", "en",
        "Waiting lists at record high, health board says\n\n"
        "More than 310,000 people are waiting for hospital treatment in the Eastmoor region, the"
        " highest number since records began, the regional health board said on Monday.\n\n"
        "The board's figures show that one in five patients has waited longer than a year for"
        " planned surgery such as hip and knee replacements. Officials blamed a shortage of"
        " anaesthetists and the lingering effects of last winter's flu outbreak.\n\n"
        "“Every one of those numbers is a person in pain,” said Dr. Helga Sorensen, who chairs the"
        " Eastmoor branch of the doctors' union. She said many surgeons were working weekends"
        " without extra pay and that morale was “the lowest I have seen in thirty years”.\n\n"
        "Health Secretary Colm Brady said the government had already funded 400 extra training"
        " places and expected waiting lists to fall by the end of next year. He rejected calls for"
        " an emergency budget, telling parliament that more money alone would not shorten the"
        " queues.\n\n"
        "Not everyone agrees. The Patients' Association said the promised training places would"
        " take at least five years to make any difference, and called for private clinics to be"
        " used to clear the backlog.\n\n"
        "A leaked memo seen by this newspaper suggests that two hospitals in the region may have to"
        " close operating theatres over the summer. The health board declined to comment on the"
        " memo.\n\n"
        "If waiting times keep rising at the current rate, the list could pass 350,000 by next"
        " spring, an analysis by the Eastmoor Health Institute projects.",
        (("the regional health board", 1, "board"), ("Dr. Helga Sorensen", 1, "sorensen"),
         ("Colm Brady", 1, "brady"), ("Patients' Association", 1, "patients"),
         ("The health board", 1, "board"), ("Eastmoor Health Institute", 1, "ehi")),
        (
            C("record", "More than 310,000 people are waiting for hospital treatment in the"
              " Eastmoor region, the highest number since records began", "said",
              "the regional health board", "named", "indirect", "board", "oppose", "assertion",
              "asserted", "checkworthy"),
            C("fifth", "one in five patients has waited longer than a year for planned surgery"
              " such as hip and knee replacements", "show", "The board's figures", "document",
              "indirect", "board", "oppose", "assertion", "asserted", "checkworthy"),
            C("blamed", "a shortage of anaesthetists and the lingering effects of last winter's flu"
              " outbreak", "blamed", "Officials", "unnamed", "indirect", None, "neutral",
              "evaluation", "asserted", "checkworthy"),
            C("pain", "Every one of those numbers is a person in pain", "said",
              "Dr. Helga Sorensen, who chairs the Eastmoor branch of the doctors' union", "named",
              "direct", "sorensen", "oppose", "evaluation", "asserted", "non_factual",
              mention="Dr. Helga Sorensen"),
            C("weekends", "many surgeons were working weekends without extra pay and that morale"
              " was “the lowest I have seen in thirty years”", "said", "She", "named", "mixed",
              "sorensen", "oppose", "assertion", "asserted", "checkworthy"),
            C("funded", "the government had already funded 400 extra training places and expected"
              " waiting lists to fall by the end of next year", "said",
              "Health Secretary Colm Brady", "named", "indirect", "brady", "support", "assertion",
              "asserted", "checkworthy", mention="Colm Brady"),
            C("money", "more money alone would not shorten the queues", "telling", "He", "named",
              "indirect", "brady", "support", "assertion", "asserted", "checkworthy"),
            C("years", "the promised training places would take at least five years to make any"
              " difference", "said", "The Patients' Association", "named", "indirect", "patients",
              "oppose", "prediction", "asserted", "checkworthy", mention="Patients' Association"),
            C("private", "private clinics to be used to clear the backlog", "called for",
              "The Patients' Association", "named", "indirect", "patients", "neutral", "demand",
              "asserted", "unimportant", mention="Patients' Association"),
            C("theatres", "two hospitals in the region may have to close operating theatres over"
              " the summer", "suggests", "A leaked memo seen by this newspaper", "document",
              "indirect", None, "oppose", "prediction", "hedged", "checkworthy"),
            C("pass", "If waiting times keep rising at the current rate, the list could pass"
              " 350,000 by next spring", "projects",
              "an analysis by the Eastmoor Health Institute", "document", "indirect", "ehi",
              "oppose", "prediction", "hedged", "checkworthy"),
        ),
    ),
    A(
        "wind-01", "brackwater-wind", "en",
        "Council approves wind farm despite protests\n\n"
        "Councillors in Brackwater voted 7–4 on Tuesday to approve a 24-turbine wind farm on the"
        " moors above the town, ending a two-year planning battle.\n\n"
        "The developer, Skarvik Energy, says the project will power about 60,000 homes and create"
        " 120 jobs during construction. Its planning director, Owen Kaczmarek, called the decision"
        " “a good day for the town and for the climate”.\n\n"
        "Opponents had argued that the turbines, each 180 metres tall, would ruin one of the"
        " county's finest views and harm nesting birds. “They have sacrificed the moor for a"
        " cheque,” said Ruth Abernethy, who organised a petition against the scheme signed by 9,000"
        " people. The campaign group she leads, Save Brackwater Moor, is considering a legal"
        " challenge, a spokesman confirmed.\n\n"
        "The council's own ecologist found no evidence that the site was used by protected"
        " species, according to planning documents. The Bird Protection Trust, a charity, has not"
        " objected to the plans.\n\n"
        "Council leader Fiona MacRae insisted that the decision had been made on planning grounds"
        " alone. Skarvik has promised to pay 500,000 pounds a year into a community fund for the"
        " life of the project, money that critics describe as a bribe.\n\n"
        "Asked whether the turbines would lower house prices, MacRae said there was “no evidence”"
        " that they would. Estate agents in the town are less sure: two told this newspaper that"
        " buyers had already begun asking about the scheme.\n\n"
        "Construction is due to start next spring.",
        (("Skarvik Energy", 1, "skarvik"), ("Owen Kaczmarek", 1, "kaczmarek"),
         ("Ruth Abernethy", 1, "abernethy"), ("Save Brackwater Moor", 1, "sbm"),
         ("Fiona MacRae", 1, "macrae"), ("Skarvik", 2, "skarvik"), ("MacRae", 2, "macrae")),
        (
            C("homes", "the project will power about 60,000 homes and create 120 jobs during"
              " construction", "says", "The developer, Skarvik Energy", "named", "indirect",
              "skarvik", "support", "prediction", "asserted", "checkworthy",
              mention="Skarvik Energy"),
            C("goodday", "the decision “a good day for the town and for the climate”", "called",
              "Its planning director, Owen Kaczmarek", "named", "mixed", "kaczmarek", "support",
              "evaluation", "asserted", "non_factual", mention="Owen Kaczmarek"),
            C("ruin", "the turbines, each 180 metres tall, would ruin one of the county's finest"
              " views and harm nesting birds", "argued", "Opponents", "unnamed", "indirect", None,
              "oppose", "prediction", "asserted", "checkworthy"),
            C("sacrificed", "They have sacrificed the moor for a cheque", "said",
              "Ruth Abernethy, who organised a petition against the scheme signed by 9,000"
              " people", "named", "direct", "abernethy", "oppose", "evaluation", "asserted",
              "non_factual", mention="Ruth Abernethy"),
            C("legal", "The campaign group she leads, Save Brackwater Moor, is considering a legal"
              " challenge", "confirmed", "a spokesman", "unnamed", "indirect", None, "oppose",
              "commitment", "hedged", "unimportant"),
            C("ecologist", "The council's own ecologist found no evidence that the site was used by"
              " protected species", "according to", "planning documents", "document", "indirect",
              None, "support", "assertion", "asserted", "checkworthy"),
            C("grounds", "the decision had been made on planning grounds alone", "insisted",
              "Council leader Fiona MacRae", "named", "indirect", "macrae", "support",
              "assertion", "asserted", "unimportant", mention="Fiona MacRae"),
            C("fund", "pay 500,000 pounds a year into a community fund for the life of the"
              " project", "promised", "Skarvik", "named", "indirect", "skarvik", "support",
              "commitment", "asserted", "checkworthy"),
            C("bribe", "money that critics describe as a bribe", "describe", "critics", "unnamed",
              "indirect", None, "oppose", "evaluation", "asserted", "non_factual"),
            C("noevidence", "there was “no evidence” that they would", "said", "MacRae", "named",
              "mixed", "macrae", "support", "assertion", "asserted", "checkworthy"),
            C("buyers", "buyers had already begun asking about the scheme", "told", "two",
              "unnamed", "indirect", None, "oppose", "assertion", "asserted", "unimportant"),
        ),
    ),
    A(
        "border-01", "river-border", "en",
        "Border talks end without deal, but both sides promise to meet again\n\n"
        "Negotiators from Ostravia and Pelland ended three days of talks on their disputed river"
        " border on Friday without an agreement, though both delegations described the atmosphere"
        " as constructive.\n\n"
        "“We are closer than we have been in a decade,” Ostravian foreign minister Dragan Ilić told"
        " reporters in Lausk. “But closer is not the same as done.”\n\n"
        "His Pelland counterpart, Maren Solberg, said the main obstacle remained the status of two"
        " islands in the river, which both countries claim. She said Pelland would not accept any"
        " deal that left the islands' 3,000 residents without a say in their future.\n\n"
        "According to a diplomat briefed on the talks, the two sides came close on Thursday evening"
        " to agreeing a joint fishing zone, before disagreeing over who would police it. The"
        " diplomat spoke on condition of anonymity because the talks are confidential.\n\n"
        "The mediator who chaired the meeting, Kwame Adjei, said both governments had agreed to"
        " return to the table in June. Adjei did not say where the next round would be held.\n\n"
        "Neither government has published its proposals. Analysts in both capitals say a deal"
        " before the Pelland election in October is unlikely, because neither leader can afford to"
        " be seen giving ground.\n\n"
        "Relations between the neighbours have been tense since 2019, when a Pelland patrol boat"
        " was fired on near one of the islands. Ostravia has always denied that its forces fired"
        " first.\n\n"
        "Trade between the two countries has nonetheless more than doubled since then, figures"
        " from the Pelland statistics office show.",
        (("Ostravia", 1, "ostravia"), ("Pelland", 1, "pelland"), ("Dragan Ilić", 1, "ilic"),
         ("Maren Solberg", 1, "solberg"), ("Pelland", 3, "pelland"), ("Kwame Adjei", 1, "adjei"),
         ("Adjei", 2, "adjei"), ("Ostravia", 3, "ostravia")),
        (
            C("constructive", "the atmosphere as constructive", "described", "both delegations",
              "unnamed", "indirect", None, "support", "evaluation", "asserted", "unimportant"),
            C("closer", "We are closer than we have been in a decade", "told reporters",
              "Ostravian foreign minister Dragan Ilić", "named", "direct", "ilic", "support",
              "evaluation", "asserted", "unimportant", mention="Dragan Ilić",
              more=("But closer is not the same as done",)),
            C("islands", "the main obstacle remained the status of two islands in the river, which"
              " both countries claim", "said", "His Pelland counterpart, Maren Solberg", "named",
              "indirect", "solberg", "neutral", "assertion", "asserted", "checkworthy",
              mention="Maren Solberg"),
            C("say", "Pelland would not accept any deal that left the islands' 3,000 residents"
              " without a say in their future", "said", "She", "named", "indirect", "solberg",
              "oppose", "commitment", "asserted", "checkworthy"),
            C("fishing", "the two sides came close on Thursday evening to agreeing a joint fishing"
              " zone, before disagreeing over who would police it", "According to",
              "a diplomat briefed on the talks", "unnamed", "indirect", None, "neutral",
              "assertion", "asserted", "checkworthy"),
            C("june", "both governments had agreed to return to the table in June", "said",
              "The mediator who chaired the meeting, Kwame Adjei", "named", "indirect", "adjei",
              "support", "commitment", "asserted", "unimportant", mention="Kwame Adjei"),
            C("election", "a deal before the Pelland election in October is unlikely, because"
              " neither leader can afford to be seen giving ground", "say",
              "Analysts in both capitals", "unnamed", "indirect", None, "neutral", "prediction",
              "hedged", "checkworthy"),
            C("fired", "its forces fired first", "denied", "Ostravia", "named", "indirect",
              "ostravia", "oppose", "assertion", "asserted", "checkworthy"),
            C("trade", "Trade between the two countries has nonetheless more than doubled since"
              " then", "show", "figures from the Pelland statistics office", "document",
              "indirect", None, "neutral", "assertion", "asserted", "checkworthy"),
        ),
    ),
)  # fmt: skip


def build() -> list[tuple[Article, ArticleLabels]]:
    """The four held-out articles with their labels."""
    return gold.build(ARTICLES)
