#!/usr/bin/env python3
"""Every rule diagnostic code the code can report ("R104") is in the README's table, and the README
lists no code the code never reports. (The D and P codes of scripts and scenarios are one registry,
engine/src/dialog/codes.hpp, checked against the README by tests/unit/dialog_test.cpp.)

  usage: rule_codes_documented.py PROJECT_ROOT
"""
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
code = re.compile(r'"(R\d{3})"')
reported = set()
for top in ("engine/src", "app"):
    for dirpath, _, files in os.walk(os.path.join(root, top)):
        for name in files:
            if name.endswith((".cpp", ".hpp")):
                with open(os.path.join(dirpath, name), encoding="utf-8") as f:
                    reported |= set(code.findall(f.read()))
with open(os.path.join(root, "README.md"), encoding="utf-8") as f:
    documented = set(re.findall(r"\bR\d{3}\b", f.read()))
missing, stale = sorted(reported - documented), sorted(documented - reported)
print(f"{len(reported)} rule codes reported, {len(documented)} documented")
if missing:
    print("reported but not in README:", " ".join(missing))
if stale:
    print("in README but never reported:", " ".join(stale))
sys.exit(1 if missing or stale or not reported else 0)
