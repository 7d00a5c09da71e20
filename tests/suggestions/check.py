#!/usr/bin/env python3
"""Check the coach's rephrasings against the suggestions file (issue 14's bar).

  check.py COACH suggestions.jsonl [--min-carry 0.70] [--max-share 0.05] [--min-detected 0.90]
  check.py COACH suggestions.jsonl --pairs 20 --before OLD_COACH   (before/after pairs, seeded)

Each line of the file: text, the pattern it shows (category), what a good rephrasing does (kind),
carry (substrings naming its situation, [] when it has none) and must_not (judging words),
written without looking at the coach's output (tests/suggestions/README.md). For every message
whose pattern the coach finds, the suggestion and each alternative must:
  - read clean when the coach analyzes it (no pattern, no safety signal: the self-check);
  - hold none of the must_not words;
  - come from a strategy that fits the kind (a denial is never answered with an apology, ...).
Over the file: at least --min-carry of the suggestions carry the message's own situation or
need (a carry string, or a strategy built from the message's own words: a request, an
I-statement, a feeling and need looked up from its judgement); no one text is offered for more
than --max-share of the messages; at least --min-detected of the messages are detected.
Exit 1 on any failure.
"""
import argparse
import json
import random
import re
import subprocess
import sys
from collections import Counter

# Strategies that build the text from the message itself (dialogs/en/coach.json "rephrase").
BUILT_FROM_MESSAGE = {"request", "i_statement", "state", "feeling_and_need", "own_part"}
# What each kind may get; anything else is a failure.
FITS = {
    # A request the self-check refuses falls back on the topic ("Could you feed the dog when I'm gone?"
    # reads like a goodbye to the safety rules, rightly: it is refused, "the dog" is kept).
    "request": {"request", "topic"},
    "habit": {"i_statement", "request", "feeling_and_need", "state", "topic"},
    "judgement": {"feeling_and_need", "topic", "generic"},
    "trait": {"feeling_and_need", "topic", "generic", "state", "request", "i_statement"},  # "so thoughtless, you didn't even X"
    "insult": {"feeling_and_need", "topic", "generic"},
    "denial": {"denial", "generic", "topic"},
    "counter_attack": {"counter_attack", "own_part", "generic", "topic"},
    "innocent_victim": {"innocent_victim", "generic", "topic"},
    "excuse": {"excuse", "own_part", "counter_attack", "generic", "topic"},  # an excuse that blames is a counter-attack too
    "break": {"break_with_topic", "generic"},
}


def run(coach, texts):
    out = subprocess.run([coach, "analyze", "--json"], input="".join(t + "\n" for t in texts),
                         capture_output=True, text=True, check=True).stdout.splitlines()
    if len(out) != len(texts):
        sys.exit(f"expected {len(texts)} results, got {len(out)}")
    return [json.loads(l) for l in out]


def has(text, needle):
    return re.search(r"(?<![a-z0-9])" + re.escape(needle.lower()) + r"(?![a-z0-9])", text.lower()) is not None


def top(result, category):
    return next((s for s in result["suggestions"] if s["category"] == category), None)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("coach")
    ap.add_argument("file")
    ap.add_argument("--min-carry", type=float, default=0.70)
    ap.add_argument("--max-share", type=float, default=0.05)
    ap.add_argument("--min-detected", type=float, default=0.90)
    ap.add_argument("--pairs", type=int, default=0)
    ap.add_argument("--before")
    a = ap.parse_args()
    rows = [json.loads(l) for l in open(a.file, encoding="utf-8") if l.strip()]
    results = run(a.coach, [r["text"] for r in rows])
    if a.pairs:
        before = run(a.before, [r["text"] for r in rows])
        found = [i for i in range(len(rows)) if top(results[i], rows[i]["category"])]  # the messages it coaches
        picked = random.Random(14).sample(found, a.pairs)
        for i in picked:
            old, new = top(before[i], rows[i]["category"]), top(results[i], rows[i]["category"])
            print(f"- \"{rows[i]['text']}\"\n  before: {old['text'] if old else '(none)'}\n"
                  f"  after:  {new['text'] if new else '(none)'}")
        return 0
    failures, offered, tops = [], [], []
    detected = carried = 0
    for r, res in zip(rows, results):
        s = top(res, r["category"])
        if not s:
            continue
        detected += 1
        texts = [s["text"]] + s.get("alternatives", [])
        offered.extend(texts)
        tops.append(s["text"])
        for t in texts:
            for word in r["must_not"]:
                if has(t, word):
                    failures.append(f"carries '{word}': {r['text']!r} -> {t!r}")
        strategy = s.get("strategy", "")  # absent before session 31
        if strategy not in FITS[r["kind"]]:
            failures.append(f"{r['kind']} answered by '{strategy}': {r['text']!r} -> {s['text']!r}")
        if any(has(s["text"], c) for c in r["carry"]) or strategy in BUILT_FROM_MESSAGE:
            carried += 1
    # The self-check: every text offered reads clean.
    for t, res in zip(offered, run(a.coach, offered)):
        if res["categories"] or res["signals"]["safety"]:
            failures.append(f"offered text reads as {res['categories'] or 'safety'}: {t!r}")
    share = Counter(tops).most_common(1)[0] if tops else ("", 0)
    print(f"{len(rows)} messages, {detected} detected ({detected / len(rows):.0%}); "
          f"{carried} of {detected} suggestions carry the message's situation or need ({carried / max(1, detected):.0%}); "
          f"{len(set(tops))} distinct; the commonest text {share[1]} times ({share[1] / max(1, detected):.1%})")
    print("strategies:", dict(Counter(top(res, r["category"])["strategy"] for r, res in zip(rows, results)
                                      if top(res, r["category"]))))
    if detected / len(rows) < a.min_detected:
        failures.append(f"only {detected / len(rows):.0%} detected (at least {a.min_detected:.0%})")
    if carried / max(1, detected) < a.min_carry:
        failures.append(f"only {carried / max(1, detected):.0%} carry the message (at least {a.min_carry:.0%})")
    if share[1] / max(1, detected) > a.max_share:
        failures.append(f"{share[0]!r} offered for {share[1] / detected:.1%} of messages (at most {a.max_share:.0%})")
    for f in failures:
        print("FAIL", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
