from odoo.tests import Form, tagged

from .common import InteractionSaleCase


@tagged("post_install", "-at_install")
class TestSaleEmail(InteractionSaleCase):
    def _assert_email_entries(self, entries, order, doc_type, template, partners):
        message = entries.mail_message_id
        self.assertEqual(len(message), 1)
        self.assertRecordValues(
            entries.sorted(lambda e: e.partner_id.id),
            [
                {
                    "partner_id": partner.id,
                    "document_type_id": doc_type.id,
                    "template_id": template.id,
                    "channel": "email",
                    "contact_via": partner.email,
                    "res_model": "sale.order",
                    "res_id": order.id,
                    "document_name": order.name,
                    "document_version": 1,
                    "cost": template.unit_cost,
                    "delivery_status": "sent",
                    "attempt_failed": False,
                    "user_id": self.env.user.id,
                }
                for partner in partners.sorted("id")
            ],
        )
        # Sending is neither a print nor a generic email.
        self.assertFalse(self._entries(order, channel="paper"))
        self.assertFalse(
            self.Entry.search([("mail_message_id", "=", message.id)]) - entries
        )

    def test_email_quote_two_contacts(self):
        """Send by Email to two contacts: one sale_quote entry per contact."""
        quote = self._create_orders()
        self._send_by_email(quote, self.customer + self.buyer)
        self.assertEqual(quote.state, "sent")
        self.assertSentEmail(self.env.user.partner_id, [self.buyer])
        entries = self._entries(quote)
        self.assertEqual(len(entries), 2)
        self._assert_email_entries(
            entries,
            quote,
            self.type_quote,
            self.template_quote,
            self.customer + self.buyer,
        )

    def test_email_order_two_contacts(self):
        """A confirmed order sent by email logs sale_order per contact."""
        order = self._create_orders()
        order.action_confirm()
        self._send_by_email(order, self.customer + self.buyer)
        entries = self._entries(order)
        self.assertEqual(len(entries), 2)
        self._assert_email_entries(
            entries,
            order,
            self.type_order,
            self.template_order,
            self.customer + self.buyer,
        )

    def test_email_quote_twice_versions(self):
        """Each sending is one version, whatever the number of contacts."""
        quote = self._create_orders()
        self._send_by_email(quote, self.customer + self.buyer)
        self._send_by_email(quote, self.customer + self.buyer)
        self.assertEqual(
            sorted(self._entries(quote).mapped("document_version")), [1, 1, 2, 2]
        )

    def test_email_quote_invalid_address(self):
        """An invalid address: that contact's entry fails, the other is sent."""
        nowhere = self.env["res.partner"].create(
            {
                "name": "Nowhere Man",
                "email": "not-an-address",
                "parent_id": self.customer.id,
            }
        )
        quote = self._create_orders()
        self._send_by_email(quote, self.customer + nowhere)
        entries = self._entries(quote)
        self.assertRecordValues(
            entries.sorted(lambda e: e.partner_id.id),
            [
                {
                    "partner_id": self.customer.id,
                    "document_type_id": self.type_quote.id,
                    "channel": "email",
                    "contact_via": self.customer.email,
                    "delivery_status": "sent",
                    "attempt_failed": False,
                },
                {
                    "partner_id": nowhere.id,
                    "document_type_id": self.type_quote.id,
                    "channel": "email",
                    "contact_via": "not-an-address",
                    "delivery_status": "failed",
                    "attempt_failed": True,
                },
            ],
        )

    def test_email_confirmation_mail(self):
        """The order confirmation email logs sale_order for the customer."""
        order = self._create_orders()
        self.assertEqual(
            order._get_confirmation_template(),
            self.env.ref("sale.mail_template_sale_confirmation"),
        )
        with self.mock_mail_gateway():
            order.with_context(send_email=True).action_confirm()
            self.env["mail.mail"].sudo().process_email_queue()
        self.assertSentEmail(self.env.user.partner_id, [self.customer])
        entries = self._entries(order)
        self.assertEqual(len(entries), 1)
        self._assert_email_entries(
            entries, order, self.type_order, self.template_order, self.customer
        )

    def test_email_blank_template_logs_nothing(self):
        """A blank template: the email goes out, nothing is logged at all."""
        self.type_quote.with_company(self.company).template_id = False
        quote = self._create_orders()
        message = self._send_by_email(quote, self.customer + self.buyer)
        self.assertSentEmail(self.env.user.partner_id, [self.customer])
        self.assertSentEmail(self.env.user.partner_id, [self.buyer])
        self.assertFalse(self._entries(quote))
        self.assertFalse(self.Entry.search([("mail_message_id", "=", message.id)]))

    def test_email_several_quotes_at_once(self):
        """Several quotations sent together log per quotation and contact."""
        quotes = self._create_orders(partner=self.customer) + self._create_orders(
            partner=self.buyer
        )
        action = quotes.action_quotation_send()
        self.assertEqual(action["context"]["default_composition_mode"], "mass_mail")
        composer_form = Form(
            self.env[action["res_model"]].with_context(**action["context"])
        )
        composer_form.template_id = self.env.ref("sale.email_template_edi_sale")
        composer = composer_form.save()
        with self.mock_mail_gateway():
            composer.action_send_mail()
            self.env["mail.mail"].sudo().process_email_queue()
        entries = self._entries(quotes)
        self.assertRecordValues(
            entries.sorted("res_id"),
            [
                {
                    "res_id": quotes[0].id,
                    "partner_id": self.customer.id,
                    "document_type_id": self.type_quote.id,
                    "channel": "email",
                    "delivery_status": "sent",
                },
                {
                    "res_id": quotes[1].id,
                    "partner_id": self.buyer.id,
                    "document_type_id": self.type_quote.id,
                    "channel": "email",
                    "delivery_status": "sent",
                },
            ],
        )
