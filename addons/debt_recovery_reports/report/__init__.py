from . import (
    debt_recovery_access_report,
    debt_recovery_assessment_report,
    debt_recovery_letter_report,
    debt_recovery_plan_report,
    debt_recovery_statement_report,
)
