#!/usr/bin/env python3
"""`coach analyze` and `coach rules` as a user runs them: real binary, real pipes.

  test_analyze.py COACH
Prints 'N passed, N failed' and exits 1 on any failure.
"""
import json
import shutil
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


def run(args, data=b"", timeout=120):
    return subprocess.run([COACH, *args], input=data, capture_output=True, timeout=timeout)


# One JSON object per input line, in order, in the contract's shape; empty lines too.
lines = ["You never listen to me!", "", "whatever.", "I'm sorry, I was wrong", "see you at 6"]
p = run(["analyze", "--json"], ("\n".join(lines) + "\n").encode())
out = p.stdout.decode().splitlines()
check("exit 0", p.returncode == 0, p.stderr)
check("one line per input line", len(out) == len(lines), str(len(out)))
objs = [json.loads(l) for l in out]
check("field order", list(objs[0].keys())[:5] == ["text", "language", "categories", "findings", "signals"],
      str(list(objs[0].keys())))
check("text echoed", [o["text"] for o in objs] == lines)
check("criticism found", objs[0]["categories"] == ["criticism"], str(objs[0]["categories"]))
check("empty line is empty", objs[1]["categories"] == [] and objs[1]["findings"] == [])
check("stonewalling found", objs[2]["categories"] == ["stonewalling"])
check("repair signal", {r["group"] for r in objs[3]["signals"]["repair"]} == {"sorry"},
      str(objs[3]["signals"]["repair"]))
check("logistics clean", objs[4]["categories"] == [] and objs[4]["signals"]["intensity"] == 0)
f = objs[0]["findings"][0]
for key in ("category", "rule", "severity", "span", "quote", "why"):
    check(f"finding has {key}", key in f)
check("signals shape", set(objs[0]["signals"]) == {"intensity", "repair", "safety", "safety_kinds", "bids", "requests"})

# Safety: the most urgent kind first, with its role; every kind found in safety_kinds.
p = run(["analyze", "--json"], b"give me your password now\nhe reads my texts and I want to die\nmy bf said he'd kill himself if I leave\n")
objs = [json.loads(l) for l in p.stdout.decode().splitlines()]
check("control by the author", objs[0]["signals"]["safety"]["kind"] == "control"
      and objs[0]["signals"]["safety"]["role"] == "author", str(objs[0]["signals"]))
check("self-harm before control", objs[1]["signals"]["safety_kinds"] == ["self_harm", "control"]
      and objs[1]["signals"]["safety"]["kind"] == "self_harm", str(objs[1]["signals"]))
check("someone else at risk", objs[2]["signals"]["safety"]["role"] == "other", str(objs[2]["signals"]))

# quote is exactly the UTF-8 bytes at span, also after multi-byte characters.
msg = "Ärger über alles 🙄 — ugh, YOU NEVER help with anything!!"
o = json.loads(run(["analyze", "--json"], (msg + "\n").encode()).stdout)
raw = msg.encode()
for f in o["findings"]:
    check("quote == text[span]", raw[f["span"]["start"]:f["span"]["end"]].decode() == f["quote"], str(f))
check("found after multi-byte text", "criticism" in o["categories"], str(o["categories"]))

# Invalid UTF-8 and NUL bytes: repaired, reported, never a crash.
p = run(["analyze", "--json"], b"you never \xff\xfe listen\nnul\x00byte you always forget\n")
check("invalid utf-8 exit 0", p.returncode == 0, p.stderr)
objs = [json.loads(l) for l in p.stdout.decode().splitlines()]
check("invalid utf-8 two lines", len(objs) == 2)
check("repair warning", "warnings" in objs[0] and "invalid UTF-8" in objs[0]["warnings"][0])
check("replacement char in text", "\ufffd" in objs[0]["text"])
check("still analyzed", objs[0]["categories"] == ["criticism"])
check("NUL kept", objs[1]["text"] == "nul\x00byte you always forget")

# A 1 MB single line (no newline at the end) is analyzed, not cut, not hung.
big = ("I need help with the laundry and it hurts. " * 25000)[: 1 << 20] + " you never help"
p = run(["analyze", "--json"], big.encode(), timeout=120)
check("1MB exit 0", p.returncode == 0)
o = json.loads(p.stdout)
check("1MB whole text", len(o["text"]) == len(big))
check("1MB found at the end", o["findings"] and o["findings"][-1]["quote"] == "you never help")

