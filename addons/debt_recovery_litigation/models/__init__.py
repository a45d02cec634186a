from . import (
    account_move,
    debt_recovery_agency,
    debt_recovery_case,
    debt_recovery_court_file,
    debt_recovery_demo,
    debt_recovery_litigation_step,
    debt_recovery_mediation,
    debt_recovery_policy,
    debt_recovery_settlement,
    res_company,
    res_config_settings,
    res_partner,
)
