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

    def _interaction_log_customer_action(self, code, partners, once=False):
        """Log what the customer did online on these orders under ``code``.

        Inbound and initiated by the customer (the document types' direction)
        whatever the template says; ``user_id`` is the customer's portal
        user, or empty for a visitor or a background job: none of our users
        did it.

        :param once: log each order at most once under ``code`` (a first
            view), whatever was logged since
        """
        Entry = self.env["interaction.log.entry"].sudo()
        orders = self
        if once:
            doc_type = self.env["interaction.document.type"]._get_by_code(code)
            logged = Entry.search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("document_type_id", "=", doc_type.id),
                ]
            )
            orders -= self.browse(logged.mapped("res_id"))
        if not orders:
            return Entry.browse()
        user = self.env.user
        return Entry._log_interaction(
            orders,
            code,
            partners=partners,
            user_id=user.id if user.share and not user._is_public() else False,
        )
