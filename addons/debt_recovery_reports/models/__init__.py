from . import (
    debt_recovery_aged_receivable,
    debt_recovery_communication,
    debt_recovery_demo,
    debt_recovery_kpi_snapshot,
    debt_recovery_kpi_snapshot_board,
    debt_recovery_letter,
    debt_recovery_level,
    ir_actions_report,
    ir_attachment,
)
