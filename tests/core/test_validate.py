"""Label validation against the article and the schema."""

from __future__ import annotations

import pytest

from annotator.core.errors import ValidationError
from annotator.core.model import Actor, Attribution, Claim, ClaimLink, Mention, Status
from annotator.core.schema import default_schema
from annotator.core.spans import Span
from annotator.core.validate import (
    distinct_aliases,
    missing_fields,
    validate_actor,
    validate_claim,
    validate_mention,
    validate_status,
)

SCHEMA = default_schema()


def claim(**fields: object) -> Claim:
    values: dict[str, object] = {
        "id": "c",
        "article_id": "a",
        "annotator": "ana",
        "start": 0,
        "end": 5,
    }
    values.update(fields)
    return Claim(**values)  # type: ignore[arg-type]


def test_a_complete_claim_passes() -> None:
    validate_claim(
        claim(
            stance="oppose",
            category="demand",
            certainty="hedged",
            checkworthy="checkworthy",
            attribution=Attribution("indirect", None, "observers", "unnamed", Span(6, 10)),
        ),
        20,
        SCHEMA,
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"end": 25}, "claim 0..25 is out of range"),
        ({"stance": "favour"}, "stance 'favour' is not in the schema"),
        ({"category": "rant"}, "category 'rant'"),
        ({"attribution": Attribution(attribution_type="quoted")}, "attribution type 'quoted'"),
        ({"attribution": Attribution(source_kind="friend")}, "source kind 'friend'"),
        ({"attribution": Attribution(cue=Span(18, 30))}, "cue 18..30 is out of range"),
        ({"extra": {"topic": "x"}}, "extra field 'topic' is not in the schema"),
    ],
)
def test_bad_claims_name_the_field(fields: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        validate_claim(claim(**fields), 20, SCHEMA)


def test_mention_span_is_checked() -> None:
    validate_mention(Mention("m", "a", "ana", 0, 3), 3)
    with pytest.raises(ValidationError, match=r"mention 2\.\.4 is out of range"):
        validate_mention(Mention("m", "a", "ana", 2, 4), 3)


def test_actor_rules() -> None:
    validate_actor(Actor("x", "China", "state", ("Beijing",)), SCHEMA)
    with pytest.raises(ValidationError, match="needs a name"):
        validate_actor(Actor("x", "  "), SCHEMA)
    with pytest.raises(ValidationError, match="actor type 'country'"):
        validate_actor(Actor("x", "China", "country"), SCHEMA)
    with pytest.raises(ValidationError, match="lists 'china' twice"):
        validate_actor(Actor("x", "China", "state", ("china",)), SCHEMA)


def test_aliases_that_repeat_a_name_in_another_case_are_dropped_first_spelling_kept() -> None:
    aliases = ("observers", "the observers", "Unnamed observers", "THE OBSERVERS", " Observers ")
    assert distinct_aliases("Observers", aliases) == ("the observers", "Unnamed observers")
    assert distinct_aliases("Straße", ("STRASSE", "Strasse")) == ()  # casefold, as lookups
    validate_actor(Actor("x", "Observers", None, distinct_aliases("Observers", aliases)), SCHEMA)


def test_status_values() -> None:
    validate_status(Status("a", "ana", "in_progress"))
    with pytest.raises(ValidationError, match="not one of todo, in_progress, done, skipped"):
        validate_status(Status("a", "ana", "finished"))


def test_claim_link_is_order_free() -> None:
    assert ClaimLink.between("b", "a", "ana") == ClaimLink.between("a", "b", "ana")
    assert ClaimLink.between("b", "a", "ana").claim_a == "a"


# -- what a claim still lacks before done ----------------------------------------------------

CUE = Span(6, 10)


@pytest.mark.parametrize(
    ("fields", "missing"),
    [
        ({}, ["claimant", "stance", "attribution"]),
        (
            {"claimant": "x", "stance": "oppose", "attribution": Attribution("indirect", cue=CUE)},
            [],
        ),
        ({"stance": "oppose", "attribution": Attribution("indirect")}, ["claimant", "cue"]),
        # A named source needs its actor as claimant.
        (
            {"stance": "oppose", "attribution": Attribution("direct", "m", "Ada", "named", CUE)},
            ["claimant"],
        ),
        # An unnamed, document or author source is words: no claimant to find.
        *(
            (
                {
                    "stance": "support",
                    "attribution": Attribution("indirect", None, "some words", kind, CUE),
                },
                [],
            )
            for kind in ("unnamed", "document", "author")
        ),
        ({"attribution": Attribution("mixed", source_kind="unnamed")}, ["stance", "cue"]),
        # The author's own claim: neither a claimant nor a cue.
        ({"stance": "neutral", "attribution": Attribution("unattributed")}, []),
        ({"attribution": Attribution("unattributed")}, ["stance"]),
    ],
)
def test_missing_fields_lists_only_what_is_really_missing(
    fields: dict[str, object], missing: list[str]
) -> None:
    assert missing_fields(claim(**fields)) == missing
