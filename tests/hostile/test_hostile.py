#!/usr/bin/env python3
"""Hostile and broken input, through the real binary: each case gets a clear error or a
bounded-time answer, never a crash or a hang.

  test_hostile.py COACH
Prints 'N passed, N failed'; exits 1 on any failure.
"""
import concurrent.futures
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "clients"))
from server import CoachServer  # noqa: E402

COACH = os.path.abspath(sys.argv[1])
results = {"passed": 0, "failed": 0}
tmp = tempfile.mkdtemp()


def check(name, cond, detail=""):
    results["passed" if cond else "failed"] += 1
    if not cond:
        print(f"FAIL {name} {detail}")


def run(args, data=b"", timeout=60):
    t0 = time.time()
    p = subprocess.run([COACH, *args], input=data, capture_output=True, timeout=timeout)
    return p, time.time() - t0


def crashed(p):
    return p.returncode < 0  # killed by a signal


def error_of(body):
    try:
        return json.loads(body)["error"]["code"]
    except (ValueError, KeyError, TypeError):
        return None


def write(name, text):
    path = os.path.join(tmp, name)
    with open(path, "w") as f:
        f.write(text)
    return path


# Rule files: deep nesting, 10k rules, junk bytes.
p, _ = run(["rules", "check", write("deep.rules", "language en\nrule criticism.d : criticism\n  match " + "(" * 50000
                                    + "you" + ")" * 50000 + "\n  example \"you\"\n  counter \"me\"\n")])
check("deeply nested pattern: R004", p.returncode == 1 and b"error[R004]" in p.stderr, p.stderr[:200])
many = "language en\n" + "".join(f"rule criticism.r{i} : criticism\n  match you never w{i} (a | b) ...2 c{i}\n"
                                 f"  why \"x\"\n  example \"you never w{i} a c{i}\"\n  counter \"me\"\n" for i in range(10000))
p, secs = run(["rules", "dump", write("many.rules", many)], timeout=300)
check("10k-rule file compiles", p.returncode == 0 and p.stdout.count(b"\npattern ") + p.stdout.startswith(b"pattern ") >= 10000,
      p.stderr[:200])
print(f"  10k-rule file: compiled and dumped in {secs:.1f} s")
p, _ = run(["rules", "check", write("junk.rules", os.urandom(4096).decode("latin-1"))])
check("random bytes as rules: errors, no crash", p.returncode == 1 and not crashed(p) and b"error[" in p.stderr)
p, _ = run(["rules", "check", write("unterminated.rules", 'language en\nrule x.y : criticism\n  match "you')])
check("unterminated string at EOF", p.returncode == 1 and b"error[R002]" in p.stderr, p.stderr[:200])

# Messages: 100k tokens, 1 MB, invalid UTF-8, lone surrogates, NUL, control characters.
words = ("you never ever help " * 25000).encode()
p, secs = run(["analyze", "--json"], words + b"\n", timeout=60)
check("100k-token message", p.returncode == 0 and b'"criticism"' in p.stdout)
print(f"  100k-token message analyzed in {secs:.2f} s (whole process)")
# Thousands of findings of each pattern in one unpunctuated message: the rephrasings (the topic,
# the insult's clause, the self-check) must stay linear in the message (they once walked the whole
# text per finding: 6 s for the insults below).
for pattern, category in [(b"you idiot ", b'"contempt"'), (b"I never said that but whatever ", b'"defensiveness"'),
                          (b"you're so lazy the kitchen is a mess ", b'"criticism"')]:
    p, secs = run(["analyze", "--json"], pattern * 30000 + b"\n", timeout=60)
    check(f"30,000 x {pattern.decode().strip()!r}: analyzed with suggestions",
          p.returncode == 0 and category in p.stdout and b'"suggestions":[{' in p.stdout)
    print(f"  {len(pattern) * 30000 // 1024} KB of {pattern.decode().strip()!r} in {secs:.2f} s (whole process)")
p, _ = run(["analyze", "--json"], b"\xed\xa0\x80 lone surrogate you never listen \xed\xbf\xbf\n\x00\x01\x02\x1b[31m\n")
lines = p.stdout.decode().splitlines()
check("surrogates and control bytes", p.returncode == 0 and len(lines) == 2 and "warnings" in json.loads(lines[0]))
p, _ = run(["chat", "--seed", "0"], b"\xff\xfe\xfd\n" + b"a" * (5 << 20) + b"\n:quit\n")
check("chat survives garbage and a 5 MB line", p.returncode == 0 and not crashed(p))

