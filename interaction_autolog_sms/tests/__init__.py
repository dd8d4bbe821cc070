from . import test_sms_interactions
