#!/usr/bin/env bash
# Upgrade check: install the add-ons as they were at an earlier commit of this repository (with
# their demo data), upgrade them to the working tree (-u), and check that nothing is lost and
# that Odoo's log has no warning. Needs the repository's history (a full clone).
# Options from the environment: UPGRADE_FROM (default: the first release of the add-ons),
# UPGRADE_DB (default debt_recovery_upgrade).
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
load_env
UPGRADE_FROM=${UPGRADE_FROM:-65bee3b}
UPGRADE_DB=${UPGRADE_DB:-debt_recovery_upgrade}
LOG_DIR=$ROOT/.logs
mkdir -p "$LOG_DIR"

if ! git -C "$ROOT" cat-file -e "$UPGRADE_FROM^{commit}" 2>/dev/null; then
    warn "commit $UPGRADE_FROM is not in this clone: upgrade check SKIPPED (clone without --depth)"
    exit 0
fi
old=$(mktemp -d)
trap 'rm -rf "$old"' EXIT
git -C "$ROOT" archive "$UPGRADE_FROM" addons | tar -x -C "$old"
sed -e "s|$ROOT/addons|$old/addons|" "$ODOO_CONF" >"$old/odoo.conf"

say "upgrade check: the add-ons of $UPGRADE_FROM with demo data on $UPGRADE_DB"
drop_db "$UPGRADE_DB"
"$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$old/odoo.conf" -d "$UPGRADE_DB" -i "$FIRST_RELEASE_MODULES" \
    --stop-after-init >"$LOG_DIR/upgrade-install.log" 2>&1 ||
    { tail -30 "$LOG_DIR/upgrade-install.log" >&2; die "installing the add-ons of $UPGRADE_FROM failed"; }

counts() {
    psql -d "$UPGRADE_DB" -tAc "
        SELECT (SELECT count(*) FROM debt_recovery_case) || ' cases, '
            || (SELECT count(*) FROM debt_recovery_communication) || ' communications, '
            || (SELECT count(*) FROM debt_recovery_communication_line) || ' snapshot lines, '
            || (SELECT count(*) FROM debt_recovery_promise) || ' promises, '
            || (SELECT count(*) FROM debt_recovery_plan) || ' plans, '
            || (SELECT count(*) FROM debt_recovery_plan_line) || ' instalments, '
            || (SELECT count(*) FROM debt_recovery_assessment) || ' assessments, '
            || (SELECT count(*) FROM debt_recovery_communication WHERE receipt_date IS NOT NULL)
            || ' proofs of receipt'"
}
# A proof of receipt recorded before the upgrade, when the field belonged to the reports add-on.
psql -d "$UPGRADE_DB" -qc "UPDATE debt_recovery_communication SET receipt_date = date
    WHERE id = (SELECT min(id) FROM debt_recovery_communication WHERE channel = 'registered_letter')"
before=$(counts)

say "upgrade check: upgrading to this working tree"
odoo_bin -d "$UPGRADE_DB" -u "$FIRST_RELEASE_MODULES" --stop-after-init --log-level=info \
    >"$LOG_DIR/upgrade.log" 2>&1 || { tail -30 "$LOG_DIR/upgrade.log" >&2; die "the upgrade failed"; }
if grep -E "^[0-9-]+ [0-9:,]+ [0-9]+ (WARNING|ERROR|CRITICAL) " "$LOG_DIR/upgrade.log" >&2; then
    die "the upgrade's log has warnings or errors (above)"
fi
after=$(counts)
[ "$before" = "$after" ] || die "records lost in the upgrade: before: $before; after: $after"
left=$(psql -d "$UPGRADE_DB" -tAc "
    SELECT (SELECT count(*) FROM debt_recovery_case WHERE state NOT IN
                ('open', 'on_hold', 'litigation', 'closed'))
         + (SELECT count(*) FROM res_partner WHERE debt_recovery_debtor_type IS NULL)
         + (SELECT count(*) FROM debt_recovery_rate WHERE rate_type IS NULL)")
[ "$left" = 0 ] || die "$left records not converted by the upgrade (states, debtor types, rates)"
say "upgrade check OK: $after"
drop_db "$UPGRADE_DB"
