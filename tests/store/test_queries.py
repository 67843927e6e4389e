"""Tests of the reads of a project: the article list, search, actor lookup, labels, counts.

They cover annotator/store/queries.py and the modules it takes reads from
(label_queries.py, actor_queries.py, reader.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.model import STATUSES, Actor, Article, ArticleLabels, Status
from annotator.store.bulk import BulkWriter
from annotator.store.project import Project
from annotator.store.queries import (
    MAX_SEARCH_WORDS,
    SORT_COLUMNS,
    ArticleFilter,
    ArticleSummary,
    SearchHit,
    fts_query,
)
from annotator.store.reader import chunks
from tests.store.helpers import Scene, build_scene


@dataclass(frozen=True)
class Row:
    """One article of the list fixture and what "ana" did in it."""

    id: str
    title: str
    source: str | None
    story: str | None
    published: str | None
    status: str  # ana's, "todo" when she never set one
    claims: int  # ana's
    mentions: int  # ana's
    text: str


ROWS = [
    Row("p1", "beta port", "Ledger", "port", "2024-03-02", "done", 2, 1,
        "The port of Skarre reopens, officials said."),
    Row("p2", "Alpha harbour", "courier", "port", None, "in_progress", 0, 2,
        "Harbour workers in Skarre went on strike."),
    Row("p3", "Delta fish", None, "fish", "2024-01-15", "todo", 1, 0,
        "Fishing quotas were cut by a third."),
    Row("p4", "gamma talks", "Ledger", None, "2024-02-01", "skipped", 3, 0,
        "Talks on the e-mail leak and the well-known \"harbour deal\" stalled."),
    Row("p5", "alpha Quay", "Courier", "fish", "2023-12-31", "done", 1, 1,
        "Ирина Петрова said 李明 would visit the quay."),
    Row("p6", "", "ledger", "port", "2024-03-02", "todo", 0, 0,
        "Nothing about the harbour or the port here."),
]  # fmt: skip


@pytest.fixture
def listed(project: Project) -> Project:
    """A project with `ROWS`: "ana" labelled them as the rows say; "ben" labelled some too."""
    project.add_articles(
        [
            Article(id=r.id, text=r.text, title=r.title, source=r.source, story=r.story,
                    published=r.published)
            for r in ROWS
        ]
    )  # fmt: skip
    for row in ROWS:
        if row.status != "todo":
            project.set_status(row.id, "ana", row.status)
        for i in range(row.claims):
            project.add_claim(row.id, "ana", i, i + 3)
        for i in range(row.mentions):
            project.add_mention(row.id, "ana", i, i + 2)
    project.set_status("p3", "ben", "done")
    project.add_claim("p3", "ben", 0, 4)
    project.add_claim("p6", "ben", 0, 4)
    project.add_mention("p6", "ben", 0, 4)
    return project


def _summary(row: Row) -> ArticleSummary:
    return ArticleSummary(
        row.id, row.title, row.source, row.story, row.published, row.status, row.claims,
    )  # fmt: skip


def _nocase(value: str | None) -> tuple[int, str]:
    return (0, "") if value is None else (1, value.lower())  # SQLite puts NULL first


SORT_KEYS: dict[str, Any] = {
    "position": lambda r: 0,
    "title": lambda r: _nocase(r.title),
    "source": lambda r: _nocase(r.source),
    "story": lambda r: _nocase(r.story),
    "published": lambda r: (0, "") if r.published is None else (1, r.published),
    "status": lambda r: STATUSES.index(r.status),
    "claims": lambda r: r.claims,
}


def _ids(page: list[ArticleSummary]) -> list[str]:
    return [s.id for s in page]


# -- the article list -------------------------------------------------------------------------


def test_articles_page_lists_status_and_counts_per_annotator(listed: Project) -> None:
    assert listed.articles_page("ana") == [_summary(r) for r in ROWS]


def test_articles_page_for_another_annotator(listed: Project) -> None:
    page = listed.articles_page("ben")
    assert [(s.id, s.status, s.claims) for s in page] == [
        ("p1", "todo", 0),
        ("p2", "todo", 0),
        ("p3", "done", 1),
        ("p4", "todo", 0),
        ("p5", "todo", 0),
        ("p6", "todo", 1),
    ]
    assert _ids(listed.articles_page("nobody")) == [r.id for r in ROWS]


def test_sort_keys_are_all_tested() -> None:
    assert set(SORT_KEYS) == set(SORT_COLUMNS)


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("sort", list(SORT_COLUMNS))
def test_articles_page_sorts_by_every_column(listed: Project, sort: str, descending: bool) -> None:
    key = SORT_KEYS[sort]
    expected = sorted(ROWS, key=lambda r: (key(r), ROWS.index(r)), reverse=descending)

    page = listed.articles_page("ana", sort=sort, descending=descending)

    assert _ids(page) == [r.id for r in expected]


def test_title_sort_ignores_case(listed: Project) -> None:
    assert _ids(listed.articles_page("ana", sort="title")) == ["p6", "p2", "p5", "p1", "p3", "p4"]


def test_articles_page_pages_through_the_sorted_list(listed: Project) -> None:
    whole = _ids(listed.articles_page("ana", sort="claims", descending=True))
    pages = [
        _ids(listed.articles_page("ana", offset=o, limit=4, sort="claims", descending=True))
        for o in range(0, 8, 4)
    ]
    assert pages == [whole[:4], whole[4:]]
    assert listed.articles_page("ana", offset=10) == []


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (ArticleFilter(), ["p1", "p2", "p3", "p4", "p5", "p6"]),
        (ArticleFilter(status="todo"), ["p3", "p6"]),
        (ArticleFilter(status="done"), ["p1", "p5"]),
        (ArticleFilter(status="in_progress"), ["p2"]),
        (ArticleFilter(story="port"), ["p1", "p2", "p6"]),
        (ArticleFilter(source="Ledger"), ["p1", "p4"]),  # exact, case-sensitive
        (ArticleFilter(search="harbour"), ["p2", "p4", "p6"]),
        (ArticleFilter(search="skarre"), ["p1", "p2"]),
        (ArticleFilter(search="alpha"), ["p2", "p5"]),  # titles are searched too
        (ArticleFilter(search="harb"), ["p2", "p4", "p6"]),  # the last word is a prefix
        (ArticleFilter(search="port harbour"), ["p6"]),  # every word must occur
        (ArticleFilter(story="port", status="todo"), ["p6"]),
        (ArticleFilter(story="fish", search="quay", status="done"), ["p5"]),
        (ArticleFilter(search="   "), ["p1", "p2", "p3", "p4", "p5", "p6"]),
        (ArticleFilter(story="nope"), []),
    ],
)
def test_filters(listed: Project, where: ArticleFilter, expected: list[str]) -> None:
    assert _ids(listed.articles_page("ana", where=where)) == expected
    assert listed.count_articles("ana", where) == len(expected)


def test_status_filter_is_per_annotator(listed: Project) -> None:
    assert _ids(listed.articles_page("ben", where=ArticleFilter(status="done"))) == ["p3"]
    assert listed.count_articles("ben", ArticleFilter(status="todo")) == 5
    assert listed.count_articles("ana") == 6


def test_counts_follow_actions(listed: Project) -> None:
    listed.add_claim("p6", "ana", 0, 4)
    listed.set_status("p6", "ana", "done")
    (summary,) = [s for s in listed.articles_page("ana") if s.id == "p6"]
    assert (summary.status, summary.claims) == ("done", 1)
    listed.undo("ana")
    listed.undo("ana")
    (summary,) = [s for s in listed.articles_page("ana") if s.id == "p6"]
    assert (summary.status, summary.claims) == ("todo", 0)


# -- full-text search --------------------------------------------------------------------------


def test_search_returns_hits_with_a_marked_snippet(listed: Project) -> None:
    hits = listed.search("quotas")
    assert hits == [SearchHit("p3", "Delta fish", "Fishing [quotas] were cut by a third.")]


def test_search_finds_non_ascii_words(listed: Project) -> None:
    assert [h.article_id for h in listed.search("ирина")] == ["p5"]
    assert [h.article_id for h in listed.search("ПЕТРОВ")] == ["p5"]
    assert [h.article_id for h in listed.search("李明")] == ["p5"]


def test_search_limit(listed: Project) -> None:
    assert len(listed.search("harbour")) == 3
    assert len(listed.search("harbour", limit=2)) == 2


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ('"harbour deal"', {"p4"}),
        ('"harbour', {"p2", "p4", "p6"}),
        ("well-known", {"p4"}),
        ("e-mail", {"p4"}),
        ("-harbour", {"p2", "p4", "p6"}),
        ("harbour -", {"p2", "p4", "p6"}),
        ("harbour NOT", {"p6"}),  # a word, not an operator: "Nothing" in p6
        ("harbour OR fish", set()),
        ("harbour AND", {"p4"}),
        ("near(port", set()),
        ("skarre*", {"p1", "p2"}),
        ("^skarre", {"p1", "p2"}),
        ("title:alpha", set()),
        ("{port}", {"p1", "p6"}),
        ("O'Brien", set()),
        ('"', set()),
        ("(", set()),
        ("*", set()),
        ("", set()),
        ("   ", set()),
        ("\\", set()),
        ("\x00", set()),
        ("quotas\x00", {"p3"}),  # NUL separates words, as a space does
        ("harbour\x00skarre", {"p2"}),
        ("\ud800", set()),  # a lone surrogate (half an emoji) is no word
        ("quo\udfff", {"p3"}),  # the last word is still a prefix
        ("\ud83d\ude00 harbour", {"p2", "p4", "p6"}),  # an emoji as two halves
        ('"quotas"*', {"p3"}),
        ("^quotas", {"p3"}),
        ("NEAR(harbour skarre)", set()),  # "near(harbour" is one word, in no text
        ("harbour NEAR skarre", set()),
        ("(harbour)", {"p2", "p4", "p6"}),  # brackets are punctuation, not grouping
        ("harbour AND skarre", set()),  # "and" must occur too
        ("harbour ( ) - *", {"p2", "p4", "p6"}),  # words of punctuation only ask nothing
        ("'", set()),
    ],
)
def test_search_takes_any_user_input(listed: Project, typed: str, expected: set[str]) -> None:
    assert {h.article_id for h in listed.search(typed)} == expected
    filtered = listed.articles_page("ana", where=ArticleFilter(search=typed))
    if fts_query(typed):
        assert set(_ids(filtered)) == expected
    else:
        assert len(filtered) == len(ROWS)  # nothing to search for: no filter


@pytest.mark.parametrize(
    ("typed", "query"),
    [
        ("port", '"port"*'),
        ("  harbour  deal ", '"harbour" "deal"*'),
        ('say "hi', '"say" """hi"*'),
        ("well-known", '"well-known"*'),
        ("", ""),
        (" \t", ""),
        ("port harbour port", '"port" "harbour"*'),  # a word typed again adds nothing
        ("a\x00b \ud800", '"a" "b"*'),
    ],
)
def test_fts_query_quotes_every_word(typed: str, query: str) -> None:
    assert fts_query(typed) == query


