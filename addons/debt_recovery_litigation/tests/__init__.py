from . import test_agency, test_court_file, test_court_file_scale, test_mediation, test_settlement
