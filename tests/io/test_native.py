"""The native line format: parsing a decoded line, and the JSON object of an article."""

from __future__ import annotations

import random
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
)
from annotator.core.schema import default_schema
from annotator.core.spans import Span
from annotator.core.text import normalize_newlines, text_sha256
from annotator.io.native import (
    ParsedAnnotation,
    _checked_mention,
    _fast_claim,
    _fast_mention,
    _parse_claim,
    _SpanReader,
    _Vocab,
    article_json,
    parse_annotations,
    parse_article,
)
from annotator.store.rows import claim_from_values, claim_values, mention_values, status_values
from tests.io.lines import claim, entry, mention, span

SCHEMA = default_schema()
TEXT = "Ilse Varga said the quay stays open."
STAMP = "2026-12-03T13:00:00+00:00"


def parsed(line: dict[str, Any], story: str | None = None) -> list[ParsedAnnotation]:
    """The annotation entries of a line."""
    article, raw, newlines = parse_article(line, story)
    return parse_annotations(line, article, raw, newlines, SCHEMA, STAMP)


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
    assert annotation.mentions == [mention_values(Mention("m", "c", "ana", 10, 20), STAMP)]
    assert annotation.claims == [
        claim_values(
            Claim("c", "c", "ana", 10, 33, attribution=Attribution(cue=Span(21, 25))), STAMP
        )
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
        "bo",
        [Actor("v", "Ilse Varga", "official", ("IV",))],
        ["v"],
        [mention_values(Mention("m", "a1", "bo", 0, 10, "v"), STAMP)],
        [
            claim_values(
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
                ),
                STAMP,
            )
        ],
        status_values(Status("a1", "bo", "in_progress", "later"), STAMP),
        [("c", "x-1"), ("c", "x-2")],
    )


def test_entry_without_status_is_todo() -> None:
    [annotation] = parsed({"id": "a", "text": TEXT, "annotations": [{"annotator": "cy"}]})

    assert annotation.status == status_values(Status("a", "cy", "todo", ""), STAMP)


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
    assert claim_from_values(old.claims[0][:-1]).attribution == Attribution(
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


# -- the fast paths of parsing -----------------------------------------------------------------
# A label is parsed by a fast path that only takes what is plainly right; anything else goes
# to the checks that say what is wrong. Both must give the same label. Labels are drawn at
# random (seeded), each value right 19 times in 20 (half the claims are right in all of
# their some 15 values), else of the wrong kind or outside the vocabulary.

FAST_TEXT = "Ilse Varga said the quay\r\nstays open, 😀 officials said."
_BAD = ["", "x", "m9", 0, 1, True, 2.5, None, [], {}, ["x"]]


class Draw:
    """Values drawn from a seeded random generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def mostly(self, *good: Any) -> Any:
        """One of ``good``, or one time in 20 a bad value."""
        return self.rng.choice(_BAD if self.rng.random() < 0.05 else good)

    def vocab(self, name: str) -> Any:
        return self.mostly(None, *SCHEMA.field(name).ids())

    def span(self, text: str) -> Any:
        start = self.rng.randrange(len(text))
        end = self.rng.randrange(start + 1, len(text) + 1)
        found: dict[str, Any] = {"start": self.mostly(start), "end": self.mostly(end)}
        if self.rng.random() < 0.5:
            found["text"] = self.mostly(text[start:end])
        return self.mostly(found)

    def claim(self, text: str) -> dict[str, Any]:
        item: dict[str, Any] = {"id": self.mostly("c1")}
        place = self.span(text)
        if isinstance(place, dict):
            item.update(place)
        for name in ("claimant", "addressee", "target", "note"):
            item[name] = self.mostly(None, "p1", "some words")
        for name in ("stance", "category", "certainty", "checkworthy"):
            item[name] = self.vocab(name)
        item["links"] = self.mostly([], ["c7"], ["c7", "c8"], None)
        item["extra"] = self.mostly({}, None)
        if self.rng.random() < 0.05:
            item[self.rng.choice(["bogus", "type", "text"])] = "x"
        attribution: dict[str, Any] = {
            "attribution_type": self.vocab("attribution_type"),
            "source_mention": self.mostly(None, "m1"),
            "source_text": self.mostly(None, "officials"),
            "source_kind": self.vocab("source_kind"),
        }
        if self.rng.random() < 0.5:
            attribution["cue"] = self.mostly(None, self.span(text))
        if self.rng.random() < 0.05:
            attribution["type"] = self.vocab("attribution_type")
        item["attribution"] = self.mostly(attribution, None)
        return item


def _checked(parse: Any, *args: Any) -> Any:
    try:
        return parse(*args)
    except (ValidationError, KeyError) as exc:
        return exc


@pytest.mark.parametrize("crlf", [False, True])
def test_the_fast_claim_path_takes_only_what_the_checks_take(crlf: bool) -> None:
    text = FAST_TEXT if crlf else FAST_TEXT.replace("\r\n", "  ")
    spans = _SpanReader(text, normalize_newlines(text)[1])
    draw, fast_ones = Draw(14), 0
    for _ in range(3000):
        args = (draw.claim(text), "a1", "ana", spans)
        fast = _fast_claim(*args, _Vocab(SCHEMA), {"m1"}, STAMP)
        checked = _checked(_parse_claim, *args, SCHEMA, {"m1"}, STAMP)
        if fast is not None:
            assert fast == checked, args[0]
            fast_ones += 1
    assert 1000 < fast_ones < 2500  # both paths were taken often


@pytest.mark.parametrize("crlf", [False, True])
def test_the_fast_mention_path_takes_only_what_the_checks_take(crlf: bool) -> None:
    text = FAST_TEXT if crlf else FAST_TEXT.replace("\r\n", "  ")
    spans = _SpanReader(text, normalize_newlines(text)[1])
    draw, fast_ones = Draw(14), 0
    for _ in range(3000):
        place = draw.span(text)
        item = {"id": draw.mostly("m1"), **(place if isinstance(place, dict) else {})}
        item.update(actor=draw.mostly(None, "p1"), source_only=draw.mostly(False, True))
        fast = _fast_mention(item, spans)
        if fast is not None:
            assert fast == _checked(_checked_mention, item, "annotation 1", spans), item
            fast_ones += 1
    assert 1500 < fast_ones < 2900


def test_a_plainly_right_claim_and_mention_take_the_fast_path() -> None:
    spans = _SpanReader(TEXT, None)
    item = {
        **claim("c1", TEXT, "the quay stays open", stance="support", claimant="p1", note="n"),
        "attribution": {
            "attribution_type": "indirect",
            "source_mention": "m1",
            "source_kind": "named",
            "cue": span(TEXT, "said"),
        },
        "links": ["c9"],
    }
    fast = _fast_claim(item, "a1", "ana", spans, _Vocab(SCHEMA), {"m1"}, STAMP)
    assert fast is not None
    assert fast == _parse_claim(item, "a1", "ana", spans, SCHEMA, {"m1"}, STAMP)
    assert _fast_mention(mention("m1", TEXT, "Ilse Varga", "p1"), spans) is not None
