#!/usr/bin/env bash
# HTTP throughput and latency: wrk over loopback against `coach serve` (memory sessions,
# no access log), POST /v1/analyze with a short chat message, at 32 and at 1,000 connections.
# Prints wrk's figures.
#   bench/http.sh [BUILD_DIR] [SECONDS]
set -euo pipefail
build=${1:-build} secs=${2:-10}
command -v wrk >/dev/null || { echo "bench/http.sh: wrk is not installed (apt-get install wrk)"; exit 1; }
log=$(mktemp)
"$build/app/coach" serve --port 0 --sessions memory --quiet 2>"$log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -f "$log" "$lua"' EXIT
for _ in $(seq 50); do grep -q listening "$log" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.]*:[0-9]*' "$log")
lua=$(mktemp --suffix=.lua)
cat > "$lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"text": "You never help with the dishes, whatever. I am done talking."}'
LUA
# 32 busy keep-alive connections (the throughput figure), then 1,000 at once (every one must be
# served: the asynchronous transport holds them all; the thread-per-connection one served 64).
echo "== 32 connections"
wrk -t2 -c32 -d"${secs}s" --latency -s "$lua" "$url/v1/analyze"
echo "== 1000 connections"
wrk -t2 -c1000 -d"${secs}s" --latency -s "$lua" "$url/v1/analyze"
