from odoo.tests import Form, tagged

from odoo.addons.interaction_autolog.tests.common import (
    InteractionDocumentCase,
    log_call_from,
)
from odoo.addons.mail.tests.common import mail_new_test_user


@tagged("post_install", "-at_install")
class TestBlanketOrderInteractions(InteractionDocumentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.doc_blanket = cls.env.ref(
            "interaction_autolog_purchase_requisition.document_type_purchase_blanket_order"
        )
        cls.template_blanket = cls.env.ref(
            "interaction_autolog_purchase_requisition.interaction_template_blanket_order"
        )
        cls.template_blanket.unit_cost = 1.5
        cls.report = cls.env.ref(
            "purchase_requisition.action_report_purchase_requisitions"
        )
        cls.buyer = mail_new_test_user(
            cls.env,
            login="interaction_bo_buyer",
            password="interaction_bo_buyer",
            name="Bea Buyer",
            email="bea.buyer@test.example.com",
            groups="base.group_user,purchase.group_purchase_user",
            company_id=cls.company_admin.id,
        )
        cls.vendor = cls.env["res.partner"].create(
            {
                "name": "Timber Supplier Ltd",
                "is_company": True,
                "email": "orders@timber.example.com",
                "mobile": "+3725341000",
            }
        )
        cls.vendor_contact = cls.env["res.partner"].create(
            {
                "name": "Vera Sales",
                "parent_id": cls.vendor.id,
                "email": "vera@timber.example.com",
            }
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Plank", "type": "consu", "standard_price": 2.0}
        )

    def _create_agreement(self, requisition_type="blanket_order"):
        agreement = (
            self.env["purchase.requisition"]
            .with_user(self.buyer)
            .create(
                {
                    "vendor_id": self.vendor.id,
                    "requisition_type": requisition_type,
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "product_id": self.product.id,
                                "product_qty": 100,
                                "price_unit": 4.0,
                            },
                        )
                    ],
                }
            )
        )
        agreement.action_confirm()
        return agreement

    def _email_from_chatter(self, agreement, partners):
        """Chatter ▸ Send message ▸ full composer, to ``partners``: Odoo has
        no Send by Email button on agreements."""
        composer_form = Form(
            self.env["mail.compose.message"]
            .with_user(self.buyer)
            .with_context(
                default_model=agreement._name,
                default_res_ids=agreement.ids,
                default_composition_mode="comment",
                default_subtype_xmlid="mail.mt_comment",
            )
        )
        composer_form.subject = f"Blanket order {agreement.name}"
        composer_form.body = "<p>Please find our blanket order attached.</p>"
        for partner in partners:
            composer_form.partner_ids.add(partner)
        with self.mock_mail_gateway():
            composer_form.save().action_send_mail()
            self.env["mail.mail"].sudo().process_email_queue()
        return agreement.message_ids[0]

    def test_print_blanket_order_logs_it_for_the_vendor(self):
        agreement = self._create_agreement()
        self.print_document(self.report, agreement, "interaction_bo_buyer")
        first = self.entries_of(agreement)
        self.assert_logged(first, agreement, self.doc_blanket, self.vendor, "paper", 1)
        self.assertEqual(first.template_id, self.template_blanket)
        self.assertEqual(first.cost, 1.5)
        self.assertEqual(first.user_id, self.buyer)
        self.assertEqual(first.salesperson_id, self.buyer)

        self.print_document(self.report, agreement, "interaction_bo_buyer")
        second = self.entries_of(agreement) - first
        self.assert_logged(second, agreement, self.doc_blanket, self.vendor, "paper", 2)

    def test_print_purchase_template_not_logged(self):
        """A purchase template is an internal list of products: the same
        report, but not sent to a vendor as a blanket order."""
        template = self._create_agreement("purchase_template")
        self.print_document(self.report, template, "interaction_bo_buyer")
        self.assertFalse(self.entries_of(template))

    def test_email_blanket_order_logs_it_for_the_recipient(self):
        agreement = self._create_agreement()
        message = self._email_from_chatter(agreement, self.vendor_contact)
        entries = self.entries_of(agreement)
        self.assert_logged(
            entries, agreement, self.doc_blanket, self.vendor_contact, "email", 1
        )
        self.assertEqual(entries.mail_message_id, message)
        self.assertEqual(entries.contact_via, "vera@timber.example.com")
        self.assertEqual(entries.delivery_status, "sent")
        # Logged as the blanket order, not also as a plain email.
        self.assertFalse(
            self.Entry.search([("mail_message_id", "=", message.id)]) - entries
        )

    def test_smart_button_and_call_the_vendor(self):
        agreement = self._create_agreement()
        self.print_document(self.report, agreement, "interaction_bo_buyer")
        entry = log_call_from(agreement, self.buyer, name="Call-off schedule")
        self.assertEqual(entry.partner_id, self.vendor)
        self.assertEqual(entry.document_type_id.code, "phone_call")
        self.assertEqual(agreement.with_user(self.buyer).interaction_log_count, 2)
        action = agreement.with_user(self.buyer).action_view_interaction_log()
        self.assertEqual(
            self.env["interaction.log.entry"].search(action["domain"]),
            self.entries_of(agreement),
        )
