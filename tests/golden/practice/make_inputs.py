#!/usr/bin/env python3
"""Regenerate the broken scenarios: dialogs/en/practice/dishes.json with one deliberate
mistake per error code. Run from this folder, then `run.py --update` and review the diff."""
import copy
import json
import pathlib

base = json.loads((pathlib.Path(__file__).parents[3] / "dialogs/en/practice/dishes.json").read_text())


def mutate(name, change):
    s = copy.deepcopy(base)
    change(s)
    pathlib.Path(name + ".json").write_text(json.dumps(s, indent=2, ensure_ascii=False) + "\n")


pathlib.Path("P001_invalid_json.json").write_text('{\n  "id": "x",\n  "nodes": {,}\n}\n')


def p002(s):
    s["max_turns"] = "eight"
    s["nodes"]["open"]["partner"] = "Hi."


def p003(s):
    del s["goal"]
    del s["nodes"]["prompt"]["next"]["bid"]


def p004(s):
    s["nodes"]["open"]["partnr"] = s["nodes"]["open"]["partner"]


def p005(s):
    s["nodes"]["softer"]["next"]["repair"] = "open_up"
    s["start"] = "begin"


def p006(s):
    s["nodes"]["open"]["next"]["sarcasm"] = "hurt"


def p007(s):
    for node in s["nodes"].values():
        for k, v in node.get("next", {}).items():
            if v == "bad":
                node["next"][k] = "defensive"


def p008(s):
    s["max_turns"] = 99


def p010(s):
    s["nodes"]["good"]["ending"] = "happy"


def p011(s):
    s["hints"] = []
    s["nodes"]["bad"]["partner"] = []


for name, change in [("P002_wrong_type", p002), ("P003_missing_key", p003), ("P004_unknown_key", p004),
                     ("P005_dangling_node", p005), ("P006_unknown_kind", p006), ("P007_no_bad_ending", p007),
                     ("P008_max_turns", p008), ("P010_bad_ending_name", p010), ("P011_empty_list", p011)]:
    mutate(name, change)
