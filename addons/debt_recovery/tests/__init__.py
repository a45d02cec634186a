from . import (
    test_assessment,
    test_escalation,
    test_invoice_level,
    test_plan,
    test_regimes,
    test_security_matrix,
)
