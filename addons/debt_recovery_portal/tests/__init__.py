# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import (
    test_access_inventory,
    test_portal_actions,
    test_portal_evidence,
    test_portal_security,
    test_portal_tours,
)
