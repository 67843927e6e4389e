"""The attribution patterns: which sentences propose which claims, and which propose none."""

from __future__ import annotations

import pytest

from annotator.assist.lexicon import Lexicon
from annotator.assist.patterns import AttributionPatterns
from annotator.assist.suggestion import SuggestContext, Suggestion
from annotator.core.model import Actor, Article, ArticleLabels, Claim, Status
from annotator.core.schema import default_schema

ACTORS = (
    Actor("nunez", "José Núñez", "official", ("Norvania's foreign minister",)),
    Actor("norvania", "Norvania", "state", ("the Norvanian government",)),
    Actor("mcns", "Maritime Council of the Northern Seas", "igo", ("MCNS",)),
    Actor("faucher", "Rene\u0301e Faucher", "official"),
    Actor("observers", "observers", "unnamed_group"),
)
CONTEXT = SuggestContext(actors=ACTORS, schema=default_schema())
RECOMMENDER = AttributionPatterns()


def suggest(text: str, context: SuggestContext = CONTEXT, language: str = "en") -> list[Suggestion]:
    return RECOMMENDER.suggest(Article("a1", text, language=language), context)


def one(text: str, context: SuggestContext = CONTEXT) -> dict[str, object]:
    """The one claim proposed in ``text``, as words."""
    found = suggest(text, context)
    assert len(found) == 1, [s.note for s in found]
    return described(text, found[0])


def described(text: str, s: Suggestion) -> dict[str, object]:
    assert s.claim is not None
    c, a = s.claim, s.claim.attribution
    return {
        "content": " … ".join(text[piece.start : piece.end] for piece in c.content),
        "cue": text[a.cue.start : a.cue.end] if a.cue else None,
        "source": text[s.source.start : s.source.end] if s.source else None,
        "kind": a.source_kind,
        "type": a.attribution_type,
        "claimant": c.claimant,
    }


def test_quote_then_cue_with_an_inverted_named_source() -> None:
    text = "“Our boats have every right to dock at Skarre,” said José Núñez, Norvania's foreign minister, at a press conference."
    assert one(text) == {
        "content": "Our boats have every right to dock at Skarre",
        "cue": "said",
        "source": "José Núñez, Norvania's foreign minister",
        "kind": "named",
        "type": "direct",
        "claimant": "nunez",
    }


def test_quote_then_source_then_cue_with_a_pronoun_that_follows_the_last_person() -> None:
    text = 'José Núñez arrived late. "No vessel is being singled out," he told reporters on Friday.'
    got = one(text)
    assert got["content"] == "No vessel is being singled out"
    assert got["cue"] == "told reporters" and got["source"] == "he"
    assert got["claimant"] == "nunez" and got["type"] == "direct"


def test_a_quotation_split_around_its_cue_is_one_claim() -> None:
    text = "“The quay was damaged,” Renée Faucher said, “and repairs take time.”"
    got = one(text)
    assert got["content"] == "The quay was damaged … and repairs take time"  # two segments
    assert got["claimant"] == "faucher"  # the registry's decomposed "é" matches the composed one


def test_cue_then_quote_across_emoji_with_code_point_offsets() -> None:
    text = "🌊🇪🇺 The MCNS wrote on social media: «Harbour closed for inspections 👍🏽»"
    found = suggest(text)
    assert len(found) == 1
    s = found[0]
    assert s.claim is not None
    assert text[s.claim.start : s.claim.end] == "Harbour closed for inspections 👍🏽"
    assert s.claim.claimant == "mcns" and s.claim.attribution.attribution_type == "direct"
    (mention,) = s.mentions
    assert text[mention.start : mention.end] == "MCNS" and mention.source_only


def test_indirect_speech_with_and_without_that() -> None:
    got = one("The Norvanian government said on Friday that the harbour would reopen within days.")
    assert got["content"] == "the harbour would reopen within days"
    assert got["source"] == "The Norvanian government" and got["claimant"] == "norvania"
    assert got["type"] == "indirect"
    got = one("Renée Faucher, the deputy minister, said the quay had been damaged in storms.")
    assert got["content"] == "the quay had been damaged in storms"
    assert got["source"] == "Renée Faucher, the deputy minister"


