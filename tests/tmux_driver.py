"""Drive a program in a real terminal: a tmux server on its own socket."""
import os
import subprocess
import time


class Tmux:
    def __init__(self, name):
        self.socket = f"coach-{name}-{os.getpid()}"

    def __call__(self, *args, check=True):
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=check)

    def screen(self, escapes=False):
        args = ["capture-pane", "-p", "-J", "-t", "t"] + (["-e"] if escapes else []) + ["-S", "-300"]
        return self(*args, check=False).stdout

    def wait_for(self, text, timeout=10.0):
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
