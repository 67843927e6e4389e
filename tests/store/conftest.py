"""Fixtures of the store tests: a second article in the story of ``article_in``."""

from __future__ import annotations

import pytest

from annotator.core.model import Article
from annotator.store.project import Project


@pytest.fixture
def second_article(project: Project, article_in: Article) -> Article:
    """Another article of ``article_in``'s story, so claims can be linked across articles."""
    article = Article(
        id="a2",
        text="Officials in Norvania denied that the port would reopen soon.",
        title="Port stays shut",
        source="Other Ledger",
        story="port",
    )
    project.add_articles([article])
    return article
