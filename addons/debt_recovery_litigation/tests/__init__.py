from . import test_court_file
from . import test_mediation
from . import test_settlement
from . import test_agency
from . import test_court_file_scale
