from . import test_sms_interactions
from . import test_sms_hot_path
