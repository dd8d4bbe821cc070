from . import test_account_print
from . import test_account_email
from . import test_account_addon
