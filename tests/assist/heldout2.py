"""A second held-out sample: six articles written and labelled before the rules were touched again.

Written for issue 15's quality check after `tests/assist/gold.py` (whose
rules had been tuned on 12 articles, 4 of them "fresh"): politics, science,
courts, business, sport and a disaster, in the reporting styles of wire copy
("said in a statement", "according to figures from", "the report found",
"told reporters", "put the number at", unnamed officials, "it is
understood", quotations split around their cue, negated and hypothetical
statements that are no claims, headline lines). Every article, name, place
and organisation is invented. The labels are what a careful annotator marks
(the conventions of `tests/assist/gold.py`: content without "that", a
quotation's words inside its marks, the claimant when the source is a
registry actor, documents credited to the registry actor that issued them);
they were written down and measured before any rule changed, and the rules
must not be tuned on them: they measure how the patterns do on text their
authors have not seen.

Issue 18 changed one convention, not the rules' view of the text: a quotation
split around its cue, or going on in the next sentence that is only a
quotation, is one claim whose content is its quoted pieces (``more``: the
further segments), as PolNeAR annotates it; the two split quotations (once a
hull over the cue) and six quotations going on (once a claim each) were
relabelled so (78 claims became 72).

The articles use `tests.assist.gold`'s form (needles, not offsets) and its
`build`: ``build()`` here returns them with their labels.
"""

from __future__ import annotations

from annotator.core.model import Actor, Article, ArticleLabels
from tests.assist import gold
from tests.assist.gold import A, C

ACTORS = {
    "brancati": Actor("brancati", "Aurelio Brancati", "official", ("Brancati",)),
    "lindqvist": Actor("lindqvist", "Greta Lindqvist", "party", ()),
    "renewal": Actor("renewal", "Social Renewal", "party", ()),
    "halvorsen": Actor("halvorsen", "Oskar Halvorsen", "official", ("Halvorsen",)),
    "fiscal": Actor("fiscal", "Fiscal Council", "government", ()),
    "chamber": Actor("chamber", "Chamber of Commerce", "civil_society", ()),
    "network": Actor("network", "Sarnen Glacier Monitoring Network", "other", ()),
    "vukotic": Actor("vukotic", "Mirela Vukotić", "expert", ("Vukotić",)),
    "ambuhl": Actor("ambuhl", "Dieter Ambühl", "expert", ()),
    "aksoy": Actor("aksoy", "Ruben Aksoy", "person", ("Aksoy",)),
    "strom": Actor("strom", "Annika Strøm", "official", ("Strøm",)),
    "wenzel": Actor("wenzel", "Kasimir Wenzel", "person", ("Wenzel",)),
    "velsport": Actor("velsport", "Velsburg Port Authority", "government", ("the port authority",)),
    "harken": Actor("harken", "Harken Foods", "other", ("Harken",)),
    "tamsin": Actor("tamsin", "Tamsin Dairy", "other", ("Tamsin",)),
    "vermeulen": Actor("vermeulen", "Lotte Vermeulen", "person", ("Vermeulen",)),
    "farmers": Actor("farmers", "Dairy Farmers' Union", "civil_society", ()),
    "aas": Actor("aas", "Henrik Aas", "person", ()),
    "rovers": Actor("rovers", "Kelby Rovers", "other", ("Rovers",)),
    "ferrandi": Actor("ferrandi", "Matteo Ferrandi", "person", ("Ferrandi",)),
    "whitlock": Actor("whitlock", "Dana Whitlock", "person", ()),
    "maltsev": Actor("maltsev", "Victor Maltsev", "person", ("Maltsev",)),
    "kettering": Actor("kettering", "Simon Kettering", "person", ()),
    "okonkwo": Actor("okonkwo", "Nadia Okonkwo", "official", ()),
    "weather": Actor("weather", "national weather service", "government", ()),
    "lindgren": Actor("lindgren", "Tobias Lindgren", "official", ("Lindgren",)),
    "roux": Actor("roux", "Sabine Roux", "official", ("Roux",)),
}  # fmt: skip

