from . import (
    test_factoring,
    test_factoring_access,
    test_factoring_buy_back,
    test_factoring_confidential,
    test_factoring_demo,
    test_factoring_documents,
)
