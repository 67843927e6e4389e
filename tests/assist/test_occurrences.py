"""Finding an actor's other occurrences in an article."""

from __future__ import annotations

from annotator.assist.occurrences import find_occurrences
from annotator.core.spans import Span

TEXT = (
    "Velgrad said the Norvanian government would act. Norvania's navy and the "
    "Norvanian government's envoy met in Velgrad; Velgradians cheered. 🇪🇺 Velgrad again."
)


def words(spans: list[Span]) -> list[str]:
    return [TEXT[s.start : s.end] for s in spans]


def test_whole_words_longest_first_and_not_taken() -> None:
    names = ["Norvania", "Velgrad", "the Norvanian government", "Norvanian"]
    taken = [Span(0, 7)]  # the first "Velgrad" is already a mention
    found = find_occurrences(TEXT, names, taken)
    assert words(found) == [
        "the Norvanian government",
        "Norvania",
        "the Norvanian government",  # before "'s": still a whole word
        "Velgrad",
        "Velgrad",
    ]
    assert all(TEXT[s.end : s.end + 1] != "i" for s in found)  # not inside "Velgradians"


def test_offsets_are_code_points_after_emoji() -> None:
    found = find_occurrences(TEXT, ["Velgrad"], [Span(0, 7)])
    assert [s.start for s in found] == [TEXT.index("Velgrad;"), TEXT.rindex("Velgrad")]
    assert TEXT.rindex("Velgrad") > TEXT.index("🇪🇺")


def test_no_names_no_occurrences() -> None:
    assert find_occurrences(TEXT, [" ", ""], []) == []
