#!/usr/bin/env python3
"""All benchmark figures in one run, with ratios against the ICU word-break reference
measured in the same run (machines here are shared and noisy).

  bench/report.py [BUILD_DIR] [--http]
"""
import json
import pathlib
import random
import statistics
import subprocess
import sys
import time

build = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("-") else "build")
coach = build / "app" / "coach"
here = pathlib.Path(__file__).parent


def messages(n):
    """The same kind of messages the C++ benchmark generates from phrases.txt."""
    parts, section = {"open": [], "body": [], "close": []}, None
    for line in (here / "phrases.txt").read_text().splitlines():
        if line.startswith("#"):
            continue
        if line in ("[open]", "[body]", "[close]"):
            section = line[1:-1]
        elif section:
            parts[section].append(line)
    rng = random.Random(42)
    out = []
    for _ in range(n):
        m = rng.choice(parts["open"])
        for _ in range(rng.randint(1, 3)):
            m += (" " if m else "") + rng.choice(parts["body"]) + rng.choice(parts["close"])
        out.append(m)
    return out


# In-process figures (Google Benchmark).
out = subprocess.run([str(build / "bench" / "throughput"), "--benchmark_format=json", "--benchmark_min_time=2"],
                     capture_output=True, text=True, check=True).stdout
bench = {b["name"]: b for b in json.loads(out)["benchmarks"]}
icu = bench["BM_icu_wordbreak_only"]["items_per_second"]
one, ten = bench["BM_analyze_rules_1x"], bench["BM_analyze_rules_10x"]
distinct = bench["BM_analyze_rules_10x_distinct"]
seg, norm = bench["BM_stage_boundaries"], bench["BM_stage_normalize"]
print(f"ICU word-break only     {icu:>10.0f} msg/s   (the reference)")
print(f"  stage: boundaries     {seg['items_per_second']:>10.0f} msg/s   {seg['items_per_second'] / icu:.2f}x ICU  (words and sentences, fast path)")
print(f"  stage: text front end {norm['items_per_second']:>10.0f} msg/s   {norm['items_per_second'] / icu:.2f}x ICU  (boundaries, folding, substitutions)")
print(f"analyze, shipped rules  {one['items_per_second']:>10.0f} msg/s   {one['items_per_second'] / icu:.2f}x ICU  (target >= 2.0)")
novel, icu_novel = bench["BM_analyze_novel"], bench["BM_icu_wordbreak_novel"]["items_per_second"]
print(f"analyze, novel text     {novel['items_per_second']:>10.0f} msg/s   {novel['items_per_second'] / icu_novel:.2f}x ICU on the same text  (a third of the words swapped: the DFA's cache cannot help)")
print(f"analyze, rules x10      {ten['items_per_second']:>10.0f} msg/s   {ten['items_per_second'] / one['items_per_second']:.2f}x of x1  (target >= 0.75)")
print(f"analyze, x10 distinct   {distinct['items_per_second']:>10.0f} msg/s   {distinct['items_per_second'] / one['items_per_second']:.2f}x of x1  (copies with renamed words)")
mb = bench["BM_analyze_1MB_message"]
print(f"1 MB message            {mb['real_time']:>10.1f} ms")
print(f"compile built-in rules  {bench['BM_compile_builtin_rules']['real_time']:>10.1f} ms")

# Whole process: coach analyze --json over 200k messages to /dev/null.
data = ("\n".join(messages(200_000)) + "\n").encode()
t0 = time.perf_counter()
subprocess.run([str(coach), "analyze", "--json"], input=data, stdout=subprocess.DEVNULL, check=True)
rate = 200_000 / (time.perf_counter() - t0)
print(f"analyze --json process  {rate:>10.0f} msg/s   {rate / icu:.2f}x ICU  (target >= 0.5)")

# Cold start and peak RSS: one message, built-in rules and scripts.
times, rss = [], []
for _ in range(15):
    t0 = time.perf_counter()
    subprocess.run([str(coach), "analyze", "--json"], input=b"You never listen!\n", stdout=subprocess.DEVNULL, check=True)
    times.append((time.perf_counter() - t0) * 1000)
for _ in range(3):
    # GNU time: getrusage from this (large) process would count its own pages copied at fork.
    p = subprocess.run(["/usr/bin/time", "-f", "%M", str(coach), "analyze", "--json"], input=b"You never listen!\n",
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
    rss.append(int(p.stderr.decode().strip().splitlines()[-1]) / 1024)
print(f"cold start              {statistics.median(times):>10.1f} ms median  (target <= 30)")
print(f"peak RSS                {max(rss):>10.1f} MB  (target <= 30)")

print(subprocess.run([str(build / "bench" / "sessions")], capture_output=True, text=True, check=True).stdout.strip())
if "--http" in sys.argv:
    print(subprocess.run([str(here / "http.sh"), str(build), "10"], capture_output=True, text=True).stdout)
