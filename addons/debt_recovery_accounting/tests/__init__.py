from . import test_closing, test_demo, test_write_off