def test_content_then_source_and_cue() -> None:
    got = one("The harbour will stay closed until the inspection ends, officials told reporters.")
    assert got["content"] == "The harbour will stay closed until the inspection ends"
    assert (got["source"], got["kind"], got["claimant"]) == ("officials", "unnamed", None)
    got = one("The inspection should take no longer than ten days, said a spokesperson.")
    assert got["source"] == "a spokesperson" and got["kind"] == "unnamed"


def test_mixed_quote_in_indirect_speech() -> None:
    got = one('Núñez said Norvanian boats "have every right to dock at Skarre" this week.')
    assert got["type"] == "mixed"
    assert got["content"] == 'Norvanian boats "have every right to dock at Skarre" this week'


def test_according_to_on_either_side() -> None:
    got = one("According to the draft treaty, the council may suspend the quotas in an emergency.")
    assert got["content"] == "the council may suspend the quotas in an emergency"
    assert (got["source"], got["kind"]) == ("the draft treaty", "document")
    got = one("The inspection should take no longer than ten days, according to the MCNS.")
    assert got["content"] == "The inspection should take no longer than ten days"
    assert (got["source"], got["claimant"]) == ("the MCNS", "mcns")


def test_reportedly_is_the_outlets_hedged_claim() -> None:
    text = "Kestrian port authorities reportedly turned away six trawlers, although officials declined to comment."
    found = suggest(text)
    assert len(found) == 1 and found[0].claim is not None
    claim = found[0].claim
    assert (
        text[claim.start : claim.end]
        == "Kestrian port authorities reportedly turned away six trawlers"
    )
    assert claim.attribution.attribution_type == "unattributed"
    assert claim.attribution.source_kind == "author" and claim.certainty == "hedged"


def test_unnamed_sources_documents_and_impersonal_cues() -> None:
    got = one("Observers note that the harbour handles a third of the winter catch.")
    assert (got["source"], got["kind"], got["claimant"]) == ("Observers", "unnamed", "observers")
    got = one("Recent reports indicate that six trawlers were turned away.")
    assert (got["source"], got["kind"]) == ("Recent reports", "document")
    got = one("Sources say the talks have stalled over fishing quotas.")
    assert (
        got["kind"] == "unnamed" and got["content"] == "the talks have stalled over fishing quotas"
    )
    got = one("It is believed that the council will meet again in May.")
    assert (got["content"], got["cue"], got["source"], got["kind"]) == (
        "the council will meet again in May",
        "It is believed",
        None,
        "unnamed",
    )


def test_cue_verbs_set_category_and_certainty_the_schema_allows() -> None:
    text = "The MCNS called on both governments to restore access to the quay."
    (s,) = suggest(text)
    assert s.claim is not None and s.claim.category == "demand"
    assert text[s.claim.start : s.claim.end] == "restore access to the quay"
    (s,) = suggest("José Núñez warned that the talks could collapse next week.")
    assert s.claim is not None and s.claim.category == "prediction"
    bare = suggest(text, SuggestContext(actors=ACTORS))  # no schema: any value
    assert bare[0].claim is not None and bare[0].claim.category == "demand"


@pytest.mark.parametrize(
    "text",
    [
        "José Núñez did not say that the harbour would close.",
        "José Núñez didn't say that the harbour would close.",
        "José Núñez never said the harbour would close.",
        "If José Núñez were to say that the harbour is closed, talks would end.",
        "José Núñez would say that the harbour is closed.",
        "José Núñez may claim that the harbour is closed.",
        "José Núñez refused to say whether the harbour would close.",
        "Did José Núñez say that the harbour would close?",
        "Why did officials say the harbour would close?",
        "“Will the harbour close?” José Núñez asked.",
        "Norvania says harbour will close",  # a headline
        "The report was criticised by observers in Velgrad for its tone.",  # passive, nouns
        "Her claims about the harbour drew a sharp response.",  # "claims" is a noun
        "The United States sent an envoy to the talks on Friday.",  # "States" is a name
        "The move adds another layer of tension to the dispute.",  # "adds" needs "that"
        "The summit, which many believe could fail, opens on Monday.",  # a relative clause
    ],
)
def test_patterns_that_must_not_fire(text: str) -> None:
    assert suggest(text) == [], [s.note for s in suggest(text)]


