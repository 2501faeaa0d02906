#!/usr/bin/env bash
# Load through nginx (issue 19, "Load"; figures in docs/benchmarks.md): the setup of scripts/test-replicas.sh
# (scripts/replicas-setup.sh: private PostgreSQL and Redis, two Release replicas, nginx from deploy/nginx, loopback
# only), then the LoadTest tool's "people" mode: N simulated people, each from their own loopback address, sign up and
# in once, then loop with no think time: read today (3 GETs), capture by chat (a turn waiting for its reply), read the
# reply. Measured first with two replicas, then with one (nginx reloaded with replica 1 alone, replica 2 stopped).
# Prints throughput, p50/p99 per step, errors, the load average of the machine during each run, the CPU of each
# process of the run (replicas, PostgreSQL, Redis, nginx, the load generator) and of the machine during the measured
# part, and PostgreSQL's session states and wait events. Not part of test.sh.
# LOAD_REPLICAS="idle 2 2 1" chooses the runs and their order (below); REPLICA_ENV="NAME=value ..." is added to the
# replicas' environment only (experiments such as DOTNET_gcServer=0). On a shared machine, run it under
# flock /tmp/pa-bench.lock.
#   scripts/load-replicas.sh [seconds, default 120] [people, default 200]
# The per-account assistant-turn limit (30 a minute) is lifted: a person with no think time would otherwise be
# refused, which measures the limit, not the replicas. Everything else is the production configuration.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
seconds="${1:-120}"
people="${2:-200}"
warmup=10
load_pid=""
# shellcheck source=scripts/replicas-setup.sh
source "$here/replicas-setup.sh"
cd "$repo"

dotnet build src/PersonalAssistant.Server -c Release -p:SkipWebAppBuild=true --verbosity quiet -nologo
dotnet build benchmarks/PersonalAssistant.LoadTest -c Release --verbosity quiet -nologo
server="$repo/src/PersonalAssistant.Server/bin/Release/net10.0/PersonalAssistant.Server.dll"
load="$repo/benchmarks/PersonalAssistant.LoadTest/bin/Release/net10.0/PersonalAssistant.LoadTest.dll"

replicas_start "$server" --RateLimits:AssistantTurnsPerAccount:PermitLimit=1000000
echo "Machine: $(nproc) cores, shared by nginx, both replicas, PostgreSQL, Redis, the load generator and anything else running"

# CPU seconds (user + system, in clock ticks) of a process and the children it has reaped, plus its live children:
# PostgreSQL's backends and nginx's workers come and go, their time lands in the parent's cutime/cstime.
ticks() { # ticks <pid>
  local pid="$1" total=0 child
  [ -r "/proc/$pid/stat" ] || { echo 0; return; }
  total=$(awk '{ sub(/^.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$pid/stat")
  for child in $(pgrep -P "$pid" 2>/dev/null); do
    total=$((total + $(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$child/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; } # the whole machine: user, nice, system, irq, softirq

# cpu_snapshot: one line "name ticks" per process of this run, and the whole machine.
cpu_snapshot() {
  local n=1 pid
  for pid in "${replica_pids[@]}"; do echo "replica$n $(ticks "$pid")"; n=$((n + 1)); done
  echo "postgres $(ticks "$(head -n 1 "$work/pg/postmaster.pid")")"
  echo "redis $(ticks "$(cat "$work/redis.pid")")"
  echo "nginx $(ticks "$(cat "$nginx_dir/nginx.pid")")"
  if [ -n "$load_pid" ]; then
    # a load generator that has exited (a zombie until waited for) has lost its counters: no snapshot then
    [ "$(awk '{ sub(/^.*\) /, ""); print $1 }' "/proc/$load_pid/stat" 2>/dev/null)" = Z ] && return 1
    echo "load $(ticks "$load_pid")"
  fi
  echo "machine $(busy_ticks)"
  echo "time $(date +%s.%N)"
}

# What PostgreSQL's sessions of this run wait on, sampled every 2 s during the measured run.
pg_waits() {
  local port
  port="$(sed -n 4p "$work/pg/postmaster.pid")"
  while :; do
    "$pg_bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d assistant -At -c \
      "select state || ' ' || coalesce(wait_event_type || ':' || wait_event, 'cpu') from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()" 2>/dev/null
    sleep 2
  done
}

cpu_used() { # cpu_used <snapshot before> <snapshot after>: the CPU of each process between them, in cores (1.00 = one core busy all the time)
  join <(echo "$1" | sort) <(echo "$2" | sort) | awk -v hz="$(getconf CLK_TCK)" \
    '$1 == "time" { s = $3 - $2; next } { name[NR] = $1; used[NR] = $3 - $2 }
     END { for (i in name) printf "  cpu %-9s %5.2f cores\n", name[i], used[i] / hz / s }' | sort
}

idle() { # idle: what the replicas do with no requests, 10 s
  local start
  load_pid=""
  start="$(cpu_snapshot)"
  sleep 10
  echo "idle, 10 s:"
  cpu_used "$start" "$(cpu_snapshot)"
}

measure() { # measure <label>
  local before after status=0 out="$work/load-$RANDOM.log" start end snapshot
  before="$(cut -d' ' -f1 /proc/loadavg)"
  dotnet "$load" people "$edge" --cert "$nginx_dir/tls/fullchain.pem" --people "$people" --seconds "$seconds" --warmup "$warmup" --label "$1" >"$out" 2>&1 &
  load_pid=$!
  # The CPU of the measured run only: from the end of the warm-up (sign-up and warm-up excluded) to the end.
  until grep -q "signed up and in" "$out" 2>/dev/null || ! kill -0 "$load_pid" 2>/dev/null; do sleep 0.2; done
  sleep "$warmup"
  start="$(cpu_snapshot)"
  pg_waits >"$out.waits" &
  local waits_pid=$!
  while kill -0 "$load_pid" 2>/dev/null; do
    snapshot="$(cpu_snapshot)" && end="$snapshot"
    sleep 1
  done
  wait "$load_pid" || status=$?
  kill "$waits_pid" 2>/dev/null
  wait "$waits_pid" 2>/dev/null || true
  cat "$out"
  after="$(cut -d' ' -f1 /proc/loadavg)"
  echo "  load average (1 min) before $before, after $after; uptime: $(uptime)"
  cpu_used "$start" "$end"
  echo "  PostgreSQL client sessions (samples every 2 s: state, wait event):"
  sort "$out.waits" | uniq -c | sort -rn | head -n 8 | sed 's/^/   /'
  return "$status"
}

# LOAD_REPLICAS: the runs, in order ("2 2 1" by default: two replicas twice, the second run warm like the single
# replica that follows, then replica 1 alone; compare the second run with the last); "1" runs replica 1 alone from the start; "idle" measures 10 s of the replicas with no requests).
status=0
for run in ${LOAD_REPLICAS:-2 2 1}; do
  if [ "$run" = 1 ] && [ "${#replica_pids[@]}" -eq 2 ]; then
    nginx_upstream "${replica1##*:}"
    kill "${replica_pids[1]}"
    replica_pids=("${replica_pids[0]}")
  fi
  if [ "$run" = idle ]; then idle; continue; fi
  if [ "$run" = 1 ]; then measure "one replica" || status=1; else measure "two replicas" || status=1; fi
done
exit "$status"
