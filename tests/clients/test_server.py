#!/usr/bin/env python3
"""`coach serve` over real HTTP on loopback: every error status, the /v1 API, the Rasa
channel and Direct Line by hand, sessions that survive kill -9, hot reload, SIGTERM.

  test_server.py COACH RULES_DIR
Prints 'N passed, N failed'; exits 1 on any failure.
"""
import json
import os
import shutil
import signal
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from break_time import around  # noqa: E402
from server import CoachServer  # noqa: E402

COACH, RULES = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
results = {"passed": 0, "failed": 0}



def check(name, cond, detail=""):
    results["passed" if cond else "failed"] += 1
    if not cond:
        print(f"FAIL {name} {detail}")


def error_of(body):
    try:
        return json.loads(body)["error"]["code"]
    except Exception:
        return None


tmp = tempfile.mkdtemp()
db = os.path.join(tmp, "coach.db")
s = CoachServer(COACH, "--db", db).start()
try:
    st, _, body = s.request("GET", "/healthz")
    check("healthz", st == 200 and json.loads(body)["status"] == "ok")

    st, _, body = s.request("POST", "/v1/analyze", {"text": "You never listen! 🙄"})
    a = json.loads(body)
    check("analyze", st == 200 and a["categories"] == ["criticism", "contempt"] and a["suggestions"], body[:200])
    st, _, body = s.request("POST", "/v1/analyze", {"text": "hi", "language": "de"})
    check("analyze other language 400", st == 400 and error_of(body) == "unsupported_language")

    st, _, body = s.request("POST", "/v1/turn", {"session": "s1", "text": "You always forget the milk."})
    t = json.loads(body)
    check("turn", st == 200 and t["session"] == "s1" and "Criticism" in t["reply"], body[:200])
    st, _, body = s.request("POST", "/v1/turn", {"session": "s1", "text": "I'm sorry, I was short with you", "mode": "sending"})
    st, _, body = s.request("POST", "/v1/turn", {"session": "s1", "text": ":ledger"})
    check("session kept between requests", "Positive 1, negative 1" in json.loads(body)["reply"], body[:300])

    # Every error status, each with a JSON body.
    st, h, body = s.request("GET", "/v1/turn")
    check("405 + Allow", st == 405 and h.get("Allow") == "POST" and error_of(body) == "method_not_allowed")
    st, _, body = s.request("DELETE", "/healthz")
    check("405 on DELETE", st == 405 and error_of(body) == "method_not_allowed")
    st, _, body = s.request("POST", "/v1/turn", raw=b'{"session":"x","text":"hi"}', headers={"Content-Type": "text/plain"})
    check("415", st == 415 and error_of(body) == "unsupported_media_type")
    st, _, body = s.request("POST", "/v1/turn", raw=b"{not json")
    check("400 bad json", st == 400 and error_of(body) == "bad_json")
    st, _, body = s.request("POST", "/v1/turn", raw=b'{"session":"x","text":"\xff\xfe"}')
    check("400 invalid utf-8", st == 400 and error_of(body) == "bad_json")
    st, _, body = s.request("POST", "/v1/turn", {"text": "no session"})
    check("400 missing field", st == 400 and error_of(body) == "bad_request")
    st, _, body = s.request("POST", "/v1/turn", {"session": "x", "text": "hi", "mode": "loud"})
    check("400 bad mode", st == 400 and error_of(body) == "bad_request")
    st, _, body = s.request("POST", "/v1/analyze", raw=b'{"text": "' + b"a" * (2 << 20) + b'"}')
    check("413", st == 413 and error_of(body) == "too_large")
    st, _, body = s.request("GET", "/no/such/thing")
    check("404", st == 404 and error_of(body) == "not_found")
    st, _, body = s.request("POST", "/admin/reload")
    check("admin needs a token", st == 404)

    # Rasa REST channel.
    st, _, body = s.request("GET", "/webhooks/rest/")
    check("rasa status", st == 200 and json.loads(body) == {"status": "ok"})
    st, _, body = s.request("POST", "/webhooks/rest/webhook", {"sender": "ann", "message": "Whatever."})
    r = json.loads(body)
    check("rasa shape", st == 200 and r[0]["recipient_id"] == "ann" and "Stonewalling" in r[0]["text"]
          and r[1]["custom"]["categories"] == ["stonewalling"], body[:300])
    st, _, body = s.request("POST", "/webhooks/rest/webhook", {"sender": "ann", "message": "You never help",
                                                               "metadata": {"mode": "received"}})
    check("rasa received mode", "Try not to defend yourself" in json.loads(body)[0]["text"] or
          "Under an" in json.loads(body)[0]["text"] or "validating" in json.loads(body)[0]["text"], body[:300])

    # Direct Line by hand.
    st, _, body = s.request("POST", "/v3/directline/conversations")
    conv = json.loads(body)["conversationId"]
    check("dl start 201", st == 201 and conv)
    st, _, body = s.request("POST", f"/v3/directline/conversations/{conv}/activities",
                            {"type": "message", "from": {"id": "u"}, "text": "You're so selfish"})
    check("dl post", st == 200 and json.loads(body)["id"].startswith(conv + "|"))
    st, _, body = s.request("GET", f"/v3/directline/conversations/{conv}/activities?watermark=1")
    acts = json.loads(body)
    bot = [a for a in acts["activities"] if a["from"].get("role") == "bot" and a["type"] == "message"]
    check("dl poll", st == 200 and acts["watermark"] == "3" and bot and bot[0]["channelData"]["categories"] == ["criticism"],
          body[:300])
    st, _, body = s.request("GET", f"/v3/directline/conversations/{conv}/activities?watermark=3")
    check("dl watermark", json.loads(body)["activities"] == [])
    # Web Chat's localTimezone: the break time is the user's, not the server's.
    st, _, body = s.request("POST", "/v3/directline/conversations")
    conv2 = json.loads(body)["conversationId"]
    t0 = time.time()
    s.request("POST", f"/v3/directline/conversations/{conv2}/activities",
              {"type": "message", "from": {"id": "u"}, "text": "Whatever.", "localTimezone": "Asia/Kolkata"})
    t1 = time.time()
    st, _, body = s.request("GET", f"/v3/directline/conversations/{conv2}/activities?watermark=1")
    reply = [a for a in json.loads(body)["activities"] if a["from"].get("role") == "bot"][0]["text"]
    check("dl break time in the activity's localTimezone",
          around("Asia/Kolkata", t0) in reply or around("Asia/Kolkata", t1) in reply, reply[:300])
    st, _, body = s.request("GET", "/v3/directline/conversations/ffff/activities")
    check("dl unknown 404", st == 404 and error_of(body) == "not_found")

    # kill -9: finished turns survive in SQLite, and the conversation goes on.
    s.stop(signal.SIGKILL)
    s = CoachServer(COACH, "--db", db).start()
    st, _, body = s.request("POST", "/v1/turn", {"session": "s1", "text": ":ledger"})
    check("session survives kill -9", "Positive 1, negative 1" in json.loads(body)["reply"], body[:300])
    st, _, body = s.request("GET", f"/v3/directline/conversations/{conv}/activities")
    check("dl conversation survives kill -9", len(json.loads(body)["activities"]) == 3)
