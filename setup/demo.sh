#!/usr/bin/env bash
# Set up everything, create the database debt_recovery_demo with both modules and their demo
# data (once), and start Odoo on http://localhost:$HTTP_PORT (login admin / admin).
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
DEMO_DB=${DEMO_DB:-debt_recovery_demo}
bash "$ROOT/setup/bootstrap.sh"
load_env
wanted=$(printf "'%s'," $ADDONS)
installed=$(psql -d "$DEMO_DB" -tAc "SELECT count(*) FROM ir_module_module WHERE state = 'installed'
    AND name IN (${wanted%,})" 2>/dev/null || echo 0)
# shellcheck disable=SC2086
if [ "$installed" != "$(set -- $ADDONS; echo $#)" ]; then
    say "creating $DEMO_DB with demo data (a few minutes the first time)"
    drop_db "$DEMO_DB"
    odoo_bin -d "$DEMO_DB" -i "$MODULES" --stop-after-init
    # French debtors get their letters and emails in French.
    odoo_bin -d "$DEMO_DB" --load-language=fr_FR --stop-after-init
else
    say "$DEMO_DB already has the add-ons"
fi
say "starting Odoo on http://localhost:$HTTP_PORT (admin / admin); Ctrl+C stops it"
exec "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$ODOO_CONF" -d "$DEMO_DB" \
    --db-filter="^$DEMO_DB\$" --http-port="$HTTP_PORT"
