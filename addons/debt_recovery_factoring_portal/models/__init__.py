from . import account_move, debt_recovery_case
