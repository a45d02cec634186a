"""Pure Python of factoring (no Odoo import): see :mod:`.factoring`."""
