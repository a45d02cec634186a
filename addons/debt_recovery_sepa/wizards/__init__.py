from . import debt_recovery_mandate_wizard
