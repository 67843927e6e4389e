"""Where the bundled resources (schemas, samples, icons) live.

In a checkout (editable install) they are the repository's ``resources/``
folder; in a built wheel or frozen app they are copied to
``annotator/_resources``.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """The folder holding ``schemas/``, ``samples/`` and the other resources."""
    frozen = getattr(sys, "_MEIPASS", None)
    candidates = [
        Path(frozen) / "annotator" / "_resources" if frozen else None,
        _PACKAGE / "_resources",
        _PACKAGE.parent / "resources",
    ]
    for candidate in candidates:
        if candidate is not None and (candidate / "schemas").is_dir():
            return candidate
    raise FileNotFoundError("the annotator's resources folder is missing from this installation")


def resource(*parts: str) -> Path:
    """Path of one resource, e.g. ``resource("schemas", "default.toml")``."""
    return resources_dir().joinpath(*parts)
