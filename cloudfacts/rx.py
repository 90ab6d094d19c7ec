"""Every `regex` pattern of cloudfacts, compiled here: bounded in time, and with
simple case folding.

- **Simple case folding.**  In `regex`'s version 1, IGNORECASE implies *full* case
  folding, where one character may fold to several (`ß` → `ss`, `ﬁ` → `fi`, `İ` →
  `i̇`).  French rule words need none of it, and a reverse search (`(?r)`) under
  full case folding can loop forever in `regex` (`La part de la rue Weiß de 5 %`
  hung the linking rules).  `(?-f)` turns it off for every pattern.
- **A time bound.**  Each search, match, finditer… gets `timeout=` unless the
  call gives its own: a pathological input raises TimeoutError, which the
  callers turn into a one-line "a rule ran out of time" for that input, instead
  of a process that never returns.  The bound is bound with `functools.partial`
  (a C call), so that the hot loops pay next to nothing for it.

`ALL` lists every pattern compiled here, for the robustness tests.
"""
from __future__ import annotations

import functools
from typing import Any

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

    def __repr__(self) -> str:
        return f"rx.compile({self.pattern!r})"


ALL: list[Bounded] = []


def compile(pattern: str, flags: int = 0, timeout: float = DEFAULT_TIMEOUT) -> Bounded:  # noqa: A001
    """`regex.compile`, with simple case folding and a default time bound."""
    # version 1 turns full case folding on by itself: off, before the one compilation
    v1 = flags & regex.VERSION1 or pattern.lstrip("(?").startswith("V1")
    compiled = regex.compile("(?-f)" + pattern if v1 else pattern, flags)
    if compiled.flags & regex.FULLCASE:  # asked for some other way: compiled again without
        compiled = regex.compile("(?-f)" + pattern, flags)
    bounded = Bounded(compiled, timeout)
    ALL.append(bounded)
    return bounded
