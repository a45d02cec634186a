#!/usr/bin/env bash
# Benchmarks (not part of the tests): a database with both modules, then the scripts under
# tests/benchmarks/, each rolled back. BENCH_SIZES=N:M,... and BENCH_EMAILS tune the sizes.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
BENCH_DB=${BENCH_DB:-debt_recovery_bench}
bash "$ROOT/setup/bootstrap.sh"
load_env
if ! db_exists "$BENCH_DB"; then
    odoo_bin -d "$BENCH_DB" -i "$MODULES" --without-demo=all --stop-after-init --log-level=warn
fi
for script in "$ROOT"/tests/benchmarks/bench_*.py; do
    say "benchmark $(basename "$script")"
    "$VENV/bin/python" "$ODOO_SRC/odoo-bin" shell -c "$ODOO_CONF" -d "$BENCH_DB" --no-http \
        --log-level=warn <"$script" 2>&1 | grep -E "^BENCH|Error|Traceback" || true
done
