#!/usr/bin/env python3
"""Play one practice scenario interactively in a real terminal (tmux).

  test_practice_tty.py COACH
Prints 'N passed, N failed'; exits 1 on any failure.
"""
import os
import sqlite3
import subprocess
import sys
import tempfile
import time

COACH = os.path.abspath(sys.argv[1])
sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from tmux_driver import Tmux  # noqa: E402

tmux = Tmux("practice")
screen, wait_for, send = tmux.screen, tmux.wait_for, tmux.send
check = tmux.check


with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "coach.db")
    env = f"XDG_STATE_HOME={tmp} NO_COLOR=1 TERM=xterm-256color"
    tmux("new-session", "-d", "-s", "t", "-x", "160", "-y", "60",
         f"env {env} {COACH} practice late --seed 0 --db {db}; sleep 5")
    try:
        check("opening", wait_for("Practice: Late, and no text"))
        check("prompt", wait_for("you> "))
        send(":hint")
        check("hint", wait_for("You could try:"))
        send("I was really worried when I didn't hear from you.")
        check("partner hears the feeling", wait_for("worried"))
        send("Could you text me next time you're running late?")
        check("good ending", wait_for("You found your way back to each other."))
        check("debrief score", wait_for("Score: "))
        end = time.time() + 30
        while time.time() < end and tmux("display", "-p", "-t", "t", "#{pane_current_command}").stdout.strip() != "sleep":
            time.sleep(0.05)
        check("coach exits after the debrief",
              tmux("display", "-p", "-t", "t", "#{pane_current_command}").stdout.strip() == "sleep")
    finally:
        tmux.kill()
    con = sqlite3.connect(db)
    row = con.execute("SELECT scenario, ending, turns FROM runs").fetchone()
    check("run stored", row == ("late", "good", 2))
    con.close()

tmux.finish()
