"""Snapping selections to words, never inside a character cluster."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.words import elide_words, is_cluster_boundary, snap_to_words


def snapped(text: str, rough: str, offset: int = 0) -> str:
    """Select ``rough`` (found in text) and return the snapped text."""
    start = text.index(rough) + offset
    span = snap_to_words(text, start, start + len(rough) - offset)
    return text[span.start : span.end]


@pytest.mark.parametrize(
    ("text", "rough", "expected"),
    [
        ("Velgrad said the port reopens", "rad sa", "Velgrad said"),
        ("Velgrad said the port reopens", " the ", "the"),
        ("Velgrad said the port reopens", "port reop", "port reopens"),
        ("the minister's plan", "ster", "minister"),  # a name stops before its possessive
        ("the minister's plan", "ster's", "minister's"),  # ... unless it is selected
        ("Deputy Minister Li Zhanshu's remarks", "Li Zhan", "Li Zhanshu"),
        ("Beijing’s influence", "Beij", "Beijing"),
        ("they don't agree", "don", "don't"),
        ("the Reuters’ report", "Reut", "Reuters"),
        ("a Saint-Denis rally", "int-De", "Saint-Denis"),
        ("Ирина Волкова said", "на Вол", "Ирина Волкова"),
        ("李明 said", "李", "李明"),
        ("Rene\u0301e Faucher", "Ren", "Rene\u0301e"),
        ("وزارة الخارجية قالت", "ارة ال", "وزارة الخارجية"),
        ("said: «no», then", "«no»", "«no»"),
    ],
)
def test_snaps_to_whole_words(text: str, rough: str, expected: str) -> None:
    assert snapped(text, rough) == expected


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ("go 👍🏽 now", "👍🏽"),
        ("nurse 👩‍⚕️ here", "👩‍⚕️"),
        ("family 👨‍👩‍👧 here", "👨‍👩‍👧"),
        ("flags 🇪🇺🇺🇳 here", "🇪🇺🇺🇳"),
    ],
)
def test_never_splits_a_cluster(text: str, inside: str) -> None:
    base = text.index(inside)
    for cut in range(1, len(inside)):
        span = snap_to_words(text, base, base + cut)
        assert is_cluster_boundary(text, span.start)
        assert is_cluster_boundary(text, span.end)
        assert span.start <= base and span.end >= base + cut


def test_second_flag_starts_on_an_even_regional_indicator() -> None:
    text = "🇪🇺🇺🇳"
    assert [is_cluster_boundary(text, i) for i in range(5)] == [True, False, True, False, True]


@given(st.text(alphabet="ab é\u0301👍🏽\u200d🇪🇺.,", max_size=30), st.data())
def test_snap_result_contains_the_trimmed_selection(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    span = snap_to_words(text, start, end)
    assert 0 <= span.start <= span.end <= len(text)
    assert is_cluster_boundary(text, span.start) and is_cluster_boundary(text, span.end)
    selected = text[start:end].strip()
    if selected:
        assert selected in text[span.start : span.end]


# -- eliding a quote --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("The ferry levy will double.", 40, "The ferry levy will double."),
        ("The ferry levy will double by May, the board said.", 20, "The ferry levy will…"),
        (
            "The ferry levy will double by May, the board said.",
            34,
            "The ferry levy will double by May…",
        ),
        ("Levies,\n  tolls and\tfees rise", 40, "Levies, tolls and fees rise"),
        ("Levies, tolls and fees rise", 12, "Levies…"),  # no dangling comma
        ("Unterseeboothafenverwaltung sagt", 10, "Unterseeb…"),  # one long word: cut inside
        ("Flags 🇪🇺🇺🇳 flew", 8, "Flags…"),
        ("🇪🇺🇺🇳🇪🇺🇺🇳", 4, "🇪🇺…"),  # never half a flag
        ("", 10, ""),
    ],
)
def test_elide_words_cuts_at_a_word_boundary(text: str, limit: int, expected: str) -> None:
    assert elide_words(text, limit) == expected
    assert len(elide_words(text, limit)) <= limit


@given(st.text(max_size=80), st.integers(1, 60))
def test_elided_text_is_a_start_of_the_words_and_fits(text: str, limit: int) -> None:
    elided = elide_words(text, limit)
    flat = " ".join(text.split())
    assert len(elided) <= limit
    assert elided == flat or (elided.endswith("…") and flat.startswith(elided[:-1]))
