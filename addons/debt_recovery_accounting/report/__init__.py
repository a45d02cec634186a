from . import report_rectified_invoice
