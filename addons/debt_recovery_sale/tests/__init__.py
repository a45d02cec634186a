from . import test_sale_risk
