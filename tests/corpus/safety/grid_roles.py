#!/usr/bin/env python3
"""Control and fear said by anyone about anyone, in every tense: a grid of roles.

The held-out batches showed the control and fear rules caught a sentence in the form the
batch that taught them used, and missed the same act one role or tense away: "he cut me off
from my family" was caught, "he has cut me off from all my friends" was not; "he tracks me
through the gps" was, "she tracks him through the gps" was not (session 12). This grid is
the skeleton of those reports: every controller (he, she, my husband, her boyfriend, ...)
with every controlling act, told in the past, the present, the perfect and the habitual,
done to me, her or him; and every frightened person with every way fear of a partner shows.
Each must raise the safety response of its own kind. The same verbs in everyday uses
("he tracks the parcel", "she cut me off mid-sentence", "I'm scared of spiders") must not
raise anything.

  grid_roles.py COACH   exits 1 and lists every sentence on the wrong side
"""
import json
import subprocess
import sys

# Who controls, and the object/possessive/subject forms of the person controlled.
CONTROLLERS = ["he", "she", "my husband", "her boyfriend", "his girlfriend", "my ex"]
CONTROLLED = [("me", "my", "I"), ("her", "her", "she"), ("him", "his", "he")]
GENDER = {"he": "m", "my husband": "m", "her boyfriend": "m", "him": "m", "she": "f", "his girlfriend": "f", "her": "f"}

# (past, present, perfect participle, -ing form, rest); {o} object, {p} possessive.
CONTROL_ACTS = [
    ("cut", "cuts", "cut", "cutting", "{o} off from {p} friends"),
    ("cut", "cuts", "cut", "cutting", "{o} off from all {p} family"),
    ("isolated", "isolates", "isolated", "isolating", "{o} from everyone"),
    ("tracked", "tracks", "tracked", "tracking", "{o} through the gps on {p} phone"),
    ("tracked", "tracks", "tracked", "tracking", "{p} location"),
    ("read", "reads", "read", "reading", "all {p} messages"),
    ("went", "goes", "gone", "going", "through {p} phone"),
    ("checked", "checks", "checked", "checking", "{p} phone every night"),
    ("took", "takes", "taken", "taking", "{p} bank card"),
    ("took", "takes", "taken", "taking", "{p} wages"),
    ("stopped", "stops", "stopped", "stopping", "{o} from seeing {p} friends"),
    ("stopped", "stops", "stopped", "stopping", "{o} from working"),
    ("banned", "bans", "banned", "banning", "{o} from seeing {p} family"),
    ("locked", "locks", "locked", "locking", "{o} in the house"),
    ("controlled", "controls", "controlled", "controlling", "all {p} money"),
    ("controlled", "controls", "controlled", "controlling", "what {s} can wear"),
    ("demanded", "demands", "demanded", "demanding", "{p} passwords"),
    ("followed", "follows", "followed", "following", "{o} to work"),
    ("hid", "hides", "hidden", "hiding", "{p} passport"),
    ("hid", "hides", "hidden", "hiding", "{p} car keys so {s} can't leave"),
    ("put", "puts", "put", "putting", "a tracker on {p} car"),
    ("installed", "installs", "installed", "installing", "spyware on {p} phone"),
    ("listened", "listens", "listened", "listening", "in on {p} calls"),
    ("made", "makes", "made", "making", "{o} share {p} location"),
    ("made", "makes", "made", "making", "{o} ask for money"),
    ("monitored", "monitors", "monitored", "monitoring", "{p} spending"),
    ("logged", "logs", "logged", "logging", "into {p} email"),
    ("turned", "turns", "turned", "turning", "up at {p} work to check on {o}"),
]

# A controller who "won't let" someone do something.
CONTROL_LETS = ["won't let", "doesn't let", "never lets"]
LET_ACTS = ["{o} see {p} friends", "{o} go out alone", "{o} have {p} own bank account", "{o} get a job",
            "{o} visit {p} family", "{o} have a phone"]

# Who is afraid (subject, be, object, possessive, lives-verb suffix), and of whom.
AFRAID = [("I", "am", "me", "my", ""), ("my sister", "is", "her", "her", "s"), ("my friend", "is", "him", "his", "s"),
          ("she", "is", "her", "her", "s")]
