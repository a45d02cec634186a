"""Pure Python of credit insurance (no Odoo import): see :mod:`.insurance`."""
