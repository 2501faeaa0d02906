#!/usr/bin/env bash
# Chat turn benchmark on SQLite (docs/benchmarks.md, "Chat turns"): the Release host on a fresh data directory on
# loopback, 16 people with a conversation each, and 16 workers that each talk to their own conversation with a mix of
# typical messages (captures with a time in English and French, "what do I have today?", a list add, undo, a brain
# dump), every request waiting for its reply with "Prefer: wait". In the same run, GET /health/live at the same
# concurrency (wrk) is the yardstick: the ratio of the turns' p99 to the health check's p99 is the figure to compare
# across machines. Then the database commands each kind of turn costs, counted by Assistant/TurnRoundTripTests.
# Usage: scripts/bench-chat.sh [seconds, default 10] [--no-counts]   (--no-counts skips the test run that counts commands)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
counts=true
if [ "${2:-}" = "--no-counts" ]; then counts=false; fi
concurrency=16

# shellcheck source=scripts/lib/machine.sh
source scripts/lib/machine.sh
install_missing wrk=wrk || exit 1

work="$(mktemp -d)"
host_pid=""
cleanup() {
  if [ -n "$host_pid" ]; then kill "$host_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build src/PersonalAssistant.Server -c Release -p:SkipWebAppBuild=true --verbosity quiet -nologo
dotnet build benchmarks/PersonalAssistant.LoadTest -c Release --verbosity quiet -nologo
server="src/PersonalAssistant.Server/bin/Release/net10.0/PersonalAssistant.Server.dll"
load="benchmarks/PersonalAssistant.LoadTest/bin/Release/net10.0/PersonalAssistant.LoadTest"
port="$(free_port)"
base="http://127.0.0.1:$port"

mkdir -p "$work/data"
(cd "$work/data" && ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning exec dotnet "$OLDPWD/$server" --urls "$base" \
  "--Storage:DataDirectory=$work/data" --Database:Provider=Sqlite --Assistant:Workers=$concurrency \
  --RateLimits:AuthPerIp:PermitLimit=1000000 --RateLimits:AuthPerAccount:PermitLimit=1000000 \
  --RateLimits:AssistantTurnsPerAccount:PermitLimit=1000000 >"$work/host.log" 2>&1) &
host_pid=$!
wait_ready "$base" "$work/host.log" 120

password="maple orbit lantern 47"
: >"$work/urls"
: >"$work/tokens"
for i in $(seq 1 $concurrency); do
  email="chat-$i-$RANDOM@example.test"
  curl -sf -o /dev/null -X POST "$base/api/v1/auth/register" -H 'content-type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\",\"displayName\":\"Bench $i\",\"timeZone\":\"America/Toronto\"}"
  token="$(curl -sf -X POST "$base/api/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\",\"tokenDelivery\":\"body\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')"
  id="$(curl -sf -X POST "$base/api/v1/conversations" -H "authorization: Bearer $token" -H 'content-type: application/json' -d '{}' \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
  echo "$token" >>"$work/tokens"
  echo "$base/api/v1/conversations/$id/messages" >>"$work/urls"
done

# The mix, in the order each worker sends it (worker i starts at line i): undo follows the list add it takes back.
printf '%s\t%s\n' \
  capture-en '{"text":"call mom tomorrow at 3pm"}' \
  capture-fr "{\"text\":\"rappelle-moi d'appeler le garage demain à 10h\"}" \
  question '{"text":"what do I have today?"}' \
  list-add '{"text":"add eggs and butter to the grocery list"}' \
  undo '{"text":"undo"}' \
  brain-dump '{"text":"buy milk, call the dentist tomorrow and pay rent by friday"}' >"$work/bodies"

cpu() { awk '{ print $14 + $15 }' "/proc/$host_pid/stat"; }

echo "Host: Release build on SQLite, $(nproc) cores shared with the load generators (and whatever else runs on the machine)"
turns=("$load" "$(head -n 1 "$work/urls")" --method POST --header "Prefer: wait=30" --urls "$work/urls" --tokens "$work/tokens"
  --bodies "$work/bodies" --concurrency "$concurrency")
"${turns[@]}" --seconds 10 --warmup 5 --label warm-up >/dev/null
wrk -t 1 -c $concurrency -d 5s "$base/health/live" >/dev/null

health() {
  wrk -t 1 -c $concurrency -d "${seconds}s" --latency "$base/health/live" | awk -v label="$1" '
    /Requests\/sec:/ { rps = $2 } /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    END { printf "%s: %d req/s, p50 %.2f ms, p99 %.2f ms (wrk, concurrency 16)\n", label, rps, ms(p50), ms(p99) }'
}

before="$(health "GET /health/live (before)")"
echo "$before"
cpu_before="$(cpu)"
out="$("${turns[@]}" --seconds "$seconds" --warmup 0 --label "chat turns, $concurrency conversations")"
cpu_after="$(cpu)"
echo "$out"
after="$(health "GET /health/live (after)")"
echo "$after"

python3 - "$out" "$before" "$after" "$((cpu_after - cpu_before))" <<'PY'
import re, sys
out, before, after, ticks = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
first = out.splitlines()[0]
num = lambda name, text: float(re.search(name + r" ([0-9.]+)", text).group(1))
turn_p99, turn_p50 = num("p99", first), num("p50", first)
health_p99 = (num("p99", before) + num("p99", after)) / 2
health_p50 = (num("p50", before) + num("p50", after)) / 2
requests = int(re.search(r"([0-9]+) requests", first).group(1))
print(f"Ratio p99 turn / p99 health: {turn_p99 / health_p99:.1f} (p50: {turn_p50 / health_p50:.1f}); host CPU per turn: {ticks * 10000 / max(requests, 1):.0f} µs")
print(f"Target p99 < 25 ms: {'met' if turn_p99 < 25 else 'not met'} ({turn_p99:.1f} ms on this machine)")
PY

if $counts; then
  echo "Database commands per turn (Assistant/TurnRoundTripTests, SQLite, counted from the POST to its reply):"
  dotnet build tests/PersonalAssistant.Server.Tests -p:SkipWebAppBuild=true --verbosity quiet -nologo >/dev/null
  dotnet test tests/PersonalAssistant.Server.Tests --no-build --filter "FullyQualifiedName~TurnRoundTripTests" \
    --logger "console;verbosity=detailed" 2>/dev/null | grep -E "^ +[a-z-]+: [0-9]+ commands" | sort -u
fi
