#!/usr/bin/env bash
# Web app load benchmark (docs/benchmarks.md, issue 18): builds the web app and a Release host on SQLite, then prints
# the JavaScript a cold browser fetches for the signed-out landing page and for Today (as sent and gzipped), and how
# long Today takes to be usable with a cold cache, in Debian's chromium on loopback.
# Usage: scripts/bench-web.sh [rounds, default 5]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"
work="$(mktemp -d)"
# shellcheck source=scripts/lib/machine.sh
source scripts/lib/machine.sh
install_missing chromium=chromium
port="$(free_port)"
base="http://127.0.0.1:$port"
trap 'kill "$host_pid" 2>/dev/null || true; rm -rf "$work"' EXIT

(cd web && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run --silent build >/dev/null)
(cd tests/e2e && { [ -d node_modules ] || PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund; })
dotnet build src/PersonalAssistant.Server -c Release -p:SkipWebAppBuild=true --verbosity quiet -nologo

export RateLimits__AuthPerIp__PermitLimit=1000000 RateLimits__AuthPerAccount__PermitLimit=1000000
export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
dotnet src/PersonalAssistant.Server/bin/Release/net10.0/PersonalAssistant.Server.dll \
  --urls "$base" --Storage:DataDirectory="$work/data" --WebApp:RootPath="$PWD/web/dist" >"$work/host.log" 2>&1 &
host_pid=$!
wait_ready "$base" "$work/host.log"

email="bench-$RANDOM@example.test"
password="maple orbit lantern 47"
curl -sf -X POST "$base/api/v1/auth/register" -H 'content-type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\",\"displayName\":\"Bench\"}" >/dev/null

echo "Host: Release build, SQLite, $(nproc) cores; the web app's production build; chromium $(chromium --version 2>/dev/null | awk '{print $2}')"
(cd tests/e2e && node bench/web-load.mjs "$base" "$email" "$password" "$rounds")
