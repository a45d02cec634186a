"""Browser test: a collector opens the recovery worklist in the real web client (Chromium)."""

from datetime import date, timedelta

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestWorklistInBrowser(HttpCase):
    def test_collector_sees_the_worklist(self):
        company = self.env.company
        self.env["res.lang"]._activate_lang("en_US")
        new_test_user(
            self.env,
            lang="en_US",
            login="browser_collector",
            password="browser_collector",
            name="Browser Collector",
            groups="base.group_user,debt_recovery.group_debt_recovery_user",
            company_id=company.id,
        )
        partner = self.env["res.partner"].create({"name": "Browser Debtor SA", "is_company": True})
        due = date.today() - timedelta(days=12)
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": due,
                "invoice_date_due": due,
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Work", "price_unit": 990.0, "tax_ids": [Command.clear()]}
                    )
                ],
            }
        )
        invoice.action_post()
        self.env["debt.recovery.case"]._cron_escalate()
        # The Debt Recovery menu is there, and the case list shows the debtor.
        code = """
            const sections = '.o_menu_sections a, .o_menu_sections button';
            const menu = [...document.querySelectorAll(sections)]
                .some(el => el.textContent.includes('Debt Recovery'));
            const row = [...document.querySelectorAll('.o_data_row')]
                .some(el => el.textContent.includes('Browser Debtor SA'));
            if (menu && row) {
                console.log('test successful');
            } else {
                console.error(`menu: ${menu}, row: ${row}`);
            }
        """
        self.browser_js(
            "/odoo/action-debt_recovery.debt_recovery_case_action?view_type=list",
            code,
            # The list and the navbar's menu sections render separately: wait for both.
            ready="!!document.querySelector('.o_data_row')"
            " && !!document.querySelector('.o_menu_sections a, .o_menu_sections button')",
            login="browser_collector",
            timeout=120,
        )
