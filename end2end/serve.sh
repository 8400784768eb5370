#!/usr/bin/env bash
# Starts the release build on a fresh SQLite database with the demo data, for Playwright.
set -euo pipefail
: "${E2E_SIKAP_BIN:?set E2E_SIKAP_BIN to the release sikap binary (./sikap test does)}"
port="${E2E_PORT:-3100}"
dir=$(mktemp -d /tmp/sikap-e2e.XXXXXX)
export SIKAP_DATABASE_URL="sqlite://$dir/e2e.db"
export SIKAP_UPLOADS_STORE_PATH="$dir/bukti"
export SIKAP_INSTANCE_SITE_ADDR="127.0.0.1:$port"
export SIKAP_INSTANCE_PUBLIC_URL="http://127.0.0.1:$port"
"$E2E_SIKAP_BIN" seed --if-empty
# The demo accounts, for the log-in journeys (tests/accounts.ts reads them).
"$E2E_SIKAP_BIN" demo-accounts > "${E2E_ACCOUNTS:?}"
exec "$E2E_SIKAP_BIN" serve
