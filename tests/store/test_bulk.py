"""Tests of annotator/store/bulk.py: imports in one transaction, upserts, no undo entries."""

from __future__ import annotations

import pytest

from annotator.core.errors import ProjectError, ValidationError
from annotator.core.model import Actor, Article, Attribution, Claim, ClaimLink, Mention, Status
from annotator.store.bulk import (
    CACHE_KIB,
    FILTER_BITS,
    FILTER_BITS_UNKNOWN,
    FLUSH_ROWS,
    INDEX_BATCH,
    INDEX_TRIGGER,
    BulkWriter,
    _filter_bits,
    _Written,
)
from annotator.store.project import Project
from tests.helpers import dump
from tests.store.helpers import label_dump, read_rows


def _articles(count: int, prefix: str = "x") -> list[Article]:
    return [
        Article(id=f"{prefix}{i:05}", text=f"Article {i} on the harbour.", story=f"s{i % 3}")
        for i in range(count)
    ]


def test_import_commits_once_at_the_end(project: Project) -> None:
    count = FLUSH_ROWS + 10
    with BulkWriter(project) as writer:
        for article in _articles(count):
            writer.add_article(article)
        # Batches are written as the import goes, so the queue stays small...
        assert project.conn.execute("SELECT count(*) FROM articles").fetchone()[0] > 0
        # ... but nothing is committed until the end.
        assert project.conn.in_transaction
        assert read_rows(project.path, "articles") == []

    assert project.conn.in_transaction is False
    rows = read_rows(project.path, "articles")
    assert [r["id"] for r in rows] == [a.id for a in _articles(count)]
    assert project.article(f"x{count - 1:05}") == _articles(count)[-1]
    assert read_rows(project.path, "events") == []  # imports are not undoable actions


def test_import_is_searchable(project: Project) -> None:
    project.add_articles(_articles(3))
    assert {h.article_id for h in project.search("harbour")} == {"x00000", "x00001", "x00002"}
    assert [h.article_id for h in project.search("article 1")] == ["x00001"]


def _search_index_checked(project: Project) -> str | None:
    """The indexing trigger's SQL, after FTS5 found its index to match the articles.

    (FTS5's own check, which compares the index with the articles table: a
    mismatch raises "database disk image is malformed".)
    """
    project.conn.execute(
        "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)"
    )
    found = project.conn.execute(
        "SELECT sql FROM sqlite_master WHERE name = ?", (INDEX_TRIGGER,)
    ).fetchone()
    return found[0] if found else None


def test_an_import_indexes_its_articles_in_batches_and_keeps_the_trigger(
    project: Project, article_in: Article
) -> None:
    trigger = _search_index_checked(project)
    assert trigger is not None and trigger.startswith(f'CREATE TRIGGER "{INDEX_TRIGGER}"')
    (stored,) = read_rows(project.path, "articles")
    count = INDEX_BATCH + 10
    last = f"x{count - 1:05}"

    with BulkWriter(project) as writer:
        # Inside the import, articles are indexed in batches, not by the trigger.
        assert _search_index_checked(project) is None
        for article in _articles(count):
            writer.add_article(article)
        writer.flush()  # the first INDEX_BATCH are indexed, the last 10 not yet
        # Updates (as a merge copies rows) of an article there before, of one this
        # import wrote but has not indexed yet, and of one new in the same batch.
        writer.put_row("articles", {**stored, "title": "Port to reopen at last"})
        writer.put_row("articles", {**stored, "id": last, "title": "Renamed"})
        writer.put_row("articles", {**stored, "id": "new", "title": "Brand new"})
        writer.put_row("articles", {**stored, "id": "new", "title": "Changed in its batch"})

    assert _search_index_checked(project) == trigger  # made again as it was
    assert [h.article_id for h in project.search(f"article {count - 2}")] == [f"x{count - 2:05}"]
    assert [h.article_id for h in project.search("reopen at last")] == ["a1"]
    assert [h.article_id for h in project.search("renamed")] == [last]
    assert project.search("brand") == []
    assert [h.article_id for h in project.search("changed in its batch")] == ["new"]
    project.add_articles([Article("after", "Written after the import.")])
    assert [h.article_id for h in project.search("written after")] == ["after"]


