#!/usr/bin/env python3
"""Read `cloudfacts extract --format jsonl` on stdin and print, per kind of
figure, the values found with the sources that give them — a quick way to see
which figures the articles agree on.

    cloudfacts extract seeds/ --format jsonl | python examples/top_figures.py
"""
import json
import sys
from collections import defaultdict


def main() -> int:
    seen = defaultdict(lambda: defaultdict(set))
    for lineno, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        try:
            m = json.loads(line)
        except json.JSONDecodeError as e:
            print(f"stdin:{lineno}: not JSON: {e.msg}", file=sys.stderr)
            return 2
        if m.get("kind") in ("percentage", "amount", "quantity"):
            label = f"{m.get('value')} {m.get('unit') or ''}".strip()
            seen[m["kind"]][label].add(f"{m.get('source')}:{m.get('line')}")
    for kind in sorted(seen):
        print(f"{kind}:")
        for label, where in sorted(seen[kind].items(), key=lambda kv: (-len(kv[1]), kv[0])):
            print(f"  {label:<24} {len(where)} × {', '.join(sorted(where))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
