from . import report
from . import call_webhook
