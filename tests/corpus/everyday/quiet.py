#!/usr/bin/env python3
"""Everyday messages stay quiet: count the safety notices `coach analyze --json` raises on a file of
everyday text (one message per line) and fail above a rate.

  quiet.py COACH FILE --max-rate 0.006 [--list]

Used by CTest everyday_quiet on tests/corpus/everyday/dailydialog-pp-test.txt, the half of the
DailyDialog++ replies the safety scorer is not trained on: it is how a lower scorer threshold, or a
new rule, shows its cost on ordinary talk (README, "The safety scorer").
"""
import argparse
import json
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("coach")
    ap.add_argument("file")
    ap.add_argument("--max-rate", type=float, required=True)
    ap.add_argument("--list", action="store_true", help="print every message that raised a notice")
    a = ap.parse_args()
    with open(a.file, encoding="utf-8") as f:
        texts = [l.rstrip("\n") for l in f if l.strip()]
    res = subprocess.run([a.coach, "analyze", "--json"], input="".join(t + "\n" for t in texts),
                         capture_output=True, text=True, check=True)
    lines = res.stdout.splitlines()
    if len(lines) != len(texts):
        sys.exit(f"expected {len(texts)} results, got {len(lines)}")
    raised = []
    for line in lines:
        record = json.loads(line)
        safety = record["signals"]["safety"]
        if safety:
            raised.append((safety["rule"], record["text"]))
    rate = len(raised) / len(texts)
    by_source = sum(1 for rule, _ in raised if rule.endswith(".scorer"))
    print(f"{len(raised)}/{len(texts)} everyday messages raised a safety notice ({rate:.4f}; "
          f"{by_source} by the scorer, {len(raised) - by_source} by rules)")
    if a.list:
        for rule, text in raised:
            print(f"  {rule}\t{text}")
    if rate > a.max_rate:
        print(f"ABOVE THRESHOLD {a.max_rate}")
        sys.exit(1)


if __name__ == "__main__":
    main()
