from . import base

# Before any module that imports interaction_log_entry: the entry inherits them.
from . import interaction_log_audit
from . import interaction_log_engine
from . import interaction_coded_mixin
from . import interaction_group
from . import interaction_template
from . import interaction_document_type
from . import interaction_log_entry
from . import interaction_log_version
from . import interaction_document_mixin
from . import interaction_erasure
from . import ir_actions_actions
from . import ir_actions_report
from . import ir_module_module
from . import mail_activity
from . import mail_compose_message
from . import mail_mail
from . import mail_message
from . import mail_notification
from . import mail_thread
from . import res_company
from . import res_partner
from . import res_users_apikeys_description
from . import res_users_apikeys
from . import res_config_settings
from . import utm_campaign
