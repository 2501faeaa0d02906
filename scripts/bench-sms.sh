#!/usr/bin/env bash
# SMS webhook benchmark (docs/benchmarks.md, "SMS webhook"): on PostgreSQL, then on SQLite, 200 people each with a verified
# number; the Release host configured for Twilio, its REST API played on loopback by the load generator
# (benchmarks/PersonalAssistant.LoadTest, mode twilio-sms). Signed texts are posted to /webhooks/twilio/sms open loop at
# RATE per second for SECONDS, each number in turn, a mix of captures, a question, a note, a list add, English and French.
# Prints the time to the TwiML answer (p50, p99, max), errors, the time from each webhook to its reply's send call
# (p50, p99), and, from the database, that every text was recorded once, handled once and became one conversation
# message with one reply.
# Usage: scripts/bench-sms.sh [rate, default 200] [seconds, default 60] [both|postgres|sqlite, default both]
# (needs the postgresql Debian package)
set -euo pipefail
cd "$(dirname "$0")/.."
rate="${1:-200}"
seconds="${2:-60}"
databases="${3:-both}"
case "$databases" in both | postgres | sqlite) ;; *) echo "Unknown database choice: $databases (both, postgres or sqlite)" >&2; exit 2 ;; esac
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
  --RateLimits:WebhooksPerIp:PermitLimit=1000000 --Sms:Allowances:User:Daily=100000 --Sms:Allowances:User:Monthly=100000)
start_host() { # start_host [ARGS...]: the host on $host_port, waited for
  dotnet "$server" --urls "$base" "$@" >"$work/host.log" 2>&1 &
  host_pid=$!
  wait_ready "$base" "$work/host.log" || exit 1
}
stop_host() { kill "$host_pid" 2>/dev/null || true; while kill -0 "$host_pid" 2>/dev/null; do sleep 0.2; done; host_pid=""; }
register_one() {
  curl -sf -o /dev/null -X POST "$base/api/v1/auth/register" -H 'content-type: application/json' \
    -d "{\"email\":\"bench-$RANDOM@example.test\",\"password\":\"maple orbit lantern 47\",\"displayName\":\"Bench\",\"timeZone\":\"America/New_York\"}"
}
status=0

# measure LABEL DB-ARGS...: the load, then exactly-once from the database (the count query's columns, space-separated,
# printed by count_once on stdin). Each measured text must be recorded once and handled, one conversation message and one reply.
measure() {
  local label="$1"; shift
  start_host "$@" "${twilio_args[@]}"
  echo "== $label: Release host, $(nproc) cores shared with the load generator; $people people, each texting from a verified number"
  "$load" twilio-sms "$base" --numbers "$work/numbers" --fake-port "$fake_port" --rate "$rate" --seconds "$seconds" \
    --auth-token "$token" --account-sid "$account" --to "$instance" --public-url https://bench.example.org --sids "$work/sids" || status=1
  stop_host
  # The host logs warnings and errors only: say how many, and the first few kinds.
  python3 - "$work/host.log" <<'PY'
import collections, json, sys
kinds = collections.Counter()
for line in open(sys.argv[1], errors="replace"):
    try:
        entry = json.loads(line)
    except ValueError:
        continue
    if entry.get("LogLevel") in ("Warning", "Error", "Critical"):
        kinds[(entry["LogLevel"], entry.get("Category", ""), (entry.get("Message") or "")[:160])] += 1
print(f"Host log: {sum(kinds.values())} warnings and errors")
for (level, category, message), count in kinds.most_common(5):
    print(f"  {count} x {level} {category}: {message}")
PY
  cp "$work/host.log" "/tmp/bench-sms-host-$label.log"
}
verdict() { # verdict TEXTS RECORDED HANDLED TURNS REPLIED DUPLICATES
  echo "Database: $1 texts sent, $2 recorded, $3 handled, $4 conversation messages, $5 answered, duplicate sids: ${6:-0}"
  if [ "$1" != "$2" ] || [ "$1" != "$3" ] || [ "$1" != "$4" ] || [ "$1" != "$5" ] || [ "${6:-0}" != 0 ]; then
    echo "Not every text was handled exactly once." >&2
    status=1
  fi
}
once_sql='SELECT count(*), count(m."Id"), count(CASE WHEN m."Status" = '"'handled'"' THEN 1 END), count(DISTINCT m."ConversationMessageId"),
  count(CASE WHEN EXISTS (SELECT 1 FROM "ConversationMessages" r WHERE r."ReplyToId" = m."ConversationMessageId" AND r."Role" = '"'assistant'"') THEN 1 END),
  (SELECT count(*) FROM (SELECT 1 FROM "SmsMessages" d GROUP BY d."MessageSid" HAVING count(*) > 1) x)
