#!/usr/bin/env bash
# SMS webhook benchmark (docs/benchmarks.md, "SMS webhook"): on a private PostgreSQL, 200 people each with a verified
# number; the Release host configured for Twilio, its REST API played on loopback by the load generator
# (benchmarks/PersonalAssistant.LoadTest, mode twilio-sms). Signed texts are posted to /webhooks/twilio/sms open loop at
# RATE per second for SECONDS, each number in turn, a mix of captures, a question, a note, a list add, English and French.
# Prints the time to the TwiML answer (p50, p99, max), errors, the time from each webhook to its reply's send call
# (p50, p99), and, from the database, that every text was recorded once, handled once and became one conversation
# message with one reply.
# Usage: scripts/bench-sms.sh [rate, default 200] [seconds, default 60]   (needs the postgresql Debian package)
set -euo pipefail
cd "$(dirname "$0")/.."
rate="${1:-200}"
seconds="${2:-60}"
people=200
# shellcheck source=scripts/bench-postgres.sh
source "scripts/bench-postgres.sh"

export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
export RateLimits__AuthPerIp__PermitLimit=1000000 RateLimits__AuthPerAccount__PermitLimit=1000000
fake_port="$(free_port)"
token="bench-auth-token-0123456789abcdef"
account="AC0123456789abcdef0123456789abcdef"
instance="+15145550100"
twilio_args=("--Twilio:AccountSid=$account" "--Twilio:AuthToken=$token" "--Twilio:PhoneNumber=$instance"
  --Twilio:PublicBaseUrl=https://bench.example.org "--Twilio:ApiBaseUrl=http://127.0.0.1:$fake_port"
  --RateLimits:WebhooksPerIp:PermitLimit=1000000)
start_host() { # start_host [ARGS...]: the host on $host_port, waited for
  dotnet "$server" --urls "$base" "${pg_args[@]}" "$@" >"$work/host.log" 2>&1 &
  host_pid=$!
  for _ in $(seq 1 300); do curl -sf "$base/health/ready" >/dev/null && return 0; sleep 0.2; done
  tail -n 20 "$work/host.log"
  exit 1
}
stop_host() { kill "$host_pid" 2>/dev/null || true; while kill -0 "$host_pid" 2>/dev/null; do sleep 0.2; done; host_pid=""; }

# One person through the API, the others cloned in SQL, each with a verified number +1 555 01x xxxx.
start_host
curl -sf -o /dev/null -X POST "$base/api/v1/auth/register" -H 'content-type: application/json' \
  -d "{\"email\":\"bench-$RANDOM@example.test\",\"password\":\"maple orbit lantern 47\",\"displayName\":\"Bench\",\"timeZone\":\"America/New_York\"}"
stop_host
psql_bench -v people="$people" <<'SQL'
INSERT INTO "AspNetUsers"
SELECT (jsonb_populate_record(NULL::"AspNetUsers", to_jsonb(u) || jsonb_build_object(
  'Id', gen_random_uuid(), 'Email', 'seed' || i || '@bench.test', 'NormalizedEmail', 'SEED' || i || '@BENCH.TEST',
  'UserName', 'seed' || i || '@bench.test', 'NormalizedUserName', 'SEED' || i || '@BENCH.TEST',
  'SecurityStamp', md5(i::text), 'ConcurrencyStamp', md5(i::text || 'c')))).*
FROM "AspNetUsers" u, generate_series(1, :people - 1) i;
INSERT INTO "PhoneNumbers" ("Id", "UserId", "E164", "VerifiedAt", "IsPrimary", "CreatedAt")
SELECT gen_random_uuid(), "Id", '+1555' || lpad((row_number() OVER (ORDER BY "Id") + 100000)::text, 7, '0'), now(), true, now()
FROM "AspNetUsers";
SQL
psql_bench -At -c 'SELECT "E164" FROM "PhoneNumbers" ORDER BY "E164"' >"$work/numbers"

start_host "${twilio_args[@]}"
echo "Host: Release build on PostgreSQL, $(nproc) cores shared with the load generator; $people people, each texting from a verified number"
status=0
"$load" twilio-sms "$base" --numbers "$work/numbers" --fake-port "$fake_port" --rate "$rate" --seconds "$seconds" \
  --auth-token "$token" --account-sid "$account" --to "$instance" --public-url https://bench.example.org --sids "$work/sids" || status=$?

# Exactly once, from the database: each measured text recorded once and handled, one person's message and one reply each.
psql_bench -c "CREATE TEMP TABLE sent(sid text PRIMARY KEY)" -c "\\copy sent FROM '$work/sids'" -At -F ' ' -c "
SELECT count(*) AS texts,
  count(m.\"Id\") AS recorded,
  count(*) FILTER (WHERE m.\"Status\" = 'handled') AS handled,
  count(DISTINCT m.\"ConversationMessageId\") AS turns,
  (SELECT count(*) FROM \"SmsMessages\" d GROUP BY d.\"MessageSid\" HAVING count(*) > 1 LIMIT 1) AS duplicates,
  count(*) FILTER (WHERE EXISTS (SELECT 1 FROM \"ConversationMessages\" r WHERE r.\"ReplyToId\" = m.\"ConversationMessageId\" AND r.\"Role\" = 'assistant')) AS replied
FROM sent s LEFT JOIN \"SmsMessages\" m ON m.\"MessageSid\" = s.sid" | {
  read -r texts recorded handled turns duplicates replied
  echo "Database: $texts texts sent, $recorded recorded, $handled handled, $turns conversation messages, $replied answered, duplicate sids: ${duplicates:-0}"
  if [ "$texts" != "$recorded" ] || [ "$texts" != "$handled" ] || [ "$texts" != "$turns" ] || [ "$texts" != "$replied" ] || [ -n "$duplicates" ]; then
    echo "Not every text was handled exactly once." >&2
    exit 1
  fi
} || status=1
exit "$status"
