from . import test_sale_print
from . import test_sale_email
from . import test_sale_addon
from . import test_sale_portal
from . import test_ui_tour
from . import test_sale_configuration
