from odoo import models


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def module_uninstall(self):
        names = self.mapped("name")
        if "interaction_autolog" in names:
            # The log goes with the app. Entries are no data records of the
            # addon, so Odoo would not delete them and their foreign keys
            # would keep it from deleting the templates and groups.
            self.env.cr.execute("DELETE FROM interaction_log_entry")
        else:
            # Entries keep the document types they were logged under, so
            # Odoo cannot delete the types of an uninstalled glue addon:
            # archive them so that their documents stop being logged.
            self.env["interaction.document.type"]._archive_module_types(names)
        return super().module_uninstall()
