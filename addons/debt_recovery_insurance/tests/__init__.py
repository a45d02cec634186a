from . import (
    test_insurance_access,
    test_insurance_cover,
    test_insurance_declaration,
)