finally:
    code = s.stop()
check("SIGTERM exits 0", code == 0, str(code))
check("database readable by the user only", os.stat(db).st_mode & 0o777 == 0o600, oct(os.stat(db).st_mode))
check("no message text in the log", "selfish" not in s.log and "forget the milk" not in s.log and "POST /v1/turn 200" in s.log,
      s.log[-500:])

# Token, memory sessions, hot reload (SIGHUP and /admin/reload), a broken reload.
rules = os.path.join(tmp, "rules")
shutil.copytree(RULES, rules)
s = CoachServer(COACH, "--sessions", "memory", "--token", "sekret", "--rules", rules).start()
try:
    st, h, body = s.request("POST", "/v1/analyze", {"text": "hi"})
    check("401 without token", st == 401 and error_of(body) == "unauthorized" and h.get("WWW-Authenticate") == "Bearer")
    auth = {"Authorization": "Bearer sekret"}
    st, _, body = s.request("POST", "/v1/analyze", {"text": "you are such a dingbat"}, headers=auth)
    check("authorized", st == 200 and json.loads(body)["categories"] == [])
    check("healthz is open", s.request("GET", "/healthz")[0] == 200)
    before = json.loads(s.request("GET", "/healthz")[2])["fingerprint"]
    st, _, _ = s.request("POST", "/v1/turn", {"session": "keep", "text": "You never call."}, headers=auth)

    with open(os.path.join(rules, "extra.rules"), "w") as f:
        f.write('language en\nrule contempt.dingbat : contempt severity 2\n  match you are such a dingbat\n'
                '  why "x"\n  example "you are such a dingbat"\n  counter "dingbats are fun"\n')
    s.send_signal(signal.SIGHUP)
    # The reload runs in the background; under ASan on a busy machine it can take seconds,
    # so wait for the fingerprint to change instead of sleeping a fixed time.
    deadline = time.monotonic() + 120
    after = before
    while after == before and time.monotonic() < deadline:
        time.sleep(0.1)
        after = json.loads(s.request("GET", "/healthz")[2])["fingerprint"]
    check("new fingerprint", after != before)
    st, _, body = s.request("POST", "/v1/analyze", {"text": "you are such a dingbat"}, headers=auth)
    check("SIGHUP reload", json.loads(body)["categories"] == ["contempt"], body[:200])
    st, _, body = s.request("POST", "/v1/turn", {"session": "keep", "text": ":ledger"}, headers=auth)
    check("live session continues", "negative 1" in json.loads(body)["reply"], body[:200])

    with open(os.path.join(rules, "broken.rules"), "w") as f:
        f.write("language en\nrule criticism.x : criticism\n  match you @nope\n  example \"you\"\n  counter \"me\"\n")
    st, _, body = s.request("POST", "/admin/reload", headers=auth)
    r = json.loads(body)
    check("broken reload 422 with diagnostics", st == 422 and error_of(body) == "reload_failed"
          and any("broken.rules:3:13: error[R104]" in d for d in r["diagnostics"]), body[:300])
    st, _, body = s.request("POST", "/v1/analyze", {"text": "you are such a dingbat"}, headers=auth)
    check("old set still running", json.loads(body)["categories"] == ["contempt"])
    os.remove(os.path.join(rules, "broken.rules"))
    st, _, body = s.request("POST", "/admin/reload", headers=auth)
    check("admin reload 200", st == 200 and json.loads(body)["reloaded"] is True)
