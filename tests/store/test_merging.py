"""Tests of annotator/store/merging.py: the deletions of a merge, in its one transaction."""

from __future__ import annotations

import pytest

from annotator.core.model import Article
from annotator.store.merging import MergeWriter, merge_cache
from annotator.store.project import Project
from tests.helpers import span_in
from tests.store.helpers import read_rows


def test_deleting_a_claim_takes_its_links(
    project: Project, article_in: Article, second_article: Article
) -> None:
    here = project.add_claim(article_in.id, "ana", *span_in(article_in.text, "reopen the port"))
    there = project.add_claim(second_article.id, "ana", *span_in(second_article.text, "denied"))
    project.link_claims(here.id, there.id, "ana")

    with MergeWriter(project, doing="the merge") as writer:
        writer.delete_claim(here.id)

    assert [r["id"] for r in read_rows(project.path, "claims")] == [there.id]
    assert read_rows(project.path, "claim_links") == []


def test_deleting_a_mention_leaves_the_claims_citing_it_its_words(
    project: Project, article_in: Article
) -> None:
    claim = project.add_claim(article_in.id, "ana", *span_in(article_in.text, "reopen the port"))
    claim = project.set_claim_source(claim.id, span_in(article_in.text, "Velgrad"), None)
    mention = claim.attribution.source_mention
    assert mention is not None

    with MergeWriter(project, doing="the merge") as writer:
        writer.delete_mention(mention)

    assert read_rows(project.path, "mentions") == []
    (row,) = read_rows(project.path, "claims")
    assert (row["attr_source_mention"], row["attr_source_text"]) == (None, "Velgrad")


def test_what_a_failed_merge_deleted_stays(project: Project, article_in: Article) -> None:
    claim = project.add_claim(article_in.id, "ana", *span_in(article_in.text, "reopen the port"))
    project.set_status(article_in.id, "ana", "done")

    with pytest.raises(RuntimeError), MergeWriter(project, doing="the merge") as writer:
        writer.delete_claim(claim.id)
        writer.delete("statuses", {"article_id": article_in.id, "annotator": "ana"})
        raise RuntimeError("the merge failed half-way")

    assert [r["id"] for r in read_rows(project.path, "claims")] == [claim.id]
    assert [r["status"] for r in read_rows(project.path, "statuses")] == ["done"]


def test_a_merge_deletes_no_articles(project: Project, article_in: Article) -> None:
    refused = pytest.raises(ValueError, match="cannot delete from 'articles'")
    with refused, MergeWriter(project, doing="the merge") as writer:
        writer.delete("articles", {"id": article_in.id})
    assert [r["id"] for r in read_rows(project.path, "articles")] == [article_in.id]


def test_rows_new_to_the_project_go_in_and_those_it_has_are_named_not_written(
    project: Project, article_in: Article
) -> None:
    mention = project.add_mention(article_in.id, "ana", *span_in(article_in.text, "Velgrad"))
    (row,) = read_rows(project.path, "mentions")
    new = {**row, "id": "m-new", "annotator": "ben"}
    changed = {**row, "source_only": 1}

    with MergeWriter(project, doing="the merge") as writer:
        there = writer.insert_new(
            "mentions", list(row), [tuple(changed.values()), tuple(new.values())]
        )
        assert writer.insert_new("mentions", list(row), []) == set()

    assert there == {(mention.id,)}
    assert {r["id"]: r for r in read_rows(project.path, "mentions")} == {
        mention.id: row,  # as it was: the caller decides it
        "m-new": new,
    }


def test_written_labels_replace_the_projects_rows_but_a_link_keeps_its_maker(
    project: Project, article_in: Article, second_article: Article
) -> None:
    here = project.add_claim(article_in.id, "ana", *span_in(article_in.text, "reopen the port"))
    there = project.add_claim(second_article.id, "ana", *span_in(second_article.text, "denied"))
    project.link_claims(here.id, there.id, "lead")
    claim = next(r for r in read_rows(project.path, "claims") if r["id"] == here.id)
    (link,) = read_rows(project.path, "claim_links")

    with MergeWriter(project, doing="the merge") as writer:
        writer.write_labels(
            "claims", list(claim), [tuple({**claim, "stance": "oppose"}.values())], new=False
        )
        writer.write_labels(
            "claim_links", list(link), [tuple({**link, "annotator": "ana"}.values())], new=False
        )
        with pytest.raises(ValueError, match="cannot write table 'articles'"):
            writer.write_labels("articles", ["id"], [("a9",)], new=True)

    merged = {r["id"]: r for r in read_rows(project.path, "claims")}
    assert merged[here.id] == {**claim, "stance": "oppose"}
    assert read_rows(project.path, "claim_links") == [link]


def test_the_merge_cache_is_set_back(project: Project) -> None:
    (before,) = project.conn.execute("PRAGMA cache_size").fetchone()
    with merge_cache(project, mib=8):
        assert project.conn.execute("PRAGMA cache_size").fetchone() == (-8192,)
    assert project.conn.execute("PRAGMA cache_size").fetchone() == (before,)
