"""The native line format: parsing a decoded line, and the JSON object of an article."""

from __future__ import annotations

from typing import Any

import pytest

from annotator.core.errors import ValidationError
from annotator.core.model import (
    Actor,
    Article,
    ArticleLabels,
    Attribution,
    Claim,
    Mention,
    Status,
    referenced_actors,
)
from annotator.core.schema import default_schema
from annotator.core.spans import Span
from annotator.core.text import text_sha256
from annotator.io.native import (
    ParsedAnnotation,
    article_json,
    parse_annotations,
    parse_article,
)
from tests.io.lines import claim, entry, mention, span

SCHEMA = default_schema()
TEXT = "Ilse Varga said the quay stays open."


def parsed(line: dict[str, Any], story: str | None = None) -> list[ParsedAnnotation]:
    """The annotation entries of a line."""
    article, raw, newlines = parse_article(line, story)
    return parse_annotations(line, article, raw, newlines, SCHEMA)


# -- articles ---------------------------------------------------------------------------------


def test_article_fields_and_unknown_keys_into_meta() -> None:
    line = {
        "id": "a1",
        "text": TEXT,
        "title": "Quay",
        "source": "Herald",
        "url": "https://example.org/a1",
        "published": "2025-06-01",
        "language": "en",
        "story": "quay",
        "meta": {"desk": "city"},
        "wordcount": 7,
        "tags": ["port"],
    }

    article, raw, newlines = parse_article(line, story="other")

    assert article == Article(
        id="a1",
        text=TEXT,
        title="Quay",
        source="Herald",
        url="https://example.org/a1",
        published="2025-06-01",
        language="en",
        story="quay",
        meta={"desk": "city", "wordcount": 7, "tags": ["port"]},
    )
    assert (raw, newlines) == (TEXT, None)


