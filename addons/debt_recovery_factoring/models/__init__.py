from . import (
    account_move,
    account_move_line,
    account_partial_reconcile,
    debt_recovery_aged_receivable,
    debt_recovery_demo,
    debt_recovery_factor,
    debt_recovery_factor_assignment,
    debt_recovery_letter,
)
