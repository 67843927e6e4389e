"""What a lead fills in for the dataset card: license, citation, a readable name.

Kept in the project's settings (the ``meta`` table, key `DATASET_KEY`) as one
JSON object; no migration: ``meta`` holds any key. `annotator dataset
settings` writes them and every dataset build reads them into its card
(`annotator.dataset.card`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.core.errors import ProjectError, ValidationError
from annotator.store import database
from annotator.store.rows import dumps, loads

if TYPE_CHECKING:
    from annotator.store.project import Project

DATASET_KEY = "dataset_card"
"""The settings (``meta``) key of the dataset card's settings."""

_LICENSE = re.compile(r"^[a-z0-9][a-z0-9.+-]*$")


@dataclass(frozen=True, slots=True)
class DatasetSettings:
    """The lead's choices for the dataset card; None where not set."""

    license: str | None = None
    """A Hugging Face license id (``cc-by-4.0``, ``mit``, ``other``...)."""
    citation: str | None = None
    """How to cite the dataset (BibTeX or plain text), as written."""
    pretty_name: str | None = None
    """The dataset's name in its card (default: "Claims of <project file name>")."""


def check_license(license_id: str) -> str:
    """``license_id`` lower-cased, if it looks like a license id (``cc-by-4.0``).

    Raises:
        ValidationError: it has spaces or other characters a license id does not.
    """
    found = license_id.strip().lower()
    if not _LICENSE.match(found):
        raise ValidationError(
            f"{license_id!r} is not a license id; use one such as cc-by-4.0, cc-by-sa-4.0,"
            " cc0-1.0, mit or other (https://huggingface.co/docs/hub/repositories-licenses)"
        )
    return found


def dataset_settings(project: Project) -> DatasetSettings:
    """The dataset card settings of ``project`` (all None when never set)."""
    found = project.conn.execute("SELECT value FROM meta WHERE key = ?", (DATASET_KEY,)).fetchone()
    data = loads(found[0]) if found else None
    if not isinstance(data, dict):
        return DatasetSettings()

    def text(key: str) -> str | None:
        value = data.get(key)
        return value if isinstance(value, str) and value else None

    return DatasetSettings(text("license"), text("citation"), text("pretty_name"))


def set_dataset_settings(project: Project, settings: DatasetSettings) -> None:
    """Store ``settings`` in place of the project's dataset card settings.

    Raises:
        ProjectError: the project is open read-only.
        ValidationError: the license is not a license id (`check_license`).
    """
    if project.read_only:
        raise ProjectError(f"{project.path.name} is open read-only: the settings were not saved")
    license_id = check_license(settings.license) if settings.license else None
    record = {
        "license": license_id,
        "citation": settings.citation or None,
        "pretty_name": (settings.pretty_name or "").strip() or None,
    }
    with database.translate_errors(project.path, "the dataset settings"), project.db.atomic():
        project.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (DATASET_KEY, dumps(record)),
        )