def test_reported_speech_inside_a_quotation_belongs_to_the_quotation() -> None:
    text = "“Officials said the quay was safe, and they were wrong,” Renée Faucher told reporters."
    got = one(text)
    assert got["content"] == "Officials said the quay was safe, and they were wrong"
    assert got["claimant"] == "faucher"


def test_a_headline_line_is_skipped_but_the_body_is_read() -> None:
    text = "Norvania says harbour will close\n\nThe Norvanian government said the harbour would close on Monday."
    (s,) = suggest(text)
    assert s.claim is not None and s.claim.start > text.index("\n")


def test_two_claims_in_one_sentence_are_cut_apart() -> None:
    text = "Observers note that the harbour handles a third of the catch, and diplomats expect a compromise before spring."
    found = [described(text, s) for s in suggest(text)]
    assert [f["content"] for f in found] == [
        "the harbour handles a third of the catch",
        "a compromise before spring",
    ]


def test_claims_already_labelled_are_not_proposed_again() -> None:
    text = "The Norvanian government said the harbour would close on Monday."
    start = text.index("the harbour")
    labelled = Claim("c1", "a1", "ana", start, len(text) - 1)
    labels = ArticleLabels("a1", "ana", Status("a1", "ana"), claims=(labelled,))
    context = SuggestContext(actors=ACTORS, labels=labels)
    assert suggest(text, context) == []


def test_every_suggestion_names_the_recommender_and_a_score() -> None:
    found = suggest("Sources say the talks have stalled. “We are close,” José Núñez said.")
    assert [s.recommender for s in found] == ["patterns", "patterns"]
    assert all(0 < s.score <= 1 for s in found)
    assert found[1].score > found[0].score  # a quotation with a known actor is surer


def test_german_lexicon() -> None:
    text = (
        "„Wir werden die Blockade nicht hinnehmen“, sagte José Núñez am Freitag. "
        "Beobachter betonten, die Lage sei angespannt. "
        "Núñez sagte nicht, dass Kestria schuld sei."
    )
    found = [described(text, s) for s in suggest(text, language="de")]
    assert [(f["content"], f["cue"], f["kind"]) for f in found] == [
        ("Wir werden die Blockade nicht hinnehmen", "sagte", "named"),
        ("die Lage sei angespannt", "betonten", "unnamed"),
    ]
    assert found[0]["claimant"] == "nunez"


def test_a_project_lexicon_extends_the_shipped_one() -> None:
    text = "José Núñez quipped that the harbour was never really closed."
    assert suggest(text) == []
    extra = '[[verbs]]\nforms = ["quip", "quipped"]\ncategory = "evaluation"\n'
    lexicon = Lexicon.for_language("en", extra)
    (s,) = suggest(text, SuggestContext(actors=ACTORS, lexicon=lexicon))
    assert s.claim is not None and s.claim.category == "evaluation"


def test_a_second_verb_of_the_same_subject_is_a_second_claim() -> None:
    text = (
        "The Norvanian government said the quay was unsafe and warned that it would seek damages."
    )
    found = [described(text, s) for s in suggest(text)]
    assert [(f["content"], f["cue"], f["claimant"]) for f in found] == [
        ("the quay was unsafe", "said", "norvania"),
        ("it would seek damages", "warned", "norvania"),
    ]


