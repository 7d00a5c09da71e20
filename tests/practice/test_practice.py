#!/usr/bin/env python3
"""`coach practice` and `coach progress` through real pipes, a real SQLite file, and kill -9.

  test_practice.py COACH
Prints 'N passed, N failed'; exits 1 on any failure.
"""
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

COACH = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
results = {"passed": 0, "failed": 0}


def check(name, cond, detail=""):
    results["passed" if cond else "failed"] += 1
    if not cond:
        print(f"FAIL {name} {detail}")


def run(args, stdin="", timeout=120):
    return subprocess.run([COACH, *args], input=stdin, capture_output=True, text=True, timeout=timeout)


tmp = tempfile.mkdtemp()
db = os.path.join(tmp, "sub", "coach.db")  # the directory does not exist yet

# --list: one scenario per line, id then title.
p = run(["practice", "--list"])
lines = p.stdout.splitlines()
check("list exit 0", p.returncode == 0)
check("six or more scenarios", len(lines) >= 6, p.stdout)
check("id<TAB>title", all(len(l.split("\t")) == 2 for l in lines))
check("sorted by id", [l.split("\t")[0] for l in lines] == sorted(l.split("\t")[0] for l in lines))

# A good run, piped.
good = "I was really worried when I didn't hear from you.\nCould you text me next time you're running late?\nthis is never read\n"
p = run(["practice", "late", "--seed", "0", "--db", db], good)
check("good run exit 0", p.returncode == 0, p.stderr)
check("opening shows the setting", "Practice: Late, and no text" in p.stdout and "Your aim:" in p.stdout)
check("partner answers", p.stdout.count("Partner: ") == 3, p.stdout)
check("debrief", "Debrief: Late, and no text" in p.stdout and "found your way back" in p.stdout, p.stdout)
check("debrief quotes the aims", '[x] Naming your feeling: "I was really worried"' in p.stdout, p.stdout)
check("no prompt when piped", "you> " not in p.stdout)

# :hint, then :quit early: the debrief says so.
p = run(["practice", "dishes", "--seed", "0", "--db", db], ":hint\nYou never help.\n:quit\nthis is never read\n")
check("hint", "You could try:" in p.stdout)
check("early quit debrief", "stopped the practice early" in p.stdout and "Criticism" in p.stdout, p.stdout)

# EOF in the middle still debriefs.
p = run(["practice", "money", "--seed", "0", "--db", db], "okay\n")
check("eof debrief", "Debrief: The surprise purchase" in p.stdout)

check("unknown scenario exit 2", run(["practice", "nope", "--db", db]).returncode == 2)

# The database: versioned schema, every run and turn.
con = sqlite3.connect(db)
check("schema version 2", con.execute("PRAGMA user_version").fetchone()[0] == 2)
check("WAL mode", con.execute("PRAGMA journal_mode").fetchone()[0] == "wal")
runs = con.execute("SELECT scenario, ending, score, turns FROM runs ORDER BY id").fetchall()
check("three runs stored", [r[0] for r in runs] == ["late", "dishes", "money"], str(runs))
check("endings stored", [r[1] for r in runs] == ["good", "stopped", "stopped"], str(runs))
check("turns stored", con.execute("SELECT count(*) FROM practice_turns").fetchone()[0] == 2 + 1 + 1)
check("no message text stored", "worried" not in json.dumps(con.execute("SELECT * FROM practice_turns").fetchall()))
con.close()

# progress: text with a chart, JSON, forget.
p = run(["progress", "--db", db])
check("progress lists scenarios", "late  Late, and no text" in p.stdout and "1 run(s)" in p.stdout, p.stdout)
check("progress chart", any(ch in p.stdout for ch in "▁▂▃▄▅▆▇█"))
j = json.loads(run(["progress", "--json", "--db", db]).stdout)
check("progress json", j["schema"] == 2 and {s["id"] for s in j["scenarios"]} == {"dishes", "late", "money"})
check("progress json score", [s for s in j["scenarios"] if s["id"] == "late"][0]["runs"][0]["score"] >= 80, json.dumps(j))

# kill -9 mid-run: every turn whose answer was printed is in the database.
kdb = os.path.join(tmp, "kill.db")
proc = subprocess.Popen([COACH, "practice", "phones", "--seed", "0", "--db", kdb], stdin=subprocess.PIPE,
                        stdout=subprocess.PIPE, text=True, bufsize=1)


