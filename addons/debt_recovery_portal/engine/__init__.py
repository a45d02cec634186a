"""Pure-Python rules of the debtor's recovery portal (no Odoo import; "now" and "today" are
always passed in).

``portal_rules``: link expiry, the per-link action budget, the bounds of a promise and of a
requested plan, whether a requested plan is accepted at once, and what a payment covers.
"""
