from . import test_factoring_portal
