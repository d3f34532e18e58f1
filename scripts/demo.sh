#!/usr/bin/env bash
# Builds the app (TypeScript + admin panel) and starts it on SQLite with the demo data, with a
# development mail catcher (maildev, loopback only) that receives every e-mail the CRM sends.
# Admin panel: http://localhost:1337/admin  ·  mailbox: http://127.0.0.1:1080  (printed below)
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_ENV="${NODE_ENV:-development}"
export STRAPI_TELEMETRY_DISABLED=true
export CLINIC_CRM_SEED_DEMO="${CLINIC_CRM_SEED_DEMO:-true}"
MAIL_UI_PORT="${MAIL_UI_PORT:-1080}"

npm run -s build

# The mailbox, unless an SMTP server was configured: the app sends to it on 127.0.0.1:SMTP_PORT.
mkdir -p .tmp
mailbox=""
if [ -z "${SMTP_HOST:-}" ]; then
  export SMTP_HOST=127.0.0.1 SMTP_PORT="${SMTP_PORT:-2525}"
  npx maildev --ip 127.0.0.1 --smtp "$SMTP_PORT" --web-ip 127.0.0.1 --web "$MAIL_UI_PORT" >.tmp/maildev.log 2>&1 &
  MAILDEV_PID=$!
  trap 'kill "$MAILDEV_PID" 2>/dev/null || true' EXIT
  mailbox="http://127.0.0.1:${MAIL_UI_PORT}"
fi

echo
echo "Clinic CRM demo: admin panel http://localhost:${PORT:-1337}/admin"
echo "  login ${DEMO_ADMIN_EMAIL:-admin@clinic.local} / ${DEMO_ADMIN_PASSWORD:-ClinicDemo2026!}"
echo "  staff logins (same password): manager.wu@clinic.local, frontdesk.lin@clinic.local, … (README)"
echo "  website page http://localhost:${PORT:-1337}/price-table.html"
[ -n "$mailbox" ] && echo "  mailbox (every e-mail the CRM sends) $mailbox"
echo
npx strapi start
