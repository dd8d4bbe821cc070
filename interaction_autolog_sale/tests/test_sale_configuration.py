from odoo.tests import tagged

from odoo.addons.interaction_autolog.tests.common import (
    DOC_TYPE_LOGGER,
    assert_domain_warning,
    break_domain,
)

from .common import InteractionSaleCase


@tagged("post_install", "-at_install")
class TestSaleConfigurationProblem(InteractionSaleCase):
    """The quotation type's domain names a field that was removed: printing
    and sending the quotation work, nothing is logged, the server log says
    why."""

    def test_print_goes_through(self):
        quote = self._create_orders()
        break_domain(self.type_quote)
        with self.assertLogs(DOC_TYPE_LOGGER, "WARNING") as logs:
            response = self._print(quote)
        # The document itself, not the error the download route would send.
        self.assertIn(quote.name.encode(), response.content)
        self.assertNotIn(b'"code": 200', response.content)
        self.assertFalse(self._entries(quote))
        assert_domain_warning(self, logs, self.type_quote)

    def test_email_goes_through(self):
        quote = self._create_orders()
        break_domain(self.type_quote)
        with self.assertLogs(DOC_TYPE_LOGGER, "WARNING") as logs:
            message = self._send_by_email(quote, self.customer + self.buyer)
        self.assertEqual(quote.state, "sent")
        self.assertSentEmail(self.env.user.partner_id, [self.customer])
        self.assertSentEmail(self.env.user.partner_id, [self.buyer])
        # Neither a quotation nor, in its place, a plain email.
        self.assertFalse(self._entries(quote))
        self.assertFalse(self.Entry.search([("mail_message_id", "=", message.id)]))
        assert_domain_warning(self, logs, self.type_quote)

    def test_confirmed_orders_still_log(self):
        """A type whose domain still works is not affected when it comes
        first."""
        order = self._create_orders()
        order.action_confirm()
        self.type_order.sequence = 1
        break_domain(self.type_quote)
        self._print(order)
        self.assertEqual(self._entries(order).document_type_id, self.type_order)
