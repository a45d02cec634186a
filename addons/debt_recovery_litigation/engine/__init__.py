"""Pure Python of the litigation stage (no Odoo import): see :mod:`.litigation`."""