finally:
    s.stop()

# --log-messages puts request bodies in the log (off by default, checked above).
s = CoachServer(COACH, "--sessions", "memory", "--log-messages").start()
try:
    s.request("POST", "/v1/analyze", {"text": "you never call your mother"})
finally:
    s.stop()
check("--log-messages logs text", "you never call your mother" in s.log, s.log[-300:])

# CORS: none by default; with --cors-origin a preflight is answered without auth and every
# answer on the Direct Line and /v1 routes, errors included, names the allowed origin.
page = "https://site.example"
s = CoachServer(COACH, "--sessions", "memory").start()
try:
    st, h, body = s.request("OPTIONS", "/v3/directline/conversations",
                            headers={"Origin": page, "Access-Control-Request-Method": "POST"})
    check("no CORS by default: preflight 403", st == 403 and error_of(body) == "origin_not_allowed", f"{st} {body}")
    st, h, _ = s.request("POST", "/v1/analyze", {"text": "hi"}, headers={"Origin": page})
    check("no CORS by default: no allow header", st == 200 and "Access-Control-Allow-Origin" not in h, str(h))
    st, h, _ = s.request("OPTIONS", "/v1/turn")
    check("plain OPTIONS lists the methods", st == 204 and h.get("Allow") == "POST, OPTIONS", f"{st} {h}")
