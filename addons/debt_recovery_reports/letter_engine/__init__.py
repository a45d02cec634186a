# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Pure helpers of the letters' PDF rendering: no Odoo import, tested directly."""
