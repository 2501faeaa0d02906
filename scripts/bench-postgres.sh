# Shared by the benchmark scripts (sourced, not run): wrk for GET measurements, a private PostgreSQL on a free loopback port with a "bench"
# database, Release builds of the host and the load generator, and the migrated schema. Sets work, base, pg_bin,
# psql_bench, server, load, pg_args and host_pid (killed, with PostgreSQL and the work folder, on exit).
# shellcheck shell=bash disable=SC2034 # the variables are for the scripts that source this one
# GET endpoints are measured with wrk (Debian package): a C load generator leaves the shared cores to the host and
# PostgreSQL, where the .NET load generator (used for POSTs) took about as much CPU as the host it measured.
# shellcheck source=scripts/lib/machine.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/machine.sh"
install_missing wrk=wrk postgres=postgresql || exit 1

# cpu_ticks PID...: the user and system clock ticks (1/100 s) these processes have used so far.
cpu_ticks() {
  local total=0 pid
  for pid in "$@"; do
    if [ -r "/proc/$pid/stat" ]; then total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat"))); fi
  done
  echo "$total"
}
# pg_pids: the private PostgreSQL's postmaster and its backends.
pg_pids() {
  local main
  main="$(head -n 1 "$work/pg/postmaster.pid")"
  echo "$main" "$(pgrep -d ' ' -P "$main")"
}

# wrk_get URL TOKEN SECONDS LABEL: one line like the load generator's ("LABEL: N req/s, p50 x ms, p99 y ms, ..."),
# with the CPU time the host and PostgreSQL spent per request: steadier than throughput when the shared cores are
# busy with other machines' work, so the figure to compare changes by.
wrk_get() {
  local out host_before pg_before host_after pg_after pgs
  read -ra pgs <<<"$(pg_pids)"
  host_before="$(cpu_ticks "$host_pid")"
  pg_before="$(cpu_ticks "${pgs[@]}")"
  out="$(wrk -t 1 -c 16 -d "${3}s" --latency -H "authorization: Bearer $2" "$1")"
  host_after="$(cpu_ticks "$host_pid")"
  pg_after="$(cpu_ticks "${pgs[@]}")"
  awk -v label="$4" -v seconds="$3" -v host=$((host_after - host_before)) -v pg=$((pg_after - pg_before)) '
    /Requests\/sec:/ { rps = $2 }
    /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
    /requests in/ { total = $1 }
    /Non-2xx/ { non2xx = $NF }
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    END { printf "%s: %d req/s, p50 %.2f ms, p99 %.2f ms, %d requests, %d non-2xx, concurrency 16, %s s (wrk), CPU per request: host %d µs, PostgreSQL %d µs\n",
      label, rps, ms(p50), ms(p99), total, non2xx + 0, seconds, host * 10000 / total, pg * 10000 / total }' <<<"$out"
}

# wrk_warm URL TOKEN: 30 s of the same load first. The host's tiered JIT keeps recompiling hot methods for about
# that long; measuring earlier measured the compiler (seen: half the throughput in the first 10 s after start).
wrk_warm() { wrk -t 1 -c 16 -d 30s -H "authorization: Bearer $2" "$1" >/dev/null; }

# wrk_rounds URL TOKEN SECONDS LABEL: three measured rounds, each printed, then the median round by p99. The cores are
# shared with other machines, so one round can be twice as slow as the next; the median is the figure to quote.
wrk_rounds() {
  local rounds=()
  for round in 1 2 3; do
    rounds+=("$(wrk_get "$1" "$2" "$3" "$4 (round $round)")")
    echo "  ${rounds[-1]}"
  done
  printf '%s\n' "${rounds[@]}" | sort -t, -k3 -V | sed -n 2p | sed 's/ (round [0-9])/ (median of 3)/'
}

work="$(mktemp -d)"
chmod 755 "$work"
pg_bin="$(postgres_bin)"
pg_port="$(free_port)"
host_port="$(free_port)"
base="http://127.0.0.1:$host_port"
host_pid=""
cleanup() {
  if [ -n "$host_pid" ]; then kill "$host_pid" 2>/dev/null || true; fi
  as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

[ "$(id -u)" -eq 0 ] && chown postgres "$work"
as_postgres "$pg_bin/initdb" -D "$work/pg" -U postgres -A trust --no-sync -E UTF8 >/dev/null
as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w start \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $work -c fsync=off -c synchronous_commit=off -c max_connections=200" >/dev/null
psql_bench() { "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d bench -v ON_ERROR_STOP=1 -q "$@"; }
"$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres bench
conn="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=bench;Maximum Pool Size=64"

dotnet build src/PersonalAssistant.Server -c Release -p:SkipWebAppBuild=true --verbosity quiet -nologo
dotnet build benchmarks/PersonalAssistant.LoadTest -c Release --verbosity quiet -nologo
server="src/PersonalAssistant.Server/bin/Release/net10.0/PersonalAssistant.Server.dll"
load="benchmarks/PersonalAssistant.LoadTest/bin/Release/net10.0/PersonalAssistant.LoadTest"
pg_args=(--Database:Provider=Postgres "--ConnectionStrings:Postgres=$conn" "--Storage:DataDirectory=$work/data")
dotnet "$server" migrate "${pg_args[@]}" >/dev/null