finally:
    s.stop()
s = CoachServer(COACH, "--sessions", "memory", "--token", "sekret", "--cors-origin", page + "/",
                "--cors-origin", "http://localhost:8080", "--max-body", "2000").start()
try:
    pre = {"Origin": page, "Access-Control-Request-Method": "POST",
           "Access-Control-Request-Headers": "authorization, content-type, x-ms-bot-agent, x-evil, set-cookie"}
    st, h, body = s.request("OPTIONS", "/v3/directline/conversations", headers=pre)
    check("preflight 204 without auth", st == 204 and body == "", f"{st} {body}")
    check("preflight allows the origin", h.get("Access-Control-Allow-Origin") == page and h.get("Vary") == "Origin", str(h))
    check("preflight names the methods", h.get("Access-Control-Allow-Methods") == "POST, OPTIONS", str(h))
    check("preflight headers: known ones only",
          h.get("Access-Control-Allow-Headers") == "Authorization, Content-Type, x-ms-bot-agent", str(h))
    st, h, _ = s.request("OPTIONS", "/v3/directline/conversations/abc/activities",
                         headers={"Origin": page, "Access-Control-Request-Method": "GET"})
    check("preflight on a conversation route", st == 204 and h.get("Access-Control-Allow-Methods") == "GET, POST, OPTIONS", str(h))
    st, h, body = s.request("OPTIONS", "/v3/directline/conversations",
                            headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    check("preflight from another origin 403", st == 403 and "Access-Control-Allow-Origin" not in h, f"{st} {h}")
    st, h, body = s.request("POST", "/v3/directline/conversations", headers={"Origin": page, "Authorization": "Bearer sekret"})
    check("answer names the origin", st == 201 and h.get("Access-Control-Allow-Origin") == page and h.get("Vary") == "Origin", str(h))
    st, h, body = s.request("POST", "/v3/directline/conversations", headers={"Origin": page})
    check("401 names the origin too", st == 401 and h.get("Access-Control-Allow-Origin") == page, f"{st} {h}")
    st, h, body = s.request("POST", "/v1/analyze", raw=b"x" * 5000, headers={"Origin": page, "Authorization": "Bearer sekret"})
    check("413 from the transport names the origin", st == 413 and h.get("Access-Control-Allow-Origin") == page, f"{st} {h}")
    st, h, _ = s.request("POST", "/v1/analyze", {"text": "hi"}, headers={"Origin": "http://localhost:8080", "Authorization": "Bearer sekret"})
    check("second origin allowed", st == 200 and h.get("Access-Control-Allow-Origin") == "http://localhost:8080", str(h))
    st, h, _ = s.request("POST", "/v1/analyze", {"text": "hi"}, headers={"Origin": "https://evil.example", "Authorization": "Bearer sekret"})
    check("other origin: no allow header", st == 200 and "Access-Control-Allow-Origin" not in h and h.get("Vary") == "Origin", str(h))
    st, h, _ = s.request("GET", "/healthz", headers={"Origin": page})
    check("CORS only on the page routes", st == 200 and "Access-Control-Allow-Origin" not in h, str(h))
finally:
    s.stop()

# Idle conversations expire.
s = CoachServer(COACH, "--sessions", "memory", "--idle-expiry", "1").start()
try:
    s.request("POST", "/v1/turn", {"session": "idle", "text": "You never help."})
    st, _, body = s.request("POST", "/v1/turn", {"session": "idle", "text": ":ledger"})
    check("session alive", "negative 1" in json.loads(body)["reply"])
    time.sleep(2.2)
    s.request("POST", "/v1/turn", {"session": "other", "text": "hello"})  # any turn sweeps
    st, _, body = s.request("POST", "/v1/turn", {"session": "idle", "text": ":ledger"})
    check("idle session expired", "No exchanges counted yet" in json.loads(body)["reply"], body[:200])
finally:
    s.stop()

shutil.rmtree(tmp)
print(f"{results['passed']} passed, {results['failed']} failed")
sys.exit(1 if results["failed"] else 0)
