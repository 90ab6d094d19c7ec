"""When a figure holds (SPEC §1 `period`)."""
from __future__ import annotations

import bisect
from typing import Optional

from .context import Figure, figure_between
from .lexicon import APPOSITION_DATE, CLAUSE_BREAK, DATELINE
from .rules import PERIOD, rule


def _elsewhere(f: Figure, x) -> bool:
    """The date belongs to an apposition about a name that does not hold the
    figure (`Numergy, fondée en 2012, a réalisé 6 M€`)."""
    if not APPOSITION_DATE.search(f.text, max(f.sent.start, x.start - 30), x.start):
        return False
    lo, hi = sorted((x.start, f.m.start))
    return "," in f.text[lo:hi] or any(a <= x.start < b and not a <= f.m.start < b for a, b in f.asides)


@rule(PERIOD, "nearest_date")
def nearest_date(f: Figure) -> Optional[str]:
    """The nearest resolved date of the sentence with no other figure between it
    and this one; never the article's dateline (`[12/01/2015 11:44]`, `PARIS, 3 mars (Reuters) -`)."""
    d, text = f.doc, f.text
    near = [x for x in d.dates[bisect.bisect_left(d.date_starts, f.sent.start):
                               bisect.bisect_left(d.date_starts, f.sent.end)] if x.value]
    near = [x for x in near if not figure_between(d.fig_starts, f.m, x) and not DATELINE.match(text, x.end)
            and text[max(0, x.start - 1):x.start] != "[" and not _elsewhere(f, x)]
    if not near:
        return None
    lo, hi = f.clause_start(), f.clause_end()
    own = [x for x in near if lo <= x.start < hi]  # a date of the figure's own clause
    if not own:
        # or one opening the sentence (`En 2020, le groupe a dégagé…`, `Au 31 mars, X détenait…`)
        head = f.clauses.clause_start(f.sent.start, f.sent.start + 1)
        first = CLAUSE_BREAK.search(text, f.sent.start, f.sent.end)
        own = [x for x in near if first is not None and x.end <= first.start() and head == f.sent.start
               and not any(f.sent.start <= s < first.start() for s in d.fig_starts)]
    if not own:
        return None

    def gap(x) -> int:
        return f.m.start - x.end if x.end <= f.m.start else x.start - f.m.end
    return str(min(own, key=gap).value)
