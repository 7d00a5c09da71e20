#!/usr/bin/env python3
"""Runs an embedding example and compares its standard output with the committed expected file.

  check_output.py EXPECTED COMMAND [ARGS...]
Fails when the example exits non-zero or prints anything else (a unified diff says what);
CTest's PASS_REGULAR_EXPRESSION would ignore the exit code. Used by examples/CMakeLists.txt.
"""
import difflib
import subprocess
import sys

expected_path, cmd = sys.argv[1], sys.argv[2:]
p = subprocess.run(cmd, capture_output=True, timeout=120)
expected = open(expected_path, encoding="utf-8").read()
actual = p.stdout.decode("utf-8", "replace")
ok = True
if p.returncode != 0:
    print(f"FAIL exit code {p.returncode}; stderr:\n{p.stderr.decode('utf-8', 'replace')}")
    ok = False
if actual != expected:
    print("FAIL output differs from " + expected_path)
    sys.stdout.writelines(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "expected", "actual"))
    ok = False
print("ok" if ok else "")
sys.exit(0 if ok else 1)
