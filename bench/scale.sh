#!/usr/bin/env bash
# Scale-out throughput: POST /v1/turn (a read-modify-write of one of 1,000 sessions) through
# HAProxy to 1, 2 and 4 `coach serve` workers on one redis-server, side by side in one run with
# one worker on its in-memory store (no Redis, no balancer) as the baseline, and one on Redis
# without the balancer (what Redis costs, apart from what HAProxy costs). Also the Redis
# commands per turn (each is a round trip): for a /v1 turn and for a Direct Line message.
#   bench/scale.sh [BUILD_DIR] [SECONDS]
set -euo pipefail
build=${1:-build} secs=${2:-10}
for tool in wrk redis-server redis-cli haproxy; do
  command -v $tool >/dev/null || { echo "bench/scale.sh: $tool is not installed"; exit 1; }
done
dir=$(mktemp -d) pids=()
trap 'for p in "${pids[@]}"; do kill $p 2>/dev/null; done; wait 2>/dev/null; rm -rf "$dir"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.05; done; return 1; }

cat > "$dir/turn.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  return wrk.format(nil, nil, nil, '{"session": "bench' .. math.random(1, 1000) .. '", "text": "You never help with the dishes"}')
end
LUA

rport=$(free_port)
redis-server --port $rport --bind 127.0.0.1 --save "" --appendonly no --dir "$dir" >/dev/null 2>&1 </dev/null & pids+=($!)
wait_port $rport
rcli() { redis-cli -p $rport "$@"; }
# Commands a client sent (each a round trip): those a script runs inside EVAL are not counted.
round_trips() {
  rcli INFO commandstats | awk -F'[:=,]' '/^cmdstat_(eval|evalsha|hmget|lrange|exists|llen|publish|get|set)/ {n += $3} END {print n+0}'
}

start_worker() {  # STORE: starts a worker; sets port
  local log="$dir/w$RANDOM.log"
  "$build/app/coach" serve --port 0 --sessions "$1" --quiet 2>"$log" >/dev/null & pids+=($!)
  for _ in $(seq 100); do grep -q listening "$log" && break; sleep 0.05; done
  port=$(grep -o 'http://[0-9.]*:[0-9]*' "$log" | sed 's/.*://')
}

run_wrk() {  # URL: prints requests/s
  wrk -t2 -c32 -d"${secs}s" -s "$dir/turn.lua" "$1/v1/turn" | awk '/Requests\/sec/ {print $2}'
}

echo "== /v1/turn, 32 connections, ${secs} s each"
start_worker memory
printf '%-32s %10s req/s\n' "1 worker, memory, direct" "$(run_wrk http://127.0.0.1:$port)"
kill ${pids[-1]}; unset 'pids[-1]'
start_worker redis://127.0.0.1:$rport
printf '%-32s %10s req/s\n' "1 worker, Redis, direct" "$(run_wrk http://127.0.0.1:$port)"
kill ${pids[-1]}; unset 'pids[-1]'

for n in 1 2 4; do
  ports=()
  for _ in $(seq $n); do start_worker redis://127.0.0.1:$rport; ports+=($port); done
  lport=$(free_port)
  {
    printf 'global\n    maxconn 4000\ndefaults\n    mode http\n    timeout connect 2s\n    timeout client 30s\n    timeout server 30s\n'
    printf 'frontend f\n    bind 127.0.0.1:%s\n    default_backend b\nbackend b\n    balance roundrobin\n' $lport
    for p in "${ports[@]}"; do printf '    server w%s 127.0.0.1:%s\n' $p $p; done
  } > "$dir/haproxy.cfg"
  haproxy -f "$dir/haproxy.cfg" -db >/dev/null 2>&1 </dev/null & lb=$!
  wait_port $lport
  printf '%-32s %10s req/s\n' "$n worker(s), Redis, HAProxy" "$(run_wrk http://127.0.0.1:$lport)"
  kill $lb; wait $lb 2>/dev/null || true
  for _ in $(seq $n); do kill ${pids[-1]}; unset 'pids[-1]'; done
done

echo "== Redis round trips per request"
start_worker redis://127.0.0.1:$rport
url=http://127.0.0.1:$port
curl -s -X POST $url/v1/turn -H 'Content-Type: application/json' -d '{"session":"rt","text":"hi"}' >/dev/null
before=$(round_trips)
for i in $(seq 100); do
  curl -s -X POST $url/v1/turn -H 'Content-Type: application/json' -d '{"session":"rt","text":"You never help"}' >/dev/null
done
echo "/v1/turn: $(( ($(round_trips) - before) / 100 ))"
conv=$(curl -s -X POST $url/v3/directline/conversations | python3 -c 'import json,sys; print(json.load(sys.stdin)["conversationId"])')
before=$(round_trips)
for i in $(seq 100); do
  curl -s -X POST $url/v3/directline/conversations/$conv/activities -H 'Content-Type: application/json' \
       -d '{"type":"message","from":{"id":"u"},"text":"You never help"}' >/dev/null
done
echo "Direct Line message (the user's activity, the turn, the reply, news to the other workers): $(( ($(round_trips) - before) / 100 ))"
