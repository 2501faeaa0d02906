#!/usr/bin/env bash
# Reads benchmark (docs/benchmarks.md, "Reads"; issue 21). For each database: the Release host on a fresh database,
# one registered person, then `bench seed` (the host's own DbContext) adds 999 people and, over all 1,000, 20,000
# tasks, 50,000 notes, 20,000 reminders and 100,000 messages. Each endpoint is warmed, then measured with wrk:
# throughput at 32 connections as a percentage of GET /health/live at 32 connections in the same run (the mean of a
# health round before and after the endpoints), and p50/p99 at 16 connections. Then offline chat turns at 16
# conversations (the .NET load generator, "Prefer: wait"), and the host's peak working set (VmHWM).
# Usage: scripts/bench-reads.sh [seconds per round, default 8] [sqlite|postgres|both, default both]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-8}"
databases="${2:-both}"
warm="${BENCH_WARM_SECONDS:-15}"
# shellcheck source=scripts/bench-postgres.sh
source "scripts/bench-postgres.sh"

export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
host_args=(--Assistant:Workers=16 --RateLimits:AuthPerIp:PermitLimit=1000000 --RateLimits:AuthPerAccount:PermitLimit=1000000
  --RateLimits:AssistantTurnsPerAccount:PermitLimit=1000000)
password="maple orbit lantern 47"

# wrk_at URL TOKEN CONNECTIONS SECONDS: "req/s p50_ms p99_ms requests non2xx"
wrk_at() {
  wrk -t 1 -c "$3" -d "${4}s" --latency -H "authorization: Bearer $2" "$1" | awk '
    /Requests\/sec:/ { rps = $2 } /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 } /requests in/ { total = $1 } /Non-2xx/ { bad = $NF }
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    END { printf "%d %.2f %.2f %d %d\n", rps, ms(p50), ms(p99), total, bad + 0 }'
}

register() { # register EMAIL NAME -> prints an access token
  curl -sf -o /dev/null -X POST "$base/api/v1/auth/register" -H 'content-type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$password\",\"displayName\":\"$2\",\"timeZone\":\"UTC\"}"
  curl -sf -X POST "$base/api/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$password\",\"tokenDelivery\":\"body\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])'
}

