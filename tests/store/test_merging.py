"""Tests of annotator/store/merging.py: the deletions of a merge, in its one transaction."""

from __future__ import annotations

import pytest

from annotator.core.model import Article
from annotator.store.merging import MergeWriter
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