# JSON: deep nesting, huge numbers, wrong types, through stdio and HTTP.
hostile_json = [b"[" * 100000 + b"]" * 100000,
                b'{"id": ' + b"9" * 5000 + b', "text": "hi"}',
                b'{"id": 1e999999, "text": "hi"}',
                b'{"id": {"a": ' + b"[" * 50000 + b"]" * 50000 + b'}, "text": "x"}',
                b'{"text": "\\ud800 lone escape"}',
                b'{"text": ' + b'"' + b"\\u0000" * 1000 + b'"}']
p, _ = run(["stdio"], b"\n".join(hostile_json) + b"\n", timeout=60)
out = p.stdout.decode().splitlines()
check("stdio: one answer per hostile line", p.returncode == 0 and len(out) == len(hostile_json), str(len(out)))
check("stdio: all answers are JSON", all(isinstance(json.loads(l), dict) for l in out))

# Members of the wrong type are the sender's mistake: a bad_request naming the member,
# never an internal error (json::value() throws on them).
wrong_types = [{"text": "hi", "mode": {"x": 1}}, {"text": "hi", "mode": 7}, {"text": "hi", "mode": ["received"]}]
p, _ = run(["stdio"], "".join(json.dumps(r) + "\n" for r in wrong_types).encode())
out = [json.loads(l) for l in p.stdout.decode().splitlines()]
check("stdio: wrong-typed mode is bad_request", len(out) == 3 and all(
    o.get("error", {}).get("code") == "bad_request" and "mode" in o["error"]["message"] for o in out), str(out))
p, _ = run(["stdio"], b'{"text": "hi", "mode": null}\n')
check("stdio: null mode means the default", "error" not in json.loads(p.stdout), p.stdout[:200])

s = CoachServer(COACH, "--sessions", "memory", "--quiet").start()
try:
    for i, body in enumerate(hostile_json):
        st, _, resp = s.request("POST", "/v1/turn", raw=body)
        check(f"http hostile body {i}: 4xx or 200, JSON", st in (200, 400, 413) and isinstance(json.loads(resp), (dict, list)),
              f"{st} {resp[:100]}")
    st, _, _ = s.request("POST", "/webhooks/rest/webhook", raw=b'{"sender": ["x"], "message": 5}')
    check("rasa wrong types: 400", st == 400)
    st, _, resp = s.request("POST", "/v1/turn", {"session": "w", "text": "hi", "mode": 3})
    check("v1 wrong-typed mode: 400", st == 400 and "mode" in json.loads(resp)["error"]["message"], f"{st} {resp[:200]}")
    st, _, resp = s.request("POST", "/webhooks/rest/webhook", {"sender": "w", "message": "you never call",
                                                               "metadata": {"mode": {"received": True}}})
    check("rasa metadata of any shape is the client's own: 200", st == 200, f"{st} {resp[:200]}")
    st, _, resp = s.request("POST", "/v3/directline/conversations")
    conv = json.loads(resp)["conversationId"]
    for activity in ({"type": {"id": "u"}, "text": "sorry"}, {"type": ["message"], "text": "sorry"}):
        st, _, resp = s.request("POST", f"/v3/directline/conversations/{conv}/activities", activity)
        check("directline wrong-typed type: 400", st == 400 and "type" in json.loads(resp)["error"]["message"],
              f"{st} {resp[:200]}")
    st, _, resp = s.request("POST", f"/v3/directline/conversations/{conv}/activities",
                            {"type": "message", "text": "sorry", "channelData": {"mode": 5}})
    check("directline channelData of any shape: 200", st == 200, f"{st} {resp[:200]}")
    st, _, resp = s.request("GET", "/v3/directline/conversations/" + "a" * 10000 + "/activities")
    check("long path: 414 with a JSON error", st == 414 and json.loads(resp)["error"]["code"] == "uri_too_long",
          f"{st} {resp[:200]}")
    check("server still healthy", s.request("GET", "/healthz")[0] == 200)
finally:
    code = s.stop()
check("server exits cleanly", code == 0, str(code))

# The attack the CSPRNG answers: ids made of raw mt19937_64 outputs let a client that collects 156
# of them (312 outputs) rebuild the generator's state and predict the next conversation's id.
MT_UPPER, MT_LOWER, MT_A = 0xFFFFFFFF80000000, 0x7FFFFFFF, 0xB5026F5AA96619E9
MASK64 = (1 << 64) - 1


def mt_temper(y):
    y ^= (y >> 29) & 0x5555555555555555
    y ^= (y << 17) & 0x71D67FFFEDA60000
    y ^= (y << 37) & 0xFFF7EEE000000000
    return (y ^ (y >> 43)) & MASK64


