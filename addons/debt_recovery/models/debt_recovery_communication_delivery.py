# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Reminders whose delivery is known.

A reminder email is a message posted on the communication's case (on the communication itself
for a courteous reminder sent before any case exists), with the debtor as recipient and an email
notification, so that Odoo's mail stack tracks it like any message: queued, sent, failed (the
mail server refused it), bounced (a delivery status notification came back through the bounce
alias). The communication keeps the exact message sent as evidence, and follows the state of its
notifications (see :meth:`_sync_delivery`, called by the mail queue and by bounce processing).

The daily job sends thousands of reminders: templates are rendered in batch (one QWeb
compilation per language instead of one per record) and messages, emails, notifications and
their links are inserted in bulk (see :mod:`.bulk`), with the values ``message_post`` gives them.
"""

import logging
from collections import defaultdict

from lxml import html
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import safe_eval
from odoo.tools.mail import generate_tracking_message_id

from ..engine import delivery
from . import bulk
from .debt_recovery_case_delivery import DELIVERY_STATES

_logger = logging.getLogger(__name__)


DELIVERY_FIELDS = {
    "delivery_state",
    "delivery_failure",
    "mail_message_id",
    "email_subject",
    "email_sender",
    "email_recipients",
    "email_body",
    "email_attachment_ids",
    "undelivered_id",
}


class DebtRecoveryCommunication(models.Model):
    _inherit = "debt.recovery.communication"

    delivery_state = fields.Selection(
        DELIVERY_STATES,
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Delivery of the reminder's email or SMS, as the mail stack reports it: queued, "
        "sent (accepted by the mail server or the SMS provider), failed, bounced (returned by "
        "the debtor's mail server), no address.",
    )
    delivery_failure = fields.Text(readonly=True, copy=False)
    mail_message_id = fields.Many2one(
        "mail.message",
        string="Message",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The message posted on the case, whose notifications say what became of it.",
    )
    email_subject = fields.Char(readonly=True, copy=False)
    email_sender = fields.Char(string="Email From", readonly=True, copy=False)
    email_recipients = fields.Char(string="Email To", readonly=True, copy=False)
    email_body = fields.Html(readonly=True, copy=False, sanitize_style=True)
    email_attachment_ids = fields.Many2many(
        "ir.attachment",
        "debt_recovery_communication_email_attachment_rel",
        "communication_id",
        "attachment_id",
        string="Email Attachments",
        readonly=True,
        copy=False,
    )
    undelivered_id = fields.Many2one(
        "debt.recovery.communication",
        string="Replaces",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The reminder that could not be delivered and that this letter replaces.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_delivery_fields({name for vals in vals_list for name in vals})
        return super().create(vals_list)

    def write(self, vals):
        self._check_delivery_fields(set(vals))
        return super().write(vals)

    def _check_delivery_fields(self, names):
        """What was sent and what became of it are written by the system only (evidence)."""
        if DELIVERY_FIELDS & names and not self.env.su:
            raise UserError(
                self.env._("What a reminder sent and its delivery are kept as they happened.")
            )

    # ------------------------------------------------------------------ sending
    def _send_level_messages(self, level):
        """Send the electronic messages of ``level`` for these communications."""
        if level.send_email and level.mail_template_id:
            self._send_emails(level.mail_template_id)

    def _send_emails(self, template):
        """Post the template's email on each communication's case, in the debtor's language,
        queued for the mail server, and keep on the communication what was sent."""
        # Reached from _perform_actions only (daily job, or a validation already checked): the
        # recovery user may not render templates nor write messages and mails himself.
        comms = self.sudo()
        template = template.sudo()
        if not comms:
            return
        comms._prefetch_for_rendering()
        rendered = comms._render_reminders(template)
        partners = (
            self.env["res.partner"]
            .sudo()
            .browse({pid for values in rendered.values() for pid in values["partner_ids"]})
        )
        reachable = {partner.id for partner in partners if partner.email_normalized}
        for values in rendered.values():
            values["partner_ids"] = [pid for pid in values["partner_ids"] if pid in reachable]
        unreachable = comms.filtered(lambda c: not rendered[c.id]["partner_ids"])
        to_post = comms - unreachable
        if to_post:
            attachments = to_post._reminder_attachments(template)
            to_post._post_reminders(template, rendered, attachments)
        # A communication whose level reached the debtor by another channel (an SMS) keeps
        # that channel's delivery: no email address alone is not a problem then.
        others = [name for name in self._delivery_message_fields() if name != "mail_message_id"]
        unreachable = unreachable.filtered(lambda c: not any(c[name] for name in others))
        if unreachable:
            unreachable._set_delivery_states(
                {comm.id: ("no_address", self.env._("No email address.")) for comm in unreachable}
            )

    def _prefetch_for_rendering(self):
        """Load in a few queries what the reminder templates show (invoices of the snapshot):
        the templates filter the lines, which would otherwise fetch each invoice alone."""
        self.line_ids.invoice_id.fetch(["name"])

    def _render_reminders(self, template):
        """{comm_id: {subject, body, email_from, partner_ids}} of ``template`` on these."""
        ids = self.ids
        values = template._generate_template(
            ids,
            ["subject", "email_from", "partner_to", "email_to", "email_cc"],
            find_or_create_partners=True,
        )
        bodies = self._render_template_batch(template, "body_html", ids)
        body_field = self.env["mail.message"]._fields["body"]
        Message = self.env["mail.message"]
        return {
            comm_id: {
                "subject": values[comm_id].get("subject") or False,
                "email_from": values[comm_id].get("email_from") or False,
                "partner_ids": list(dict.fromkeys(values[comm_id].get("partner_ids") or [])),
                # Sanitized as message_post stores a body (and the email sends it).
                "body": body_field.convert_to_column(bodies[comm_id], Message) or "",
            }
            for comm_id in ids
        }

    @api.model
    def _render_template_batch(self, template, field, res_ids):
        """{res_id: rendered} of the QWeb ``field`` of ``template``, as ``_render_field``
        renders it (each record in its language, post-processed), with the template compiled
        once per language instead of once per record."""
        model = template.render_model
        post_process = getattr(template._fields[field], "render_options", {}).get("post_process")
        result = {}
        for _lang, (tpl, ids) in template._classify_per_lang(res_ids).items():
            source = tpl[field]
            if not source or not tpl._has_unsafe_expression_template_qweb(source, model):
                result.update(tpl._render_field(field, ids))
                continue
            # As mail.render.mixin._render_template_qweb does for each record (same evaluation
            # context, same sandbox, the <div> it wraps the source in removed), but ir.qweb's
            # compiled function is kept for all the records of the language. Rendering is done
            # as the superuser (see _send_emails), so no restricted mode applies.
            values = tpl._render_eval_context()
            qweb = tpl.env["ir.qweb"]._prepare_environment(values)
            safe_eval.check_values(values)
            functions, name = qweb._compile(html.fragment_fromstring(source, create_parent="div"))
            rendered = {
                record.id: Markup("".join(functions[name](qweb, dict(values, object=record))))[5:-6]
                for record in tpl.env[model].browse(ids)
            }
            if post_process:
                rendered = tpl._render_template_postprocess(model, rendered)
            result.update(rendered)
        return result

    def _reminder_attachments(self, template):
        """{comm_id: attachments} sent with each reminder, attached to the communication:
        the template's files and reports (a copy per communication)."""
        result = defaultdict(lambda: self.env["ir.attachment"])
        if not (template.attachment_ids or template.report_template_ids):
            return result
        generated = template._generate_template(self.ids, ["attachment_ids", "report_template_ids"])
        vals_list, owners = [], []
        for comm in self:
            values = generated[comm.id]
            for attachment in self.env["ir.attachment"].browse(values.get("attachment_ids", [])):
                vals_list.append({"name": attachment.name, "raw": attachment.raw})
                owners.append(comm)
            for name, content in values.get("attachments", []):
                vals_list.append({"name": name, "datas": content})
                owners.append(comm)
        for vals, comm in zip(vals_list, owners, strict=True):
            vals.update(res_model=comm._name, res_id=comm.id)
        for comm, attachment in zip(
            owners, self.env["ir.attachment"].create(vals_list), strict=True
        ):
            result[comm.id] |= attachment
        return result

    # ------------------------------------------------------------------ posting in bulk
    def _post_reminders(self, template, rendered, attachments):
        """Post the rendered reminders: one message per communication on its case (on the
        communication without a case), its email and one email notification per recipient,
        inserted in bulk with the values ``message_post`` and its email notification give
        them; the communication keeps what was sent."""
        threads = {comm.id: comm.case_id or comm for comm in self}
        context = self._reminder_threads_context(threads.values(), rendered)
        authors = {}
        message_vals = []
        for comm in self:
            values, thread = rendered[comm.id], threads[comm.id]
            if values["email_from"] not in authors:
                authors[values["email_from"]] = self.env["mail.thread"]._message_compute_author(
                    None, values["email_from"], raise_on_email=False
                )
            author_id, email_from = authors[values["email_from"]]
            thread_values = context[thread._name, thread.id]
            message_vals.append(
                {
                    **thread_values["message"],
                    "author_id": author_id or False,
                    "email_from": email_from or False,
                    "reply_to": thread_values["reply_to"] or email_from or False,
                    "body": values["body"],
                    "subject": values["subject"],
                    "message_id": generate_tracking_message_id(f"{thread.id}-{thread._name}"),
                    "mail_server_id": template.mail_server_id.id or False,
                }
            )
        messages = bulk.insert(self.env["mail.message"], message_vals)
        mails = self._insert_reminder_mails(template, messages, message_vals, context, threads)
        self._insert_reminder_links(messages, mails, message_vals, rendered, attachments)
        self.env["debt.recovery.case"].invalidate_model(["message_ids"])
        self.invalidate_model(["message_ids"])
        partners = self.env["res.partner"].browse(
            {pid for values in rendered.values() for pid in values["partner_ids"]}
        )
        addresses = {partner.id: partner.email_formatted for partner in partners}
        bulk.update(
            self,
            {
                comm.id: {
                    "mail_message_id": message.id,
                    "mail_id": mail.id,
                    "delivery_state": "queued",
                    "delivery_failure": False,
                    "email_subject": vals["subject"],
                    "email_sender": vals["email_from"],
                    "email_recipients": ", ".join(
                        addresses[pid] for pid in rendered[comm.id]["partner_ids"]
                    ),
                    "email_body": vals["body"],
                }
                for comm, message, mail, vals in zip(
                    self, messages, mails, message_vals, strict=True
                )
            },
        )

    @api.model
    def _reminder_threads_context(self, threads, rendered):
        """{(model, id): values} of the records posted on: the message's document values
        (as ``message_post`` computes them), reply-to, parent and email headers."""
        result = {}
        by_model = defaultdict(list)
        for thread in threads:
            by_model[thread._name].append(thread.id)
        subtype_id = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_comment")
        now = fields.Datetime.now()
        for model, ids in by_model.items():
            records = self.env[model].browse(ids)
            companies = records._mail_get_companies(default=self.env.company)
            domains = records._mail_get_alias_domains(default_company=self.env.company)
            reply_to = records._notify_get_reply_to(default=False)
            parents = dict(
                self.env["mail.message"]._read_group(
                    [("model", "=", model), ("res_id", "in", ids)], ["res_id"], ["id:min"]
                )
            )
            for record in records:
                bounce = domains[record.id].bounce_email
                headers = {"X-Odoo-Objects": f"{model}-{record.id}"}
                if bounce:
                    headers["Return-Path"] = bounce
                result[model, record.id] = {
                    "message": {
                        "model": model,
                        "res_id": record.id,
                        "record_name": record.display_name,
                        "record_company_id": companies[record.id].id or False,
                        "record_alias_domain_id": domains[record.id].id or False,
                        "parent_id": parents.get(record.id) or False,
                        "message_type": "comment",
                        "subtype_id": subtype_id,
                        "is_internal": False,
                        "email_add_signature": False,
                        "reply_to_force_new": False,
                        "date": now,
                    },
                    "reply_to": reply_to.get(record.id),
                    "headers": repr(headers),
                }
        return result

    def _insert_reminder_mails(self, template, messages, message_vals, context, threads):
        """One outgoing email per message (the mail queue sends it), in bulk."""
        return bulk.insert(
            self.env["mail.mail"],
            [
                {
                    "mail_message_id": message.id,
                    "body_html": vals["body"],
                    "references": vals["message_id"],
                    "headers": context[vals["model"], vals["res_id"]]["headers"],
                    "state": "outgoing",
                    "is_notification": True,
                    "auto_delete": template.auto_delete,
                }
                for message, vals in zip(messages, message_vals, strict=True)
            ],
        )

    def _insert_reminder_links(self, messages, mails, message_vals, rendered, attachments):
        """Recipients of the messages and emails, their email notifications, attachments."""
        Message, Mail = self.env["mail.message"], self.env["mail.mail"]
        recipients = [
            (vals["author_id"], message, mail, pid)
            for comm, message, mail, vals in zip(self, messages, mails, message_vals, strict=True)
            for pid in rendered[comm.id]["partner_ids"]
        ]
        bulk.insert(
            self.env["mail.notification"],
            [
                {
                    "author_id": author_id,
                    "mail_message_id": message.id,
                    "mail_mail_id": mail.id,
                    "res_partner_id": pid,
                    "notification_type": "email",
                    "notification_status": "ready",
                    "is_read": True,
                }
                for author_id, message, mail, pid in recipients
            ],
        )
        links = [
            (Message._fields["partner_ids"], [(m.id, pid) for _c, m, _mail, pid in recipients]),
            (Mail._fields["recipient_ids"], [(mail.id, pid) for _c, _m, mail, pid in recipients]),
            (
                Message._fields["attachment_ids"],
                [
                    (message.id, attachment.id)
                    for comm, message in zip(self, messages, strict=True)
                    for attachment in attachments[comm.id]
                ],
            ),
            (
                self._fields["email_attachment_ids"],
                [(comm.id, att.id) for comm in self for att in attachments[comm.id]],
            ),
        ]
        for field, rows in links:
            bulk.copy_rows(
                self.env.cr,
                field.relation,
                (field.column1, field.column2),
                [(str(left), str(right)) for left, right in rows],
            )
        for model in (Message, Mail, self.env["ir.attachment"]):
            model.invalidate_model()
        self.invalidate_model(["email_attachment_ids"])

    # ------------------------------------------------------------------ delivery tracking
    @api.model
    def _delivery_message_fields(self):
        """Fields of the messages a communication posted (the email's; an SMS's...)."""
        return ["mail_message_id"]

    @api.model
    def _sync_delivery(self, messages):
        """Follow the notifications of ``messages`` on the communications that posted them
        (after the mail queue sent them, a bounce came back, an SMS provider answered)."""
        names = self._delivery_message_fields()
        domain = expression.OR([[(name, "in", messages.ids)] for name in names])
        comms = self.sudo().search(domain)
        if not comms:
            return
        message_ids = {comm.id: [comm[name].id for name in names if comm[name]] for comm in comms}
        notifications = (
            self.env["mail.notification"]
            .sudo()
            .search_fetch(
                [
                    ("mail_message_id", "in", [mid for ids in message_ids.values() for mid in ids]),
                    ("notification_type", "in", ("email", "sms")),
                ],
                ["mail_message_id", "notification_status", "failure_type", "failure_reason"],
            )
        )
        by_message = defaultdict(list)
        for notification in notifications:
            by_message[notification.mail_message_id.id].append(notification)
        states = {}
        for comm in comms:
            found = [n for mid in message_ids[comm.id] for n in by_message[mid]]
            state = delivery.delivery_state(
                [(n.notification_status, n.failure_type or None) for n in found]
            )
            failure = comms._failure_text(found) if delivery.is_problem(state) else False
            if (state, failure) != (comm.delivery_state, comm.delivery_failure or False):
                states[comm.id] = (state, failure)
        comms._set_delivery_states(states)

    def _failure_text(self, notifications):
        """Why the notifications failed, as the mail stack says it."""
        labels = dict(
            self.env["mail.notification"]._fields["failure_type"]._description_selection(self.env)
        )
        texts = []
        for notification in notifications:
            if notification.notification_status not in ("exception", "bounce", "canceled"):
                continue
            text = labels.get(notification.failure_type) or self.env._("Delivery failed")
            if notification.failure_reason:
                text = f"{text}: {notification.failure_reason.strip()}"
            texts.append(text)
        return "\n".join(dict.fromkeys(texts)) or False

    def _set_delivery_states(self, states):
        """Write ``{comm_id: (delivery state, failure)}``: the one writer of the delivery state.

        A reminder that newly failed is followed up on its case; one that reached its debtor
        clears its case's alert."""
        if not states:
            return
        Comm = self.env["debt.recovery.communication"].sudo()
        before = {comm.id: comm.delivery_state for comm in Comm.browse(list(states))}
        # Evidence only moves forward: a late report of an earlier stage is ignored.
        states = {
            cid: value
            for cid, value in states.items()
            if value[0] == before[cid] or delivery.moves_forward(before[cid] or None, value[0])
        }
        if not states:
            return
        comms = Comm.browse(list(states))
        bulk.update(
            Comm,
            {
                cid: {"delivery_state": s, "delivery_failure": f or False}
                for cid, (s, f) in states.items()
            },
        )
        problems = comms.filtered(
            lambda c: delivery.is_problem(states[c.id][0]) and not delivery.is_problem(before[c.id])
        )
        problems._follow_up_delivery_problems()
        self.env["debt.recovery.case"].sudo()._clear_delivery_issues(
            comms.filtered(lambda c: states[c.id][0] == "sent")
        )

    def _follow_up_delivery_problems(self):
        """The debtor was not reached: flag the cases, give the collectors an activity and put
        the level's letter in the letters to print (see :func:`..engine.delivery.follow_up`)."""
        if not self:
            return
        replaced = set(self.search([("undelivered_id", "in", self.ids)]).undelivered_id.ids)
        plans = {
            comm.id: delivery.follow_up(
                comm.case_id.state or None,
                same_level=comm.case_id.level_id == comm.level_id,
                level_letter=comm.level_id.letter_if_undelivered,
                is_letter=comm.channel in ("letter", "registered_letter"),
                has_replacement=comm.id in replaced,
            )
            for comm in self
        }
        flagged = self.filtered(lambda c: plans[c.id].flag)
        letters = self.filtered(lambda c: plans[c.id].letter)._create_replacement_letters()
        self.env["debt.recovery.case"]._set_delivery_issues(flagged)
        flagged._schedule_undelivered_activities()
        flagged._log_undelivered(letters)

    def _create_replacement_letters(self):
        """The level's letter for each undelivered reminder, to print: the same claim."""
        if not self:
            return self.browse()
        names = [
            "invoice_id", "invoice_date", "due_date", "amount_total", "amount_residual",
            "days_late", "interest_amount", "indemnity_amount", "excluded", "exclusion_reason",
        ]  # fmt: skip
        lines = defaultdict(list)
        for line in self.env["debt.recovery.communication.line"].search_fetch(
            [("communication_id", "in", self.ids)], ["communication_id", *names]
        ):
            values = {name: line[name] for name in names}
            values["invoice_id"] = line.invoice_id.id
            lines[line.communication_id.id].append(values)
        today = fields.Date.context_today(self)
        return self._create_with_snapshots(
            [
                {
                    "partner_id": comm.partner_id.id,
                    "case_id": comm.case_id.id,
                    "company_id": comm.company_id.id,
                    "level_id": comm.level_id.id,
                    "channel": "letter",
                    "direction": "outbound",
                    "date": today,
                    "user_id": comm.user_id.id or False,
                    "state": "to_send",
                    "undelivered_id": comm.id,
                    "line_ids": lines[comm.id],
                    "amount_due": comm.amount_due,
                    "interest_amount": comm.interest_amount,
                    "indemnity_amount": comm.indemnity_amount,
                    "fee_amount": comm.fee_amount,
                    "response_date": comm.level_id._response_date(
                        today, comm.case_id.policy_id, channel="letter"
                    ),
                }
                for comm in self
            ]
        )

    def _schedule_undelivered_activities(self):
        """One activity per case for its collector, unless one is already open."""
        activity_type = self.env.ref("debt_recovery.mail_activity_type_undelivered")
        cases = self.case_id
        busy = set(
            self.env["mail.activity"]
            .search(
                [
                    ("res_model", "=", cases._name),
                    ("res_id", "in", cases.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
            .mapped("res_id")
        )
        model_id = self.env["ir.model"]._get_id(cases._name)
        today = fields.Date.context_today(self)
        vals_list = []
        for comm in self:
            case = comm.case_id
            if case.id in busy:
                continue
            busy.add(case.id)
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": case.id,
                    "activity_type_id": activity_type.id,
                    "summary": self.env._("Reminder not delivered: %s", comm.level_id.name or ""),
                    "note": comm._undelivered_text(),
                    "date_deadline": today,
                    "user_id": case._activity_user(activity_type).id,
                }
            )
        if vals_list:
            self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
                vals_list
            )

    def _undelivered_text(self):
        self.ensure_one()
        states = dict(self._fields["delivery_state"]._description_selection(self.env))
        return self.env._(
            "%(reminder)s did not reach %(debtor)s (%(state)s). %(reason)s Check the "
            "debtor's address, then resend or send the letter.",
            reminder=self.display_name,
            debtor=self.partner_id.display_name,
            state=states.get(self.delivery_state, ""),
            reason=self.delivery_failure or "",
        )

    def _log_undelivered(self, letters):
        """Say it in the cases' chatter, with the letter proposed."""
        with_letter = set(letters.undelivered_id.ids)
        bodies = defaultdict(list)
        for comm in self:
            body = comm._undelivered_text()
            if comm.id in with_letter:
                body += " " + self.env._("A letter of the level waits to be printed.")
            bodies[comm.case_id.id].append(body)
        cases = self.env["debt.recovery.case"].browse(list(bodies))
        cases._message_log_batch({case_id: "\n".join(texts) for case_id, texts in bodies.items()})
