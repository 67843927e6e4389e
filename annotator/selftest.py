"""A self test of an installation: ``claim-annotator --self-test`` or ``annotator self-test``.

It works through what a user does, in a temporary folder that is removed
afterwards: create a project, import the bundled sample articles, label a
claim (claimant, stance, cue) through the store, export native JSONL and every
other format whose optional library is installed, import the JSONL into a
second project and check the labels came back, and finally open the main
window and draw it. The last step proves that the Qt libraries and plugins
(platform, image formats, fonts) are in place, which is what a frozen app
most often lacks.

It prints one line per step (``ok``, ``skip`` or ``FAIL``); the first failure
stops it with the step's message and a non-zero exit code. Qt is imported only
in the window step, so everything before it runs on a machine without a
display. The user's settings and data are not touched.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError
from annotator.core.model import Attribution
from annotator.core.spans import Span
from annotator.io.export import ExportFilter
from annotator.io.formats import EXPORTERS, export_to
from annotator.io.importer import import_files
from annotator.resources import resources_dir
from annotator.samples import sample_source
from annotator.store.project import Project

EXIT_FAILED = 1
SELF = "self-test"
"""The annotator who labels in the self test."""
LABELLED_ARTICLE = "grain-02"
CLAIM_TEXT = 'the outcome was "better than the pessimists predicted"'
CLAIMANT = "Maren Holt"
CUE = "told reporters"

TARGETS = {
    "jsonl": "export.jsonl",
    "brat": "brat",
    "csv": "claims.csv",
    "doccano": "doccano.jsonl",
    "hf": "hf.jsonl",
    "label-studio": "label-studio.json",
    "network": "network.graphml",
    "prodigy": "prodigy.jsonl",
    "spacy": "export.spacy",
}
"""Where each format is written, in the temporary folder (others: ``export-NAME``)."""

NEEDS = {"spacy": "spacy"}
"""Formats that need an optional library: format -> module to import."""


class SelfTestError(Exception):
    """A check of the self test did not hold; the message says what was expected."""


class Skipped(Exception):
    """A step that cannot run here (an optional library is missing); not a failure."""


@dataclass
class State:
    """What the steps hand on to each other."""

    folder: Path
    project: Project | None = None
    claim_id: str | None = None
    exported: Path | None = None
    screenshot: Path | None = None
    opened: list[Project] = field(default_factory=list)

    def open(self, project: Project) -> Project:
        """Remember ``project`` so it is closed at the end, whatever happens."""
        self.opened.append(project)
        return project

    def close_all(self) -> None:
        """Close every project the steps opened (closing twice is harmless)."""
        for project in self.opened:
            project.close()


Step = tuple[str, Callable[[State], str]]


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise SelfTestError(message)


def _project(state: State) -> Project:
    assert state.project is not None, "the project step runs first"
    return state.project


def step_resources(state: State) -> str:
    """The bundled schema and sample articles are present."""
    folder = resources_dir()
    _check(sample_source().is_file(), f"the sample articles are missing from {folder}")
    return str(folder)


def step_create(state: State) -> str:
    """A new project file with the default schema."""
    state.project = state.open(Project.create(state.folder / "self-test.claims"))
    return f"created {state.project.path.name}"


def step_import(state: State) -> str:
    """The sample articles, with their labels."""
    project = _project(state)
    report = import_files(project, [sample_source()])
    count = project.article_count()
    _check(count > 0, "the sample file imported no articles")
    _check(project.article(LABELLED_ARTICLE) is not None, f"no article {LABELLED_ARTICLE!r}")
    return f"{count} articles from {sample_source().name} ({report.summary()})"


def _find(text: str, words: str) -> Span:
    start = text.find(words)
    _check(start >= 0, f"the sample article {LABELLED_ARTICLE!r} no longer says {words!r}")
    return Span(start, start + len(words))


def step_label(state: State) -> str:
    """One claim with claimant, stance, cue and source, as the label panel would make it."""
    project = _project(state)
    article = project.article(LABELLED_ARTICLE)
    assert article is not None
    claim_span = _find(article.text, CLAIM_TEXT)
    cue = _find(article.text, CUE)
    known = project.actors_named(CLAIMANT)  # by name or alias: another would be refused
    actor = known[0] if known else project.add_actor(CLAIMANT, SELF, "person")
    claim = project.add_claim(
        article.id,
        SELF,
        *claim_span,
        claimant=actor.id,
        stance="support",
        attribution=Attribution(attribution_type="mixed", cue=cue),
    )
    project.set_claim_source(claim.id, _find(article.text, CLAIMANT), actor.id)
    project.set_status(article.id, SELF, "done")
    stored = project.claim(claim.id)
    _check(stored is not None and stored.claimant == actor.id, "the claim was not saved")
    state.claim_id = claim.id
    return f"claim by {CLAIMANT}, stance support, cue {CUE!r} in {article.id}"


def _written(target: Path) -> bool:
    if target.is_dir():
        return any(p.stat().st_size > 0 for p in target.rglob("*") if p.is_file())
    return target.is_file() and target.stat().st_size > 0


def export_step(fmt: str) -> Callable[[State], str]:
    """The step that exports in ``fmt``: native JSONL whole, the others the self test's labels."""

    def run(state: State) -> str:
        module = NEEDS.get(fmt)
        if module is not None and importlib.util.find_spec(module) is None:
            raise Skipped(f"needs {module}, which is not installed here")
        target = state.folder / TARGETS.get(fmt, f"export-{fmt}")
        # Most interchange formats hold one annotator per article: export ours.
        where = ExportFilter() if fmt == "jsonl" else ExportFilter(annotator=SELF)
        count = export_to(_project(state), fmt, target, where)
        _check(count > 0, f"the {fmt} export wrote no articles")
        _check(_written(target), f"the {fmt} export left {target.name} empty")
        if fmt == "jsonl":
            state.exported = target
        return f"{count} articles to {target.name}"

    return run


