#!/usr/bin/env bash
# Reminder delivery benchmark (docs/benchmarks.md, "Reminder delivery"): on a private PostgreSQL, 1,000 people and
# N reminders (default 100,000) due within one minute, delivered by the Release host's dispatcher to the in-app channel
# (the sender that cannot fail apart from the database; the proactive channels are jobs enqueued after it). Two rounds
# on the same data: one host, then two hosts (replicas on the same database, each its own job server). For each round:
# how many were delivered, duplicates (two records or two notifications of one occurrence), deliveries per second from
# the first due time, and the due-to-send delay (p50, p99, max), the figure the 5-second and 60-second targets are about.
# Usage: scripts/bench-reminders.sh [reminders, default 100000]   (needs the postgresql Debian package)
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-100000}"
# shellcheck source=scripts/bench-postgres.sh
source "scripts/bench-postgres.sh"

export RateLimits__AuthPerIp__PermitLimit=1000000 RateLimits__AuthPerAccount__PermitLimit=1000000
export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
second_pid=""
second_port="$(free_port)"
stop_hosts() {
  for pid in $host_pid $second_pid; do kill "$pid" 2>/dev/null || true; done
  for pid in $host_pid $second_pid; do while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done; done
  host_pid="" second_pid=""
}
start_host() { # start_host PORT DATA-DIR LOG: one replica, dispatching, printed pid
  dotnet "$server" --urls "http://127.0.0.1:$1" "${pg_args[@]}" "--Storage:DataDirectory=$2" \
    --Database:Postgres:MaxPoolSize=$(( $(nproc) * 2 + 1 )) >"$3" 2>&1 &
  echo $!
}

# One person through the API, 999 more cloned in SQL (password hashing 1,000 times would take minutes).
host_pid="$(start_host "$host_port" "$work/data" "$work/host.log")"
wait_ready "http://127.0.0.1:$host_port" "$work/host.log" || exit 1
email="bench-$RANDOM@example.test"
curl -sf -o /dev/null -X POST "$base/api/v1/auth/register" -H 'content-type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"maple orbit lantern 47\",\"displayName\":\"Bench\",\"timeZone\":\"America/New_York\"}"
stop_hosts
psql_bench <<'SQL'
INSERT INTO "AspNetUsers"
SELECT (jsonb_populate_record(NULL::"AspNetUsers", to_jsonb(u) || jsonb_build_object(
  'Id', gen_random_uuid(), 'Email', 'seed' || i || '@bench.test', 'NormalizedEmail', 'SEED' || i || '@BENCH.TEST',
  'UserName', 'seed' || i || '@bench.test', 'NormalizedUserName', 'SEED' || i || '@BENCH.TEST',
  'SecurityStamp', md5(i::text), 'ConcurrencyStamp', md5(i::text || 'c')))).*
FROM "AspNetUsers" u, generate_series(1, 999) i;
CREATE TABLE bench_people AS SELECT "Id", (row_number() OVER (ORDER BY "Id") - 1) AS n FROM "AspNetUsers";
SQL

# round LABEL HOSTS: starts the hosts (warm before anything is due), seeds the reminders due from 30 s from now over one
# minute, waits for the deliveries (at most 3 minutes after the last due time), stops the hosts and prints the figures.
round() {
  local label="$1" hosts="$2" first_due
  host_pid="$(start_host "$host_port" "$work/data" "$work/host.log")"
  if [ "$hosts" -gt 1 ]; then second_pid="$(start_host "$second_port" "$work/data2" "$work/host2.log")"; fi
  wait_ready "http://127.0.0.1:$host_port" "$work/host.log" || exit 1
  if [ "$hosts" -gt 1 ]; then wait_ready "http://127.0.0.1:$second_port" "$work/host2.log" || exit 1; fi
  psql_bench -v count="$count" <<'SQL'
TRUNCATE "ReminderDeliveries", "Notifications";
DELETE FROM "Reminders";
CREATE TEMP TABLE due AS SELECT date_trunc('second', now()) + interval '30 seconds' AS at;
INSERT INTO "Reminders" ("Id","UserId","Text","TimeZone","AnchorLocal","RRule","NextAt","Channels","TaskId","Status","CreatedAt","UpdatedAt")
SELECT gen_random_uuid(), p."Id", 'reminder ' || i, 'America/New_York',
  to_char((d.at + ((i % 60) || ' seconds')::interval) AT TIME ZONE 'America/New_York', 'YYYY-MM-DD"T"HH24:MI:SS'),
  NULL, d.at + ((i % 60) || ' seconds')::interval, ARRAY['web'], NULL, 'scheduled', now(), now()
FROM generate_series(1, :count) i JOIN bench_people p ON p.n = i % 1000, due d;
ANALYZE "Reminders";
SQL
  first_due="$(psql_bench -At -c 'SELECT extract(epoch FROM min("NextAt"))::bigint FROM "Reminders"')"
  while [ "$(date +%s)" -lt $((first_due + 60 + 180)) ]; do
    [ "$(psql_bench -At -c 'SELECT count(*) FROM "ReminderDeliveries"')" -ge "$count" ] && break
    sleep 1
  done
  stop_hosts
  psql_bench -At -F '|' -v label="$label" <<'SQL' | awk -F '|' -v count="$count" '
    { printf "%s: %d of %d delivered, %d duplicates, %.0f deliveries/s from the first due time, due-to-send p50 %.2f s, p99 %.2f s, max %.2f s, %d late by more than 60 s\n",
        $1, $2, count, $3, $4, $5, $6, $7, $8 }'
SELECT :'label', count(*),
  (SELECT count(*) FROM (SELECT 1 FROM "Notifications" GROUP BY "ReminderId", "Occurrence" HAVING count(*) > 1) x)
    + (SELECT count(*) FROM (SELECT 1 FROM "ReminderDeliveries" GROUP BY "ReminderId", "Occurrence" HAVING count(*) > 1) y),
  count(*) / greatest(extract(epoch FROM max("At") - min("Occurrence")), 0.001),
  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "At" - "Occurrence")),
  percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM "At" - "Occurrence")),
  extract(epoch FROM max("At" - "Occurrence")),
  count(*) FILTER (WHERE "At" - "Occurrence" > interval '60 seconds')
FROM "ReminderDeliveries";
SQL
}

echo "Host: Release build on PostgreSQL, $(nproc) cores shared by the hosts and PostgreSQL; $count reminders due within one minute"
round "one host" 1
round "two replicas" 2
