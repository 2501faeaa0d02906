#!/usr/bin/env bash
# Resources benchmark (docs/benchmarks.md): on a private PostgreSQL seeded with 1,000 people, 20,000 tasks, 50,000
# notes and 20,000 reminders (the measured person has five tasks due today, two of them with three steps), the task
# "today" view, a note full-text search and the reminder list, each at 16 concurrent connections on loopback; then
# the query plans of the statements behind them.
# Usage: scripts/bench-resources.sh [seconds per endpoint, default 10]   (needs the postgresql Debian package)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
# shellcheck source=scripts/bench-postgres.sh
source "scripts/bench-postgres.sh"

export RateLimits__AuthPerIp__PermitLimit=1000000 RateLimits__AuthPerAccount__PermitLimit=1000000
export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
# A pool of about twice the cores, the usual sizing when PostgreSQL shares the machine: with 64 connections the
# sixteen requests ran sixteen PostgreSQL backends at once on two cores, and the scheduler's queueing made the tail
# (a note search's p99 164 ms at 64 connections, 10-35 ms at 4 or 5; docs/benchmarks.md).
dotnet "$server" --urls "$base" "${pg_args[@]}" --Database:Postgres:MaxPoolSize=$(( $(nproc) * 2 + 1 )) >"$work/host.log" 2>&1 &
host_pid=$!
wait_ready "$base" "$work/host.log"

email="bench-$RANDOM@example.test"
password="maple orbit lantern 47"
# register answers 200 without an id (issue 13: the same for a taken address); the id comes from users/me.
curl -sf -o /dev/null -X POST "$base/api/v1/auth/register" -H 'content-type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\",\"displayName\":\"Bench\",\"timeZone\":\"UTC\"}"
token="$(curl -sf -X POST "$base/api/v1/auth/login" -H 'content-type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\",\"tokenDelivery\":\"body\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')"
user_id="$(curl -sf "$base/api/v1/users/me" -H "authorization: Bearer $token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"

echo "Seeding: 1,000 people, 20,000 tasks, 50,000 notes, 20,000 reminders"
started=$(date +%s)
psql_bench -v bench="$user_id" <<'SQL'
INSERT INTO "AspNetUsers"
SELECT (jsonb_populate_record(NULL::"AspNetUsers", to_jsonb(u) || jsonb_build_object(
  'Id', gen_random_uuid(), 'Email', 'seed' || i || '@bench.test', 'NormalizedEmail', 'SEED' || i || '@BENCH.TEST',
  'UserName', 'seed' || i || '@bench.test', 'NormalizedUserName', 'SEED' || i || '@BENCH.TEST',
  'SecurityStamp', md5(i::text), 'ConcurrencyStamp', md5(i::text || 'c')))).*
FROM "AspNetUsers" u, generate_series(1, 999) i WHERE u."Id" = :'bench';
CREATE TEMP TABLE people AS SELECT "Id", (row_number() OVER (ORDER BY "Id") - 1) AS n FROM "AspNetUsers";
CREATE TEMP TABLE words AS SELECT ARRAY['plumber','valve','fridge','password','garden','invoice','dentist','recipe',
  'birthday','passport','school','laundry','budget','holiday','insurance','bicycle'] AS w;
INSERT INTO "Tasks" ("Id","UserId","ParentId","Position","Title","Notes","DueDate","DueAt","Priority","Status","Tags",
  "EstimatedMinutes","Energy","MissedCount","MissedThrough","BreakdownSuggestedAt","CreatedAt","UpdatedAt","CompletedAt")
SELECT gen_random_uuid(), p."Id", NULL, 0, 'task ' || i, NULL,
  CASE WHEN i % 7 = 0 THEN NULL ELSE current_date + (i % 61) - 30 END, NULL, 'medium',
  CASE WHEN i % 5 = 0 THEN 'done' ELSE 'open' END, ARRAY['home'], 15, 'low', 0, NULL, NULL, now(), now(), NULL
FROM generate_series(1, 20000) i JOIN people p ON p.n = i % 1000;
INSERT INTO "Notes" ("Id","UserId","Title","Body","Tags","Pinned","CreatedAt","UpdatedAt")
SELECT gen_random_uuid(), p."Id", 'note ' || i || ' ' || w[1 + i % 16],
  'About the ' || w[1 + (i / 3) % 16] || ' and the ' || w[1 + (i / 7) % 16] || ', remember the ' || w[1 + (i / 11) % 16] || ' too.',
  ARRAY[]::text[], i % 50 = 0, now() - (i || ' minutes')::interval, now() - (i || ' minutes')::interval
FROM generate_series(1, 50000) i JOIN people p ON p.n = i % 1000, words;
INSERT INTO "Reminders" ("Id","UserId","Text","TimeZone","AnchorLocal","RRule","NextAt","Channels","TaskId","Status","CreatedAt","UpdatedAt")
SELECT gen_random_uuid(), p."Id", 'reminder ' || i, 'UTC', to_char(now() + (i || ' minutes')::interval, 'YYYY-MM-DD"T"HH24:MI:00'),
  CASE WHEN i % 4 = 0 THEN 'FREQ=DAILY' ELSE NULL END, now() + (i || ' minutes')::interval, ARRAY['web'], NULL, 'scheduled', now(), now()
