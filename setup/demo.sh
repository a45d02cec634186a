#!/usr/bin/env bash
# Set up everything, create the database debt_recovery_demo with the add-ons and their demo data
# (once), with a French company in euros (French accounting, French debtors), and start Odoo on
# http://localhost:$HTTP_PORT (login admin / admin).
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
    # A French company in euros next to the first one (whose currency cannot change once it has
    # entries): the French chart of accounts, French debtors of every kind and their story.
    if [ -d "$ODOO_SRC/odoo/addons/l10n_fr_account" ] || [ -d "$ODOO_SRC/addons/l10n_fr_account" ]; then
        say "adding the French demo company (French accounting, a minute or two)"
        odoo_bin -d "$DEMO_DB" -i l10n_fr_account --stop-after-init
        out=$("$VENV/bin/python" "$ODOO_SRC/odoo-bin" shell -c "$ODOO_CONF" -d "$DEMO_DB" --no-http \
            --log-level=warn 2>&1 <<<'company = env["debt.recovery.demo"]._demo_load_french_company()
env.cr.commit()
print("FRENCH DEMO COMPANY:", company.name)') || true
        grep -q "FRENCH DEMO COMPANY: ." <<<"$out" ||
            { printf '%s\n' "$out" | tail -30 >&2; die "loading the French demo company failed (above)"; }
    else
        warn "no l10n_fr_account in $ODOO_SRC: the demo has no French company"
    fi
else
    say "$DEMO_DB already has the add-ons"
fi
# The signed link of a demo debtor's recovery page (pay it with the demo payment provider).
# The French company's Boucherie Lambert (a plan agreed, its first instalment paid), else the US
# company's Boulangerie Lefèvre when the demo has no French company.
portal_path=$(printf '%s\n' \
    "Case = env['debt.recovery.case']" \
    "case = Case.search([('partner_id.name', '=', 'Boucherie Lambert')], limit=1)" \
    "partner = env.ref('debt_recovery.demo_plan_partner_boulangerie', raise_if_not_found=False)" \
    "case = case or (Case.search([('partner_id', '=', partner.id)], limit=1) if partner else Case)" \
    "print('PORTAL_LINK=' + (case.partner_id.name + '|' + case.get_portal_url() if case else ''))" \
    "env.cr.commit()" |
    "$VENV/bin/python" "$ODOO_SRC/odoo-bin" shell -c "$ODOO_CONF" -d "$DEMO_DB" --no-http \
        --log-level=error 2>/dev/null | sed -n 's/^PORTAL_LINK=//p' || true)
if [ -n "$portal_path" ]; then
    say "a debtor's recovery page (${portal_path%%|*}, no login needed): http://localhost:$HTTP_PORT${portal_path#*|}"
fi
say "starting Odoo on http://localhost:$HTTP_PORT (admin / admin); Ctrl+C stops it"
exec "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$ODOO_CONF" -d "$DEMO_DB" \
    --db-filter="^$DEMO_DB\$" --http-port="$HTTP_PORT"
