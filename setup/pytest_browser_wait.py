# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Pytest plugin of the test command: Chromium gets 30 s to start instead of Odoo's 10 s.

On a loaded 2-core machine the headless browser sometimes takes longer than Odoo's wait for its
devtools port, and Odoo then skips the browser test instead of running it.
"""

BROWSER_START_SECONDS = 30


def pytest_collection_finish(session):
    # After the collection: the test modules have imported Odoo's test framework in test mode.
    from odoo.tests import common

    common.CHECK_BROWSER_ITERATIONS = int(BROWSER_START_SECONDS / common.CHECK_BROWSER_SLEEP)
    common.BROWSER_WAIT = BROWSER_START_SECONDS
