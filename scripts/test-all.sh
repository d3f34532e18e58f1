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

# Everything the suites below install or build, once, before they start side by side: Debian's
# Chromium, nginx and PostgreSQL; the plugin, the app's TypeScript (type-checked) and the admin
# panel. Each suite then skips its own build (SKIP_BUILD) and makes its template database.
echo; echo "=== prepare"
prepare_started=$SECONDS
chromium_install && HAVE_CHROMIUM=1 || HAVE_CHROMIUM=0
# tests/integration/cluster.test.ts runs two instances behind nginx (it fails, named, without it)
nginx_install || echo "[nginx] not installed: the cluster test will fail" >&2
pg_start && HAVE_POSTGRES=1 || { HAVE_POSTGRES=0; echo "[postgres] could not start a cluster" >&2; }
if node scripts/build-for-tests.js; then export SKIP_BUILD=true; else echo "=== the build failed: each suite reports it" >&2; fi
echo "=== prepare finished in $((SECONDS - prepare_started)) s"

no_report() { echo '{"numPassedTests":0,"numFailedTests":1,"numRuntimeErrorTestSuites":0}' > "$RESULTS/$1.json"; }

# Two lanes at once, one per database (the machine has two cores; much of a test's time is spent
# waiting on timers, sockets and child processes). Their output is prefixed with the lane's name.
lane_sqlite() {
  run integration-sqlite 40 env DATABASE_CLIENT=sqlite npx jest --selectProjects integration --maxWorkers=1
  # browser tests: the built app as a separate process in Debian's Chromium
  if [ "$HAVE_CHROMIUM" = 1 ]; then
    run browser-sqlite 20 env DATABASE_CLIENT=sqlite npx jest --selectProjects browser --runInBand
  else no_report browser-sqlite; fi
  # the packed plugin installed into a bare Strapi site (tests/bare-app/template): npm install from
  # the registry, strapi build, start in production on SQLite, public routes, admin API and pages
  run install 25 npx jest --selectProjects install --runInBand
}
lane_postgres() {
  if [ "$HAVE_POSTGRES" != 1 ]; then no_report integration-postgres; no_report browser-postgres; return; fi
  run integration-postgres 40 env DATABASE_CLIENT=postgres npx jest --selectProjects integration --maxWorkers=1
  if [ "$HAVE_CHROMIUM" = 1 ]; then
    run browser-postgres 20 env DATABASE_CLIENT=postgres npx jest --selectProjects browser --runInBand
  else no_report browser-postgres; fi
}
lane_sqlite > >(sed -u 's/^/[sqlite] /') 2>&1 &
sqlite_lane=$!
lane_postgres > >(sed -u 's/^/[postgres] /') 2>&1 &
postgres_lane=$!
wait "$sqlite_lane" "$postgres_lane"
pg_stop
sleep 1 # the prefixing pipes flush

node scripts/summarize-tests.js unit integration-sqlite browser-sqlite install integration-postgres browser-postgres