def test_a_failed_import_leaves_the_trigger_and_the_index_as_they_were(
    project: Project, article_in: Article
) -> None:
    trigger = _search_index_checked(project)

    with pytest.raises(RuntimeError, match=r"bad line"), BulkWriter(project) as writer:
        for article in _articles(INDEX_BATCH + 10):
            writer.add_article(article)
        writer.flush()
        raise RuntimeError("bad line")

    assert _search_index_checked(project) == trigger
    assert project.search("harbour") == []


def test_an_actor_listed_again_changes_nothing_and_a_changed_one_is_written(
    project: Project,
) -> None:
    with BulkWriter(project) as writer:
        for _ in range(3):  # as every line of a file lists the actors it refers to
            writer.put_actor(Actor("act-1", "Velgrad", "government", ("the capital",)), "ana")
        writer.put_actor(Actor("act-1", "Velgrad City", "government", ("Velgrad",)), "ben")
        writer.put_actor(Actor("act-1", "Velgrad", "government", ("the capital",)), "ana")

    assert project.actor("act-1") == Actor(
        "act-1", "Velgrad", "government", ("the capital", "Velgrad")
    )
    (row,) = read_rows(project.path, "actors")
    assert row["created_by"] == "ana"


def test_an_error_inside_the_import_changes_nothing(project: Project, article_in: Article) -> None:
    before = dump(project.path)

    with pytest.raises(RuntimeError, match=r"bad line"), BulkWriter(project) as writer:
        for article in _articles(3000):
            writer.add_article(article)
        writer.put_status(Status("a1", "ana", "done"))
        raise RuntimeError("bad line")

    assert dump(project.path) == before
    assert project.conn.in_transaction is False
    assert project.article_count() == 1


def test_labels_may_refer_to_rows_queued_later(project: Project, article_in: Article) -> None:
    actor = Actor("act-1", "Velgrad", "government", ("the capital",))
    mention = Mention("m-1", "a1", "ana", 0, 7, actor.id)
    claim = Claim(
        "c-1", "a1", "ana", 26, 61, claimant=actor.id,
        attribution=Attribution(attribution_type="indirect", source_mention=mention.id),
    )  # fmt: skip

    with BulkWriter(project) as writer:
        writer.put_claim(claim)
        writer.flush()  # the claim is written in an earlier batch than what it refers to
        writer.put_mention(mention)
        writer.flush()
        writer.put_actor(actor, "ana")

    assert project.claim("c-1") == claim
    assert project.mention("m-1") == mention
    assert project.actor("act-1") == actor


def test_a_dangling_reference_fails_the_whole_import(project: Project, article_in: Article) -> None:
    before = dump(project.path)

    with pytest.raises(ProjectError) as caught, BulkWriter(project) as writer:
        writer.add_article(Article(id="new", text="New text."))
        writer.put_claim(Claim("c-1", "a1", "ana", 0, 7, claimant="no-such-actor"))

    assert str(caught.value).startswith(
        "could not save the import: it refers to a label or actor that no longer exists"
    )
    assert dump(project.path) == before


def test_import_updates_labels_by_id(project: Project, article_in: Article) -> None:
    with BulkWriter(project) as writer:
        writer.put_claim(Claim("c-1", "a1", "ana", 0, 7, stance="support"))
        writer.put_status(Status("a1", "ana", "in_progress", "first"))
    with BulkWriter(project) as writer:
        writer.put_claim(Claim("c-1", "a1", "ana", 0, 12, stance="oppose", note="moved"))
        writer.put_status(Status("a1", "ana", "done", "second"))

    assert project.claim("c-1") == Claim("c-1", "a1", "ana", 0, 12, stance="oppose", note="moved")
    assert project.status("a1", "ana") == Status("a1", "ana", "done", "second")
    assert len(read_rows(project.path, "claims")) == 1


