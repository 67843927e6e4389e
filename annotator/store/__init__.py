"""The SQLite project file: tables, migrations, queries and the undo log."""

from annotator.store.project import Project

__all__ = ["Project"]
