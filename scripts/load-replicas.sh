#!/usr/bin/env bash
# Load through nginx (issue 19, "Load"; figures in docs/benchmarks.md): the setup of scripts/test-replicas.sh
# (scripts/replicas-setup.sh: private PostgreSQL and Redis, two Release replicas, nginx from deploy/nginx, loopback
# only), then the LoadTest tool's "people" mode: N simulated people, each from their own loopback address, sign up and
# in once, then loop with no think time: read today (3 GETs), capture by chat (a turn waiting for its reply), read the
# reply. Measured first with two replicas, then with one (nginx reloaded with replica 1 alone, replica 2 stopped).
# Prints throughput, p50/p99 per step, errors, and the load average of the machine during each run. Not part of test.sh.
#   scripts/load-replicas.sh [seconds, default 120] [people, default 200]
# The per-account assistant-turn limit (30 a minute) is lifted: a person with no think time would otherwise be
# refused, which measures the limit, not the replicas. Everything else is the production configuration.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
seconds="${1:-120}"
people="${2:-200}"
# shellcheck source=scripts/replicas-setup.sh
source "$here/replicas-setup.sh"
cd "$repo"

dotnet build src/PersonalAssistant.Server -c Release -p:SkipWebAppBuild=true --verbosity quiet -nologo
dotnet build benchmarks/PersonalAssistant.LoadTest -c Release --verbosity quiet -nologo
server="$repo/src/PersonalAssistant.Server/bin/Release/net10.0/PersonalAssistant.Server.dll"
load="$repo/benchmarks/PersonalAssistant.LoadTest/bin/Release/net10.0/PersonalAssistant.LoadTest.dll"

replicas_start "$server" --RateLimits:AssistantTurnsPerAccount:PermitLimit=1000000
echo "Machine: $(nproc) cores, shared by nginx, both replicas, PostgreSQL, Redis, the load generator and anything else running"

measure() { # measure <label>
  local before after status=0
  before="$(cut -d' ' -f1 /proc/loadavg)"
  dotnet "$load" people "$edge" --cert "$nginx_dir/tls/fullchain.pem" --people "$people" --seconds "$seconds" --warmup 10 --label "$1" || status=$?
  after="$(cut -d' ' -f1 /proc/loadavg)"
  echo "  load average (1 min) before $before, after $after"
  return "$status"
}

status=0
measure "two replicas" || status=1
nginx_upstream "${replica1##*:}"
kill "${replica_pids[1]}"
measure "one replica" || status=1
exit "$status"
