#!/usr/bin/env bash
# `coach report` on large generated exports: a WhatsApp text of 100,000 and one of 1,000,000
# messages (two people, a year and more, messages combined from bench/phrases.txt), read in
# one streaming pass. Prints messages per second and peak RSS for both, side by side: the
# memory of the second should be the first's (it grows with weeks, not messages).
#   bench/report.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" <<'PY'
import datetime, random, sys
random.seed(11)
sections, cur = {}, None
for line in open("bench/phrases.txt", encoding="utf-8"):
    line = line.rstrip("\n")
    if not line or line.startswith("#"):
        continue
    if line.startswith("["):
        cur = line.strip("[]"); sections[cur] = []
    else:
        sections[cur].append(line)
for n in (100_000, 1_000_000):
    t = datetime.datetime(2021, 1, 1, 8, 0)
    with open(f"{sys.argv[1]}/chat-{n}.txt", "w", encoding="utf-8") as f:
        for i in range(n):
            t += datetime.timedelta(seconds=random.randint(5, 90))
            text = " ".join(random.choice(sections[k]) for k in ("open", "body", "close") if random.random() < 0.8) or "ok"
            f.write(f"{t.day:02d}/{t.month:02d}/{t.year}, {t.hour:02d}:{t.minute:02d} - {'Sam' if i % 3 else 'Alex'}: {text}\n")
PY
for n in 100000 1000000; do
  f="$dir/chat-$n.txt"
  /usr/bin/time -f "%e %M" -o "$dir/time" "$build/app/coach" report --json "$f" > "$dir/out.json"
  read -r secs kb < "$dir/time"
  weeks=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['weeks']))" "$dir/out.json")
  printf '%8d messages (%3d MB, %d weeks): %6.2f s, %8.0f messages/s, peak RSS %4d MB\n' \
    $n $(( $(stat -c %s "$f") / 1000000 )) "$weeks" "$secs" "$(echo "$n / $secs" | bc -l)" $((kb / 1024))
done
