"""A rule set and a script in another language than --language asks for (German), shared by the
tests that check the one loader refuses it everywhere (tests/cli/test_analyze.py, startup) and on
reload (tests/hostile/test_hostile.py)."""
import json
import os


def write_german_rules(rules_dir):
    """One German rule in rules_dir (created if missing): "du bist immer so" is its example."""
    os.makedirs(rules_dir, exist_ok=True)
    with open(os.path.join(rules_dir, "t.rules"), "w", encoding="utf-8") as f:
        f.write('language de\nrule criticism.t : criticism\n  match   immer\n  why     "w"\n'
                '  example "du bist immer so"\n  counter "nie"\n')


def set_script_language(dialogs_dir, language):
    """Marks the coaching script in dialogs_dir as written in `language`."""
    path = os.path.join(dialogs_dir, "coach.json")
    with open(path, encoding="utf-8") as f:
        script = json.load(f)
    script["language"] = language
    with open(path, "w", encoding="utf-8") as f:
        json.dump(script, f)
