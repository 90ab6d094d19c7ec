"""Every pattern of cloudfacts over the characters whose case folding changes
their length (`ß` → `ss`, `ﬁ` → `fi`, `İ` → `i̇`) set next to the rule words:
none may hang or fail.  A hang is caught by the subprocess's timeout and by
each call's own bound, never by a timed assertion."""
from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT

# Characters whose full case folding is longer than one character, or whose simple
# and full foldings differ, and the ones that fold onto ASCII letters (Kelvin sign,
# long s, dotless i, Ångström sign).
SPECIAL = "ßẞﬀﬁﬂﬃﬄﬅﬆİŉǰΐΰևẖẗẘẙẚᾀᾳῼKſıÅΩŀ"

SCRIPT = r'''
import importlib, pkgutil, re, sys
import regex
import cloudfacts
from cloudfacts import rx

SPECIAL = sys.argv[1]
for mod in pkgutil.walk_packages(cloudfacts.__path__, "cloudfacts."):
    if not mod.name.startswith(("cloudfacts.cli", "cloudfacts.__main__")):
        importlib.import_module(mod.name)

patterns = [(repr(p.pattern)[:80], p.compiled) for p in rx.ALL]
seen_re = set()
for name, mod in list(sys.modules.items()):
    if name.startswith("cloudfacts"):
        for attr, v in vars(mod).items():
            if isinstance(v, re.Pattern) and id(v) not in seen_re:
                seen_re.add(id(v))
                patterns.append((f"{name}.{attr}", v))
            if isinstance(v, regex.Pattern):
                sys.exit(f"{name}.{attr} is compiled with regex.compile, not rx.compile: it has no time bound")

WORD = re.compile(r"[^\W\d_]{2,}")
failures, calls = [], 0
for label, p in patterns:
    words = list(dict.fromkeys(WORD.findall(p.pattern)))[:12] + ["de", "la", "part", "rue", "millions", "euros"]
    texts = []
    for w in words:
        for c in SPECIAL:
            # the special character inside, before and after a rule word, and at the end of
            # the text (reverse patterns anchored at the end start there)
            texts += [f"{w}{c} de 5 %", f"{c}{w} ", f"La part de la rue Wei{c} de 5 % est {w}",
                      f"{w.upper()}{c}{c}", f"{c} {w} {c} {w}{c}{w}", f"Wei{c} {w} ", f"rue Wei{c} de {w}",
                      f"{w} Wei{c} de ", f"{w}{c}", f"Stra{c}e {w} d'"]
    bounded = isinstance(p, regex.Pattern)
    for t in texts:
        try:
            for method in (p.search, p.findall, p.fullmatch):
                calls += 1
                method(t, timeout=2.0) if bounded else method(t)
        except TimeoutError:
            failures.append(f"hang: {label} on {t!r}")
        except Exception as e:  # noqa: BLE001 - any failure is a finding
            failures.append(f"{type(e).__name__}: {label} on {t!r}: {e}")
print(f"checked {len(patterns)} patterns, {calls} calls")
for f in failures[:50]:
    print(f)
sys.exit(1 if failures else 0)
'''


def test_every_pattern_survives_characters_whose_case_folding_changes_length():
    r = subprocess.run([sys.executable, "-c", SCRIPT, SPECIAL], capture_output=True, text=True, cwd=ROOT,
                       timeout=600)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    n_patterns = int(r.stdout.split()[1])
    assert n_patterns >= 100  # every module's patterns were found, not a handful


HANG_CASES = ["La part de la rue Weiß de 5 % est", "La part de la rue Strauß de 12 % est",
              "La part de ﬁnance de 3 % et la part d'İstanbul de 4 %"]

PIPELINE = r'''
import sys
from cloudfacts.pipeline import extract_text
for t in sys.argv[1:]:
    print(sorted(m.text for m in extract_text(t) if m.kind == "percentage"))
'''


def test_the_texts_that_hung_linking_now_give_their_figures():
    r = subprocess.run([sys.executable, "-c", PIPELINE, *HANG_CASES], capture_output=True, text=True, cwd=ROOT,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["['5 %']", "['12 %']", "['3 %', '4 %']"]


def test_a_pattern_that_runs_out_of_time_skips_its_text_and_says_so(tmp_path, monkeypatch):
    """The bound's effect, not its speed: a rule raising TimeoutError gives a
    one-line message for that input, and the others are still extracted."""
    from cloudfacts import pipeline
    from cloudfacts.sources import TIMED_OUT

    (tmp_path / "a.txt").write_text("Orange détient 44 % de Cloudwatt.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Thales détient 22 % de Cloudwatt.\n", encoding="utf-8")
    real = pipeline.extract_document

    def slow_on_b(doc, aliases=None):
        if doc.source.endswith("b.txt"):
            raise TimeoutError("regex timed out")
        return real(doc, aliases)

    monkeypatch.setattr(pipeline, "extract_document", slow_on_b)
    problems = []
    got = pipeline.extract_paths([str(tmp_path)], on_problem=problems.append)
    assert [m.text for m in got if m.kind == "percentage"] == ["44 %"]
    assert [(p.source.endswith("b.txt"), p.message) for p in problems] == [(True, TIMED_OUT)]


WATCHDOG = r'''
import regex, time
from cloudfacts import rx
import cloudfacts.pipeline
assert rx.use_watchdog()
p = rx.ALL[0]
assert p.search == p.compiled.search  # no per-call timeout left
# the loop that hung linking (a reverse pattern under full case folding), bounded by the timer
hang = regex.compile(r"(?r)(?:pass\w*|port[ée]\w*)(?:\s+\p{L}+){0,2}\s+(?:de|d['’])\s*\Z", regex.V1 | regex.I)
t = time.monotonic()
try:
    with rx.deadline(0, seconds=0.5):
        hang.search("La part de la rue Weiß de ")
    print("no timeout")
except TimeoutError:
    print(f"stopped after {time.monotonic() - t:.1f} s")
with rx.deadline(10):  # a normal document is untouched
    print(len(cloudfacts.pipeline.extract_text("Orange détient 44 % de Cloudwatt.")))
'''


def test_the_watchdog_bounds_a_document_without_per_call_timeouts():
    r = subprocess.run([sys.executable, "-c", WATCHDOG], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("stopped after 0.") and lines[1] == "3"


def test_a_document_out_of_time_is_one_line_and_the_others_go_on(tmp_path):
    import os

    # a.txt takes about a second (600,000 characters), far over its 0.3 s; b.txt a millisecond
    (tmp_path / "a.txt").write_text("Orange détient 44 % de Cloudwatt.\n" * 17000, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Thales détient 22 % de Cloudwatt.\n", encoding="utf-8")
    env = dict(os.environ, CLOUDFACTS_DOCUMENT_SECONDS="0.3")
    r = subprocess.run([sys.executable, "-m", "cloudfacts", "extract", str(tmp_path), "--no-store", "-j", "1",
                        "-f", "jsonl", "-k", "percentage"], capture_output=True, cwd=ROOT, env=env, timeout=120)
    assert r.returncode == 2
    assert r.stderr.decode().splitlines() == [f"cloudfacts: {tmp_path / 'a.txt'}: a rule ran out of time on this "
                                              "text, skipped"]
    assert [json.loads(x)["text"] for x in r.stdout.decode().splitlines()] == ["22 %"]
