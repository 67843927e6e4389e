"""File › Build dataset: the options of ``annotator dataset build``, the build beside the window.

`DatasetDialog` asks for what the command line takes (split ratios, seed,
near-duplicate threshold, which labels, unfinished articles, formats, the
folder) and checks it with `BuildOptions` before closing; a folder that is not
empty is replaced only if the user says so. `DatasetBuildRun` runs
`build_dataset` in a thread of its own, on a read-only connection
(`Project.reader`), so the window stays usable and the build reads one
committed state of the file while the user goes on labelling. Its progress
shows in a progress dialog whose Cancel stops the build while it reads or
writes the articles (the ``progress`` callback raises); a cancelled or failed
build leaves the folder as it was (`build_dataset` builds in a scratch folder).
The last steps (agreement, the manifest, the card) are not interrupted: Cancel
then takes effect when they are done, and the new dataset is kept. When done,
`DatasetCardView` shows the dataset card (``README.md``, with its charts, as
``annotator dataset build`` writes it with `annotator.dataset.card`; the
dialog can leave it out) if the build wrote one, else the build's report as text.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.model import GOLD
from annotator.dataset import FORMATS, BuildOptions, DatasetBuild, Extras, build_dataset
from annotator.dataset.options import DEFAULT_SPLIT, DEFAULT_THRESHOLD
from annotator.store.project import Project
from annotator.ui import plain

log = logging.getLogger(__name__)

CARD = "README.md"
"""The dataset card a build's extras may write (shown when present)."""
GOLD_ONLY, GOLD_ELSE_SINGLE, ONE_ANNOTATOR = "gold", "single", "annotator"
STEPS = 1000
"""Steps of the progress bar (reading is the first half, writing the second)."""

ExtrasFor = Callable[[Project], Extras | None]
"""Given the build's read-only project (in the build's thread), the ``extras`` of the build."""


def card_extras_for(name_annotators: bool, charts: bool) -> ExtrasFor:
    """The dataset card (and its charts) as ``annotator dataset build`` writes them."""

    def extras(reader: Project) -> Extras:
        from annotator.dataset.card import ChartWriter, card_extras

        drawn: ChartWriter | None = None
        if charts:
            from annotator.charts import write_charts  # QImage and QPainter: fine in a thread

            drawn = write_charts
        return card_extras(reader, name_annotators=name_annotators, charts=drawn)

    return extras


def card_body(text: str) -> str:
    """A card without its YAML front matter (metadata for the Hub, not for reading here)."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[end + 5 :].lstrip("\n")
    return text


class _Cancelled(Exception):
    """Raised in the build's thread from its progress callback when Cancel was pressed."""


