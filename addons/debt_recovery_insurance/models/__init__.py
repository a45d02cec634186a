from . import (
    debt_recovery_case,
    debt_recovery_demo,
    debt_recovery_insurance_declaration,
    debt_recovery_insurance_payment,
    debt_recovery_insurance_policy,
)
