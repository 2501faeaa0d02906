#!/usr/bin/env bash
# One consistent dump of the assistant's PostgreSQL database (pg_dump's custom format, taken in one snapshot while
# the host runs), written as .partial and renamed when complete; prints the file's path.
# Connection from libpq's variables: PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE.
#   deploy/postgres/backup.sh /backups
set -euo pipefail

dir="${1:?usage: backup.sh FOLDER}"
mkdir -p "$dir"
name="$dir/${PGDATABASE:-postgres}-$(date -u +%Y%m%dT%H%M%SZ).dump"
trap 'rm -f "$name.partial"' ERR
pg_dump --format=custom --compress=6 --no-owner --file="$name.partial"
mv "$name.partial" "$name"
echo "$name"
