#!/usr/bin/env bash
# Backs up Inbreng's database to one file.
#   scripts/backup.sh [FILE]
# PostgreSQL (DATABASE_URL=postgres://...): pg_dump in its custom format (compressed; restore
# with pg_restore, or check with scripts/restore-check.sh FILE).
# SQLite (no DATABASE_URL): an online copy through SQLite's backup API, safe while Inbreng runs.
# Without FILE the backup goes to var/backups/ with the date and time in its name.
# The file holds personal data: it is created readable by its owner only.
set -euo pipefail
cd "$(dirname "$0")/.."
umask 077

stamp=$(date -u +%Y%m%dT%H%M%SZ)
url=${DATABASE_URL:-}
case "$url" in
  postgres://*|postgresql://*)
    out=${1:-var/backups/inbreng-$stamp.dump}
    mkdir -p "$(dirname "$out")"
    pg_dump --format=custom --compress=6 --no-owner --no-acl --file="$out" "$url"
    ;;
  "")
    out=${1:-var/backups/inbreng-$stamp.sqlite3}
    mkdir -p "$(dirname "$out")"
    src=${SQLITE_PATH:-var/inbreng.sqlite3}
    [ -f "$src" ] || { echo "No SQLite database at $src." >&2; exit 1; }
    python=.venv/bin/python
    [ -x "$python" ] || python=python3
    "$python" - "$src" "$out" <<'PY'
import sqlite3
import sys

source = sqlite3.connect(sys.argv[1])
target = sqlite3.connect(sys.argv[2])
with target:
    source.backup(target)
target.close()
source.close()
PY
    ;;
  *)
    echo "DATABASE_URL must be a postgres:// URL (or unset for SQLite)." >&2
    exit 2
    ;;
esac
echo "$out"
