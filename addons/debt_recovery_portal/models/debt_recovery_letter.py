# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import io

import qrcode
from PIL import Image

from odoo import api, models

# Pixels per module of the QR code printed on letters (about 230 dpi at its printed size).
QR_BOX_SIZE = 6


def qr_data_uri(text):
    """PNG data URI of the QR code of ``text``, drawn with ``qrcode`` (an Odoo requirement).

    A day's letters draw thousands: one pixel per module enlarged at once, with a fixed mask
    pattern (any of the eight is valid; trying them all is most of the cost), is about thirty
    times faster than the report's barcode widget.
    """
    code = qrcode.QRCode(box_size=1, border=0, mask_pattern=0)
    code.add_data(text)
    code.make(fit=True)
    image = code.make_image().get_image()
    image = image.resize(
        (image.width * QR_BOX_SIZE, image.height * QR_BOX_SIZE), Image.Resampling.NEAREST
    )
    stream = io.BytesIO()
    image.save(stream, format="PNG")
    return "data:image/png;base64," + base64.b64encode(stream.getvalue()).decode()


class DebtRecoveryLetter(models.AbstractModel):
    _inherit = "debt.recovery.letter"

    @api.model
    def _finish(self, letters):
        """Every letter prints the link of the debtor's recovery page (URL and QR code)."""
        letters = super()._finish(letters)
        partners = self.env["res.partner"].concat(*(let["partner"] for let in letters))
        companies = self.env["res.company"].concat(*(let["company"] for let in letters))
        # The cases of the debtors being written to: their links are made by the system.
        cases = (
            self.env["debt.recovery.case"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", partners.commercial_partner_id.ids),
                    ("company_id", "in", companies.ids),
                ]
            )
        )
        by_key = {(case.partner_id.id, case.company_id.id): case for case in cases}
        for letter in letters:
            key = (letter["partner"].commercial_partner_id.id, letter["company"].id)
            case = by_key.get(key)
            url = case._debt_recovery_portal_url() if case else False
            letter["recovery_url"] = url
            letter["recovery_qr"] = qr_data_uri(url) if url else False
        return letters
