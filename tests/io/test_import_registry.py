"""Imports register like exports: one registry the import path, the CLI and the dialog read."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from annotator.cli import cli
from annotator.core.schema import LabelSchema
from annotator.io import importer, readers
from annotator.io.importer import (
    FORMATS,
    IMPORTERS,
    ImportFormat,
    ReadOptions,
    Records,
    import_files,
)
from annotator.store.project import Project


def _read_lines(schema: LabelSchema, path: Path, options: ReadOptions) -> Records:
    """A format of our own for the test: one article per line, its number the id."""

    def records() -> Iterator[readers.Record]:
        done = 0
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            done += len(line) + 1
            yield number, {"id": f"line-{number}", "text": line}, done

    return records(), None


def test_a_registered_format_is_imported_through_the_common_path(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(IMPORTERS, "lines", ImportFormat(_read_lines))
    source = tmp_path / "feed.lines"
    source.write_text("Velgrad said the quay stays shut.\nKestria denied it.\n", encoding="utf-8")
    report = import_files(project, [source], format="lines", story="quay")
    assert report.added == 2
    article = project.article("line-2")
    assert article is not None and (article.text, article.story) == ("Kestria denied it.", "quay")


def test_an_unregistered_format_is_named_with_the_registered_ones(
    project: Project, tmp_path: Path
) -> None:
    source = tmp_path / "feed.jsonl"
    source.write_text("", encoding="utf-8")
    with pytest.raises(importer.InputError) as caught:
        import_files(project, [source], format="xml")
    assert all(name in str(caught.value) for name in IMPORTERS)


def test_the_cli_and_the_dialog_list_what_is_registered(qtbot) -> None:  # type: ignore[no-untyped-def]
    from annotator.ui.window.dialogs import ImportDialog

    command = cli.commands["import"]
    (option,) = [p for p in command.params if p.name == "fmt"]
    assert isinstance(option.type, click.Choice)
    assert tuple(option.type.choices) == FORMATS == ("auto", *IMPORTERS)
    dialog = ImportDialog()
    qtbot.addWidget(dialog)
    listed = [dialog.format.itemData(i) for i in range(dialog.format.count())]
    assert listed == list(FORMATS)
