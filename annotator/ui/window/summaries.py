"""What an import or a merge did, in one translated paragraph for a message box.

The reports come from the Qt-free layers, whose own ``summary()`` is English
for the CLI and the log; the UI says the same with Qt's numerus forms, so a
translation can use its language's plurals. (Each text is a literal
``translate`` call, so that ``lupdate`` finds it.)
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from annotator.io.importer import ImportReport
from annotator.quality.merge_report import MergeReport
from annotator.ui.i18n import plural


def import_summary(report: ImportReport) -> str:
    """One sentence on what an import did."""
    translate = QCoreApplication.translate
    n = report.added
    parts = [plural(translate("summaries", "Imported %n new article(s)", None, n), n)]
    if n := report.existing:
        parts.append(
            plural(
                translate("summaries", "updated labels of %n already in the project", None, n), n
            )
        )
    if n := report.annotations:
        parts.append(plural(translate("summaries", "%n annotation(s) read", None, n), n))
    if n := len(report.conflicts):
        parts.append(plural(translate("summaries", "%n conflict(s) not imported", None, n), n))
    if n := len(report.skipped):
        parts.append(plural(translate("summaries", "skipped %n invalid record(s)", None, n), n))
    if n := len(report.warnings):
        parts.append(plural(translate("summaries", "%n warning(s)", None, n), n))
    if n := report.titled:
        titled = translate("summaries", "%n text file(s) with a title line", None, n)
        parts.append(plural(titled, n))
    if n := report.untitled:
        untitled = translate("summaries", "%n without one (whole text kept)", None, n)
        if not report.titled:
            untitled = translate(
                "summaries", "%n text file(s) without a title line (whole text kept)", None, n
            )
        parts.append(plural(untitled, n))
    return "; ".join(parts) + "."


def merge_summary(report: MergeReport) -> str:
    """One line on what a merge of work packages did."""
    translate = QCoreApplication.translate
    parts = []
    if report.labels_added or report.labels_updated or report.labels_deleted:
        labels = translate(
            "summaries", "labels: {added} added, {updated} updated, {deleted} deleted"
        )
        parts.append(
            labels.format(
                added=report.labels_added,
                updated=report.labels_updated,
                deleted=report.labels_deleted,
            )
        )
    if n := report.statuses:
        parts.append(plural(translate("summaries", "%n status(es) changed", None, n), n))
    if parts:
        n = report.articles
        parts[-1] += " " + plural(translate("summaries", "in %n article(s)", None, n), n)
    if n := report.articles_added:
        parts.append(plural(translate("summaries", "%n new article(s)", None, n), n))
    if report.actors_added or report.actors_updated or report.matches:
        actors = translate(
            "summaries", "actors: {added} added, {updated} updated, {matched} matched"
        )
        parts.append(
            actors.format(
                added=report.actors_added,
                updated=report.actors_updated,
                matched=len(report.matches),
            )
        )
    if n := len(report.conflicts):
        kept = translate("summaries", "%n conflict(s) (the project's version kept)", None, n)
        parts.append(plural(kept, n))
    n = report.files
    files = plural(translate("summaries", "Merged %n file(s):", None, n), n)
    if not parts:
        return files + " " + translate("summaries", "nothing new")
    return files + " " + "; ".join(parts)
