# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Everything the add-ons open to callers, read from the running registry, each with its row of
expected outcomes per role, and each row run for real.

What is inventoried (the add-ons are the modules ``debt_recovery*`` installed):

- HTTP routes whose endpoint is defined by the add-ons, and Odoo's portal and mail routes
  reaching a record of theirs through a token (every model of theirs with an ``access_token``);
- public methods (no leading underscore, not ``@api.private``: what the external API calls)
  defined by the add-ons on their models and in their extensions of Odoo's;
- reports (``ir.actions.report``) of the add-ons;
- fields of the add-ons a collector can write: write access on the model, stored or with an
  inverse, not computed without an inverse, not restricted to a group he lacks. ``readonly`` is
  a view attribute the ORM does not enforce: readonly fields are listed too.

The test fails when one of them has no row (or a row has nothing left to check). Roles: see
``ROLES``; routes are also opened by the public with the case's token (``token``) and with the
case's expired token (``expired``). Outcomes, one letter per role: ``o`` allowed, ``a`` refused
(AccessError, HTTP 403, or the JSON error of an access check), ``u`` refused by a business
rule (UserError, ValidationError, HTTP 400), ``n`` not found (MissingError, HTTP 404), ``l``
sent to the login page, ``r`` refused in any of these ways (evidence, where only the refusal
matters). A method returning a window action reads nothing: whoever calls it gets the action,
the records it opens follow their own access. Every cell runs in a savepoint rolled back
afterwards.
"""

import hashlib
import hmac
import json
import re
import time
from datetime import timedelta

import psycopg2

import odoo
from odoo import Command, api, fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.models import LOG_ACCESS_COLUMNS, MAGIC_COLUMNS
from odoo.service.model import get_public_method
from odoo.tests import tagged
from odoo.tests.common import new_test_user

from .common import RecoveryPortalCommon

PREFIX = "odoo.addons.debt_recovery"
ROLES = (
    "public",
    "portal",
    "portal_other",
    "employee",
    "collector",
    "collector_other",
    "manager",
    "assessor",
)
HTTP_ROLES = ("token", "expired", *ROLES)
AVATAR_ROUTE = "/mail/avatar/mail.message/<int:res_id>/author_avatar/<int:width>x<int:height>"
# Routes of Odoo's portal and mail reaching a record through its token.
TOKEN_ROUTES = (
    "/mail/thread/data",
    "/mail/message/post",
    "/mail/attachment/upload",
    "/mail/message/reaction",
    "/portal/chatter_init",
    "/mail/chatter_fetch",
    AVATAR_ROUTE,
)
# Fields that prove what happened: written by the server's own action only, at create and
# write alike, whoever asks through the ORM or the external API.
EVIDENCE_FIELDS = {
    ("debt.recovery.communication", "portal_ip"): "203.0.113.9",
    ("debt.recovery.communication", "portal_user_agent"): "Forged/1.0",
    ("debt.recovery.communication", "portal_datetime"): "2020-01-01 10:00:00",
    ("debt.recovery.communication", "portal_payload"): '{"amount": "1"}',
    ("debt.recovery.communication", "evidence_attachment_id"): "attachment",
    ("debt.recovery.communication", "receipt_date"): "2020-01-02",
    ("debt.recovery.communication", "delivery_state"): "queued",
    ("debt.recovery.plan", "portal_signed_by"): "Forger",
    ("debt.recovery.plan", "portal_signed_on"): "2020-01-01 10:00:00",
    ("debt.recovery.plan", "portal_signed_ip"): "203.0.113.9",
    ("debt.recovery.plan", "portal_agreement_id"): "attachment",
    # Kept by the system too, written with their present value (``None``).
    ("debt.recovery.communication", "sent_date"): None,
    ("debt.recovery.communication", "validated_by_id"): None,
    ("debt.recovery.communication", "validated_date"): None,
    ("debt.recovery.plan", "portal_communication_id"): None,
    ("debt.recovery.plan", "portal_requested"): None,
}

# ---------------------------------------------------------------------------------- routes
# route: HTTP_ROLES' outcomes
#   token   expired public  portal  p.other employee coll.  c.other manager assessor
ROUTES = {
    "/mail/attachment/upload debt.recovery.case":                            "nnnnnnonoo",
    f"{AVATAR_ROUTE} debt.recovery.case":                                    "aaaaaaaaaa",
    "/mail/chatter_fetch debt.recovery.case":                                "aaaaaaoaoo",
    "/mail/message/post debt.recovery.case":                                 "nnnnnnonoo",
    "/mail/message/reaction debt.recovery.case":                             "nnnnnnonoo",
    "/mail/thread/data debt.recovery.case":                                  "aaaaaaoaoo",
    "/debt_recovery/run_preview.csv":                                        "lllaaaoooo",
    "/debt_recovery/run_preview/document":                                   "lllaaaoaoo",
    "/my/recovery":                                                          "lllooooooo",
    "/my/recovery/<int:case_id>":                                            "oaaoaaoaoo",
    "/my/recovery/<int:case_id>/agreement/<int:plan_id>":                    "onnonnonoo",
    "/my/recovery/<int:case_id>/assessment":                                 "oaaoaaaaaa",
    "/my/recovery/<int:case_id>/dispute":                                    "oaaoaaaaaa",
    "/my/recovery/<int:case_id>/invoice/<int:invoice_id>":                   "onnonnonoo",
    "/my/recovery/<int:case_id>/letter/<int:comm_id>":                       "onnonnonoo",
    # The inventory's plan is not paid by direct debit: the debtor is refused by the rule.
    "/my/recovery/<int:case_id>/mandate/<int:plan_id>/revoke":               "uaauaaaaaa",
    "/my/recovery/<int:case_id>/pay":                                        "oaaoaaoaoo",
    "/my/recovery/<int:case_id>/plan":                                       "oaaoaaaaaa",
    "/my/recovery/<int:case_id>/plan/<int:plan_id>/sign":                    "oaaoaaaaaa",
    "/my/recovery/<int:case_id>/plan/schedule":                              "ouuouuouoo",
    "/my/recovery/<int:case_id>/promise":                                    "oaaoaaaaaa",
    "/my/recovery/<int:case_id>/settlement/<int:settlement_id>":             "onnonnonoo",
    "/my/recovery/<int:case_id>/settlement/<int:settlement_id>/sign":        "oaaoaaaaaa",
    "/my/recovery/<int:case_id>/transaction/<string:what>/<int:invoice_id>": "oaaoaaaaaa",
    "/portal/chatter_init debt.recovery.case":                               "aaaaaaoaoo",
}  # fmt: skip
# Routes of the debtor's page added by another add-on: there when its model is.
ROUTE_MODELS = {
    "/my/recovery/<int:case_id>/mandate/<int:plan_id>/revoke": "account.banking.mandate",
    "/my/recovery/<int:case_id>/settlement/<int:settlement_id>": "debt.recovery.settlement",
    "/my/recovery/<int:case_id>/settlement/<int:settlement_id>/sign": "debt.recovery.settlement",
}

# ---------------------------------------------------------------------------------- methods
# (model, method): ROLES' outcomes
#                                                        public, portal, p.other, employee,
#                                                        coll., c.other, manager, assessor
METHODS = {
    ("account.move", "action_debt_recovery_factor_buy_back"):          "aaaaaaua",
    ("account.move", "action_debt_recovery_hold"):                     "oooooooo",
    ("account.move", "button_draft"):                                  "aaaaoaoo",
    ("account.move", "action_debt_recovery_release"):                  "aaaaoaoo",
    ("account.move", "compute_late_interest"):                         "aoaaoaoo",
    ("account.move", "compute_late_penalties"):                        "aoaaoaoo",
    ("account.move", "action_debt_recovery_recovered_loss"):            "aaaaaaua",
    ("account.move", "action_debt_recovery_write_off"):                 "aaaaaaoa",
    ("debt.recovery.aged.balance.wizard", "action_open"):              "aaaaoooo",
    ("debt.recovery.aged.receivable", "action_open_document"):         "aaaaonoo",
    ("debt.recovery.agency.assignment", "action_recall"):              "aaaaaaoa",
    ("debt.recovery.agency.assignment", "action_refresh_payments"):    "aaaaaaoa",
    ("debt.recovery.agency.assignment", "action_view_invoices"):       "aaaaoaoo",
    ("debt.recovery.agency.assignment", "create"):                     "aaaaaaua",
    ("debt.recovery.assessment", "action_done"):                       "aaaauaua",
    ("debt.recovery.assessment", "action_draft"):                      "aaaaoaoa",
    ("debt.recovery.assessment", "action_erase_lines"):                "aaaaaaoa",
    ("debt.recovery.assessment", "action_load_standard_lines"):        "aaaaaaaa",
    ("debt.recovery.assessment", "action_propose_plan"):               "aaaauaua",
    ("debt.recovery.assessment", "create"):                            "aaaaaaao",
    ("debt.recovery.assessment", "write"):                             "aaaaoaoa",
    ("debt.recovery.case", "action_assess_capacity"):                  "aaaaoaoo",
    ("debt.recovery.case", "action_clear_delivery_issue"):             "aaaaoaoo",
    ("debt.recovery.case", "action_court_file"):                       "aaaauauu",
    ("debt.recovery.case", "action_debt_recovery_write_off"):          "aaaaaaoa",
    ("debt.recovery.case", "action_declare_claim"):                    "aaaauauu",
    ("debt.recovery.case", "action_declare_insurer"):                  "aaaauauu",
    ("debt.recovery.case", "action_escalate_now"):                     "aaaaoaoo",
    ("debt.recovery.case", "action_invoice_penalties"):                "aaaauauu",
    ("debt.recovery.case", "action_new_agency"):                       "oooooooo",
    ("debt.recovery.case", "action_new_mediation"):                    "aaaaoaoo",
    ("debt.recovery.case", "action_new_settlement"):                   "oooooooo",
    ("debt.recovery.case", "action_new_step"):                         "aaaaoaoo",
    ("debt.recovery.case", "action_portal_copy_link"):                 "aaaaoaoo",
    ("debt.recovery.case", "action_portal_revoke"):                    "aaaaaaoa",
    ("debt.recovery.case", "action_propose_plan"):                     "aaaaoaoo",
    ("debt.recovery.case", "action_refresh_risk"):                     "aaaaaaoa",
    ("debt.recovery.case", "action_release_hold"):                     "aaaauauu",
    ("debt.recovery.case", "action_send_now"):                         "aaaauauu",
    ("debt.recovery.case", "action_view_communications"):              "aaaaoaoo",
    ("debt.recovery.case", "action_view_insurance_declarations"):      "oooooooo",
    ("debt.recovery.case", "action_view_invoices"):                    "aaaaoaoo",
    ("debt.recovery.case", "action_view_litigation"):                  "oooooooo",
    ("debt.recovery.case", "action_view_plans"):                       "aaaaoaoo",
    ("debt.recovery.case", "action_view_promises"):                    "aaaaoaoo",
    ("debt.recovery.case", "action_view_to_validate"):                 "aaaaoaoo",
    ("debt.recovery.case", "action_view_undelivered"):                 "aaaaoaoo",
    ("debt.recovery.case", "get_litigation_summary"):                  "aaaauauu",
    ("debt.recovery.case", "write"):                                   "aaaaoaoo",
    ("debt.recovery.closing", "action_compute"):                       "aaaaaaoa",
    ("debt.recovery.closing", "action_export_xlsx"):                   "aaaaaaoa",
    ("debt.recovery.closing", "action_post"):                          "aaaaaaoa",
    ("debt.recovery.closing", "action_view_moves"):                    "aaaaoaoo",
    ("debt.recovery.communication", "action_cancel"):                  "uuuuuuou",
    ("debt.recovery.communication", "action_mark_sent"):               "aaaauauu",
    ("debt.recovery.communication", "action_print_letters"):           "aaaaoaoo",
    ("debt.recovery.communication", "action_print_todays_letters"):    "aaaauuuu",
    ("debt.recovery.communication", "action_record_receipt"):          "aaaauauu",
    ("debt.recovery.communication", "action_validate"):                "uuuuuuou",
    ("debt.recovery.communication", "create"):                         "aaaaoaoo",
    ("debt.recovery.communication", "unlink"):                         "aaaaaaoa",
    ("debt.recovery.communication", "write"):                          "aaaaoaoo",
    ("debt.recovery.communication.line", "create"):                    "aaaaoaoo",
    ("debt.recovery.communication.line", "unlink"):                    "aaaaaaoa",
    ("debt.recovery.communication.line", "write"):                     "aaaaoaoo",
    ("debt.recovery.factor", "create"):                                "aaaaaaoa",
    ("debt.recovery.factor.assign.wizard", "action_assign"):           "aaaaaaoa",
    ("debt.recovery.court.file", "action_build"):                      "aaaaoaoo",
    ("debt.recovery.debtor.type.wizard", "action_apply"):              "aaaauuou",
    ("debt.recovery.hold.wizard", "action_hold"):                      "aaaaoaoo",
    ("debt.recovery.insurance.declaration", "action_request_intervention"): "aaaaoaoo",
    ("debt.recovery.insurance.declaration", "action_withdraw"):        "aaaaoaoo",
    ("debt.recovery.insurance.payment", "create"):                     "aaaaaaoa",
    ("debt.recovery.kpi.dashboard", "action_aged_graph"):              "aaaaoaoo",
    ("debt.recovery.kpi.dashboard", "action_aged_pivot"):              "aaaaoaoo",
    ("debt.recovery.kpi.dashboard", "action_communications"):          "aaaaoaoo",
    ("debt.recovery.kpi.dashboard", "action_plans"):                   "aaaaoaoo",
    ("debt.recovery.kpi.dashboard", "action_promises"):                "aaaaoaoo",
    ("debt.recovery.kpi.snapshot", "action_open_invoices_paid_late"):  "aaaaoaoo",
    ("debt.recovery.kpi.snapshot", "action_open_promises"):            "aaaaoaoo",
    ("debt.recovery.kpi.snapshot", "action_open_receivables"):         "aaaaoaoo",
    ("debt.recovery.kpi.snapshot", "action_rebuild"):                  "aaaaaaoa",
    ("debt.recovery.kpi.snapshot", "get_kpi_board"):                   "aaaaoooo",
    ("debt.recovery.litigation.step", "create"):                       "aaaaoaoo",
    ("debt.recovery.log.contact.wizard", "action_log"):                "aaaaoaoo",
    ("debt.recovery.mandate.wizard", "action_record"):                 "aaaaoaoo",
    ("debt.recovery.mediation", "action_agreement_plan"):              "aaaaoaoo",
    ("debt.recovery.mediation", "action_agreement_settlement"):        "aaaaoaoo",
    ("debt.recovery.mediation", "action_failure"):                     "aaaaoaoo",
    ("debt.recovery.mediation", "action_renew"):                       "aaaaoaoo",
    ("debt.recovery.mediation", "action_withdraw"):                    "aaaaoaoo",
    ("debt.recovery.mediation", "create"):                             "aaaauauu",
    ("debt.recovery.penalty.invoice.wizard", "action_create_invoice"): "aaaauauu",
    ("debt.recovery.plan", "action_activate"):                         "aaaaoaoo",
    ("debt.recovery.plan", "action_cancel"):                           "aaaaoaoo",
    ("debt.recovery.plan", "action_generate_schedule"):                "aaaaoaoo",
    ("debt.recovery.plan", "action_record_mandate"):                   "aaaaoaoo",
    ("debt.recovery.plan", "action_refresh"):                          "aaaaoaoo",
    ("debt.recovery.plan", "action_revise"):                           "aaaauauu",
    ("debt.recovery.plan", "create"):                                  "aaaaoaoo",
    ("debt.recovery.plan", "write"):                                   "aaaaoaoo",
    ("debt.recovery.promise", "action_cancel"):                        "aaaaoaoo",
    ("debt.recovery.promise", "action_record_mandate"):                "aaaaoaoo",
    ("debt.recovery.promise", "create"):                               "aaaaoaoo",
    ("debt.recovery.receipt.wizard", "action_record"):                 "aaaauauu",
    ("debt.recovery.recovered.loss.wizard", "action_record"):          "aaaaaaua",
    ("debt.recovery.policy", "action_use_country_ladder"):             "aaaaaaua",
    ("debt.recovery.settlement", "action_check_payment"):              "aaaaoaoo",
    ("debt.recovery.settlement", "action_print"):                      "aaaaoaoo",
    ("debt.recovery.settlement", "create"):                            "uuuuuuuu",
    ("debt.recovery.settlement", "write"):                             "aaaaaaoa",
    ("debt.recovery.statement.wizard", "action_print"):                "aaaaoaoo",
    ("debt.recovery.statement.wizard", "default_get"):                 "oooooooo",
    ("debt.recovery.write.off.wizard", "action_write_off"):            "aaaaaaoa",
    ("ir.attachment", "unlink"):                                       "aaaaoaoo",
    ("payment.return", "action_confirm"):                              "aaaaoaoo",
    ("ir.attachment", "write"):                                        "aaaaoaoo",
    ("res.company", "create"):                                         "aaaaaaaa",
    ("res.partner", "action_view_debt_recovery_cases"):                "aaaaoooo",
    ("res.partner", "action_view_debt_recovery_communications"):       "aoaooooo",
    ("res.partner", "action_view_debt_recovery_plans"):                "aoaooooo",
    ("res.partner", "action_view_debt_recovery_promises"):             "aoaooooo",
    ("res.partner", "create"):                                         "aaaaaaaa",
    ("res.partner", "write"):                                          "aaaaaaaa",
}  # fmt: skip

# ---------------------------------------------------------------------------------- reports
# report action: ROLES' outcomes of rendering it for a record of company A
REPORTS = {
    "debt_recovery_accounting.action_report_rectified_invoice":    "aaaaaaoa",
    "debt_recovery_litigation.action_report_claim_declaration":    "aaaaoaoo",
    "debt_recovery_insurance.action_report_insurance_declaration": "aaaaoaoo",
    "debt_recovery_litigation.action_report_court_file_cover":     "aaaaoaoo",
    "debt_recovery_litigation.action_report_court_file_log":       "aaaaoaoo",
    "debt_recovery_litigation.action_report_court_file_plans":     "aaaaoaoo",
    "debt_recovery_litigation.action_report_court_file_statement": "aaaaoaoo",
    "debt_recovery_litigation.action_report_litigation_summary":   "aaaaoaoo",
    "debt_recovery_litigation.action_report_settlement_letter":    "aaaaoaoo",
    "debt_recovery_reports.action_report_assessment_summary":      "aaaaaaoa",
    "debt_recovery_reports.action_report_case_letter":             "aaaaoaoo",
    "debt_recovery_reports.action_report_communication_letter":    "aaaaoaoo",
    "debt_recovery_reports.action_report_partner_statement":       "aoaaoooo",
    "debt_recovery_reports.action_report_plan_agreement":          "aaaaoaoo",
}  # fmt: skip

# ---------------------------------------------------------------------------------- fields
# (model, field): ROLES' outcomes of a write; evidence fields: of a create too (second string)
FIELDS = {
    ("account.move", "debt_recovery_excluded"):                    "aaaaoaoo",
    ("account.move", "debt_recovery_factor_assignment_ids"):       "aaaaoaoo",
    ("account.move", "debt_recovery_received_date"):               "aaaaoaoo",
    ("account.move", "debt_recovery_security"):                    "aaaaoaoo",
    ("account.move", "debt_recovery_return_fee_line_id"):          "aaaaoaoo",
    ("account.move", "debt_recovery_return_fee_promise_id"):       "aaaaoaoo",
    ("account.move", "debt_recovery_exclusion_reason"):            "aaaaoaoo",
    ("account.move", "debt_recovery_is_penalty"):                  "aaaaoaoo",
    ("account.move", "debt_recovery_limitation_warned"):           "aaaaoaoo",
    ("account.move.line", "debt_recovery_penalty_kind"):           "aaaaoaoo",
    ("account.move.line", "debt_recovery_penalty_origin_id"):      "aaaaoaoo",
    ("account.move.line", "debt_recovery_penalty_until"):          "aaaaoaoo",
    ("debt.recovery.assessment", "company_id"):                    "aaaaoaoa",
    ("debt.recovery.assessment", "contingency_rate"):              "aaaaoaoa",
    ("debt.recovery.assessment", "date"):                          "aaaaoaoa",
    ("debt.recovery.assessment", "erased"):                        "aaaaoaoa",
    ("debt.recovery.assessment", "erased_date"):                   "aaaaoaoa",
    ("debt.recovery.assessment", "kind"):                          "aaaaoaoa",
    ("debt.recovery.assessment", "line_ids"):                      "aaaaaaaa",
    ("debt.recovery.assessment", "note"):                          "aaaaoaoa",
    ("debt.recovery.assessment", "partner_id"):                    "aaaaoaoa",
    ("debt.recovery.assessment", "plan_ids"):                      "aaaaoaoa",
    ("debt.recovery.assessment", "state"):                         "aaaaoaoa",
    ("debt.recovery.assessment", "user_id"):                       "aaaaoaoa",
    ("debt.recovery.assessment.line", "amount"):                   "aaaaaaaa",
    ("debt.recovery.assessment.line", "assessment_id"):            "aaaaaaaa",
    ("debt.recovery.assessment.line", "category_id"):              "aaaaaaaa",
    ("debt.recovery.assessment.line", "kind"):                     "aaaaaaaa",
    ("debt.recovery.assessment.line", "name"):                     "aaaaaaaa",
    ("debt.recovery.assessment.line", "sequence"):                 "aaaaaaaa",
    ("debt.recovery.case", "agency_assignment_ids"):               "aaaaoaoo",
    ("debt.recovery.case", "amount_at_risk"):                      "aaaaoaoo",
    ("debt.recovery.case", "amount_credit"):                       "aaaaoaoo",
    ("debt.recovery.case", "amount_held"):                         "aaaaoaoo",
    ("debt.recovery.case", "amount_overdue"):                      "aaaaoaoo",
    ("debt.recovery.case", "assessment_ids"):                      "aaaaoaoa",
    ("debt.recovery.case", "blocked_reason"):                      "aaaaoaoo",
    ("debt.recovery.case", "communication_ids"):                   "aaaauauu",
    ("debt.recovery.case", "company_id"):                          "aaaaoaoo",
    ("debt.recovery.case", "cost_ids"):                            "aaaaoaoo",
    ("debt.recovery.cost", "amount"):                              "aaaaoaoo",
    ("debt.recovery.cost", "attachment_ids"):                      "aaaaoaoo",
    ("debt.recovery.cost", "case_id"):                             "aaaaoaoo",
    ("debt.recovery.cost", "date"):                                "aaaaoaoo",
    ("debt.recovery.cost", "name"):                                "aaaaoaoo",
    ("debt.recovery.case", "court_file_ids"):                      "aaaaoaoo",
    ("debt.recovery.case", "date_closed"):                         "aaaaoaoo",
    ("debt.recovery.case", "days_overdue"):                        "aaaaoaoo",
    ("debt.recovery.case", "debtor_type"):                         "aaaaaaaa",
    ("debt.recovery.case", "delivery_issue"):                      "aaaaoaoo",
    ("debt.recovery.case", "delivery_issue_communication_id"):     "aaaaoaoo",
    ("debt.recovery.case", "escalated_on"):                        "aaaaoaoo",
    ("debt.recovery.case", "hold_explicit"):                       "aaaaoaoo",
    ("debt.recovery.case", "hold_note"):                           "aaaaoaoo",
    ("debt.recovery.case", "hold_reason"):                         "aaaaoaoo",
    ("debt.recovery.case", "hold_until"):                          "aaaaoaoo",
    ("debt.recovery.case", "insurance_declaration_ids"):           "aaaaoaoo",
    ("debt.recovery.case", "insurance_declare_by"):                "aaaaoaoo",
    ("debt.recovery.case", "insurance_intervene_by"):              "aaaaoaoo",
    ("debt.recovery.case", "insurance_status"):                    "aaaaoaoo",
    ("debt.recovery.case", "insurance_warned_declare"):            "aaaaoaoo",
    ("debt.recovery.case", "insurance_warned_intervene"):          "aaaaoaoo",
    ("debt.recovery.case", "last_error"):                          "aaaaoaoo",
    ("debt.recovery.case", "last_run_date"):                       "aaaaoaoo",
    ("debt.recovery.case", "level_date"):                          "aaaaoaoo",
    ("debt.recovery.case", "level_id"):                            "aaaaoaoo",
    ("debt.recovery.case", "litigation_costs"):                    "aaaaoaoo",
    ("debt.recovery.case", "litigation_step_ids"):                 "aaaaoaoo",
    ("debt.recovery.case", "mediation_ids"):                       "aaaaoaoo",
    ("debt.recovery.case", "next_action_date"):                    "aaaaoaoo",
    ("debt.recovery.case", "oldest_due_date"):                     "aaaaoaoo",
    ("debt.recovery.case", "partner_id"):                          "aaaaoaoo",
    ("debt.recovery.case", "plan_ids"):                            "aaaaoaoo",
    ("debt.recovery.case", "policy_id"):                           "aaaaoaoo",
    ("debt.recovery.case", "portal_token_date"):                   "aaaaoaoo",
    ("debt.recovery.case", "priority"):                            "aaaaoaoo",
    ("debt.recovery.case", "promise_ids"):                         "aaaaoaoo",
    ("debt.recovery.case", "risk_date"):                           "aaaaoaoo",
    ("debt.recovery.case", "risk_grade"):                          "aaaaoaoo",
    ("debt.recovery.case", "risk_probability"):                    "aaaaoaoo",
    ("debt.recovery.case", "risk_reason_phrases"):                 "aaaaoaoo",
    ("debt.recovery.case", "risk_scored"):                         "aaaaoaoo",
    ("debt.recovery.case", "settlement_ids"):                      "aaaaoaoo",
    ("debt.recovery.case", "state"):                               "aaaaoaoo",
    ("debt.recovery.case", "state_date"):                          "aaaaoaoo",
    ("debt.recovery.case", "transition_ids"):                      "aaaaaaaa",
    ("debt.recovery.case", "user_id"):                             "aaaaoaoo",
    ("debt.recovery.communication", "amount_due"):                 "aaaaoaoo",
    ("debt.recovery.communication", "cancel_reason"):              "aaaaoaoo",
    ("debt.recovery.communication", "case_id"):                    "aaaaoaoo",
    ("debt.recovery.communication", "channel"):                    "aaaaoaoo",
    ("debt.recovery.communication", "company_id"):                 "aaaaoaoo",
    ("debt.recovery.communication", "date"):                       "aaaaoaoo",
    ("debt.recovery.communication", "delivery_failure"):           "uuuuuuuu",
    ("debt.recovery.communication", "delivery_state"):             "rrrrrrrr rrrrrrrr",
    ("debt.recovery.communication", "direction"):                  "aaaaoaoo",
    ("debt.recovery.communication", "email_attachment_ids"):       "uuuuuuuu",
    ("debt.recovery.communication", "email_body"):                 "uuuuuuuu",
    ("debt.recovery.communication", "email_recipients"):           "uuuuuuuu",
    ("debt.recovery.communication", "email_sender"):               "uuuuuuuu",
    ("debt.recovery.communication", "email_subject"):              "uuuuuuuu",
    ("debt.recovery.communication", "evidence_attachment_id"):     "rrrrrrrr rrrrrrrr",
    ("debt.recovery.communication", "fee_amount"):                 "aaaaoaoo",
    ("debt.recovery.communication", "indemnity_amount"):           "aaaaoaoo",
    ("debt.recovery.communication", "interest_amount"):            "aaaaoaoo",
    ("debt.recovery.communication", "invoice_ids"):                "aaaaoaoo",
    ("debt.recovery.communication", "late_reason_id"):             "aaaaoaoo",
    ("debt.recovery.communication", "level_id"):                   "aaaaoaoo",
    ("debt.recovery.communication", "line_ids"):                   "aaaaoaoo",
    ("debt.recovery.communication", "mail_id"):                    "aaaaoaoo",
    ("debt.recovery.communication", "mail_message_id"):            "uuuuuuuu",
    ("debt.recovery.communication", "outcome"):                    "aaaaoaoo",
    ("debt.recovery.communication", "partner_id"):                 "aaaaoaoo",
    ("debt.recovery.communication", "portal_datetime"):            "rrrrrrrr rrrrrrrr",
    ("debt.recovery.communication", "portal_ip"):                  "rrrrrrrr rrrrrrrr",
    ("debt.recovery.communication", "portal_payload"):             "rrrrrrrr rrrrrrrr",
    ("debt.recovery.communication", "portal_user_agent"):          "rrrrrrrr rrrrrrrr",
    ("debt.recovery.communication", "receipt_date"):               "rrrrrrrr rrrrrrrr",
    ("debt.recovery.communication", "response_date"):              "aaaaoaoo",
    ("debt.recovery.communication", "sent_date"):                  "rrrrrrrr rrrrrrrr",
    ("debt.recovery.communication", "signatory_id"):               "aaaaoaoo",
    ("debt.recovery.communication", "sms_body"):                   "aaaaoaoo",
    ("debt.recovery.communication", "sms_message_id"):             "aaaaoaoo",
    ("debt.recovery.communication", "sms_number"):                 "aaaaoaoo",
    ("debt.recovery.communication", "state"):                      "aaaaoaoo",
    ("debt.recovery.communication", "summary"):                    "aaaaoaoo",
    ("debt.recovery.communication", "tracking_number"):            "aaaaoaoo",
    ("debt.recovery.communication", "undelivered_id"):             "uuuuuuuu",
    ("debt.recovery.communication", "user_id"):                    "aaaaoaoo",
    ("debt.recovery.communication", "validated_by_id"):            "rrrrrrrr rrrrrrrr",
    ("debt.recovery.communication", "validated_date"):             "rrrrrrrr rrrrrrrr",
    ("debt.recovery.communication.line", "amount_residual"):       "aaaaoaoo",
    ("debt.recovery.communication.line", "amount_total"):          "aaaaoaoo",
    ("debt.recovery.communication.line", "communication_id"):      "aaaaoaoo",
    ("debt.recovery.communication.line", "days_late"):             "aaaaoaoo",
    ("debt.recovery.communication.line", "due_date"):              "aaaaoaoo",
    ("debt.recovery.communication.line", "excluded"):              "aaaaoaoo",
    ("debt.recovery.communication.line", "exclusion_reason"):      "aaaaoaoo",
    ("debt.recovery.communication.line", "indemnity_amount"):      "aaaaoaoo",
    ("debt.recovery.communication.line", "interest_amount"):       "aaaaoaoo",
    ("debt.recovery.communication.line", "invoice_date"):          "aaaaoaoo",
    ("debt.recovery.communication.line", "invoice_id"):            "aaaaoaoo",
    ("debt.recovery.communication.line", "last_claim_invoice_id"): "aaaaoaoo",
    ("debt.recovery.court.file", "amount_total"):                  "aaaaoaoo",
    ("debt.recovery.court.file", "case_id"):                       "aaaaoaoo",
    ("debt.recovery.court.file", "court"):                         "aaaaoaoo",
    ("debt.recovery.court.file", "date"):                          "aaaaoaoo",
    ("debt.recovery.court.file", "exhibit_count"):                 "aaaaoaoo",
    ("debt.recovery.court.file", "page_count"):                    "aaaaoaoo",
    ("debt.recovery.court.file", "pdf_file"):                      "aaaaoaoo",
    ("debt.recovery.court.file", "pdf_name"):                      "aaaaoaoo",
    ("debt.recovery.court.file", "procedure"):                     "aaaaoaoo",
    ("debt.recovery.court.file", "summary_json"):                  "aaaaoaoo",
    ("debt.recovery.court.file", "zip_file"):                      "aaaaoaoo",
    ("debt.recovery.court.file", "zip_name"):                      "aaaaoaoo",
    ("debt.recovery.litigation.step", "case_id"):                  "aaaaoaoo",
    ("debt.recovery.litigation.step", "communication_id"):         "aaaaoaoo",
    ("debt.recovery.litigation.step", "court"):                    "aaaaoaoo",
    ("debt.recovery.litigation.step", "court_name"):               "aaaaoaoo",
    ("debt.recovery.litigation.step", "date"):                     "aaaaoaoo",
    ("debt.recovery.litigation.step", "kind"):                     "aaaaoaoo",
    ("debt.recovery.litigation.step", "note"):                     "aaaaoaoo",
    ("debt.recovery.litigation.step", "reference"):                "aaaaoaoo",
    ("debt.recovery.mediation", "case_id"):                        "aaaaoaoo",
    ("debt.recovery.mediation", "date_closed"):                    "aaaaoaoo",
    ("debt.recovery.mediation", "date_end"):                       "aaaaoaoo",
    ("debt.recovery.mediation", "date_start"):                     "aaaaoaoo",
    ("debt.recovery.mediation", "kind"):                           "aaaaoaoo",
    ("debt.recovery.mediation", "mediator_id"):                    "aaaaoaoo",
    ("debt.recovery.mediation", "reference"):                      "aaaaoaoo",
    ("debt.recovery.mediation", "renewals"):                       "aaaaoaoo",
    ("debt.recovery.mediation", "state"):                          "aaaaoaoo",
    ("debt.recovery.mediation", "terms"):                          "aaaaoaoo",
    ("debt.recovery.plan", "amount_paid"):                         "aaaaoaoo",
    ("debt.recovery.plan", "assessment_id"):                       "aaaaoaoo",
    ("debt.recovery.plan", "case_id"):                             "aaaaoaoo",
    ("debt.recovery.plan", "case_level_id"):                       "aaaaoaoo",
    ("debt.recovery.plan", "company_id"):                          "aaaaoaoo",
    ("debt.recovery.plan", "date_activated"):                      "aaaaoaoo",
    ("debt.recovery.plan", "date_closed"):                         "aaaaoaoo",
    ("debt.recovery.plan", "date_start"):                          "aaaaoaoo",
    ("debt.recovery.plan", "direct_debit"):                        "aaaaoaoo",
    ("debt.recovery.plan", "direct_debit_stop_reason"):            "aaaaoaoo",
    ("debt.recovery.plan", "default_notice_date"):                 "aaaaoaoo",
    ("debt.recovery.plan", "down_payment"):                        "aaaaoaoo",
    ("debt.recovery.plan", "frequency"):                           "aaaaoaoo",
    ("debt.recovery.plan", "instalment_count"):                    "aaaaoaoo",
    ("debt.recovery.plan", "invoice_ids"):                         "aaaaoaoo",
    ("debt.recovery.plan", "line_ids"):                            "aaaaoaoo",
    ("debt.recovery.plan", "mandate_id"):                          "aaaaoaoo",
    ("debt.recovery.plan", "max_missed"):                          "aaaaoaoo",
    ("debt.recovery.plan", "name"):                                "aaaaoaoo",
    ("debt.recovery.plan", "note"):                                "aaaaoaoo",
    ("debt.recovery.plan", "partner_id"):                          "aaaaoaoo",
    ("debt.recovery.plan", "portal_agreement_id"):                 "rrrrrrrr rrrrrrrr",
    ("debt.recovery.plan", "portal_communication_id"):             "rrrrrrrr rrrrrrrr",
    ("debt.recovery.plan", "portal_requested"):                    "rrrrrrrr rrrrrrrr",
    ("debt.recovery.plan", "portal_signed_by"):                    "rrrrrrrr rrrrrrrr",
    ("debt.recovery.plan", "portal_signed_ip"):                    "rrrrrrrr rrrrrrrr",
    ("debt.recovery.plan", "portal_signed_on"):                    "rrrrrrrr rrrrrrrr",
    ("debt.recovery.plan", "previous_plan_id"):                    "aaaaoaoo",
    ("debt.recovery.plan", "revision_ids"):                        "aaaaoaoo",
    ("debt.recovery.plan", "state"):                               "aaaaoaoo",
    ("debt.recovery.plan", "tolerance_days"):                      "aaaaoaoo",
    ("debt.recovery.plan", "user_id"):                             "aaaaoaoo",
    ("debt.recovery.plan.line", "amount"):                         "aaaaoaoo",
    ("debt.recovery.plan.line", "amount_paid"):                    "aaaaoaoo",
    ("debt.recovery.plan.line", "direct_debit_date"):              "aaaaoaoo",
    ("debt.recovery.plan.line", "direct_debit_notified_for"):      "aaaaoaoo",
    ("debt.recovery.plan.line", "direct_debit_payment_line_ids"):  "aaaaaaaa",
    ("debt.recovery.plan.line", "direct_debit_retries"):           "aaaaoaoo",
    ("debt.recovery.plan.line", "direct_debit_return_date"):       "aaaaoaoo",
    ("debt.recovery.plan.line", "direct_debit_return_reason_id"):  "aaaaoaoo",
    ("debt.recovery.plan.line", "direct_debit_state"):             "aaaaoaoo",
    ("debt.recovery.plan.line", "due_date"):                       "aaaaoaoo",
    ("debt.recovery.plan.line", "is_down_payment"):                "aaaaoaoo",
    ("debt.recovery.plan.line", "late_notice_sent"):               "aaaaoaoo",
    ("debt.recovery.plan.line", "plan_id"):                        "aaaaoaoo",
    ("debt.recovery.plan.line", "reminder_sent"):                  "aaaaoaoo",
    ("debt.recovery.plan.line", "sequence"):                       "aaaaoaoo",
    ("debt.recovery.plan.line", "state"):                          "aaaaoaoo",
    ("debt.recovery.promise", "amount"):                           "aaaaoaoo",
    ("debt.recovery.promise", "amount_paid"):                      "aaaaoaoo",
    ("debt.recovery.promise", "case_id"):                          "aaaaoaoo",
    ("debt.recovery.promise", "communication_id"):                 "aaaaoaoo",
    ("debt.recovery.promise", "company_id"):                       "aaaaoaoo",
    ("debt.recovery.promise", "date"):                             "aaaaoaoo",
    ("debt.recovery.promise", "date_made"):                        "aaaaoaoo",
    ("debt.recovery.promise", "direct_debit"):                     "aaaaoaoo",
    ("debt.recovery.promise", "direct_debit_date"):                "aaaaoaoo",
    ("debt.recovery.promise", "direct_debit_notified_for"):        "aaaaoaoo",
    ("debt.recovery.promise", "direct_debit_payment_line_ids"):    "aaaaaaaa",
    ("debt.recovery.promise", "direct_debit_retries"):             "aaaaoaoo",
    ("debt.recovery.promise", "direct_debit_return_date"):         "aaaaoaoo",
    ("debt.recovery.promise", "direct_debit_return_reason_id"):    "aaaaoaoo",
    ("debt.recovery.promise", "direct_debit_state"):               "aaaaoaoo",
    ("debt.recovery.promise", "direct_debit_stop_reason"):         "aaaaoaoo",
    ("debt.recovery.promise", "invoice_ids"):                      "aaaaoaoo",
    ("debt.recovery.promise", "late_reason_id"):                   "aaaaoaoo",
    ("debt.recovery.promise", "mandate_id"):                       "aaaaoaoo",
    ("debt.recovery.promise", "note"):                             "aaaaoaoo",
    ("debt.recovery.promise", "partner_id"):                       "aaaaoaoo",
    ("debt.recovery.promise", "state"):                            "aaaaoaoo",
    ("debt.recovery.promise", "user_id"):                          "aaaaoaoo",
}  # fmt: skip


def _outcome_of_exception(error):
    if isinstance(error, AccessError):
        return "a"
    if isinstance(error, MissingError):
        return "n"
    if isinstance(error, UserError | ValidationError):
        return "u"
    raise error


@tagged("post_install", "-at_install")
class TestAccessInventory(RecoveryPortalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param(
            "debt_recovery_portal.actions_per_hour", "1000"
        )
        cls.debtor.debt_recovery_debtor_type = "consumer"
        cls._setup_users()
        cls._setup_records()

    # ------------------------------------------------------------------ set-up
    @classmethod
    def _setup_users(cls):
        env = cls.env
        cls.company_b = cls.setup_other_company(name="Company B")["company"]
        contact = env["res.partner"].create({"name": "Paul Durand", "parent_id": cls.debtor.id})
        other_contact = env["res.partner"].create({"name": "Anne Autre", "parent_id": cls.other.id})

        def internal(login, groups, company=cls.company):
            return new_test_user(
                env,
                login=login,
                groups=groups,
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
            )

        cls.users = {
            "public": env.ref("base.public_user"),
            "portal": new_test_user(
                env, login="inv_portal", groups="base.group_portal", partner_id=contact.id
            ),
            "portal_other": new_test_user(
                env,
                login="inv_portal_other",
                groups="base.group_portal",
                partner_id=other_contact.id,
            ),
            "employee": internal("inv_employee", "base.group_user"),
            "collector": internal("inv_collector", "debt_recovery.group_debt_recovery_user"),
            "collector_other": internal(
                "inv_collector_other", "debt_recovery.group_debt_recovery_user", cls.company_b
            ),
            "manager": internal("inv_manager", "debt_recovery.group_debt_recovery_manager"),
            "assessor": internal(
                "inv_assessor",
                "debt_recovery.group_debt_recovery_user,debt_recovery.group_debt_recovery_assessment",
            ),
        }

    @classmethod
    def _setup_records(cls):
        env, today, case = cls.env(su=True), cls.today, cls.case
        case.user_id = cls.users["collector"]
        cls.foreign_attachment = env["ir.attachment"].create(
            {
                "name": "private.pdf",
                "raw": b"%PDF-1.4 private",
                "res_model": "res.partner",
                "res_id": cls.other.id,
            }
        )
        comm, plan, promise, assessment = cls._case_records(env, case, today)
        cls.records = {
            "debt.recovery.case": case,
            "debt.recovery.communication": comm,
            "debt.recovery.communication.line": comm.line_ids[:1],
            "debt.recovery.plan": plan,
            "debt.recovery.plan.line": plan.line_ids[:1],
            "debt.recovery.promise": promise,
            "debt.recovery.assessment": assessment.sudo(False),
            "debt.recovery.assessment.line": assessment.line_ids[:1].sudo(False),
            "debt.recovery.case.transition": case.transition_ids[:1],
            "account.move": cls.invoice,
            "account.move.line": cls.invoice.line_ids.filtered(
                lambda line: line.account_id.account_type == "asset_receivable"
            ),
            "debt.recovery.policy": cls.policy,
            "res.partner": cls.debtor,
            "res.company": cls.company,
            "ir.attachment": env["ir.attachment"].create(
                {"name": "note.txt", "raw": b"note", "res_model": comm._name, "res_id": comm.id}
            ),
            "debt.recovery.aged.receivable": env["debt.recovery.aged.receivable"].search(
                [("move_id", "=", cls.invoice.id)], limit=1
            ),
        }
        cls._setup_optional_records(env, case, today)
        cls.letter = cls._letter_as_sent()
        cls.signed_plan = cls._plan_to_sign()
        cls.agreed_plan = cls._agreement(cls.records["debt.recovery.plan"])

    @classmethod
    def _case_records(cls, env, case, today):
        """A communication to validate, a plan, a promise and an individual's assessment of
        the debtor's case."""
        comm = env["debt.recovery.communication"].create(
            {
                "partner_id": cls.debtor.id,
                "case_id": case.id,
                "company_id": cls.company.id,
                "channel": "letter",
                "direction": "outbound",
                "state": "to_validate",
                "level_id": cls.levels[-3].id,
                "invoice_ids": [Command.set(cls.invoice.ids)],
            }
        )
        plan = env["debt.recovery.plan"].create(
            {
                "partner_id": cls.debtor.id,
                "company_id": cls.company.id,
                "case_id": case.id,
                "invoice_ids": [Command.set(cls.invoice.ids)],
                "instalment_count": 2,
                "date_start": today,
                "first_due_date": today + timedelta(days=10),
            }
        )
        plan.action_generate_schedule()
        promise = env["debt.recovery.promise"].create(
            {
                "partner_id": cls.debtor.id,
                "case_id": case.id,
                "company_id": cls.company.id,
                "amount": 100.0,
                "date": today + timedelta(days=5),
                "invoice_ids": [Command.set(cls.invoice_2.ids)],
            }
        )
        assessment = env["debt.recovery.assessment"].create(
            {
                "partner_id": cls.debtor.id,
                "kind": "individual",
                "case_id": case.id,
                "line_ids": [Command.create({"kind": "income", "amount": 1500.0})],
            }
        )
        return comm, plan, promise, assessment

    @classmethod
    def _setup_optional_records(cls, env, case, today):
        """Records of the models of add-ons that may not be installed."""
        if "debt.recovery.cost" in env:
            cls.records["debt.recovery.cost"] = env["debt.recovery.cost"].create(
                {"case_id": case.id, "name": "Bailiff's fee", "amount": 80.0}
            )
        if "debt.recovery.kpi.snapshot" in env:
            cls.records["debt.recovery.kpi.snapshot"] = env["debt.recovery.kpi.snapshot"].search(
                [("company_id", "=", cls.company.id)], limit=1
            ) or env["debt.recovery.kpi.snapshot"].create(
                {"company_id": cls.company.id, "month": today.replace(day=1)}
            )
        if "debt.recovery.court.file" in env:
            cls._setup_litigation_records()
        if "payment.return" in env:
            # A return of direct debits recorded by an accountant (nothing returned yet).
            cls.records["payment.return"] = env["payment.return"].create(
                {
                    "company_id": cls.company.id,
                    "journal_id": env["account.journal"]
                    .search([("company_id", "=", cls.company.id), ("type", "=", "bank")], limit=1)
                    .id,
                }
            )
        if "debt.recovery.insurance.declaration" in env:
            cls._setup_insurance_records()
        if "debt.recovery.closing" in env:
            cls._setup_accounting_records(env)
        if "debt.recovery.factor" in env:
            cls._setup_factoring_records(env)

    @classmethod
    def _setup_factoring_records(cls, env):
        """A notified factoring contract of company A (the invoices stay unassigned)."""
        env = env(su=True)
        factor = env["res.partner"].create({"name": "Affactureur", "is_company": True})
        cls.records["debt.recovery.factor"] = env["debt.recovery.factor"].create(
            {
                "name": "AFF-1",
                "company_id": cls.company.id,
                "partner_id": factor.id,
                "account_id": env["account.account"]
                .create(
                    {
                        "code": "467900",
                        "name": "Affactureur",
                        "account_type": "asset_current",
                        "company_ids": [Command.set(cls.company.ids)],
                    }
                )
                .id,
                "journal_id": env["account.journal"]
                .search([("company_id", "=", cls.company.id), ("type", "=", "general")], limit=1)
                .id,
            }
        )

    @classmethod
    def _setup_insurance_records(cls):
        """A declaration to a credit insurer on the other debtor's case, with a payment."""
        env = cls.env(su=True)
        insurer = env["credit.policy.company"].create({"name": "Assureur Crédit"})
        policy = env["debt.recovery.insurance.policy"].create(
            {"name": "POL-1", "insurer_id": insurer.id, "company_id": cls.company.id}
        )
        declaration = env["debt.recovery.insurance.declaration"].create(
            {
                "name": "DEC/1",
                "case_id": cls.other_case.id,
                "policy_id": policy.id,
                "date": cls.today,
                "amount_declared": 500.0,
                "amount_insured": 500.0,
                "covered_percent": 90.0,
            }
        )
        cls.records.update(
            {
                "debt.recovery.insurance.declaration": declaration,
                "debt.recovery.insurance.payment": env["debt.recovery.insurance.payment"].create(
                    {"declaration_id": declaration.id, "kind": "insurer", "amount": 100.0}
                ),
            }
        )

    @classmethod
    def _setup_accounting_records(cls, env):
        """The closing's accounts (the test chart has none of its own) and a closing."""
        company = cls.company
        accounts = {
            field: env["account.account"].create(
                {
                    "code": code,
                    "name": field,
                    "account_type": account_type,
                    "reconcile": account_type == "asset_current",
                    "company_ids": [Command.set(company.ids)],
                }
            )
            for field, code, account_type in (
                ("debt_recovery_doubtful_account_id", "416900", "asset_current"),
                ("debt_recovery_provision_account_id", "491900", "asset_current"),
                ("debt_recovery_allowance_account_id", "681790", "expense"),
                ("debt_recovery_reversal_account_id", "781790", "income"),
                ("debt_recovery_loss_account_id", "654190", "expense"),
                ("debt_recovery_loss_earlier_account_id", "654490", "expense"),
                ("debt_recovery_recovered_account_id", "771490", "income_other"),
            )
        }
        company.write({field: account.id for field, account in accounts.items()})
        cls.records["debt.recovery.closing"] = env["debt.recovery.closing"].create(
            {
                "company_id": company.id,
                "date": cls.today,
                "journal_id": env["account.journal"]
                .search([("company_id", "=", company.id), ("type", "=", "general")], limit=1)
                .id,
            }
        )

    @classmethod
    def _setup_litigation_records(cls):
        # Litigation follows the other debtor, a business at the last level of the ladder.
        env, case = cls.env(su=True), cls.other_case
        case.write({"level_id": cls.levels[-1].id, "level_date": cls.today})
        # A court file is prepared only for a debtor whose status was confirmed.
        cls.other.sudo().write(
            {
                "debt_recovery_status_confirmed": True,
                "debt_recovery_professional_kind": "commercial",
            }
        )
        env["debt.recovery.communication"].create(
            {
                "partner_id": cls.other.id,
                "case_id": case.id,
                "company_id": cls.company.id,
                "channel": "letter",
                "direction": "outbound",
                "state": "done",
                "level_id": cls.level_by_name["Formal notice"].id,
                "invoice_ids": [Command.set(cls.other_invoice.ids)],
                "sent_date": fields.Datetime.now() - timedelta(days=20),
            }
        )
        mediator = env["res.partner"].create(
            {"name": "Médiateur", "is_company": True, "debt_recovery_debtor_type": "professional"}
        )
        cls.records.update(
            {
                "debt.recovery.court.file": env["debt.recovery.court.file"].create(
                    {"case_id": case.id}
                ),
                "debt.recovery.agency.assignment": env["debt.recovery.agency.assignment"].create(
                    {"case_id": case.id, "agency_id": mediator.id}
                ),
                "debt.recovery.mediation": env["debt.recovery.mediation"].create(
                    {"case_id": case.id, "mediator_id": mediator.id}
                ),
                "debt.recovery.settlement": env["debt.recovery.settlement"].create(
                    {
                        "case_id": case.id,
                        "amount": 500.0,
                        "deadline": cls.today + timedelta(days=30),
                        "reason": "Commercial gesture",
                    }
                ),
                "debt.recovery.litigation.step": env["debt.recovery.litigation.step"].create(
                    {"case_id": case.id}
                ),
            }
        )
        # The court file's request summary, as its build keeps it (the reports print it).
        cls.records["debt.recovery.court.file"]._store_summary()

    @classmethod
    def _letter_as_sent(cls):
        comm = cls.env["debt.recovery.communication"].create(
            {
                "partner_id": cls.debtor.id,
                "case_id": cls.case.id,
                "company_id": cls.company.id,
                "channel": "letter",
                "direction": "outbound",
                "state": "done",
            }
        )
        attachment = cls.env["ir.attachment"].create(
            {
                "name": "letter.pdf",
                "raw": b"%PDF-1.4 letter",
                "res_model": comm._name,
                "res_id": comm.id,
                "mimetype": "application/pdf",
            }
        )
        comm.sudo().write(
            {
                "evidence_attachment_id": attachment.id,
                "receipt_date": fields.Date.today(),
                "delivery_state": "sent",
            }
        )
        return comm

    @classmethod
    def _plan_to_sign(cls):
        plan = cls.env["debt.recovery.plan"].create(
            {
                "partner_id": cls.debtor.id,
                "company_id": cls.company.id,
                "case_id": cls.case.id,
                "invoice_ids": [Command.set(cls.invoice_2.ids)],
                "instalment_count": 2,
            }
        )
        plan.action_generate_schedule()
        plan.action_activate()
        return plan

    @classmethod
    def _settlement_to_sign(cls):
        """A settlement of the debtor's case waiting for its signature (the case kept as it
        was, so that the other rows see the same case)."""
        if "debt.recovery.settlement" not in cls.env:
            return None
        case = cls.case.sudo()
        before = {name: case[name] for name in ("state", "hold_reason", "hold_until")}
        settlement = (
            cls.env["debt.recovery.settlement"]
            .sudo()
            .create(
                {
                    "case_id": case.id,
                    "amount": 400.0,
                    "deadline": cls.today + timedelta(days=30),
                    "reason": "Commercial gesture",
                }
            )
        )
        case.write(before)
        return settlement

    @classmethod
    def _agreement(cls, plan):
        """The plan with the agreement kept when the debtor signed it."""
        attachment = cls.env["ir.attachment"].create(
            {
                "name": "agreement.pdf",
                "raw": b"%PDF-1.4",
                "res_model": plan._name,
                "res_id": plan.id,
            }
        )
        plan.sudo().portal_agreement_id = attachment
        return plan

    # ------------------------------------------------------------------ the inventory
    def _installed(self):
        return {
            module.name
            for module in self.env["ir.module.module"].search(
                [("name", "=like", "debt_recovery%"), ("state", "=", "installed")]
            )
        }

    def _inventory_routes(self):
        routes = set()
        token_models = self._token_models()
        # The rules of the routing map (``ir.http.routing_map``), for the installed modules.
        modules = sorted(self.env.registry._init_modules | set(odoo.conf.server_wide_modules))
        for url, endpoint in http._generate_routing_rules(modules, nodb_only=False):
            method = getattr(getattr(endpoint, "func", endpoint), "__func__", endpoint)
            if method.__module__.startswith(PREFIX):
                routes.add(url)
            elif url in TOKEN_ROUTES:
                routes.update(f"{url} {model}" for model in token_models)
        return routes

    def _token_models(self):
        """The add-ons' own models (not Odoo's they extend) reached by a token."""
        return sorted(
            name
            for name, model in self.env.items()
            if "access_token" in model._fields
            and (model._original_module or "").startswith("debt_recovery")
            and issubclass(type(model), type(self.env["mail.thread"]))
        )

    def _inventory_methods(self):
        methods = set()
        for name, model in self.env.items():
            for cls in type(model).__mro__:
                if not cls.__module__.startswith(PREFIX):
                    continue
                for attr, value in vars(cls).items():
                    if attr.startswith("_") or not callable(value):
                        continue
                    try:
                        get_public_method(model, attr)
                    except AccessError:
                        continue
                    methods.add((name, attr))
        return methods

    def _inventory_reports(self):
        data = self.env["ir.model.data"].search(
            [("model", "=", "ir.actions.report"), ("module", "=like", "debt_recovery%")]
        )
        return {f"{row.module}.{row.name}" for row in data}

    def _inventory_fields(self):
        collector = self.users["collector"]
        Access = self.env["ir.model.access"].with_user(collector)
        magic = set(MAGIC_COLUMNS) | set(LOG_ACCESS_COLUMNS)
        result = set()
        for name, model in self.env.items():
            if model._transient or model._abstract or not model._auto:
                continue
            if not Access.check(name, "write", raise_exception=False):
                continue
            for field in model._fields.values():
                if not (field._module or "").startswith("debt_recovery"):
                    continue
                if field.name in magic or not (field.store or field.inverse):
                    continue
                if field.compute and not field.inverse:
                    continue
                if field.groups and not collector.has_groups(field.groups):
                    continue
                result.add((name, field.name))
        return result

    def _assert_same_keys(self, kind, found, table):
        missing = sorted(found - set(table))
        extra = sorted(set(table) - found)
        self.assertFalse(
            missing or extra,
            f"{kind}: rows missing for {missing}; rows without anything to check {extra}",
        )

    def test_inventory_has_a_row_for_everything(self):
        installed = self._installed()

        def wanted(table, key_model):
            return {
                key: row
                for key, row in table.items()
                if key_model(key) in self.env or key_model(key) in installed
            }

        self._assert_same_keys("routes", self._inventory_routes(), self._routes_installed())
        self._assert_same_keys(
            "methods", self._inventory_methods(), wanted(METHODS, lambda key: key[0])
        )
        self._assert_same_keys(
            "reports", self._inventory_reports(), wanted(REPORTS, lambda key: key.split(".")[0])
        )
        self._assert_same_keys(
            "writable fields", self._inventory_fields(), wanted(FIELDS, lambda key: key[0])
        )
        for key in EVIDENCE_FIELDS:
            if key[0] in self.env:
                self.assertIn(key, FIELDS, "evidence is in the table of fields")

    def _routes_installed(self):
        return {
            route: row
            for route, row in ROUTES.items()
            if ROUTE_MODELS.get(route, "res.partner") in self.env
            and (route.split(" ")[-1] in self.env or route.startswith(("/my/", "/debt_recovery/")))
        }

    # ------------------------------------------------------------------ running a cell
    def _cell(self, run):
        """The outcome of ``run()``, everything it wrote rolled back."""
        savepoint = self.env.cr.savepoint()
        try:
            return run()
        except (UserError, ValidationError) as error:
            return _outcome_of_exception(error)
        except psycopg2.Error:
            return "u"
        finally:
            savepoint.close(rollback=True)
            self.env.invalidate_all()

    def _check_row(self, kind, key, roles, expected, observed):
        self.assertEqual(len(expected), len(roles), f"{kind} {key}: one letter per role")
        for role, want, got in zip(roles, expected, observed, strict=True):
            with self.subTest(kind=kind, key=key, role=role):
                if want == "r":
                    self.assertIn(got, "aunl", f"{kind} {key} as {role}: refused")
                else:
                    self.assertEqual(got, want, f"{kind} {key} as {role}")

    # ------------------------------------------------------------------ methods
    def _method_call(self, model, method):
        """A function of the role's user calling ``model.method`` as the external API does."""
        records = self.records.get(model)
        at_date = fields.Date.to_string(self.today + timedelta(days=30))
        args = {
            ("account.move", "compute_late_penalties"): [at_date],
            ("account.move", "compute_late_interest"): [at_date],
            ("debt.recovery.case", "get_litigation_summary"): [at_date],
            ("debt.recovery.statement.wizard", "default_get"): [["partner_ids", "company_id"]],
            ("debt.recovery.kpi.snapshot", "get_kpi_board"): [self.company.id],
        }.get((model, method), [])
        model_level = {
            "create",
            "default_get",
            "get_kpi_board",
            "action_rebuild",
            "action_print_todays_letters",
        }
        wizards = self._wizard_values()
        self.assertTrue(
            records or model in wizards or method in model_level,
            f"{model}.{method}: give the test a record (or wizard values) to call it on",
        )

        def call(user):
            Model = self.env[model].with_user(user)
            if method in model_level and method != "create":
                return api.call_kw(Model, method, args, {})
            if model in wizards:
                wizard = api.call_kw(Model, "create", [wizards[model]], {})
                return api.call_kw(Model, method, [[wizard]], {})
            if method == "create":
                return api.call_kw(Model, method, [self._create_values(model)], {})
            if method == "write":
                return api.call_kw(Model, method, [records.ids, {}], {})
            if method in model_level:
                return api.call_kw(Model, method, args, {})
            return api.call_kw(Model, method, [records.ids, *args], {})

        return call

    def _create_values(self, model):
        if model in ("res.partner", "res.company"):
            return {"name": "Created by the caller"}
        if model == "debt.recovery.settlement":
            return {
                "case_id": self.other_case.id,
                "amount": 400.0,
                "deadline": fields.Date.to_string(self.today + timedelta(days=20)),
                "reason": "Goodwill",
            }
        values = self.records[model].sudo().copy_data()[0]
        return values

    def _wizard_values(self):
        case, invoice = self.case, self.invoice
        return {
            "debt.recovery.aged.balance.wizard": {"date": fields.Date.to_string(self.today)},
            "debt.recovery.factor.assign.wizard": {
                "factor_id": self.records.get("debt.recovery.factor", self.env["res.partner"]).id,
                "invoice_ids": [Command.set(invoice.ids)],
            },
            "debt.recovery.debtor.type.wizard": {
                "partner_ids": [Command.set(self.debtor.ids)],
                "debtor_type": "professional",
            },
            "debt.recovery.hold.wizard": {"mode": "case", "case_ids": [Command.set(case.ids)]},
            "debt.recovery.kpi.dashboard": {"company_id": self.company.id},
            "debt.recovery.log.contact.wizard": {"case_id": case.id, "summary": "Called"},
            "debt.recovery.mandate.wizard": {
                "plan_id": self.records["debt.recovery.plan"].id,
                "acc_number": "FR7630004000031234567890143",
                "scan": "JVBERi0xLjQ=",
            },
            "debt.recovery.penalty.invoice.wizard": {"case_id": case.id},
            "debt.recovery.receipt.wizard": {"communication_id": self.letter.id},
            "debt.recovery.recovered.loss.wizard": {
                "invoice_id": invoice.id,
                "amount": 10.0,
                "journal_id": self.env["account.journal"]
                .search([("company_id", "=", self.company.id), ("type", "=", "bank")], limit=1)
                .id,
            },
            "debt.recovery.write.off.wizard": {
                "invoice_ids": [Command.set(invoice.ids)],
                "reason": "liquidation",
                "proof": "JVBERi0xLjQ=",
                "proof_name": "judgment.pdf",
            },
            "debt.recovery.statement.wizard": {
                "company_id": self.company.id,
                "partner_ids": [Command.set(invoice.partner_id.ids)],
            },
        }

    def _run_method(self, call, user):
        def run():
            try:
                call(user)
            except AccessError:
                return "a"
            except MissingError:
                return "n"
            return "o"

        return self._cell(run)

    def test_methods(self):
        for (model, method), expected in sorted(METHODS.items()):
            if model not in self.env:
                continue
            call = self._method_call(model, method)
            observed = "".join(self._run_method(call, self.users[role]) for role in ROLES)
            self._check_row("method", (model, method), ROLES, expected, observed)

    # ------------------------------------------------------------------ reports
    def test_reports(self):
        for xmlid, expected in sorted(REPORTS.items()):
            if xmlid.split(".")[0] not in self._installed():
                continue
            report = self.env.ref(xmlid)
            record = self.records[report.model]
            if report.model == "debt.recovery.case" and xmlid.startswith("debt_recovery_litig"):
                # In litigation and insolvency proceedings: the other debtor's case.
                record = self.other_case

            def call(user, report=report, record=record):
                if report.report_name.endswith("claim_declaration"):
                    # A claim is declared against a debtor in insolvency proceedings.
                    insolvency = self.today - timedelta(days=10)
                    record.partner_id.sudo().debt_recovery_insolvency_date = insolvency
                return (
                    self.env["ir.actions.report"]
                    .with_user(user)
                    ._render_qweb_html(report.report_name, record.ids)
                )

            observed = "".join(self._run_method(call, self.users[role]) for role in ROLES)
            self._check_row("report", xmlid, ROLES, expected, observed)

    def test_report_route_follows_the_records_access(self):
        """``/report/...`` does not look at the action's groups: the report's own check holds."""
        url = f"/report/html/debt_recovery_reports.report_partner_statement/{self.debtor.id}"
        for role, status in (("employee", 403), ("collector", 200)):
            with self.subTest(role=role):
                login = self.users[role].login
                self.authenticate(login, login)
                response = self.url_open(url)
                self.assertEqual(response.status_code, status)
                if status == 200:
                    self.assertIn(self.invoice.name, response.text)

    # ------------------------------------------------------------------ fields
    def _field_value(self, model, name):
        value = EVIDENCE_FIELDS.get((model, name))
        if value is not None:
            return self.foreign_attachment.id if value == "attachment" else value
        record = self.records[model].sudo()
        field = record._fields[name]
        value = record[name]
        if field.type == "many2one":
            return value.id
        if field.type in ("one2many", "many2many"):
            return [Command.set(value.ids)]
        return field.convert_to_write(value, record)

    def _evidence_record(self, model):
        """The record whose evidence is forged: for a communication, a letter sent, received
        and whose delivery was followed (a receipt date entered once, a status moving
        forward only); a plan being signed."""
        return self.letter if model == "debt.recovery.communication" else self.records[model]

    def test_writable_fields(self):
        for (model, name), expected in sorted(FIELDS.items()):
            if model not in self.env:
                continue
            value = self._field_value(model, name)
            write_expected, create_expected = (expected.split() + [None])[:2]
            record = (
                self._evidence_record(model)
                if (model, name) in EVIDENCE_FIELDS
                else self.records[model]
            )

            def write(user, record=record, name=name, value=value):
                api.call_kw(record.with_user(user), "write", [record.ids, {name: value}], {})

            observed = "".join(self._run_method(write, self.users[role]) for role in ROLES)
            self._check_row("write", (model, name), ROLES, write_expected, observed)
            if (model, name) not in EVIDENCE_FIELDS:
                continue
            self.assertTrue(create_expected, f"{model}.{name}: evidence has a row for create")

            def create(user, model=model, name=name, value=value):
                values = dict(self._create_values(model), **{name: value})
                api.call_kw(self.env[model].with_user(user), "create", [values], {})

            observed = "".join(self._run_method(create, self.users[role]) for role in ROLES)
            self._check_row("create", (model, name), ROLES, create_expected, observed)

    # ------------------------------------------------------------------ routes
    def _csrf_token(self):
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        max_ts = int(time.time() + 3600)
        message = f"{self.session.sid}{max_ts}".encode()
        return f"{hmac.new(secret.encode('ascii'), message, hashlib.sha1).hexdigest()}o{max_ts}"

    def _request(self, route, token):
        """The response class of ``route`` opened with ``token`` (or none)."""
        base = f"/my/recovery/{self.case.id}"
        forms, pages = self._route_forms(), self._route_pages(token)
        if route in pages:
            response = self.url_open(pages[route], allow_redirects=False)
            location = response.headers.get("Location", "")
            if response.status_code in (301, 302, 303) and re.fullmatch(
                r"(https?://[^/]+)?/[a-z]{2}(_[A-Z]{2})?" + re.escape(pages[route]), location
            ):
                # With several languages installed, a page first goes to its URL in the
                # visitor's language: what counts is what that URL answers.
                response = self.url_open(location, allow_redirects=False)
            return self._http_outcome(response)
        if route in forms:
            suffix, data = forms[route]
            data = dict(data, csrf_token=self._csrf_token(), access_token=token or "")
            response = self.url_open(base + suffix, data=data, allow_redirects=False)
            return self._http_outcome(response)
        return self._json_or_token_route(route, token)

    def _route_forms(self):
        """{route: (suffix of the case's page, data)} of the debtor's forms."""
        promised = fields.Date.to_string(self.today + timedelta(days=10))
        category = self.env["debt.recovery.assessment.category"].search(
            [("assessment_kind", "in", ("individual", "both"))], limit=1
        )
        reason = self.env["debt.recovery.late.reason"]._portal_dispute_reasons(self.company)[:1]
        return {
            "/my/recovery/<int:case_id>/assessment": (
                "/assessment",
                {f"category_{category.id}": "800", "consent": "1"},
            ),
            "/my/recovery/<int:case_id>/dispute": (
                "/dispute",
                {"invoice_id": self.invoice.id, "reason_id": reason.id, "message": "Broken"},
            ),
            "/my/recovery/<int:case_id>/mandate/<int:plan_id>/revoke": (
                f"/mandate/{self.records['debt.recovery.plan'].id}/revoke",
                {"accept": "1"},
            ),
            "/my/recovery/<int:case_id>/plan": ("/plan", {"count": "2"}),
            "/my/recovery/<int:case_id>/plan/<int:plan_id>/sign": (
                f"/plan/{self.signed_plan.id}/sign",
                {"name": "Jeanne Martin", "accept": "1"},
            ),
            "/my/recovery/<int:case_id>/promise": (
                "/promise",
                {"date": promised, "amount": "300"},
            ),
            "/my/recovery/<int:case_id>/settlement/<int:settlement_id>/sign": (
                f"/settlement/{self.signable_settlement.id}/sign"
                if self.signable_settlement
                else "",
                {"name": "Jeanne Martin", "accept": "1"},
            ),
        }

    def _route_pages(self, token):
        """{route: URL} of the pages and documents opened with ``token`` (or none)."""
        case = self.case
        base = f"/my/recovery/{case.id}"
        query = f"?access_token={token}" if token else ""
        promised = fields.Date.to_string(self.today + timedelta(days=10))
        return {
            "/my/recovery": "/my/recovery",
            "/my/recovery/<int:case_id>": base + query,
            "/my/recovery/<int:case_id>/agreement/<int:plan_id>": (
                f"{base}/agreement/{self.agreed_plan.id}{query}"
            ),
            "/my/recovery/<int:case_id>/invoice/<int:invoice_id>": (
                f"{base}/invoice/{self.invoice.id}{query}"
            ),
            "/my/recovery/<int:case_id>/letter/<int:comm_id>": (
                f"{base}/letter/{self.letter.id}{query}"
            ),
            "/my/recovery/<int:case_id>/pay": f"{base}/pay{query}",
            "/my/recovery/<int:case_id>/settlement/<int:settlement_id>": (
                f"{base}/settlement/{self.signable_settlement.id}{query}"
                if self.signable_settlement
                else ""
            ),
            # The preview of the next run: employees of the recovery, their companies only.
            "/debt_recovery/run_preview.csv": (
                f"/debt_recovery/run_preview.csv?date={promised}&company_ids={self.company.id}"
            ),
            "/debt_recovery/run_preview/document": (
                f"/debt_recovery/run_preview/document?case_id={case.id}"
                f"&level_id={self.levels[1].id}&date={promised}&kind=email"
            ),
        }

    def _json_or_token_route(self, route, token):
        case = self.case
        if route == "/my/recovery/<int:case_id>/plan/schedule":
            return self._json(
                f"/my/recovery/{case.id}/plan/schedule", {"count": 2, "access_token": token}
            )
        if route == "/my/recovery/<int:case_id>/transaction/<string:what>/<int:invoice_id>":
            params = {
                "provider_id": self.provider.id,
                "payment_method_id": self.provider.payment_method_ids[:1].id,
                "token_id": None,
                "amount": 1.0,
                "flow": "direct",
                "tokenization_requested": False,
                "landing_route": "/",
                "is_validation": False,
                "access_token": token,
            }
            return self._json(
                f"/my/recovery/{case.id}/transaction/invoice/{self.invoice.id}", params
            )
        return self._token_route(route, token)

    def _token_route(self, route, token):
        """The outcome of one of Odoo's mail and portal routes on a record of the add-ons,
        opened with ``token`` (or none)."""
        path, model = route.split(" ")
        thread = {"thread_model": model, "thread_id": self.records[model].id}
        if token:
            thread["token"] = token
        if path == "/mail/thread/data":
            return self._json(
                path, dict(thread, request_list=["activities", "attachments", "followers"])
            )
        if path == "/mail/message/post":
            post = {
                "body": "Posted through the token",
                "message_type": "comment",
                "subtype_xmlid": "mail.mt_comment",
            }
            return self._json(path, dict(thread, post_data=post))
        if path == "/mail/message/reaction":
            params = {"message_id": self.message.id, "content": "👍", "action": "add"}
            if token:
                params["token"] = token
            return self._json(path, params)
        if path == "/portal/chatter_init":
            return self._json(path, thread, seen=lambda result: model in json.dumps(result))
        if path == "/mail/chatter_fetch":
            return self._json(
                path,
                thread,
                seen=lambda result: self.message.id
                in [message["id"] for message in result["data"]["mail.message"]],
            )
        if path == "/mail/attachment/upload":
            data = dict(thread, csrf_token=self._csrf_token())
            response = self.url_open(
                path,
                data=data,
                files={"ufile": ("note.txt", b"note", "text/plain")},
                allow_redirects=False,
            )
            return self._http_outcome(response)
        # The author's avatar: the placeholder image when the message is out of reach.
        query = f"?access_token={token}" if token else ""
        response = self.url_open(
            f"/mail/avatar/mail.message/{self.message.id}/author_avatar/50x50{query}"
        )
        placeholder = self.url_open("/mail/avatar/mail.message/0/author_avatar/50x50")
        return "a" if response.content == placeholder.content else "o"

    def _json(self, path, params, seen=None):
        """The outcome of a JSON route; ``seen(result)`` tells whether the record was reached
        (routes answering without an error when it is out of reach)."""
        response = self.url_open(
            path,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}),
            headers={"Content-Type": "application/json"},
        )
        if response.status_code != 200:
            return self._http_outcome(response)
        body = response.json()
        if "error" in body:
            name = body["error"].get("data", {}).get("name", "")
            for needle, outcome in (
                ("AccessError", "a"),
                ("Forbidden", "a"),
                ("MissingError", "n"),
                ("NotFound", "n"),
                ("SessionExpired", "l"),
                ("UserError", "u"),
                ("ValidationError", "u"),
            ):
                if needle in name:
                    return outcome
            return f"?{name}"
        result = body.get("result")
        if isinstance(result, dict) and "error" in result:
            return "u"
        if '"hasReadAccess": false' in json.dumps(result):
            return "a"
        if seen is not None and not seen(result):
            return "a"
        return "o"

    @staticmethod
    def _http_outcome(response):
        status = response.status_code
        if status in (301, 302, 303):
            return "l" if "/web/login" in response.headers.get("Location", "") else "o"
        return {200: "o", 400: "u", 403: "a", 404: "n"}.get(status, f"?{status}")

    def _route_cell(self, route, token, expire=False):
        def run():
            if expire:
                self.case.sudo().portal_token_date = fields.Datetime.now() - timedelta(days=800)
                self.env.flush_all()
            return self._request(route, token)

        return self._cell(run)

    def test_routes(self):
        self.message = self.case.message_post(
            body="A message on the case", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.signable_settlement = self._settlement_to_sign()
        routes = self._routes_installed()
        observed = {route: {} for route in routes}
        token = self.case.access_token
        for role in HTTP_ROLES:
            user = self.users.get(role)
            logged_in = user and not user._is_public()
            self.authenticate(user.login if logged_in else None, user.login if logged_in else None)
            for route in routes:
                if role == "token":
                    outcome = self._route_cell(route, token)
                elif role == "expired":
                    outcome = self._route_cell(route, token, expire=True)
                else:
                    outcome = self._route_cell(route, None)
                observed[route][role] = outcome
        for route, expected in sorted(routes.items()):
            got = "".join(observed[route][role] for role in HTTP_ROLES)
            self._check_row("route", route, HTTP_ROLES, expected, got)