def read_until(marker, timeout=120):
    end, out = time.time() + timeout, ""
    while time.time() < end:
        line = proc.stdout.readline()
        out += line
        if marker in line:
            return out
    return out


read_until("Partner: ")  # the opening
answered = 0
for reply in ["hmm", "okay", "I see"]:
    proc.stdin.write(reply + "\n")
    proc.stdin.flush()
    if "Partner: " in read_until("Partner: "):
        answered += 1
proc.send_signal(signal.SIGKILL)
proc.wait()
con = sqlite3.connect(kdb)
check("kill -9: answered turns survive", answered == 3 and
      con.execute("SELECT count(*) FROM practice_turns").fetchone()[0] == answered)
check("kill -9: run unfinished", con.execute("SELECT finished_at FROM runs").fetchone()[0] is None)
con.close()
check("kill -9: database still opens", run(["progress", "--db", kdb]).returncode == 0)

# A database from a newer coach is refused, not damaged.
newer = os.path.join(tmp, "newer.db")
con = sqlite3.connect(newer)
con.execute("PRAGMA user_version=99")
con.close()
p = run(["progress", "--db", newer])
check("newer schema refused", p.returncode == 1 and "newer coach" in p.stderr, p.stderr)

# A version-1 database (practice only) migrates forward and keeps its runs.
old = os.path.join(tmp, "v1.db")
con = sqlite3.connect(old)
con.executescript("""CREATE TABLE runs(id INTEGER PRIMARY KEY, scenario TEXT NOT NULL, title TEXT NOT NULL,
  started_at INTEGER NOT NULL, finished_at INTEGER, ending TEXT, score INTEGER, turns INTEGER NOT NULL DEFAULT 0);
CREATE TABLE practice_turns(run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, n INTEGER NOT NULL,
  at INTEGER NOT NULL, kind TEXT NOT NULL, node TEXT NOT NULL, categories TEXT NOT NULL, repairs TEXT NOT NULL,
  PRIMARY KEY(run_id, n));
INSERT INTO runs VALUES(1, 'late', 'Late, and no text', 100, 200, 'good', 77, 3);
PRAGMA user_version=1;""")
con.close()
j = json.loads(run(["progress", "--json", "--db", old]).stdout)
check("v1 migrated, runs kept", j["schema"] == 2 and j["scenarios"][0]["runs"][0]["score"] == 77, json.dumps(j))

p = run(["progress", "--forget", "--db", db])
check("forget", "Deleted 3 practice run(s)" in p.stdout, p.stdout)
check("forgotten", json.loads(run(["progress", "--json", "--db", db]).stdout)["scenarios"] == [])

# Two scenarios with one id are reported.
dd = os.path.join(tmp, "dialogs")
shutil.copytree(os.path.join(ROOT, "dialogs", "en"), dd)
shutil.copy(os.path.join(dd, "practice", "dishes.json"), os.path.join(dd, "practice", "zz_copy.json"))
p = run(["practice", "--list", "--dialogs", dd])
check("duplicate id P009", p.returncode == 1 and "error[P009]" in p.stderr, p.stderr)

# :practice from the chat, then back to coaching.
p = run(["chat", "--seed", "0", "--db", db], ":practice\n:practice dishes\nYou never help.\nYou're so lazy.\nWhatever.\nYou always forget.\n")
check(":practice lists", "dishes\tThe dishes, again" in p.stdout)
check(":practice runs", "Practice: The dishes, again" in p.stdout and "broke down" in p.stdout, p.stdout)
check("back to the chat", 'Criticism: "You always forget"' in p.stdout, p.stdout)

# The README's practice transcript is this run's real output.
readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
block = readme[readme.index("Practice: The dishes, again"):]
block = block[:block.index("```")]
typed = [l[len("you> "):] for l in block.splitlines() if l.startswith("you> ")]
p = run(["practice", "dishes", "--seed", "0", "--db", os.path.join(tmp, "readme.db")], "".join(t + "\n" for t in typed))
shown = [l for l in block.splitlines() if l and not l.startswith("you> ")]
missing = [l for l in shown if l not in p.stdout.splitlines()]
check("README transcript is real output", len(typed) == 3 and not missing, "\n".join(missing))

shutil.rmtree(tmp)
print(f"{results['passed']} passed, {results['failed']} failed")
sys.exit(1 if results["failed"] else 0)