def mt_untemper(y):
    y ^= y >> 43
    y ^= (y << 37) & 0xFFF7EEE000000000
    x = y  # y ^= (y << 17) & C, inverted by repeated application
    for _ in range(4):
        x = y ^ ((x << 17) & 0x71D67FFFEDA60000)
    y = x & MASK64
    x = y  # y ^= (y >> 29) & D
    for _ in range(3):
        x = y ^ ((x >> 29) & 0x5555555555555555)
    return x & MASK64


def mt_predict(outputs, count):
    """The next `count` outputs of an mt19937_64 after 312 consecutive ones."""
    state = [mt_untemper(o) for o in outputs[-312:]]
    out = []
    for _ in range(count):
        y = (state[0] & MT_UPPER) | (state[1] & MT_LOWER)
        nxt = state[156] ^ (y >> 1) ^ (MT_A if y & 1 else 0)
        state = state[1:] + [nxt]
        out.append(mt_temper(nxt))
    return out


def mt_stream(seed, count):
    """A reference mt19937_64 (std::mt19937_64's algorithm), to show mt_predict works."""
    mt = [seed & MASK64]
    for i in range(1, 312):
        mt.append((6364136223846793005 * (mt[-1] ^ (mt[-1] >> 62)) + i) & MASK64)
    out, idx = [], 312
    for _ in range(count):
        if idx >= 312:
            for k in range(312):
                y = (mt[k] & MT_UPPER) | (mt[(k + 1) % 312] & MT_LOWER)
                mt[k] = mt[(k + 156) % 312] ^ (y >> 1) ^ (MT_A if y & 1 else 0)
            idx = 0
        out.append(mt_temper(mt[idx]))
        idx += 1
    return out


ref = mt_stream(5489, 400)
check("mt19937_64 reference: first output as std::mt19937_64's", ref[0] == 14514284786278117030, ref[0])
check("mt19937_64 state recovery predicts a real stream", mt_predict(ref[50:362], 4) == ref[362:366])

# Direct Line ids and tokens: ids from the CSPRNG (128 bits, never repeated), a token opens only
# its own conversation and only until it expires, refresh keeps the conversation, and the
# secret never has to reach a web page (tokens/generate, then POST /conversations with the token).
s = CoachServer(COACH, "--sessions", "memory", "--quiet", "--token", "sekret", "--token-ttl", "5").start()
try:
    secret = {"Authorization": "Bearer sekret"}
    def bearer(t):
        return {"Authorization": "Bearer " + t}
    ids = set()
    for _ in range(200):
        st, _, body = s.request("POST", "/v3/directline/tokens/generate", headers=secret)
        ids.add(json.loads(body)["conversationId"])
    # Ids (and tokens, were they bare hex as the old ones) from one keep-alive connection, read in
    # order as 64-bit outputs: 312 of them predict nothing.
    words = []
    while len(words) < 312:
        cst, _, cbody = s.request("POST", "/v3/directline/conversations", headers=secret)
        conv = json.loads(cbody)
        for value in (conv["conversationId"], conv.get("token", "")):
            if re.fullmatch(r"[0-9a-f]{32}", value):
                words += [int(value[:16], 16), int(value[16:32], 16)]
    cst, _, cbody = s.request("POST", "/v3/directline/conversations", headers=secret)
    nxt = json.loads(cbody)["conversationId"]
    guess = "".join(f"{w:016x}" for w in mt_predict(words, 2))
    check("dl ids: 156 ids do not predict the next (no mt19937_64 to clone)", cst == 201 and guess != nxt, (cst, guess, nxt))
    check("dl ids: 200 distinct, 32 hex digits", st == 200 and len(ids) == 200
          and all(len(i) == 32 and all(c in "0123456789abcdef" for c in i) for i in ids))
    st, _, body = s.request("POST", "/v3/directline/tokens/generate", headers=secret)
    gen = json.loads(body)
    st, _, body = s.request("POST", "/v3/directline/conversations", headers=bearer(gen["token"]))
    started = json.loads(body)
    check("token from tokens/generate starts that conversation", st == 201
          and started["conversationId"] == gen["conversationId"] and started["expires_in"] == 5, body[:200])
    mine = gen["conversationId"]
    st, _, body = s.request("POST", f"/v3/directline/conversations/{mine}/activities",
                            {"type": "message", "from": {"id": "u"}, "text": "You never listen"}, headers=bearer(gen["token"]))
    check("token posts to its conversation", st == 200, body[:200])
    st, _, body = s.request("POST", "/v3/directline/conversations", headers=secret)
    other = json.loads(body)["conversationId"]
    for method, path in (("GET", f"/v3/directline/conversations/{other}/activities"),
                         ("GET", f"/v3/directline/conversations/{other}")):
        st, _, body = s.request(method, path, headers=bearer(gen["token"]))
        check(f"token refused on another conversation: {method} {path[-11:]}", st == 403 and error_of(body) == "forbidden")
    st, _, body = s.request("POST", f"/v3/directline/conversations/{other}/activities",
                            {"type": "message", "text": "hi"}, headers=bearer(gen["token"]))
    check("token cannot post to another conversation", st == 403)
    forged = gen["token"].replace(mine, other)
    st, _, _ = s.request("GET", f"/v3/directline/conversations/{other}/activities", headers=bearer(forged))
    check("a token edited to name another conversation: 401", st == 401)
    st, _, body = s.request("POST", "/v3/directline/tokens/generate", headers=bearer(gen["token"]))
    check("a conversation token cannot mint tokens", st == 403)
    st, _, body = s.request("POST", "/v3/directline/tokens/refresh", headers=secret)
    check("refresh needs a conversation token", st == 403)
    st, _, body = s.request("POST", "/v3/directline/tokens/refresh", headers=bearer(gen["token"]))
    refreshed = json.loads(body)
    check("refresh: a new token for the same conversation", st == 200 and refreshed["conversationId"] == mine)
    time.sleep(6)  # past the 5 s lifetime (whole seconds: a token lives 4-5 s)
    st, h, body = s.request("GET", f"/v3/directline/conversations/{mine}/activities", headers=bearer(gen["token"]))
    check("expired token: 401", st == 401 and error_of(body) == "unauthorized" and h.get("WWW-Authenticate") == "Bearer")
    st, _, body = s.request("GET", f"/v3/directline/conversations/{mine}/activities", headers=secret)
    check("the secret still reads it", st == 200 and len(json.loads(body)["activities"]) == 3, body[:200])
