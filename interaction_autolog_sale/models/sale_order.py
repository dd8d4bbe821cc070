from odoo import models


class SaleOrder(models.Model):
    # Prints and emails are logged by the engine from the document types in
    # data/; the order only needs its smart button.
    _name = "sale.order"
    _inherit = ["sale.order", "interaction.document.mixin"]
