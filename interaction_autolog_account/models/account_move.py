from odoo import models


class AccountMove(models.Model):
    # Prints and emails are logged by the engine from the document types in
    # data/; the invoice only needs its smart button.
    _name = "account.move"
    _inherit = ["account.move", "interaction.document.mixin"]
