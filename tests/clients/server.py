"""Start `coach serve` on a free loopback port for a test, and stop it."""
import os
import re
import signal
import subprocess
import urllib.error
import urllib.request


class CoachServer:
    def __init__(self, coach, *args, env=None):
        self.args = [coach, "serve", "--port", "0", *args]
        self.env = {**os.environ, **(env or {})}
        self.proc = None
        self.log = ""

    def start(self):
        self.proc = subprocess.Popen(self.args, stderr=subprocess.PIPE, text=True, env=self.env)
        line = self.proc.stderr.readline()
        m = re.search(r"http://([\d.]+):(\d+)", line)
        if not m:
            raise RuntimeError("server did not start: " + line + self.proc.stderr.read())
        self.url = f"http://{m.group(1)}:{m.group(2)}"
        return self

    def request(self, method, path, body=None, headers=None, raw=None):
        data = raw if raw is not None else (None if body is None else __import__("json").dumps(body).encode())
        h = {"Content-Type": "application/json"} if data is not None else {}
        h.update(headers or {})
        req = urllib.request.Request(self.url + path, data=data, method=method, headers=h)
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                return r.status, dict(r.headers), r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read().decode()

    def send_signal(self, sig):
        self.proc.send_signal(sig)

    def stop(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=120)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log += self.proc.stderr.read() if self.proc and self.proc.stderr else ""
        return self.proc.returncode
