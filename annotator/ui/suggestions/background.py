"""Suggestions computed in a process of their own, the open article first; stored by the window.

`SuggestionThread` reads the project through its own read-only connection
(`Project.reader`) and has the project's recommenders
(`annotator.assist.compute.SuggestionEngine`) run in a worker process
(`annotator.assist.worker`, one per thread, started with ``spawn``; the thread
waits for each step without holding the interpreter lock, so the window's
thread never competes with ~9 s of recommender work on a 1 MB article): first the articles asked for
(`BackgroundSuggestions.want`: the article just opened, or labelled), then,
when asked, every article not computed yet by the recommenders at their
versions (`Project.computed_article_ids`: an article where they found nothing
is not computed again), a few at a time. What it computes goes to the
window's thread as signals; `BackgroundSuggestions` stores it there
(`Project.replace_suggestions`: only the thread that opened the project
writes to it) and says which articles now have suggestions, and how far the
corpus is. The window's thread never computes and never waits for the
thread: it keeps answering the annotator while the corpus runs.

`BackgroundSuggestions.hold_corpus` pauses the corpus run between two
batches (articles asked for are still computed) until it is let go; tests
hold it to see an opened article served before the run could reach it.

The learned model is retrained first, in the worker process, when enough
labels arrived since it was trained (`annotator.assist.compute.needs_training`),
but never on more than `BACKGROUND_TRAINING_CLAIMS` claims.

Stopping the thread (the window closes, the app quits) ends the worker process
at once, whatever it computes; so does an app killed outright (``kill -9``, a
crash), as the worker watches its parent (`annotator.core.processes.end_with_parent`). When the process cannot start (spawn refused,
the child fails to import), the thread logs it and computes itself, as
before: the window then shares the interpreter lock with it.

A step that fails stops the thread with a message for the status bar (the
suggestions it was computing are just missing; the next article asked for
starts a new thread): a recommender's fault names the recommender and the
error in one line (the traceback goes to the log, never to a dialog), an
`AnnotatorError` says its message. A worker process that ends in the middle
of a step (a crash in a native library, killed for memory) is said so too;
the thread does not compute that step again itself, which could take the
window down the same way.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal

from annotator.assist import worker
from annotator.assist.worker import Computed, Trained
from annotator.core.errors import AnnotatorError
from annotator.store.project import Project

__all__ = ["BackgroundSuggestions", "Computed", "SuggestionThread", "Trained"]

T = TypeVar("T")

log = logging.getLogger(__name__)

BATCH_ARTICLES = 20
"""Corpus articles computed before their suggestions go to the window to be stored."""
BATCH_SECONDS = 0.5
"""...or after this long, so the progress moves on long articles too."""
WRITE_RETRY_MS = 200
"""How soon to try storing again while the project's pages are still being checked."""
RELABEL_DELAY_MS = 400
"""How long after the annotator's last label in an article its suggestions are computed
again (labels made in a row ask once)."""
RELABEL_MOST_CHARS = 1_000_000
"""Longer articles are not computed again after each label: F5 computes them again.

Measured on bench_ui's 1 MB article with 10,000 labels: the worker process computes it
again in about 3 s (its own interpreter, niced); the window's thread then stores the
result and updates the offered suggestions in a median of 25-38 ms, what a 200,000
character article cost it when the limit was set (the work then shared the window's
interpreter lock: 1.4 s at 200,000 characters). Longer articles were not measured."""


