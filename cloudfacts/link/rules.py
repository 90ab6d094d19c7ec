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
    kinds: Optional[tuple[str, ...]] = None  # the kinds of figure it reads (None: all)
    names: bool = False                      # it answers only with a name of the sentence
    attributes: Optional[tuple[str, ...]] = None  # the attributes it answers for (None: any, and none)
    unless: tuple[str, ...] = ()                  # the attributes it never answers for

    def reads(self, kind: str, has_names: bool, attribute: Optional[str]) -> bool:
        """It can answer for a figure of `kind` with `attribute`, in a sentence with or without names."""
        return (self.kinds is None or kind in self.kinds) and (has_names or not self.names) \
            and (self.attributes is None or attribute in self.attributes) and attribute not in self.unless


SUBJECT: list[Rule] = []
OBJECT: list[Rule] = []
ATTRIBUTE: list[Rule] = []
PERIOD: list[Rule] = []


def rule(registry: list[Rule], name: str, kinds: Optional[tuple[str, ...]] = None, names: bool = False,
         attributes: Optional[tuple[str, ...]] = None, unless: tuple[str, ...] = ()) -> Callable:
    """Register the decorated function in `registry` under `name`, after the
    ones registered before it.  `kinds`: the figures it can answer for;
    `names`: it answers only with a name of the figure's sentence, so a
    sentence naming nobody skips it; `attributes`, `unless`: the attributes
    (decided before subjects and objects) it answers for, or never (all of
    them only spare the calls: the function says the same of itself)."""
    if any(r.name == name for r in registry):
        raise ValueError(f"two linking rules named {name!r}")

    def add(fn: Callable) -> Callable:
        registry.append(Rule(name, fn, kinds, names, attributes, tuple(unless)))
        _APPLICABLE.clear()
        return fn
    return add


def ref(value: Optional[str]) -> Ent:
    """A subject or object decided without a name of the sentence
    (the company the text is about, the previous sentence's subject)."""
    return Ent(-1, -1, value)


_APPLICABLE: dict[tuple[int, str, bool, Optional[str]], list[Rule]] = {}


def applicable(registry: list[Rule], kind: str, has_names: bool, attribute: Optional[str] = None) -> list[Rule]:
    """The rules of `registry` that can answer for a figure of `kind` with
    `attribute` in a sentence with or without names, in order (computed once
    per case)."""
    key = (id(registry), kind, has_names, attribute)
    got = _APPLICABLE.get(key)
    if got is None:
        got = _APPLICABLE[key] = [r for r in registry if r.reads(kind, has_names, attribute)]
    return got


def first(registry: list[Rule], f: Figure):
    """The first rule of `registry` that answers: (answer, rule name), else (None, None)."""
    kind, attribute = f.m.kind, f.attribute
    got = _APPLICABLE.get((id(registry), kind, bool(f.ents), attribute))
    for r in got if got is not None else applicable(registry, kind, bool(f.ents), attribute):
        got = r.fn(f)
        if got is not None:
            return got, r.name
    return None, None
