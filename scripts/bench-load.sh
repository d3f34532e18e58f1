#!/usr/bin/env bash
# npm run bench:load — on PostgreSQL. Uses DATABASE_HOST/PORT/USERNAME when
# DATABASE_CLIENT=postgres is set; otherwise starts a throw-away cluster (scripts/postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${DATABASE_CLIENT:-}" != "postgres" ]; then
  # shellcheck source=scripts/postgres.sh
  source scripts/postgres.sh
  pg_start
  trap pg_stop EXIT
  export DATABASE_CLIENT=postgres
fi
node scripts/bench-load.js
