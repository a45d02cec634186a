from . import test_portal_mandate
