"""The SQLite project file: tables, migrations, queries and the undo log.

Importing the package imports ``sqlite_utils`` first, without the pandas and
numpy it would otherwise import whenever they are installed (see
`_import_sqlite_utils`).
"""

import sys


def _import_sqlite_utils() -> None:
    """Import ``sqlite_utils`` with its optional pandas and numpy imports turned down.

    ``sqlite_utils.db`` imports pandas and numpy at module import when they are
    installed, only to know their value types when inserting them. The store
    never inserts them (it creates tables through ``sqlite_utils`` and inserts
    Python values), and the two cost 0.3 to 1.3 seconds at every start of the
    app and every command, whenever some other tool happened to install them.
    A ``None`` in ``sys.modules`` makes an import raise ``ImportError``, which
    ``sqlite_utils`` takes for "not installed"; the entries are removed again
    at once, so a later ``import pandas`` (an export that needs it) works.
    """
    if "sqlite_utils.db" in sys.modules:
        return
    hidden = [name for name in ("pandas", "numpy") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in hidden:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]


_import_sqlite_utils()

from annotator.store.project import Project  # noqa: E402

__all__ = ["Project"]
