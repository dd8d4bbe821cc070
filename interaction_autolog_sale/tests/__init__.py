from . import test_sale_print
from . import test_sale_email
from . import test_sale_addon
