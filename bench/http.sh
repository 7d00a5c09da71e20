#!/usr/bin/env bash
# HTTP throughput and latency: wrk over loopback against `coach serve` (memory sessions,
# no access log, default threads), POST /v1/analyze with a short chat message, at 32 and at
# 1,000 connections. Prints wrk's figures. With a second build directory, both servers run in
# turn, three rounds, one summary line each: a side-by-side ratio on one noisy machine.
#   bench/http.sh [BUILD_DIR] [SECONDS] [OTHER_BUILD_DIR]
set -euo pipefail
build=${1:-build} secs=${2:-10} other=${3:-}
command -v wrk >/dev/null || { echo "bench/http.sh: wrk is not installed (apt-get install wrk)"; exit 1; }
lua=$(mktemp --suffix=.lua) log=$(mktemp)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -f "$log" "$lua"' EXIT
cat > "$lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"text": "You never help with the dishes, whatever. I am done talking."}'
LUA

start() {  # BUILD_DIR: starts its server, sets pid and url
  : > "$log"
  "$1/app/coach" serve --port 0 --sessions memory --quiet 2>"$log" &
  pid=$!
  for _ in $(seq 50); do grep -q listening "$log" && break; sleep 0.1; done
  url=$(grep -o 'http://[0-9.]*:[0-9]*' "$log")
}
stop() { kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; pid=; }

# 32 busy keep-alive connections (the throughput figure), then 1,000 opened at once (every one
# must be served: the asynchronous transport holds them all; the thread-per-connection one
# served 64).
if [ -z "$other" ]; then
  start "$build"
  echo "== 32 connections"
  wrk -t2 -c32 -d"${secs}s" --latency -s "$lua" "$url/v1/analyze"
  echo "== 1000 connections"
  wrk -t2 -c1000 -d"${secs}s" --latency -s "$lua" "$url/v1/analyze"
  exit 0
fi

summary() {  # LABEL CONNECTIONS
  local out
  out=$(wrk -t2 -c"$2" -d"${secs}s" --latency -s "$lua" "$url/v1/analyze")
  printf '%-40s c%-5s req/s %-10s p50 %-9s p99 %-9s timeouts %s\n' "$1" "$2" \
    "$(grep -oP 'Requests/sec:\s+\K[0-9.]+' <<<"$out")" "$(grep -oP ' 50%\s+\K\S+' <<<"$out")" \
    "$(grep -oP ' 99%\s+\K\S+' <<<"$out")" "$(grep -oP 'timeout \K\d+' <<<"$out" || echo 0)"
}
for round in 1 2 3; do
  for c in 32 1000; do
    for b in "$build" "$other"; do
      start "$b"
      summary "$b" "$c"
      stop
    done
  done
done
