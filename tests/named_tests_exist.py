#!/usr/bin/env python3
"""Every test a source file names in a comment ("Tested in tests/unit/x_test.cpp") exists.

A header that points to a test which was renamed or never written sends a reader looking for
nothing; this keeps those pointers honest. Globs (tests/conversations/safety*.json) must match
at least one file.  usage: named_tests_exist.py PROJECT_ROOT
"""
import glob
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
os.chdir(root)
pattern = re.compile(r"tests/[A-Za-z0-9_.*/-]+")
missing = []
checked = 0
for top in ("app", "engine", "fuzz", "bench", "examples", "scripts"):
    for dirpath, _, files in os.walk(top):
        for name in files:
            if not name.endswith((".cpp", ".hpp", ".h", ".c", ".sh", ".py", ".txt")):
                continue
            path = os.path.join(dirpath, name)
            with open(path, encoding="utf-8", errors="replace") as f:
                for lineno, line in enumerate(f, 1):
                    if "//" not in line and "#" not in line:
                        continue
                    for ref in pattern.findall(line):
                        ref = ref.rstrip(".,;:)")
                        checked += 1
                        if not glob.glob(ref):
                            missing.append(f"{path}:{lineno}: names {ref}, which does not exist")
print(f"{checked} test references checked")
for m in missing:
    print(m)
sys.exit(1 if missing else 0)
