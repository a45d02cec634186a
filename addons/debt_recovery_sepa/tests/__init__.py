from . import test_direct_debit, test_direct_debit_promise
