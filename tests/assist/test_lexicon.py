"""The cue lexicon: shipped per language, extended or overridden by a project."""

from __future__ import annotations

import pytest

from annotator.assist.lexicon import Lexicon, LexiconError, available_languages
from annotator.resources import resource

EN = resource("lexicon", "en.toml").read_text(encoding="utf-8")


def test_shipped_lexicons_load_and_fall_back_to_english() -> None:
    assert {"en", "de"} <= set(available_languages())
    english = Lexicon.for_language("en")
    assert english.verb("SAID") is not None and english.verb("told reporters") is not None
    assert ("“", "”") in english.quotes and "according to" in english.according
    assert Lexicon.for_language("de-AT").verb("sagte") is not None
    assert Lexicon.for_language("xx").language == "en"
    assert Lexicon.for_language(None).language == "en"


def test_a_project_adds_removes_and_replaces() -> None:
    extra = """
[[verbs]]
forms = ["quip", "quipped"]
category = "evaluation"

[sources]
unnamed = ["pundits"]

[remove]
verbs = ["claimed"]
hedges = ["apparently"]
quotes = [["‘", "’"]]
"""
    lexicon = Lexicon.load(EN, extra)
    quip = lexicon.verb("quipped")
    assert quip is not None and quip.category == "evaluation"
    assert lexicon.verb("claims") is None  # the whole verb goes with one of its forms
    assert "pundits" in lexicon.unnamed and "observers" in lexicon.unnamed
    assert "apparently" not in lexicon.hedges and "reportedly" in lexicon.hedges
    assert ("‘", "’") not in lexicon.quotes and ("«", "»") in lexicon.quotes
    only = Lexicon.load(EN, '[lexicon]\nreplace = true\n[[verbs]]\nforms = ["opine"]\n')
    assert [v.forms for v in only.verbs] == [("opine",)] and only.quotes == ()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("[verbs", "not valid TOML"),
        ("[sauce]\nx = 1", "unknown section"),
        ("[sources]\nnamed = ['x']", "unknown key"),
        ("[[verbs]]\nforms = 'said'", "list of words"),
        ("[[verbs]]\nforms = ['x']\nbare = 'no'", "true or false"),
        ("[quotation]\nmarks = [['<<', '>>']]", "opening, closing"),
        ("[remove]\nadverbs = ['x']", "unknown key"),
        ("[descriptions]\nother = 'company'", "list of words"),
        ("[[verbs]]\nforms = ['x']\namount = 1", "true or false"),
    ],
)
def test_bad_lexicons_say_what_is_wrong(extra: str, message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        Lexicon.load(EN, extra, "project.toml")


def test_descriptions_and_verb_flags_load_and_merge() -> None:
    english = Lexicon.for_language("en")
    put, found, told = english.verb("put"), english.verb("found"), english.verb("told")
    assert put is not None and put.amount and "at" in english.amount_markers
    assert found is not None and found.documents and not found.bare
    assert told is not None and told.addressee
    kinds = dict(english.descriptions)
    assert "company" in kinds["other"] and "union" in kinds["civil_society"]
    assert "claim" in english.nouns and "should" in english.inversions
    extra = (
        '[descriptions]\nother = ["outfit"]\nmedia = ["wire"]\n[remove]\ndescriptions = ["firm"]\n'
    )
    merged = dict(Lexicon.load(EN, extra).descriptions)
    assert "outfit" in merged["other"] and "company" in merged["other"]
    assert "firm" not in merged["other"] and "wire" in merged["media"]
