#!/usr/bin/env bash
# Builds the app (TypeScript + admin panel) and starts it on SQLite with the demo data.
# Admin panel: http://localhost:1337/admin  (demo login printed below)
# Public price table: http://localhost:1337/api/clinic-crm/price-table?locale=en
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_ENV="${NODE_ENV:-development}"
export STRAPI_TELEMETRY_DISABLED=true
export CLINIC_CRM_SEED_DEMO="${CLINIC_CRM_SEED_DEMO:-true}"
npx strapi build
echo
echo "Clinic CRM demo: admin panel http://localhost:${PORT:-1337}/admin"
echo "  login ${DEMO_ADMIN_EMAIL:-admin@clinic.local} / ${DEMO_ADMIN_PASSWORD:-ClinicDemo2026!}"
echo "  price table http://localhost:${PORT:-1337}/api/clinic-crm/price-table?locale=en"
echo
exec npx strapi start
