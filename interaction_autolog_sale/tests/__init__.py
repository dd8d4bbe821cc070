from . import test_sale_print
