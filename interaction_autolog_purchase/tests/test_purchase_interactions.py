from odoo.tests import Form, tagged

from odoo.addons.interaction_autolog.tests.common import (
    InteractionDocumentCase,
    assert_call_away_from_cancel,
    log_call_from,
)
from odoo.addons.mail.tests.common import mail_new_test_user


@tagged("post_install", "-at_install")
class TestPurchaseInteractions(InteractionDocumentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.doc_quote = cls.env.ref(
            "interaction_autolog_purchase.document_type_purchase_quote"
        )
        cls.doc_order = cls.env.ref(
            "interaction_autolog_purchase.document_type_purchase_order"
        )
        cls.template_quote = cls.env.ref(
            "interaction_autolog_purchase.interaction_template_purchase_quote"
        )
        cls.template_order = cls.env.ref(
            "interaction_autolog_purchase.interaction_template_purchase_order"
        )
        cls.template_quote.unit_cost = 1.25
        cls.template_order.unit_cost = 2.5
        cls.report_quote = cls.env.ref("purchase.report_purchase_quotation")
        cls.report_order = cls.env.ref("purchase.action_report_purchase_order")
        cls.buyer = mail_new_test_user(
            cls.env,
            login="interaction_buyer",
            password="interaction_buyer",
            name="Bea Buyer",
            email="bea.buyer@test.example.com",
            groups="base.group_user,purchase.group_purchase_user",
            company_id=cls.company_admin.id,
        )
        cls.purchase_manager = mail_new_test_user(
            cls.env,
            login="interaction_purchase_manager",
            name="Paul Manager",
            email="paul.manager@test.example.com",
            groups="base.group_user,purchase.group_purchase_manager",
            company_id=cls.company_admin.id,
        )
        cls.vendor = cls.env["res.partner"].create(
            {
                "name": "Parts Supplier Ltd",
                "is_company": True,
                "email": "orders@parts-supplier.example.com",
            }
        )
        cls.vendor_contact_1 = cls.env["res.partner"].create(
            {
                "name": "Vera Sales",
                "parent_id": cls.vendor.id,
                "email": "vera@parts-supplier.example.com",
            }
        )
        cls.vendor_contact_2 = cls.env["res.partner"].create(
            {
                "name": "Victor Desk",
                "parent_id": cls.vendor.id,
                "email": "victor@parts-supplier.example.com",
            }
        )
        cls.vendor_contact_invalid = cls.env["res.partner"].create(
            {
                "name": "Nobody Valid",
                "parent_id": cls.vendor.id,
                "email": "not-an-email-address",
            }
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Bolt", "type": "consu", "standard_price": 2.0}
        )

    def _create_rfq(self):
        return (
            self.env["purchase.order"]
            .with_user(self.buyer)
            .create(
                {
                    "partner_id": self.vendor.id,
                    "order_line": [
                        (0, 0, {"product_id": self.product.id, "product_qty": 10}),
                    ],
                }
            )
        )

    def _send_by_email(self, order, partners, send_rfq):
        """Send ``order`` with its "Send by Email" composer to ``partners``."""
        action = (
            order.with_user(self.buyer)
            .with_context(send_rfq=send_rfq)
            .action_rfq_send()
        )
        composer_form = Form(
            self.env[action["res_model"]]
            .with_user(self.buyer)
            .with_context(**action["context"])
        )
        composer_form.partner_ids.clear()
        for partner in partners:
            composer_form.partner_ids.add(partner)
        composer = composer_form.save()
        with self.mock_mail_gateway():
            composer.action_send_mail()
            self.env["mail.mail"].sudo().process_email_queue()
        return order.message_ids[0]

    # ------------------------------------------------------------------
    # Print
    # ------------------------------------------------------------------

    def test_print_rfq_logs_purchase_quote(self):
        rfq = self._create_rfq()
        # "Print RFQ" marks the RFQ as sent and hands the report to the browser.
        action = rfq.with_user(self.buyer).print_quotation()
        self.assertEqual(rfq.state, "sent")
        report = self.env["ir.actions.report"]._get_report_from_name(
            action["report_name"]
        )
        self.assertEqual(report, self.report_quote)

        self.print_document(report, rfq, "interaction_buyer")
        first = self.entries_of(rfq)
        self.assert_logged(first, rfq, self.doc_quote, self.vendor, "paper", 1)
        self.assertEqual(first.template_id, self.template_quote)
        self.assertEqual(first.cost, 1.25)
        self.assertEqual(first.user_id, self.buyer)
        self.assertEqual(first.salesperson_id, self.buyer)

        self.print_document(report, rfq, "interaction_buyer")
        second = self.entries_of(rfq) - first
        self.assert_logged(second, rfq, self.doc_quote, self.vendor, "paper", 2)

    def test_print_purchase_order_logs_purchase_order(self):
        order = self._create_rfq()
        order.with_user(self.buyer).button_confirm()
        self.assertEqual(order.state, "purchase")

        self.print_document(self.report_order, order, "interaction_buyer")
        first = self.entries_of(order)
        self.assert_logged(first, order, self.doc_order, self.vendor, "paper", 1)
        self.assertEqual(first.template_id, self.template_order)
        self.assertEqual(first.cost, 2.5)

        self.print_document(self.report_order, order, "interaction_buyer")
        second = self.entries_of(order) - first
        self.assert_logged(second, order, self.doc_order, self.vendor, "paper", 2)

        # The state, not the report, tells an order from an RFQ.
        self.print_document(self.report_quote, order, "interaction_buyer")
        third = self.entries_of(order) - first - second
        self.assert_logged(third, order, self.doc_order, self.vendor, "paper", 3)

    def test_print_order_waiting_for_approval_is_an_rfq(self):
        self.company_admin.write(
            {"po_double_validation": "two_step", "po_double_validation_amount": 0}
        )
        order = self._create_rfq()
        order.with_user(self.buyer).button_confirm()
        self.assertEqual(order.state, "to approve")
        self.print_document(self.report_order, order, "interaction_buyer")
        self.assert_logged(
            self.entries_of(order), order, self.doc_quote, self.vendor, "paper", 1
        )

        # Only the approval makes it a purchase order.
        order.with_user(self.purchase_manager).button_approve()
        self.assertEqual(order.state, "purchase")
        self.print_document(self.report_order, order, "interaction_buyer")
        self.assert_logged(
            self.entries_of(order, "purchase_order"),
            order,
            self.doc_order,
            self.vendor,
            "paper",
            1,
        )

    def test_print_several_orders_at_once(self):
        orders = self._create_rfq() | self._create_rfq()
        self.print_document(self.report_quote, orders, "interaction_buyer")
        for order in orders:
            self.assert_logged(
                self.entries_of(order), order, self.doc_quote, self.vendor, "paper", 1
            )

    # ------------------------------------------------------------------
    # Email
    # ------------------------------------------------------------------

    def test_email_rfq_to_two_contacts(self):
        rfq = self._create_rfq()
        contacts = self.vendor_contact_1 | self.vendor_contact_2
        message = self._send_by_email(rfq, contacts, send_rfq=True)
        self.assertEqual(rfq.state, "sent")
        self.assertEqual(message.partner_ids, contacts)

        entries = self.entries_of(rfq)
        self.assert_logged(entries, rfq, self.doc_quote, contacts, "email", 1)
        for entry in entries:
            self.assertEqual(entry.mail_message_id, message)
            self.assertEqual(entry.contact_via, entry.partner_id.email)
            self.assertEqual(entry.delivery_status, "sent")
            self.assertFalse(entry.attempt_failed)
            self.assertEqual(entry.user_id, self.buyer)
        # Rendering the PDF attachment is not a print, and the email is not
        # also a plain email.
        self.assertFalse(
            self.Entry.search([("mail_message_id", "=", message.id)]) - entries
        )

    def test_email_purchase_order_to_two_contacts(self):
        order = self._create_rfq()
        order.with_user(self.buyer).button_confirm()
        # Confirming made the vendor a follower: it gets the email too.
        self.assertIn(self.vendor, order.message_partner_ids)
        contacts = self.vendor_contact_1 | self.vendor_contact_2
        message = self._send_by_email(order, contacts, send_rfq=False)
        recipients = contacts | self.vendor
        self.assertEqual(message.notification_ids.res_partner_id, recipients)

        entries = self.entries_of(order)
        self.assert_logged(entries, order, self.doc_order, recipients, "email", 1)
        self.assertEqual(entries.mail_message_id, message)
        self.assertEqual(set(entries.mapped("delivery_status")), {"sent"})

        # Sending it again is the next version (for everyone it reaches: the
        # first send made the contacts followers).
        message = self._send_by_email(order, self.vendor_contact_1, send_rfq=False)
        again = self.entries_of(order) - entries
        self.assert_logged(
            again,
            order,
            self.doc_order,
            message.notification_ids.res_partner_id,
            "email",
            2,
        )

    def test_email_rfq_to_invalid_address_fails(self):
        rfq = self._create_rfq()
        self._send_by_email(
            rfq, self.vendor_contact_1 | self.vendor_contact_invalid, send_rfq=True
        )
        entries = self.entries_of(rfq)
        self.assertEqual(len(entries), 2)
        self.assert_one_sent_one_failed(
            entries,
            self.vendor_contact_1,
            self.vendor_contact_invalid,
            "not-an-email-address",
        )

    # ------------------------------------------------------------------
    # Blank template in the setup
    # ------------------------------------------------------------------

    def test_blank_template_logs_nothing(self):
        (self.doc_quote | self.doc_order).with_company(
            self.company_admin
        ).template_id = False
        rfq = self._create_rfq()
        response = self.print_document(self.report_quote, rfq, "interaction_buyer")
        self.assertTrue(response.content)
        message = self._send_by_email(rfq, self.vendor_contact_1, send_rfq=True)
        self.assertEqual(
            message.notification_ids.mapped("notification_status"), ["sent"]
        )
        rfq.with_user(self.buyer).button_confirm()
        self.print_document(self.report_order, rfq, "interaction_buyer")
        self.assertFalse(self.entries_of(rfq))
        self.assertFalse(self.Entry.search([("mail_message_id", "=", message.id)]))

    # ------------------------------------------------------------------
    # Smart button
    # ------------------------------------------------------------------

    def test_smart_button(self):
        rfq = self._create_rfq()
        self.print_document(self.report_quote, rfq, "interaction_buyer")
        rfq = rfq.with_user(self.buyer)
        rfq.invalidate_recordset()
        self.assertEqual(rfq.interaction_log_count, 1)
        action = rfq.action_view_interaction_log()
        self.assertEqual(
            self.env["interaction.log.entry"]
            .with_user(self.buyer)
            .search(action["domain"]),
            self.entries_of(rfq),
        )
        arch = rfq.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="action_view_interaction_log"', arch)

    def test_call_from_rfq(self):
        rfq = self._create_rfq()
        arch = rfq.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="action_interaction_call"', arch)
        assert_call_away_from_cancel(self, rfq, self.buyer)
        entry = log_call_from(rfq, self.buyer)
        self.assertEqual(entry.document_type_id.code, "phone_call")
        self.assertEqual(entry.partner_id, rfq.partner_id)
        self.assertEqual(entry.user_id, self.buyer)
