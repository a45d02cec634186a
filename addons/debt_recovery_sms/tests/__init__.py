from . import test_sms_delivery
