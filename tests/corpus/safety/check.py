#!/usr/bin/env python3
"""Score the safety signal of `coach analyze --json` on a safety corpus.

Each line: kinds<TAB>voice<TAB>text[<TAB>source]. kinds: comma-separated safety kinds,
or "-" for a harmless look-alike; voice: speaker | partner | reported | self, or
like:KIND for a look-alike (like:none: a hard negative imitating no one kind). Prints, per kind, recall (the safety response raised at
all), kind agreement (one of the labelled kinds among `signals.safety_kinds`) and, for
the speaker voice, whether the finding is the author's own; then the look-alikes
flagged, per kind imitated. Exits 1 when a figure is outside its threshold.

  check.py COACH FILE.tsv... [--min-recall 0.95] [--max-lookalike 0.05] [--errors]
"""
import argparse
import json
import subprocess
import sys

KINDS = ("violence", "threat", "self_harm", "fear", "control")
AUTHOR_KINDS = ("violence", "threat", "control")


def load(paths):
    rows = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if line.startswith("#") or not line.strip():
                    continue
                parts = line.rstrip("\n").split("\t")
                if len(parts) not in (3, 4):
                    sys.exit(f"{path}:{n}: expected kinds<TAB>voice<TAB>text[<TAB>source]")
                kinds = [] if parts[0] == "-" else parts[0].split(",")
                bad = [k for k in kinds if k not in KINDS]
                like = parts[1][5:] if parts[1].startswith("like:") else None
                if bad or (not kinds) != (like is not None) or (like and like not in KINDS + ("none",)):
                    sys.exit(f"{path}:{n}: bad kinds or voice: {parts[0]} {parts[1]}")
                rows.append({"kinds": kinds, "voice": parts[1], "like": like, "text": parts[2],
                             "where": f"{path}:{n}"})
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("coach")
    ap.add_argument("files", nargs="+")
    ap.add_argument("--min-recall", type=float, default=0.95)
    ap.add_argument("--max-lookalike", type=float, default=0.05)
    ap.add_argument("--errors", action="store_true", help="list every miss and false alarm")
    args = ap.parse_args()

    rows = load(args.files)
    stdin = "".join(r["text"] + "\n" for r in rows)
    out = subprocess.run([args.coach, "analyze", "--json"], input=stdin, capture_output=True, text=True,
                         check=True).stdout.splitlines()
    if len(out) != len(rows):
        sys.exit(f"expected {len(rows)} JSON lines, got {len(out)}")
    for r, line in zip(rows, out):
        s = json.loads(line)["signals"]
        r["raised"] = s["safety"] is not None
        r["got"] = s.get("safety_kinds", [])
        r["role"] = s["safety"]["role"] if s["safety"] else None

    failed = False
    print(f"{'kind':10} {'n':>4} {'raised':>7} {'recall':>7} {'kind ok':>8} {'author ok':>10}")
    for k in KINDS:
        sig = [r for r in rows if k in r["kinds"]]
        if not sig:
            continue
        raised = sum(r["raised"] for r in sig)
        kind_ok = sum(bool(set(r["kinds"]) & set(r["got"])) for r in sig)
        spk = [r for r in sig if r["voice"] == "speaker" and r["raised"]]
        author_ok = sum(r["role"] == "author" for r in spk)
        recall = raised / len(sig)
        bad = recall < args.min_recall
        failed |= bad
        # Only violence, threat and control have an author role; a speaker's fear or self-harm is their own.
        author = f"{author_ok}/{len(spk)}" if k in AUTHOR_KINDS else "-"
        print(f"{k:10} {len(sig):4} {raised:7} {recall:7.3f} {kind_ok / len(sig):8.3f} "
              f"{author:>10}{'  BELOW THRESHOLD' if bad else ''}")
    look = [r for r in rows if r["like"]]
    flagged = sum(r["raised"] for r in look)
    rate = flagged / len(look) if look else 0.0
    failed |= rate > args.max_lookalike
    per = ", ".join(f"{k} {sum(r['raised'] for r in look if r['like'] == k)}/{sum(r['like'] == k for r in look)}"
                    for k in KINDS + ("none",) if any(r["like"] == k for r in look))
    print(f"look-alikes flagged: {flagged}/{len(look)} = {rate:.3f} ({per})"
          f"{'  ABOVE THRESHOLD' if rate > args.max_lookalike else ''}")
    if args.errors:
        for r in rows:
            if r["kinds"] and not r["raised"]:
                print(f"  miss [{','.join(r['kinds'])}/{r['voice']}] {r['text']}")
            elif r["kinds"] and not set(r["kinds"]) & set(r["got"]):
                print(f"  kind [{','.join(r['kinds'])} got {','.join(r['got'])}] {r['text']}")
            elif r["like"] and r["raised"]:
                print(f"  false alarm [like:{r['like']} got {','.join(r['got'])}] {r['text']}")
    print(f"{'FAILED' if failed else 'ok'}: {len(rows)} messages")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