finally:
    s.stop()

# Idle expiry: a live Direct Line conversation older than --idle-expiry keeps every activity and
# its numbering (expiry used to delete its old activities and the next number collided: 500);
# an idle one goes as a whole, in both stores. A negative watermark is a 400, not a crash.
for store in (["--db", os.path.join(tmp, "expiry.db")], ["--sessions", "memory"]):
    name = store[0][2:]
    s = CoachServer(COACH, *store, "--quiet", "--idle-expiry", "2").start()
    try:
        start = lambda: json.loads(s.request("POST", "/v3/directline/conversations")[2])["conversationId"]
        idle, live = start(), start()
        posts = []
        for i in range(5):
            time.sleep(1.1)
            posts.append(s.request("POST", f"/v3/directline/conversations/{live}/activities",
                                   {"type": "message", "text": f"message {i}"})[0])
        time.sleep(2.2)  # a sweep is due again, and the idle conversation is 7+ s old
        posts.append(s.request("POST", f"/v3/directline/conversations/{live}/activities",
                               {"type": "message", "text": "one more"})[0])
        st, _, body = s.request("GET", f"/v3/directline/conversations/{live}/activities")
        acts = json.loads(body)["activities"] if st == 200 else []
        check(f"{name}: a live conversation past --idle-expiry keeps its activities", posts == [200] * 6
              and len(acts) == 13 and [a["id"].split("|")[1] for a in acts] == [f"{i:07d}" for i in range(13)],
              f"{posts} {st} {body[:200]}")
        st, _, body = s.request("GET", f"/v3/directline/conversations/{idle}/activities")
        check(f"{name}: an idle conversation expires as a whole", st == 404 and error_of(body) == "not_found", f"{st}")
        st, _, body = s.request("GET", f"/v3/directline/conversations/{live}/activities?watermark=-5")
        check(f"{name}: a negative watermark is a 400", st == 400 and error_of(body) == "bad_request", f"{st}")
    finally:
        s.stop()

# The access log: no id that opens a conversation, no line forged or terminal driven by a path
# with %0a or %1b in it, one whole line per request even under concurrent requests.
s = CoachServer(COACH, "--sessions", "memory").start()
try:
    conv = json.loads(s.request("POST", "/v3/directline/conversations")[2])["conversationId"]
    s.request("GET", f"/v3/directline/conversations/{conv}/activities")
    port = int(s.url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(b"GET /x%0aFORGED%20200%1b[2J HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        sock.recv(4096)
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda i: s.request("POST", "/v1/analyze", {"text": "hi"}), range(200)))
finally:
    s.stop()
