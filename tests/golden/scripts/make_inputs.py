#!/usr/bin/env python3
"""Regenerate the broken scripts: each is dialogs/en/coach.json with one deliberate
mistake per error code. Run from this folder, then `run.py --update` and review the diff."""
import copy
import json
import pathlib
import re

base = json.loads((pathlib.Path(__file__).parents[3] / "dialogs/en/coach.json").read_text())


def write(name, obj):
    text = json.dumps(obj, indent=2, ensure_ascii=False)
    # Word lists on one line, as in coach.json, so the copies stay readable.
    text = re.sub(r'\[\n(\s+"[^"\n]{0,39}",?\n)+\s+\]', lambda m: json.dumps(json.loads(m.group(0)), ensure_ascii=False), text)
    pathlib.Path(name + ".json").write_text(text + "\n")


def mutate(name, change):
    s = copy.deepcopy(base)
    change(s)
    write(name, s)


pathlib.Path("D001_invalid_json.json").write_text('{\n  "language": "en"\n  "slots": {}\n}\n')


def d002(s):
    s["categories"]["criticism"]["suggest"] = "one string"
    s["safety"]["resources"][1] = 988
    s["rephrase"]["words"]["stop"] = "a an the"
    s["safety"]["you"]["control"] = ["a list"]


def d003(s):
    del s["categories"]["contempt"]["antidote"]["how"]
    del s["rephrase"]["strategies"]["criticism"][0]["id"]
    del s["messages"]["welcome"]
    del s["repair"]["sorry"]
    del s["practice"]["endings"]["bad"]


def d004(s):
    s["categories"]["criticism"]["sugest"] = s["categories"]["criticism"].pop("suggest")
    s["safety"]["sender"]["fear"] = "The sender has no fear text."
    s["rephrase"]["needs"]["lazy"]["want"] = "a hand"


def d005(s):
    s["categories"]["criticism"]["suggest"][2] = "I feel {feelng} when you {habit}."
    s["flows"]["break"]["steps"]["when"]["slot"] = "whn"
    s["rephrase"]["strategies"]["contempt"][0]["suggest"][0] = "I need {topc}."


def d006(s):
    s["received"]["criticism"][0] = "You could say: \"I don't always {missing|swp}.\""


def d007(s):
    s["messages"]["note"] = "{label: \"{quote}\""
    s["messages"]["clean"] = "All good}"


def d008(s):
    s["categories"]["critcism"] = s["categories"].pop("criticism")
    s["rephrase"]["strategies"]["stonewaling"] = s["rephrase"]["strategies"].pop("stonewalling")


def d009(s):
    s["flows"]["gentle_startup"]["steps"]["situation"]["next"] = "nede"
    s["flows"]["break"]["start"] = "how_long"
    s["categories"]["contempt"]["flow"] = "appreciate"


def d010(s):
    s["repair"]["thanks"] = "\"{quote}\" is kind."


def d011(s):
    s["categories"]["stonewalling"]["suggest"] = []
    s["safety"]["resources"] = []
    s["rephrase"]["words"]["determiners"] = []


def d013(s):
    s["safety"]["local"] = [{"for": ["you.controll", "partner.*"], "text": "Local helpline: 0800 000 000"}]


def d014(s):
    s["safety"]["resources"] = [r for r in s["safety"]["resources"] if "sender.*" not in r["for"]]


def d012(s):
    s["language"] = "de"


for name, change in [("D002_wrong_type", d002), ("D003_missing_key", d003), ("D004_unknown_key", d004),
                     ("D005_unknown_slot", d005), ("D006_unknown_filter", d006), ("D007_bad_template", d007),
                     ("D008_unknown_category", d008), ("D009_dangling_flow", d009),
                     ("D010_unknown_repair_group", d010), ("D011_empty_list", d011), ("D012_language", d012),
                     ("D013_unknown_audience", d013), ("D014_audience_without_resource", d014)]:
    mutate(name, change)
