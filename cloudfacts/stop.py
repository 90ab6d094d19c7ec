"""Ctrl-C, SIGTERM and SIGHUP, delivered reliably.

The handler raises `Interrupted` where the program stands, so that the
`finally` blocks run: worker processes stopped, temporary files removed, the
store left consistent; the command then exits with 128 + the signal's number
(130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP).  Python drops
an exception raised while it runs a finaliser (a generator or a file being
collected), so the handler also leaves a flag that the long loops check at each
document (`check`) and that the command checks before it exits.
"""
from __future__ import annotations

import signal
import sys
from contextlib import contextmanager
from typing import Iterator


class Interrupted(Exception):
    """Ctrl-C.  Not a KeyboardInterrupt, which the command-line framework would
    turn into `Aborted!` and status 1."""


requested = False
signum = signal.SIGINT  # the signal that stopped the run

NAMES = {signal.SIGINT: "interrupted", signal.SIGTERM: "terminated (SIGTERM)", signal.SIGHUP: "hung up (SIGHUP)"}


def on_signal(number, frame) -> None:
    global requested, signum
    if not requested:
        signum = number
    requested = True
    raise Interrupted()


on_sigint = on_signal


def install() -> None:
    """The handler for SIGINT, SIGTERM and SIGHUP (the main thread only)."""
    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, on_signal)


def exit_status() -> int:
    return 128 + int(signum)


def message() -> str:
    return NAMES.get(signum, f"stopped by signal {int(signum)}")


# The cyclic garbage collector's first generation: collected when this many more
# containers were made than freed.  Extraction makes and frees tens of thousands
# per document (tokens, candidates, mentions) and leaves no cycle behind, so
# Python's default (700) runs a collection every few hundred words for nothing.
GC_GENERATION0 = 50_000


def batch_gc() -> None:
    """In a process of the command line (not the library): collect cycles
    rarely, as a batch job may."""
    import gc

    _, g1, g2 = gc.get_threshold()
    gc.set_threshold(GC_GENERATION0, g1, g2)


def worker_init() -> None:
    """In a worker process: the parent decides when to stop (Ctrl-C reaches the
    whole process group), SIGTERM ends the worker at once, and on Linux the
    worker dies with its parent rather than sleeping forever as an orphan."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    from . import rx

    rx.use_watchdog()  # documents bounded by a timer (inherited on fork; set again on spawn)
    batch_gc()
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
    except (OSError, AttributeError):
        pass


def check() -> None:
    """Raise `Interrupted` if Ctrl-C was pressed, even if its first raise was lost."""
    if requested:
        raise Interrupted()


def quiet_lost_interrupts(unraisable) -> None:
    """`sys.unraisablehook`: a lost `Interrupted` is no error to print (`check`
    raises it again); anything else goes to Python's own hook."""
    if not isinstance(unraisable.exc_value, Interrupted):
        sys.__unraisablehook__(unraisable)


@contextmanager
def held() -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP held back while a piece of output is written, so
    that it is written whole (a document's lines with `--stream`); a signal that
    came meanwhile is delivered as soon as the piece is out."""
    signals = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    try:
        before = signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    except (AttributeError, ValueError, OSError):  # no such call here, or not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
