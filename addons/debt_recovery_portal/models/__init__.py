# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import (
    debt_recovery_case,
    debt_recovery_case_portal_actions,
    debt_recovery_communication,
    debt_recovery_demo,
    debt_recovery_late_reason,
    debt_recovery_letter,
    debt_recovery_plan,
    debt_recovery_policy,
    payment_provider,
    payment_transaction,
    res_company,
    res_config_settings,
)
