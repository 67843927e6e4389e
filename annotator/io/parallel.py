"""A large import read and prepared in a second process while this one writes.

An import does two kinds of work of about the same size: reading and checking
records (`annotator.io.prepare`: JSON, another tool's shapes, the domain's
rules; Python) and writing rows (SQLite). On one core they take turns; a
large file (`PARALLEL_MIN_BYTES`) on a machine with two cores or more has a
second process read and prepare its records while this one writes
the ones before. A Label Studio export of 20,000 tasks (264 MB) imports in
6.3 s instead of 8.3 s in one process (`benchmarks/bench_ls_import.py`, medians
on a 2-core VM).

The reading process is spawned (not forked: the window has threads, and a
forked copy of an open SQLite connection is no copy to have), ends with the
process that started it however that ends (`end_with_parent`), and sends
its records in order, in batches of prepared rows (`Prepared`), so the
import sees the same records, numbers, errors and warnings in the same order
as when it reads them itself. What it cannot send it says: an error meant for
the user (a file it cannot read on: an `AnnotatorError`, or the `OSError` of a
failing disk, which the CLI says in one line) is raised here as it was raised
there; a fault of ours there is raised here with its traceback.

If the process cannot be started or ends before it sent anything (a
packaged app without multiprocessing's support, say), the file is read here
as a small one is.
"""

from __future__ import annotations

import logging
import os
import pickle
import queue
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing import get_context
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError, ProjectError
from annotator.core.processes import end_with_parent
from annotator.core.schema import LabelSchema
from annotator.io.prepare import Prepared, PreparedRecord, prepare_each

log = logging.getLogger(__name__)

PARALLEL_MIN_BYTES = 16 << 20
"""Files at least this large are read in a second process (if there are two cores).

Starting the process takes about 0.2 s (a new interpreter importing the
readers), what the serial import writes of a 4 MB file in that time."""
BATCH_RECORDS = 128
"""Prepared records sent together (fewer if their texts reach `BATCH_TEXT_BYTES`)."""
BATCH_TEXT_BYTES = 1 << 20
"""Memory of the texts of a batch (as Python strings) that makes it go at once."""
BATCHES_AHEAD = 16
"""Batches the reading process may have prepared beyond what this one took (some 20 MB):
enough to go on while the writer indexes a batch of articles for search."""
SWITCH_INTERVAL_S = 1e-4
"""How soon the reading process's sending thread gets the interpreter when it wants it.

A pipe takes 64 KiB at a time; with Python's default 5 ms, the thread waited
that long for the interpreter after each 64 KiB while the reading went on:
a batch took some 100 ms to send, and both processes waited on each other
for a fifth of the import."""

_BATCH, _END, _RAISED, _FAILED = range(4)
"""What a message from the reading process holds: records, the end, an error, a fault."""


@dataclass(frozen=True)
class ReadJob:
    """A format's reader as a second process runs it: ``read(schema, path, options)``.

    ``read`` is a module-level function (`annotator.io.importer.Read`), so
    that the job can be sent to the process.
    """

    read: Callable[[LabelSchema, Path, Any], tuple[Iterator[Any], Any]]
    path: Path
    options: Any


