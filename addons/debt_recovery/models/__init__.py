from . import (
    account_move,
    debt_recovery_assessment,
    debt_recovery_case,
    debt_recovery_communication,
    debt_recovery_level,
    debt_recovery_plan,
    debt_recovery_policy,
    debt_recovery_promise,
    debt_recovery_rate,
    res_company,
    res_config_settings,
    res_partner,
)