class SuggestionThread(QThread):
    """Computes suggestions of one project for one annotator until stopped (see the module)."""

    computed = Signal(object)  # Computed
    trained = Signal(object)  # Trained
    versions = Signal(object)  # dict: the recommenders' versions, each time they are read
    progress = Signal(int, int)  # corpus articles done, in all
    corpus_done = Signal(bool)  # True when it ran to the end, False when stopped
    failed = Signal(str)

    def __init__(
        self,
        project: Project,
        annotator: str,
        parent: QObject | None = None,
        use_process: bool = True,
    ) -> None:
        super().__init__(parent)
        self._owner = project  # only its path is read here; the reader is opened in the thread
        self.annotator = annotator
        self._lock = threading.Condition()
        self._urgent: list[str] = []
        self._corpus = False  # a run over the corpus is wanted
        self._held = False  # ... but paused between batches (`hold_corpus`)
        self._again = False  # ... over every article, not only those without suggestions
        self._fresh_engine = True
        self._stopping = False
        self.use_process = use_process
        """Compute in a worker process (False: in this thread, as when none can start)."""
        self._pool: ProcessPoolExecutor | None = None
        self._worker_pid: int | None = None
        self._worker_start_ms: float | None = None
        self._process: BaseProcess | None = None

    # -- asked from the window's thread ------------------------------------------------------

    def want(self, article_id: str) -> None:
        """Compute ``article_id`` next (before the rest of the corpus).

        What the annotator rejected or accepted in it is read again first (it
        may have changed a moment ago).
        """
        with self._lock:
            if article_id in self._urgent:
                self._urgent.remove(article_id)
            self._urgent.insert(0, article_id)
            self._lock.notify()

    def hold_corpus(self, held: bool) -> None:
        """Pause the corpus run before its next batch (True) or let it go on (False).

        Articles asked for (`want`) are computed meanwhile; stopping works as ever.
        """
        with self._lock:
            self._held = held
            self._lock.notify()

    def run_corpus(self, again: bool = False) -> None:
        """Compute every article without suggestions (``again``: every article), from the top."""
        with self._lock:
            self._corpus, self._again = True, again
            self._lock.notify()

    def stop_corpus(self) -> None:
        """Stop the corpus run after the article under way (what was stored stays)."""
        with self._lock:
            self._corpus = False

    def renew(self) -> None:
        """Read the registry, the settings and the rejections again before the next article."""
        with self._lock:
            self._fresh_engine = True

    def stop(self) -> None:
        """End the thread, and its worker process at once (what it computes is dropped)."""
        with self._lock:
            self._stopping = True
            self._corpus = False
            self._lock.notify()
        self._drop_pool()  # the thread waiting on it hears `BrokenProcessPool` and returns
        self.wait()

    # -- the worker process ------------------------------------------------------------------

    def worker_info(self) -> dict[str, float]:
        """The worker process's start (ms, until it first answered) and resident memory (MiB).

        Empty while there is none (not started yet, stopped, or computing in this thread).
        """
        pid, start = self._worker_pid, self._worker_start_ms
        if pid is None or start is None or self._pool is None:
            return {}
        info = {"worker_start_ms": round(start, 1)}
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    info["worker_rss_mb"] = round(int(line.split()[1]) / 1024, 1)
        except OSError:  # not Linux, or the process is gone
            pass
        return info

    @property
    def worker_pid(self) -> int | None:
        """The worker process's id while it runs (None: not started, or computing in this thread)."""
        return self._worker_pid if self._pool is not None else None

    def _start_pool(self) -> None:
        """Start the worker process; when it cannot start, compute in this thread (logged)."""
        if not self.use_process:
            return
        started = time.perf_counter()
        try:
            context = multiprocessing.get_context("spawn")
            pool = ProcessPoolExecutor(
                max_workers=1, mp_context=context, initializer=worker.initialize
            )
        except (OSError, ValueError, NotImplementedError) as exc:
            log.warning("suggestions: no worker process (%s); computing in a thread", exc)
            return
        with self._lock:
            if self._stopping:
                pool.shutdown(wait=False, cancel_futures=True)
                return
            self._pool = pool
        try:
            self._worker_pid = pool.submit(worker.started).result()
        except Exception as exc:  # spawn refused, the child failed to import: no traceback
            if self._stopping:
                return
            log.warning("suggestions: the worker process did not start (%s); in a thread", exc)
            self._drop_pool()
            return
        self._worker_start_ms = (time.perf_counter() - started) * 1000
        self._process = next(iter((getattr(pool, "_processes", None) or {}).values()), None)
        log.info(
            "suggestions: worker process %s started in %.0f ms",
            self._worker_pid,
            self._worker_start_ms,
        )

    def _call(self, function: Callable[..., T], *args: Any) -> T:
        """``function(*args)`` in the worker process (waiting without the interpreter lock).

        In this thread instead when there is no worker process. Raises
        `worker.StepFailed` for any error of the step, `_WorkerEnded` when the
        process ended during it, `_Stopped` when the thread was stopped meanwhile.
        """
        pool = self._pool
        if pool is None:
            if self._stopping:
                raise _Stopped
            return worker.step(function, *args)
        try:
            return pool.submit(worker.step, function, *args).result()
        except RuntimeError as exc:  # shut down (stopping) or broken (BrokenProcessPool)
            if self._stopping:
                raise _Stopped from None
            code = self._worker_exit_code()
            log.warning("suggestions: the worker process ended (exit code %s): %s", code, exc)
            raise _WorkerEnded(code) from None

    def _worker_exit_code(self) -> int | None:
        """The worker process's exit code, once it ended (None: unknown); ends the pool."""
        process = self._process
        self._drop_pool()
        if process is None:
            return None
        process.join(5)  # ended already: at once
        return process.exitcode

    def _drop_pool(self) -> None:
        """End the worker process now (without waiting for what it computes)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is None:
            return
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(2)
            if process.is_alive():
                process.kill()
                process.join(1)

    # -- the thread --------------------------------------------------------------------------

    def run(self) -> None:
        try:
            reader = self._owner.reader()
        except AnnotatorError as exc:
            self.failed.emit(str(exc))
            return
        try:
            self._start_pool()
            self._loop(reader)
        except _Stopped:
            pass
        except worker.StepFailed as exc:
            self.failed.emit(_told(exc))
        except _WorkerEnded as exc:
            self.failed.emit(
                QCoreApplication.translate(
                    "SuggestionThread",
                    "the process computing them ended unexpectedly (exit code {code}); "
                    "F5 computes the article again",
                ).format(code="?" if exc.code is None else exc.code)
            )
        except AnnotatorError as exc:  # the file went away, a damaged page: say so, stop
            log.warning("suggestions: %s", exc)
            self.failed.emit(str(exc))
        except Exception:  # a fault of this thread's own code: logged; the work goes on
            log.exception("computing suggestions failed")
            self.failed.emit(
                QCoreApplication.translate(
                    "SuggestionThread", "an error occurred (the log has the details)"
                )
            )
        finally:
            self._drop_pool()
            worker.forget(str(self._owner.path))  # what this thread computed itself, if any
            reader.close()

    def _loop(self, reader: Project) -> None:
        path = str(self._owner.path)
        versions: dict[str, str] | None = None
        corpus: Iterator[list[str]] | None = None
        while True:
            with self._lock:
                while not (self._stopping or self._urgent or (self._corpus and not self._held)):
                    self._lock.wait()
                if self._stopping:
                    return
                fresh, self._fresh_engine = self._fresh_engine, False
                urgent = self._urgent.pop(0) if self._urgent else None
                again = self._again
                if not self._corpus:
                    corpus = None
            if versions is None or fresh:
                prepared = self._call(worker.prepare, path, self.annotator)
                if prepared.trained is not None:
                    self.trained.emit(prepared.trained)
                versions = prepared.versions
                self.versions.emit(dict(versions))
            if urgent is not None:
                self.computed.emit(self._call(worker.compute, path, self.annotator, [urgent], True))
                continue
            if corpus is None:
                corpus = self._walk(reader, again, versions)
            ids = next(corpus, None)
            if ids is None:
                with self._lock:
                    self._corpus = False
                corpus = None
                self.corpus_done.emit(True)
            elif ids:
                self.computed.emit(self._call(worker.compute, path, self.annotator, ids))

    def _walk(
        self, reader: Project, again: bool, versions: Mapping[str, str]
    ) -> Iterator[list[str]]:
        """The corpus, a few article ids at a time (empty lists while skipping), with progress.

        Skipped: the articles the recommenders at ``versions`` computed (unless ``again``).
        """
        have = set() if again else reader.computed_article_ids(self.annotator, versions)
        total = reader.article_count()
        done = reported = 0
        started = time.perf_counter()
        ids: list[str] = []
        for batch in reader.iter_articles(batch=BATCH_ARTICLES):
            for article in batch:
                done += 1
                if article.id not in have:
                    ids.append(article.id)
                if len(ids) >= BATCH_ARTICLES or time.perf_counter() - started > BATCH_SECONDS:
                    self.progress.emit(done, total)
                    yield ids
                    ids, reported, started = [], done, time.perf_counter()
            if not ids and reported != done:  # a batch with suggestions already: skipped
                self.progress.emit(done, total)
                reported = done
                yield []  # a turn of the loop: urgent articles and stops are heard
        if reported != done:
            self.progress.emit(done, total)
        if ids:
            yield ids


class _Stopped(Exception):
    """The thread was stopped while the worker process computed."""


class _WorkerEnded(Exception):
    """The worker process ended during a step (``code``: its exit code, None when unknown)."""

    def __init__(self, code: int | None) -> None:
        super().__init__(code)
        self.code = code


def _told(failure: worker.StepFailed) -> str:
    """What the status bar says of a failed step (logged here, with the traceback as text)."""
    if failure.expected:  # an AnnotatorError: its message is for the user
        log.warning("suggestions: %s", failure.problem)
        return failure.problem
    log.error("computing suggestions failed: %s\n%s", failure.problem, failure.details)
    if failure.recommender is not None:
        return QCoreApplication.translate(
            "SuggestionThread",
            "the recommender {name} failed ({problem}); Suggestions › Recommenders "
            "switches it off (the log has the details)",
        ).format(name=failure.recommender, problem=failure.problem)
    return QCoreApplication.translate(
        "SuggestionThread", "a recommender failed ({problem}); the log has the details"
    ).format(problem=failure.problem)


class BackgroundSuggestions(QObject):
    """The window's side of the thread: asks it, stores what it computed, reports progress."""

    stored = Signal(object)  # frozenset of article ids whose suggestions were stored
    progress = Signal(int, int)  # corpus articles done, in all
    finished = Signal(bool)  # the corpus run ended (True) or was stopped (False)
    failed = Signal(str)

    def __init__(self, project: Project, annotator: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.annotator = annotator
        self.corpus_running = False
        self.asked: set[str] = set()
        """Articles computed (or asked for) since the window opened."""
        self._pending: list[Computed | Trained] = []
        self._retry = QTimer(self, singleShot=True, interval=WRITE_RETRY_MS)
        self._retry.timeout.connect(self._store_pending)
        self._relabelled: list[str] = []  # articles labelled in, to compute again
        self._relabel = QTimer(self, singleShot=True, interval=RELABEL_DELAY_MS)
        self._relabel.timeout.connect(self._compute_relabelled)
        self._thread: SuggestionThread | None = None
        self._held = False
        self._versions: dict[str, str] | None = None  # of the thread's recommenders, once told

    @property
    def thread(self) -> SuggestionThread | None:
        """The thread computing, once started (None before, and after `stop`)."""
        return self._thread

    @property
    def available(self) -> bool:
        """False for a project opened read-only: suggestions could not be stored."""
        return not self.project.read_only

    def _started(self) -> SuggestionThread:
        if self._thread is None:
            thread = SuggestionThread(self.project, self.annotator, self)
            thread.computed.connect(self._heard)
            thread.trained.connect(self._heard)
            thread.versions.connect(self._versions_told)
            thread.progress.connect(self.progress)
            thread.corpus_done.connect(self._corpus_done)
            thread.failed.connect(self._failed)
            thread.hold_corpus(self._held)
            thread.start(QThread.Priority.LowPriority)
            self._thread = thread
            app = QCoreApplication.instance()
            if app is not None:  # the app may quit without closing the window first
                app.aboutToQuit.connect(self.stop)
        return self._thread

    def want(self, article_id: str, again: bool = False) -> bool:
        """Compute an article's suggestions before any other, unless it is computed already.

        Computed: by the recommenders at their versions, since its labels last
        changed (`Project.computed_article_ids`); until the thread has said
        which versions those are, an article asked for is computed.
        Returns True when it was asked for (``again``: whether computed or not).
        """
        if not self.available or self.project.closed:
            return False
        if not again and (article_id in self.asked or self._computed(article_id)):
            return False
        self.asked.add(article_id)
        self._started().want(article_id)
        return True

    def labelled(self, article_id: str, chars: int = 0) -> bool:
        """The annotator labelled (or accepted, rejected) in an article: compute it again.

        `RELABEL_DELAY_MS` after the last such call (a run of labels asks
        once), in the thread; quietly: the article's suggestions stay shown
        until the new ones are stored. Not for an article of more than
        `RELABEL_MOST_CHARS` characters (``chars``). Returns True when it will
        be asked for.
        """
        if not self.available or self.project.closed or chars > RELABEL_MOST_CHARS:
            return False
        if article_id not in self._relabelled:
            self._relabelled.append(article_id)
        self._relabel.start()
        return True

    def _compute_relabelled(self) -> None:
        ids, self._relabelled = self._relabelled, []
        if not self.project.closed:
            thread = self._started()
            for article_id in reversed(ids):  # the last one labelled in first
                thread.want(article_id)

    def hold_corpus(self, held: bool) -> None:
        """Pause the corpus run between two batches (True), or let it go on (False).

        Articles asked for are computed meanwhile. Held before the run starts,
        it starts held.
        """
        self._held = held
        if self._thread is not None:
            self._thread.hold_corpus(held)

    def _computed(self, article_id: str) -> bool:
        """One indexed read (the set of every computed article takes 0.1 s at 20,000)."""
        versions = self._versions
        return versions is not None and self.project.is_computed(
            article_id, self.annotator, versions
        )

    def _versions_told(self, versions: dict[str, str]) -> None:
        self._versions = versions

    def run_corpus(self, again: bool = False) -> None:
        """Compute, in turn, every article without suggestions (``again``: every article)."""
        if not self.available:
            return
        self.corpus_running = True
        self._started().run_corpus(again)

    def stop_corpus(self) -> None:
        """Stop the corpus run (what was stored stays)."""
        if self._thread is not None:
            self._thread.stop_corpus()
        if self.corpus_running:
            self.corpus_running = False
            self.finished.emit(False)

    def renew(self) -> None:
        """The registry, the recommenders switched on or the rejections changed: read them again."""
        if self._thread is not None:
            self._thread.renew()

    def stop(self) -> None:
        """End the thread (the window closes): what it computes from here on is dropped."""
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.computed.disconnect(self._heard)
            thread.trained.disconnect(self._heard)
            thread.versions.disconnect(self._versions_told)
            thread.stop()
        self._retry.stop()
        self._relabel.stop()
        self._relabelled.clear()
        self._pending.clear()
        self.corpus_running = False

    def _corpus_done(self, complete: bool) -> None:
        if self.corpus_running:
            self.corpus_running = False
            self.finished.emit(complete)

    def _failed(self, problem: str) -> None:
        self.corpus_running = False
        self._thread = None
        self.failed.emit(problem)

    def _heard(self, item: Computed | Trained) -> None:
        self._pending.append(item)
        self._store_pending()

    def _store_pending(self) -> None:
        """Store what the thread computed, unless writes would wait for the page check."""
        project = self.project
        if project.closed:
            self._pending.clear()
            return
        check = project.page_check
        if check is not None and not check.done:
            self._retry.start()  # a write would block this thread until the check ends
            return
        stored: set[str] = set()
        pending, self._pending = self._pending, []
        try:
            for item in pending:
                if isinstance(item, Trained):
                    project.save_learned_model(
                        item.recommender, item.version, item.model, None, item.articles, item.claims
                    )
                    continue
                project.replace_suggestions(
                    self.annotator,
                    item.article_ids,
                    item.suggestions,
                    item.recommenders,
                    item.versions,
                )
                stored.update(item.article_ids)
        except AnnotatorError as exc:
            log.warning("suggestions not stored: %s", exc)
            self.stop_corpus()
            self.failed.emit(str(exc))
        if stored:
            self.stored.emit(frozenset(stored))
