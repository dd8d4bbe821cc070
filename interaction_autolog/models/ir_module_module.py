from odoo import models
from odoo.tools import SQL

# The app's own tables, children first.
APP_TABLES = [
    "interaction_log_entry",
    "interaction_document_type",
    "interaction_template",
    "interaction_group",
]
APP_MODELS = [table.replace("_", ".") for table in APP_TABLES]


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def module_uninstall(self):
        names = self.mapped("name")
        if "interaction_autolog" in names:
            self._interaction_drop_log()
        else:
            # Entries keep the document types they were logged under, so
            # Odoo cannot delete the types of an uninstalled glue addon:
            # archive them so that their documents stop being logged.
            self.env["interaction.document.type"]._archive_module_types(names)
        return super().module_uninstall()

    def _interaction_drop_log(self):
        # The log goes with the app. Entries are no data records of any
        # addon, and the types and templates of glue addons uninstalled
        # earlier outlived them for the entries' sake: left in place, their
        # foreign keys would keep Odoo from deleting the core's templates
        # and groups. The tables are dropped right after.
        cr = self.env.cr
        for table in APP_TABLES:
            cr.execute(SQL("DELETE FROM %s", SQL.identifier(table)))
        cr.execute("DELETE FROM ir_model_data WHERE model = ANY(%s)", [APP_MODELS])
        self.env.invalidate_all()
