from . import test_direct_debit
