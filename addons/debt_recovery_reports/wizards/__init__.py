from . import (
    debt_recovery_aged_balance_wizard,
    debt_recovery_kpi_dashboard,
    debt_recovery_statement_wizard,
)