def test_import_keeps_creator_and_appends_only_new_aliases(project: Project) -> None:
    actor = project.add_actor("China", "ana", "state", ("Beijing",))

    with BulkWriter(project) as writer:
        writer.put_actor(Actor(actor.id, "PR China", "government", ("BEIJING", "the PRC")), "ben")

    assert project.actor(actor.id) == Actor(
        actor.id, "PR China", "government", ("Beijing", "the PRC")
    )
    (row,) = read_rows(project.path, "actors")
    assert (row["created_by"], row["name_key"]) == ("ana", "pr china")
    assert [(r["alias"], r["position"]) for r in read_rows(project.path, "actor_aliases")] == [
        ("Beijing", 0),
        ("the PRC", 1),
    ]


def test_import_keeps_an_existing_link_and_article_added_at(
    project: Project, second_article: Article
) -> None:
    one, other = Claim("c-1", "a1", "ana", 0, 7), Claim("c-2", "a2", "ana", 0, 9)
    with BulkWriter(project) as writer:
        writer.put_claim(one)
        writer.put_claim(other)
        writer.put_link(ClaimLink.between("c-2", "c-1", "ana"))
    added_at = {r["id"]: r["added_at"] for r in read_rows(project.path, "articles")}

    with BulkWriter(project) as writer:
        writer.stamp = "2999-01-01T00:00:00+00:00"
        writer.put_link(ClaimLink.between("c-1", "c-2", "ben"))
        writer.add_article(second_article)

    assert read_rows(project.path, "claim_links") == [
        {"claim_a": "c-1", "claim_b": "c-2", "annotator": "ana"}
    ]
    assert {r["id"]: r["added_at"] for r in read_rows(project.path, "articles")} == added_at


def test_lookups_see_queued_and_stored_rows(project: Project, article_in: Article) -> None:
    with BulkWriter(project) as writer:
        assert writer.stored_text_sha("a1") == article_in.text_sha256
        assert writer.stored_text_sha("queued") is None
        writer.put_actor(Actor("act-q", "Queued"), None)
        assert writer.actor_known("act-q")
        assert not writer.actor_known("act-none")
    with BulkWriter(project) as writer:
        assert writer.actor_known("act-q")


def test_label_ids_must_not_move_between_articles(
    project: Project, second_article: Article
) -> None:
    with BulkWriter(project) as writer:
        writer.put_mention(Mention("m1", "a1", "ana", 0, 7))
    before = label_dump(project.path)

    with pytest.raises(ValidationError) as caught, BulkWriter(project) as writer:
        writer.check_label_ids("mentions", ["m1"], "a1", "ana")  # the same owner: fine
        writer.check_label_ids("mentions", ["m1"], "a2", "ana")
    assert str(caught.value) == (
        "mention id 'm1' is already used by article 'a1' (annotator 'ana'); label ids must be unique"
    )
    with pytest.raises(ValidationError, match=r"annotator 'ana'"), BulkWriter(project) as writer:
        writer.put_claim(Claim("c9", "a2", "ana", 0, 3))
        writer.check_label_ids("claims", ["c9"], "a2", "ben")  # queued, not yet written
    assert label_dump(project.path) == before


def test_full_disk_during_an_import_changes_nothing(project: Project, article_in: Article) -> None:
    pages = project.conn.execute("PRAGMA page_count").fetchone()[0]
    project.conn.execute(f"PRAGMA max_page_count = {pages + 5}")
    before = dump(project.path)

    with pytest.raises(ProjectError) as caught, BulkWriter(project) as writer:
        for article in _articles(2000):
            writer.add_article(article)

    assert str(caught.value) == (
        "could not save the import: the disk is full. Free some space and try again. "
        "Nothing was changed."
    )
    assert dump(project.path) == before
    assert project.article_count() == 1


