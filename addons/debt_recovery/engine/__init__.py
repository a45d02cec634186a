"""Pure-Python debt recovery engine (no Odoo import; the standard library, and NumPy for the
risk model).

Modules: ``ladder`` (dunning levels, contact caps, preventive reminders), ``interest``
(late interest by half-year, fixed indemnity, reference rate tables), ``penalties`` (late
interest and indemnity of one invoice for professional, consumer and public debtors, with
partial payments, credit notes, formal notice and insolvency), ``limitation`` (limitation
periods by debtor regime), ``courts`` (the court of a claim), ``case_state`` (case states
and transitions), ``schedule`` (payment plans), ``affordability`` (budget assessment),
``risk`` (late-payment probability, grade and reasons, fitted on the company's own invoices)
and ``money`` (Decimal conversion and rounding shared by the others). "today" is always
passed explicitly.
"""
