from . import interaction_log_wizard
from . import interaction_delete_canceled_wizard
from . import interaction_call_wizard
from . import interaction_cover_sheet_wizard
from . import interaction_erasure_wizard
from . import base_partner_merge_automatic_wizard
