#!/usr/bin/env bash
# The backups, restored and used.
# PostgreSQL: a fresh database is migrated and given an administrator by the host's own commands;
# deploy/postgres/backup.sh dumps it; its cluster is stopped; deploy/postgres/restore.sh restores the dump into a
# second, fresh cluster; the host then serves from the restored database and the administrator signs in through HTTP.
# SQLite: a host serves the embedded default while scripts/sqlite-backup.sh copies it; the host stops; a new host on
# the copy alone signs the administrator in. Ends with "N passed, M failed".
#   scripts/test-backups.sh [path/to/PersonalAssistant.Server.dll]   (default: the Debug build)
# Needs PostgreSQL's server binaries (Debian's postgresql), curl, python3 and a built host.
set -uo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
dll="${1:-$repo/src/PersonalAssistant.Server/bin/Debug/net10.0/PersonalAssistant.Server.dll}"
work="$(mktemp -d -t pa-backup-XXXXXX)"
chmod 755 "$work"
host_pid=""
# shellcheck source=scripts/lib/machine.sh
source "$repo/scripts/lib/machine.sh"
pg_bin="$(postgres_bin)"

stop_cluster() { [ -f "$1/postmaster.pid" ] && as_postgres "$pg_bin/pg_ctl" -D "$1" -m fast -w stop >/dev/null 2>&1; }
cleanup() {
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null
  stop_cluster "$work/source"
  stop_cluster "$work/target"
  rm -rf "$work"
}
trap cleanup EXIT

start_cluster() { # start_cluster <dir> <port>
  mkdir -p "$1"
  [ "$(id -u)" -eq 0 ] && chown postgres "$1"
  as_postgres "$pg_bin/initdb" -D "$1" -U postgres -A trust --no-sync -E UTF8 >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log"; return 1; }
  as_postgres "$pg_bin/pg_ctl" -D "$1" -l "$1/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $2 -k $1 -c fsync=off" >/dev/null || { cat "$1/server.log"; return 1; }
}

passed=0
fail() { echo "FAILED: $*" >&2; echo "$passed passed, 1 failed"; exit 1; }

start_host() { # start_host <log name> <host args...>; sets host_port and host_pid
  local name="$1"; shift
  host_port="$(free_port)"
  ASPNETCORE_ENVIRONMENT=Production dotnet "$dll" serve --urls "http://127.0.0.1:$host_port" "$@" >"$work/$name.log" 2>&1 &
  host_pid=$!
  wait_ready "http://127.0.0.1:$host_port" "$work/$name.log"
}

signs_in() { # signs_in <log name>: the administrator signs in on the host at host_port
  local answer
  answer="$(curl -sS -X POST "http://127.0.0.1:$host_port/api/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\"}")"
  grep -q '"accessToken"' <<<"$answer" || { tail -n 30 "$work/$1.log"; echo "sign-in answered: $answer"; return 1; }
}

# Not waited for: a host takes its shutdown time to stop its job servers, and nothing here needs it gone.
stop_host() { kill "$host_pid" 2>/dev/null; host_pid=""; }

[ -x "$pg_bin/initdb" ] || fail "PostgreSQL's server binaries are not installed (apt-get install postgresql)"
[ -f "$dll" ] || fail "no host build at $dll (dotnet build first)"
export PATH="$pg_bin:$PATH" PGHOST=127.0.0.1 PGUSER=postgres PGDATABASE=assistant
master_key="$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')"
password="restore-check-$(python3 -c 'import secrets; print(secrets.token_urlsafe(12))')"
email="restore-check@example.org"
host_args=(--Database:Provider=Postgres --Security:MasterKey="$master_key" --Storage:DataDirectory="$work/data")

source_port="$(free_port)"
start_cluster "$work/source" "$source_port" || fail "the source cluster did not start"
PGPORT="$source_port" createdb assistant || fail "createdb"
source_db="Host=127.0.0.1;Port=$source_port;Username=postgres;Database=assistant;Pooling=false"
dotnet "$dll" migrate "${host_args[@]}" --ConnectionStrings:Postgres="$source_db" >"$work/migrate.log" 2>&1 \
  || { cat "$work/migrate.log"; fail "migrate"; }
printf '%s\n' "$password" | dotnet "$dll" users create-admin --email "$email" --password-stdin "${host_args[@]}" \
  --ConnectionStrings:Postgres="$source_db" >"$work/admin.log" 2>&1 || { cat "$work/admin.log"; fail "users create-admin"; }

dump="$(PGPORT="$source_port" "$repo/deploy/postgres/backup.sh" "$work/backups")" || fail "backup.sh"
echo "backup: $dump ($(stat -c %s "$dump") bytes)"
[ -z "$(find "$work/backups" -name '*.partial')" ] || fail "a .partial file was left"
stop_cluster "$work/source"

target_port="$(free_port)"
start_cluster "$work/target" "$target_port" || fail "the target cluster did not start"
PGPORT="$target_port" "$repo/deploy/postgres/restore.sh" "$dump" assistant || fail "restore.sh"
PGPORT="$target_port" "$repo/deploy/postgres/restore.sh" "$dump" assistant >/dev/null 2>&1 && fail "restore.sh into an existing database was not refused"
users="$(PGPORT="$target_port" psql -tAc "select count(*) from \"AspNetUsers\" where \"Email\" = '$email'")"
[ "$users" = 1 ] || fail "the restored database has $users accounts for $email"

start_host postgres "${host_args[@]}" --ConnectionStrings:Postgres="Host=127.0.0.1;Port=$target_port;Username=postgres;Database=assistant" \
  || fail "the host on the restored database did not start"
signs_in postgres || fail "sign-in on the restored PostgreSQL database"
stop_host
echo "restore: $email signs in on the restored PostgreSQL database"
passed=$((passed + 1))

# SQLite, copied while the host serves it.
sqlite_args=(--Security:MasterKey="$master_key" --Storage:DataDirectory="$work/sqlite")
printf '%s\n' "$password" | dotnet "$dll" users create-admin --email "$email" --password-stdin "${sqlite_args[@]}" \
  >"$work/sqlite-admin.log" 2>&1 || { cat "$work/sqlite-admin.log"; fail "users create-admin (SQLite)"; }
start_host sqlite "${sqlite_args[@]}" || fail "the host on SQLite did not start"
copy="$("$repo/scripts/sqlite-backup.sh" "$work/sqlite" "$work/sqlite-backups")" || fail "sqlite-backup.sh"
stop_host
start_host sqlite-copy --Security:MasterKey="$master_key" --Storage:DataDirectory="$copy" || fail "the host on the SQLite copy did not start"
signs_in sqlite-copy || fail "sign-in on the SQLite copy"
stop_host
echo "restore: $email signs in on the SQLite copy"
passed=$((passed + 1))
echo "$passed passed, 0 failed"
