# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Company scope of the queries written by hand.

Record rules never apply to raw SQL: a query run for a user must itself keep to the companies
the user works in (``env.companies``, i.e. the companies selected in the switcher, all of them
allowed to the user). The superuser (the daily job, and code that already checked access on the
records it works on) is not narrowed: it passes the companies it means.
"""

from odoo.tools import SQL


def allowed_company_ids(env, company_ids=None):
    """The companies a query of ``env`` may read, among ``company_ids`` if given.

    Returns None when nothing restricts the query (superuser without ``company_ids``).
    """
    if env.su:
        return None if company_ids is None else list(company_ids)
    allowed = env.companies.ids
    if company_ids is None:
        return allowed
    return [company_id for company_id in company_ids if company_id in allowed]


def company_condition(env, column, company_ids=None):
    """SQL condition keeping the rows whose ``column`` (an SQL expression) is an allowed
    company, among ``company_ids`` if given (see :func:`allowed_company_ids`)."""
    ids = allowed_company_ids(env, company_ids)
    if ids is None:
        return SQL("TRUE")
    if not ids:
        return SQL("FALSE")
    return SQL("%s IN %s", column, tuple(ids))
