#!/usr/bin/env bash
# A consistent copy of the embedded SQLite databases while the host runs: SQLite's online backup API (through
# python3's sqlite3 module, or the sqlite3 command's .backup), page by page under SQLite's own locks, so the copy is
# never torn even with the write-ahead log active. Copies assistant.db and jobs.db, plus master.key and vapid.json
# (a copy without the master key cannot be read back in full), into a new dated folder; prints its path.
#   scripts/sqlite-backup.sh DATA_DIRECTORY BACKUP_FOLDER
set -euo pipefail

data="${1:?usage: sqlite-backup.sh DATA_DIRECTORY BACKUP_FOLDER}"
target="${2:?usage: sqlite-backup.sh DATA_DIRECTORY BACKUP_FOLDER}/assistant-$(date -u +%Y%m%dT%H%M%SZ)"
[ -f "$data/assistant.db" ] || { echo "sqlite-backup: no assistant.db in $data" >&2; exit 1; }
mkdir -p "$target.partial"
chmod 700 "$target.partial"

copy_db() { # copy_db <source> <destination>
  if command -v python3 >/dev/null; then
    python3 - "$1" "$2" <<'PY'
import sqlite3, sys
source = sqlite3.connect(f'file:{sys.argv[1]}?mode=ro', uri=True)
destination = sqlite3.connect(sys.argv[2])
with destination:
    source.backup(destination)
check = destination.execute('PRAGMA integrity_check').fetchone()[0]
destination.close(); source.close()
sys.exit(0 if check == 'ok' else f'integrity check of the copy: {check}')
PY
  else
    sqlite3 "$1" ".backup '$2'"
  fi
}

for db in assistant.db jobs.db; do
  if [ -f "$data/$db" ]; then copy_db "$data/$db" "$target.partial/$db"; fi
done
for key in master.key vapid.json; do
  if [ -f "$data/$key" ]; then cp -p "$data/$key" "$target.partial/"; fi
done
mv "$target.partial" "$target"
echo "$target"
