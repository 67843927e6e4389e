"""The sample project: built from the bundled sample files on first use.

It lives in the user's data folder, not in the repository, so labelling in
it leaves the checkout clean and survives between runs.

Besides the sample articles (``resources/samples/articles.jsonl``) it holds
the examples (``resources/samples/examples.jsonl``): two articles of one
story fully labelled by the annotator `EXAMPLE` (claims with every field, a
split quote in two segments, named, unnamed and document sources, a capital
as an alias of its state, a link between the two articles) and the second
also by `SECOND_EXAMPLE`, who disagrees; and `PRACTICE_ARTICLE`, left
unlabelled for the guided first claim. The app shows the example annotators'
labels beside one's own and never edits them (`annotator.ui.window.first_steps`).
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

from annotator.core.errors import AnnotatorError
from annotator.io.importer import import_files
from annotator.resources import resource
from annotator.store.project import Project

APP_NAME = "claim-annotator"
EXAMPLE = "example"
"""The annotator whose labels are the sample's worked examples (read-only in the app)."""
SECOND_EXAMPLE = "example-b"
"""A second example annotator, who disagrees with `EXAMPLE` on one article."""
EXAMPLE_ANNOTATORS = (EXAMPLE, SECOND_EXAMPLE)
EXAMPLE_ARTICLES = ("example-bridge-01", "example-bridge-02")
PRACTICE_ARTICLE = "practice-first-claim"
"""The article of the guided first claim."""


def data_dir() -> Path:
    """The user's data folder for this app (created on demand)."""
    path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def sample_source() -> Path:
    """The bundled sample articles (native JSONL, partly labelled)."""
    return resource("samples", "articles.jsonl")


def examples_source() -> Path:
    """The bundled examples and the practice article (native JSONL)."""
    return resource("samples", "examples.jsonl")


def build_sample(path: Path) -> Path:
    """Create a project at ``path`` holding the sample articles, the examples and their labels."""
    with Project.create(path) as project:
        import_files(project, [examples_source(), sample_source()])
    return path


def is_sample(project: Project) -> bool:
    """True if ``project`` holds the sample's examples and practice article."""
    return project.article(PRACTICE_ARTICLE) is not None and all(
        project.article(a) is not None for a in EXAMPLE_ARTICLES
    )


def sample_project() -> Path:
    """The user's copy of the sample project, built the first time it is asked for.

    A copy built before the examples existed gets them added (an import of the
    examples file; the user's own labels stay as they are).
    """
    path = data_dir() / "sample.claims"
    if not path.exists():
        partial = path.with_name("sample.claims.partial")
        for leftover in (partial, partial.with_name(partial.name + "-wal")):
            leftover.unlink(missing_ok=True)
        build_sample(partial)
        partial.rename(path)
    else:
        try:
            with Project.open(path) as project:
                if not is_sample(project):
                    import_files(project, [examples_source()])
        except AnnotatorError:
            pass  # in use or damaged: the app opening it says so, as before the examples
    return path