def test_the_page_cache_is_larger_while_writing_and_as_it_was_after(project: Project) -> None:
    def cache() -> int:
        return int(project.conn.execute("PRAGMA cache_size").fetchone()[0])

    before = cache()
    with BulkWriter(project):
        assert cache() == -CACHE_KIB
    assert cache() == before
    with pytest.raises(RuntimeError), BulkWriter(project):
        raise RuntimeError("bad line")
    assert cache() == before
    project.conn.execute(f"PRAGMA cache_size = {-2 * CACHE_KIB}")  # larger already: kept
    with BulkWriter(project):
        assert cache() == -2 * CACHE_KIB


def test_a_new_projects_label_ids_are_checked_against_what_the_import_wrote(
    project: Project,
) -> None:
    # The tables are empty: the writer asks the file only about ids it put there itself.
    articles = _articles(FLUSH_ROWS + 10)
    with (
        pytest.raises(
            ValidationError, match=r"^mention id 'm-7' is already used by article 'x00007'"
        ),
        BulkWriter(project) as writer,
    ):
        for number, article in enumerate(articles):
            writer.add_article(article)
            writer.put_mention(Mention(f"m-{number}", article.id, "ana", 0, 7))
        assert project.conn.execute("SELECT count(*) FROM mentions").fetchone()[0] > 0
        assert writer.stored_text_sha("x00003") == articles[3].text_sha256
        assert writer.stored_text_sha("elsewhere") is None
        writer.check_label_ids("mentions", ["m-7", "m-new"], "x00007", "ana")  # its owner
        writer.check_label_ids("mentions", ["m-new", "m-7"], "x00008", "ana")
    assert project.article_count() == 0


@pytest.mark.parametrize("flush_between", [False, True])
def test_rows_written_past_the_writer_are_seen_by_its_lookups(
    project: Project, flush_between: bool
) -> None:
    project.add_articles(_articles(2))  # mentions and claims are still empty
    with BulkWriter(project) as writer:
        writer.put_claim(Claim("c-mine", "x00000", "ana", 0, 7))
        writer.flush()
        # Written on the same connection but not through the writer (as a merge may).
        project.conn.execute(
            "INSERT INTO mentions (id, article_id, annotator, start, end) VALUES (?, ?, ?, ?, ?)",
            ("m-other", "x00001", "bo", 0, 7),
        )
        if flush_between:
            writer.put_claim(Claim("c-more", "x00000", "ana", 0, 7))
            writer.flush()
        with pytest.raises(ValidationError, match=r"already used by article 'x00001'"):
            writer.check_label_ids("mentions", ["m-other"], "x00000", "ana")
        assert writer.claim_article("c-mine") == "x00000"
        assert writer.claim_article("c-none") is None


def test_the_filter_of_written_ids_keeps_every_one_and_few_others() -> None:
    written = _Written(_filter_bits(7_500_000))  # as for a file of 7.5 MB: 1 MiB
    assert written.stored(["a", "b"]) == []  # nothing written: no bits made yet
    ids = [f"id-{n}" for n in range(50_000)]
    written.add(ids)
    assert written.stored(ids) == ids
    others = [f"other-{n}" for n in range(50_000)]
    assert len(written.stored(others)) < 500  # about 0.6%
    assert _filter_bits(None) == FILTER_BITS_UNKNOWN
    assert _filter_bits(10**12) == FILTER_BITS


def test_an_actor_listed_again_after_a_write_past_the_writer_is_written_again(
    project: Project,
) -> None:
    velgrad = Actor("act-1", "Velgrad", "government")
    with BulkWriter(project) as writer:
        writer.put_actor(velgrad, "ana")
        writer.flush()
        project.conn.execute("UPDATE actors SET name = 'Renamed' WHERE id = 'act-1'")
        writer.put_actor(velgrad, "ana")

    assert project.actor("act-1") == velgrad
