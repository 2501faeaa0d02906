#!/usr/bin/env bash
# Benchmark of the assistant on PostgreSQL (docs/benchmarks.md): offline chat turns at 16 concurrent conversations
# (message stored, engine, tool executed, reply stored: each request waits for its reply with "Prefer: wait"), then,
# with 100,000 messages seeded for 1,000 people, a page of messages and a conversation search at 16 connections.
# Usage: scripts/bench-assistant.sh [seconds per measurement, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
# shellcheck source=scripts/bench-postgres.sh
source "scripts/bench-postgres.sh"

export RateLimits__AuthPerIp__PermitLimit=1000000 RateLimits__AuthPerAccount__PermitLimit=1000000
export RateLimits__AssistantTurnsPerAccount__PermitLimit=1000000 Assistant__Workers=16
export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
dotnet "$server" --urls "$base" "${pg_args[@]}" >"$work/host.log" 2>&1 &
host_pid=$!
wait_ready "$base" "$work/host.log" 120

email="bench-$RANDOM@example.test"
password="maple orbit lantern 47"
# register answers 200 without an id (issue 13: the same for a taken address); the id comes from users/me.
curl -sf -o /dev/null -X POST "$base/api/v1/auth/register" -H 'content-type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\",\"displayName\":\"Bench\",\"timeZone\":\"UTC\"}"
token="$(curl -sf -X POST "$base/api/v1/auth/login" -H 'content-type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\",\"tokenDelivery\":\"body\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')"
user_id="$(curl -sf "$base/api/v1/users/me" -H "authorization: Bearer $token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
: >"$work/urls"
for _ in $(seq 1 16); do
  id="$(curl -sf -X POST "$base/api/v1/conversations" -H "authorization: Bearer $token" -H 'content-type: application/json' -d '{}' \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
  echo "$base/api/v1/conversations/$id/messages" >>"$work/urls"
done

echo "Host: Release build on PostgreSQL, $(nproc) cores shared with PostgreSQL and the load generator"
turn=(--method POST --body '{"text":"buy milk tomorrow"}' --header "Prefer: wait=30" --urls "$work/urls" --token "$token")
"$load" "$(head -n 1 "$work/urls")" "${turn[@]}" --concurrency 16 --seconds 3 --warmup 2 --label warm-up >/dev/null
"$load" "$(head -n 1 "$work/urls")" "${turn[@]}" --concurrency 16 --seconds "$seconds" --label "offline chat turn, 16 conversations"

echo "Seeding: 1,000 people, 100,000 messages"
started=$(date +%s)
psql_bench -v bench="$user_id" <<'SQL'
INSERT INTO "AspNetUsers"
SELECT (jsonb_populate_record(NULL::"AspNetUsers", to_jsonb(u) || jsonb_build_object(
  'Id', gen_random_uuid(), 'Email', 'seed' || i || '@bench.test', 'NormalizedEmail', 'SEED' || i || '@BENCH.TEST',
  'UserName', 'seed' || i || '@bench.test', 'NormalizedUserName', 'SEED' || i || '@BENCH.TEST',
  'SecurityStamp', md5(i::text), 'ConcurrencyStamp', md5(i::text || 'c')))).*
FROM "AspNetUsers" u, generate_series(1, 999) i WHERE u."Id" = :'bench';
CREATE TEMP TABLE people AS SELECT "Id", (row_number() OVER (ORDER BY "Id") - 1) AS n FROM "AspNetUsers" WHERE "Id" <> :'bench';
INSERT INTO "Conversations" ("Id","UserId","Title","Channel","Archived","Pending","CreatedAt","UpdatedAt")
SELECT gen_random_uuid(), p."Id", 'conversation ' || c, 'web', false, NULL, now(), now() - (c || ' minutes')::interval
FROM people p, generate_series(1, 5) c;
INSERT INTO "ConversationMessages" ("ConversationId","UserId","Role","Channel","Text","ReplyToId","Actions","CreatedAt")
SELECT c."Id", c."UserId", CASE WHEN i % 2 = 0 THEN 'user' ELSE 'assistant' END, 'web',
  'message ' || i || ' about the ' || (ARRAY['plumber','dentist','garden','invoice','passport','laundry'])[1 + i % 6], NULL, NULL, now()
FROM "Conversations" c, generate_series(1, 20) i WHERE c."UserId" <> :'bench';
ANALYZE;
SQL
echo "Seeded in $(( $(date +%s) - started )) s"

read -r seed_email <<<"seed1@bench.test"
psql_bench -c "UPDATE \"AspNetUsers\" SET \"PasswordHash\" = (SELECT \"PasswordHash\" FROM \"AspNetUsers\" WHERE \"Id\" = '$user_id') WHERE \"Email\" = '$seed_email'"
seed_token="$(curl -sf -X POST "$base/api/v1/auth/login" -H 'content-type: application/json' \
  -d "{\"email\":\"$seed_email\",\"password\":\"$password\",\"tokenDelivery\":\"body\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')"
conversation="$(curl -sf "$base/api/v1/conversations" -H "authorization: Bearer $seed_token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')"
page="/api/v1/conversations/$conversation/messages?limit=20"
search="/api/v1/conversations?q=plumber"
for path in "$page" "$search"; do
  wrk_warm "$base$path" "$seed_token"
done
wrk_rounds "$base$page" "$seed_token" "$seconds" "GET a page of messages"
wrk_rounds "$base$search" "$seed_token" "$seconds" "GET conversations?q= (search)"