ARTICLES = (
    A(
        "budget-01", "budget", "en",
        "Coalition survives budget vote by three seats\n\n"
        "MERIDAL — The governing coalition pushed its 2027 budget through parliament on Wednesday by"
        " 89 votes to 86, after a night of negotiations that nearly broke the alliance apart.\n\n"
        "Finance Minister Aurelio Brancati said in a statement that the budget would bring the"
        " deficit below 3 percent of output within two years. “This is a budget that pays its"
        " way,” he told reporters outside the chamber, “and it does so without touching"
        " pensions.”\n\n"
        "The opposition was unmoved. Greta Lindqvist, who leads the Social Renewal party, said the"
        " spending plans rested on growth forecasts that “nobody outside the finance ministry"
        " believes”. Her party would vote against every implementing law, she added.\n\n"
        "Two coalition lawmakers abstained. A senior government official, speaking on condition of"
        " anonymity, said the prime minister had promised the rebels a review of regional hospital"
        " funding in exchange for their abstention. It is understood that the review will report"
        " by the autumn. Nobody in the coalition would say publicly whether the deal had been worth"
        " it.\n\n"
        "Prime Minister Oskar Halvorsen did not say whether any further concessions had been made."
        " Asked whether he would call an early election if the implementing laws failed, he said"
        " only that the question was “hypothetical”.\n\n"
        "The Fiscal Council, the country's independent budget watchdog, put the cost of the new tax"
        " credits at 1.2 billion crowns a year, roughly twice the government's own estimate. In its"
        " latest report, the council found that revenue from the planned tourism levy had been"
        " overstated in each of the past three budgets.\n\n"
        "Brancati insisted that the council's figures were out of date and that the levy would"
        " raise what the budget assumed.\n\n"
        "Business groups broadly welcomed the budget. The Chamber of Commerce called it “a sensible"
        " compromise”, while the retailers' association warned that the tourism levy could cost"
        " 4,000 jobs in coastal towns.\n\n"
        "Markets barely moved on the news.",
        (("Aurelio Brancati", 1, "brancati"), ("Greta Lindqvist", 1, "lindqvist"),
         ("Social Renewal", 1, "renewal"), ("Oskar Halvorsen", 1, "halvorsen"),
         ("Fiscal Council", 1, "fiscal"), ("Brancati", 2, "brancati"),
         ("Chamber of Commerce", 1, "chamber")),
        (
            C("deficit", "the budget would bring the deficit below 3 percent of output within two"
              " years", "said", "Finance Minister Aurelio Brancati", "named", "indirect",
              "brancati", "support", "prediction", "asserted", "checkworthy",
              mention="Aurelio Brancati"),
            C("pays", "This is a budget that pays its way", "told reporters", "he", "named",
              "direct", "brancati", "support", "evaluation", "asserted", "checkworthy",
              more=("and it does so without touching pensions",)),
            C("forecasts", "the spending plans rested on growth forecasts that “nobody outside the"
              " finance ministry believes”", "said",
              "Greta Lindqvist, who leads the Social Renewal party", "named", "mixed", "lindqvist",
              "oppose", "evaluation", "asserted", "checkworthy", mention="Greta Lindqvist"),
            C("against", "Her party would vote against every implementing law", "added", "she",
              "named", "indirect", "lindqvist", "oppose", "commitment", "asserted",
              "unimportant"),
            C("rebels", "the prime minister had promised the rebels a review of regional hospital"
              " funding in exchange for their abstention", "said",
              "A senior government official, speaking on condition of anonymity", "unnamed",
              "indirect", None, "neutral", "assertion", "asserted", "checkworthy"),
            C("review", "the review will report by the autumn", "It is understood", None,
              "unnamed", "indirect", None, "neutral", "prediction", "hedged", "unimportant"),
            C("hypothetical", "the question was “hypothetical”", "said", "he", "named", "mixed",
              "halvorsen", "neutral", "evaluation", "asserted", "non_factual"),
            C("credits", "the cost of the new tax credits at 1.2 billion crowns a year", "put",
              "The Fiscal Council, the country's independent budget watchdog", "named",
              "indirect", "fiscal", "oppose", "assertion", "asserted", "checkworthy",
              mention="Fiscal Council"),
            C("levy", "revenue from the planned tourism levy had been overstated in each of the"
              " past three budgets", "found", "the council", "named", "indirect", "fiscal",
              "oppose", "assertion", "asserted", "checkworthy"),
            C("outofdate", "the council's figures were out of date and that the levy would raise"
              " what the budget assumed", "insisted", "Brancati", "named", "indirect", "brancati",
              "support", "assertion", "asserted", "checkworthy"),
            C("sensible", "it “a sensible compromise”", "called", "The Chamber of Commerce",
              "named", "mixed", "chamber", "support", "evaluation", "asserted", "non_factual",
              mention="Chamber of Commerce"),
            C("jobs", "the tourism levy could cost 4,000 jobs in coastal towns", "warned",
              "the retailers' association", "named", "indirect", None, "oppose", "prediction",
              "hedged", "checkworthy"),
        ),
    ),
    A(
        "glacier-01", "glaciers", "en",
        "Alpine glaciers lose a record share of their ice\n\n"
        "Glaciers in the Sarnen range lost 6 percent of their remaining volume in a single summer,"
        " the largest annual loss since measurements began in 1921, according to figures from the"
        " Sarnen Glacier Monitoring Network.\n\n"
        "The network's annual report, published on Tuesday, found that 14 small glaciers had"
        " disappeared entirely since 2000. It attributed most of last summer's loss to an unusually"
        " warm June and to Saharan dust, which darkened the snow and made it melt faster.\n\n"
        "“We used to talk about these losses in terms of decades,” said Mirela Vukotić, a"
        " glaciologist who leads the network. “Now we are talking about single summers.”\n\n"
        "Vukotić said the remaining ice could largely vanish before the end of the century if"
        " emissions continue at their current pace. She cautioned, however, that the model behind"
        " that projection did not account for changes in snowfall, which remain hard to"
        " predict.\n\n"
        "A separate study by researchers at the University of Linthal, published in the journal"
        " Cryosphere Letters, suggests that meltwater from the glaciers will peak within the next"
        " fifteen years before falling sharply. The authors wrote that hydropower operators and"
        " farmers downstream should plan for summers with far less water.\n\n"
        "Not all scientists accept the network's framing. Professor Dieter Ambühl of the Federal"
        " Institute of Technology told the regional broadcaster that a single hot summer “says very"
        " little about the long-term trend”, although he agreed that the overall decline was beyond"
        " dispute.\n\n"
        "No one has suggested that the losses can be reversed within a human lifetime. The regional"
        " government is expected to present a water strategy in the spring, officials said.",
        (("Sarnen Glacier Monitoring Network", 1, "network"), ("Mirela Vukotić", 1, "vukotic"),
         ("Vukotić", 2, "vukotic"), ("Dieter Ambühl", 1, "ambuhl")),
        (
            C("record", "Glaciers in the Sarnen range lost 6 percent of their remaining volume in a"
              " single summer, the largest annual loss since measurements began in 1921",
              "according to", "figures from the Sarnen Glacier Monitoring Network", "document",
              "indirect", "network", "neutral", "assertion", "asserted", "checkworthy",
              mention="Sarnen Glacier Monitoring Network"),
            C("disappeared", "14 small glaciers had disappeared entirely since 2000", "found",
              "The network's annual report, published on Tuesday", "document", "indirect",
              "network", "neutral", "assertion", "asserted", "checkworthy"),
            C("dust", "most of last summer's loss to an unusually warm June and to Saharan dust,"
              " which darkened the snow and made it melt faster", "attributed", "It", "document",
              "indirect", "network", "neutral", "assertion", "asserted", "checkworthy"),
            C("decades", "We used to talk about these losses in terms of decades", "said",
              "Mirela Vukotić, a glaciologist who leads the network", "named", "direct",
              "vukotic", "neutral", "evaluation", "asserted", "unimportant",
              mention="Mirela Vukotić",
              more=("Now we are talking about single summers",)),
            C("vanish", "the remaining ice could largely vanish before the end of the century if"
              " emissions continue at their current pace", "said", "Vukotić", "named", "indirect",
              "vukotic", "neutral", "prediction", "hedged", "checkworthy"),
            C("snowfall", "the model behind that projection did not account for changes in"
              " snowfall, which remain hard to predict", "cautioned", "She", "named", "indirect",
              "vukotic", "neutral", "assertion", "asserted", "unimportant"),
            C("peak", "meltwater from the glaciers will peak within the next fifteen years before"
              " falling sharply", "suggests", "A separate study by researchers at the University"
              " of Linthal, published in the journal Cryosphere Letters", "document", "indirect",
              None, "neutral", "prediction", "hedged", "checkworthy"),
            C("plan", "hydropower operators and farmers downstream should plan for summers with"
              " far less water", "wrote", "The authors", "unnamed", "indirect", None, "neutral",
              "demand", "asserted", "unimportant"),
            C("trend", "a single hot summer “says very little about the long-term trend”", "told",
              "Professor Dieter Ambühl of the Federal Institute of Technology", "named", "mixed",
              "ambuhl", "oppose", "evaluation", "asserted", "checkworthy",
              mention="Dieter Ambühl"),
            C("decline", "the overall decline was beyond dispute", "agreed", "he", "named",
              "indirect", "ambuhl", "support", "evaluation", "asserted", "unimportant"),
            C("strategy", "The regional government is expected to present a water strategy in the"
              " spring", "said", "officials", "unnamed", "indirect", None, "neutral", "prediction",
              "hedged", "unimportant"),
        ),
    ),
    A(
        "trial-01", "port-bribes", "en",
        "Former port director jailed for six years over bribes\n\n"
        "A court in Velsburg on Monday sentenced the former director of the city's port, Ruben"
        " Aksoy, to six years in prison for taking bribes in exchange for berth contracts.\n\n"
        "Judge Annika Strøm said the evidence showed that Aksoy had accepted at least 2.3 million"
        " euros from three shipping agents between 2018 and 2022. “You betrayed the trust of a city"
        " that gave you everything,” she told him as she read out the sentence.\n\n"
        "Prosecutors had asked for eight years. In closing arguments last week, they alleged that"
        " Aksoy hid the money in property bought under his sister's name.\n\n"
        "Aksoy, who has denied all the charges, showed no emotion. His lawyer, Kasimir Wenzel, told"
        " reporters outside the courthouse that his client would appeal. “The court relied on the"
        " word of men who were themselves facing prison,” Wenzel said. “That is not justice.”\n\n"
        "The claim by the defence that the key witnesses had been promised lighter sentences was"
        " rejected by the judge, who said there was no evidence of any such deal.\n\n"
        "In a statement, the port authority said it had tightened its procurement rules since"
        " Aksoy's arrest and that all contracts he signed had been reviewed. It did not say whether"
        " any would be cancelled.\n\n"
        "Transparency campaigners say the port's contracts were never properly audited, and that"
        " the city council ignored warnings as early as 2017. The council has not responded to"
        " requests for comment. Should Aksoy claim on appeal that he acted on orders from above,"
        " the case against his former deputies could be reopened.\n\n"
        "Two of the shipping agents who paid the bribes were given suspended sentences last year"
        " after agreeing to testify. If the appeal were to succeed, prosecutors would have to"
        " decide whether to bring new charges, legal experts said.",
        (("Ruben Aksoy", 1, "aksoy"), ("Annika Strøm", 1, "strom"), ("Aksoy", 2, "aksoy"),
         ("Aksoy", 3, "aksoy"), ("Aksoy", 4, "aksoy"), ("Kasimir Wenzel", 1, "wenzel"),
         ("Wenzel", 2, "wenzel"), ("the port authority", 1, "velsport"), ("Aksoy", 5, "aksoy"),
         ("Aksoy", 6, "aksoy")),
        (
            C("evidence", "the evidence showed that Aksoy had accepted at least 2.3 million euros"
              " from three shipping agents between 2018 and 2022", "said", "Judge Annika Strøm",
              "named", "indirect", "strom", "oppose", "assertion", "asserted", "checkworthy",
              mention="Annika Strøm"),
            C("betrayed", "You betrayed the trust of a city that gave you everything", "told",
              "she", "named", "direct", "strom", "oppose", "evaluation", "asserted",
              "non_factual"),
            C("hid", "Aksoy hid the money in property bought under his sister's name", "alleged",
              "they", "unnamed", "indirect", None, "oppose", "assertion", "hedged",
              "checkworthy"),
            C("appeal", "his client would appeal", "told reporters", "His lawyer, Kasimir Wenzel",
              "named", "indirect", "wenzel", "oppose", "commitment", "asserted", "unimportant",
              mention="Kasimir Wenzel"),
            C("relied", "The court relied on the word of men who were themselves facing prison",
              "said", "Wenzel", "named", "direct", "wenzel", "oppose", "evaluation", "asserted",
              "checkworthy",
              more=("That is not justice",)),
            C("witnesses", "the key witnesses had been promised lighter sentences", "claim",
              "the defence", "named", "indirect", None, "neutral", "assertion", "asserted",
              "checkworthy"),
            C("nodeal", "there was no evidence of any such deal", "said", "the judge", "named",
              "indirect", "strom", "neutral", "assertion", "asserted", "checkworthy"),
            C("rules", "it had tightened its procurement rules since Aksoy's arrest and that all"
              " contracts he signed had been reviewed", "said", "the port authority", "named",
              "indirect", "velsport", "support", "assertion", "asserted", "checkworthy"),
            C("audited", "the port's contracts were never properly audited, and that the city"
              " council ignored warnings as early as 2017", "say", "Transparency campaigners",
              "unnamed", "indirect", None, "oppose", "assertion", "asserted", "checkworthy"),
            C("charges", "If the appeal were to succeed, prosecutors would have to decide whether"
              " to bring new charges", "said", "legal experts", "unnamed", "indirect", None,
              "neutral", "prediction", "hedged", "unimportant"),
        ),
    ),
    A(
        "merger-01", "dairy-merger", "en",
        "Harken Foods agrees to buy rival Tamsin Dairy\n\n"
        "Harken Foods has agreed to buy Tamsin Dairy in a deal that would create the country's"
        " largest dairy processor, the two companies announced on Thursday.\n\n"
        "Neither company disclosed the price. People familiar with the negotiations put the value"
        " of the deal at about 900 million euros, including debt.\n\n"
        "“Together we can compete with the big European groups on equal terms,” Harken's chief"
        " executive, Lotte Vermeulen, said on a call with analysts. She said the combined company"
        " would keep all eleven of Tamsin's plants open for at least three years.\n\n"
        "Farmers were less enthusiastic. The Dairy Farmers' Union said the merger would leave"
        " producers in the north with a single buyer, and urged the competition authority to block"
        " the takeover. “When there is one buyer, there is one price,” said Henrik Aas, the union's"
        " chairman.\n\n"
        "The competition authority is expected to open an in-depth review, according to two people"
        " with knowledge of the matter. A spokesman for the authority declined to comment.\n\n"
        "Tamsin's shares jumped 18 percent in early trading. Analysts at Nordbank said in a note to"
        " clients that the deal made strategic sense but that the price looked “generous”, and"
        " estimated that cost savings would reach 60 million euros a year by 2029.\n\n"
        "Tamsin has reportedly struggled with rising energy costs since 2022, and its profits fell"
        " by almost half last year, according to its annual accounts.\n\n"
        "Vermeulen would not be drawn on whether jobs would be lost at Tamsin's head office. Asked"
        " if the deal could fall through, she said she was “very confident” it would close by the"
        " end of next year.",
        (("Harken Foods", 1, "harken"), ("Tamsin Dairy", 1, "tamsin"), ("Harken Foods", 2, "harken"),
         ("Tamsin Dairy", 2, "tamsin"), ("Harken", 3, "harken"), ("Lotte Vermeulen", 1, "vermeulen"),
         ("Tamsin", 3, "tamsin"), ("Dairy Farmers' Union", 1, "farmers"), ("Henrik Aas", 1, "aas"),
         ("Tamsin", 4, "tamsin"), ("Tamsin", 5, "tamsin"), ("Vermeulen", 2, "vermeulen"),
         ("Tamsin", 6, "tamsin")),
        (
            C("create", "Harken Foods has agreed to buy Tamsin Dairy in a deal that would create"
              " the country's largest dairy processor", "announced", "the two companies", "named",
              "indirect", None, "neutral", "commitment", "asserted", "checkworthy",
              occurrence=1),
            C("value", "the value of the deal at about 900 million euros, including debt", "put",
              "People familiar with the negotiations", "unnamed", "indirect", None, "neutral",
              "assertion", "asserted", "checkworthy"),
            C("compete", "Together we can compete with the big European groups on equal terms",
              "said", "Harken's chief executive, Lotte Vermeulen", "named", "direct", "vermeulen",
              "support", "evaluation", "asserted", "unimportant", mention="Lotte Vermeulen"),
            C("plants", "the combined company would keep all eleven of Tamsin's plants open for at"
              " least three years", "said", "She", "named", "indirect", "vermeulen", "support",
              "commitment", "asserted", "checkworthy"),
            C("buyer", "the merger would leave producers in the north with a single buyer", "said",
              "The Dairy Farmers' Union", "named", "indirect", "farmers", "oppose", "prediction",
              "asserted", "checkworthy", mention="Dairy Farmers' Union"),
            C("block", "block the takeover", "urged", "The Dairy Farmers' Union", "named",
              "indirect", "farmers", "oppose", "demand", "asserted", "unimportant",
              mention="Dairy Farmers' Union"),
            C("price", "When there is one buyer, there is one price", "said",
              "Henrik Aas, the union's chairman", "named", "direct", "aas", "oppose",
              "evaluation", "asserted", "non_factual", mention="Henrik Aas"),
            C("review", "The competition authority is expected to open an in-depth review",
              "according to", "two people with knowledge of the matter", "unnamed", "indirect",
              None, "neutral", "prediction", "hedged", "checkworthy"),
            C("sense", "the deal made strategic sense but that the price looked “generous”",
              "said", "Analysts at Nordbank", "unnamed", "mixed", None, "neutral", "evaluation",
              "asserted", "unimportant"),
            C("savings", "cost savings would reach 60 million euros a year by 2029", "estimated",
              "Analysts at Nordbank", "unnamed", "indirect", None, "neutral", "prediction",
              "hedged", "checkworthy"),
            C("struggled", "Tamsin has reportedly struggled with rising energy costs since 2022",
              "reportedly", None, "author", "unattributed", None, "neutral", "assertion",
              "hedged", "checkworthy"),
            C("profits", "its profits fell by almost half last year", "according to",
              "its annual accounts", "document", "indirect", "tamsin", "neutral", "assertion",
              "asserted", "checkworthy"),
            C("confident", "she was “very confident” it would close by the end of next year",
              "said", "she", "named", "mixed", "vermeulen", "support", "prediction", "asserted",
              "unimportant"),
        ),
    ),
    A(
        "football-01", "rovers-coach", "en",
        "Rovers sack coach after fifth straight defeat\n\n"
        "Kelby Rovers dismissed head coach Matteo Ferrandi on Sunday, less than 24 hours after a 3-0"
        " home defeat to Ardley Town left the club second from bottom.\n\n"
        "The club confirmed the decision in a brief statement on its website, thanking Ferrandi for"
        " his “commitment and professionalism”. Assistant coach Joanna Pryce will take charge of"
        " Wednesday's cup tie, the statement said.\n\n"
        "Ferrandi, who joined from the Dutch second division in the summer, had insisted after"
        " Saturday's match that he still had the backing of the dressing room. “The players are"
        " with me,” he told reporters. “You can see in training that they have not given up.”\n\n"
        "It is understood that the board had already begun sounding out possible replacements"
        " before the defeat. Former Wales midfielder Gethin Lloyd is the early favourite, according"
        " to bookmakers.\n\n"
        "Supporters' groups had called for Ferrandi to go for weeks. “It had become painful to"
        " watch,” said Dana Whitlock, who chairs the Rovers Supporters' Trust. “But the people who"
        " hired him have to answer for this too.”\n\n"
        "The club's owner, Victor Maltsev, has not spoken publicly since the summer, and fans have"
        " questioned whether he plans to sell. Maltsev has never said that the club is for sale,"
        " and a person close to him said he remained committed to the project.\n\n"
        "Rovers paid a reported £4 million to bring in five new players before the season. Local"
        " media put the club's wage bill at roughly twice that of any other team in the bottom"
        " half.\n\n"
        "Ardley manager Simon Kettering said he felt sorry for his opposite number. “Nobody deserves"
        " to lose their job in October,” he said after the match, “but that is the business we are"
        " in.”",
        (("Kelby Rovers", 1, "rovers"), ("Matteo Ferrandi", 1, "ferrandi"),
         ("Ferrandi", 2, "ferrandi"), ("Ferrandi", 3, "ferrandi"), ("Ferrandi", 4, "ferrandi"),
         ("Dana Whitlock", 1, "whitlock"), ("Victor Maltsev", 1, "maltsev"),
         ("Maltsev", 2, "maltsev"), ("Rovers", 1, "rovers"), ("Rovers", 4, "rovers"),
         ("Simon Kettering", 1, "kettering")),
        (
            C("pryce", "Assistant coach Joanna Pryce will take charge of Wednesday's cup tie",
              "said", "the statement", "document", "indirect", "rovers", "neutral", "commitment",
              "asserted", "unimportant"),
            C("backing", "he still had the backing of the dressing room", "insisted",
              "Ferrandi, who joined from the Dutch second division in the summer", "named",
              "indirect", "ferrandi", "support", "assertion", "asserted", "unimportant",
              mention="Ferrandi"),
            C("withme", "The players are with me", "told reporters", "he", "named", "direct",
              "ferrandi", "support", "assertion", "asserted", "unimportant",
              more=("You can see in training that they have not given up",)),
            C("board", "the board had already begun sounding out possible replacements before the"
              " defeat", "It is understood", None, "unnamed", "indirect", None, "neutral",
              "assertion", "hedged", "checkworthy"),
            C("favourite", "Former Wales midfielder Gethin Lloyd is the early favourite",
              "according to", "bookmakers", "unnamed", "indirect", None, "neutral", "prediction",
              "hedged", "unimportant"),
            C("go", "Ferrandi to go", "called for", "Supporters' groups", "unnamed", "indirect",
              None, "oppose", "demand", "asserted", "unimportant"),
            C("painful", "It had become painful to watch", "said",
              "Dana Whitlock, who chairs the Rovers Supporters' Trust", "named", "direct",
              "whitlock", "oppose", "evaluation", "asserted", "non_factual",
              mention="Dana Whitlock",
              more=("But the people who hired him have to answer for this too",)),
            C("committed", "he remained committed to the project", "said",
              "a person close to him", "unnamed", "indirect", None, "support", "assertion",
              "asserted", "unimportant"),
            C("fee", "Rovers paid a reported £4 million to bring in five new players before the"
              " season", "reported", None, "author", "unattributed", None, "neutral", "assertion",
              "hedged", "checkworthy"),
            C("wages", "the club's wage bill at roughly twice that of any other team in the bottom"
              " half", "put", "Local media", "unnamed", "indirect", None, "neutral", "assertion",
              "asserted", "checkworthy"),
            C("sorry", "he felt sorry for his opposite number", "said",
              "Ardley manager Simon Kettering", "named", "indirect", "kettering", "neutral",
              "evaluation", "asserted", "non_factual", mention="Simon Kettering"),
            C("october", "Nobody deserves to lose their job in October", "said", "he", "named",
              "direct", "kettering", "neutral", "evaluation", "asserted", "non_factual", occurrence=1,
              more=("but that is the business we are in",)),
        ),
    ),
    A(
        "flood-01", "varn-floods", "en",
        "Death toll rises as floods sweep Lower Varn valley\n\n"
        "At least 14 people have died and dozens are missing after two days of torrential rain sent"
        " the river Varn over its banks, authorities said on Tuesday.\n\n"
        "Regional civil protection chief Nadia Okonkwo put the number of people evacuated at more"
        " than 9,000, most of them from villages south of Drenby. “Some of these villages were"
        " under two metres of water by dawn,” she said. “We are still finding people on"
        " rooftops.”\n\n"
        "The national weather service said that up to 180 millimetres of rain fell in 36 hours,"
        " more than the area usually receives in two months. Further heavy rain is forecast for"
        " Thursday, according to the service.\n\n"
        "Rescue teams have struggled to reach the worst-hit areas because several bridges were"
        " swept away, a police spokesman told local radio. Some residents said they had received"
        " no warning before the water arrived.\n\n"
        "Drenby's mayor, Tobias Lindgren, rejected suggestions that the town had been slow to"
        " evacuate. “We sounded the sirens at 2 a.m.,” he said. “Anyone who says we did nothing was"
        " not here that night.”\n\n"
        "An engineer who inspected the Halvard dam on Monday said it was holding, although"
        " officials are understood to be monitoring it around the clock. Had the dam failed, the"
        " flooding in Drenby would have been far worse, the engineer added.\n\n"
        "The government declared a state of emergency in three districts. Interior Minister Sabine"
        " Roux, who visited the area on Tuesday, promised that families who lost their homes would"
        " receive emergency payments within a week. She did not say how much the payments would"
        " be.\n\n"
        "Insurers have not yet estimated the cost of the damage, but the Varn valley chamber of"
        " commerce described the losses to local businesses as “catastrophic”.",
        (("Nadia Okonkwo", 1, "okonkwo"), ("national weather service", 1, "weather"),
         ("Tobias Lindgren", 1, "lindgren"), ("Sabine Roux", 1, "roux")),
        (
            C("toll", "At least 14 people have died and dozens are missing after two days of"
              " torrential rain sent the river Varn over its banks", "said", "authorities",
              "unnamed", "indirect", None, "neutral", "assertion", "asserted", "checkworthy"),
            C("evacuated", "the number of people evacuated at more than 9,000, most of them from"
              " villages south of Drenby", "put", "Regional civil protection chief Nadia Okonkwo",
              "named", "indirect", "okonkwo", "neutral", "assertion", "asserted", "checkworthy",
              mention="Nadia Okonkwo"),
            C("metres", "Some of these villages were under two metres of water by dawn", "said",
              "she", "named", "direct", "okonkwo", "neutral", "assertion", "asserted",
              "checkworthy",
              more=("We are still finding people on rooftops",)),
            C("rain", "up to 180 millimetres of rain fell in 36 hours, more than the area usually"
              " receives in two months", "said", "The national weather service", "named",
              "indirect", "weather", "neutral", "assertion", "asserted", "checkworthy",
              mention="national weather service"),
            C("forecast", "Further heavy rain is forecast for Thursday", "according to",
              "the service", "named", "indirect", "weather", "neutral", "prediction", "hedged",
              "checkworthy"),
            C("bridges", "Rescue teams have struggled to reach the worst-hit areas because several"
              " bridges were swept away", "told", "a police spokesman", "unnamed", "indirect",
              None, "neutral", "assertion", "asserted", "checkworthy"),
            C("warning", "they had received no warning before the water arrived", "said",
              "Some residents", "unnamed", "indirect", None, "oppose", "assertion", "asserted",
              "checkworthy"),
            C("slow", "the town had been slow to evacuate", "rejected",
              "Drenby's mayor, Tobias Lindgren", "named", "indirect", "lindgren", "support",
              "assertion", "asserted", "checkworthy", mention="Tobias Lindgren"),
            C("sirens", "We sounded the sirens at 2 a.m.", "said", "he", "named", "direct",
              "lindgren", "support", "assertion", "asserted", "checkworthy",
              more=("Anyone who says we did nothing was not here that night",)),
            C("holding", "it was holding", "said",
              "An engineer who inspected the Halvard dam on Monday", "unnamed", "indirect", None,
              "neutral", "assertion", "asserted", "checkworthy"),
            C("monitoring", "officials are understood to be monitoring it around the clock",
              "are understood to", None, "unnamed", "indirect", None, "neutral", "assertion",
              "hedged", "unimportant"),
            C("worse", "Had the dam failed, the flooding in Drenby would have been far worse",
              "added", "the engineer", "unnamed", "indirect", None, "neutral", "prediction",
              "hedged", "unimportant"),
            C("payments", "families who lost their homes would receive emergency payments within"
              " a week", "promised", "Interior Minister Sabine Roux, who visited the area on"
              " Tuesday", "named", "indirect", "roux", "support", "commitment", "asserted",
              "checkworthy", mention="Sabine Roux"),
            C("catastrophic", "the losses to local businesses as “catastrophic”", "described",
              "the Varn valley chamber of commerce", "named", "mixed", None, "oppose",
              "evaluation", "asserted", "non_factual"),
        ),
    ),
)  # fmt: skip


def build() -> list[tuple[Article, ArticleLabels]]:
    """The six held-out articles with their labels."""
    return gold.build(ARTICLES)
