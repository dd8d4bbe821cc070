from . import interaction_log_address
from . import interaction_log_mail
from . import mail_thread
from . import res_company
from . import res_config_settings
from . import res_partner