@pytest.mark.timeout(10)
def test_search_takes_very_long_input(listed: Project) -> None:
    assert listed.search("harbour " * 20_000) == listed.search("harbour")
    pasted = " ".join(["Harbour", *(f"w{i}" for i in range(20_000))])
    assert listed.search(pasted) == []
    words = [f"w{i}" for i in range(MAX_SEARCH_WORDS + 50)]
    query = fts_query(" ".join(words))
    assert query.split() == [f'"{w}"' for w in words[: MAX_SEARCH_WORDS - 1]] + ['"w99"*']
    assert listed.search("x" * 1_000_000) == []
    assert listed.search("quotas " + '\x00\ud800"*^()-:' * 10_000) == listed.search("quotas")


_TYPED = st.text(
    st.one_of(
        st.characters(codec=None, exclude_categories=()),  # surrogates and NUL too
        st.sampled_from(['"', "*", "^", "(", ")", "-", "+", ":", "{", "}", " ", "\x00"]),
    )
) | st.lists(
    st.sampled_from(["harbour", "skarre", "NEAR", "AND", "OR", "NOT", '"', "*", "(", "\ud800"]),
).map(" ".join)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed=_TYPED)
def test_any_text_is_a_search(listed: Project, typed: str) -> None:
    hits = listed.search(typed)
    assert isinstance(hits, list)
    assert {h.article_id for h in hits} <= {r.id for r in ROWS}
    listed.articles_page("ana", where=ArticleFilter(search=typed))