def test_a_participle_takes_the_subject_of_the_verb_before_it() -> None:
    text = "“Nobody should choose between a ticket and a meal,” José Núñez said, adding that parking would pay for it."
    found = [described(text, s) for s in suggest(text)]
    assert [(f["content"], f["cue"], f["claimant"]) for f in found] == [
        ("Nobody should choose between a ticket and a meal", "said", "nunez"),
        ("parking would pay for it", "adding", "nunez"),
    ]
    text = "The MCNS denied that funding had fallen, saying that spending rose last year."
    assert [described(text, s)["content"] for s in suggest(text)] == [
        "funding had fallen",
        "spending rose last year",
    ]
    assert suggest("Saying that the quay is safe is easy.") == []  # no subject to share


def test_a_quotation_going_on_in_the_next_sentence_keeps_its_source() -> None:
    text = "“We have waited three years,” José Núñez told a rally. “Our patience is finished.”"
    found = [described(text, s) for s in suggest(text)]
    assert [(f["content"], f["cue"], f["claimant"], f["type"]) for f in found] == [
        ("We have waited three years … Our patience is finished", "told", "nunez", "direct"),
    ]
    text = "José Núñez spoke first. “Our patience is finished.”"
    assert suggest(text) == []  # no quoted claim before it


def test_a_definite_description_names_the_actor_named_before() -> None:
    text = (
        "The Maritime Council of the Northern Seas met on Monday. "
        "The council said the quay would stay closed until May."
    )
    found = [described(text, s) for s in suggest(text)]
    assert [(f["source"], f["claimant"]) for f in found] == [("The council", "mcns")]


def test_according_to_without_a_comma_takes_a_name() -> None:
    text = "Laut dem Verband sind mehr als 400 Boote betroffen."
    (s,) = suggest(text, language="de")
    got = described(text, s)
    assert (got["content"], got["source"]) == ("sind mehr als 400 Boote betroffen", "dem Verband")


def test_a_conditional_in_an_opening_phrase_does_not_block_the_cue() -> None:
    text = (
        "Asked on Friday if he would meet the union, José Núñez said he would “listen to everyone”."
    )
    got = one(text)
    assert (got["content"], got["claimant"], got["type"]) == (
        "he would “listen to everyone”",
        "nunez",
        "mixed",
    )


def test_about_before_a_number_is_content() -> None:
    got = one("Organisers cheered, while officials said about 18,000 people took part.")
    assert got["content"] == "about 18,000 people took part"
    assert (
        one("José Núñez said about the talks that they were slow.")["content"] == "they were slow"
    )


@pytest.mark.parametrize(
    "text",
    [
        "The storm put pressure on the harbour's defences.",  # "put" without "at" and a number
        "The closure put dozens of jobs at risk.",
        "Norvania put its navy on alert at 6 a.m.",  # a time, not a quantity
        "Norvania would never put the cost at that level.",
        "Police found a stolen car near the quay.",  # "found" bare only after a document
        "Analysts did not find that the harbour was unsafe.",
        "If the study were to find that the quay is unsafe, the harbour would close.",
        "Should José Núñez claim that the harbour is closed, talks would end.",  # inversion
        "Had the MCNS said the quay was unsafe, the harbour would have closed.",
        "Nobody has claimed that the harbour is closed.",
        "The committee rejected the plan to build a second quay.",  # "rejected" needs "that"
        "The report that was published on Friday ran to 90 pages.",  # a relative "that"
        "Critics would dismiss any suggestion that the harbour is safe.",  # whose suggestion?
        "The harbour master's claims drew a sharp reply.",  # a noun cue without "that"
    ],
)
def test_new_cues_that_must_not_fire(text: str) -> None:
    assert suggest(text) == [], [s.note for s in suggest(text)]


def test_put_a_number_at_is_a_claim_about_the_quantity() -> None:
    got = one("Organisers put the number of marchers at more than 20,000.")
    assert (got["content"], got["cue"], got["source"], got["kind"]) == (
        "the number of marchers at more than 20,000",
        "put",
        "Organisers",
        "unnamed",
    )
    got = one("Insurers put the damage at twice last year's total.")
    assert got["content"] == "the damage at twice last year's total"


