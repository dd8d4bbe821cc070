from . import test_log_address
from . import test_mail_parsing
from . import test_log_address_safety
from . import test_log_mail_readonly
from . import test_settings_help
