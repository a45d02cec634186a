# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    debt_recovery_policy_id = fields.Many2one(
        related="company_id.debt_recovery_policy_id",
        readonly=False,
        domain="[('company_id', '=', company_id)]",
    )
    debt_recovery_interest_product_id = fields.Many2one(
        related="company_id.debt_recovery_interest_product_id", readonly=False
    )
    debt_recovery_indemnity_product_id = fields.Many2one(
        related="company_id.debt_recovery_indemnity_product_id", readonly=False
    )
    debt_recovery_assessment_retention_days = fields.Integer(
        related="company_id.debt_recovery_assessment_retention_days", readonly=False
    )
    debt_recovery_risk_backtest_months = fields.Integer(
        related="company_id.debt_recovery_risk_backtest_months", readonly=False
    )
    debt_recovery_risk_serious_days = fields.Integer(
        related="company_id.debt_recovery_risk_serious_days", readonly=False
    )
    debt_recovery_terms_of_sale = fields.Char(
        related="company_id.debt_recovery_terms_of_sale", readonly=False
    )
    debt_recovery_consumer_mediator_id = fields.Many2one(
        related="company_id.debt_recovery_consumer_mediator_id", readonly=False
    )
    debt_recovery_ecb_fetch = fields.Boolean(
        string="Read the ECB Rate",
        config_parameter="debt_recovery.ecb_fetch",
        help="A scheduled action reads the ECB main refinancing rate from the ECB's public "
        "data API every day and confirms it; off, a manager enters and confirms it.",
    )
    debt_recovery_french_law = fields.Boolean(
        related="company_id.debt_recovery_french_law", readonly=False
    )
    debt_recovery_legal_form = fields.Char(
        related="company_id.debt_recovery_legal_form", readonly=False
    )
    debt_recovery_checklist = fields.Html(
        compute="_compute_debt_recovery_checklist",
        sanitize=False,
        string="Setup Checklist",
    )
    debt_recovery_escalation_workers = fields.Integer(
        string="Escalation Workers",
        config_parameter="debt_recovery.escalation_workers",
        default=2,
        help="Cron workers the daily escalation runs in, in parallel: at most the cron threads "
        "of all the servers of the database (max_cron_threads).",
    )

    @api.constrains("debt_recovery_escalation_workers")
    def _check_debt_recovery_escalation_workers(self):
        if any(s.debt_recovery_escalation_workers < 1 for s in self):
            raise ValidationError(self.env._("The daily escalation needs at least one worker."))

    @api.depends("company_id")
    def _compute_debt_recovery_checklist(self):
        for settings in self:
            rows = Markup("").join(
                Markup(
                    '<tr class="o_debt_recovery_check" data-key="%s">'
                    '<td><i class="fa %s" title="%s"/></td><td>%s</td><td class="text-muted">%s'
                    '</td><td><a href="%s">%s</a></td></tr>'
                )
                % (
                    item["key"],
                    "fa-check text-success"
                    if item["ok"]
                    else "fa-exclamation-triangle text-warning",
                    self.env._("Done") if item["ok"] else self.env._("Missing"),
                    item["label"],
                    item["detail"],
                    item["url"],
                    self.env._("Check") if item["ok"] else self.env._("Fix"),
                )
                for item in settings.company_id._debt_recovery_setup_checklist()
            )
            settings.debt_recovery_checklist = (
                Markup('<table class="table table-sm o_debt_recovery_checklist">%s</table>') % rows
            )
