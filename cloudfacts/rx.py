"""Every `regex` pattern of cloudfacts, compiled here: bounded in time, and with
simple case folding.

- **Simple case folding.**  In `regex`'s version 1, IGNORECASE implies *full* case
  folding, where one character may fold to several (`ß` → `ss`, `ﬁ` → `fi`, `İ` →
  `i̇`).  French rule words need none of it, and a reverse search (`(?r)`) under
  full case folding can loop forever in `regex` (`La part de la rue Weiß de 5 %`
  hung the linking rules).  `(?-f)` turns it off for every pattern.
- **A time bound**, one of two kinds.  By default (the library, any thread) each
  search, match, finditer… gets `timeout=` unless the call gives its own.  The
  command line and its workers, which extract in a process's main thread, call
  `use_watchdog()`: each document is then bounded as a whole by a timer signal
  (`deadline()`), which `regex` notices inside a match and which also bounds
  the Python around the patterns; the calls themselves then carry no timeout,
  which costs `regex` almost a microsecond each.  Either way a pathological
  input raises TimeoutError, which the callers turn into a one-line "a rule ran
  out of time" for that input, instead of a process that never returns.

`ALL` lists every pattern compiled here, for the robustness tests.
"""
from __future__ import annotations

import functools
import os
import signal
import threading
from contextlib import contextmanager
from typing import Any, Iterator

import regex

DEFAULT_TIMEOUT = 10.0  # seconds per call: a safety net; every rule is meant to be linear
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "splititer")


class Bounded:
    """A compiled pattern whose matching methods carry a default timeout."""

    __slots__ = ("compiled", "pattern", "flags", "groupindex", "groups", *_METHODS)

    def __init__(self, compiled: Any, timeout: float) -> None:
        self.compiled = compiled
        self.pattern = compiled.pattern
        self.flags = compiled.flags
        self.groupindex = compiled.groupindex
        self.groups = compiled.groups
        for name in _METHODS:
            object.__setattr__(self, name, functools.partial(getattr(compiled, name), timeout=timeout))
        if _watchdog:
            self.unbound()

    def unbound(self) -> None:
        """The compiled pattern's own methods: the document's deadline bounds them."""
        for name in _METHODS:
            object.__setattr__(self, name, getattr(self.compiled, name))

    def __repr__(self) -> str:
        return f"rx.compile({self.pattern!r})"


ALL: list[Bounded] = []
_watchdog = False
# a document's bound under the watchdog: this much (CLOUDFACTS_DOCUMENT_SECONDS), and
# half as much again per million characters (extraction runs at about 1 MB/s)
DOCUMENT_SECONDS = float(os.environ.get("CLOUDFACTS_DOCUMENT_SECONDS") or 60.0)
SECONDS_PER_MB = DOCUMENT_SECONDS / 2


def use_watchdog() -> bool:
    """In the main thread of a process (the command line, its workers): bound each
    document with a timer signal rather than each pattern call.  False, and no
    change, anywhere else."""
    global _watchdog
    if _watchdog:
        return True
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        return False
    signal.signal(signal.SIGALRM, _out_of_time)
    _watchdog = True
    for b in ALL:
        b.unbound()
    return True


def _out_of_time(signum, frame) -> None:
    raise TimeoutError("a rule ran out of time")


@contextmanager
def deadline(chars: int, seconds: float | None = None) -> Iterator[None]:
    """Under the watchdog, the time a document of `chars` characters may take; a
    no-op otherwise (each call carries its own bound)."""
    if not _watchdog:
        yield
        return
    limit = seconds if seconds is not None else DOCUMENT_SECONDS + chars / 1e6 * SECONDS_PER_MB
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def compile(pattern: str, flags: int = 0, timeout: float = DEFAULT_TIMEOUT) -> Bounded:  # noqa: A001
    """`regex.compile`, with simple case folding and a default time bound."""
    # version 1 turns full case folding on by itself: off, before the one compilation
    compiled = regex.compile("(?-f)" + pattern if flags & regex.VERSION1 else pattern, flags)
    if compiled.flags & regex.FULLCASE:  # asked for some other way: compiled again without
        compiled = regex.compile("(?-f)" + pattern, flags)
    bounded = Bounded(compiled, timeout)
    ALL.append(bounded)
    return bounded
