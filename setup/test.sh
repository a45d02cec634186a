#!/usr/bin/env bash
# The whole test suite: set-up, lint, a fresh test database with both modules, every test.
# Independent checks run side by side (two cores): lint and the engine tests while the test
# database is built; the install/uninstall, wheel and upgrade checks (each on its own database)
# while the module tests run. Each side job's output is kept in .logs/ and printed when it ends.
# Exits non-zero on any failure. Options come from the environment (see setup/lib.sh):
#   TEST_DB (default debt_recovery_test), SKIP_INSTALL_CHECK=1 to skip the demo install /
#   uninstall check, SKIP_UPGRADE_CHECK=1 to skip the upgrade from an earlier commit,
#   SKIP_WHEEL_CHECK=1 to skip the install from the add-ons' wheels.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
TEST_DB=${TEST_DB:-debt_recovery_test}
CHECK_DB=${CHECK_DB:-debt_recovery_check}
LOG_DIR=$ROOT/.logs
mkdir -p "$LOG_DIR"
start=$(date +%s)

bash "$ROOT/setup/bootstrap.sh"
load_env

# Side jobs: `side NAME COMMAND...` starts COMMAND in the background, its output in
# .logs/side-NAME.log; `side_wait NAME` waits for it, prints its output and fails with it.
declare -A SIDE_PIDS
side() {
    local name=$1
    shift
    say "$name: started alongside"
    "$@" >"$LOG_DIR/side-$name.log" 2>&1 &
    SIDE_PIDS[$name]=$!
}
side_wait() {
    local name=$1 status=0
    wait "${SIDE_PIDS[$name]}" || status=$?
    say "$name: output"
    cat "$LOG_DIR/side-$name.log" >&2
    [ "$status" = 0 ] || die "$name failed (exit $status): see above or $LOG_DIR/side-$name.log"
    say "$name: passed"
}
trap 'for pid in "${SIDE_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done' EXIT

side lint bash "$ROOT/setup/lint.sh"
# The pure engine tests and the source rules need no database.
side engine "$VENV/bin/python" -m pytest -p no:cacheprovider -p no:odoo -q "$ROOT/tests/engine"

# Fail when an Odoo log has WARNING, ERROR or CRITICAL lines.
check_log() {
    if grep -E "^[0-9-]+ [0-9:,]+ [0-9]+ (WARNING|ERROR|CRITICAL) " "$1" >&2; then
        die "the Odoo log $1 has warnings or errors (above)"
    fi
}

say "building a fresh test database $TEST_DB"
drop_db "$TEST_DB"
odoo_bin -d "$TEST_DB" -i "$MODULES" --without-demo=all --stop-after-init --log-level=info \
    >"$LOG_DIR/install-test.log" 2>&1 ||
    { tail -50 "$LOG_DIR/install-test.log" >&2; die "installing the modules failed"; }
check_log "$LOG_DIR/install-test.log"
# French next to English (the language of new databases): letters are tested in both. The
# French chart of accounts (l10n_fr_account, about 25 s) is there for the tests of the demo's
# French company, which build that company with it.
odoo_bin -d "$TEST_DB" -i l10n_fr_account --without-demo=all --load-language=fr_FR \
    --stop-after-init >"$LOG_DIR/load-fr.log" 2>&1 ||
    { tail -50 "$LOG_DIR/load-fr.log" >&2; die "loading French and the French chart failed"; }
check_log "$LOG_DIR/load-fr.log"

say "French translations complete"
pairs=()
for addon in $ADDONS; do
    odoo_bin -d "$TEST_DB" --i18n-export="$LOG_DIR/$addon.pot" --modules="$addon" \
        --stop-after-init --log-level=warn >>"$LOG_DIR/i18n-export.log" 2>&1
    pairs+=("$ROOT/addons/$addon" "$LOG_DIR/$addon.pot")
done
"$VENV/bin/python" "$ROOT/setup/check_i18n.py" "${pairs[@]}" ||
    die "i18n/fr.po misses terms (above): run setup/i18n.sh and translate them"

side_wait lint
side_wait engine