def test_search_sees_articles_added_later(listed: Project) -> None:
    listed.add_articles([Article(id="p7", text="The quotas were raised again.")])
    assert {h.article_id for h in listed.search("quotas")} == {"p3", "p7"}


# -- actors --------------------------------------------------------------------------------------


@pytest.fixture
def registry(project: Project) -> dict[str, Actor]:
    """Actors with non-ASCII names and aliases."""
    return {
        "china": project.add_actor("China", "ana", "state", ("Beijing", "the PRC")),
        "irina": project.add_actor("Ирина Петрова", "ana", "person", ("Ира",)),
        "li": project.add_actor("李明", "ana", "person", ("Li Ming",)),
        "chile": project.add_actor("Chile", "ana", "state", ()),
        "ministry": project.add_actor("Ministry of Fish", "ana", "government", ("Fish Office",)),
        "strasse": project.add_actor("Straße Group", "ana", "other", ()),
    }


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("chi", ["chile", "china"]),
        ("CHI", ["chile", "china"]),
        ("  Chi ", ["chile", "china"]),
        ("beij", ["china"]),  # by alias
        ("the prc", ["china"]),
        ("fish o", ["ministry"]),  # by alias, listed by the actor's name
        ("ИР", ["irina"]),  # the name and an alias both match: listed once
        ("ирина п", ["irina"]),
        ("李", ["li"]),
        ("li m", ["li"]),
        ("strasse", ["strasse"]),  # casefold: ß is ss
        ("STRASSE", ["strasse"]),
        ("petrova", []),  # a prefix, not a word anywhere
        ("x", []),
    ],
)
def test_find_actors(
    project: Project, registry: dict[str, Actor], prefix: str, expected: list[str]
) -> None:
    assert project.find_actors(prefix) == [registry[k] for k in expected]


