#!/usr/bin/env bash
# Runs in the postgres-backup service: once a day at BACKUP_HOUR_UTC, a consistent pg_dump (custom format, one
# transaction, backup.sh beside it) into /backups, then removes dumps older than BACKUP_KEEP_DAYS. A failed dump
# leaves no partial file.
set -euo pipefail
keep_days="${BACKUP_KEEP_DAYS:-14}"
hour="${BACKUP_HOUR_UTC:-2}"

here="$(dirname "$0")"

backup() {
  local name
  if name="$(bash "$here/backup.sh" /backups)"; then
    echo "backup: wrote $name ($(stat -c %s "$name") bytes)"
  else
    echo "backup: pg_dump failed" >&2
  fi
  find /backups -name '*.dump' -mtime "+$keep_days" -print -delete
}

while true; do
  now=$(date -u +%s)
  next=$(date -u -d "today ${hour}:00" +%s)
  if [ "$next" -le "$now" ]; then next=$(date -u -d "tomorrow ${hour}:00" +%s); fi
  sleep $((next - now))
  backup
done
