from odoo import models

# Payments the customer makes on the portal or a payment link; "offline"
# ones are charged by us on a saved token.
ONLINE_OPERATIONS = ("online_redirect", "online_direct", "online_token")


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    def _check_amount_and_confirm_order(self):
        # Paying a quotation online accepts it: Odoo confirms it here once
        # the payment covers what the confirmation needs.
        confirmed = super()._check_amount_and_confirm_order()
        for tx in self.filtered(lambda t: t.operation in ONLINE_OPERATIONS):
            # A quotation signed online was logged when it was signed.
            orders = (confirmed & tx.sale_order_ids).filtered(lambda o: not o.signed_on)
            if orders:
                orders._interaction_log_customer_action(
                    "sale_quote_accepted", tx.partner_id
                )
        return confirmed
