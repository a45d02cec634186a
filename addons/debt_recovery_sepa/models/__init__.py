from . import (
    account_move,
    account_payment_line,
    account_payment_mode,
    debt_recovery_case,
    debt_recovery_demo,
    debt_recovery_plan,
    debt_recovery_plan_line,
    debt_recovery_policy,
    payment_return,
    res_company,
    res_config_settings,
)
