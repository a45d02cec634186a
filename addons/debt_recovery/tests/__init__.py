from . import (
    test_assessment,
    test_assessment_retention,
    test_case_state,
    test_escalation,
    test_escalation_workers,
    test_invoice_level,
    test_late_reasons,
    test_plan,
    test_plan_length,
    test_regimes,
    test_risk_score,
    test_security_matrix,
)
