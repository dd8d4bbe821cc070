from odoo import http
from odoo.http import request

from odoo.addons.sale.controllers.portal import CustomerPortal


class InteractionCustomerPortal(CustomerPortal):
    """What customers do with their quotation on the portal is an
    interaction they start: accepting it, and opening it the first time."""

    @http.route()
    def portal_order_page(self, order_id, report_type=None, access_token=None, **kw):
        response = super().portal_order_page(
            order_id, report_type=report_type, access_token=access_token, **kw
        )
        # Only the page a customer opens: not our users' previews (internal
        # users are not share users), not a refused access (a redirect),
        # not the PDF or HTML download of the report.
        if (
            request.env.user.share
            and not report_type
            and getattr(response, "status_code", None) == 200
        ):
            order = request.env["sale.order"].sudo().browse(order_id).exists()
            if order.state in ("draft", "sent"):
                order._interaction_log_customer_action(
                    "sale_quote_viewed", order._interaction_portal_customer()
                )
        return response

    @http.route()
    def portal_quote_accept(
        self, order_id, access_token=None, name=None, signature=None
    ):
        result = super().portal_quote_accept(
            order_id, access_token=access_token, name=name, signature=signature
        )
        # Odoo answers refusals (bad token, no signature, not to be signed)
        # with an error in the JSON body and changes nothing.
        if isinstance(result, dict) and not result.get("error"):
            order = request.env["sale.order"].sudo().browse(order_id)
            order._interaction_log_customer_action(
                "sale_quote_accepted", order._interaction_portal_customer()
            )
        return result
