#!/usr/bin/env bash
# Runs a command with DATABASE_URL pointing at a throw-away PostgreSQL server on loopback.
# Installs Debian's postgresql when no server binaries are present (CI's fresh machine).
set -euo pipefail

find_pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; fi
  done | sort -V | tail -n 1
}

PG_BIN=$(find_pg_bin || true)
if [ -z "$PG_BIN" ]; then
  echo "with-postgres: installing PostgreSQL (Debian package postgresql)" >&2
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
  PG_BIN=$(find_pg_bin)
fi

PGPORT=${PGPORT:-$((54000 + RANDOM % 1000))}
PGDATA=$(mktemp -d -t rm-pg-XXXXXX)
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" -eq 0 ]; then chown postgres "$PGDATA"; fi

cleanup() {
  as_owner "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PGDATA"
}
trap cleanup EXIT

as_owner "$PG_BIN/initdb" -D "$PGDATA" -A trust -U postgres -E UTF8 >/dev/null
as_owner "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w \
  -o "-p $PGPORT -k $PGDATA -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" start >/dev/null

export DATABASE_URL="postgresql://postgres@127.0.0.1:$PGPORT/postgres"
echo "with-postgres: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT" >&2
"$@"