def test_a_document_finds_with_or_without_that() -> None:
    got = one("The inquiry found that the harbour master had ignored three warnings.")
    assert (got["content"], got["source"], got["kind"]) == (
        "the harbour master had ignored three warnings",
        "The inquiry",
        "document",
    )
    got = one("A survey published on Monday found trawler catches at a ten-year low.")
    assert (got["content"], got["cue"], got["kind"]) == (
        "trawler catches at a ten-year low",
        "found",
        "document",
    )


def test_the_addressee_of_told_may_follow_content_before_it() -> None:
    got = one("The harbour will reopen in May, the ministry told the Northern Ledger.")
    assert (got["content"], got["cue"], got["source"]) == (
        "The harbour will reopen in May",
        "told",
        "the ministry",
    )


def test_the_outer_attribution_wins_over_a_cue_inside_its_content() -> None:
    got = one("Most captains now expect a late season, the ministry reported.")
    assert (got["content"], got["cue"], got["source"]) == (
        "Most captains now expect a late season",
        "reported",
        "the ministry",
    )


def test_noun_cues_with_their_source() -> None:
    text = "The claim by the MCNS that the quay was safe was rejected by engineers."
    got = one(text)
    assert (got["content"], got["cue"], got["source"], got["claimant"]) == (
        "the quay was safe",
        "claim",
        "the MCNS",
        "mcns",
    )
    got = one("José Núñez's assertion that the harbour was open drew a sharp reply.")
    assert (got["cue"], got["source"], got["claimant"]) == ("assertion", "José Núñez", "nunez")
    assert got["content"].startswith("the harbour was open")  # type: ignore[union-attr]
    got = one("Norvania dismissed suggestions that it had closed the harbour.")
    assert (got["content"], got["cue"], got["claimant"]) == (
        "it had closed the harbour",
        "dismissed",
        "norvania",
    )


def test_in_a_statement_is_no_part_of_the_source() -> None:
    for text in (
        "In a statement, the Norvanian government said the harbour would reopen.",
        "Norvania, in a statement, said the harbour would reopen.",
        "The Norvanian government said in a statement that the harbour would reopen.",
        "The harbour would reopen, the Norvanian government said in a statement.",
    ):
        got = one(text)
        assert got["claimant"] == "norvania" and "statement" not in str(got["source"]), text
        assert got["content"] in ("the harbour would reopen", "The harbour would reopen"), text


def test_a_description_names_the_last_actor_of_its_type() -> None:
    text = (
        "The Maritime Council of the Northern Seas met on Monday. "
        "The organisation said the quay would reopen."
    )
    (s,) = suggest(text)
    assert described(text, s)["claimant"] == "mcns"  # "organisation" names an igo
    text = "José Núñez met the press. The newspaper said the quay would reopen."
    (s,) = suggest(text)
    assert described(text, s)["claimant"] is None  # no media actor was named


@pytest.mark.parametrize(
    "text",
    [
        "No one has suggested that the harbour can be reopened.",  # a two-word negation
        "The report that the minister said was wrong ran to 90 pages.",  # the relative's own cue
    ],
)
def test_more_cues_that_must_not_fire(text: str) -> None:
    assert suggest(text) == [], [s.note for s in suggest(text)]


def test_content_may_start_with_a_quantity_and_a_source_may_hold_a_relative_clause() -> None:
    got = one("At least 14 people have died in the storm, authorities said on Tuesday.")
    assert (got["content"], got["source"], got["kind"]) == (
        "At least 14 people have died in the storm",
        "authorities",
        "unnamed",
    )
    got = one("An engineer who inspected the quay on Monday said it was holding.")
    assert (got["content"], got["source"]) == (
        "it was holding",
        "An engineer who inspected the quay on Monday",
    )


def test_a_split_quotation_with_words_after_its_cue_is_one_direct_claim() -> None:
    text = "José Núñez spoke. “The quay is safe,” he told reporters outside the harbour, “and it will stay open.”"
    got = one(text)
    assert got["content"] == "The quay is safe … and it will stay open"
    assert (got["type"], got["claimant"]) == ("direct", "nunez")


