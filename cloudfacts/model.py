"""Records that flow through the pipeline: a Document in, Mentions out (SPEC §1)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple, Optional, Union

KINDS = ("percentage", "amount", "quantity", "date", "person", "organization", "location")
FIGURE_KINDS = ("percentage", "amount", "quantity")
NAME_KINDS = ("person", "organization", "location")

# The SPEC §1 fields, in the order exports write them.
FIELDS = ("id", "source", "kind", "text", "start", "end", "line", "value", "max", "unit",
          "qualifier", "subject", "object", "attribute", "period", "sentence", "rule")

Value = Union[float, int, str, None]


@dataclass(frozen=True)
class Document:
    """A decoded source.  Every offset of every mention points into `text`."""

    source: str
    text: str
    ref_date: Optional[date] = None
    encoding: str = "utf-8"

    @property
    def digest(self) -> str:
        return hashlib.sha1(self.text.encode("utf-8", "surrogatepass")).hexdigest()


class Mention(NamedTuple):
    """One figure or name found in a document, with its exact span.  An immutable
    named tuple: tens of thousands are made per megabyte, and a tuple is made
    four times faster than a frozen dataclass."""

    source: str
    kind: str
    text: str
    start: int
    end: int
    line: int
    value: Value = None
    max: Value = None
    unit: Optional[str] = None
    qualifier: Optional[str] = None
    subject: Optional[str] = None
    object: Optional[str] = None
    attribute: Optional[str] = None
    period: Optional[str] = None
    sentence: str = ""
    rule: str = ""
    id: str = ""
    links: tuple = ()   # (field, rule) pairs: which linking rule set each link (explain shows them)

    def to_dict(self) -> dict[str, Any]:
        """The SPEC §1 fields, in export order."""
        return {k: getattr(self, k) for k in FIELDS}

    def with_(self, **changes: Any) -> "Mention":
        return self._replace(**changes)


def mention_id(digest: str, start: int, end: int, kind: str) -> str:
    """Stable id: same source text + same span + same kind gives the same id."""
    return hashlib.sha1(f"{digest}:{start}:{end}:{kind}".encode()).hexdigest()[:16]


class Candidate(NamedTuple):
    """What an extractor proposes before spans are arbitrated and records built."""

    kind: str
    start: int
    end: int
    rule: str
    value: Value = None
    max: Value = None
    unit: Optional[str] = None
    qualifier: Optional[str] = None
    priority: int = 0