def test_find_actors_empty_prefix_lists_all_by_name(
    project: Project, registry: dict[str, Actor]
) -> None:
    names = [a.name for a in project.find_actors("")]
    assert names == sorted((a.name for a in registry.values()), key=str.casefold)


def test_find_actors_limit_keeps_the_first_by_name(project: Project) -> None:
    with BulkWriter(project) as writer:
        for i in reversed(range(30)):
            writer.put_actor(
                Actor(f"id-{29 - i:02}", f"Actor {i:02}", None, (f"Alias {i:02}",)), "ana"
            )

    found = project.find_actors("a", limit=5)

    assert [a.name for a in found] == [f"Actor {i:02}" for i in range(5)]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("China", ["china"]),
        ("  cHINA ", ["china"]),  # any case, end spaces aside
        ("beijing", ["china"]),  # an alias
        ("ИРА", ["irina"]),
        ("li ming", ["li"]),
        ("STRASSE GROUP", ["strasse"]),  # casefold: ß is ss
        ("Chi", []),  # a prefix is not a name
        ("Fish", []),
        ("", []),
    ],
)
def test_actors_named_is_an_exact_name_or_alias(
    project: Project, registry: dict[str, Actor], name: str, expected: list[str]
) -> None:
    assert project.actors_named(name) == [registry[k] for k in expected]


def test_actors_named_finds_the_one_among_many_with_that_prefix(project: Project) -> None:
    """More actors start with the words than a suggestion list holds: the exact one is found."""
    with BulkWriter(project) as writer:
        for i in range(30):
            writer.put_actor(Actor(f"id-{i:02}", f"Harbour {i:02}", None, ()), "ana")
        writer.put_actor(Actor("navy", "Zeta navy", "military", ("Harbour",)), "ana")

    assert [a.id for a in project.actors_named("harbour")] == ["navy"]
    assert [a.id for a in project.actors_named("Harbour 29")] == ["id-29"]


def test_actors_named_lists_every_actor_of_a_clash_by_name(project: Project) -> None:
    """A file from before names were kept apart may hold two actors of one name."""
    kept = project.add_actor("Norvania", "ana", "state", ("the state",))
    project.conn.execute(
        "INSERT INTO actors (id, name, name_key, type) VALUES ('old', 'NORVANIA', 'norvania', NULL)"
    )

    assert [a.id for a in project.actors_named("norvania")] == sorted([kept.id, "old"])
    assert project.actors_named("The State") == [kept]


def test_actor_usage_counts_mentions_and_claims(project: Project, scene: Scene) -> None:
    assert project.actor_usage() == [(scene.kestria, 1, 0), (scene.norvania, 1, 2)]


@pytest.fixture
def scene(project: Project) -> Scene:
    """The shared `Scene` in the test's project."""
    return build_scene(project)


def test_actors_by_id_leaves_out_unknown_ids(project: Project, scene: Scene) -> None:
    ids = [scene.norvania.id, "unknown", *(f"x{i}" for i in range(1200))]
    assert project.actors_by_id(ids) == {scene.norvania.id: scene.norvania}
    assert project.actor("unknown") is None


# -- labels -----------------------------------------------------------------------------------


def test_labels_of_one_article(project: Project, scene: Scene) -> None:
    assert project.labels("a1", "ana") == ArticleLabels(
        "a1",
        "ana",
        Status("a1", "ana", "in_progress", "halfway"),
        (scene.velgrad_mention, scene.kestria_mention),
        (scene.claim,),
        {scene.claim.id: (scene.other_claim.id,)},
    )
    assert project.labels("a2", "ana") == ArticleLabels(
        "a2",
        "ana",
        Status("a2", "ana"),
        (),
        (scene.free_claim, scene.other_claim),  # by start
        {scene.other_claim.id: (scene.claim.id,)},
    )
    assert project.labels("a1", "ben") == ArticleLabels("a1", "ben", Status("a1", "ben"))
    assert project.labels("nope", "ana") == ArticleLabels("nope", "ana", Status("nope", "ana"))


