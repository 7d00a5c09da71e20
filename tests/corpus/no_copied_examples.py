#!/usr/bin/env python3
"""Fail when a rule's example or counter is a copy of a corpus sentence.

Rules are written as families of phrasings; their examples are fresh sentences. An example
copied from a corpus line makes the corpus check the rule against itself and hides a rule
written for one sentence. Compares every example/counter text longer than 25 characters,
lower-cased, against every line of the project's corpora (and the shared corpus when it sits
beside the checkout).

  no_copied_examples.py RULES_DIR CORPUS_DIR [SHARED_CORPUS_DIR]
"""
import pathlib
import json
import re
import sys

EXAMPLE = re.compile(r'\s*(example|counter) "(.*)"\s*$')


def normal(text):
    return text.lower().replace("\u2019", "'")


def main():
    rules_dir, corpus_dir = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    corpora = sorted(corpus_dir.rglob("*.tsv")) + sorted(corpus_dir.rglob("*.jsonl"))
    if len(sys.argv) > 3 and pathlib.Path(sys.argv[3]).is_dir():
        corpora += sorted(pathlib.Path(sys.argv[3]).rglob("*.jsonl"))
    lines = []
    for path in corpora:
        for l in path.read_text(encoding="utf-8").splitlines():
            if not l or l.startswith("#"):
                continue
            if path.suffix == ".jsonl":  # the message only, so a label or source cannot match
                l = json.loads(l).get("text", "")
            lines.append(normal(l))
    corpus = "\n".join(lines)
    copied = 0
    for path in sorted(rules_dir.rglob("*.rules")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = EXAMPLE.match(line)
            if not m:
                continue
            text = normal(m.group(2).replace('\\"', '"'))
            if len(text) > 25 and text in corpus:
                copied += 1
                print(f"{path}:{n}: {m.group(1)} copied from a corpus line: \"{m.group(2)}\"")
    print(f"{'FAILED' if copied else 'ok'}: {copied} copied examples, {len(corpora)} corpus files")
    return 1 if copied else 0


if __name__ == "__main__":
    sys.exit(main())
