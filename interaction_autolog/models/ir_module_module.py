from odoo import models


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def module_uninstall(self):
        # Entries keep the document types they were logged under, so Odoo
        # cannot delete the types of an uninstalled glue addon: archive them
        # so that their documents stop being logged. (When the core goes too,
        # its uninstall_hook has emptied the log already.)
        names = self.mapped("name")
        if "interaction_autolog" not in names:
            self.env["interaction.document.type"]._archive_module_types(names)
        return super().module_uninstall()
