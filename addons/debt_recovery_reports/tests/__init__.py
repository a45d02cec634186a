from . import (
    test_aged_invoice_level,
    test_aged_receivable,
    test_evidence,
    test_kpi_board,
    test_kpi_dashboard,
    test_kpi_identities,
    test_letter_batch,
    test_letter_pdf,
    test_letter_regimes,
    test_letters,
    test_other_reports,
    test_security_matrix,
)