def test_a_that_after_another_verb_is_not_the_cues() -> None:
    got = one("José Núñez said the talks rested on hopes that “nobody in Velgrad shares”.")
    assert (got["content"], got["cue"], got["type"]) == (
        "the talks rested on hopes that “nobody in Velgrad shares”",
        "said",
        "mixed",
    )


def test_a_pronoun_after_a_claim_is_its_speaker_unless_someone_else_was_named() -> None:
    text = (
        "Judge Renée Faucher said the evidence showed that José Núñez had lied. "
        "“You misled the court,” she told him."
    )
    found = [described(text, s) for s in suggest(text)]
    assert [f["claimant"] for f in found] == ["faucher", "faucher"]  # not Núñez, named after her
    text = "Renée Faucher said the quay was safe. José Núñez arrived later. “It is not,” he said."
    found = [described(text, s) for s in suggest(text)]
    assert found[-1]["claimant"] == "nunez"


def test_a_document_is_credited_to_the_actor_that_issued_it() -> None:
    got = one("Figures from the MCNS show that catches fell by a third.")
    assert (got["kind"], got["claimant"]) == ("document", "mcns")
    text = (
        "The Maritime Council of the Northern Seas met on Monday. "
        "The council's annual report found that catches fell by a third."
    )
    (s,) = suggest(text)
    assert described(text, s)["kind"] == "document" and described(text, s)["claimant"] == "mcns"


def test_hedges_and_media_sources() -> None:
    got = one("The quay is understood to be closed for repairs.")
    assert (got["cue"], got["kind"]) == ("is understood to", "author")
    got = one("Local media reported that the harbour had closed.")
    assert (got["content"], got["source"]) == ("the harbour had closed", "Local media")


def test_a_source_before_a_comma_and_a_relative_pronoun() -> None:
    text = "The figures were published by the MCNS, which said catches had fallen by a third."
    got = one(text)
    assert (got["content"], got["source"], got["claimant"]) == (
        "catches had fallen by a third",
        "the MCNS",
        "mcns",
    )
    assert suggest("The quay, which officials said was unsafe, reopened on Monday.") == []


def test_a_later_cue_limits_content_only_after_the_cue() -> None:
    text = "Renée Faucher cautioned, however, that the quay had cracks, which are hard to measure."
    assert one(text)["content"] == "the quay had cracks, which are hard to measure"
    text = (
        "José Núñez told the broadcaster that the storm “changed nothing”, although he agreed"
        " that the damage was beyond dispute."
    )
    found = [described(text, s) for s in suggest(text)]
    assert [(f["content"], f["cue"]) for f in found] == [
        ("the storm “changed nothing”", "told"),
        ("the damage was beyond dispute", "agreed"),
    ]
    text = "Analysts at Nordvik said in a note to clients that the harbour was safe."
    assert one(text)["content"] == "the harbour was safe"  # "a note": a noun, not the verb


def segments(text: str) -> list[list[str]]:
    """The content of each claim proposed in ``text``, segment by segment."""
    out = []
    for s in suggest(text):
        assert s.claim is not None
        out.append([text[piece.start : piece.end] for piece in s.claim.content])
    return out


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("“The plan,” she said, “will fail in the first winter.”", "she"),
        ("“The plan,” said Renée Faucher, “will fail in the first winter.”", "Renée Faucher"),
        (
            "“The plan,” Renée Faucher, the harbour master, said, “will fail in the first winter.”",
            "Renée Faucher, the harbour master",
        ),
        (
            "“The plan,” said Renée Faucher, the harbour master, “will fail in the first winter.”",
            "Renée Faucher, the harbour master",
        ),
        ("“The plan,” she told reporters on Friday, “will fail in the first winter.”", "she"),
    ],
)
def test_a_quote_split_around_its_cue_is_one_claim_of_two_segments(text: str, source: str) -> None:
    found = suggest(text)
    assert len(found) == 1
    claim = found[0].claim
    assert claim is not None and found[0].source is not None
    assert [text[p.start : p.end] for p in claim.content] == [
        "The plan",
        "will fail in the first winter",
    ]  # the quoted words without their marks; the cue and source between are left out
    assert (claim.start, claim.end) == (claim.segments[0].start, claim.segments[-1].end)
    assert text[found[0].source.start : found[0].source.end] == source
    assert claim.attribution.cue is not None
    assert claim.segments[0].end < claim.attribution.cue.start < claim.segments[1].start
    assert claim.attribution.attribution_type == "direct"