def step_reimport(state: State) -> str:
    """The native JSONL, imported into a second project, gives back the same labels."""
    first = _project(state)
    assert state.exported is not None and state.claim_id is not None
    second = state.open(Project.create(state.folder / "reimported.claims"))
    import_files(second, [state.exported])
    claim = second.claim(state.claim_id)
    _check(claim is not None, "the self test's claim did not come back from the JSONL")
    assert claim is not None
    original = first.claim(state.claim_id)
    _check(claim == original, f"the claim came back changed: {claim} instead of {original}")
    claimant = second.actor(claim.claimant or "")
    _check(claimant is not None and claimant.name == CLAIMANT, "the claimant did not come back")
    before, after = first.stats()["annotators"], second.stats()["annotators"]
    _check(before == after, f"the labels differ after the round trip: {after} instead of {before}")
    claims = sum(row["claims"] for row in after.values())
    return f"{second.article_count()} articles, {claims} claims, claimant, stance and cue intact"


def step_window(state: State) -> str:
    """The main window on the project, drawn off screen: the Qt libraries and plugins work."""
    from annotator.ui.window.selftest import draw_main_window

    project = _project(state)
    path = project.path
    project.close()  # the window opens the file itself, as the app does
    reopened = state.open(Project.open(path, user=SELF))
    return draw_main_window(reopened, SELF, state.folder / "settings", state.screenshot)


def steps() -> list[Step]:
    """Every step, in order."""
    formats = ["jsonl", *sorted(f for f in EXPORTERS if f != "jsonl")]
    exports = [(f"export {fmt}", export_step(fmt)) for fmt in formats]
    return [
        ("resources", step_resources),
        ("create project", step_create),
        ("import samples", step_import),
        ("label a claim", step_label),
        *exports,
        ("re-import jsonl", step_reimport),
        ("main window", step_window),
    ]


def _message(exc: BaseException) -> str:
    if isinstance(exc, SelfTestError | AnnotatorError | Skipped):
        return str(exc)
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror or exc}"
    return f"{type(exc).__name__}: {exc}"


def run_self_test(echo: Callable[[str], Any] = print, screenshot: Path | None = None) -> int:
    """Run every step, printing one line each; returns the exit code (0: all passed).

    ``screenshot`` saves the drawn main window as a PNG there.
    """
    passed = skipped = 0
    with tempfile.TemporaryDirectory(prefix="claim-annotator-self-test-") as folder:
        state = State(Path(folder), screenshot=screenshot)
        try:
            for name, run in steps():
                try:
                    detail = run(state)
                except Skipped as exc:
                    skipped += 1
                    echo(f"skip  {name}: {exc}")
                    continue
                except Exception as exc:
                    echo(f"FAIL  {name}: {_message(exc)}")
                    if os.environ.get("ANNOTATOR_DEBUG"):
                        traceback.print_exc()
                    echo(f"self-test failed at step {name!r}")
                    return EXIT_FAILED
                passed += 1
                echo(f"ok    {name}: {detail}")
        finally:
            state.close_all()
    echo(
        f"self-test passed: {passed} steps ok, {skipped} skipped (Python {sys.version.split()[0]})"
    )
    return 0
