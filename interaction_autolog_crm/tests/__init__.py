from . import test_lead_email
from . import test_lead_buttons
from . import test_create_opportunity
from . import test_pipeline
from . import test_quotation
from . import test_ui_tour
from . import test_query_count
from . import test_log_address
