#!/usr/bin/env bash
# Runs the Postgres-restart test N times in a row (default 20) against a throw-away cluster and
# prints each run's outcome and its "[pg-restart] …" line; exits non-zero if any run failed.
# Usage: bash scripts/pg-restart-loop.sh [N]
set -uo pipefail
cd "$(dirname "$0")/.."
N="${1:-20}"
export STRAPI_TELEMETRY_DISABLED=true DATABASE_CLIENT=postgres
# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh
pg_start || exit 1
trap pg_stop EXIT
# compile once (the test's global setup does it when SKIP_BUILD is not set)
node -e "require('./scripts/lib/build-plugin').compileApp({ quiet: true }).catch((e) => { console.error(e); process.exit(1); })" || exit 1
export SKIP_BUILD=true
failed=0
for i in $(seq 1 "$N"); do
  started=$(date +%s)
  log=".tmp/pg-restart-$i.log"
  mkdir -p .tmp
  if timeout --kill-after=10 300 npx jest --selectProjects integration --runInBand tests/integration/pg-restart.test.ts >"$log" 2>&1; then result=passed; else result=FAILED; failed=$((failed + 1)); fi
  echo "run $i/$N: $result in $(( $(date +%s) - started )) s — $(grep -o '\[pg-restart\].*' "$log" | head -n 1)"
done
echo "$((N - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
