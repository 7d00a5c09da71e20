"""Drive a program in a real terminal: a tmux server on its own socket; checks that
show the screen when they fail."""
import os
import subprocess
import sys
import time


class Tmux:
    def __init__(self, name):
        self.socket = f"coach-{name}-{os.getpid()}"
        self.results = {"passed": 0, "failed": 0}

    def check(self, name, cond):
        self.results["passed" if cond else "failed"] += 1
        if not cond:
            print(f"FAIL {name}\n--- screen ---\n{self.screen()}\n--------------")

    def finish(self):
        """Prints 'N passed, N failed' and exits 1 on any failure."""
        print(f"{self.results['passed']} passed, {self.results['failed']} failed")
        sys.exit(1 if self.results["failed"] else 0)

    def __call__(self, *args, check=True):
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=check)

    def screen(self, escapes=False):
        args = ["capture-pane", "-p", "-J", "-t", "t"] + (["-e"] if escapes else []) + ["-S", "-300"]
        return self(*args, check=False).stdout

    def wait_for(self, text, timeout=60.0):
        end = time.time() + timeout
        while time.time() < end:
            if text in self.screen():
                return True
            time.sleep(0.05)
        return False

    def send(self, text):
        self("send-keys", "-t", "t", "-l", text)
        self("send-keys", "-t", "t", "Enter")

    def kill(self):
        self("kill-server", check=False)
