"""Pure Python of the closing (no Odoo import): see :mod:`.provision`."""
