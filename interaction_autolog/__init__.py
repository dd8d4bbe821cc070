from odoo.tools import SQL

from . import controllers
from . import models
from . import populate
from . import report
from . import wizards

# The app's own tables, children first.
APP_TABLES = [
    "interaction_log_entry",
    "interaction_document_type",
    "interaction_template",
    "interaction_group",
]
APP_MODELS = [table.replace("_", ".") for table in APP_TABLES]


def uninstall_hook(env):
    """The log goes with the app.

    Entries are no data records of any addon, and the types and templates of
    glue addons uninstalled earlier outlived them for the entries' sake: left
    in place, their foreign keys would keep Odoo from deleting the core's
    templates and groups. Odoo drops the tables right after.
    """
    cr = env.cr
    for table in APP_TABLES:
        cr.execute(SQL("DELETE FROM %s", SQL.identifier(table)))
    cr.execute("DELETE FROM ir_model_data WHERE model = ANY(%s)", [APP_MODELS])
    env.invalidate_all()
