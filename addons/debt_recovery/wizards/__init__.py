from . import (
    debt_recovery_debtor_type,
    debt_recovery_hold,
    debt_recovery_log_contact,
    debt_recovery_penalty_invoice,
    debt_recovery_receipt,
    debt_recovery_run_preview,
)
