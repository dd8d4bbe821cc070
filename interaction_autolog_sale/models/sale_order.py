from odoo import models


class SaleOrder(models.Model):
    # Prints and emails are logged by the engine from the document types in
    # data/; the order needs its smart button, and the portal logs what the
    # customer does online.
    _name = "sale.order"
    _inherit = ["sale.order", "interaction.document.mixin"]

    def _interaction_portal_customer(self):
        """Who acts on the order in this portal request: a portal user is
        themself; anyone else (a visitor with the link, or one of our users
        handing over their screen to sign) acts as the order's customer."""
        self.ensure_one()
        user = self.env.user
        if user.share and not user._is_public():
            return user.partner_id
        return self.partner_id

    def _interaction_log_customer_action(self, code, partners):
        """Log what the customer did online on these orders under ``code``.

        Inbound and initiated by the customer (the document types' direction)
        whatever the template says, once per order where the type says so
        (a first view); ``user_id`` is the customer's portal user, or empty
        for a visitor or a background job: none of our users did it.
        """
        user = self.env.user
        return self.env["interaction.log.entry"]._log_interaction(
            self,
            code,
            partners=partners,
            user_id=user.id if user.share and not user._is_public() else False,
        )