def test_labels_for_many_articles_and_annotators(project: Project, scene: Scene) -> None:
    bens = project.add_claim("a1", "ben", 0, 7)
    project.set_status("a2", "ben", "skipped", "off topic")

    found = project.labels_for(["a1", "a2", "missing"])

    assert set(found) == {"a1", "a2"}
    assert set(found["a1"]) == {"ana", "ben"}
    assert found["a1"]["ana"] == project.labels("a1", "ana")
    assert found["a1"]["ben"] == ArticleLabels("a1", "ben", Status("a1", "ben"), (), (bens,), {})
    assert found["a2"]["ben"] == ArticleLabels(
        "a2", "ben", Status("a2", "ben", "skipped", "off topic")
    )
    assert project.labels_for(["a1", "a2"], "ben") == {
        "a1": {"ben": found["a1"]["ben"]},
        "a2": {"ben": found["a2"]["ben"]},
    }
    assert project.labels_for([]) == {}


def test_labels_for_more_articles_than_one_query_takes(project: Project) -> None:
    project.add_articles([Article(id=f"b{i:04}", text="Short text.") for i in range(1100)])
    project.add_claim("b0000", "ana", 0, 5)
    project.add_claim("b1099", "ana", 0, 5)
    project.set_status("b0600", "ana", "done")

    found = project.labels_for([f"b{i:04}" for i in range(1100)], "ana")

    assert sorted(found) == ["b0000", "b0600", "b1099"]


def test_mention_claim_and_status_lookups(project: Project, scene: Scene) -> None:
    assert project.mention(scene.velgrad_mention.id) == scene.velgrad_mention
    assert project.claim(scene.claim.id) == scene.claim
    assert project.mention("nope") is None
    assert project.claim("nope") is None
    assert project.status("a1", "ana") == Status("a1", "ana", "in_progress", "halfway")


# -- articles and summaries ---------------------------------------------------------------------


def test_article_lookups(listed: Project) -> None:
    first = listed.article("p1")
    assert first == Article(
        id="p1",
        text=ROWS[0].text,
        title="beta port",
        source="Ledger",
        story="port",
        published="2024-03-02",
    )
    assert listed.article("nope") is None
    assert listed.article_count() == 6
    assert listed.stories() == ["fish", "port"]
    assert listed.sources() == ["Courier", "Ledger", "courier", "ledger"]


def test_iter_articles_in_batches(listed: Project) -> None:
    batches = list(listed.iter_articles(batch=4))
    assert [[a.id for a in b] for b in batches] == [["p1", "p2", "p3", "p4"], ["p5", "p6"]]
    assert [a.id for b in listed.iter_articles(story="fish", batch=1) for a in b] == ["p3", "p5"]
    assert list(listed.iter_articles(story="none")) == []


def test_annotators_and_stats(listed: Project) -> None:
    listed.set_status("p1", "cleo", "todo")

    assert listed.annotators() == ["ana", "ben", "cleo"]
    assert listed.stats() == {
        "articles": 6,
        "stories": 2,
        "actors": 0,
        "annotators": {
            "ana": {"done": 2, "in_progress": 1, "skipped": 1, "claims": 7, "mentions": 4},
            "ben": {"done": 1, "in_progress": 0, "skipped": 0, "claims": 2, "mentions": 1},
            "cleo": {"done": 0, "in_progress": 0, "skipped": 0, "claims": 0, "mentions": 0},
        },
    }


def test_stats_of_an_empty_project(project: Project) -> None:
    assert project.annotators() == []
    assert project.stats() == {"articles": 0, "stories": 0, "actors": 0, "annotators": {}}


def test_chunks() -> None:
    assert list(chunks(["a", "b", "c", "d", "e"], 2)) == [["a", "b"], ["c", "d"], ["e"]]
    assert list(chunks([], 2)) == []


def test_status_count_is_the_done_of_stats(listed: Project) -> None:
    for annotator in ("ana", "ben", "nobody"):
        numbers = listed.stats()["annotators"].get(annotator, {})
        for status in ("done", "in_progress", "skipped"):
            assert listed.status_count(annotator, status) == numbers.get(status, 0)
    assert listed.status_count("ana", "done") == 2


def test_has_assignments_for_anyone_or_one_annotator(listed: Project) -> None:
    assert not listed.has_assignments()
    listed.set_assignments([("p1", "ana"), ("p2", "ana"), ("p2", "ben")])
    assert listed.has_assignments()
    assert listed.has_assignments("ana") and listed.has_assignments("ben")
    assert not listed.has_assignments("cy")