def usable_cores() -> int:
    """Cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def worth_it(path: Path) -> bool:
    """True if ``path`` is a file large enough, and this machine has two cores or more."""
    try:
        size = path.stat().st_size if path.is_file() else 0
    except OSError:
        return False
    return size >= PARALLEL_MIN_BYTES and usable_cores() >= 2


def prepare_in_second_process(
    job: ReadJob, story: str | None, schema: LabelSchema, stamp: str
) -> Iterator[PreparedRecord]:
    """The records of ``job`` prepared in a second process, in order (see the module doc).

    Closing the iterator ends the process.

    Raises:
        AnnotatorError, OSError: what the reader raised there.
        ProjectError: the process ended without a word after it sent records.
        RuntimeError: a fault in the process (its traceback in the message).
    """
    context = get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(
        target=_read_and_send,
        args=(send, job, story, schema, stamp),
        name="annotator-import-reader",
        daemon=True,
    )
    try:
        process.start()
    except Exception as exc:  # spawn refused (a packaged app without multiprocessing's support)
        log.warning("reading %s here: the reading process did not start (%s)", job.path, exc)
        receive.close()
        send.close()
        yield from _read_here(job, story, schema, stamp)
        return
    send.close()  # the process holds the only sending end: its end is the pipe's end
    log.info("reading %s in a second process (%s)", job.path, process.pid)
    received = False
    try:
        while True:
            try:
                kind, value = pickle.loads(receive.recv_bytes())
            except EOFError:
                process.join()
                if received:
                    raise ProjectError(
                        f"the process reading {job.path} ended unexpectedly (exit code"
                        f" {process.exitcode}); nothing of the file was imported"
                    ) from None
                log.warning(
                    "reading %s here: the reading process ended at once (exit code %s)",
                    job.path,
                    process.exitcode,
                )
                yield from _read_here(job, story, schema, stamp)
                return
            received = True
            if kind == _BATCH:
                yield from value
            elif kind == _END:
                return
            elif kind == _RAISED:
                raise value
            else:
                raise RuntimeError(f"the process reading {job.path} failed:\n{value}")
    finally:
        receive.close()
        if process.is_alive():
            process.kill()
        process.join()


def _read_here(
    job: ReadJob, story: str | None, schema: LabelSchema, stamp: str
) -> Iterator[PreparedRecord]:
    records, _ = job.read(schema, job.path, job.options)
    try:
        yield from prepare_each(records, story, schema, stamp)
    finally:
        close = getattr(records, "close", None)
        if close is not None:
            close()


def _read_and_send(
    pipe: Connection, job: ReadJob, story: str | None, schema: LabelSchema, stamp: str
) -> None:
    """The reading process: prepare every record and send them in batches, then the end.

    A thread sends what this one pickled, so that reading goes on while the
    other process takes a batch; it stops the process if that one is gone.
    """
    end_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C: the importing process ends this one
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    outbox: queue.Queue[bytes] = queue.Queue(maxsize=BATCHES_AHEAD)
    sender = threading.Thread(target=_send_all, args=(pipe, outbox), name="sender", daemon=True)
    sender.start()

    def put(kind: int, value: Any) -> None:
        outbox.put(pickle.dumps((kind, value), protocol=pickle.HIGHEST_PROTOCOL))

    batch: list[PreparedRecord] = []
    text = 0
    try:
        records, _ = job.read(schema, job.path, job.options)
        for item in prepare_each(records, story, schema, stamp):
            batch.append(item)
            if isinstance(item[1], Prepared):
                text += item[1].text_size
            if len(batch) >= BATCH_RECORDS or text >= BATCH_TEXT_BYTES:
                put(_BATCH, batch)
                batch, text = [], 0
        put(_BATCH, batch)
        put(_END, None)
    except (AnnotatorError, OSError) as exc:  # as the reader raised it: the records before it first
        put(_BATCH, batch)
        put(_RAISED, _sendable(exc))
    except BaseException:
        put(_BATCH, batch)
        put(_FAILED, traceback.format_exc())
    outbox.put(b"")  # the sender's end
    sender.join()


def _sendable(error: BaseException) -> BaseException:
    """``error``, or its message as an `AnnotatorError` if it cannot be made again from pickle.

    (An error whose class takes other arguments than its message, and does not
    say how it is pickled, would fail where it is unpickled.)
    """
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return AnnotatorError(str(error))
    return error


def _send_all(pipe: Connection, outbox: queue.Queue[bytes]) -> None:
    try:
        while blob := outbox.get():
            pipe.send_bytes(blob)
        pipe.close()
    except OSError:  # the importing process is gone, or stopped reading
        os._exit(0)
