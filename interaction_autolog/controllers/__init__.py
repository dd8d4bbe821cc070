from . import report
from . import cover_sheet
from . import call_webhook
