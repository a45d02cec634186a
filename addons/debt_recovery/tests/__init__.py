from . import test_assessment, test_escalation, test_plan
