#!/usr/bin/env python3
"""Run the shared scorer on the development corpus and fail below the issue's bar.

  dev_gate.py SHARED_CORPUS_DIR COACH [--min-f1 0.85] [--max-fp 0.03]
"""
import argparse
import re
import subprocess
import sys

ap = argparse.ArgumentParser()
ap.add_argument("corpus_dir")
ap.add_argument("coach")
ap.add_argument("--min-f1", type=float, default=0.85)
ap.add_argument("--max-fp", type=float, default=0.03)
args = ap.parse_args()

out = subprocess.run([sys.executable, f"{args.corpus_dir}/score.py", f"{args.corpus_dir}/dev-en.jsonl",
                      "--cmd", f"{args.coach} analyze --json --language en"],
                     capture_output=True, text=True)
print(out.stdout, out.stderr)
m = re.search(r"macro_f1=([0-9.]+) fp_rate=([0-9.]+)", out.stdout)
if not m:
    sys.exit("no score line")
f1, fp = float(m.group(1)), float(m.group(2))
ok = f1 >= args.min_f1 and fp <= args.max_fp
print(f"{'ok' if ok else 'FAILED'}: macro_f1={f1} (>= {args.min_f1}) fp_rate={fp} (<= {args.max_fp})")
sys.exit(0 if ok else 1)