lines = [l for l in s.log.splitlines() if not l.startswith("coach:")]
check("log: no conversation id", conv not in s.log and "/conversations/{id}/activities 200" in s.log, s.log[-300:])
check("log: a %0a path forges no line, control bytes escaped",
      not any(l.startswith("FORGED") for l in lines) and "\x1b" not in s.log and "\\x0aFORGED" in s.log, s.log[-300:])
LOG_LINE = re.compile(r"[A-Z]+ \S+ \d{3}")
bad_lines = [l for l in lines if not LOG_LINE.fullmatch(l)]
check("log: one whole line per request", len(lines) == 203 and not bad_lines, f"{len(lines)} {bad_lines[:3]}")

# Reload never takes the server down: a symlink loop in the rules directory is a diagnostic
# (R000, 422 from /admin/reload; SIGHUP keeps serving the old set).
loop_rules = os.path.join(tmp, "loop-rules")
shutil.copytree(os.path.join(os.path.dirname(__file__), "..", "..", "rules", "en"), loop_rules)
s = CoachServer(COACH, "--sessions", "memory", "--quiet", "--token", "t", "--rules", loop_rules).start()
try:
    os.symlink("loop.rules", os.path.join(loop_rules, "loop.rules"))
    st, _, body = s.request("POST", "/admin/reload", headers={"Authorization": "Bearer t"})
    check("reload with a symlink loop: 422 with R000", st == 422 and "error[R000]" in body and "loop.rules" in body, body[:300])
    s.send_signal(signal.SIGHUP)
    time.sleep(1)
    check("SIGHUP with a symlink loop: still serving", s.proc.poll() is None and s.request("GET", "/healthz")[0] == 200)
finally:
    s.stop()

# Startup and reload share one loader: rules and a script that agree with each other but not with
# --language are refused by a reload just as by a start (R135), and the old set keeps serving.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from other_language import set_script_language, write_german_rules  # noqa: E402
lang_rules, lang_dialogs = os.path.join(tmp, "lang-rules"), os.path.join(tmp, "lang-dialogs")
shutil.copytree(os.path.join(os.path.dirname(__file__), "..", "..", "rules", "en"), lang_rules)
shutil.copytree(os.path.join(os.path.dirname(__file__), "..", "..", "dialogs", "en"), lang_dialogs)
s = CoachServer(COACH, "--sessions", "memory", "--quiet", "--token", "t", "--rules", lang_rules,
                "--dialogs", lang_dialogs, "--language", "en").start()
try:
    shutil.rmtree(lang_rules)
    write_german_rules(lang_rules)
    set_script_language(lang_dialogs, "de")
    st, _, body = s.request("POST", "/admin/reload", headers={"Authorization": "Bearer t"})
    check("reload of rules for another language: 422 with R135", st == 422 and "R135" in body, body[:300])
    st, _, body = s.request("POST", "/v1/analyze", {"text": "you never listen"}, headers={"Authorization": "Bearer t"})
    check("after a refused reload the old set still serves", st == 200 and "criticism" in body, body[:200])
finally:
    s.stop()

# Bounded storage: past --max-sessions and --max-conversations the least recently used go, in both
# stores; a conversation holds at most --max-activities; a stored activity is capped in size.
for store in (["--db", os.path.join(tmp, "caps.db")], ["--sessions", "memory"]):
    name = store[0][2:]
    s = CoachServer(COACH, *store, "--quiet", "--max-sessions", "10", "--max-conversations", "10",
                    "--max-activities", "6").start()
    try:
        for i in range(30):
            s.request("POST", "/v1/turn", {"session": f"cap{i}", "text": "You never listen to me"})
        first = json.loads(s.request("POST", "/v1/turn", {"session": "cap0", "text": ":ledger"})[2])["reply"]
        last = json.loads(s.request("POST", "/v1/turn", {"session": "cap29", "text": ":ledger"})[2])["reply"]
        check(f"{name}: past --max-sessions the oldest session is gone, the newest kept",
              "negative 1" in last and "negative 1" not in first, f"{first[:80]!r} {last[:80]!r}")
        convs = [json.loads(s.request("POST", "/v3/directline/conversations")[2])["conversationId"] for _ in range(30)]
        alive = [s.request("GET", f"/v3/directline/conversations/{c}/activities")[0] for c in convs]
        check(f"{name}: past --max-conversations the oldest conversations are gone", alive[0] == 404
              and alive[-1] == 200 and alive.count(200) <= 10, str(alive))
        c = convs[-1]
        posts = [s.request("POST", f"/v3/directline/conversations/{c}/activities", {"type": "message", "text": "hi"})[0]
                 for _ in range(3)]
        st, _, body = s.request("POST", f"/v3/directline/conversations/{c}/activities", {"type": "message", "text": "hi"})
        check(f"{name}: a full conversation refuses more (403 conversation_full)", posts == [200, 200, 403]
              and st == 403 and error_of(body) == "conversation_full", f"{posts} {st}")
        c = convs[-2]
        st, _, body = s.request("POST", f"/v3/directline/conversations/{c}/activities",
                                {"type": "event", "name": "x", "value": "v" * 100000})
        check(f"{name}: a 100 KB activity is refused (413)", st == 413 and error_of(body) == "too_large", f"{st}")
    finally:
        s.stop()
