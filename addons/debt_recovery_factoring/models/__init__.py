from . import (
    account_move,
    debt_recovery_demo,
    debt_recovery_factor,
    debt_recovery_factor_assignment,
    debt_recovery_letter,
)
