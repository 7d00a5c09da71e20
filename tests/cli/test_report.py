#!/usr/bin/env python3
"""`coach rules report` on corpora whose figures were worked out by hand: real binary, real files.

  test_report.py COACH
Prints 'N passed, N failed' and exits 1 on any failure.
"""
import json
import os
import subprocess
import sys
import tempfile

COACH = sys.argv[1]
results = {"passed": 0, "failed": 0}


def check(name, cond, detail=""):
    results["passed" if cond else "failed"] += 1
    if not cond:
        print(f"FAIL {name} {detail}")


def run(args):
    return subprocess.run([COACH, *args], capture_output=True, timeout=120)


RULES = """language en
rule criticism.never : criticism
  match you never
  why "x"
  example "you never call"
  counter "x"
rule criticism.always : criticism
  match you always
  why "x"
  example "you always forget"
  counter "x"
rule contempt.idiot : contempt
  match idiot
  why "x"
  example "what an idiot"
  counter "x"
"""
# By hand: criticism is labelled on lines 1, 2, 3, 6, 7 and raised on 1, 2, 4, 6, 7 (tp 4, fp 1,
# fn 1); contempt on 5 and 6, both raised. criticism.never fires on 1, 4, 6, 7 (3 right; alone
# in raising criticism on 1 and 6), criticism.always on 2 and 7 (alone on 2).
CORPUS = [
    ("criticism", "you never call"),
    ("criticism", "you always forget"),
    ("criticism", "you forget everything"),
    ("-", "you never know, right"),
    ("contempt", "what an idiot you are"),
    ("criticism,contempt", "you never listen, idiot"),
    ("criticism", "you never ever help and you always leave"),
    ("-", "see you at six"),
]

with tempfile.TemporaryDirectory() as d:
    rules = os.path.join(d, "r.rules")
    with open(rules, "w") as fh:
        fh.write(RULES)
    tsv = os.path.join(d, "c.tsv")
    with open(tsv, "w") as fh:
        fh.write("# a comment line is skipped\n" + "".join(f"{l}\t-\t{t}\n" for l, t in CORPUS))
    jsonl = os.path.join(d, "c.jsonl")
    with open(jsonl, "w") as fh:
        for l, t in CORPUS:
            fh.write(json.dumps({"text": t, "labels": [] if l == "-" else l.split(","), "source": "here"}) + "\n")

    p = run(["rules", "report", tsv, "--rules", rules, "--json"])
    check("json exit 0", p.returncode == 0, p.stderr)
    r = json.loads(p.stdout)
    check("counts", (r["messages"], r["negatives"], r["negatives_flagged"]) == (8, 2, 1), str(r)[:200])
    cats = {c["name"]: c for c in r["categories"]}
    check("only labelled categories", list(cats) == ["criticism", "contempt"], str(list(cats)))
    c = cats["criticism"]
    check("criticism tp/fp/fn", (c["tp"], c["fp"], c["fn"]) == (4, 1, 1), str(c))
    check("criticism p/r/f1", abs(c["precision"] - 0.8) < 1e-9 and abs(c["recall"] - 0.8) < 1e-9
          and abs(c["f1"] - 0.8) < 1e-9, str(c))
    check("criticism miss", [(m["line"], m["text"]) for m in c["misses"]] == [(4, "you forget everything")],
          str(c["misses"]))
    c = cats["contempt"]
    check("contempt perfect", (c["tp"], c["fp"], c["fn"], c["misses"]) == (2, 0, 0, []), str(c))
    rules_ = {x["id"]: x for x in r["rules"]}
    check("rules most fired first", [x["id"] for x in r["rules"]][0] == "criticism.never", str(r["rules"]))
    n = rules_["criticism.never"]
    check("never counts", (n["fired"], n["correct"], n["sole"], n["on_negatives"]) == (4, 3, 2, 1), str(n))
    check("never false positive", [(m["line"], m["labels"]) for m in n["false_positives"]] == [(5, [])],
          str(n["false_positives"]))
    a = rules_["criticism.always"]
    check("always counts", (a["fired"], a["correct"], a["sole"], a["false_positives"]) == (2, 2, 1, []), str(a))

    # The same corpus as JSON lines gives the same figures.
    p = run(["rules", "report", jsonl, "--rules", rules, "--json"])
    j = json.loads(p.stdout)
    def figures(x):
        return [(c["name"], c["tp"], c["fp"], c["fn"]) for c in x["categories"]], \
               [(e["id"], e["fired"], e["correct"], e["sole"]) for e in x["rules"]]
    check("jsonl same figures", figures(j) == figures(r), p.stderr)

    # Text: the tables, the false positive and the miss, each with its place.
    p = run(["rules", "report", tsv, "--rules", rules])
    out = p.stdout.decode()
    check("text header", out.startswith("8 messages, 2 negatives\n"), out[:80])
    check("text category row", any(l.split() == ["criticism", "4", "1", "1", "0.800", "0.800", "0.800"]
                                   for l in out.splitlines()), out)
    check("text false positive", f"criticism.never  {tsv}:5  -  you never know, right" in out, out)
    check("text miss", f"criticism  {tsv}:4  you forget everything" in out, out)
    check("negatives flagged", "negatives flagged: 1/2 (50.0%)" in out, out)

    # Bad corpora: every problem with its file:line, exit 2, nothing on stdout.
    bad = os.path.join(d, "bad.tsv")
    with open(bad, "w") as fh:
        fh.write("criticism\t-\tfine\nfoo\t-\tunknown label\nonly two\tfields\n")
    p = run(["rules", "report", bad, "--rules", rules])
    err = p.stderr.decode()
    check("bad exit 2", p.returncode == 2 and p.stdout == b"", p.stdout)
    check("unknown label reported", f"{bad}:2: unknown label 'foo'" in err, err)
    check("bad fields reported", f"{bad}:3: expected labels<TAB>note<TAB>text" in err, err)
    badj = os.path.join(d, "bad.jsonl")
    with open(badj, "w") as fh:
        fh.write('{"text": "ok", "labels": []}\n{"text": 3}\n{not json\n')
    err = run(["rules", "report", badj, "--rules", rules]).stderr.decode()
    check("json errors reported", f"{badj}:2: \"text\" must be a string" in err and f"{badj}:3: not a JSON object" in err,
          err)
    p = run(["rules", "report", os.path.join(d, "missing.tsv")])
    check("missing corpus exit 2", p.returncode == 2 and b"cannot open" in p.stderr, p.stderr)
    check("corpus required", run(["rules", "report"]).returncode == 2)

    # The safety corpus's format with the built-in rules: a kind implies "safety".
    safety = os.path.join(d, "s.tsv")
    with open(safety, "w") as fh:
        fh.write("violence\tself\the grabbed my throat and choked me last night\t-\n"
                 "-\tlike:violence\twe watched the boxing and ate pizza\n")
    r = json.loads(run(["rules", "report", safety, "--json"]).stdout)
    cats = {c["name"]: (c["tp"], c["fp"], c["fn"]) for c in r["categories"]}
    check("safety kinds", cats == {"safety": (1, 0, 0), "violence": (1, 0, 0)}, str(cats))
    check("safety rules judged by kind", all(x["category"] == "violence" for x in r["rules"]) and r["rules"],
          str(r["rules"]))

print(f"{results['passed']} passed, {results['failed']} failed")
sys.exit(1 if results["failed"] else 0)
