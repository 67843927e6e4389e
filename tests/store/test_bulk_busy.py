"""A bulk write that cannot start because another program writes to the file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import ProjectError
from annotator.core.model import Article
from annotator.store.bulk import BulkWriter
from annotator.store.project import Project


def test_a_writer_that_cannot_start_is_a_message_and_leaves_no_transaction_open(
    project: Project, project_path: Path
) -> None:
    holder = sqlite3.connect(project_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # the project's writer waits its busy timeout, then fails
    try:
        with pytest.raises(ProjectError) as caught, BulkWriter(project, doing="the import"):
            pass
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert str(caught.value) == (
        "could not save the import: another program is writing to the project."
        " Try again in a moment. Nothing was changed."
    )
    assert not project.conn.in_transaction
    with BulkWriter(project) as writer:  # the next one works
        writer.add_article(Article(id="a1", text="Text."))
    assert project.article("a1") is not None
