from . import debt_recovery_case
