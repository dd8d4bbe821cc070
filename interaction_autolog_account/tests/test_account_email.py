from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import InteractionAccountCase


@tagged("post_install", "-at_install")
class TestAccountEmail(InteractionAccountCase):
    def test_email_sale_invoice_two_contacts(self):
        """Send & Print to two contacts: one sale_invoice entry per contact."""
        invoice = self._create_moves("out_invoice")
        self._send_and_print(invoice, self.customer + self.customer_contact)
        self.assertSentEmail(self.env.user.partner_id, [self.customer_contact])
        self._assert_email_entries(
            invoice, "sale_invoice", self.customer + self.customer_contact
        )
        self.assertFalse(self._entries(invoice, channel="paper"))

    def test_email_sale_credit_note_two_contacts(self):
        refund = self._create_moves("out_refund")
        self._send_and_print(refund, self.customer + self.customer_contact)
        self._assert_email_entries(
            refund, "sale_credit_note", self.customer + self.customer_contact
        )

    def test_email_and_download(self):
        """Email and download in one go: an email entry and a print."""
        invoice = self._create_moves("out_invoice")
        action = self._send_and_print(invoice, self.customer, ("email", "manual"))
        self._assert_email_entries(invoice, "sale_invoice", self.customer)
        self._open_url(action)
        self.assertEqual(
            sorted(self._entries(invoice).mapped("channel")), ["email", "paper"]
        )

    def test_email_invalid_address(self):
        """An invalid address: that contact's entry fails, the other is sent."""
        nowhere = self.env["res.partner"].create(
            {
                "name": "Nowhere Man",
                "email": "not-an-address",
                "parent_id": self.customer.id,
            }
        )
        invoice = self._create_moves("out_invoice")
        self._send_and_print(invoice, self.customer + nowhere)
        self._assert_email_entries(
            invoice,
            "sale_invoice",
            self.customer + nowhere,
            statuses={nowhere: "failed"},
        )

    def test_email_blank_template(self):
        """A blank template: the invoice is sent, nothing is logged at all."""
        self.doc_types["sale_invoice"].with_company(self.company).template_id = False
        invoice = self._create_moves("out_invoice")
        self._send_and_print(invoice, self.customer + self.customer_contact)
        self.assertSentEmail(self.env.user.partner_id, [self.customer])
        self.assertSentEmail(self.env.user.partner_id, [self.customer_contact])
        self.assertTrue(invoice.is_move_sent)
        message = self.env["mail.message"].search(
            [("model", "=", "account.move"), ("res_id", "=", invoice.id)]
        )
        self.assertFalse(self._entries(invoice))
        self.assertFalse(self.Entry.search([("mail_message_id", "in", message.ids)]))

    def _check_bill_by_chatter(self, move_type, code):
        bill = self._create_moves(move_type)
        # Odoo's Send & Print only sends sales documents ...
        with self.assertRaises(UserError):
            bill.action_send_and_print()
        # ... a bill goes to the vendor from the chatter's composer.
        self._send_from_chatter(bill, self.vendor + self.vendor_contact)
        self._assert_email_entries(bill, code, self.vendor + self.vendor_contact)

    def test_email_purchase_invoice(self):
        self._check_bill_by_chatter("in_invoice", "purchase_invoice")

    def test_email_purchase_credit_note(self):
        self._check_bill_by_chatter("in_refund", "purchase_credit_note")

    def test_email_bill_blank_template(self):
        self.doc_types["purchase_invoice"].with_company(
            self.company
        ).template_id = False
        bill = self._create_moves("in_invoice")
        message = self._send_from_chatter(bill, self.vendor + self.vendor_contact)
        self.assertSentEmail(self.env.user.partner_id, [self.vendor_contact])
        self.assertFalse(self._entries(bill))
        self.assertFalse(self.Entry.search([("mail_message_id", "=", message.id)]))