PARTNERS = [("husband", "he", "his"), ("girlfriend", "she", "her"), ("ex", "he", "his"), ("wife", "she", "her")]
# {x} afraid one, {be} their be, {xo} object, {xp} possessive, {v} verb suffix, {y} the partner,
# {yp} partner pronoun, {yq} partner possessive.
FEAR_SIGNS = [
    "{x} {be} terrified of {y}",
    "{x} {be} afraid to go home to {y}",
    "{x} hide{v} from {y} when {yp} drinks",
    "{x} {be} scared of what {yp} will do if {x} leave{v}",
    "{x} walk{v} on eggshells around {y}",
    "{x} {be} scared {yp} will find {xo}",
    "{x} sleep{v} in the car because of {y}",
    "{x} {be} frightened of how {yp} gets when {yp} drinks",
    "{x} {be} afraid {yp} will hurt {xo}",
    "{x} lock{v} the bedroom door at night because of {y}",
    "{x} flinch{v} whenever {y} comes near",
    "{x} {be} afraid of {y} coming home",
    "{x} {be} too scared to leave {y}",
    "{x} {be} frightened of {y}",
]

EVERYDAY = [
    # control's verbs in ordinary uses
    "he tracks the parcel every morning", "she cut me off mid-sentence", "he cut me off in traffic",
    "my husband took my card to pay for dinner", "she goes through my wardrobe for things to borrow",
    "he follows me on instagram", "my girlfriend checks my spelling before I send emails",
    "she locked me out by accident", "he made me ask for directions", "she stopped me from eating the last slice",
    "he controls the tv remote", "she demanded a rematch", "my ex turned up at my work with my post",
    "she hides my chocolate from me", "he put a tracker on the dog's collar", "she listens to my podcasts",
    "my husband monitors the baby on the app", "he logs into my netflix", "he won't let me pay for dinner",
    "she never lets me do the washing up", "he won't let me lift anything heavy since the surgery",
    "my wife reads all my messages out loud to me when I'm driving", "he banned me from the quiz for cheating",
    "she isolated the bug in the code", "he took my wages to the bank for me because I was ill",
    # fear's words in ordinary uses
    "I am terrified of spiders", "she is scared of the dark", "I'm afraid to go home because the house is a mess",
    "I'm scared of what my mum will say about my haircut", "I sleep in the car on long road trips",
    "I lock the bedroom door at night because the cat wakes me", "I'm afraid he'll find out about the surprise party",
    "she is scared he will find the presents", "I flinch whenever the dentist comes near",
    "I'm frightened of how fast the year is going", "my friend is terrified of flying",
]


def control_sentences():
    out = []
    for s in CONTROLLERS:
        for o, p, subj in CONTROLLED:
            if GENDER.get(s) and GENDER.get(s) == GENDER.get(o):
                continue  # "he checks his phone" is his own phone
            for past, pres, perf, ing, rest in CONTROL_ACTS:
                r = rest.format(o=o, p=p, s=subj)
                out += [f"{s} {past} {r}", f"{s} {pres} {r}", f"{s} has {perf} {r}", f"{s} keeps {ing} {r}"]
            for let in CONTROL_LETS:
                out += [f"{s} {let} {a.format(o=o, p=p)}" for a in LET_ACTS]
    return out


def fear_sentences():
    out = []
    for x, be, xo, xp, v in AFRAID:
        for role, yp, _ in PARTNERS:
            y = f"{xp} {role}"
            out += [t.format(x=x, be=be, xo=xo, xp=xp, v=v, y=y, yp=yp) for t in FEAR_SIGNS]
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    rows = ([(t, "control") for t in control_sentences()] + [(t, "fear") for t in fear_sentences()]
            + [(t, None) for t in EVERYDAY])
    out = subprocess.run([sys.argv[1], "analyze", "--json"], input="".join(t + "\n" for t, _ in rows),
                         capture_output=True, text=True, check=True).stdout.splitlines()
    if len(out) != len(rows):
        sys.exit(f"expected {len(rows)} JSON lines, got {len(out)}")
    wrong, tally = [], {}
    for (text, kind), line in zip(rows, out):
        kinds = json.loads(line)["signals"]["safety_kinds"]
        ok = (kind in kinds) if kind else not kinds
        n, good = tally.get(kind or "everyday", (0, 0))
        tally[kind or "everyday"] = (n + 1, good + ok)
        if not ok:
            wrong.append(f"{'raised' if not kind else 'silent'}: {text}" + (f"  [{','.join(kinds)}]" if kinds else ""))
    print("\n".join(wrong))
    print("; ".join(f"{k}: {g}/{n} right" for k, (n, g) in tally.items()))
    sys.exit(1 if wrong else 0)


if __name__ == "__main__":
    main()
