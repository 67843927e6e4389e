"""The app's suggestion computing, run in a process of its own (no Qt here).

The app's background thread (`annotator.ui.suggestions.background`) hands each
step to a single worker process (`concurrent.futures.ProcessPoolExecutor`,
started with ``spawn``), so that ~9 s of recommender work on a 1 MB article
never holds the interpreter lock of the window's process. The functions here
run in that process (or, when it cannot start, in the thread itself):

- `prepare` reads the project's recommenders, settings, registry and
  rejections, retrains the learned model when the labels changed enough
  (`annotator.assist.compute.needs_training`), and keeps the resulting
  `SuggestionEngine` for the next `compute` calls;
- `compute` runs the kept engine over some articles.

The thread calls each through `step`, which turns any error into `StepFailed`:
plain strings that always come back from the process (an error whose class
has a constructor of its own, such as `annotator.core.errors.InputError`,
would otherwise fail to unpickle in the app and break the pool), with the
recommender at fault named and the traceback as text for the app's log.

Each opens the project itself, read-only, as `Project.reader` does (no lock
is taken, so it works while the window holds the project's lock, and nothing
is checked again: the window's opening did; the file is in WAL mode, so it
sees each write once committed). What they return
(`Prepared`, `Computed`, `Trained`) is plain data the thread hands to the
window, which stores it.

The process ends with the app, even an app killed outright (``kill -9``, a
crash), in the middle of a step (`end_with_parent`): it never lives on as an
orphan computing for seconds.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from annotator.assist.recommenders import RecommenderFailed, describe
from annotator.assist.suggestion import Suggestion
from annotator.core.errors import AnnotatorError
from annotator.core.processes import end_with_parent, lower_priority

if TYPE_CHECKING:
    from annotator.assist.compute import SuggestionEngine
    from annotator.store.project import Project


@dataclass(frozen=True)
class Computed:
    """Suggestions of some articles, computed by ``recommenders``: to store in place of theirs.

    ``versions``: the recommenders that ran, and their versions (recorded as
    having computed the articles, `Project.replace_suggestions`).
    """

    article_ids: tuple[str, ...]
    suggestions: tuple[Suggestion, ...]
    recommenders: tuple[str, ...]
    versions: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Trained:
    """A learned model retrained by `prepare`, for the window to keep in the project."""

    recommender: str
    version: str
    model: bytes
    articles: int
    claims: int


@dataclass(frozen=True)
class Prepared:
    """What `prepare` read: the recommenders' versions, and the model it retrained, if any."""

    versions: dict[str, str]
    trained: Trained | None = None


T = TypeVar("T")


class StepFailed(Exception):
    """A step (`prepare`, `compute`) that raised, as plain strings (see the module docstring).

    Attributes:
        problem: for an `AnnotatorError`, its message (meant for the user);
            otherwise one line naming the error (``KeyError: 'sentences'``).
        details: the traceback, as text, for the log.
        recommender: the recommender at fault (`RecommenderFailed`), if known.
        expected: True for an `AnnotatorError` (a file gone, a damaged page),
            False for a fault (a bug).
    """

    def __init__(self, problem: str, details: str, recommender: str | None, expected: bool) -> None:
        super().__init__(problem, details, recommender, expected)
        self.problem = problem
        self.details = details
        self.recommender = recommender
        self.expected = expected

    def __str__(self) -> str:
        return self.problem


def step(function: Callable[..., T], *args: Any) -> T:
    """``function(*args)``, any error it raises turned into `StepFailed`."""
    try:
        return function(*args)
    except AnnotatorError as exc:
        raise StepFailed(str(exc), traceback.format_exc(), None, True) from None
    except RecommenderFailed as exc:
        raise StepFailed(exc.problem, traceback.format_exc(), exc.recommender, False) from None
    except Exception as exc:
        raise StepFailed(describe(exc), traceback.format_exc(), None, False) from None


class _KeepModel:
    """The `annotator.assist.compute.ModelSink` of `prepare`: keeps the model to return it."""

    def __init__(self) -> None:
        self.trained: Trained | None = None

    def save_learned_model(
        self,
        recommender: str,
        version: str,
        model: bytes,
        annotator: str | None,
        articles: int,
        claims: int,
    ) -> None:
        self.trained = Trained(recommender, version, model, articles, claims)


_readers: dict[str, Project] = {}
"""Project path -> the read-only project opened on it in this process."""
_engines: dict[tuple[str, str], SuggestionEngine] = {}
"""(project path, annotator) -> the engine `prepare` built last."""


def initialize(kernel_signal: bool = True) -> None:
    """The worker process's initializer: `lower_priority`, `end_with_parent`."""
    lower_priority()
    end_with_parent(kernel_signal)


def started() -> int:
    """The process id (called first, to start the process and see that it answers)."""
    return os.getpid()


def _reader(path: str) -> Project:
    from annotator.store import database
    from annotator.store.project import Project

    reader = _readers.get(path)
    if reader is None or reader.closed:
        # As `Project.reader` does: the window's opening checked the file; no lock is taken.
        reader = Project(Path(path), database.connect(Path(path), read_only=True), None)
        _readers[path] = reader
    return reader


def prepare(path: str, annotator: str) -> Prepared:
    """Read the project's recommenders afresh (retraining if needed) and keep the engine.

    The learned model is retrained only up to `BACKGROUND_TRAINING_CLAIMS`
    labelled claims (above, ``annotator suggest`` trains it).
    """
    from annotator.assist.compute import (
        BACKGROUND_TRAINING_CLAIMS,
        SuggestionEngine,
        chosen_recommenders,
        failing_as,
        needs_training,
        retrain,
    )

    reader = _reader(path)
    names = chosen_recommenders(reader)
    sink = _KeepModel()
    model = None
    if "learned" in names:
        with failing_as("learned"):
            if needs_training(
                reader, reader.learned_model(), most_claims=BACKGROUND_TRAINING_CLAIMS
            ):
                model = retrain(reader, sink)
    engine = SuggestionEngine.open(reader, annotator, names, model)
    _engines[(path, annotator)] = engine
    return Prepared(dict(engine.versions), sink.trained)


def compute(
    path: str, annotator: str, article_ids: Sequence[str], reread_closed: bool = False
) -> Computed:
    """The suggestions of ``article_ids`` by the engine `prepare` kept (built, if none).

    ``reread_closed``: read what the annotator rejected or accepted in these
    articles again (it may have changed a moment ago) instead of using what
    `prepare` read.
    """
    from annotator.core.model import ArticleLabels, Status

    engine = _engines.get((path, annotator))
    if engine is None:
        prepare(path, annotator)
        engine = _engines[(path, annotator)]
    reader = engine.project
    articles = reader.articles_by_id(list(article_ids))
    labels = reader.labels_for([a.id for a in articles], annotator)
    found: list[Suggestion] = []
    for article in articles:
        closed = None
        if reread_closed:
            closed = reader.rejected_keys(annotator, article.id)
            closed |= reader.accepted_keys(annotator, article.id)
        entry = labels.get(article.id, {}).get(annotator) or ArticleLabels(
            article.id, annotator, Status(article.id, annotator)
        )
        found += engine.suggest(article, entry, closed)
    return Computed(
        tuple(a.id for a in articles), tuple(found), tuple(engine.names), dict(engine.versions)
    )


def forget(path: str) -> None:
    """Close the project opened on ``path`` in this process and drop its engines."""
    for key in [k for k in _engines if k[0] == path]:
        del _engines[key]
    reader = _readers.pop(path, None)
    if reader is not None:
        reader.close()
