#!/usr/bin/env python3
"""Fail when rules/<lang>/inflections.forms differs from what `coach rules forms` computes
from the dictionaries now (a ~word added without regenerating the table).

  forms_fresh.py COACH RULES_DIR
"""
import pathlib
import subprocess
import sys

coach, rules = sys.argv[1], pathlib.Path(sys.argv[2])
table = rules / "inflections.forms"
want = subprocess.run([coach, "rules", "forms", str(rules)], capture_output=True, text=True, check=True).stdout
have = table.read_text(encoding="utf-8") if table.exists() else ""
if want != have:
    sys.exit(f"{table} is stale: run `{coach} rules forms {rules} > {table}` and commit it")
print(f"ok: {table} lists the forms of {sum(1 for l in want.splitlines() if not l.startswith('#'))} ~words")
