from . import debt_recovery_communication, debt_recovery_level, sms_tracker
