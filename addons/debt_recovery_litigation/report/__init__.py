from . import debt_recovery_litigation_report
