#!/usr/bin/env bash
# Runs in the postgres-backup service: once a day at BACKUP_HOUR_UTC, a consistent pg_dump (custom format, one
# transaction) into /backups, then removes dumps older than BACKUP_KEEP_DAYS. A failed dump leaves no partial file.
set -euo pipefail
keep_days="${BACKUP_KEEP_DAYS:-14}"
hour="${BACKUP_HOUR_UTC:-2}"

backup() {
  local name tmp
  name="/backups/${PGDATABASE}-$(date -u +%Y%m%dT%H%M%SZ).dump"
  tmp="$name.partial"
  if pg_dump --format=custom --compress=6 --no-owner --file="$tmp"; then
    mv "$tmp" "$name"
    echo "backup: wrote $name ($(stat -c %s "$name") bytes)"
  else
    rm -f "$tmp"
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
