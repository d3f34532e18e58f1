#!/usr/bin/env bash
# Every test: unit (pure domain code), then the integration and browser suites against SQLite and
# against PostgreSQL (a throw-away cluster started here). Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

export STRAPI_TELEMETRY_DISABLED=true
export STRAPI_LOG_LEVEL="${STRAPI_LOG_LEVEL:-error}"
RESULTS=.tmp/test-results
rm -rf "$RESULTS" .tmp/test && mkdir -p "$RESULTS"

# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh
# shellcheck source=scripts/chromium.sh
source scripts/chromium.sh
# shellcheck source=scripts/nginx.sh
source scripts/nginx.sh
trap pg_stop EXIT

# Each suite runs under a time bound: one that exceeds it is killed (with everything it started:
# timeout signals its whole process group), reported as failed by name, and the script goes on.
# --forceExit is only the last guard against a handle left open; every suite closes its own.
run() { # name, minutes, then the command
  local name="$1" minutes="$2"; shift 2
  echo; echo "=== $name (at most $minutes min)"
  local started=$SECONDS status
  timeout --kill-after=30 "$((minutes * 60))" "$@" --forceExit --json --outputFile="$RESULTS/$name.json"
  status=$?
  if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    echo "$minutes" > "$RESULTS/$name.timeout"
    echo "=== $name TIMED OUT after $minutes min" >&2
  fi
  echo "=== $name finished (exit $status) in $((SECONDS - started)) s"
}

run unit 5 npx jest --selectProjects unit
run integration-sqlite 40 env DATABASE_CLIENT=sqlite npx jest --selectProjects integration --runInBand

# Browser tests: the built app (strapi build, done by the project's global setup) in Debian's Chromium
if chromium_install; then
  run browser-sqlite 20 env DATABASE_CLIENT=sqlite npx jest --selectProjects browser --runInBand
else
  echo '{"numPassedTests":0,"numFailedTests":1,"numRuntimeErrorTestSuites":0}' > "$RESULTS/browser-sqlite.json"
fi

# The packed plugin installed into a bare Strapi site (tests/bare-app/template): npm install from the
# registry, strapi build, start in production on SQLite, public routes, admin API and pages in Chromium
run install 25 npx jest --selectProjects install --runInBand

if pg_start; then
  # tests/integration/cluster.test.ts runs two instances behind nginx (it fails, named, without it)
  nginx_install || echo "[nginx] not installed: the cluster test will fail" >&2
  run integration-postgres 40 env DATABASE_CLIENT=postgres npx jest --selectProjects integration --runInBand
  if [ -x /usr/bin/chromium ]; then
    run browser-postgres 20 env DATABASE_CLIENT=postgres SKIP_BUILD=true npx jest --selectProjects browser --runInBand
  else
    echo '{"numPassedTests":0,"numFailedTests":1,"numRuntimeErrorTestSuites":0}' > "$RESULTS/browser-postgres.json"
  fi
  pg_stop
else
  echo "[postgres] could not start a cluster" >&2
  echo '{"numPassedTests":0,"numFailedTests":1,"numRuntimeErrorTestSuites":0}' > "$RESULTS/integration-postgres.json"
  echo '{"numPassedTests":0,"numFailedTests":1,"numRuntimeErrorTestSuites":0}' > "$RESULTS/browser-postgres.json"
fi

node scripts/summarize-tests.js unit integration-sqlite browser-sqlite install integration-postgres browser-postgres