FROM sent s LEFT JOIN "SmsMessages" m ON m."MessageSid" = s.sid'

# The people's verified numbers: +1 555 010 0001 and on.
for i in $(seq 1 "$people"); do printf '+1555%07d\n' $((i + 100000)); done >"$work/numbers"

# --- PostgreSQL: one person through the API, the others cloned in SQL, each with a verified number.
if [ "$databases" != sqlite ]; then
start_host "${pg_args[@]}"
register_one
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
measure "PostgreSQL" "${pg_args[@]}"
# shellcheck disable=SC2046 # the counts are six words
verdict $(psql_bench -c "CREATE TEMP TABLE sent(sid text PRIMARY KEY)" -c "\\copy sent FROM '$work/sids'" -At -F ' ' -c "$once_sql")
fi

# --- SQLite (the embedded default): the same people and numbers, cloned with Python's sqlite3.
if [ "$databases" != postgres ]; then
sqlite_args=(--Database:Provider=Sqlite "--Storage:DataDirectory=$work/sqlite")
start_host "${sqlite_args[@]}"
register_one
stop_host
python3 - "$work/sqlite/assistant.db" "$people" "$work/numbers" "$work/sids" <<'PY'
import sqlite3, sys, uuid
path, people, numbers = sys.argv[1], int(sys.argv[2]), [l.strip() for l in open(sys.argv[3]) if l.strip()]
db = sqlite3.connect(path)
db.row_factory = sqlite3.Row
user = dict(db.execute('SELECT * FROM "AspNetUsers"').fetchone())
ids = [user["Id"]]
for i in range(1, people):
    clone = dict(user, Id=str(uuid.uuid4()).upper(), Email=f"seed{i}@bench.test", NormalizedEmail=f"SEED{i}@BENCH.TEST",
                 UserName=f"seed{i}@bench.test", NormalizedUserName=f"SEED{i}@BENCH.TEST", SecurityStamp=uuid.uuid4().hex, ConcurrencyStamp=uuid.uuid4().hex)
    db.execute(f'INSERT INTO "AspNetUsers" ({",".join(chr(34) + k + chr(34) for k in clone)}) VALUES ({",".join("?" * len(clone))})', list(clone.values()))
    ids.append(clone["Id"])
for user_id, number in zip(ids, numbers):
    db.execute('INSERT INTO "PhoneNumbers" ("Id","UserId","E164","VerifiedAt","IsPrimary","CreatedAt") VALUES (?,?,?,?,1,?)',
               (str(uuid.uuid4()).upper(), user_id, number, user["CreatedAt"], user["CreatedAt"]))
db.commit()
PY
measure "SQLite" "${sqlite_args[@]}"
# shellcheck disable=SC2046 # the counts are six words
verdict $(python3 - "$work/sqlite/assistant.db" "$work/sids" "$once_sql" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("CREATE TEMP TABLE sent(sid text PRIMARY KEY)")
db.executemany("INSERT INTO sent VALUES (?)", [(l.strip(),) for l in open(sys.argv[2]) if l.strip()])
print(*db.execute(sys.argv[3]).fetchone())
PY
)
fi
exit "$status"
