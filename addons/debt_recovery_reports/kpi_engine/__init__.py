"""Pure-Python computation engine of debt_recovery_reports (no Odoo import)."""

from . import kpi

__all__ = ["kpi"]
