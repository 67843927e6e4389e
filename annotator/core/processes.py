"""Child processes that end with the process that started them (Qt-free).

The suggestion worker (`annotator.assist.worker`) and the import's reading
process (`annotator.io.parallel`) are spawned by `multiprocessing`; each calls
`end_with_parent` first, so that a window or command killed with SIGKILL
leaves no orphan behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from multiprocessing.process import BaseProcess

PR_SET_PDEATHSIG = 1
"""Linux prctl(2) option: the signal this process gets when the thread that started it ends."""


def lower_priority() -> None:
    """Run this process below the window's (it is background work)."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):  # not allowed here: the same priority, then
            os.nice(10)


def end_with_parent(kernel_signal: bool = True) -> bool:
    """End this process as soon as the process that spawned it is gone, however it ended.

    Two ways, so that a parent killed with SIGKILL (which runs none of its
    clean-up) leaves no orphan computing until the end of its step:

    - on Linux (``kernel_signal``), the kernel sends SIGKILL to this process
      when the thread that started it ends (``prctl(PR_SET_PDEATHSIG)``):
      immediate, whatever this process is doing;
    - everywhere, a daemon thread waits on the sentinel multiprocessing gives a
      spawned child (a pipe the parent holds open on POSIX, the parent's
      process handle on Windows) and ends the process with ``os._exit`` once
      it fires: within a few milliseconds, as soon as the computing thread
      lets go of the interpreter lock (it does every few milliseconds).

    Returns False when this process was not spawned by multiprocessing (then
    nothing is watched).
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return False
    if kernel_signal and sys.platform.startswith("linux"):
        _kill_with_parent_thread()
    watch = threading.Thread(target=_exit_after, args=(parent,), name="parent-watch", daemon=True)
    watch.start()  # also covers a parent that died before the prctl call
    return True


def _kill_with_parent_thread() -> None:
    """Linux: SIGKILL to this process when its parent thread ends (no effect if unavailable)."""
    with contextlib.suppress(OSError, AttributeError, TypeError):
        libc = ctypes.CDLL(None)  # the process's own symbols: the C library's among them
        libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)


def _exit_after(parent: BaseProcess) -> None:
    parent.join()  # returns when the parent is gone (its end of the pipe closed)
    os._exit(0)
