from . import test_account_print
