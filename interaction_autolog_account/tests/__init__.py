from . import test_account_print
from . import test_account_email
from . import test_account_addon
from . import test_account_hot_path