if os.path.exists(os.path.join(tmp, "caps.db")):
    import sqlite3
    with sqlite3.connect(os.path.join(tmp, "caps.db")) as db:
        n_sessions = db.execute("SELECT count(*) FROM sessions").fetchone()[0]
        n_convs = db.execute("SELECT count(DISTINCT conversation) FROM activities").fetchone()[0]
    check("db: at most 10 sessions and 10 conversations on disk", n_sessions <= 10 and n_convs <= 10,
          f"{n_sessions} {n_convs}")

# --session-keys: a /v1 or Rasa session is its id plus the client's own secret, so someone who
# knows or guesses an id reaches only a fresh session of their own, never the other's answers.
s = CoachServer(COACH, "--sessions", "memory", "--quiet", "--session-keys").start()
try:
    mine, guess = "k" * 16 + "-mine-secret", "k" * 16 + "-a-guess"
    s.request("POST", "/v1/turn", {"session": "ann", "session_key": mine, "text": "You never listen to me"})
    own = json.loads(s.request("POST", "/v1/turn", {"session": "ann", "session_key": mine, "text": ":ledger"})[2])["reply"]
    other = json.loads(s.request("POST", "/v1/turn", {"session": "ann", "session_key": guess, "text": ":ledger"})[2])["reply"]
    check("session keys: the owner's session keeps its turns, a guessed key gets a fresh one",
          "negative 1" in own and "negative 1" not in other, f"{own[:60]!r} {other[:60]!r}")
    st, _, body = s.request("POST", "/v1/turn", {"session": "ann", "text": ":ledger"})
    st2, _, _ = s.request("POST", "/v1/turn", {"session": "ann", "session_key": "short", "text": ":ledger"})
    check("session keys: missing or short key is a 400", st == 400 and st2 == 400 and "session_key" in body, f"{st} {st2}")
    s.request("POST", "/webhooks/rest/webhook", {"sender": "bo", "message": "You never listen to me",
                                                 "metadata": {"session_key": mine}})
    r_own = json.loads(s.request("POST", "/webhooks/rest/webhook", {"sender": "bo", "message": ":ledger",
                                                                    "metadata": {"session_key": mine}})[2])[0]["text"]
    r_other = json.loads(s.request("POST", "/webhooks/rest/webhook", {"sender": "bo", "message": ":ledger",
                                                                      "metadata": {"session_key": guess}})[2])[0]["text"]
    st, _, _ = s.request("POST", "/webhooks/rest/webhook", {"sender": "bo", "message": ":ledger"})
    check("session keys: Rasa's metadata.session_key scopes the sender the same way",
          "negative 1" in r_own and "negative 1" not in r_other and st == 400, f"{r_own[:60]!r} {r_other[:60]!r} {st}")
finally:
    s.stop()