class DatasetDialog(QDialog):
    """The options of a dataset build and its folder (see the module doc)."""

    def __init__(self, project: Project, annotator: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Build dataset"))
        self.project = project
        self.force = False
        """Whether the user agreed to replace a dataset already in the folder."""
        form = QFormLayout(self)
        shares = QHBoxLayout()
        self.train, self.dev, self.test = (QSpinBox(self) for _ in range(3))
        names = (self.tr("Train %"), self.tr("Dev %"), self.tr("Test %"))
        spins = (self.train, self.dev, self.test)
        for spin, name, value in zip(spins, names, DEFAULT_SPLIT, strict=True):
            spin.setRange(0, 100)
            spin.setValue(value)
            spin.setSuffix("%")
            spin.setAccessibleName(name)
            shares.addWidget(spin)
        self.seed = QSpinBox(self)
        self.seed.setRange(0, 2_147_483_647)
        self.seed.setAccessibleName(self.tr("Seed"))
        self.near_duplicate = QDoubleSpinBox(self)
        self.near_duplicate.setRange(0.0, 1.0)
        self.near_duplicate.setDecimals(2)
        self.near_duplicate.setSingleStep(0.05)
        self.near_duplicate.setValue(DEFAULT_THRESHOLD)
        self.near_duplicate.setAccessibleName(self.tr("Near-duplicate threshold"))
        self.labels = QComboBox(self)
        self.labels.setAccessibleName(self.tr("Labels"))
        self.labels.addItem(self.tr("Gold labels of adjudicated articles"), GOLD_ONLY)
        self.labels.addItem(
            self.tr("Gold labels, else those of an article's only annotator"), GOLD_ELSE_SINGLE
        )
        self.labels.addItem(self.tr("One annotator's labels"), ONE_ANNOTATOR)
        self.annotator = QComboBox(self)
        self.annotator.setAccessibleName(self.tr("Annotator"))
        for name in project.annotators():
            if name != GOLD:
                self.annotator.addItem(name, name)
        self.annotator.setCurrentIndex(max(0, self.annotator.findData(annotator)))
        self.labels.currentIndexChanged.connect(self._labels_changed)
        self.unfinished = QCheckBox(self.tr("Include articles not marked done"), self)
        self.card = QCheckBox(self.tr("Write a dataset card (README.md)"), self)
        self.card.setChecked(True)
        self.charts = QCheckBox(self.tr("with charts"), self)
        self.charts.setChecked(True)
        self.name_annotators = QCheckBox(self.tr("Name the annotators in the card"), self)
        self.card.toggled.connect(self.charts.setEnabled)
        self.card.toggled.connect(self.name_annotators.setEnabled)
        card = QHBoxLayout()
        for box in (self.card, self.charts, self.name_annotators):
            card.addWidget(box)
        formats = QHBoxLayout()
        shown = {"jsonl": "JSONL", "hf": "Hugging Face", "spacy": "spaCy"}
        self.formats = {name: QCheckBox(shown[name], self) for name in FORMATS}
        for box in self.formats.values():
            box.setChecked(True)
            formats.addWidget(box)
        folder = QHBoxLayout()
        self.folder = QLineEdit(self)
        self.folder.setAccessibleName(self.tr("Dataset folder"))
        self.folder.setText(str(project.path.with_name(f"{project.path.stem}-dataset")))
        browse = QPushButton(self.tr("&Browse…"), self)
        browse.clicked.connect(self._browse)
        folder.addWidget(self.folder, 1)
        folder.addWidget(browse)
        form.addRow(self.tr("&Split (train, dev, test)"), shares)
        form.addRow(self.tr("S&eed"), self.seed)
        form.addRow(self.tr("&Near duplicates at"), self.near_duplicate)
        form.addRow(self.tr("&Labels"), self.labels)
        form.addRow(self.tr("&Annotator"), self.annotator)
        form.addRow("", self.unfinished)
        form.addRow(self.tr("&Formats"), formats)
        form.addRow(self.tr("F&older"), folder)
        form.addRow(self.tr("&Card"), card)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Build"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._labels_changed()
        self.resize(620, self.sizeHint().height())

    def _labels_changed(self) -> None:
        """The annotator goes with one annotator's labels; gold labels are always done."""
        one = self.labels.currentData() == ONE_ANNOTATOR
        self.annotator.setEnabled(one)
        self.unfinished.setEnabled(one)
        if not one:
            self.unfinished.setChecked(False)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Dataset folder"), self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)

    def options(self) -> BuildOptions:
        """The options chosen.

        Raises:
            AnnotatorError: they are not valid (the split does not sum to 100,
                no format, no annotator, a threshold of 0).
        """
        labels = self.labels.currentData()
        annotator = self.annotator.currentData() if labels == ONE_ANNOTATOR else None
        if labels == ONE_ANNOTATOR and annotator is None:
            raise AnnotatorError(
                self.tr("Nobody has labelled this project yet; choose gold labels")
            )
        formats = tuple(name for name, box in self.formats.items() if box.isChecked())
        if not formats:
            raise AnnotatorError(self.tr("Choose at least one format to write."))
        return BuildOptions(
            split=(self.train.value(), self.dev.value(), self.test.value()),
            seed=self.seed.value(),
            near_duplicate=round(self.near_duplicate.value(), 2),
            annotator=annotator,
            fallback="single" if labels == GOLD_ELSE_SINGLE else None,
            include_unfinished=annotator is not None and self.unfinished.isChecked(),
            formats=formats,
        )

    def extras(self) -> ExtrasFor | None:
        """What the build writes besides the splits: the card and charts chosen, or nothing."""
        if not self.card.isChecked():
            return None
        return card_extras_for(self.name_annotators.isChecked(), self.charts.isChecked())

    def target(self) -> Path | None:
        """The folder typed or chosen, or None when empty."""
        text = self.folder.text().strip()
        return Path(text).expanduser() if text else None

    def accept(self) -> None:
        """Close only with valid options and a folder that may be written."""
        title = self.tr("Build dataset")
        try:
            self.options()
        except AnnotatorError as exc:
            plain.warning(self, title, str(exc))
            return
        folder = self.target()
        if folder is None:
            plain.warning(self, title, self.tr("Choose a folder for the dataset."))
            return
        if folder.exists() and not folder.is_dir():
            plain.warning(
                self, title, self.tr("{path} is a file; choose a folder.").format(path=folder)
            )
            return
        self.force = False
        if folder.is_dir() and any(folder.iterdir()):
            answer = plain.question(
                self,
                title,
                self.tr(
                    "{path} is not empty.\n\nReplace the dataset files built there before"
                    " (the splits, report, manifest and card)? Other files in it are kept."
                ).format(path=folder),
                plain.Button.Yes | plain.Button.No,
                plain.Button.No,
            )
            if answer != plain.Button.Yes:
                return
            self.force = True
        super().accept()


class DatasetBuildRun(QObject):
    """One `build_dataset` in a thread of its own; its signals arrive in this object's thread.

    `progress` carries (stage, done, total) as `build_dataset` reports them;
    then exactly one of `finished` (the `DatasetBuild`), `failed` (a message
    for the user) or `cancelled`.
    """

    progress = Signal(str, int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    _progressed = Signal(str, int, int)
    _ended = Signal(str, object)

    def __init__(
        self,
        project: Project,
        folder: Path,
        options: BuildOptions,
        force: bool = False,
        extras: ExtrasFor | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.project, self.folder, self.options = project, folder, options
        self.force, self.extras = force, extras
        self.done = False
        """True once the outcome was reported."""
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        self._progressed.connect(self.progress, Qt.ConnectionType.QueuedConnection)
        self._ended.connect(self._report, Qt.ConnectionType.QueuedConnection)

    def start(self) -> threading.Thread:
        """Start building (once)."""
        self._thread = threading.Thread(target=self._run, name="dataset build", daemon=True)
        self._thread.start()
        return self._thread

    def cancel(self) -> None:
        """Stop at the next article read or written (see the module doc)."""
        self._cancel.set()

    def _step(self, stage: str, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise _Cancelled
        with contextlib.suppress(RuntimeError):  # the window is gone
            self._progressed.emit(stage, done, total)

    def _run(self) -> None:
        outcome: tuple[str, object]
        try:
            reader = self.project.reader()
            try:
                extras = self.extras(reader) if self.extras is not None else None
                made = build_dataset(
                    reader, self.folder, self.options, self.force, self._step, extras
                )
            finally:
                reader.close()
            outcome = ("finished", made)
        except _Cancelled:
            outcome = ("cancelled", None)
        except (AnnotatorError, OSError) as exc:
            log.warning("dataset build in %s failed: %s", self.folder, exc)
            where = f"{exc.filename}: " if isinstance(exc, OSError) and exc.filename else ""
            outcome = ("failed", f"{where}{exc.strerror if isinstance(exc, OSError) else exc}")
        except Exception as exc:  # a bug: said, logged, never a traceback on screen
            log.exception("dataset build in %s failed unexpectedly", self.folder)
            outcome = (
                "failed",
                f"unexpected error ({type(exc).__name__}: {exc}); please report it",
            )
        with contextlib.suppress(RuntimeError):
            self._ended.emit(*outcome)

    def _report(self, outcome: str, value: object) -> None:
        self.done = True
        if outcome == "finished":
            self.finished.emit(value)
        elif outcome == "cancelled":
            self.cancelled.emit()
        else:
            self.failed.emit(str(value))


class DatasetCardView(QDialog):
    """The card of a dataset just built (``README.md``), or its report when it has no card."""

    def __init__(self, made: DatasetBuild, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Dataset built"))
        layout = QVBoxLayout(self)
        where = plain.label(self.tr("Written to {path}").format(path=made.folder), self)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text = QTextBrowser(self)
        self.text.setOpenLinks(False)  # a card's links (files, the web) are not followed here
        self.text.setAccessibleName(self.tr("Dataset card"))
        card = made.folder / CARD
        self.card = card.is_file()
        """Whether the card is shown (else the report)."""
        if self.card:
            # Its images (charts) resolve beside it; HTML in it is shown as text, not drawn.
            self.text.document().setBaseUrl(QUrl.fromLocalFile(f"{made.folder}/"))
            self.text.setSearchPaths([str(made.folder)])
            self.text.document().setMarkdown(
                card_body(card.read_text(encoding="utf-8")),
                QTextDocument.MarkdownFeature.MarkdownNoHTML
                | QTextDocument.MarkdownFeature.MarkdownDialectGitHub,
            )
        else:
            self.text.setPlainText(made.report.to_text())
            self.text.setLineWrapMode(QTextBrowser.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(where)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(860, 640)


class DatasetBuilder(QObject):
    """File › Build dataset for a window: the dialog, the build with its progress, the card."""

    def __init__(
        self,
        window: QWidget,
        project: Project,
        annotator: Callable[[], str],
        extras: ExtrasFor | None = None,
    ) -> None:
        super().__init__(window)
        self.window, self.project, self.annotator = window, project, annotator
        self.extras = extras
        """The build's extras instead of the card chosen in the dialog (None: as chosen)."""
        self.run: DatasetBuildRun | None = None
        self.progress_dialog: QProgressDialog | None = None
        self._stage = plain.label()
        self.card: DatasetCardView | None = None

    def ask(self) -> DatasetBuildRun | None:
        """Ask for the options and start the build; the run, or None if not started."""
        if self.run is not None and not self.run.done:
            plain.information(
                self.window, self.tr("Build dataset"), self.tr("A dataset is being built already.")
            )
            return None
        dialog = DatasetDialog(self.project, self.annotator(), self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        folder = dialog.target()
        assert folder is not None
        extras = self.extras if self.extras is not None else dialog.extras()
        return self.start(folder, dialog.options(), dialog.force, extras)

    def start(
        self,
        folder: Path,
        options: BuildOptions,
        force: bool = False,
        extras: ExtrasFor | None = None,
    ) -> DatasetBuildRun:
        """Build into ``folder`` beside the window, with a progress dialog (not modal)."""
        run = DatasetBuildRun(self.project, folder, options, force, extras, self)
        progress = QProgressDialog(self.window)
        progress.setWindowTitle(self.tr("Build dataset"))
        self._stage = plain.label(self.tr("Reading the articles…"), progress)
        progress.setLabel(self._stage)
        progress.setRange(0, STEPS)
        progress.setMinimumDuration(0)
        progress.setWindowModality(Qt.WindowModality.NonModal)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(run.cancel)
        run.progress.connect(self._progressed)
        run.finished.connect(self._finished)
        run.failed.connect(self._failed)
        run.cancelled.connect(self._cancelled)
        self.run, self.progress_dialog = run, progress
        progress.show()
        run.start()
        return run

    def _progressed(self, stage: str, done: int, total: int) -> None:
        dialog = self.progress_dialog
        if dialog is None or dialog.wasCanceled():
            return
        reading = stage == "reading"
        self._stage.setText(
            self.tr("Reading the articles…") if reading else self.tr("Writing the splits…")
        )
        half = STEPS // 2
        dialog.setValue((0 if reading else half) + int(half * done / max(total, 1)))

    def _close_progress(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.canceled.disconnect()
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None

    def _finished(self, made: DatasetBuild) -> None:
        self._close_progress()
        self.window.statusBar().showMessage(  # type: ignore[attr-defined]
            self.tr("Dataset of {count} articles built in {path}").format(
                count=made.report.articles, path=made.folder
            ),
            8000,
        )
        self.card = DatasetCardView(made, self.window)
        self.card.show()

    def _failed(self, message: str) -> None:
        self._close_progress()
        plain.warning(
            self.window,
            self.tr("Build dataset"),
            self.tr("The dataset was not built: {error}\n\nThe folder was left as it was.").format(
                error=message
            ),
        )

    def _cancelled(self) -> None:
        self._close_progress()
        self.window.statusBar().showMessage(  # type: ignore[attr-defined]
            self.tr("Dataset build cancelled; the folder was left as it was."), 8000
        )