# Human-readable report quotes the words.
p = run(["analyze"], b"You're so selfish\n")
check("report quotes", b'criticism: "You\'re so selfish"' in p.stdout, p.stdout)

# Exit codes: 2 for usage, 2 for a missing input file, 1 for broken rules.
# A bot pipes one line and waits: each answer comes before the next line is sent
# (bulk input is flushed only when no more input is waiting).
import select
bot = subprocess.Popen([COACH, "analyze", "--json"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
for msg in (b"You never listen\n", b"ok\n"):
    bot.stdin.write(msg)
    bot.stdin.flush()
    ready, _, _ = select.select([bot.stdout], [], [], 120)
    check("answer before the next line", bool(ready) and json.loads(bot.stdout.readline())["text"] == msg.decode().strip())
bot.stdin.close()
check("interactive exit 0", bot.wait(timeout=120) == 0)

check("usage error exit 2", run(["analyze", "--bogus"]).returncode == 2)
check("missing file exit 2", run(["analyze", "/nonexistent/file.txt"]).returncode == 2)
check("unknown language exit 1", run(["analyze", "--language", "xx"], b"hi\n").returncode == 1)
with tempfile.TemporaryDirectory() as d:
    with open(os.path.join(d, "bad.rules"), "w") as fh:
        fh.write("language en\nrule criticism.x : criticism\n  match you @nope\n  example \"you\"\n  counter \"x\"\n")
    p = run(["analyze", "--rules", d], b"you\n")
    check("broken rules exit 1", p.returncode == 1)
    check("diagnostic on stderr", b"bad.rules:3:13: error[R104]" in p.stderr, p.stderr)
    check("nothing on stdout", p.stdout == b"")
    p = run(["rules", "check", d])
    check("rules check broken exit 1", p.returncode == 1)
    with open(os.path.join(d, "bad.rules"), "w") as fh:
        fh.write("language en\nrule criticism.x : criticism\n  match you never\n  why \"x\"\n  example \"you always\"\n  counter \"x\"\n")
    p = run(["rules", "check", d])
    check("failing example exit 1", p.returncode == 1 and b"R201" in p.stderr, p.stderr)
    p = run(["analyze", "--json", "--rules", d], b"you never\n")
    check("--rules loads the directory", json.loads(p.stdout)["findings"][0]["rule"] == "criticism.x")
    # Given before the subcommand, as for chat, it means the same, never silently the built-in rules.
    p = run(["--rules", d, "analyze", "--json"], b"you never\n")
    check("--rules before analyze carries over", p.returncode == 0 and
          json.loads(p.stdout)["findings"][0]["rule"] == "criticism.x", p.stderr)
    p = run(["--history", d, "analyze"], b"you never\n")
    check("a chat-only option before analyze is an error", p.returncode == 2 and b"--history" in p.stderr,
          p.stderr)

# --trace: every rule that matched and what became of it, on a rule set written here so the
# outcomes are known: kept, guarded by its own `unless`, dropped by a look-alike context.
with tempfile.TemporaryDirectory() as d:
    with open(os.path.join(d, "t.rules"), "w") as fh:
        fh.write("""language en
rule safety.violence.t : safety.violence severity 3
  match   pushed me
  unless  sentence: (gently)
  why     "x"
  example "he pushed me"
  counter "he pushed me gently"
rule harmless.t : context.harmless.violence
  match   into the pool
  why     "x"
  example "into the pool"
  counter "into the sea"
""")
    p = run(["analyze", "--json", "--trace", "--rules", d],
            b"he pushed me\nhe pushed me gently\nhe pushed me into the pool\nsee you at 6\n")
    objs = [json.loads(l) for l in p.stdout.decode().splitlines()]
    check("trace: one object per line", p.returncode == 0 and len(objs) == 4, p.stderr)
    outcomes = [[(m["rule"], m["outcome"]) for m in o["trace"]["matches"]] for o in objs]
    check("trace: kept", outcomes[0] == [("safety.violence.t", "kept")], str(outcomes[0]))
    check("trace: guarded", outcomes[1] == [("safety.violence.t", "guarded")], str(outcomes[1]))
    check("trace: look-alike", sorted(outcomes[2]) == [("harmless.t", "context"), ("safety.violence.t", "look-alike")],
          str(outcomes[2]))
    check("trace: quote is the match", objs[0]["trace"]["matches"][0]["quote"] == "pushed me")
    check("trace: nothing matched", outcomes[3] == [])
    check("trace: the verdict is unchanged", objs[0]["signals"]["safety_kinds"] == ["violence"]
          and objs[2]["signals"]["safety"] is None)
    sc = objs[3]["trace"]["scorer"]
    check("trace: scorer without weights", sc["probability"] == 0 and sc["threshold"] == 1, str(sc))
    p = run(["analyze", "--trace", "--rules", d], b"he pushed me gently\n")
    check("trace: text report", b"safety.violence.t [safety.violence] \"pushed me\" -> guarded" in p.stdout, p.stdout)
# With the built-in rules the scorer's probability is reported whatever the rules did.
p = run(["analyze", "--json", "--trace"], b"see you at 6\n")
sc = json.loads(p.stdout)["trace"]["scorer"]
check("trace: built-in scorer", 0 <= sc["probability"] < sc["threshold"] < 1, str(sc))

check("rules check builtin exit 0", run(["rules", "check"]).returncode == 0)

# A directory or a missing path is an error, never silent success (issue 13's bugs).
with tempfile.TemporaryDirectory() as d:
    p = run(["analyze", d], b"")
    check("analyze DIR exit 2", p.returncode == 2 and b"is a directory" in p.stderr and not p.stdout,
          (p.returncode, p.stderr))
    with open(os.path.join(d, "a.rules"), "w") as f:
        f.write('language en\nrule criticism.t : criticism severity 2\n  match   you never\n  why     "w"\n'
                '  example "you never call"\n  counter "we never call"\n')
    p = run(["rules", "dump", "--ast", d])
    check("dump --ast DIR reads the directory", p.returncode == 0 and b"criticism.t" in p.stdout, (p.returncode, p.stdout))
    p = run(["rules", "dump", "--ast", os.path.join(d, "missing")])
    check("dump --ast missing path exit 1", p.returncode == 1 and b"R000" in p.stderr and not p.stdout,
          (p.returncode, p.stderr))
    p = run(["rules", "dump", os.path.join(d, "missing")])
    check("dump missing path exit 1", p.returncode == 1 and b"R000" in p.stderr, (p.returncode, p.stderr))
    # A symlink loop inside a rules directory is an error with the file's name, not an abort.
    os.symlink("loop-b", os.path.join(d, "loop.rules"))
    os.symlink("loop.rules", os.path.join(d, "loop-b"))
    p = run(["analyze", "--rules", d], b"hi\n")
    check("symlink loop in --rules: R000, exit 1", p.returncode == 1 and b"loop.rules" in p.stderr
          and b"R000" in p.stderr, (p.returncode, p.stderr))
# One loader for every subcommand (and the server's reload): rules whose language is not the one
# --language asks for are refused everywhere with R135, even when a script of their language loads.
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
sys.path.insert(0, os.path.join(ROOT, "tests"))
from other_language import set_script_language, write_german_rules  # noqa: E402
with tempfile.TemporaryDirectory() as d:
    rules_de, dialogs_de = os.path.join(d, "rules"), os.path.join(d, "dialogs")
    write_german_rules(rules_de)
    shutil.copytree(os.path.join(ROOT, "dialogs", "en"), dialogs_de)
    set_script_language(dialogs_de, "de")
    for args in (["analyze"], ["stdio"], ["dialogs", "check", dialogs_de], ["chat"]):
        extra = ["--dialogs", dialogs_de] if args[0] != "dialogs" else []
        p = run(args + ["--rules", rules_de] + extra + ["--language", "en"], b"du bist immer so\n")
        check(f"{args[0]}: rules for another language, R135", p.returncode != 0 and b"R135" in p.stderr,
              (p.returncode, p.stderr))
    p = run(["analyze", "--rules", rules_de, "--dialogs", dialogs_de, "--language", "de", "--json"], b"du bist immer so\n")
    check("analyze: rules and --language agree", p.returncode == 0 and b"criticism.t" in p.stdout, (p.returncode, p.stderr))
check("version", run(["--version"]).stdout.startswith(b"coach "))

print(f"{results['passed']} passed, {results['failed']} failed")
sys.exit(1 if results["failed"] else 0)
