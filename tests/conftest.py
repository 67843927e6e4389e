"""Shared fixtures: real project files in temporary folders, and the offscreen Qt platform."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.environ["QT_QPA_PLATFORM"] == "offscreen":  # a desktop-sized screen, not Qt's 800 x 800
    SCREEN = Path(__file__).with_name("offscreen_screen.json")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREEN}"

from annotator.core.model import Article
from annotator.resources import resource
from annotator.store.project import Project


@pytest.fixture(autouse=True)
def user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the user's data, state, cache and config folders (platformdirs, XDG) at a temp dir.

    The app keeps the sample project, backups and logs there; no test touches
    the real ones.
    """
    home = tmp_path / "user"
    for name in ("DATA", "STATE", "CACHE", "CONFIG"):
        folder = home / name.lower()
        folder.mkdir(parents=True)
        monkeypatch.setenv(f"XDG_{name}_HOME", str(folder))
    return home


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    """Where a test's project file goes (not created)."""
    return tmp_path / "test.claims"


@pytest.fixture
def project(project_path: Path) -> Iterator[Project]:
    """A new, empty project file with the default schema, closed after the test."""
    opened = Project.create(project_path)
    yield opened
    opened.close()


@pytest.fixture
def sample_jsonl() -> Path:
    """The bundled sample articles (native JSONL, partly labelled)."""
    return resource("samples", "articles.jsonl")


@pytest.fixture
def article_in(project: Project) -> Article:
    """One article with non-ASCII text already in ``project``."""
    article = Article(
        id="a1",
        text="Velgrad said on Monday 🇪🇺 that Norvania would reopen the port, officials said.",
        title="Port to reopen",
        source="Test Ledger",
        story="port",
    )
    project.add_articles([article])
    return article
