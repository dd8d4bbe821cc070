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
        (a first view), on the channel of the portal (``online``). The
        entry's user is the order's salesperson, whose deal it is and whose
        lists and statistics it belongs in: the customer is the contact, and
        a portal user or a visitor with the link is none of our users.
        """
        Entry = self.env["interaction.log.entry"]
        entries = Entry.sudo().browse()
        for salesperson, orders in self.grouped("user_id").items():
            entries |= Entry._log_interaction(
                orders, code, partners=partners, user_id=salesperson.id or False
            )
        return entries
