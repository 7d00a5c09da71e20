#!/usr/bin/env python3
"""Score `coach analyze --json` on the project's own labelled corpus (en.tsv).

Prints per-category precision/recall/F1, the false-positive rate on negatives, safety
recall, and every miss; exits 1 when a figure is below its threshold.

  check.py COACH CORPUS.tsv [--min-precision 0.9] [--min-recall 0.8] [--max-fp 0.03]
"""
import argparse
import json
import subprocess
import sys

CATS = ("criticism", "contempt", "defensiveness", "stonewalling")


def load(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.startswith("#") or not line.strip():
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3:
                sys.exit(f"{path}:{n}: expected labels<TAB>kind<TAB>text")
            labels, kind, text = parts
            rows.append((set() if labels == "-" else set(labels.split(",")), kind, text))
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("coach")
    ap.add_argument("corpus")
    ap.add_argument("--min-precision", type=float, default=0.9)
    ap.add_argument("--min-recall", type=float, default=0.8)
    ap.add_argument("--max-fp", type=float, default=0.03)
    args = ap.parse_args()

    rows = load(args.corpus)
    stdin = "".join(t + "\n" for _, _, t in rows)
    out = subprocess.run([args.coach, "analyze", "--json"], input=stdin, capture_output=True,
                         text=True, check=True).stdout.splitlines()
    if len(out) != len(rows):
        sys.exit(f"expected {len(rows)} JSON lines, got {len(out)}")
    preds = [json.loads(l) for l in out]

    failed = False
    print(f"{'category':14} {'tp':>4} {'fp':>4} {'fn':>4} {'prec':>6} {'recall':>6}")
    for c in CATS:
        tp = sum(1 for (g, _, _), p in zip(rows, preds) if c in g and c in p["categories"])
        fp = sum(1 for (g, _, _), p in zip(rows, preds) if c not in g and c in p["categories"])
        fn = sum(1 for (g, _, _), p in zip(rows, preds) if c in g and c not in p["categories"])
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        bad = prec < args.min_precision or rec < args.min_recall
        failed |= bad
        print(f"{c:14} {tp:4} {fp:4} {fn:4} {prec:6.3f} {rec:6.3f}{'  BELOW THRESHOLD' if bad else ''}")
    negatives = [(r, p) for r, p in zip(rows, preds) if not (r[0] & set(CATS))]
    flagged = sum(1 for _, p in negatives if p["categories"])
    fp_rate = flagged / len(negatives)
    failed |= fp_rate > args.max_fp
    print(f"negatives flagged: {flagged}/{len(negatives)} fp_rate={fp_rate:.3f}")
    safety = [(r, p) for r, p in zip(rows, preds) if r[1] == "safety"]
    missed_safety = [r for r, p in safety if p["signals"]["safety"] is None]
    unsafe_fp = sum(1 for r, p in zip(rows, preds) if r[1] != "safety" and p["signals"]["safety"] is not None)
    failed |= bool(missed_safety) or unsafe_fp > 0
    print(f"safety: {len(safety) - len(missed_safety)}/{len(safety)} raised, {unsafe_fp} raised elsewhere")

    for (g, kind, text), p in zip(rows, preds):
        got = set(p["categories"])
        if got != g & set(CATS):
            print(f"  miss [{kind}] gold={','.join(sorted(g)) or '-'} got={','.join(sorted(got)) or '-'}: {text}")
        if (kind == "safety") != (p["signals"]["safety"] is not None):
            print(f"  safety miss: {text}")
    print(f"{'FAILED' if failed else 'ok'}: {len(rows)} messages")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
