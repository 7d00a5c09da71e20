#!/usr/bin/env python3
"""Regenerate the broken scenarios: dialogs/en/practice/late.json with one deliberate
mistake per error code. Run from this folder, then `run.py --update` and review the diff.
P005, P006, P007 and P010 were the node graphs' codes and are retired."""
import copy
import json
import pathlib

base = json.loads((pathlib.Path(__file__).parents[3] / "dialogs/en/practice/late.json").read_text())


def mutate(name, change):
    s = copy.deepcopy(base)
    change(s)
    pathlib.Path(name + ".json").write_text(json.dumps(s, indent=2, ensure_ascii=False) + "\n")


pathlib.Path("P001_invalid_json.json").write_text('{\n  "id": "x",\n  "partner": {,}\n}\n')


def p002(s):
    s["max_turns"] = "eight"
    s["partner"]["opening"] = "Hi."
    s["partner"]["prompt"][0] = 7


def p003(s):
    del s["goal"]
    del s["partner"]["flat"]
    s["partner"]["hurt"][1] = {"when": ["contempt"]}


def p004(s):
    s["partner"]["openning"] = s["partner"]["opening"]
    s["partner"]["hurt"][0] = {"text": "Wow.", "if": ["contempt"]}


def p008(s):
    s["max_turns"] = 99


def p011(s):
    s["hints"] = []
    s["partner"]["softer"][2]["when"] = []


def p012(s):
    s["partner"]["hurt"] = s["partner"]["hurt"][:2]
    s["partner"]["bad"] = []


def p013(s):
    s["partner"]["wary"][1]["when"] = ["sarcasm"]


def p014(s):
    s["aims"] = ["feeling", "patience"]


def p015(s):
    s["partner"]["opens"][0] = "Honestly, {reason}."
    s["facts"]["feeling"] = ["tired"]


def p016(s):
    s["temperature"] = {"start": 8, "boil": 7}


def p017(s):
    s["partner"]["agrees"][0] = "Yes. I can {request|swp}."


for name, change in [("P002_wrong_type", p002), ("P003_missing_key", p003), ("P004_unknown_key", p004),
                     ("P008_max_turns", p008), ("P011_empty_list", p011), ("P012_too_few_lines", p012),
                     ("P013_unknown_condition", p013), ("P014_unknown_aim", p014), ("P015_unknown_slot", p015),
                     ("P016_bad_temperature", p016), ("P017_unknown_filter", p017)]:
    mutate(name, change)
