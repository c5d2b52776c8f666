#!/usr/bin/env bash
# Proves a backup can be restored: restores FILE into a new database next to the source and
# compares the number of rows of every table with the source database.
#   DATABASE_URL=postgres://... scripts/restore-check.sh FILE
# Exits 0 when every table matches, 1 when a count differs or a table is missing, 2 on bad use.
# Compare with a quiet source (or a copy taken at the same moment): a database in use keeps
# changing after the backup. The check database is dropped afterwards; KEEP_RESTORE=1 keeps it
# (its name is printed), RESTORE_DATABASE names it.
set -euo pipefail

dump=${1:-}
url=${DATABASE_URL:-}
if [ -z "$dump" ] || [ ! -f "$dump" ]; then
  echo "Usage: DATABASE_URL=postgres://... $0 BACKUP_FILE" >&2
  exit 2
fi
case "$url" in
  postgres://*|postgresql://*) ;;
  *) echo "DATABASE_URL must be the source database's postgres:// URL." >&2; exit 2 ;;
esac

# The check database's URL: the source's, with another database name (query string kept).
base=${url%%\?*}
query=${url#"$base"}
name=${RESTORE_DATABASE:-inbreng_restore_check_$(date -u +%Y%m%d%H%M%S)_$$}
target="${base%/*}/$name$query"

psql_q() { psql --no-psqlrc --quiet --tuples-only --no-align --set ON_ERROR_STOP=1 "$@"; }

cleanup() {
  if [ "${KEEP_RESTORE:-0}" = "1" ]; then
    echo "Kept the restored database: $name"
  else
    psql_q "$url" -c "DROP DATABASE IF EXISTS \"$name\"" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

psql_q "$url" -c "CREATE DATABASE \"$name\"" >/dev/null
pg_restore --no-owner --no-acl --exit-on-error --dbname="$target" "$dump"

# Exact row counts of every table in the public schema, one "table|count" line each.
counts_sql="
SELECT table_name || '|' || (xpath('/row/c/text()', query_to_xml(
         format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name),
         false, true, '')))[1]::text
  FROM information_schema.tables
 WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
 ORDER BY table_name"
source_counts=$(psql_q "$url" -c "$counts_sql")
restored_counts=$(psql_q "$target" -c "$counts_sql")

status=0
tables=0
while IFS='|' read -r table count; do
  [ -n "$table" ] || continue
  tables=$((tables + 1))
  restored=$(printf '%s\n' "$restored_counts" | awk -F'|' -v t="$table" '$1 == t { print $2 }')
  if [ -z "$restored" ]; then
    echo "MISSING  $table: $count rows in the source, no table in the restore"
    status=1
  elif [ "$restored" != "$count" ]; then
    echo "MISMATCH $table: $count rows in the source, $restored restored"
    status=1
  else
    echo "ok       $table: $count"
  fi
done <<< "$source_counts"

if [ $status -eq 0 ]; then
  echo "Restore check passed: $tables tables, every row count matches."
else
  echo "Restore check FAILED: see the lines above." >&2
fi
exit $status
