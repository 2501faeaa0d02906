#!/usr/bin/env bash
# Restores a dump made by backup.sh into a new database DBNAME (created here; an existing one is refused, so a
# restore never mixes with live data), in one transaction: all of it or nothing. Then run the image's `migrate`,
# which brings a dump from an older release up to date. Connection from libpq's variables (PGHOST, PGPORT, PGUSER,
# PGPASSWORD) for a user allowed to create databases.
#   deploy/postgres/restore.sh /backups/assistant-20260101T020000Z.dump assistant
set -euo pipefail

dump="${1:?usage: restore.sh DUMP DBNAME}"
db="${2:?usage: restore.sh DUMP DBNAME}"
[ -r "$dump" ] || { echo "restore: cannot read $dump" >&2; exit 1; }
pg_restore --list "$dump" >/dev/null || { echo "restore: $dump is not a pg_dump archive" >&2; exit 1; }
createdb "$db"
if ! pg_restore --no-owner --exit-on-error --single-transaction --dbname="$db" "$dump"; then
  echo "restore: failed; the new database $db is left empty for inspection (dropdb $db to retry)" >&2
  exit 1
fi
echo "restore: $dump restored into $db"
