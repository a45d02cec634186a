from . import test_sale_insurance
