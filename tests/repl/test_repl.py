#!/usr/bin/env python3
"""Drive the real `coach` REPL in a real terminal (tmux) as a person would.

  test_repl.py COACH
Prints 'N passed, N failed'; exits 1 on any failure.
"""
import os
import stat
import subprocess
import sys
import tempfile
import time

COACH = os.path.abspath(sys.argv[1])
sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from tmux_driver import Tmux  # noqa: E402

tmux = Tmux("repl")
screen, wait_for, send = tmux.screen, tmux.wait_for, tmux.send
check = tmux.check


def start(state, env_extra):
    env = " ".join(f"{k}={v}" for k, v in {"XDG_STATE_HOME": state, "TERM": "xterm-256color", **env_extra}.items())
    tmux("new-session", "-d", "-s", "t", "-x", "160", "-y", "50", f"env {env} {COACH} --seed 0")


with tempfile.TemporaryDirectory() as state:
    start(state, {"NO_COLOR": "1"})
    try:
        check("welcome", wait_for("conversation coach"))
        check("prompt", wait_for("you> "))
        send("You never help with the kids!")
        check("pattern named with quote", wait_for('Criticism: "You never help with the kids"'))
        check("suggestion in the user's words", wait_for('if you would help with the kids'))
        check("no colour with NO_COLOR", "\x1b[" not in screen(escapes=True))

        send(":why")
        check(":why names the rule", wait_for("criticism.never_you (criticism), bytes 0-28"))

        send(":more")
        check(":more shows another phrasing, still in the user's words",
              wait_for("Or, in other words (Gentle start-up)") and screen().count("help with the kids") >= 3)
        send(":more")
        send(":more")
        check(":more says when there is no other phrasing", wait_for("every phrasing I have for it"))

        tmux("send-keys", "-t", "t", "-l", "this line is cancelled")
        # Ctrl-C only once the whole line is on screen, and the next command only once a
        # fresh prompt stands alone: on a busy machine the echo lags behind the keys.
        check("typed line echoed", wait_for("you> this line is cancelled"))
        tmux("send-keys", "-t", "t", "C-c")
        end = time.time() + 60
        while time.time() < end and [ln for ln in screen().splitlines() if ln.strip()][-1].strip() != "you>":
            time.sleep(0.05)
        send(":ledger")
        check("Ctrl-C cancels the line, the REPL lives on", wait_for("Positive 0, negative 1"))
        check("cancelled text was not sent", "this line is cancelled\n" not in screen().replace("you> this line is cancelled", ""))

        send(":rewrite")
        check(":rewrite starts the gentle start-up", wait_for("What are you feeling?"))
        send("worn out")
        check("asks for the situation", wait_for("What happened, specifically?"))
        send("when I did bedtime alone four nights this week")
        check("asks for the need", wait_for("what do you need from them?"))
        send("I need you to take two of the bedtimes")
        check("composed sentence", wait_for(
            '"I feel worn out when I did bedtime alone four nights this week. I need you to take two of the bedtimes."'))

        send(":quit")
        end = time.time() + 30
        while time.time() < end and tmux("has-session", "-t", "t", check=False).returncode == 0:
            time.sleep(0.05)
        check(":quit ends the program", tmux("has-session", "-t", "t", check=False).returncode != 0)
    finally:
        tmux.kill()

    hist = os.path.join(state, "coach", "history")
    check("history persisted", os.path.exists(hist) and ":rewrite" in open(hist, errors="replace").read())
    check("history private (0600)", os.path.exists(hist) and stat.S_IMODE(os.stat(hist).st_mode) == 0o600)

    # Colour when the terminal allows it; Ctrl-D exits.
    start(state, {})
    try:
        check("welcome again", wait_for("conversation coach"))
        check("colour by default", "\x1b[" in screen(escapes=True))
        check("prompt again", wait_for("you> "))
        tmux("send-keys", "-t", "t", "C-d")
        end = time.time() + 30
        while time.time() < end and tmux("has-session", "-t", "t", check=False).returncode == 0:
            time.sleep(0.05)
        check("Ctrl-D exits", tmux("has-session", "-t", "t", check=False).returncode != 0)
    finally:
        tmux.kill()

# Piped stdin: no prompt, no colour, plain replies.
p = subprocess.run([COACH, "--seed", "0"], input="You never help.\n:quit\n", capture_output=True, text=True, timeout=120)
check("piped: reply", 'Criticism: "You never help"' in p.stdout)
check("piped: no prompt", "you> " not in p.stdout)
check("piped: no colour", "\x1b[" not in p.stdout)
check("piped: exit 0", p.returncode == 0)

tmux.finish()
