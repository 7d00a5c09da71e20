#!/usr/bin/env python3
"""Scale-out: two `coach serve` workers on one real redis-server, behind a real HAProxy.

  test_scale.py COACH RULES_DIR

A guided flow and a Direct Line conversation alternate between the workers turn by turn; a
stream opened on one worker carries what is posted on the other; 100 concurrent turns on one
session from both workers count exactly 100; a worker killed with SIGKILL mid-conversation and
the conversation goes on through the load balancer with nothing lost; a reload on one worker
reaches the other; Redis stopped (503 with Retry-After, quickly) and started again (the
conversation goes on where it was). Prints 'N passed, N failed'; exits 1 on any failure.
"""
import base64
import concurrent.futures
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "clients"))
from server import CoachServer  # noqa: E402

COACH, RULES = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
results = {"passed": 0, "failed": 0}
SECRET = "scale-secret"


def check(name, cond, detail=""):
    results["passed" if cond else "failed"] += 1
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else f" {detail}"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, seconds=20):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return True
        except OSError:
            time.sleep(0.05)
    return False


def http(url, method="GET", body=None, token=SECRET, timeout=30):
    data = None if body is None else json.dumps(body).encode()
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if data is not None:
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, dict(r.headers), json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), json.loads(e.read() or b"null")


class Redis:
    """redis-server on a free port, appending every write to disk, so a restart loses nothing."""

    def __init__(self, folder):
        self.port, self.folder, self.proc = free_port(), folder, None

    def start(self):
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--dir", self.folder,
             "--appendonly", "yes", "--appendfsync", "always", "--save", ""],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if not wait_for_port(self.port):
            raise RuntimeError("redis-server did not start")
        return self

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()  # SIGTERM: Redis flushes and exits
            self.proc.wait(timeout=30)

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}"


