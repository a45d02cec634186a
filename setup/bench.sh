#!/usr/bin/env bash
# Benchmarks (not part of the tests): a database with both modules, then the scripts under
# tests/benchmarks/, each rolled back. BENCH_SIZES=N:M,..., BENCH_EMAILS and BENCH_DELIVERY_SIZES
# tune the sizes.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
BENCH_DB=${BENCH_DB:-debt_recovery_bench}
bash "$ROOT/setup/bootstrap.sh"
load_env
if ! db_exists "$BENCH_DB"; then
    odoo_bin -d "$BENCH_DB" -i "$MODULES" --without-demo=all --stop-after-init --log-level=warn
fi
say "benchmark: daily escalation (BENCH_SIZES=${BENCH_SIZES:-1000:5000})"
"$VENV/bin/python" "$ODOO_SRC/odoo-bin" shell -c "$ODOO_CONF" -d "$BENCH_DB" --no-http \
    --log-level=warn <"$ROOT/tests/benchmarks/bench_escalation.py" 2>&1 | grep -E "^BENCH|Error|Traceback"
say "benchmark: reminder emails (BENCH_DELIVERY_SIZES=${BENCH_DELIVERY_SIZES:-2000,10000})"
"$VENV/bin/python" "$ODOO_SRC/odoo-bin" shell -c "$ODOO_CONF" -d "$BENCH_DB" --no-http \
    --log-level=warn <"$ROOT/tests/benchmarks/bench_delivery.py" 2>&1 | grep -E "^BENCH|Error|Traceback"
say "benchmark: preview of the next run (BENCH_PREVIEW_SIZES=${BENCH_PREVIEW_SIZES:-10000:50000})"
(cd "$ROOT" && "$VENV/bin/python" "$ODOO_SRC/odoo-bin" shell -c "$ODOO_CONF" -d "$BENCH_DB" --no-http \
    --log-level=warn <"$ROOT/tests/benchmarks/bench_run_preview.py" 2>&1 | grep -E "^BENCH|Error|Traceback")
say "benchmark: weekly risk score (BENCH_RISK_SIZES=${BENCH_RISK_SIZES:-1000:20000})"
"$VENV/bin/python" "$ODOO_SRC/odoo-bin" shell -c "$ODOO_CONF" -d "$BENCH_DB" --no-http \
    --log-level=warn <"$ROOT/tests/benchmarks/bench_risk_score.py" 2>&1 | grep -E "^BENCH|Error|Traceback"
# BENCH_PARALLEL=N:M sizes the parallel escalation; BENCH_LETTERS_URL (a server serving the
# database) runs the letters.
PARALLEL=${BENCH_PARALLEL:-10000:50000}
say "benchmark: daily escalation in 1, 2 and 4 worker processes (BENCH_PARALLEL=$PARALLEL)"
"$VENV/bin/python" "$ROOT/tests/benchmarks/bench_parallel_escalation.py" -c "$ODOO_CONF" \
    -d "$BENCH_DB" -n "${PARALLEL%%:*}" -m "${PARALLEL##*:}" --workers 1,2,4 2>&1 | grep -E "^BENCH|Error|Traceback"
if [ -n "${BENCH_LETTERS_URL:-}" ]; then
    # wkhtmltopdf reads the letters' CSS from a server serving the benchmark database.
    say "benchmark: ${BENCH_LETTERS:-1000} letters as PDF (server $BENCH_LETTERS_URL)"
    "$VENV/bin/python" "$ROOT/tests/benchmarks/bench_letters.py" -c "$ODOO_CONF" -d "$BENCH_DB" \
        -n "${BENCH_LETTERS:-1000}" --url "$BENCH_LETTERS_URL" 2>&1 | grep -E "^BENCH|Error|Traceback"
else
    say "benchmark: letters skipped (set BENCH_LETTERS_URL to a server serving $BENCH_DB)"
fi
say "benchmark: aged receivables (BENCH_AGED_COUNT=${BENCH_AGED_COUNT:-100000} invoices)"
"$VENV/bin/python" "$ROOT/tests/benchmarks/bench_aged_balance.py" -c "$ODOO_CONF" -d "$BENCH_DB" \
    -n "${BENCH_AGED_COUNT:-100000}"
say "benchmark: the debtor's recovery page (BENCH_PORTAL_INVOICES=${BENCH_PORTAL_INVOICES:-200} invoices)"
"$VENV/bin/python" "$ODOO_SRC/odoo-bin" shell -c "$ODOO_CONF" -d "$BENCH_DB" --no-http \
    --log-level=warn <"$ROOT/tests/benchmarks/bench_portal_page.py" 2>&1 | grep -E "^BENCH|Error|Traceback"
say "benchmark: court file (BENCH_COURT_INVOICES=${BENCH_COURT_INVOICES:-200} invoices)"
"$VENV/bin/python" "$ODOO_SRC/odoo-bin" shell -c "$ODOO_CONF" -d "$BENCH_DB" --no-http \
    --log-level=warn <"$ROOT/tests/benchmarks/bench_court_file.py" 2>&1 | grep -E "^BENCH|Error|Traceback"
