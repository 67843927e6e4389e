"""Export formats by name, for `annotator export --format NAME` and the export dialog.

An exporter writes the articles `iter_export` yields (the same filters for
every format) to a target path, a file or a folder as the format needs, and
returns how many articles it wrote. A file is written next to the target and
renamed into place only when complete, so a failed export leaves no half file;
a named pipe or device (``/dev/stdout``) is written into instead, never
replaced. No target may lead to the project's own files (`check_target`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.io.export import ExportFilter, export_jsonl, replaced
from annotator.io.export_brat import export_brat
from annotator.io.export_csv import write_csv
from annotator.io.export_doccano import write_doccano
from annotator.io.export_hf import export_hf
from annotator.io.export_label_studio import config_path, write_label_studio
from annotator.io.export_network import write_network
from annotator.io.export_prodigy import write_prodigy
from annotator.io.export_spacy import export_spacy
from annotator.io.targets import check_target
from annotator.store.project import Project

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Exporter = Callable[..., int]
"""``(project, target, where, progress, **options) -> articles written``."""


def _jsonl(
    project: Project,
    target: Path,
    where: ExportFilter,
    progress: Progress | None,
    suggestions: bool = False,
) -> int:
    with replaced(target) as partial, open(partial, "wb") as out:
        if suggestions:
            from annotator.io.export_suggestions import export_jsonl_with_suggestions

            return export_jsonl_with_suggestions(project, out, where, progress)
        return export_jsonl(project, out, where, progress)


EXPORTERS: dict[str, Exporter] = {"jsonl": _jsonl}
"""Format name -> exporter. Formats register here."""
EXPORTERS["brat"] = export_brat
EXPORTERS["doccano"] = write_doccano
EXPORTERS["csv"] = write_csv
EXPORTERS["network"] = write_network
EXPORTERS["spacy"] = export_spacy
EXPORTERS["hf"] = export_hf
EXPORTERS["label-studio"] = write_label_studio
EXPORTERS["prodigy"] = write_prodigy


def export_to(
    project: Project,
    fmt: str,
    target: Path,
    where: ExportFilter | None = None,
    progress: Progress | None = None,
    **options: object,
) -> int:
    """Export in format ``fmt`` to ``target``; returns the number of articles written.

    ``options`` are the format's own (spacy: ``alignment_mode``; hf: ``bio``; jsonl and
    label-studio: ``suggestions``, see `annotator.io.export_suggestions`; brat:
    ``events``, claims as attribution events, see `annotator.io.export_brat`).

    Raises:
        AnnotatorError: an unknown format, or a target that would overwrite the project,
            its journals, lock file or backups (see `check_target`).
    """
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise AnnotatorError(
            f"unknown export format {fmt!r}; use one of {', '.join(sorted(EXPORTERS))}"
        )
    check_target(project, target, [config_path(target)] if fmt == "label-studio" else [])
    count = exporter(project, target, where or ExportFilter(), progress, **options)
    log.info("exported %d articles of %s to %s (%s)", count, project.path, target, fmt)
    return count
