from odoo import models


class PurchaseRequisition(models.Model):
    # Prints and emails are logged by the engine from the document type in
    # data/; the agreement only says who its contact is and gets its smart
    # button.
    _name = "purchase.requisition"
    _inherit = ["purchase.requisition", "interaction.document.mixin"]

    def _interaction_partners(self):
        # An agreement names its vendor in vendor_id, not partner_id.
        return {requisition.id: requisition.vendor_id for requisition in self}
