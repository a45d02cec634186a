# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The debtor's recovery page: one case (one debtor in one company), opened by the debtor's
portal users or through the case's signed link.

Every route finds its case with :meth:`RecoveryPortal._recovery_case` (token or login, expiry)
and reaches nothing but that case's own records; amounts are recomputed on the server.
"""

import os

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.http import request
from odoo.tools import format_amount, format_date, formatLang
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.account_payment.controllers.portal import PortalAccount

from ..engine import portal_rules, typed_input
from ..engine.portal_rules import PortalRuleError

PAY_TARGETS = ("invoice", "instalment", "all")
DONE_MESSAGES = ("promise", "plan", "signed", "dispute", "assessment", "paid")


class RecoveryPortal(PortalAccount):
    def _recovery_done_messages(self):
        """The confirmations the page shows after an action (``done`` in its address). An
        add-on adding an action extends it through ``super()``, so that every installed
        add-on's confirmations are kept."""
        return DONE_MESSAGES

    # ------------------------------------------------------------------ access
    def _recovery_case(self, case_id, access_token=None, act=False):
        """The case, as the superuser, once the caller proved they may see it: its valid
        signed link, or a login of the debtor (or, to look only, of a user allowed to read
        the case). With ``act``, the caller is about to act as the debtor: only the debtor's
        own portal users, or the holder of the link who is not logged in, may.

        A missing case, a wrong token and a case the user may not read all give the same
        answer: the page says nothing of what exists."""
        invalid = AccessError(request.env._("This link is not valid."))
        case_sudo = request.env["debt.recovery.case"].sudo().browse(case_id).exists()
        user = request.env.user
        if access_token:
            if not case_sudo or not case_sudo._portal_token_matches(access_token):
                raise invalid
            if not case_sudo._portal_link_valid():
                raise AccessError(request.env._("This link has expired."))
            if act and not user._is_public() and not self._recovery_is_debtor(case_sudo):
                raise AccessError(self._recovery_not_debtor_message())
            return case_sudo
        if user._is_public():
            raise AccessError(request.env._("Log in or use the link you received."))
        if not case_sudo:
            raise invalid
        if self._recovery_is_debtor(case_sudo):
            return case_sudo
        if act:
            raise AccessError(self._recovery_not_debtor_message())
        if not case_sudo.with_user(user).has_access("read"):
            raise invalid
        return case_sudo

    @staticmethod
    def _recovery_is_debtor(case_sudo):
        """Whether the logged-in user is one of the debtor's own portal users."""
        user = request.env.user
        return user.share and user.partner_id.commercial_partner_id == case_sudo.partner_id

    @staticmethod
    def _recovery_not_debtor_message():
        return request.env._(
            "Only the debtor acts on this page: log out to use the link you received, or "
            "log in with the debtor's own account."
        )

    def _recovery_denied(self, error):
        values = {"error": str(error), "page_name": "recovery"}
        return request.render("debt_recovery_portal.portal_recovery_denied", values, status=403)

    @staticmethod
    def _recovery_evidence(submitted):
        httprequest = request.httprequest
        return {
            "ip": httprequest.remote_addr,
            "user_agent": httprequest.headers.get("User-Agent", ""),
            "datetime": fields.Datetime.now(),
            "submitted": {k: v for k, v in submitted.items() if k != "csrf_token"},
        }

    @staticmethod
    def _recovery_lang(case_sudo):
        """The debtor's language, when installed."""
        lang = case_sudo.partner_id.lang
        if lang and request.env["res.lang"]._lang_get(lang):
            request.update_context(lang=lang)
            if not request.session.uid:
                # A visitor through the link: the page's scripts (date picker, numbers) speak
                # the debtor's language too. A logged-in user keeps the language they chose.
                request.session.context["lang"] = lang

    @staticmethod
    def _recovery_typed_amount(text):
        """The amount typed in a text field, as the page's language writes it ("4 200,00" on
        a French page); ValueError when it is none."""
        lang = request.env["res.lang"]._get_data(code=request.env.lang or "en_US")
        return float(typed_input.parse_amount(text, lang.decimal_point, lang.thousands_sep))

    @staticmethod
    def _recovery_typed_date(text):
        """The date typed in a date picker, as the page's language writes it, or ISO."""
        lang = request.env["res.lang"]._get_data(code=request.env.lang or "en_US")
        return typed_input.parse_date(text, lang.date_format)

    @staticmethod
    def _recovery_url(case_sudo, access_token, **query):
        params = dict(query, access_token=access_token) if access_token else query
        suffix = "&".join(f"{key}={value}" for key, value in params.items() if value)
        return case_sudo.access_url + (f"?{suffix}" if suffix else "")

    # ------------------------------------------------------------------ home and list
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "recovery_count" in counters:
            partner = request.env.user.partner_id.commercial_partner_id
            values["recovery_count"] = (
                request.env["debt.recovery.case"]
                .sudo()
                .search_count([("partner_id", "=", partner.id), ("state", "!=", "closed")])
            )
        return values

    @http.route("/my/recovery", type="http", auth="user", website=True)
    def portal_my_recovery(self, **kw):
        partner = request.env.user.partner_id.commercial_partner_id
        # The debtor's own cases, whatever the company: read by the system for the debtor.
        cases = request.env["debt.recovery.case"].sudo().search([("partner_id", "=", partner.id)])
        values = self._prepare_portal_layout_values()
        values.update(cases=cases, page_name="recovery")
        return request.render("debt_recovery_portal.portal_my_recovery", values)

    # ------------------------------------------------------------------ the page
    @http.route("/my/recovery/<int:case_id>", type="http", auth="public", website=True)
    def portal_recovery_page(self, case_id, access_token=None, done=None, **kw):
        try:
            case_sudo = self._recovery_case(case_id, access_token)
        except AccessError as error:
            return self._recovery_denied(error)
        return self._recovery_render(case_sudo, access_token, done=done)

    def _recovery_render(self, case_sudo, access_token, error=None, done=None, status=200):
        self._recovery_lang(case_sudo)
        case_sudo = case_sudo.with_context(lang=request.env.context.get("lang"))
        today = fields.Date.context_today(case_sudo)
        values = self._prepare_portal_layout_values()
        values.update(case_sudo._portal_page_values(today))
        values.update(
            page_name="recovery",
            access_token=access_token,
            token_query=f"?access_token={access_token}" if access_token else "",
            error=error,
            done=done if done in self._recovery_done_messages() else None,
            categories=request.env["debt.recovery.assessment.category"]
            .sudo()
            .search([("assessment_kind", "in", ("individual", "both"))]),
            show_assessment=case_sudo.partner_id.debt_recovery_debtor_type == "consumer",
            actions_left=case_sudo._portal_actions_left(),
            # Amounts pre-filled in text fields, written as the page's language writes them.
            amount_input=lambda amount: formatLang(
                request.env, amount, digits=case_sudo.currency_id.decimal_places
            ),
        )
        return request.render("debt_recovery_portal.portal_recovery_page", values, status=status)

    def _recovery_action(self, case_id, access_token, action, done, submitted):
        """Run a debtor's ``action(case_sudo, evidence)``: checked, rate-limited, logged; the
        page again with the error, or a redirect to it with a confirmation."""
        try:
            case_sudo = self._recovery_case(case_id, access_token, act=True)
        except AccessError as error:
            return self._recovery_denied(error)
        office_lang = case_sudo.user_id.lang or case_sudo.company_id.partner_id.lang
        self._recovery_lang(case_sudo)
        debtor_case = case_sudo.with_context(lang=request.env.context.get("lang"))
        evidence = self._recovery_evidence(submitted)
        try:
            debtor_case._portal_check_rate()
            # Checked first in the debtor's language (the messages they read), nothing kept;
            # then done in the collectors' language (the log, the case's status and notes).
            with request.env.cr.savepoint() as check:
                action(debtor_case, evidence)
                check.close(rollback=True)
            with request.env.cr.savepoint():
                action(case_sudo.with_context(lang=office_lang), evidence)
        except (UserError, ValidationError) as error:
            return self._recovery_render(debtor_case, access_token, error=error.args[0], status=400)
        return request.redirect(self._recovery_url(case_sudo, access_token, done=done))

    # ------------------------------------------------------------------ documents
    @http.route("/my/recovery/<int:case_id>/invoice/<int:invoice_id>", type="http", auth="public")
    def portal_recovery_invoice(self, case_id, invoice_id, access_token=None, **kw):
        try:
            case_sudo = self._recovery_case(case_id, access_token)
        except AccessError:
            raise NotFound() from None
        invoice = (
            request.env["account.move"]
            .sudo()
            .search(
                [
                    ("id", "=", invoice_id),
                    ("move_type", "in", ("out_invoice", "out_refund")),
                    ("state", "=", "posted"),
                    ("commercial_partner_id", "=", case_sudo.partner_id.id),
                    ("company_id", "=", case_sudo.company_id.id),
                ]
            )
        )
        if not invoice:
            raise NotFound()
        self._recovery_lang(case_sudo)
        return self._show_report(
            model=invoice, report_type="pdf", report_ref="account.account_invoices", download=True
        )

    @staticmethod
    def _recovery_attachment_response(attachment, record):
        """Stream ``attachment``, kept on ``record``: a Many2one to ``ir.attachment`` may be
        pointed at any file, so the file must belong to the very record the route names."""
        if (
            not attachment
            or not record
            or attachment.res_model != record._name
            or attachment.res_id != record.id
            or attachment.res_field
        ):
            raise NotFound()
        stream = request.env["ir.binary"]._get_stream_from(attachment)
        return stream.get_response(as_attachment=True)

    @http.route("/my/recovery/<int:case_id>/letter/<int:comm_id>", type="http", auth="public")
    def portal_recovery_letter(self, case_id, comm_id, access_token=None, **kw):
        try:
            case_sudo = self._recovery_case(case_id, access_token)
        except AccessError:
            raise NotFound() from None
        comm = case_sudo._portal_letters().filtered(lambda c: c.id == comm_id)
        return self._recovery_attachment_response(comm.evidence_attachment_id, comm)

    @http.route("/my/recovery/<int:case_id>/agreement/<int:plan_id>", type="http", auth="public")
    def portal_recovery_agreement(self, case_id, plan_id, access_token=None, **kw):
        try:
            case_sudo = self._recovery_case(case_id, access_token)
        except AccessError:
            raise NotFound() from None
        plan = case_sudo.plan_ids.filtered(lambda p: p.id == plan_id)
        return self._recovery_attachment_response(plan.portal_agreement_id, plan)

    # ------------------------------------------------------------------ debtor's actions
    # ------------------------------------------------------------------ what the debtor types
    @classmethod
    def _recovery_amount(cls, text):
        """An amount typed on the page, read the way the page's language writes numbers, within
        what a form accepts (no sign, no exponent, no NaN, no absurd size)."""
        try:
            return cls._recovery_typed_amount(text)
        except ValueError as error:
            lang = request.env["res.lang"]._get_data(code=request.env.lang or "en_US")
            example = "1250.00" if lang.decimal_point == "." else "1250,00"
            raise ValidationError(
                request.env._("Enter an amount in figures, for example %s.", example)
            ) from error

    @staticmethod
    def _recovery_text(text, limit=portal_rules.MAX_TEXT):
        try:
            return portal_rules.clean_text(text, limit)
        except PortalRuleError as error:
            raise ValidationError(
                request.env._("The text is too long or holds characters that are not allowed.")
            ) from error

    @http.route(
        "/my/recovery/<int:case_id>/promise",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_recovery_promise(self, case_id, access_token=None, **post):
        def action(case_sudo, evidence):
            try:
                promised = self._recovery_typed_date(post.get("date") or post.get("date_typed"))
            except ValueError as error:
                raise ValidationError(request.env._("Choose the date of the payment.")) from error
            amount = self._recovery_amount(post.get("amount"))
            case_sudo._portal_promise(promised, amount, evidence)

        return self._recovery_action(case_id, access_token, action, "promise", post)

    @http.route(
        "/my/recovery/<int:case_id>/plan/schedule", type="json", auth="public", methods=["POST"]
    )
    def portal_recovery_plan_schedule(self, case_id, count, access_token=None, **kw):
        """The schedule of a plan in ``count`` instalments, computed live (nothing written)."""
        try:
            case_sudo = self._recovery_case(case_id, access_token)
        except AccessError as error:
            return {"error": str(error.args[0])}
        self._recovery_lang(case_sudo)
        env = request.env
        try:
            lines = case_sudo._portal_plan_schedule(portal_rules.parse_count(count))
        except PortalRuleError:
            return {"error": env._("Choose a number of instalments.")}
        except ValidationError as error:
            return {"error": str(error.args[0]) if error.args else ""}
        currency = case_sudo.currency_id
        return {
            "lines": [
                {
                    "date": format_date(env, line["date"]),
                    "amount": format_amount(env, line["amount"], currency),
                }
                for line in lines
            ],
            "total": format_amount(env, sum(line["amount"] for line in lines), currency),
        }

    @http.route(
        "/my/recovery/<int:case_id>/plan",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_recovery_plan(self, case_id, access_token=None, **post):
        def action(case_sudo, evidence):
            try:
                count = portal_rules.parse_count(post.get("count"))
            except PortalRuleError as error:
                raise ValidationError(request.env._("Choose a number of instalments.")) from error
            case_sudo._portal_request_plan(count, evidence)

        return self._recovery_action(case_id, access_token, action, "plan", post)

    @http.route(
        "/my/recovery/<int:case_id>/plan/<int:plan_id>/sign",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_recovery_plan_sign(self, case_id, plan_id, access_token=None, **post):
        def action(case_sudo, evidence):
            plan = case_sudo.plan_ids.filtered(lambda p: p.id == plan_id)
            if not plan or not post.get("accept"):
                raise UserError(request.env._("Read and accept the agreement to sign it."))
            name = self._recovery_text(post.get("name"), portal_rules.MAX_NAME)
            case_sudo._portal_sign_plan(plan, name, evidence)

        return self._recovery_action(case_id, access_token, action, "signed", post)

    @http.route(
        "/my/recovery/<int:case_id>/dispute",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_recovery_dispute(self, case_id, access_token=None, **post):
        # Nothing the request carries is read before the caller is known to act as the debtor.
        try:
            self._recovery_case(case_id, access_token, act=True)
        except AccessError as error:
            return self._recovery_denied(error)
        try:
            files = self._recovery_files(request.httprequest.files.getlist("attachments"))
        except ValidationError as error:
            files, file_error = None, error
        submitted = {k: v for k, v in post.items() if k != "attachments"}
        submitted["attachments"] = [name for name, _raw in files or []]

        def action(case_sudo, evidence):
            if files is None:
                raise file_error
            invoice = case_sudo._portal_open_invoices(fields.Date.context_today(case_sudo))
            invoice = invoice.filtered(lambda m: str(m.id) == str(post.get("invoice_id")))
            reasons = request.env["debt.recovery.late.reason"]._portal_dispute_reasons(
                case_sudo.company_id
            )
            reason = reasons.filtered(lambda r: str(r.id) == str(post.get("reason_id")))
            if not invoice or not reason:
                raise ValidationError(request.env._("Choose the invoice and the reason."))
            message = self._recovery_text(post.get("message"))
            case_sudo._portal_dispute(invoice, reason, message, files, evidence)

        return self._recovery_action(case_id, access_token, action, "dispute", submitted)

    @staticmethod
    def _recovery_files(uploads):
        """[(name, bytes)] of a dispute's files: at most five, each read no further than the
        size allowed, its type taken from its content and matching its name."""
        uploads = [upload for upload in uploads if upload and upload.filename]
        message = request.env._(
            "Attach at most 5 files of 10 MB each: PDF documents, PNG, JPEG or WebP images, or "
            "text files."
        )
        if len(uploads) > portal_rules.MAX_FILES:
            raise ValidationError(message)
        files = []
        for upload in uploads:
            raw = upload.stream.read(portal_rules.MAX_FILE_BYTES + 1)
            name = os.path.basename(upload.filename.replace("\\", "/"))[:200]
            try:
                portal_rules.check_file(name, guess_mimetype(raw), len(raw))
            except PortalRuleError as error:
                raise ValidationError(message) from error
            files.append((name, raw))
        return files

    @http.route(
        "/my/recovery/<int:case_id>/assessment",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_recovery_assessment(self, case_id, access_token=None, **post):
        def action(case_sudo, evidence):
            if case_sudo.partner_id.debt_recovery_debtor_type != "consumer":
                raise UserError(request.env._("The budget form is for individuals only."))
            amounts = {}
            for key, value in post.items():
                if key.startswith("category_") and key[9:].isdigit() and value.strip():
                    amounts[int(key[9:])] = self._recovery_amount(value)
            case_sudo._portal_assessment(amounts, bool(post.get("consent")), evidence)

        return self._recovery_action(case_id, access_token, action, "assessment", post)

    # ------------------------------------------------------------------ payment
    @http.route("/my/recovery/<int:case_id>/pay", type="http", auth="public", website=True)
    def portal_recovery_pay(self, case_id, what="all", invoice_id=None, access_token=None, **kw):
        """The payment form for one invoice, the next instalment or everything, with the
        company's providers; the amount is the server's."""
        try:
            case_sudo = self._recovery_case(case_id, access_token)
        except AccessError as error:
            return self._recovery_denied(error)
        self._recovery_lang(case_sudo)
        invoice_id = self._cast_as_int(invoice_id) or 0
        if what not in PAY_TARGETS:
            raise NotFound()
        try:
            invoices, amount = case_sudo._portal_payment_target(what, invoice_id)
        except UserError as error:
            return self._recovery_render(case_sudo, access_token, error=error.args[0], status=400)
        currency = case_sudo.currency_id
        values = self._prepare_portal_layout_values()
        values.update(
            self._get_common_page_view_values(
                invoices_data={
                    "partner": case_sudo.partner_id,
                    "company": case_sudo.company_id,
                    "total_amount": amount,
                    "currency": currency,
                    "amount_residual": amount,
                    "landing_route": self._recovery_url(case_sudo, access_token, done="paid"),
                    "transaction_route": f"/my/recovery/{case_sudo.id}/transaction/"
                    f"{what}/{invoice_id}",
                },
                access_token=access_token,
            )
        )
        values.update(
            case=case_sudo,
            invoices=invoices,
            amount=amount,
            what=what,
            page_name="recovery",
            token_query=f"?access_token={access_token}" if access_token else "",
        )
        return request.render("debt_recovery_portal.portal_recovery_pay", values)

    @http.route(
        "/my/recovery/<int:case_id>/transaction/<string:what>/<int:invoice_id>",
        type="json",
        auth="public",
    )
    def portal_recovery_transaction(self, case_id, what, invoice_id, access_token=None, **kwargs):
        """Create the transaction of a payment from the page: invoices and amount are the
        server's, whatever the browser sends; the landing page is the case's page."""
        case_sudo = self._recovery_case(case_id, access_token, act=True)
        if what not in PAY_TARGETS:
            raise ValidationError(request.env._("There is nothing to pay here."))
        self._validate_transaction_kwargs(kwargs)
        case_sudo._portal_check_rate()
        invoices, amount = case_sudo._portal_payment_target(what, invoice_id)
        logged_in = not request.env.user._is_public()
        partner = request.env.user.partner_id if logged_in else case_sudo.partner_id
        kwargs.update(
            amount=amount,
            currency_id=case_sudo.currency_id.id,
            partner_id=partner.id,
            landing_route=self._recovery_url(case_sudo, access_token, done="paid"),
        )
        tx_sudo = self._create_transaction(
            custom_create_values={"invoice_ids": [Command.set(invoices.ids)]}, **kwargs
        )
        case_sudo._portal_log(
            self._recovery_evidence(dict(kwargs, what=what, invoice_id=invoice_id)),
            request.env._(
                "Online payment of %(amount)s started (%(reference)s).",
                amount=format_amount(request.env, amount, case_sudo.currency_id),
                reference=tx_sudo.reference,
            ),
            outcome="paid",
            invoices=invoices,
        )
        return tx_sudo._get_processing_values()
