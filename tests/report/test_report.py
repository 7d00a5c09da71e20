#!/usr/bin/env python3
"""`coach report` on every export layout (fixtures from make_fixtures.py, one chat in each):
the same per-person figures from each, formats and date orders told from the content, system
lines and attachments skipped, safety listed first, ambiguous dates resolved from the whole
file, and bad input (a truncated Telegram export, UTF-16, invalid UTF-8, an unknown format)
answered with a warning or an error while the rest is still reported.

  test_report.py COACH
Prints 'N passed, N failed'; exits 1 on any failure.
"""
import json
import os
import subprocess
import sys
import tempfile

COACH = os.path.abspath(sys.argv[1])
HERE = os.path.dirname(os.path.abspath(__file__))
results = {"passed": 0, "failed": 0}


def check(name, cond, detail=""):
    results["passed" if cond else "failed"] += 1
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else f" {detail}"))


def report(*args):
    p = subprocess.run([COACH, "report", *args], capture_output=True, timeout=120)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8", "replace")


def figures(r):
    """What must not depend on the layout: per person, everything the report counts."""
    return [{k: p[k] for k in ("name", "messages", "positive", "negative", "patterns", "typical", "repairs",
                               "repairs_answered_softly", "repairs_answered_hard", "flooding")} for p in r["people"]], \
        r["weeks"], r["messages"], r["first"][:10], r["last"][:10]


expected = {  # file: (format, date order, skipped)
    "whatsapp-android-us.txt": ("whatsapp-android", "month-first", 3),
    "whatsapp-android-gb.txt": ("whatsapp-android", "day-first", 3),
    "whatsapp-de.txt": ("whatsapp-android", "day-first", 3),
    "whatsapp-ios.txt": ("whatsapp-ios", "day-first", 3),
    "whatsapp-ios-us.txt": ("whatsapp-ios", "month-first", 3),
    "telegram.json": ("telegram", "", 2),
    "chat.csv": ("csv", "", 0),
}
code, out, _ = report("--json", os.path.join(HERE, "chat.jsonl"))
base = json.loads(out)
check("the JSONL reference reads", code == 0 and base["messages"] == 15 and [p["name"] for p in base["people"]] == ["Sam", "Alex"],
      out[:300])
sam = base["people"][0]
check("the reference's counts are the chat's", sam["patterns"] == {"criticism": 3, "contempt": 0, "defensiveness": 0,
                                                                     "stonewalling": 1} and
      base["people"][1]["patterns"]["contempt"] == 1 and base["people"][1]["patterns"]["defensiveness"] == 1, str(sam))
check("a burst of hard messages is a flood", len(sam["flooding"]) == 1 and sam["flooding"][0]["hard_messages"] == 4,
      str(sam["flooding"]))
check("weeks run Monday to Sunday", [w["week"] for w in base["weeks"]] == ["2024-01-08", "2024-01-15"], str(base["weeks"]))
for name, (fmt, order, skipped) in expected.items():
    code, out, err = report("--json", os.path.join(HERE, name))
    r = json.loads(out) if code == 0 else None
    check(f"{name}: read as {fmt} {order}".rstrip(), r and r["files"][0]["format"] == fmt and
          r["files"][0]["date_order"] == order and r["files"][0]["skipped"] == skipped and not r["files"][0]["warnings"],
          (r or {}).get("files", err))
    check(f"{name}: the same figures as the JSONL", r and figures(r) == figures(base),
          json.dumps(figures(r))[:400] if r else err)

code, out, _ = report(os.path.join(HERE, "whatsapp-ios.txt"))
check("terminal summary", code == 0 and "Sam: 9 messages" in out and "flooding: 1 episode" in out and
      '"You never tell me when you\'ll be late"' in out, out)