def test_article_without_id_gets_a_stable_id_from_its_text() -> None:
    first, _, _ = parse_article({"text": TEXT})
    again, _, _ = parse_article({"text": TEXT, "title": "another title"})

    assert first.id == again.id == "sha-" + text_sha256(TEXT)[:16]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ({"id": "", "text": TEXT}, '"id" must be a non-empty string'),
        ({"id": True, "text": TEXT}, '"id" must be a non-empty string'),
        ({"id": "a", "text": TEXT, "meta": [1]}, '"meta" must be an object'),
        ({"id": "a", "text": TEXT, "title": 5}, "article 'a': \"title\" must be a string, got int"),
        ({"id": "a", "text": TEXT, "annotations": {}}, '"annotations" must be a list'),
    ],
)
def test_article_fields_of_the_wrong_type(line: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parsed(line)

    assert str(caught.value) == message


def test_crlf_text_maps_spans_to_the_normalised_text() -> None:
    raw = "Line one.\r\nIlse Varga\r\nsaid it.\rEnd."
    line = {
        "id": "c",
        "text": raw,
        "annotations": [
            entry(
                mentions=[mention("m", raw, "Ilse Varga")],
                claims=[
                    claim(
                        "c",
                        raw,
                        "Ilse Varga\r\nsaid it.\rEnd",
                        attribution={"cue": span(raw, "said")},
                    )
                ],
            )
        ],
    }

    article, _, _ = parse_article(line)
    [annotation] = parsed(line)

    assert article.text == "Line one.\nIlse Varga\nsaid it.\nEnd."
    assert annotation.mentions == [Mention("m", "c", "ana", 10, 20)]
    assert annotation.claims == [
        Claim("c", "c", "ana", 10, 33, attribution=Attribution(cue=Span(21, 25)))
    ]
    assert article.text[10:33] == "Ilse Varga\nsaid it.\nEnd"


# -- annotations ------------------------------------------------------------------------------


def test_entry_is_parsed_into_domain_objects() -> None:
    line = {
        "id": "a1",
        "text": TEXT,
        "annotations": [
            entry(
                "bo",
                "in_progress",
                comment="later",
                actors=[{"id": "v", "name": "Ilse Varga", "type": "official", "aliases": ["IV"]}],
                mentions=[mention("m", TEXT, "Ilse Varga", "v")],
                claims=[
                    claim(
                        "c",
                        TEXT,
                        "the quay stays open",
                        claimant="v",
                        stance="support",
                        checkworthy="unimportant",
                        attribution={
                            "attribution_type": "indirect",
                            "source_mention": "m",
                            "source_kind": "named",
                            "cue": span(TEXT, "said"),
                        },
                        links=["x-1", "x-2"],
                        note="ok",
                    )
                ],
            )
        ],
    }

    [annotation] = parsed(line)

    assert annotation == ParsedAnnotation(
        Status("a1", "bo", "in_progress", "later"),
        [Actor("v", "Ilse Varga", "official", ("IV",))],
        [Mention("m", "a1", "bo", 0, 10, "v")],
        [
            Claim(
                "c",
                "a1",
                "bo",
                16,
                35,
                claimant="v",
                stance="support",
                checkworthy="unimportant",
                attribution=Attribution("indirect", "m", None, "named", Span(11, 15)),
                note="ok",
            )
        ],
        [("c", "x-1"), ("c", "x-2")],
    )
    assert referenced_actors(annotation.mentions, annotation.claims) == {"v"}


def test_entry_without_status_is_todo() -> None:
    [annotation] = parsed({"id": "a", "text": TEXT, "annotations": [{"annotator": "cy"}]})

    assert annotation.status == Status("a", "cy", "todo", "")


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        ({"annotator": " "}, "annotation 1: annotator must not be empty"),
        ({"status": "done"}, 'annotation 1 has no "annotator"'),
        ({"annotator": "a", "labels": []}, "annotation 1: unknown key(s) labels"),
        (
            {"annotator": "a", "mentions": ["m"]},
            'annotation 1: "mentions" must be a list of objects',
        ),
        (
            {"annotator": "a", "mentions": [{"start": 0, "end": 4}]},
            'annotation 1: a mention needs a string "id"',
        ),
        (
            {"annotator": "a", "mentions": [{"id": "m", "start": 0.0, "end": 4}]},
            "mention 'm' offsets must be whole numbers, got 0.0..4",
        ),
        (
            {"annotator": "a", "mentions": [{"id": "m", "start": 4, "end": 4}]},
            "mention 'm' 4..4 is empty or reversed",
        ),
        (
            {"annotator": "a", "mentions": [{"id": "m", "start": 0, "end": 4, "source_only": 1}]},
            "mention 'm': source_only must be true or false",
        ),
        (
            {"annotator": "a", "actors": [{"id": "x", "name": "X", "type": "alien"}]},
            "actor type 'alien' is not in the schema (one of: state, government, official,"
            " person, party, military, igo, civil_society, media, expert, unnamed_group, other)",
        ),
        (
            {"annotator": "a", "claims": [{"id": "c", "start": 0, "end": 4, "links": "x"}]},
            "claim 'c': links must be a list of claim ids",
        ),
        (
            {
                "annotator": "a",
                "claims": [
                    {"id": "c", "start": 0, "end": 4, "attribution": {"source_mention": "m"}}
                ],
            },
            "claim 'c': source_mention 'm' is not a mention of this entry",
        ),
        (
            {
                "annotator": "a",
                "claims": [{"id": "c", "start": 0, "end": 4, "extra": {"topic": "x"}}],
            },
            "claim 'c': extra field 'topic' is not in the schema",
        ),
        (
            {
                "annotator": "a",
                "mentions": [{"id": "d", "start": 0, "end": 4}],
                "claims": [{"id": "d", "start": 0, "end": 4}],
            },
            "id 'd' is used twice in one annotation",
        ),
    ],
)
def test_bad_entries(labels: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parsed({"id": "a", "text": TEXT, "annotations": [labels]})

    assert str(caught.value) == message


def _attributed(attribution: dict[str, Any]) -> dict[str, Any]:
    """A line with one claim of ``attribution``."""
    said = claim("c", TEXT, "the quay stays open", attribution=attribution)
    return {"id": "a1", "text": TEXT, "annotations": [entry("ana", claims=[said])]}


def test_an_attribution_type_under_its_older_key_type_reads_as_before() -> None:
    """Files written before the key was ``attribution_type`` say ``type``: read the same."""
    fields = {"source_kind": "unnamed", "cue": span(TEXT, "said")}
    [old] = parsed(_attributed({"type": "indirect", **fields}))
    [new] = parsed(_attributed({"attribution_type": "indirect", **fields}))

    assert old == new
    assert old.claims[0].attribution == Attribution(
        attribution_type="indirect", source_kind="unnamed", cue=Span(11, 15)
    )


@pytest.mark.parametrize("key", ["type", "attribution_type"])
def test_an_attribution_type_not_in_the_schema_is_named_so_under_either_key(key: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parsed(_attributed({key: "quoted"}))

    assert str(caught.value).startswith("claim 'c': attribution type 'quoted' is not in the schema")


def test_an_attribution_with_both_the_key_and_its_older_name_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        parsed(_attributed({"type": "direct", "attribution_type": "direct"}))

    assert str(caught.value) == (
        'claim \'c\': the attribution has both "attribution_type" and "type",'
        " its older name; give one"
    )


def test_two_entries_of_one_annotator() -> None:
    line = {"id": "a", "text": TEXT, "annotations": [entry("ana"), entry("ana", "todo")]}

    with pytest.raises(ValidationError, match="annotator 'ana' has two entries"):
        parsed(line)


# -- the JSON object of an article ------------------------------------------------------------


def test_article_json_of_domain_objects() -> None:
    article = Article("a1", TEXT, title="Quay", story="quay", meta={"desk": "city"})
    varga = Actor("v", "Ilse Varga", "official", ("IV",))
    unused = Actor("u", "Unused", None)
    labels = ArticleLabels(
        "a1",
        "bo",
        Status("a1", "bo", "done", "fine"),
        (Mention("m", "a1", "bo", 0, 10, "v"),),
        (
            Claim(
                "c",
                "a1",
                "bo",
                16,
                35,
                claimant="v",
                attribution=Attribution(cue=Span(11, 15)),
                extra={"b": 2, "a": 1},
            ),
        ),
        {"c": ("x-1",)},
    )

    line = article_json(article, [labels], {"v": varga, "u": unused})

    assert line == {
        "id": "a1",
        "text": TEXT,
        "title": "Quay",
        "source": None,
        "url": None,
        "published": None,
        "language": None,
        "story": "quay",
        "meta": {"desk": "city"},
        "annotations": [
            {
                "annotator": "bo",
                "status": "done",
                "comment": "fine",
                "actors": [
                    {"id": "v", "name": "Ilse Varga", "type": "official", "aliases": ["IV"]}
                ],
                "mentions": [
                    {"id": "m", "start": 0, "end": 10, "text": "Ilse Varga", "actor": "v"}
                ],
                "claims": [
                    {
                        "id": "c",
                        "start": 16,
                        "end": 35,
                        "text": "the quay stays open",
                        "claimant": "v",
                        "addressee": None,
                        "target": None,
                        "stance": None,
                        "category": None,
                        "certainty": None,
                        "checkworthy": None,
                        "attribution": {
                            "attribution_type": None,
                            "source_mention": None,
                            "source_text": None,
                            "source_kind": None,
                            "cue": {"start": 11, "end": 15, "text": "said"},
                        },
                        "links": ["x-1"],
                        "note": "",
                        "extra": {"a": 1, "b": 2},
                    }
                ],
            }
        ],
    }
    assert list(line["annotations"][0]["claims"][0]["extra"]) == ["a", "b"]