# The transport (Boost.Beast, asynchronous) against hostile clients, on real sockets.
def raw_exchange(port, data, timeout=30, read_all=True):
    """Sends bytes, returns what comes back until the server closes (or the timeout)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        out = b""
        while True:
            try:
                chunk = sock.recv(65536)
            except (socket.timeout, ConnectionResetError):
                break
            if not chunk:
                break
            out += chunk
            if not read_all:
                break
        return out


def status_of(reply):
    try:
        return int(reply.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return None


ANALYZE = b'{"text": "you never listen"}'
s = CoachServer(COACH, "--sessions", "memory", "--quiet", "--max-connections", "500").start()
try:
    port = int(s.url.rsplit(":", 1)[1])
    # Slowloris and idle connections: 100 trickling headers and 300 silent sockets do not keep
    # a normal client waiting (the thread-per-connection server made it wait indefinitely).
    slow = []
    for i in range(400):
        c = socket.create_connection(("127.0.0.1", port), timeout=30)
        if i < 100:
            c.sendall(b"POST /v1/analyze HTTP/1.1\r\nHost: x\r\nX-Slow-" + str(i).encode() + b": ")
        slow.append(c)
    t0 = time.time()
    oks = [s.request("POST", "/v1/analyze", {"text": "you never listen"})[0] for _ in range(20)]
    took = time.time() - t0
    check("400 slow or idle connections: 20 normal requests still answered", oks == [200] * 20 and took < 20, f"{took:.1f}s")
    print(f"  20 requests beside 400 slow or idle connections: {took:.2f} s")
    for c in slow:
        c.close()
    # Past --max-connections: a 503 and close, never a hang.
    held = [socket.create_connection(("127.0.0.1", port), timeout=30) for _ in range(500)]
    time.sleep(0.5)
    reply = raw_exchange(port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
    check("past --max-connections: 503 busy", status_of(reply) == 503 and b'"busy"' in reply, reply[:120])
    for c in held:
        c.close()
    time.sleep(0.5)
    # A compressed body is refused, not inflated (300 KB of gzip would inflate to 300 MB).
    import gzip
    bomb = gzip.compress(b"a" * (30 << 20))
    reply = raw_exchange(port, b"POST /v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Content-Encoding: gzip\r\nContent-Length: " + str(len(bomb)).encode() + b"\r\n\r\n" + bomb)
    check("Content-Encoding: gzip is a 415", status_of(reply) == 415 and b"unsupported_encoding" in reply, reply[:120])
    # A chunked body past --max-body: 413, its rest dropped, memory untouched.
    rss_before = int(open(f"/proc/{s.proc.pid}/status").read().split("VmRSS:")[1].split()[0])
    chunk = b"%x\r\n" % (1 << 20) + b"a" * (1 << 20) + b"\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(b"POST /v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n")
        try:
            for _ in range(40):
                sock.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        reply = sock.recv(4096)
    rss_after = int(open(f"/proc/{s.proc.pid}/status").read().split("VmRSS:")[1].split()[0])
    check("a 40 MB chunked body: 413, RSS +<20 MB", status_of(reply) == 413 and rss_after - rss_before < 20 << 10,
          f"{reply[:60]} {rss_before}->{rss_after} kB")
    # Headers past 16 KiB: 431 at once (2 million headers used to be read into 250 MB).
    t0 = time.time()
    reply = raw_exchange(port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + b"X-A: b\r\n" * 200000 + b"\r\n")
    check("200,000 headers: 431 quickly", status_of(reply) == 431 and time.time() - t0 < 20, reply[:80])
    # Two pipelined requests: two replies, in order (the second used to be dropped).
    reply = raw_exchange(port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                         b"POST /v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Content-Length: " + str(len(ANALYZE)).encode() + b"\r\nConnection: close\r\n\r\n" + ANALYZE)
    check("pipelined: both answered, in order", reply.count(b"HTTP/1.1 200") == 2
          and reply.index(b'"fingerprint"') < reply.index(b'"findings"'), reply[:200])
    # A POST with neither a body nor a Content-Length is an empty body: an answer at once, no stall.
    t0 = time.time()
    reply = raw_exchange(port, b"POST /v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Connection: close\r\n\r\n")
    check("bodiless POST: 400 bad_json at once", status_of(reply) == 400 and b"bad_json" in reply
          and time.time() - t0 < 2, f"{reply[:80]} {time.time() - t0:.1f}s")
    # Expect: 100-continue: a body too large is refused before it is sent; an acceptable one continues.
    reply = raw_exchange(port, b"POST /v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Content-Length: 50000000\r\nExpect: 100-continue\r\n\r\n", read_all=False)
    check("Expect: 100-continue with 50 MB: 413, no 100", status_of(reply) == 413, reply[:80])
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(b"POST /v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\n"
                     b"Content-Length: " + str(len(ANALYZE)).encode() + b"\r\nExpect: 100-continue\r\n\r\n")
        first = sock.recv(4096)
        sock.sendall(ANALYZE)
        rest = b""
        while chunk_in := sock.recv(65536):
            rest += chunk_in
    check("Expect: 100-continue with a small body: 100, then 200", status_of(first) == 100
          and status_of(rest) == 200, f"{first[:40]} {rest[:40]}")
    # 200 busy keep-alive clients at once: every one is served (the 64-thread server left 136 of
    # 200 with at most one reply in 15 s), and a request among them is not kept waiting.
    import http.client

    def busy_client(i):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        got = 0
        for _ in range(5):
            conn.request("POST", "/v1/analyze", body=ANALYZE, headers={"Content-Type": "application/json"})
            r = conn.getresponse()
            r.read()
            got += r.status == 200
        conn.close()
        return got
    with concurrent.futures.ThreadPoolExecutor(200) as pool:
        futures = [pool.submit(busy_client, i) for i in range(200)]
        t0 = time.time()
        st = s.request("GET", "/healthz")[0]
        health_took = time.time() - t0
        served = [f.result() for f in futures]
    check("200 busy keep-alive clients: every one got its 5 replies", served == [5] * 200, str(sorted(set(served))))
    check("a request among them is not kept waiting", st == 200 and health_took < 10, f"{health_took:.1f}s")
    print(f"  200 busy keep-alive clients x 5 requests; a request among them answered in {health_took:.2f} s")
    check("server healthy after the transport attacks", s.request("GET", "/healthz")[0] == 200)
finally:
    s.stop()

# A reload while 100 keep-alive clients keep the server busy is not kept waiting (the 64-thread
# server made /admin/reload wait 8-18 s behind them), and the clients lose nothing to it.
s = CoachServer(COACH, "--sessions", "memory", "--quiet", "--token", "t").start()
try:
    import http.client
    port = int(s.url.rsplit(":", 1)[1])
    stop_busy = threading.Event()

    def keep_busy(_):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        bad = 0
        while not stop_busy.is_set():
            conn.request("POST", "/v1/analyze", body=ANALYZE,
                         headers={"Content-Type": "application/json", "Authorization": "Bearer t"})
            r = conn.getresponse()
            r.read()
            bad += r.status != 200
        conn.close()
        return bad

    # The bound is relative to an idle reload measured here (compiling the rules takes its own
    # time, and several times longer under the sanitizers): busy, at most four times that, or 10 s.
    t0 = time.time()
    st_idle = s.request("POST", "/admin/reload", headers={"Authorization": "Bearer t"})[0]
    idle_took = time.time() - t0
    with concurrent.futures.ThreadPoolExecutor(100) as pool:
        futures = [pool.submit(keep_busy, i) for i in range(100)]
        time.sleep(1)
        t0 = time.time()
        st, _, body = s.request("POST", "/admin/reload", headers={"Authorization": "Bearer t"})
        reload_took = time.time() - t0
        time.sleep(0.5)
        stop_busy.set()
        failed = sum(f.result() for f in futures)
    check("reload among 100 busy clients: 200, not kept waiting",
          st_idle == 200 and st == 200 and reload_took < max(10, 4 * idle_took), f"{st} {reload_took:.1f}s, idle {idle_took:.1f}s")
    check("the busy clients lost no request to the reload", failed == 0, str(failed))
    print(f"  reload among 100 busy keep-alive clients answered in {reload_took:.2f} s (idle: {idle_took:.2f} s)")
finally:
    s.stop()

# --token-file: the secret read from a file (not visible in ps); an empty file is refused.
tf = write("token.txt", "filesekret\n")
s = CoachServer(COACH, "--sessions", "memory", "--quiet", "--token-file", tf).start()
try:
    st, _, _ = s.request("POST", "/v1/analyze", {"text": "hi"}, headers={"Authorization": "Bearer filesekret"})
    st2, _, _ = s.request("POST", "/v1/analyze", {"text": "hi"})
    check("--token-file: its token admits, none refuses", st == 200 and st2 == 401, f"{st} {st2}")
    check("--token-file: the token is not on the command line", not any("filesekret" in a for a in s.args))
finally:
    s.stop()
p, _ = run(["serve", "--port", "0", "--token-file", write("empty.txt", "\n")])
check("--token-file with no token: exit 2 and a message", p.returncode == 2 and b"cannot read a token" in p.stderr, p.stderr[:200])

# Broken scripts and scenarios: every problem reported, nothing half-loaded.
d = os.path.join(tmp, "dialogs")
shutil.copytree(os.path.join(os.path.dirname(__file__), "..", "..", "dialogs", "en"), d)
with open(os.path.join(d, "practice", "broken.json"), "w") as f:
    f.write('{"id": "x", "nodes": ' + "[" * 100000 + "]" * 100000 + "}")
p, _ = run(["analyze", "--dialogs", d], b"hi\n")
check("broken scenario refuses the whole set", p.returncode == 1 and b"error[P001]" in p.stderr and p.stdout == b"",
      p.stderr[:300])

shutil.rmtree(tmp)
print(f"{results['passed']} passed, {results['failed']} failed")
sys.exit(1 if results["failed"] else 0)
