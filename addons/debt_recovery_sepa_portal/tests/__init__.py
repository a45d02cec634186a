from . import test_portal_mandate, test_portal_mandate_tour
