# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""How far each reference rate is known: rows of rates are change dates (an unchanged rate adds
no row), so a rate type says through which day its table is confirmed. Penalties beyond it
stop with an error naming the half-year; the ECB rate is confirmed by a scheduled action from
the ECB's public data API, the legal interest rates by a manager each June and December."""

import logging

import requests

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date

from ..engine import rates
from .debt_recovery_rate import RATE_TYPES

_logger = logging.getLogger(__name__)

# The ECB's main refinancing operations rate (fixed rate tenders), as published.
ECB_URL = "https://data-api.ecb.europa.eu/service/data/FM/B.U2.EUR.4F.KR.MRR_FR.LEV"
ECB_FETCH_PARAM = "debt_recovery.ecb_fetch"
ECB_SOURCE = "ECB main refinancing operations"


class ReferenceRateError(UserError):
    """A penalty needs a reference rate that is missing or not confirmed."""

    def __init__(self, message, rate_type, day):
        super().__init__(message)
        self.rate_type = rate_type
        self.day = day


class DebtRecoveryRateType(models.Model):
    _name = "debt.recovery.rate.type"
    _description = "Reference Rate Type"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "code"
    _rec_name = "code"

    code = fields.Selection(RATE_TYPES, string="Rate", required=True, readonly=True)
    confirmed_through = fields.Date(
        tracking=True,
        help="Last day on which this rate is known to hold. A penalty that needs the rate of a "
        "later half-year stops with an error and the daily job sends no amount for that "
        "debtor: enter the rate of the new half-year (if it changed), then move this date. "
        "Empty: the table is used as it is, without limit.",
    )

    _sql_constraints = [("code_uniq", "unique(code)", "One line per reference rate.")]

    # ------------------------------------------------------------------ look-ups
    @api.model
    def _confirmed_through(self):
        """{code: confirmed through (or None)} of every rate type."""
        # Public reference figures, read for any penalty computation whoever asks.
        types = self.sudo().search_fetch([], ["code", "confirmed_through"])
        return {rate_type.code: rate_type.confirmed_through or None for rate_type in types}

    @api.model
    def _rate_error(self, error):
        """The user's error for an engine ``MissingRateError`` (or an unconfirmed rate)."""
        label = dict(self._fields["code"]._description_selection(self.env)).get(
            error.rate_type, error.rate_type
        )
        confirmed = getattr(error, "confirmed_through", None)
        if confirmed:
            message = self.env._(
                "The %(rate)s of the half-year from %(start)s to %(end)s is not confirmed (it "
                "is confirmed through %(confirmed)s): enter it if it changed and confirm it "
                "under Debt Recovery > Configuration > Reference Rates.",
                rate=label,
                start=format_date(self.env, error.day),
                end=format_date(self.env, _half_year_end(error.day)),
                confirmed=format_date(self.env, confirmed),
            )
        else:
            message = self.env._(
                "No %(rate)s is known on %(date)s: add it under Debt Recovery > Configuration "
                "> Reference Rates.",
                rate=label,
                date=format_date(self.env, error.day),
            )
        return ReferenceRateError(message, error.rate_type, error.day)

    # ------------------------------------------------------------------ activities
    def _manager(self):
        """Who enters and confirms the rates: a recovery manager."""
        group = self.env.ref("debt_recovery.group_debt_recovery_manager")
        managers = group.users.filtered(lambda u: u.active and not u.share).sorted("id")
        return managers[:1] or self.env.ref("base.user_admin", raise_if_not_found=False)

    def _ask_manager(self, summary, note):
        """One open activity per summary on this rate type, for a manager."""
        self.ensure_one()
        if self.activity_ids.filtered(lambda a: a.summary == summary):
            return
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        self.activity_schedule(
            activity_type_id=activity_type.id,
            summary=summary,
            note=note,
            user_id=self._manager().id,
        )

    @api.model
    def _ask_for_rate(self, error):
        """The daily job met a rate not confirmed: one activity asks a manager for it."""
        rate_type = self.sudo().search([("code", "=", error.rate_type)], limit=1)
        if rate_type:
            rate_type._ask_manager(
                self.env._(
                    "Confirm the rate of the half-year from %s",
                    format_date(self.env, error.day),
                ),
                str(error),
            )

    # ------------------------------------------------------------------ cron
    @api.model
    def _cron_keep_current(self, today=None):
        """Confirm the ECB rate from the ECB's data API (unless the setting turns it off) and,
        in June and December, ask a manager to enter and confirm the legal interest rates of
        the coming half-year (their official sources need a registration)."""
        today = today or fields.Date.context_today(self)
        params = self.env["ir.config_parameter"].sudo()
        if params.get_param(ECB_FETCH_PARAM):
            self._fetch_ecb(today)
        half_year = rates.half_year_reminder(today)
        if not half_year:
            return
        for rate_type in self.search([("code", "in", ("legal", "legal_individual"))]):
            if rate_type.confirmed_through and rate_type.confirmed_through >= half_year:
                continue
            rate_type._ask_manager(
                self.env._(
                    "Enter the legal interest rate of the half-year from %s",
                    format_date(self.env, half_year),
                ),
                self.env._(
                    "The arrêté of this month sets the legal interest rate of the half-year from "
                    "%s: enter it as a reference rate, then confirm the rate through that day.",
                    format_date(self.env, half_year),
                ),
            )

    @api.model
    def _ecb_answer(self, start):
        """The ECB data API's CSV answer since ``start`` (no key needed)."""
        response = requests.get(
            ECB_URL,
            params={"format": "csvdata", "startPeriod": start.isoformat()},
            timeout=30,
        )
        response.raise_for_status()
        return response.text

    @api.model
    def _fetch_ecb(self, today):
        """Add the ECB rate changes published since the last known one, confirm through today."""
        Rate = self.env["debt.recovery.rate"].sudo()
        known = Rate._rates_for(self.env["res.company"], "ecb")
        start = known[-1][0] if known else fields.Date.to_date("2013-01-01")
        try:
            observations = rates.parse_ecb_csv(self._ecb_answer(start))
        except (requests.RequestException, ValueError) as error:
            _logger.warning("Debt recovery: the ECB rate could not be read: %s", error)
            return False
        added = rates.new_rate_rows(known, observations)
        Rate.create(
            [
                {"rate_type": "ecb", "date_from": day, "rate": rate, "name": ECB_SOURCE}
                for day, rate in added
            ]
        )
        self.sudo().search([("code", "=", "ecb")]).confirmed_through = today
        return True


def _half_year_end(first_day):
    """The last day of the half-year starting on ``first_day``."""
    if first_day.month <= 6:
        return first_day.replace(month=6, day=30)
    return first_day.replace(month=12, day=31)
