from . import test_court_file
