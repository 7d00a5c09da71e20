#!/usr/bin/env python3
"""Golden tests: compare `coach` output with checked-in expected files.

  diagnostics/NAME.rules -> NAME.expected: stderr and exit code of `coach rules check`
  dumps/NAME.rules       -> NAME.ast, NAME.program: `coach rules dump --ast` / `coach rules dump`
  scripts/NAME.json      -> NAME.expected: stderr and exit code of `coach dialogs check`
  practice/NAME.json     -> NAME.expected: stderr and exit code of `coach practice --check`

  run.py COACH GOLDEN_DIR [--update]   (--update rewrites expected files: review the diff!)
"""
import difflib
import pathlib
import subprocess
import sys


def run(coach, args, cwd):
    p = subprocess.run([coach, *args], cwd=cwd, capture_output=True, text=True)
    return p


def compare(path, actual, update):
    if update:
        path.write_text(actual, encoding="utf-8")
        return True
    expected = path.read_text(encoding="utf-8") if path.exists() else ""
    if expected == actual:
        return True
    sys.stdout.writelines(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                               str(path), "actual"))
    return False


def main():
    coach, root = str(pathlib.Path(sys.argv[1]).resolve()), pathlib.Path(sys.argv[2])
    update = "--update" in sys.argv
    ok, count = True, 0
    diag = root / "diagnostics"
    for rules in sorted(diag.glob("*.rules")):
        p = run(coach, ["rules", "check", rules.name], diag)
        ok &= compare(rules.with_suffix(".expected"), p.stderr + f"exit {p.returncode}\n", update)
        count += 1
    dumps = root / "dumps"
    for rules in sorted(dumps.glob("*.rules")):
        ast = run(coach, ["rules", "dump", "--ast", rules.name], dumps)
        prog = run(coach, ["rules", "dump", rules.name], dumps)
        ok &= compare(rules.with_suffix(".ast"), ast.stdout + ast.stderr, update)
        ok &= compare(rules.with_suffix(".program"), prog.stdout + prog.stderr, update)
        count += 2
    scripts = root / "scripts"
    for script in sorted(scripts.glob("*.json")):
        p = run(coach, ["dialogs", "check", script.name], scripts)
        ok &= compare(script.with_suffix(".expected"), p.stderr + f"exit {p.returncode}\n", update)
        count += 1
    for scenario in sorted((root / "practice").glob("*.json")):
        p = run(coach, ["practice", "--check", scenario.name], root / "practice")
        ok &= compare(scenario.with_suffix(".expected"), p.stderr + f"exit {p.returncode}\n", update)
        count += 1
    print(f"{'ok' if ok else 'FAILED'}: {count} golden comparisons")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
