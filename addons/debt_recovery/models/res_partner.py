# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from ..engine import courts
from ..engine.risk import GRADES
from .debt_recovery_communication import CHANNELS

# The debtor's quality decides the law that applies to late payments (interest, indemnity,
# limitation, letters): read it, never ``is_company``.
DEBTOR_TYPES = [
    ("professional", "Professional"),
    ("consumer", "Consumer"),
    ("public", "Public body"),
]
INSOLVENCY_TYPES = [
    ("safeguard", "Safeguard (sauvegarde)"),
    ("receivership", "Receivership (redressement judiciaire)"),
    ("liquidation", "Liquidation (liquidation judiciaire)"),
]
# The channels a debtor may prefer to be contacted by (among the communication channels).
CONTACT_CHANNELS = ("email", "letter", "phone")
# Months after the opening judgment to declare a claim to the creditors' representative.
CLAIM_DECLARATION_MONTHS = 2


class ResPartner(models.Model):
    _inherit = "res.partner"

    debt_recovery_debtor_type = fields.Selection(
        DEBTOR_TYPES,
        string="Debtor Type",
        help="Professional: late-payment penalties from the due date and the fixed indemnity. "
        "Consumer: legal interest only after a formal notice, no indemnity, no fee. Public body: "
        "moratorium interest and the fixed indemnity. Set on the company, shared by its contacts.",
    )
    debt_recovery_public_kind = fields.Selection(
        [
            ("administration", "State or local authority (30 days)"),
            ("health", "Public health establishment (50 days)"),
            ("undertaking", "Public undertaking (60 days)"),
        ],
        string="Kind of Public Body",
        help="Sets the legal payment period of a public body, counted from its receipt of the "
        "payment request (Code de la commande publique R2192-10 and following).",
    )
    debt_recovery_public_contract_days = fields.Integer(
        string="Contract Payment Period (days)",
        help="The payment period set by the public contract, when shorter than the legal one "
        "(0: the legal period).",
    )
    debt_recovery_insolvency_date = fields.Date(
        string="Insolvency Opening Date",
        help="Date of the opening judgment: recovery stops, interest stops at this date and "
        "the claim is declared to the creditors' representative within two months.",
    )
    debt_recovery_insolvency_type = fields.Selection(INSOLVENCY_TYPES, string="Proceedings")

    debt_recovery_policy_id = fields.Many2one(
        "debt.recovery.policy",
        string="Recovery Policy",
        company_dependent=True,
        help="Overrides the company's default recovery policy for this debtor.",
    )
    debt_recovery_case_ids = fields.One2many("debt.recovery.case", "partner_id")
    debt_recovery_case_count = fields.Integer(compute="_compute_debt_recovery_counts")
    debt_recovery_communication_count = fields.Integer(compute="_compute_debt_recovery_counts")
    debt_recovery_contact_channel = fields.Selection(
        [channel for channel in CHANNELS if channel[0] in CONTACT_CHANNELS],
        string="Preferred Contact Channel",
        help="Collectors follow this preference when they can.",
    )
    debt_recovery_no_phone = fields.Boolean(
        string="Do Not Call", help="The debtor asked not to be called."
    )
    debt_recovery_contact_hours = fields.Char(
        string="Contact Hours", help="When the debtor can be reached, e.g. 9:00-12:00."
    )

    debt_recovery_risk_grade = fields.Selection(
        [(letter, letter) for letter in GRADES],
        string="Risk Grade",
        compute="_compute_debt_recovery_risk",
        groups="debt_recovery.group_debt_recovery_user",
        help="Late-payment risk of the debtor in the current company, from its recovery case "
        "(refreshed every week): A lowest, E highest.",
    )
    debt_recovery_risk_reasons = fields.Text(
        string="Risk Reasons",
        compute="_compute_debt_recovery_risk",
        groups="debt_recovery.group_debt_recovery_user",
    )

    @api.model
    def _commercial_fields(self):
        return super()._commercial_fields() + [
            "debt_recovery_debtor_type",
            "debt_recovery_public_kind",
            "debt_recovery_public_contract_days",
            "debt_recovery_insolvency_date",
            "debt_recovery_insolvency_type",
        ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # An individual is taken as a consumer (the prudent reading) until someone says
            # otherwise; a company's type is chosen, never assumed: an association, an SCI,
            # a liberal profession or a public body is no commercial company. Until it is,
            # no formal notice, plan or settlement is produced for it.
            if "debt_recovery_debtor_type" not in vals and not vals.get("is_company"):
                vals["debt_recovery_debtor_type"] = "consumer"
        partners = super().create(vals_list)
        partners.filtered(
            lambda p: p.debt_recovery_insolvency_date and p.commercial_partner_id == p
        )._debt_recovery_apply_insolvency()
        return partners

    def write(self, vals):
        opened = self.browse()
        if vals.get("debt_recovery_insolvency_date"):
            # Contacts receive the date from their company: the company's write applies it.
            opened = self.filtered(
                lambda p: not p.debt_recovery_insolvency_date and p.commercial_partner_id == p
            )
        result = super().write(vals)
        if opened:
            opened._debt_recovery_apply_insolvency()
        return result

    def _debt_recovery_commercial(self):
        """Whether this debtor's debts are commercial (tribunal de commerce); extended where
        the debtor's activity is recorded."""
        self.ensure_one()
        return True

    def _debt_recovery_court(self):
        """The court of a claim against this debtor (``engine.courts``): the one its formal
        notice names and its court file is prepared for."""
        self.ensure_one()
        partner = self.commercial_partner_id
        return courts.court_for(
            partner.debt_recovery_debtor_type or "consumer", partner._debt_recovery_commercial()
        )

    def _debt_recovery_apply_insolvency(self):
        """Insolvency proceedings opened: stop the ladder and ask for the claim's declaration.

        Every open invoice is held (a hold nobody releases by hand), the cases go on hold with
        the reason "insolvency", and the managers get an activity due two months after the
        opening judgment.
        """
        commercial = self.commercial_partner_id.filtered("debt_recovery_insolvency_date")
        if not commercial:
            return
        invoices = self.env["account.move"].search(
            [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("amount_residual", ">", 0),
                ("commercial_partner_id", "in", commercial.ids),
            ]
        )
        # Insolvency takes over every hold but a time-barred claim's.
        invoices._debt_recovery_hold("insolvency", replace=("dispute", "promise", "plan", "other"))
        cases = self.env["debt.recovery.case"].search(
            [("partner_id", "in", commercial.ids), ("state", "!=", "closed")]
        )
        cases._set_insolvency_hold()
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for case in cases:
            opening = case.partner_id.debt_recovery_insolvency_date
            case.activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=opening + relativedelta(months=CLAIM_DECLARATION_MONTHS),
                summary=self.env._("Declare the claim to the creditors' representative"),
                note=self.env._(
                    "Insolvency proceedings opened on %(date)s: declare the claim within two "
                    "months of the publication of the judgment.",
                    date=opening,
                ),
                user_id=case._activity_user(activity_type).id,
            )

    def _compute_debt_recovery_counts(self):
        commercial = self.commercial_partner_id
        cases = dict(
            self.env["debt.recovery.case"]._read_group(
                [("partner_id", "in", commercial.ids)], ["partner_id"], ["__count"]
            )
        )
        comms = dict(
            self.env["debt.recovery.communication"]._read_group(
                [("partner_id", "in", commercial.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.debt_recovery_case_count = cases.get(partner.commercial_partner_id, 0)
            partner.debt_recovery_communication_count = comms.get(partner.commercial_partner_id, 0)

    @api.depends_context("company", "lang")
    def _compute_debt_recovery_risk(self):
        """The grade and reasons of the debtor's case in the current company, one search."""
        cases = self.env["debt.recovery.case"].search_fetch(
            [
                ("partner_id", "in", self.commercial_partner_id.ids),
                ("company_id", "=", self.env.company.id),
            ],
            ["partner_id", "risk_grade", "risk_reason_phrases"],
        )
        case_by_partner = {case.partner_id.id: case for case in cases}
        for partner in self:
            case = case_by_partner.get(partner.commercial_partner_id.id)
            partner.debt_recovery_risk_grade = case.risk_grade if case else False
            partner.debt_recovery_risk_reasons = case.risk_reasons if case else False

    def action_view_debt_recovery_cases(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "debt_recovery.debt_recovery_case_action"
        )
        action["domain"] = [("partner_id", "in", self.commercial_partner_id.ids)]
        action["context"] = {"create": False}
        cases = self.env["debt.recovery.case"].search(action["domain"])
        if len(cases) == 1:
            action.update(view_mode="form", views=[(False, "form")], res_id=cases.id)
        return action

    def action_view_debt_recovery_communications(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "debt_recovery.debt_recovery_communication_action"
        )
        action["domain"] = [("partner_id", "in", self.commercial_partner_id.ids)]
        action["context"] = {"default_partner_id": self.commercial_partner_id[:1].id}
        return action
