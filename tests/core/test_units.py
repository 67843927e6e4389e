"""Units a selection grows and shrinks by: characters, words, clauses, sentences, paragraphs."""

from __future__ import annotations

import pytest

from annotator.core.spans import Span
from annotator.core.units import (
    clause_at,
    expand,
    find_phrase,
    move_end_by_word,
    move_start_by_word,
    next_character,
    sentence_at,
    word_at,
)

TEXT = (
    "Gen. Arvo Lind said on Tuesday that Velgrad’s navy would stay in port, "
    "a decision the U.S. embassy welcomed. Observers disagree; some expect more ships!\n"
    "“The quay will reopen,” Lind added."
)


def at(words: str) -> int:
    return TEXT.index(words)


def words(span: Span) -> str:
    return TEXT[span.start : span.end]


def test_word_moves_at_the_end_stop_before_a_possessive_then_take_it() -> None:
    start = at("that Velgrad")
    end = start + len("that")
    end = move_end_by_word(TEXT, end, +1)
    assert TEXT[start:end] == "that Velgrad"
    end = move_end_by_word(TEXT, end, +1)
    assert TEXT[start:end] == "that Velgrad’s"
    end = move_end_by_word(TEXT, end, +1)
    assert TEXT[start:end] == "that Velgrad’s navy"
    assert TEXT[start : move_end_by_word(TEXT, end, -1)] == "that Velgrad’s"


def test_word_moves_at_the_start() -> None:
    end = at("Lind said") + len("Lind")
    start = move_start_by_word(TEXT, at("Lind said"), -1)
    assert TEXT[start:end] == "Arvo Lind"
    assert TEXT[move_start_by_word(TEXT, start, +1) : end] == "Lind"


@pytest.mark.parametrize("text", ["a🇪🇺b", "ae\u0301b", "a👩\u200d🔬b"])
def test_character_moves_never_split_a_cluster(text: str) -> None:
    after = next_character(text, 1, +1)
    assert text[1:after] in ("🇪🇺", "e\u0301", "👩\u200d🔬")
    assert next_character(text, after, -1) == 1


def test_sentences_skip_abbreviations_and_keep_their_punctuation() -> None:
    assert words(sentence_at(TEXT, Span(at("Arvo"), at("Arvo")))) == (
        "Gen. Arvo Lind said on Tuesday that Velgrad’s navy would stay in port, "
        "a decision the U.S. embassy welcomed."
    )
    assert words(sentence_at(TEXT, Span(at("expect"), at("expect")))) == (
        "Observers disagree; some expect more ships!"
    )
    assert words(sentence_at(TEXT, Span(at("quay"), at("quay")))) == (
        "“The quay will reopen,” Lind added."
    )


def test_clauses_end_at_commas_semicolons_and_the_full_stop() -> None:
    assert words(clause_at(TEXT, Span(at("navy"), at("navy")))) == (
        "Gen. Arvo Lind said on Tuesday that Velgrad’s navy would stay in port"
    )
    assert words(clause_at(TEXT, Span(at("embassy"), at("embassy")))) == (
        "a decision the U.S. embassy welcomed"
    )
    assert words(clause_at(TEXT, Span(at("some"), at("some")))) == "some expect more ships"


def test_a_quoted_clause_is_its_words_without_the_quotation_marks() -> None:
    quay = Span(at("quay"), at("quay"))
    assert words(clause_at(TEXT, quay)) == "The quay will reopen"
    assert words(sentence_at(TEXT, quay)).startswith("“The quay")  # the sentence keeps them


def test_expand_goes_word_clause_sentence_paragraph() -> None:
    span = Span(at("expect") + 2, at("expect") + 2)
    seen = []
    for _ in range(5):
        span = expand(TEXT, span)
        seen.append(words(span))
    assert seen == [
        "expect",
        "some expect more ships",
        "Observers disagree; some expect more ships!",
        TEXT.split("\n")[0],
        TEXT.split("\n")[0],  # nothing larger within the paragraph
    ]


def test_word_at_the_caret_or_just_before_it() -> None:
    assert words(word_at(TEXT, at("Lind said") + 2)) == "Lind"
    assert words(word_at(TEXT, at(" said"))) == "Lind"  # the caret right after a word
    assert word_at(TEXT, at("; some") + 1) == Span(at("; some") + 1, at("; some") + 1)


def test_find_phrase_before_closing_quotes_and_possessives_not_inside_words() -> None:
    text = "They call it a 'special military operation'; ‘China’ said, China’s envoy didn't."
    found = [text[s.start : s.end] for s in find_phrase(text, "special military operation", 9)]
    assert found == ["special military operation"]
    assert [text[s.start : s.end] for s in find_phrase(text, "china", 9)] == ["China", "China"]
    assert find_phrase(text, "didn", 9) == []


@pytest.mark.parametrize(
    ("text", "inside", "sentence", "clause"),
    [
        ("قال الوزير، إن الميناء سيفتح. وأضاف شيئا.", "الميناء", "قال الوزير، إن الميناء سيفتح.", "إن الميناء سيفتح"),
        ("部长说，港口将重新开放。他没有说明日期。", "港口", "部长说，港口将重新开放。", "港口将重新开放"),
        ("The talks began on Jan. 5 in Velgrad. Nobody came.", "talks", "The talks began on Jan. 5 in Velgrad.", "The talks began on Jan. 5 in Velgrad"),
    ],
)  # fmt: skip
def test_sentences_and_clauses_in_arabic_chinese_and_with_dates(
    text: str, inside: str, sentence: str, clause: str
) -> None:
    caret = Span(text.index(inside), text.index(inside))
    assert text[slice(*sentence_at(text, caret))] == sentence
    assert text[slice(*clause_at(text, caret))] == clause
