from . import debt_recovery_insurance_report
