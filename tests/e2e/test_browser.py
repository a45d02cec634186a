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
        partner = self.env["res.partner"].create(
            {
                "name": "Browser Debtor SA",
                "is_company": True,
                "debt_recovery_debtor_type": "professional",
            }
        )
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


@tagged("post_install", "-at_install")
class TestWorklistAtLaptopWidth(HttpCase):
    """The worklist reads at 1366 x 768: the debtor's name wraps, never cut."""

    browser_size = "1366x768"

    def test_debtor_name_is_never_cut(self):
        self.env["res.lang"]._activate_lang("en_US")
        new_test_user(
            self.env,
            lang="en_US",
            login="laptop_collector",
            password="laptop_collector",
            name="Laptop Collector",
            groups="base.group_user,debt_recovery.group_debt_recovery_user",
            company_id=self.env.company.id,
        )
        names = [
            "Menuiserie Perrin & Fils, charpente, agencement intérieur et escaliers sur mesure",
            "Hôtel Bonnet SARL",
        ]
        due = date.today() - timedelta(days=40)
        for name in names:
            partner = self.env["res.partner"].create(
                {"name": name, "is_company": True, "debt_recovery_debtor_type": "professional"}
            )
            invoice = self.env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "invoice_date": due,
                    "invoice_date_due": due,
                    "invoice_line_ids": [
                        Command.create(
                            {"name": "Work", "price_unit": 4200.0, "tax_ids": [Command.clear()]}
                        )
                    ],
                }
            )
            invoice.action_post()
        self.env["debt.recovery.case"]._cron_escalate()
        code = """
            const cells = [...document.querySelectorAll('.o_data_row td[name="partner_id"]')];
            const cut = cells.filter((cell) => {
                const parts = [cell, ...cell.querySelectorAll('*')];
                return parts.some((el) => el.scrollWidth > el.clientWidth + 1
                    || getComputedStyle(el).textOverflow === 'ellipsis');
            }).map((cell) => cell.textContent.trim());
            const headers = [...document.querySelectorAll('.o_list_table thead th[data-name]')]
                .map((th) => th.dataset.name);
            const expected = ['partner_id', 'level_id', 'amount_overdue', 'days_overdue',
                'next_action_date', 'user_id', 'risk_grade', 'state'];
            const missing = expected.filter((name) => !headers.includes(name));
            const extra = headers.filter((name) => !expected.includes(name));
            if (window.innerWidth !== 1366) {
                console.error(`window width ${window.innerWidth}`);
            } else if (!cells.length || cut.length || missing.length || extra.length) {
                console.error(`cells: ${cells.length}, cut: ${JSON.stringify(cut)}, `
                    + `missing: ${missing}, extra: ${extra}`);
            } else {
                console.log('test successful');
            }
        """
        self.browser_js(
            "/odoo/action-debt_recovery.debt_recovery_case_action?view_type=list",
            code,
            ready="document.querySelectorAll('.o_data_row td[name=\"partner_id\"]').length >= 2",
            login="laptop_collector",
            timeout=120,
        )
