from odoo import models


class ResCurrency(models.Model):
    _inherit = "res.currency"

    def write(self, vals):
        result = super().write(vals)
        if "rounding" in vals:
            # The engine keeps each currency's rounding in Odoo's caches
            # (interaction.log.engine._currency_digits).
            self.env.registry.clear_cache()
        return result