run_database() { # run_database sqlite|postgres
  local kind="$1" db_args data="$work/data-$1"
  mkdir -p "$data"
  if [ "$kind" = postgres ]; then
    # A pool of about twice the cores (bench-resources.sh): more backends than cores made the tail.
    db_args=("${pg_args[@]}" --Database:Postgres:MaxPoolSize=$(($(nproc) * 2 + 1)))
  else
    db_args=(--Database:Provider=Sqlite "--Storage:DataDirectory=$data")
  fi
  dotnet "$server" --urls "$base" "${db_args[@]}" "${host_args[@]}" >"$work/host-$kind.log" 2>&1 &
  host_pid=$!
  wait_ready "$base" "$work/host-$kind.log"

  local email="reads-$RANDOM@example.test" token started conversation
  token="$(register "$email" Bench)"
  started=$(date +%s)
  dotnet "$server" bench seed --email "$email" "${db_args[@]}" >/dev/null
  if [ "$kind" = postgres ]; then psql_bench -c 'ANALYZE' >/dev/null; fi
  conversation="$(curl -sf "$base/api/v1/conversations" -H "authorization: Bearer $token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')"
  echo "== $kind: seeded in $(($(date +%s) - started)) s; load before measuring: $(uptime | sed 's/.*load average/load average/')"

  local paths=("/api/v1/users/me" "/api/v1/tasks?view=today" "/api/v1/reminders" "/api/v1/notes?q=plumber%20valve"
    "/api/v1/conversations/$conversation/messages")
  local labels=("users/me" "tasks today" "reminders" "note search" "messages page")
  for path in "${paths[@]}"; do
    code="$(curl -s -o /dev/null -w '%{http_code}' "$base$path" -H "authorization: Bearer $token")"
    [ "$code" = 200 ] || { echo "GET $path answered $code"; exit 1; }
    wrk -t 1 -c 32 -d "${warm}s" -H "authorization: Bearer $token" "$base$path" >/dev/null
  done
  wrk -t 1 -c 32 -d "${warm}s" "$base/health/live" >/dev/null

  local health_before health_after results=()
  health_before="$(wrk_at "$base/health/live" "$token" 32 "$seconds")"
  for i in "${!paths[@]}"; do
    results+=("$(wrk_at "$base${paths[$i]}" "$token" 32 "$seconds") $(wrk_at "$base${paths[$i]}" "$token" 16 "$seconds")")
  done
  health_after="$(wrk_at "$base/health/live" "$token" 32 "$seconds")"
  local load_after
  load_after="$(uptime | sed 's/.*load average/load average/')"

  # Offline chat turns: 16 people, a conversation each, the bench-chat.sh mix.
  : >"$work/urls"
  : >"$work/tokens"
  for i in $(seq 1 16); do
    local chat_token id
    chat_token="$(register "chat-$i-$RANDOM@example.test" "Chat $i")"
    id="$(curl -sf -X POST "$base/api/v1/conversations" -H "authorization: Bearer $chat_token" -H 'content-type: application/json' -d '{}' \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
    echo "$chat_token" >>"$work/tokens"
    echo "$base/api/v1/conversations/$id/messages" >>"$work/urls"
  done
  printf '%s\t%s\n' \
    capture-en '{"text":"call mom tomorrow at 3pm"}' \
    capture-fr "{\"text\":\"rappelle-moi d'appeler le garage demain à 10h\"}" \
    question '{"text":"what do I have today?"}' \
    list-add '{"text":"add eggs and butter to the grocery list"}' \
    undo '{"text":"undo"}' \
    brain-dump '{"text":"buy milk, call the dentist tomorrow and pay rent by friday"}' >"$work/bodies"
  local turns=("$load" "$(head -n 1 "$work/urls")" --method POST --header "Prefer: wait=30" --urls "$work/urls" --tokens "$work/tokens"
    --bodies "$work/bodies" --concurrency 16)
  "${turns[@]}" --seconds "$warm" --warmup 0 --label warm-up >/dev/null || true
  local chat
  chat="$("${turns[@]}" --seconds "$seconds" --warmup 0 --label "chat turns" | head -n 1)" || true
  local peak
  peak="$(awk '/VmHWM/ { printf "%d MB", $2 / 1024 }' "/proc/$host_pid/status")"

  python3 - "$kind" "$health_before" "$health_after" "$chat" "$peak" "$load_after" "${labels[@]}" -- "${results[@]}" <<'PY'
import re, sys
args = sys.argv[1:]
kind, before, after, chat, peak, load = args[:6]
split = args.index("--")
labels, results = args[6:split], args[split + 1:]
hb, ha = [float(x) for x in before.split()], [float(x) for x in after.split()]
health = (hb[0] + ha[0]) / 2
print(f"{kind}: GET /health/live at 32 connections {hb[0]:.0f} then {ha[0]:.0f} req/s (mean {health:.0f}); {load} after the reads")
print(f"| endpoint ({kind}) | req/s at 32 | % of /health/live | p50 / p99 at 16 | non-2xx |")
print("|---|---|---|---|---|")
for label, result in zip(labels, results):
    v = [float(x) for x in result.split()]
    print(f"| {label} | {v[0]:.0f} | {100 * v[0] / health:.1f}% | {v[6]:.2f} / {v[7]:.2f} ms | {int(v[4] + v[9])} |")
m = re.search(r"([0-9]+) req/s, p50 ([0-9.]+) ms, p95 [0-9.]+ ms, p99 ([0-9.]+) ms, ([0-9]+) requests, ([0-9]+) non-2xx", chat)
if m:
    print(f"| offline chat turns, 16 conversations | {m.group(1)} turns/s | | {m.group(2)} / {m.group(3)} ms | {m.group(5)} |")
else:
    print(f"chat turns: {chat or 'failed'}")
print(f"host peak working set (VmHWM): {peak}")
PY
  kill "$host_pid"
  wait "$host_pid" 2>/dev/null || true
  host_pid=""
}

echo "Host: Release build, $(nproc) cores shared by the host, the database and wrk; $seconds s per round, $warm s warm-up per endpoint"
case "$databases" in
  sqlite) run_database sqlite ;;
  postgres) run_database postgres ;;
  both) run_database sqlite; run_database postgres ;;
  *) echo "Usage: scripts/bench-reads.sh [seconds] [sqlite|postgres|both]" >&2; exit 2 ;;
esac
