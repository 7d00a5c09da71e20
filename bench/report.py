#!/usr/bin/env python3
"""Run bench/throughput once and print its figures, with ratios measured side by side.

  bench/report.py [BUILD_DIR]
"""
import json
import pathlib
import subprocess
import sys

build = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "build")
out = subprocess.run([str(build / "bench" / "throughput"), "--benchmark_format=json",
                      "--benchmark_min_time=2"], capture_output=True, text=True, check=True).stdout
bench = {b["name"]: b for b in json.loads(out)["benchmarks"]}
one, ten = bench["BM_analyze_rules_1x"], bench["BM_analyze_rules_10x"]
icu = bench["BM_icu_wordbreak_only"]
print(f"ICU word-break only: {icu['items_per_second']:>10.0f} msg/s  (the reference)")
print(f"rules 1x : {one['items_per_second']:>10.0f} msg/s  ({int(one['rules'])} rules, "
      f"{one['bytes_per_second'] / 1e6:.1f} MB/s, {one['findings_per_msg']:.2f} findings/msg)")
print(f"rules 10x: {ten['items_per_second']:>10.0f} msg/s  ({int(ten['rules'])} rules)")
print(f"analyze / ICU break: {one['items_per_second'] / icu['items_per_second']:.2f}x  (target >= 2.0)")
print(f"10x rules / 1x: {ten['items_per_second'] / one['items_per_second']:.2f}x  (target >= 0.75)")
mb = bench["BM_analyze_1MB_message"]
print(f"1 MB message: {mb['real_time']:.1f} {mb['time_unit']}")
cb = bench["BM_compile_builtin_rules"]
print(f"compile built-in rules: {cb['real_time']:.1f} {cb['time_unit']}")
