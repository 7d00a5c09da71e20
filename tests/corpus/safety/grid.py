#!/usr/bin/env python3
"""The plain vocabulary of a report, with anyone acting and anyone hurt.

The safety batches are sentences people wrote; this grid is their skeleton: every subject
with every report verb and every person hurt ("a man kidnapped my sister", "his wife was
strangled"), which must all raise the safety response, and the same verbs and people in
their everyday uses ("my dad beat me at chess again", "she dragged me to ikea"), which must
not. Before round 44 the rules caught most reports only with a partner or the writer in them
(392 of 481 passive sentences of an earlier, wider grid were silent), and threats mostly against
"you" ("I'll poison your mum", "he said he'd drown the dog" were silent); this keeps that fixed.

  grid.py COACH        exits 1 and lists every sentence on the wrong side
"""
import json
import subprocess
import sys

PASSIVE_SUBJECTS = ["she", "he", "my friend", "my sister", "a girl I know", "his wife", "my mum", "we", "I",
                    "my cousin"]
PASSIVE_VERBS = ["raped", "molested", "sexually assaulted", "kidnapped", "strangled", "trafficked", "abducted",
                 "beaten up", "stalked", "blackmailed", "threatened by her ex", "groped on the bus",
                 "attacked with acid", "stabbed by her husband"]
ACTIVE_SUBJECTS = ["a man", "some boys", "my uncle", "her boyfriend", "someone", "the neighbour", "my stepdad",
                   "an old man"]
ACTIVE_VERBS = ["raped", "molested", "groped", "kidnapped", "strangled", "stabbed", "beat up", "tried to rape",
                "is stalking", "blackmailed", "threatened", "sexually assaulted", "keeps following"]
HURT = ["her", "my sister", "his wife", "the girl", "my friend", "us", "me", "my mum"]

THREAT_SPEAKERS = ["I'll", "I'm going to", "he said he'd", "she says she will", "he threatened to", "my ex said he would"]
THREAT_HARMS = ["stab", "poison", "drown", "shoot", "strangle", "hurt", "beat up"]
THREATENED = ["your mum", "the dog", "the baby", "my son", "your new boyfriend", "her sister", "the kids"]

EVERYDAY_SUBJECTS = ["my brother", "my dad", "she", "my girlfriend", "the kids"]
EVERYDAY_USES = ["beat me at chess again", "dragged me to ikea on sunday", "kidnapped me for a surprise birthday",
                 "stalked his instagram for an hour", "followed me on twitter", "whipped the cream for the trifle",
                 "stabbed the potatoes with a fork", "battered the fish for tea", "threatened to unfollow me lol",
                 "strangled the weeds in the garden", "killed it at karaoke", "smashed the quiz",
                 "beat me to the last slice", "hit the gym twice today", "shot a great photo of the sunset",
                 "said she'll smash you at squash", "will shoot your wedding photos", "will drown you in kisses",
                 "will burn the toast again", "said he'd beat you at darts"]


def sentences():
    be = {"we": "were", "I": "was"}
    reports = [f"{s} {be.get(s, 'was')} {v}" for s in PASSIVE_SUBJECTS for v in PASSIVE_VERBS]
    reports += [f"{s} {v} {o}" for s in ACTIVE_SUBJECTS for v in ACTIVE_VERBS for o in HURT]
    reports += [f"{s} dragged {o} by the hair" for s in ACTIVE_SUBJECTS for o in HURT]
    reports += [f"{s} {h} {o} if you leave" for s in THREAT_SPEAKERS for h in THREAT_HARMS for o in THREATENED]
    everyday = [f"{s} {v}" for s in EVERYDAY_SUBJECTS for v in EVERYDAY_USES]
    return reports, everyday


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    reports, everyday = sentences()
    rows = [(t, True) for t in reports] + [(t, False) for t in everyday]
    out = subprocess.run([sys.argv[1], "analyze", "--json"], input="".join(t + "\n" for t, _ in rows),
                         capture_output=True, text=True, check=True).stdout.splitlines()
    if len(out) != len(rows):
        sys.exit(f"expected {len(rows)} JSON lines, got {len(out)}")
    wrong = [(t, want) for (t, want), line in zip(rows, out)
             if (json.loads(line)["signals"]["safety"] is not None) != want]
    for t, want in wrong:
        print(("silent: " if want else "raised: ") + t)
    print(f"reports raised: {len(reports) - sum(w for _, w in wrong)}/{len(reports)}; "
          f"everyday uses raised: {sum(not w for _, w in wrong)}/{len(everyday)}")
    sys.exit(1 if wrong else 0)


if __name__ == "__main__":
    main()
