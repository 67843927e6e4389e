"""The sample project: built from ``resources/samples/articles.jsonl`` on first use.

It lives in the user's data folder, not in the repository, so labelling in
it leaves the checkout clean and survives between runs.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

from annotator.io.importer import import_files
from annotator.resources import resource
from annotator.store.project import Project

APP_NAME = "claim-annotator"


def data_dir() -> Path:
    """The user's data folder for this app (created on demand)."""
    path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def sample_source() -> Path:
    """The bundled sample articles (native JSONL, partly labelled)."""
    return resource("samples", "articles.jsonl")


def build_sample(path: Path) -> Path:
    """Create a project at ``path`` holding the sample articles and their labels."""
    with Project.create(path) as project:
        import_files(project, [sample_source()])
    return path


def sample_project() -> Path:
    """The user's copy of the sample project, built the first time it is asked for."""
    path = data_dir() / "sample.claims"
    if not path.exists():
        partial = path.with_name("sample.claims.partial")
        for leftover in (partial, partial.with_name(partial.name + "-wal")):
            leftover.unlink(missing_ok=True)
        build_sample(partial)
        partial.rename(path)
    return path
