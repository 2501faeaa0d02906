#!/usr/bin/env bash
# Accounts benchmark (docs/benchmarks.md): GET /api/v1/users/me with a valid token against the anonymous
# GET /api/v1/meta of the same host in the same run, 32 connections on loopback; then sign-in throughput.
# Usage: scripts/bench-auth.sh [seconds per endpoint, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
work="$(mktemp -d)"
# shellcheck source=scripts/lib/machine.sh
source scripts/lib/machine.sh
port="$(free_port)"
base="http://127.0.0.1:$port"
trap 'kill "$host_pid" 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet build src/PersonalAssistant.Server -c Release -p:SkipWebAppBuild=true --verbosity quiet -nologo
dotnet build benchmarks/PersonalAssistant.LoadTest -c Release --verbosity quiet -nologo
load="benchmarks/PersonalAssistant.LoadTest/bin/Release/net10.0/PersonalAssistant.LoadTest"

export RateLimits__AuthPerIp__PermitLimit=1000000 RateLimits__AuthPerAccount__PermitLimit=1000000
export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
dotnet src/PersonalAssistant.Server/bin/Release/net10.0/PersonalAssistant.Server.dll \
  --urls "$base" --Storage:DataDirectory="$work/data" >"$work/host.log" 2>&1 &
host_pid=$!
wait_ready "$base" "$work/host.log"

email="bench-$RANDOM@example.test"
password="maple orbit lantern 47"
curl -sf -X POST "$base/api/v1/auth/register" -H 'content-type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\",\"displayName\":\"Bench\"}" >/dev/null
token="$(curl -sf -X POST "$base/api/v1/auth/login" -H 'content-type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\",\"tokenDelivery\":\"body\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')"

echo "Host: Release build, SQLite, $(nproc) cores; both endpoints warmed up (JIT tiering), then measured in two alternating rounds of $seconds s"
"$load" "$base/api/v1/meta" --concurrency 32 --seconds 8 --warmup 2 --label "warm-up meta" >/dev/null
"$load" "$base/api/v1/users/me" --concurrency 32 --seconds 8 --warmup 2 --token "$token" --label "warm-up me" >/dev/null
lines=()
for round in 1 2; do
  lines+=("$("$load" "$base/api/v1/meta" --concurrency 32 --seconds "$seconds" --label "round $round GET /api/v1/meta (anonymous)")")
  lines+=("$("$load" "$base/api/v1/users/me" --concurrency 32 --seconds "$seconds" --token "$token" --label "round $round GET /api/v1/users/me (token)")")
done
printf '%s\n' "${lines[@]}"
python3 - "${lines[@]}" <<'PY'
import re, sys
meta = [float(re.search(r": (\d+) req/s", l).group(1)) for l in sys.argv[1:] if "meta" in l]
me = [float(re.search(r": (\d+) req/s", l).group(1)) for l in sys.argv[1:] if "users/me" in l]
ratio = (sum(me) / len(me)) / (sum(meta) / len(meta))
print(f"mean: meta {sum(meta)/len(meta):.0f} req/s, users/me {sum(me)/len(me):.0f} req/s; users/me = {ratio:.0%} of meta (target: at least 60%)")
PY
"$load" "$base/api/v1/auth/login" --method POST --concurrency 8 --seconds "$seconds" \
  --body "{\"email\":\"$email\",\"password\":\"$password\",\"tokenDelivery\":\"body\"}" --label "POST /api/v1/auth/login (password hashing)"
