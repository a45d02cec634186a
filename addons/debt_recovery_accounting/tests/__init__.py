from . import test_closing, test_write_off
