from . import base
from . import interaction_log_entry
from . import crm_lead
