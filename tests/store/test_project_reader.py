"""A second, read-only connection to an open project, for a worker thread."""

from __future__ import annotations

import threading

import pytest

from annotator.core.errors import ProjectError
from annotator.core.model import Article
from annotator.store.project import Project


def test_a_reader_in_another_thread_sees_what_was_committed(project: Project) -> None:
    project.add_articles([Article(id="a1", text="Velgrad said so.")])
    seen: list[object] = []

    def read() -> None:
        reader = project.reader()
        try:
            seen.append(reader.read_only)
            seen.append([a.id for batch in reader.iter_articles() for a in batch])
            with pytest.raises(ProjectError):
                reader.replace_suggestions("ana", ["a1"], [])
        finally:
            reader.close()

    worker = threading.Thread(target=read)
    worker.start()
    worker.join()
    assert seen == [True, ["a1"]]
    project.add_articles([Article(id="a2", text="More.")])  # the writer is not held up
    assert project.article_count() == 2
