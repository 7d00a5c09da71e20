#!/usr/bin/env python3
"""`coach stdio` through a real pipe, one request at a time, as a bot would drive it.

  test_stdio.py COACH
Prints 'N passed, N failed'; exits 1 on any failure.
"""
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from break_time import around  # noqa: E402

results = {"passed": 0, "failed": 0}


def check(name, cond, detail=""):
    results["passed" if cond else "failed"] += 1
    if not cond:
        print(f"FAIL {name} {detail}")


proc = subprocess.Popen([sys.argv[1], "stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def ask(raw: bytes):
    proc.stdin.write(raw + b"\n")
    proc.stdin.flush()
    return json.loads(proc.stdout.readline())


r = ask(json.dumps({"id": 1, "session": "alice", "text": "You never listen!"}).encode())
check("id echoed", r["id"] == 1 and r["session"] == "alice")
check("analysis", r["categories"] == ["criticism"] and r["findings"][0]["quote"] == "You never listen")
check("reply and suggestions", "Criticism" in r["reply"] and r["suggestions"][0]["antidote"] == "Gentle start-up")

r = ask(json.dumps({"id": "b-1", "session": "bob", "text": "Whatever.", "mode": "received"}).encode())
check("received mode", r["categories"] == ["stonewalling"] and "flooded" in r["reply"], r.get("reply"))

r = ask(json.dumps({"id": 2, "session": "alice", "text": ":ledger"}).encode())
check("sessions are separate", "Positive 0, negative 1" in r["reply"], r["reply"])

r = ask(json.dumps({"id": 3, "session": "alice", "text": ":rewrite"}).encode())
check("flows work", r["flow"]["name"] == "gentle_startup" and r["flow"]["step"] == "feeling")

for raw, code in [(b"not json", "bad_json"), (b"[1,2]", "bad_request"), (b'{"id": 9}', "bad_request"),
                  (b'{"id": 9, "text": "hi", "mode": "loud"}', "bad_request"),
                  (b'{"id": 9, "text": "\xff\xfe"}', "bad_json"),
                  (b'{"id": 9, "text": "' + b"a" * (5 << 20) + b'"}', "too_large")]:
    r = ask(raw)
    check(f"error {code} for {raw[:30]!r}", r.get("error", {}).get("code") == code, json.dumps(r)[:200])
check("error keeps the id", ask(b'{"id": "keep-me"}')["id"] == "keep-me")

# Break times in the user's zone when the client says it (a window: the clock may tick mid-call).
for zone in ["Asia/Kolkata", "America/New_York"]:
    t0 = time.time()
    r = ask(json.dumps({"id": 5, "session": zone, "text": "Whatever.", "time_zone": zone}).encode())
    t1 = time.time()
    said = r["suggestions"][0]["text"]
    check(f"break time in {zone}", around(zone, t0) in said or around(zone, t1) in said, said)
r = ask(json.dumps({"id": 6, "session": "z", "text": "hi", "time_zone": "Europe/Berlin; rm -rf"}).encode())
check("a time zone that is no zone name is refused", r.get("error", {}).get("code") == "bad_request", json.dumps(r)[:200])

r = ask(json.dumps({"id": 4, "text": "you ne\u0000ver help \U0001F644"}).encode())
check("NUL and emoji survive", r["id"] == 4 and "contempt" in r["categories"], json.dumps(r)[:200])

proc.stdin.close()
check("EOF ends cleanly", proc.wait(timeout=120) == 0)
check("nothing on stderr", proc.stderr.read() == b"")

print(f"{results['passed']} passed, {results['failed']} failed")
sys.exit(1 if results["failed"] else 0)
