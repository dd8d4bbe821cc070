from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _interaction_erase_personal_data(self):
        count = super()._interaction_erase_personal_data()
        self.env["interaction.log.mail"].sudo()._interaction_erase_partners(self)
        return count
