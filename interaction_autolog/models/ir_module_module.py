from odoo import models


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def module_uninstall(self):
        # Entries keep the document types they were logged under, so Odoo
        # cannot delete the types of an uninstalled glue addon: archive them
        # first so that their documents stop being logged.
        self.env["interaction.document.type"]._archive_module_types(self.mapped("name"))
        return super().module_uninstall()