def test_wire_style_a_quote_going_on_in_the_next_sentences_is_two_or_three_segments() -> None:
    text = "“The plan is flawed,” Renée Faucher said. “It will fail in the first winter.”"
    assert segments(text) == [["The plan is flawed", "It will fail in the first winter"]]
    text = (
        "“The plan is flawed,” said Renée Faucher. “It will fail in the first winter.”"
        " “Nobody asked the fishermen.”"
    )
    assert segments(text) == [
        ["The plan is flawed", "It will fail in the first winter", "Nobody asked the fishermen"]
    ]
    text = "“The plan,” she said, “is flawed.” “It will fail in the first winter.”"
    assert segments(text) == [["The plan", "is flawed", "It will fail in the first winter"]]
    text = "Renée Faucher said: “The plan is flawed.” “It will fail in the first winter.”"
    assert segments(text) == [["The plan is flawed", "It will fail in the first winter"]]
    text = (  # at most three segments: a fourth sentence is not taken
        "“The plan is flawed,” said Renée Faucher. “It will fail.” “Nobody asked us.”"
        " “We will appeal.”"
    )
    assert segments(text) == [["The plan is flawed", "It will fail", "Nobody asked us"]]


def test_a_split_quote_keeps_its_segments_through_the_suggestion_and_accepting() -> None:
    text = "“The plan,” she said, “will fail in the first winter.”"
    (found,) = suggest(text)
    assert found.claim is not None
    accepted = found.accepted("ana")
    assert accepted.claim is not None
    assert accepted.claim.segments == found.claim.segments and len(found.claim.segments) == 2
    one_piece = suggest("“The plan will fail in the first winter,” she said.")[0]
    assert one_piece.claim is not None and one_piece.claim.segments == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # two quotes, two speakers, in one sentence
            "“The plan is flawed,” she said, “it will not work,” he replied.",
            [["The plan is flawed"], ["it will not work"]],
        ),
        (  # two quotes, two speakers, in two sentences
            "“The plan is flawed,” Renée Faucher said. “It will work,” José Núñez replied.",
            [["The plan is flawed"], ["It will work"]],
        ),
        (  # a quote, its cue, and a continuation that is no quotation
            "“The plan is flawed,” she said, adding that it would fail in the winter.",
            [["The plan is flawed"], ["it would fail in the winter"]],
        ),
        (
            "“The plan is flawed,” she said, and the council will fail in the winter.",
            [["The plan is flawed"]],
        ),
        (  # a quotation after a sentence of two claims: whose it is, is not clear
            "José Núñez said the quay was safe, but Renée Faucher said it was not."
            " “It will collapse in the first storm.”",
            [["the quay was safe"], ["it was not"]],
        ),
        (  # a new paragraph starts afresh
            "“The plan is flawed,” Renée Faucher said.\n\n“It will fail in the first winter.”",
            [["The plan is flawed"]],
        ),
        (  # no quotation before it
            "Renée Faucher said the plan was flawed. “It will fail in the first winter.”",
            [["the plan was flawed"]],
        ),
    ],
)
def test_split_quotes_that_must_not_be_joined(text: str, expected: list[list[str]]) -> None:
    assert segments(text) == expected


def test_a_name_between_the_segments_of_a_claim_may_be_the_next_speaker() -> None:
    text = (
        "“The quay is safe,” Renée Faucher told José Núñez. “It will stay open all winter.”"
        " “It will not,” he replied."
    )
    found = [described(text, s) for s in suggest(text)]
    assert [(f["content"], f["claimant"]) for f in found] == [
        ("The quay is safe … It will stay open all winter", "faucher"),
        ("It will not", "nunez"),  # named between the segments, not inside them
    ]
