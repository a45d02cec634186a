from . import (
    debt_recovery_aged_receivable,
    debt_recovery_communication,
    debt_recovery_kpi_dashboard,
    debt_recovery_letter,
    ir_attachment,
)
