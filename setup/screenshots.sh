#!/usr/bin/env bash
# Screenshots of the README (docs/screenshots/*.png), taken from the demo database with headless
# Chromium: the case worklist, a case, an instalment plan, a formal notice letter and the KPI board.
# Starts its own Odoo on a free port (no cron), logs in as admin / admin, stops Odoo when done.
# Build the demo database first with setup/demo.sh. Options come from the environment:
#   DEMO_DB (default debt_recovery_demo), SHOTS_PORT (default: a free port),
#   SHOTS_DIR (default docs/screenshots), ADMIN_LOGIN / ADMIN_PASSWORD (default admin / admin).
# Arguments go to setup/screenshots.py, e.g. the README's shots of the French company, in French:
#   bash setup/screenshots.sh --company "Durand Maintenance SAS" --lang fr_FR --shots \
#       case-worklist,case-form,instalment-plan,formal-notice,kpi-board,worklist-undelivered,portal-page,court-request-summary
# (portal-page: the debtor's page of a case with an active plan, opened logged out through its
# link, in the debtor's language).
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
DEMO_DB=${DEMO_DB:-debt_recovery_demo}
SHOTS_DIR=${SHOTS_DIR:-$ROOT/docs/screenshots}
LOG_DIR=$ROOT/.logs
mkdir -p "$LOG_DIR"

load_env
[ -n "${CHROMIUM:-}" ] || CHROMIUM=$(command -v chromium || true)
[ -n "$CHROMIUM" ] || die "Chromium is missing: run setup/bootstrap.sh (as root it installs it)"
db_exists "$DEMO_DB" || die "no database $DEMO_DB: build it with setup/demo.sh (or set DEMO_DB)"

SHOTS_PORT=${SHOTS_PORT:-$("$VENV/bin/python" -c \
    'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
url=http://127.0.0.1:$SHOTS_PORT
log=$LOG_DIR/screenshots-odoo.log

say "starting Odoo on $url with $DEMO_DB (log: $log)"
"$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$ODOO_CONF" -d "$DEMO_DB" --db-filter="^$DEMO_DB\$" \
    --http-interface=127.0.0.1 --http-port="$SHOTS_PORT" --workers=0 --max-cron-threads=0 \
    --no-database-list >"$log" 2>&1 &
odoo_pid=$!
trap 'kill "$odoo_pid" 2>/dev/null || true; wait "$odoo_pid" 2>/dev/null || true' EXIT

for _ in $(seq 120); do
    curl -fs -o /dev/null "$url/web/login" && break
    kill -0 "$odoo_pid" 2>/dev/null || { tail -30 "$log" >&2; die "Odoo stopped (above)"; }
    sleep 1
done
curl -fs -o /dev/null "$url/web/login" || die "Odoo does not answer on $url (see $log)"

"$VENV/bin/python" "$ROOT/setup/screenshots.py" --url "$url" --db "$DEMO_DB" \
    --login "${ADMIN_LOGIN:-admin}" --password "${ADMIN_PASSWORD:-admin}" \
    --chromium "$CHROMIUM" --out "$SHOTS_DIR" "$@"
say "screenshots saved in $SHOTS_DIR"
