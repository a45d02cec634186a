"""Pure rules of direct debit collection (no Odoo import): see :mod:`.collection`."""
