# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, fields, models
from odoo.exceptions import UserError

# Account fields of the closing, with the French chart's account each defaults to.
CHART_ACCOUNTS = {
    "debt_recovery_doubtful_account_id": "pcg_416",
    "debt_recovery_provision_account_id": "pcg_491",
    "debt_recovery_allowance_account_id": "pcg_68174",
    "debt_recovery_reversal_account_id": "pcg_78174",
    "debt_recovery_loss_account_id": "pcg_6541",
    "debt_recovery_loss_earlier_account_id": "pcg_6544",
    "debt_recovery_recovered_account_id": "pcg_7714",
}
# The recovered-loss account the French chart does not ship.
RECOVERED_ACCOUNT = {"code": "771400", "name": "Rentrées sur créances amorties"}


class ResCompany(models.Model):
    _inherit = "res.company"

    debt_recovery_doubtful_account_id = fields.Many2one(
        "account.account",
        string="Doubtful Receivables Account",
        check_company=True,
        help="Receivables classified as doubtful at a closing (416 in France), incl. VAT.",
    )
    debt_recovery_provision_account_id = fields.Many2one(
        "account.account",
        string="Provision Account",
        check_company=True,
        help="Provision for doubtful receivables (491 in France), excl. VAT.",
    )
    debt_recovery_allowance_account_id = fields.Many2one(
        "account.account",
        string="Allowance Account",
        check_company=True,
        help="Allowance to the provision (6817 in France).",
    )
    debt_recovery_reversal_account_id = fields.Many2one(
        "account.account",
        string="Provision Reversal Account",
        check_company=True,
        help="Reversal of the provision (7817 in France).",
    )
    debt_recovery_loss_account_id = fields.Many2one(
        "account.account",
        string="Irrecoverable Debts Account",
        check_company=True,
        help="Loss on irrecoverable receivables of the current financial year (654 in France).",
    )
    debt_recovery_loss_earlier_account_id = fields.Many2one(
        "account.account",
        string="Irrecoverable Debts Account (Earlier Years)",
        check_company=True,
        help="Loss on irrecoverable receivables invoiced in an earlier financial year.",
    )
    debt_recovery_recovered_account_id = fields.Many2one(
        "account.account",
        string="Recovered Losses Account",
        check_company=True,
        help="Receipts on receivables written off (7714 in France).",
    )
    debt_recovery_doubtful_days = fields.Integer(
        string="Doubtful After (Days Overdue)",
        default=180,
        help="An invoice overdue beyond this many days is a doubtful receivable at a closing.",
    )
    debt_recovery_provision_method = fields.Selection(
        [("rule", "Rates by rule"), ("matrix", "Loss rates learnt from history")],
        string="Provision Method",
        default="rule",
        required=True,
        help="Rate of receivables doubtful only because they are overdue: the table of rates, "
        "or the loss rate of their age bucket learnt from the company's invoices older than a "
        "year. Insolvency, litigation, disputes and settlements always follow the table.",
    )

    def _debt_recovery_set_chart_accounts(self):
        """Fill the closing's empty accounts from the French chart (creating its 7714)."""
        Template = self.env["account.chart.template"]
        for company in self.filtered(lambda c: c.chart_template == "fr"):
            chart = Template.with_company(company)
            if not chart.ref("pcg_7714", raise_if_not_found=False):
                account = self.env["account.account"].search(
                    [
                        *self.env["account.account"]._check_company_domain(company),
                        ("code", "=like", "7714%"),
                    ],
                    limit=1,
                ) or self.env["account.account"].create(
                    dict(
                        RECOVERED_ACCOUNT,
                        account_type="income_other",
                        company_ids=[Command.set(company.ids)],
                    )
                )
                self.env["ir.model.data"].create(
                    {
                        "module": "account",
                        "name": f"{company.id}_pcg_7714",
                        "model": account._name,
                        "res_id": account.id,
                        "noupdate": True,
                    }
                )
            values = {}
            for field, xmlid in CHART_ACCOUNTS.items():
                account = chart.ref(xmlid, raise_if_not_found=False)
                if account and not company[field]:
                    values[field] = account.id
            company.write(values)

    def _debt_recovery_accounts(self):
        """{field name: account} of the closing; a UserError names every one not set."""
        self.ensure_one()
        if any(not self[field] for field in CHART_ACCOUNTS):
            self._debt_recovery_set_chart_accounts()
        missing = [
            self._fields[field].get_description(self.env)["string"]
            for field in CHART_ACCOUNTS
            if not self[field]
        ]
        if missing:
            raise UserError(
                self.env._(
                    "Set these accounts of %(company)s in Settings > Debt Recovery > "
                    "Accounting first: %(accounts)s.",
                    company=self.name,
                    accounts=", ".join(missing),
                )
            )
        return {field: self[field] for field in CHART_ACCOUNTS}