with tempfile.TemporaryDirectory() as tmp:
    def path(name, data, mode="w"):
        p = os.path.join(tmp, name)
        with open(p, mode, **({} if "b" in mode else {"encoding": "utf-8", "newline": ""})) as f:
            f.write(data)
        return p

    # Safety comes first, with the coach's help text.
    danger = path("danger.jsonl", "".join(json.dumps(m) + "\n" for m in [
        {"time": "2024-03-01T20:00:00", "sender": "Kim", "text": "You never listen"},
        {"time": "2024-03-01T20:05:00", "sender": "Lee", "text": "if you leave me I will hurt you"},
    ]))
    code, out, _ = report(danger)
    check("safety is listed first", code == 0 and "SAFETY FIRST" in out and out.index("SAFETY FIRST") < out.index("Kim:"),
          out)
    code, out, _ = report("--json", danger)
    r = json.loads(out)
    check("safety in JSON with kinds and help", r["safety"] and r["safety"][0]["sender"] == "Lee" and
          "threat" in r["safety"][0]["kinds"] and r["safety_help"].get("threat"), json.dumps(r["safety"]))

    # Dates that never pass 12: the order under which they run forward.
    forward = "05/01/24, 09:00 - A: hi\n06/01/24, 09:00 - B: hello\n02/02/24, 09:00 - A: you never call\n"
    code, out, _ = report("--json", path("dm.txt", forward))
    r = json.loads(out)
    check("ambiguous dates: day first when that runs forward", r["files"][0]["date_order"] == "day-first" and
          r["last"].startswith("2024-02-02"), json.dumps(r["files"]))
    backward = "01/05/24, 09:00 - A: hi\n01/06/24, 09:00 - B: hello\n02/02/24, 09:00 - A: you never call\n"
    code, out, _ = report("--json", path("md.txt", backward))
    r = json.loads(out)
    check("ambiguous dates: month first when that runs forward", r["files"][0]["date_order"] == "month-first" and
          r["last"].startswith("2024-02-02"), json.dumps(r["files"]))

    # A truncated Telegram export: a warning, and what came before the break.
    with open(os.path.join(HERE, "telegram.json"), encoding="utf-8") as f:
        whole = f.read()
    code, out, _ = report("--json", path("cut.json", whole[: len(whole) // 2]))
    r = json.loads(out)
    check("truncated Telegram: warned, the first messages reported", code == 0 and 0 < r["messages"] < 15 and
          any("breaks off" in w["message"] for w in r["files"][0]["warnings"]), out[:400])

    # UTF-16 (as some tools save), an unknown format: errors naming the file; the rest still read.
    utf16 = path("utf16.txt", open(os.path.join(HERE, "whatsapp-android-gb.txt"), encoding="utf-8").read().encode("utf-16"), "wb")
    unknown = path("notes.txt", "just some notes\nnothing like a chat\n")
    code, out, err = report("--json", utf16, unknown, os.path.join(HERE, "chat.csv"))
    check("UTF-16 and unknown files: errors, exit 1", code == 1 and "utf16.txt: the file is UTF-16" in err and
          "notes.txt: not a chat export" in err, err)
    check("... and the good file is still reported", json.loads(out)["messages"] == 15, out[:200])

    # Invalid UTF-8 in a message and a name: the JSON stays valid.
    bad = path("bad.txt", b"14/01/2024, 21:05 - S\xffam: you never \xfe listen\n14/01/2024, 21:06 - Al: ok\n", "wb")
    code, out, err = report("--json", bad)
    try:
        r = json.loads(out)
        ok = code == 0 and r["messages"] == 2 and r["people"][0]["patterns"]["criticism"] == 1
    except ValueError:
        ok = False
    check("invalid UTF-8: still read, valid JSON", ok, out[:300] + err)

    code, out, _ = report("--json", "--anonymize", os.path.join(HERE, "chat.csv"))
    r = json.loads(out)
    check("--anonymize names people by order", [p["name"] for p in r["people"]] == ["Person 1", "Person 2"] and
          "Sam" not in json.dumps(r["weeks"]), str([p["name"] for p in r["people"]]))

    # On a terminal, a large export shows a progress line on stderr (and clears it at the end).
    import pty
    lines = "".join(f"14/01/2024, {h:02d}:{m:02d} - {'A' if i % 2 else 'B'}: you never call me back {i}\n"
                    for i, (h, m) in enumerate((i // 60 % 24, i % 60) for i in range(150000)))
    big = path("big.txt", lines)
    leader, follower = pty.openpty()
    p = subprocess.Popen([COACH, "report", big], stdout=subprocess.PIPE, stderr=follower)
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    out = p.communicate(timeout=120)[0].decode()
    os.close(leader)
    check("a progress line on a terminal", b"coach: reading" in seen and b"%" in seen and b"\x1b[K" in seen,
          repr(seen[:200]))
    check("... and the report on stdout", p.returncode == 0 and "150000 messages" in out, out[:200])

    # Bounded whatever the file: a message run on for 20,000 lines is cut at 64 KiB; warnings stop at 100.
    code, out, _ = report("--json", path("long.txt", "14/01/2024, 21:05 - Sam: you never listen\n" +
                                         "and more of the same message\n" * 20000))
    r = json.loads(out)
    check("an overlong message is cut, with a warning", code == 0 and r["messages"] == 1 and
          "cut" in r["files"][0]["warnings"][0]["message"], json.dumps(r["files"]))
    code, out, _ = report("--json", path("junk.jsonl", '{"x": 1}\n' * 300))
    r = json.loads(out)
    check("warnings stop at 100 and say so", len(r["files"][0]["warnings"]) == 101 and
          "not listed" in r["files"][0]["warnings"][-1]["message"], str(len(r["files"][0]["warnings"])))

    code, _, err = report(path("empty.txt", ""))
    check("an empty file: a clear error", code == 1 and "not a chat export" in err, err)

print(f"{results['passed']} passed, {results['failed']} failed")
sys.exit(1 if results["failed"] else 0)