FROM generate_series(1, 20000) i JOIN people p ON p.n = i % 1000;
-- the measured person has a realistic day: five open tasks due today, two of them broken into three steps
INSERT INTO "Tasks" ("Id","UserId","ParentId","Position","Title","Notes","DueDate","DueAt","Priority","Status","Tags",
  "EstimatedMinutes","Energy","MissedCount","MissedThrough","BreakdownSuggestedAt","CreatedAt","UpdatedAt","CompletedAt")
SELECT gen_random_uuid(), :'bench', NULL, 0, 'today ' || i, NULL, current_date, NULL, 'medium', 'open', ARRAY['home'],
  15, 'low', 0, NULL, NULL, now(), now(), NULL
FROM generate_series(1, 5) i;
INSERT INTO "Tasks" ("Id","UserId","ParentId","Position","Title","Notes","DueDate","DueAt","Priority","Status","Tags",
  "EstimatedMinutes","Energy","MissedCount","MissedThrough","BreakdownSuggestedAt","CreatedAt","UpdatedAt","CompletedAt")
SELECT gen_random_uuid(), :'bench', t."Id", s, 'step ' || s, NULL, current_date, NULL, 'medium',
  CASE WHEN s = 0 THEN 'done' ELSE 'open' END, ARRAY[]::text[], 5, 'low', 0, NULL, NULL, now(), now(), NULL
FROM (SELECT "Id" FROM "Tasks" WHERE "UserId" = :'bench' AND "Title" IN ('today 1', 'today 2')) t, generate_series(0, 2) s;
ANALYZE;
SQL
echo "Seeded in $(( $(date +%s) - started )) s"

echo "Host: Release build on PostgreSQL, $(nproc) cores shared with PostgreSQL and the load generator (wrk); 16 connections"
today="/api/v1/tasks?view=today"
search="/api/v1/notes?q=plumber%20valve"
reminders="/api/v1/reminders"
for path in "$today" "$search" "$reminders"; do
  wrk_warm "$base$path" "$token"
  wrk_rounds "$base$path" "$token" "$seconds" "GET $path"
done

echo "== Query plans (EXPLAIN ANALYZE, the statements the endpoints run)"
psql_bench -v bench="$user_id" <<'SQL'
\echo '-- tasks, today view (a page that is not full tells its own total)'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT * FROM "Tasks"
WHERE "UserId" = :'bench' AND "ParentId" IS NULL AND "Status" IN ('open', 'in_progress') AND "DueDate" = current_date
ORDER BY "DueDate", "DueAt", "CreatedAt" LIMIT 20;
\echo '-- tasks, step counts of the page'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT "ParentId", count(*), count(*) FILTER (WHERE "Status" = 'done')
FROM "Tasks" WHERE "UserId" = :'bench' AND "ParentId" = ANY (ARRAY(SELECT "Id" FROM "Tasks" WHERE "UserId" = :'bench' AND "ParentId" IS NULL AND "DueDate" = current_date))
GROUP BY "ParentId";
\echo '-- notes, full-text search: the page in one statement (up to 1,000 notes their own notes are read, the GIN branch never runs)'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
WITH size AS MATERIALIZED (SELECT count(*) AS n FROM (SELECT 1 FROM "Notes" WHERE "UserId" = :'bench' LIMIT 1001) x),
mine AS MATERIALIZED (SELECT "Id", "SearchVector", "UpdatedAt", "Tags", "Pinned" FROM "Notes" WHERE "UserId" = :'bench' AND (SELECT n FROM size) <= 1000),
found AS (
  SELECT "Id", "SearchVector", "UpdatedAt" FROM mine WHERE "SearchVector" @@ to_tsquery('simple', 'plumber:* & valve:*')
  UNION ALL
  SELECT "Id", "SearchVector", "UpdatedAt" FROM "Notes"
  WHERE "UserId" = :'bench' AND "SearchVector" @@ to_tsquery('simple', 'plumber:* & valve:*') AND (SELECT n FROM size) > 1000),
ranked AS MATERIALIZED (
  SELECT "Id", row_number() OVER (ORDER BY ts_rank("SearchVector", to_tsquery('simple', 'plumber:* & valve:*')) DESC, "UpdatedAt" DESC) AS position
  FROM found ORDER BY position LIMIT 200)
SELECT n."Id", n."Title", n."Tags", n."Pinned", n."UpdatedAt", total.n
FROM (SELECT count(*)::int AS n FROM ranked) total
LEFT JOIN ranked r ON r.position > 0 AND r.position <= 20
LEFT JOIN "Notes" n ON n."Id" = r."Id"
ORDER BY r.position;
\echo '-- notes, the same words through the GIN index alone (what a person with more than 1,000 notes gets)'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT "Id" FROM "Notes"
WHERE "UserId" = :'bench' AND "SearchVector" @@ to_tsquery('simple', 'plumber:* & valve:*')
ORDER BY ts_rank("SearchVector", to_tsquery('simple', 'plumber:* & valve:*')) DESC, "UpdatedAt" DESC LIMIT 200;
\echo '-- reminders, soonest first, with the total'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT r.*, (SELECT count(*) FROM "Reminders" c WHERE c."UserId" = :'bench')
FROM "Reminders" r WHERE "UserId" = :'bench' ORDER BY "NextAt" IS NULL, "NextAt", "CreatedAt" LIMIT 20;
SQL
