#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster on a loopback port for the test run, installing
# Debian's `postgresql` package first when no server binaries are present.
# Usage: source scripts/postgres.sh; pg_start; …; pg_stop
# Exports DATABASE_HOST, DATABASE_PORT, DATABASE_USERNAME for the Postgres test run.

pg_bin_dir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

pg_install() {
  if [ -n "$(pg_bin_dir)" ]; then return 0; fi
  echo "[postgres] server not found: installing Debian's postgresql package"
  local SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
      echo "[postgres] need root (or sudo) to apt-get install postgresql" >&2; return 1
    fi
  fi
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
  [ -n "$(pg_bin_dir)" ] || { echo "[postgres] install failed" >&2; return 1; }
}

pg_free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
  pg_install || return 1
  local bin; bin="$(pg_bin_dir)"
  PG_DATA_DIR="$(mktemp -d /tmp/clinic-crm-pg.XXXXXX)"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$PG_DATA_DIR"; fi
  PG_PORT="${PG_PORT:-$(pg_free_port)}"
  pg_as_owner "$bin/initdb" -D "$PG_DATA_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null || return 1
  pg_as_owner "$bin/pg_ctl" -D "$PG_DATA_DIR/data" -l "$PG_DATA_DIR/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_DATA_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$PG_DATA_DIR/server.log" >&2; return 1; }
  export DATABASE_HOST=127.0.0.1 DATABASE_PORT="$PG_PORT" DATABASE_USERNAME=postgres DATABASE_PASSWORD=
  export PG_DATA_DIR PG_PORT
  echo "[postgres] $("$bin/postgres" --version) on 127.0.0.1:$PG_PORT"
}

pg_stop() {
  [ -n "${PG_DATA_DIR:-}" ] || return 0
  local bin; bin="$(pg_bin_dir)"
  pg_as_owner "$bin/pg_ctl" -D "$PG_DATA_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DATA_DIR"
  PG_DATA_DIR=""
}
