"""Linking rules, one small function each, registered in order with a name.

For each field the rules are tried in order; the first that answers sets the
field and its name is recorded on the mention (`explain` shows `subject ← verb`).
A subject or object rule answers with an `Ent` (a name of the sentence, or a
`ref(value)` already resolved, possibly `ref(None)`: "decided, nobody"); an
attribute or period rule with a string.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional, Union

from .context import Ent, Figure


@dataclass(frozen=True)
class Rule:
    name: str
    fn: Callable[[Figure], Optional[Union[Ent, str]]]


SUBJECT: list[Rule] = []
OBJECT: list[Rule] = []
ATTRIBUTE: list[Rule] = []
PERIOD: list[Rule] = []


def rule(registry: list[Rule], name: str) -> Callable:
    """Register the decorated function in `registry` under `name`, after the
    ones registered before it."""
    if any(r.name == name for r in registry):
        raise ValueError(f"two linking rules named {name!r}")

    def add(fn: Callable) -> Callable:
        registry.append(Rule(name, fn))
        return fn
    return add


def ref(value: Optional[str]) -> Ent:
    """A subject or object decided without a name of the sentence
    (the company the text is about, the previous sentence's subject)."""
    return Ent(-1, -1, value)


def first(registry: list[Rule], f: Figure):
    """The first rule of `registry` that answers: (answer, rule name), else (None, None)."""
    for r in registry:
        got = r.fn(f)
        if got is not None:
            return got, r.name
    return None, None
