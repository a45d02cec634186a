# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models

# Letters have no script to wait for (the header and footer fill in their page numbers on
# load): wkhtmltopdf waits this long, in ms, after each page it loads instead of
# ``report.print_delay`` (1 s by default), which makes most of a batch's rendering time.
LETTER_JS_DELAY = 100


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _build_wkhtmltopdf_args(
        self, paperformat_id, landscape, specific_paperformat_args=None, set_viewport_size=False
    ):
        args = super()._build_wkhtmltopdf_args(
            paperformat_id,
            landscape,
            specific_paperformat_args=specific_paperformat_args,
            set_viewport_size=set_viewport_size,
        )
        if self.env.context.get("debt_recovery_letter_batch") and "--javascript-delay" in args:
            args[args.index("--javascript-delay") + 1] = str(LETTER_JS_DELAY)
        return args
