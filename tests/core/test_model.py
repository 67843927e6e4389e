"""Tests of annotator/core/model.py: the helpers beside the dataclasses."""

from __future__ import annotations

from annotator.core.model import Claim, Mention, referenced_actors


def test_referenced_actors_are_those_of_mentions_and_of_every_actor_field_of_claims() -> None:
    mentions = [
        Mention("m1", "a1", "ana", 0, 7, "norvania"),
        Mention("m2", "a1", "ana", 10, 14),  # no actor yet
        Mention("m3", "a1", "ana", 20, 27, "norvania"),
    ]
    claims = [
        Claim("c1", "a1", "ana", 0, 30, claimant="kestria", addressee="skarre", target="norvania"),
        Claim("c2", "a1", "ana", 31, 40),
        Claim("c3", "a1", "ana", 41, 50, target="union"),
    ]

    assert referenced_actors(mentions, claims) == {"norvania", "kestria", "skarre", "union"}
    assert referenced_actors([], []) == set()
    assert referenced_actors(iter(mentions), iter([])) == {"norvania"}  # any iterables