# The checks on databases of their own, one after the other, alongside the module tests.
other_checks() {
if [ "${SKIP_INSTALL_CHECK:-0}" != 1 ]; then
    say "install with demo data, then uninstall, on $CHECK_DB"
    drop_db "$CHECK_DB"
    odoo_bin -d "$CHECK_DB" -i "$MODULES" --stop-after-init >"$LOG_DIR/install-demo.log" 2>&1 ||
        { tail -50 "$LOG_DIR/install-demo.log" >&2; die "installing with demo data failed"; }
    check_log "$LOG_DIR/install-demo.log"
    "$VENV/bin/python" "$ODOO_SRC/odoo-bin" shell -c "$ODOO_CONF" -d "$CHECK_DB" --no-http \
        >"$LOG_DIR/uninstall.log" 2>&1 <<'PY' || { tail -50 "$LOG_DIR/uninstall.log" >&2; die "uninstall failed"; }
modules = env["ir.module.module"].search([("name", "=like", "debt_recovery%"), ("state", "=", "installed")])
modules.button_immediate_uninstall()
env.cr.commit()
left = env["ir.module.module"].search([("name", "like", "debt_recovery"), ("state", "!=", "uninstalled")])
assert not left, left.mapped("name")
leftover = env["ir.model"].search([("model", "like", "debt.recovery")])
assert not leftover, leftover.mapped("model")
print("UNINSTALL OK")
PY
    grep -q "UNINSTALL OK" "$LOG_DIR/uninstall.log" || die "uninstall check failed (see $LOG_DIR/uninstall.log)"
    check_log "$LOG_DIR/uninstall.log"
    drop_db "$CHECK_DB"
fi

if [ "${SKIP_WHEEL_CHECK:-0}" != 1 ]; then
    bash "$ROOT/setup/wheel_check.sh"
fi

if [ "${SKIP_UPGRADE_CHECK:-0}" != 1 ]; then
    bash "$ROOT/setup/upgrade_check.sh"
fi
}

http_flag=()
if [ -n "${CHROMIUM:-}" ]; then
    http_flag=(--odoo-http)
else
    warn "Chromium missing: browser tests (HttpCase) are SKIPPED"
fi
say "set-up, lint, engine tests and the test database took $(($(date +%s) - start)) s"
side checks other_checks
# The module tests in two halves side by side, each on its own copy of the test database
# (and its own HTTP port for the browser tests): the base add-on's tests, and all the others
# with the end-to-end and browser tests. A single pytest leaves one core idle most of the time.
TEST_DB_2=${TEST_DB}_2
drop_db "$TEST_DB_2"
createdb -T "$TEST_DB" "$TEST_DB_2"
if [ -d "$ODOO_DATA_DIR/filestore/$TEST_DB" ]; then
    mkdir -p "$ODOO_DATA_DIR/filestore"
    cp -r "$ODOO_DATA_DIR/filestore/$TEST_DB" "$ODOO_DATA_DIR/filestore/$TEST_DB_2"
fi
ODOO_CONF_2=$ROOT/.odoo-tests-2.conf
sed -e "s|^http_port = .*|http_port = $((HTTP_PORT + 1))|" "$ODOO_CONF" >"$ODOO_CONF_2"
first_half=("$ROOT/addons/debt_recovery/tests")
second_half=()
for addon in $ADDONS; do
    [ "$addon" = debt_recovery ] && continue
    [ -d "$ROOT/addons/$addon/tests" ] && second_half+=("$ROOT/addons/$addon/tests")
done
second_half+=("$ROOT/tests/e2e")
# `module_tests LOG CONF DB PATHS...`: pytest-odoo on DB, its output in .logs/LOG.
module_tests() {
    local log=$1 conf=$2 db=$3
    shift 3
    PYTHONPATH="$ROOT/setup${PYTHONPATH:+:$PYTHONPATH}" "$VENV/bin/python" -m pytest \
        -p no:cacheprovider -p pytest_browser_wait --odoo-config="$conf" \
        --odoo-database="$db" "${http_flag[@]}" -o log_cli=false "$@" -q -rs \
        >"$LOG_DIR/$log" 2>&1
}
say "module, end-to-end and browser tests on $TEST_DB and $TEST_DB_2, two halves side by side"
tests_status=0
module_tests module-tests-2.log "$ODOO_CONF_2" "$TEST_DB_2" "${second_half[@]}" &
second_pid=$!
module_tests module-tests-1.log "$ODOO_CONF" "$TEST_DB" "${first_half[@]}" || tests_status=$?
wait "$second_pid" || tests_status=$?
cat "$LOG_DIR/module-tests-1.log" "$LOG_DIR/module-tests-2.log" >"$LOG_DIR/module-tests.log"
cat "$LOG_DIR/module-tests.log"
side_wait checks
say "everything took $(($(date +%s) - start)) s"
drop_db "$TEST_DB_2"
# pytest's summaries of the module tests (both halves), last (the checks' output came after them).
say "base add-on's tests: $(tail -n 1 "$LOG_DIR/module-tests-1.log")"
say "the other add-ons', end-to-end and browser tests: $(tail -n 1 "$LOG_DIR/module-tests-2.log")"
exit "$tests_status"
