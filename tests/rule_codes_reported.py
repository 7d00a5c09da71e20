#!/usr/bin/env python3
"""The rule diagnostic codes' registry (engine/include/coach/rule_codes.hpp) against the sources:
kRuleCodes lists every enumerator, every enumerator is reported somewhere in engine/ or app/,
and no source writes a code as a string literal ("R104") past the registry. What C++ cannot
check about itself; that the README's table documents exactly the registry's codes is
tests/unit/rule_codes_test.cpp.

  usage: rule_codes_reported.py PROJECT_ROOT
"""
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
registry_path = os.path.join("engine", "include", "coach", "rule_codes.hpp")
with open(os.path.join(root, registry_path), encoding="utf-8") as f:
    header = f.read()
enum = re.search(r"enum class RuleCode\b[^{]*\{(.*?)\};", header, re.S)
array = re.search(r"kRuleCodes = \{(.*?)\};", header, re.S)
if not enum or not array:
    sys.exit(f"{registry_path}: no RuleCode enum or kRuleCodes array found")
enumerators = dict(re.findall(r"^\s*(\w+) = (\d+),", enum.group(1), re.M))
listed = re.findall(r"RuleCode::(\w+)", array.group(1))
problems = []
for name in sorted(set(enumerators) - set(listed)):
    problems.append(f"{registry_path}: {name} is not in kRuleCodes")
for name in sorted(set(listed) - set(enumerators)):
    problems.append(f"{registry_path}: kRuleCodes lists {name}, which is no enumerator")
for name in sorted({n for n in listed if listed.count(n) > 1}):
    problems.append(f"{registry_path}: kRuleCodes lists {name} twice")

# Outside comments: `// "R104"` in a comment is prose, a literal in code bypasses the registry.
literal = re.compile(r'"R\d{3}"')
used = set()
for top in ("engine", "app"):
    for dirpath, _, files in os.walk(os.path.join(root, top)):
        for name in files:
            if not name.endswith((".cpp", ".hpp", ".h")):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            with open(path, encoding="utf-8") as f:
                for lineno, line in enumerate(f, 1):
                    code = line.split("//", 1)[0]
                    if literal.search(code):
                        problems.append(f"{rel}:{lineno}: a code as a string literal; use RuleCode")
                    if rel != registry_path:
                        used |= set(re.findall(r"RuleCode::(\w+)", code))
unused = sorted(set(enumerators) - used)
if unused:
    problems.append("registered but never reported: " + " ".join(f"{n} (R{int(enumerators[n]):03d})" for n in unused))
print(f"{len(enumerators)} rule codes registered, {len(used & set(enumerators))} reported")
for p in problems:
    print(p)
sys.exit(1 if problems or not enumerators else 0)
