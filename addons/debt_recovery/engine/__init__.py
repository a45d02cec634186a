"""Pure-Python debt recovery engine (standard library only, no Odoo import).

Modules: ``ladder`` (dunning levels, contact caps, preventive reminders), ``interest``
(late interest, fixed indemnity), ``schedule`` (payment plans) and ``affordability``
(budget assessment). "today" is always passed explicitly.
"""
