from . import interaction_log_entry
from . import mail_message
from . import mail_notification
from . import mail_thread
from . import res_company
from . import sms_tracker
