from . import interaction_log_entry
from . import mail_mail
from . import mail_tracking_email
from . import mail_tracking_event
