#!/usr/bin/env bash
# npm run bench:analytics — on SQLite, then on PostgreSQL (a throw-away cluster unless
# DATABASE_CLIENT=postgres and DATABASE_* point at one).
set -euo pipefail
cd "$(dirname "$0")/.."
DATABASE_CLIENT=sqlite node scripts/bench-analytics.js
if [ "${DATABASE_CLIENT:-}" != "postgres" ]; then
  # shellcheck source=scripts/postgres.sh
  source scripts/postgres.sh
  pg_start
  trap pg_stop EXIT
fi
DATABASE_CLIENT=postgres node scripts/bench-analytics.js