class HAProxy:
    """Round robin over the workers; a worker that refuses connections is skipped (redispatch)."""

    def __init__(self, folder, workers):
        self.port = free_port()
        self.cfg = os.path.join(folder, "haproxy.cfg")
        servers = "\n".join(f"    server w{i} {w.url[7:]} check inter 300ms fall 1 rise 1"
                            for i, w in enumerate(workers))
        with open(self.cfg, "w") as f:
            f.write(f"""global
    maxconn 2000
defaults
    mode http
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    timeout tunnel 1h
    retries 3
    option redispatch
    retry-on conn-failure empty-response
frontend coach
    bind 127.0.0.1:{self.port}
    default_backend workers
backend workers
    balance roundrobin
    option httpchk GET /healthz
{servers}
""")
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(["haproxy", "-f", self.cfg, "-db"], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        if not wait_for_port(self.port):
            raise RuntimeError("haproxy did not start")
        time.sleep(0.7)  # the first health checks
        return self

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"


def stream_reader(url, watermark_url):
    """A minimal WebSocket client for a Direct Line stream: the handshake, then text frames
    (the server's frames are not masked). Returns a function that reads the next group."""
    host, rest = watermark_url[5:].split("/", 1)
    ip, port = host.split(":")
    sock = socket.create_connection((ip, int(port)), timeout=10)
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall((f"GET /{rest} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
    buf = b""
    while b"\r\n\r\n" not in buf:
        buf += sock.recv(4096)
    head, buf = buf.split(b"\r\n\r\n", 1)
    if b" 101 " not in head.split(b"\r\n")[0]:
        raise RuntimeError(head.decode(errors="replace"))
    state = {"buf": buf}

    def need(n):
        while len(state["buf"]) < n:
            chunk = sock.recv(65536)
            if not chunk:
                raise EOFError
            state["buf"] += chunk
        out, state["buf"] = state["buf"][:n], state["buf"][n:]
        return out

    def next_group():
        while True:
            b0, b1 = need(2)
            n = b1 & 0x7F
            if n == 126:
                n = int.from_bytes(need(2), "big")
            elif n == 127:
                n = int.from_bytes(need(8), "big")
            payload = need(n)
            if b0 & 0x0F == 1 and payload:
                return json.loads(payload)

    return next_group, sock


def post(base, conv, token, text):
    return http(f"{base}/v3/directline/conversations/{conv}/activities", "POST",
                {"type": "message", "from": {"id": "u1"}, "text": text}, token=token)


tmp = tempfile.mkdtemp()
redis = Redis(tmp).start()
rules = os.path.join(tmp, "rules")
shutil.copytree(RULES, rules)
args = ["--sessions", redis.url, "--token", SECRET, "--quiet", "--rules", rules]
w1, w2 = CoachServer(COACH, *args).start(), CoachServer(COACH, *args).start()
lb = HAProxy(tmp, [w1, w2]).start()
try:
    # A guided flow, each turn on the other worker.
    workers = [w1.url, w2.url]
    turns = ["You never help with the dishes", ":rewrite", "frustrated", "the dishes after dinner",
             "to share the evening chores"]
    flows = []
    for i, text in enumerate(turns):
        st, _, t = http(workers[i % 2] + "/v1/turn", "POST", {"session": "flow", "text": text})
        flows.append((st, t.get("flow"), t.get("reply", "")[:60]))
    steps = [(f or {}).get("step") for _, f, _ in flows]
    check("a guided flow goes on across workers, a step per turn",
          all(st == 200 for st, _, _ in flows) and steps[:5] == [None, "feeling", "situation", "need", None],
          str(flows))
    check("the flow ends with the message built from the answers",
          flows[4][2].startswith("Here's a gentle start-up") and "frustrate" in flows[4][2], str(flows[4]))

    # Direct Line: started through the load balancer, posts alternating between the workers, a
    # stream opened on one worker carries everything, and polling the other shows the same.
    st, _, conv = http(lb.url + "/v3/directline/conversations", "POST")
    cid, token = conv["conversationId"], conv["token"]
    st, _, again = http(f"{w2.url}/v3/directline/conversations/{cid}?watermark=0", token=token)
    next_group, sock = stream_reader(w2.url, again["streamUrl"])
    said = ["You never listen to me", "Whatever.", "I'm sorry, I was short with you", "Can we talk tonight?"]
    ids = [post(workers[i % 2], cid, token, text)[2]["id"] for i, text in enumerate(said)]  # turn by turn
    seen = []
    deadline = time.time() + 20
    while len([a for a in seen if a.get("replyToId")]) < len(said) and time.time() < deadline:
        seen += [a for a in next_group()["activities"] if a["type"] != "typing"]
    sock.close()
    users = [a["text"] for a in seen if a["type"] == "message" and a["from"]["id"] == "u1"]
    replies = [a["replyToId"] for a in seen if a.get("replyToId")]
    check("a stream on one worker carries posts made on both, turn by turn", users == said and replies == ids,
          f"{users} {replies} {ids}")
    st, _, polled = http(f"{w1.url}/v3/directline/conversations/{cid}/activities", token=token)
    check("polling on the other worker sees the same conversation",
          st == 200 and polled["watermark"] == str(1 + 2 * len(said)), str(polled.get("watermark")))

    # 100 concurrent turns on one session, half on each worker: each counted once.
    def hard(i):
        return http(workers[i % 2] + "/v1/turn", "POST", {"session": "race", "text": "You never help me"})[0]
    with concurrent.futures.ThreadPoolExecutor(16) as ex:
        statuses = list(ex.map(hard, range(100)))
    st, _, t = http(w1.url + "/v1/turn", "POST", {"session": "race", "text": ":ledger"})
    check("100 concurrent turns from both workers, each once", statuses.count(200) == 100 and
          "negative 100" in t["reply"], f"{statuses.count(200)} {t.get('reply')}")

    # A reload on one worker reaches the other: both run the new rule set.
    before = {http(w.url + "/healthz", token=None)[2]["fingerprint"] for w in (w1, w2)}
    with open(os.path.join(rules, "zz-scale-test.rules"), "w") as f:
        f.write('language en\n\nrule criticism.scale_test : criticism severity 1\n  match   you forgot the scale\n'
                '  why     "A rule added by the reload test."\n  example "you forgot the scale"\n'
                '  counter "I forgot the scale"\n')
    st, _, _ = http(w1.url + "/admin/reload", "POST")
    deadline = time.time() + 10
    after = before
    while time.time() < deadline:
        after = {http(w.url + "/healthz", token=None)[2]["fingerprint"] for w in (w1, w2)}
        if len(after) == 1 and after != before:
            break
        time.sleep(0.1)
    check("a reload on one worker reloads the other", st == 200 and len(after) == 1 and after != before,
          f"{before} -> {after}")

    # A worker killed with SIGKILL mid-conversation: the conversation goes on on the other.
    for text in ["You always make us late", "Fine."]:
        post(lb.url, cid, token, text)
    w1.stop(signal.SIGKILL)
    statuses = [post(lb.url, cid, token, text)[0] for text in ["I'm done talking about this", "ok, sorry"]]
    st, _, polled = http(f"{lb.url}/v3/directline/conversations/{cid}/activities", token=token)
    texts = [a.get("text") for a in polled["activities"] if a["type"] == "message" and a["from"]["id"] == "u1"]
    check("after SIGKILL of a worker the conversation goes on", statuses == [200, 200] and
          texts == said + ["You always make us late", "Fine.", "I'm done talking about this", "ok, sorry"], f"{statuses} {texts}")
    check("every message has its reply", len(polled["activities"]) == 1 + 2 * len(texts), str(len(polled["activities"])))

    # Redis slow (stopped with SIGSTOP): a request waits the 1 s timeout at most, then 503.
    redis.proc.send_signal(signal.SIGSTOP)
    try:
        started = time.time()
        st, h, _ = http(w2.url + "/v1/turn", "POST", {"session": "slow", "text": "hello"})
        elapsed = time.time() - started
    finally:
        redis.proc.send_signal(signal.SIGCONT)
    check("Redis hanging: 503 within 3 s", st == 503 and h.get("Retry-After") == "1" and elapsed < 3,
          f"{st} {elapsed:.2f}s")
    st, _, _ = http(w2.url + "/v1/turn", "POST", {"session": "slow", "text": "hello"})
    check("Redis answering again: served", st == 200, str(st))

    # Redis stopped: 503 with Retry-After, quickly; started again: the session goes on.
    http(w2.url + "/v1/turn", "POST", {"session": "redis-down", "text": "You never call"})
    redis.stop()
    started = time.time()
    st, h, body = http(w2.url + "/v1/turn", "POST", {"session": "redis-down", "text": "You never write"})
    elapsed = time.time() - started
    check("Redis down: 503 with Retry-After", st == 503 and h.get("Retry-After") == "1" and
          body["error"]["code"] == "store_unavailable", f"{st} {h} {body}")
    check("Redis down: answered within 3 s", elapsed < 3, f"{elapsed:.2f}s")
    check("Redis down: the worker stays up", http(w2.url + "/healthz", token=None)[0] == 200)
    redis.start()
    st, _, t = http(w2.url + "/v1/turn", "POST", {"session": "redis-down", "text": ":ledger"})
    check("Redis back: the session goes on where it was", st == 200 and "negative 1" in t["reply"], f"{st} {t}")
finally:
    lb.stop()
    for w in (w1, w2):
        w.stop()
    redis.stop()
    shutil.rmtree(tmp, ignore_errors=True)
# Under the sanitizers (the ASan build runs this file too), a report is a failure.
check("no sanitizer report from the workers", all("Sanitizer" not in w.log for w in (w1, w2)),
      (w1.log + w2.log)[-2000:])

# The caps and idle expiry hold in Redis as in the other stores.
redis = Redis(tempfile.mkdtemp()).start()
w = CoachServer(COACH, "--sessions", redis.url, "--quiet", "--max-sessions", "100", "--idle-expiry", "30").start()
try:
    for i in range(250):
        http(w.url + "/v1/turn", "POST", {"session": f"cap{i}", "text": "hello"}, token=None)
    cli = ["redis-cli", "-p", str(redis.port)]
    keys = subprocess.run(cli + ["--scan", "--pattern", "coach:s:*"], capture_output=True, text=True).stdout.split()
    check("--max-sessions holds in Redis", 90 <= len(keys) <= 101, str(len(keys)))
    check("the least recently used go, the newest stay",
          "coach:s:v1:cap249" in keys and "coach:s:v1:cap0" not in keys, str(sorted(keys)[:5]))
    ttl = int(subprocess.run(cli + ["TTL", keys[0]], capture_output=True, text=True).stdout.strip())
    check("sessions expire when idle (a TTL of --idle-expiry)", 0 < ttl <= 30, str(ttl))
finally:
    w.stop()
    redis.stop()
    shutil.rmtree(redis.folder, ignore_errors=True)
check("no sanitizer report from the capped worker", "Sanitizer" not in w.log, w.log[-2000:])

print(f"{results['passed']} passed, {results['failed']} failed")
sys.exit(1 if results["failed"] else 0)
