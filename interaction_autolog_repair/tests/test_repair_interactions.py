from odoo import Command
from odoo.tests import Form, tagged

from odoo.addons.interaction_autolog.tests.common import (
    DOC_TYPE_LOGGER,
    InteractionDocumentCase,
    assert_call_away_from_cancel,
    assert_domain_warning,
    break_domain,
    log_call_from,
)
from odoo.addons.mail.tests.common import mail_new_test_user

REPAIR_USER = "interaction_repair_user"


@tagged("post_install", "-at_install")
class TestRepairInteractions(InteractionDocumentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        xmlid = "interaction_autolog_repair.document_type_%s"
        cls.doc_create = cls.env.ref(xmlid % "service_order_create")
        cls.doc_post = cls.env.ref(xmlid % "service_order_post")
        cls.doc_quote = cls.env.ref(xmlid % "service_quote")
        cls.doc_types = cls.doc_create | cls.doc_post | cls.doc_quote
        for cost, doc_type in enumerate(cls.doc_types, start=1):
            doc_type.with_company(cls.company_admin).template_id.unit_cost = cost
        cls.report = cls.env.ref("repair.action_report_repair_order")
        cls.repair_user = mail_new_test_user(
            cls.env,
            login=REPAIR_USER,
            password=REPAIR_USER,
            name="Rita Repairs",
            email="rita.repairs@test.example.com",
            groups="base.group_user,stock.group_stock_user",
            company_id=cls.company_admin.id,
        )
        cls.salesman = mail_new_test_user(
            cls.env,
            login="interaction_repair_salesman",
            name="Sid Sales",
            email="sid.sales@test.example.com",
            groups="base.group_user,sales_team.group_sale_salesman",
            company_id=cls.company_admin.id,
        )
        Partner = cls.env["res.partner"]
        cls.customer = Partner.create(
            {
                "name": "Broken Things Ltd",
                "is_company": True,
                "email": "desk@broken-things.example.com",
            }
        )
        cls.contact_1, cls.contact_2, cls.contact_invalid = Partner.create(
            [
                {
                    "name": "Dora Owner",
                    "parent_id": cls.customer.id,
                    "email": "dora@broken-things.example.com",
                },
                {
                    "name": "Dan Facilities",
                    "parent_id": cls.customer.id,
                    "email": "dan@broken-things.example.com",
                },
                {
                    "name": "No Mailbox",
                    "parent_id": cls.customer.id,
                    "email": "no-mailbox",
                },
            ]
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Coffee Machine", "type": "consu"}
        )
        cls.repair_service = cls.env["product.product"].create(
            {"name": "Machine Repair", "type": "service", "create_repair": True}
        )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _create_repair(self, partner=None):
        """Create a repair order from its form, as a user does."""
        repair_form = Form(self.env["repair.order"].with_user(self.repair_user))
        if partner is not False:
            repair_form.partner_id = partner or self.customer
        repair_form.product_id = self.product
        return repair_form.save()

    def _complete(self, repair):
        """Confirm, start and end the repair with the form's buttons."""
        repair = repair.with_user(self.repair_user)
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        self.assertEqual(repair.state, "done")

    def _send_message(self, repair, partners):
        """Write to ``partners`` with the chatter's "Send message"."""
        repair.message_unsubscribe(repair.message_partner_ids.ids)
        self.authenticate(REPAIR_USER, REPAIR_USER)
        with self.mock_mail_gateway():
            self.make_jsonrpc_request(
                "/mail/message/post",
                {
                    "thread_model": repair._name,
                    "thread_id": repair.id,
                    "post_data": {
                        "body": "Here is our quote for the repair.",
                        "message_type": "comment",
                        "partner_ids": partners.ids,
                        "subtype_xmlid": "mail.mt_comment",
                    },
                },
            )
            self.env["mail.mail"].sudo().process_email_queue()
        return repair.message_ids[0]

    # ------------------------------------------------------------------
    # Creation and completion
    # ------------------------------------------------------------------

    def test_create_from_form_logs_once(self):
        repair = self._create_repair()
        entries = self.entries_of(repair)
        self.assert_logged(entries, repair, self.doc_create, self.customer, "other", 1)
        self.assertEqual(entries.user_id, self.repair_user)
        self.assertEqual(entries.cost, 1)
        # Editing and confirming it is not another creation.
        repair.with_user(self.repair_user).write({"internal_notes": "<p>Fan</p>"})
        repair.with_user(self.repair_user).action_validate()
        self.assertEqual(self.entries_of(repair), entries)

    def test_create_from_sale_order_logs_once(self):
        order = (
            self.env["sale.order"]
            .with_user(self.salesman)
            .create(
                {
                    "partner_id": self.customer.id,
                    "order_line": [
                        Command.create(
                            {"product_id": self.repair_service.id, "product_uom_qty": 1}
                        )
                    ],
                }
            )
        )
        order.action_confirm()
        repair = order.repair_order_ids
        self.assertEqual(len(repair), 1)
        # Sale creates it directly as confirmed.
        self.assertEqual(repair.state, "confirmed")
        entries = self.entries_of(repair)
        self.assert_logged(entries, repair, self.doc_create, self.customer, "other", 1)
        # Sale creates it as superuser: the entry still names the real user.
        self.assertEqual(entries.user_id, self.salesman)

        repair.with_user(self.repair_user).action_repair_start()
        repair.with_user(self.repair_user).action_repair_end()
        self.assert_logged(
            self.entries_of(repair, "service_order_post"),
            repair,
            self.doc_post,
            self.customer,
            "other",
            1,
        )

    def test_create_without_customer_logs_nothing(self):
        repair = self._create_repair(partner=False)
        self.assertFalse(repair.partner_id)
        self._complete(repair)
        self.assertFalse(self.entries_of(repair))

    def test_completion_logs_once(self):
        repair = self._create_repair()
        self._complete(repair)
        entries = self.entries_of(repair, "service_order_post")
        self.assert_logged(entries, repair, self.doc_post, self.customer, "other", 1)
        self.assertEqual(entries.user_id, self.repair_user)
        self.assertEqual(entries.cost, 2)
        # Odoo does not stop a second call on a repaired order.
        repair.with_user(self.repair_user).action_repair_done()
        self.assertEqual(self.entries_of(repair, "service_order_post"), entries)
        self.assertEqual(len(self.entries_of(repair, "service_order_create")), 1)

    def test_completion_of_several_orders(self):
        repairs = self._create_repair() | self._create_repair(self.contact_1)
        repairs.with_user(self.repair_user).action_repair_start()
        repairs.with_user(self.repair_user).action_repair_end()
        for repair in repairs:
            self.assert_logged(
                self.entries_of(repair, "service_order_post"),
                repair,
                self.doc_post,
                repair.partner_id,
                "other",
                1,
            )

    # ------------------------------------------------------------------
    # Print and email: the service quote
    # ------------------------------------------------------------------

    def test_print_service_quote(self):
        repair = self._create_repair()
        action = repair.with_user(self.repair_user).print_repair_order()
        report = self.env["ir.actions.report"]._get_report_from_name(
            action["report_name"]
        )
        self.assertEqual(report, self.report)

        self.print_document(report, repair, REPAIR_USER)
        first = self.entries_of(repair, "service_quote")
        self.assert_logged(first, repair, self.doc_quote, self.customer, "paper", 1)
        self.assertEqual(first.cost, 3)
        self.assertEqual(first.user_id, self.repair_user)

        self.print_document(report, repair, REPAIR_USER)
        second = self.entries_of(repair, "service_quote") - first
        self.assert_logged(second, repair, self.doc_quote, self.customer, "paper", 2)

    def test_email_service_quote_to_two_contacts(self):
        repair = self._create_repair()
        contacts = self.contact_1 | self.contact_2
        message = self._send_message(repair, contacts)
        self.assertEqual(message.notification_ids.res_partner_id, contacts)
        entries = self.entries_of(repair, "service_quote")
        self.assert_logged(entries, repair, self.doc_quote, contacts, "email", 1)
        for entry in entries:
            self.assertEqual(entry.mail_message_id, message)
            self.assertEqual(entry.contact_via, entry.partner_id.email)
            self.assertEqual(entry.delivery_status, "sent")
            self.assertFalse(entry.attempt_failed)
            self.assertEqual(entry.user_id, self.repair_user)
        self.assertEqual(
            self.Entry.search([("mail_message_id", "=", message.id)]), entries
        )

    def test_email_service_quote_invalid_address_fails(self):
        repair = self._create_repair()
        self._send_message(repair, self.contact_1 | self.contact_invalid)
        self.assert_one_sent_one_failed(
            self.entries_of(repair, "service_quote"),
            self.contact_1,
            self.contact_invalid,
            "no-mailbox",
        )

    # ------------------------------------------------------------------
    # Blank template in the setup
    # ------------------------------------------------------------------

    def test_blank_template_logs_nothing(self):
        self.doc_types.with_company(self.company_admin).template_id = False
        repair = self._create_repair()
        response = self.print_document(self.report, repair, REPAIR_USER)
        self.assertTrue(response.content)
        message = self._send_message(repair, self.contact_1)
        self.assertEqual(
            message.notification_ids.mapped("notification_status"), ["sent"]
        )
        self._complete(repair)
        self.assertFalse(self.entries_of(repair))
        self.assertFalse(self.Entry.search([("mail_message_id", "=", message.id)]))

    # ------------------------------------------------------------------
    # Smart button
    # ------------------------------------------------------------------

    def test_smart_button(self):
        repair = self._create_repair().with_user(self.repair_user)
        self._complete(repair)
        repair.invalidate_recordset()
        self.assertEqual(repair.interaction_log_count, 2)
        action = repair.action_view_interaction_log()
        self.assertEqual(
            self.env["interaction.log.entry"]
            .with_user(self.repair_user)
            .search(action["domain"]),
            self.entries_of(repair),
        )
        arch = repair.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="action_view_interaction_log"', arch)

    def test_call_from_repair_order(self):
        repair = self._create_repair()
        arch = repair.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="action_interaction_call"', arch)
        assert_call_away_from_cancel(self, repair, self.repair_user)
        entry = log_call_from(repair, self.repair_user)
        self.assertEqual(entry.document_type_id.code, "phone_call")
        self.assertEqual(entry.partner_id, repair.partner_id)
        self.assertEqual(entry.user_id, self.repair_user)

    # ------------------------------------------------------------------
    # A configuration problem
    # ------------------------------------------------------------------

    def test_stale_domain_does_not_block_the_sale_order(self):
        """Confirming a sale order creates its repair even when the creation
        type's domain names a removed field; nothing is logged."""
        break_domain(self.doc_create)
        order = (
            self.env["sale.order"]
            .with_user(self.salesman)
            .create(
                {
                    "partner_id": self.customer.id,
                    "order_line": [
                        Command.create(
                            {"product_id": self.repair_service.id, "product_uom_qty": 1}
                        )
                    ],
                }
            )
        )
        with self.assertLogs(DOC_TYPE_LOGGER, "WARNING") as logs:
            order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(len(order.repair_order_ids), 1)
        self.assertFalse(self.entries_of(order.repair_order_ids))
        assert_domain_warning(self, logs, self.doc_create)
