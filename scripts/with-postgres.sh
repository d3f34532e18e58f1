#!/usr/bin/env bash
# Runs a Node script against PostgreSQL: the one DATABASE_CLIENT=postgres and DATABASE_* point at,
# else a throw-away cluster started here (scripts/postgres.sh) and stopped afterwards.
# Usage: bash scripts/with-postgres.sh scripts/bench-dispatch.js
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${DATABASE_CLIENT:-}" != "postgres" ]; then
  # shellcheck source=scripts/postgres.sh
  source scripts/postgres.sh
  pg_start
  trap pg_stop EXIT
  export DATABASE_CLIENT=postgres
fi
node "$@"
