from odoo import Command
from odoo.tests import Form, tagged

from odoo.addons.interaction_autolog.tests.common import InteractionDocumentCase
from odoo.addons.mail.tests.common import mail_new_test_user

STOCK_USER = "interaction_stock_user"


@tagged("post_install", "-at_install")
class TestStockInteractions(InteractionDocumentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        xmlid = "interaction_autolog_stock.document_type_%s"
        cls.doc_shipment = cls.env.ref(xmlid % "sale_shipment")
        cls.doc_receipt = cls.env.ref(xmlid % "purchase_receipt")
        cls.doc_return_receipt = cls.env.ref(xmlid % "sale_return_receipt")
        cls.doc_return_shipment = cls.env.ref(xmlid % "purchase_return_shipment")
        cls.doc_types = (
            cls.doc_shipment
            | cls.doc_receipt
            | cls.doc_return_receipt
            | cls.doc_return_shipment
        )
        for cost, doc_type in enumerate(cls.doc_types, start=1):
            doc_type.with_company(cls.company_admin).template_id.unit_cost = cost
        cls.report_delivery = cls.env.ref("stock.action_report_delivery")
        cls.report_picking = cls.env.ref("stock.action_report_picking")
        cls.stock_user = mail_new_test_user(
            cls.env,
            login=STOCK_USER,
            password=STOCK_USER,
            name="Sam Storekeeper",
            email="sam.storekeeper@test.example.com",
            groups="base.group_user,stock.group_stock_user",
            company_id=cls.company_admin.id,
        )
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company_admin.id)], limit=1
        )
        Partner = cls.env["res.partner"]
        cls.customer = Partner.create(
            {
                "name": "Retail Customer Inc",
                "is_company": True,
                "email": "shop@retail-customer.example.com",
            }
        )
        cls.contact_1, cls.contact_2, cls.contact_invalid = Partner.create(
            [
                {
                    "name": "Carla Receiving",
                    "parent_id": cls.customer.id,
                    "email": "carla@retail-customer.example.com",
                },
                {
                    "name": "Chris Logistics",
                    "parent_id": cls.customer.id,
                    "email": "chris@retail-customer.example.com",
                },
                {
                    "name": "Broken Address",
                    "parent_id": cls.customer.id,
                    "email": "broken-address",
                },
            ]
        )
        cls.vendor = Partner.create(
            {
                "name": "Raw Materials Co",
                "is_company": True,
                "email": "sales@raw-materials.example.com",
            }
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Crate", "type": "consu"}
        )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _create_picking(self, picking_type, partner, validate=False):
        picking = (
            self.env["stock.picking"]
            .with_user(self.stock_user)
            .create(
                {
                    "picking_type_id": picking_type.id,
                    "partner_id": partner.id,
                    "move_ids": [
                        Command.create(
                            {
                                "name": self.product.name,
                                "product_id": self.product.id,
                                "product_uom_qty": 5,
                                "location_id": picking_type.default_location_src_id.id,
                                "location_dest_id": (
                                    picking_type.default_location_dest_id.id
                                ),
                            }
                        )
                    ],
                }
            )
        )
        picking.action_confirm()
        if validate:
            self._validate(picking)
        return picking

    def _validate(self, picking):
        picking.move_ids.quantity = 5
        picking.move_ids.picked = True
        picking.with_user(self.stock_user).button_validate()
        self.assertEqual(picking.state, "done")

    def _return(self, picking):
        """Return ``picking`` with its Return wizard."""
        wizard = Form(
            self.env["stock.return.picking"]
            .with_user(self.stock_user)
            .with_context(active_id=picking.id, active_model="stock.picking")
        ).save()
        wizard.product_return_moves.quantity = 5
        action = wizard.action_create_returns()
        return self.env["stock.picking"].browse(action["res_id"])

    def _shipment(self):
        return self._create_picking(self.warehouse.out_type_id, self.customer)

    def _receipt(self):
        return self._create_picking(self.warehouse.in_type_id, self.vendor)

    def _return_receipt(self):
        delivery = self._create_picking(
            self.warehouse.out_type_id, self.customer, validate=True
        )
        return self._return(delivery)

    def _return_shipment(self):
        receipt = self._create_picking(
            self.warehouse.in_type_id, self.vendor, validate=True
        )
        return self._return(receipt)

    def _send_message(self, picking, partners, keep_followers=False):
        """Write to ``partners`` with the chatter's "Send message".

        A transfer's partner follows it and so gets every message too; unless
        ``keep_followers``, it is unsubscribed first so that the message
        reaches exactly ``partners``.
        """
        if not keep_followers:
            picking.message_unsubscribe(picking.message_partner_ids.ids)
        self.authenticate(STOCK_USER, STOCK_USER)
        with self.mock_mail_gateway():
            self.make_jsonrpc_request(
                "/mail/message/post",
                {
                    "thread_model": picking._name,
                    "thread_id": picking.id,
                    "post_data": {
                        "body": "Your goods are on their way.",
                        "message_type": "comment",
                        "partner_ids": partners.ids,
                        "subtype_xmlid": "mail.mt_comment",
                    },
                },
            )
            self.env["mail.mail"].sudo().process_email_queue()
        return picking.message_ids[0]

    def _check_print(self, picking, doc_type):
        """Print twice and with the other report: versions 1, 2 and 3."""
        partner = picking.partner_id
        self.print_document(self.report_delivery, picking, STOCK_USER)
        first = self.entries_of(picking)
        self.assert_logged(first, picking, doc_type, partner, "paper", 1)
        self.assertEqual(first.user_id, self.stock_user)
        self.assertTrue(first.cost)

        self.print_document(self.report_delivery, picking, STOCK_USER)
        second = self.entries_of(picking) - first
        self.assert_logged(second, picking, doc_type, partner, "paper", 2)

        self.print_document(self.report_picking, picking, STOCK_USER)
        third = self.entries_of(picking) - first - second
        self.assert_logged(third, picking, doc_type, partner, "paper", 3)

    def _check_email(self, picking, doc_type):
        contacts = self.contact_1 | self.contact_2
        message = self._send_message(picking, contacts)
        self.assertEqual(message.notification_ids.res_partner_id, contacts)
        entries = self.entries_of(picking)
        self.assert_logged(entries, picking, doc_type, contacts, "email", 1)
        for entry in entries:
            self.assertEqual(entry.mail_message_id, message)
            self.assertEqual(entry.contact_via, entry.partner_id.email)
            self.assertEqual(entry.delivery_status, "sent")
            self.assertFalse(entry.attempt_failed)
            self.assertEqual(entry.user_id, self.stock_user)
        # Not also a plain email.
        self.assertEqual(
            self.Entry.search([("mail_message_id", "=", message.id)]), entries
        )

    # ------------------------------------------------------------------
    # Print
    # ------------------------------------------------------------------

    def test_print_sale_shipment(self):
        picking = self._shipment()
        self.assertEqual(picking.picking_type_code, "outgoing")
        self._check_print(picking, self.doc_shipment)

    def test_print_purchase_receipt(self):
        picking = self._receipt()
        self.assertEqual(picking.picking_type_code, "incoming")
        self._check_print(picking, self.doc_receipt)

    def test_print_sale_return_receipt(self):
        picking = self._return_receipt()
        self.assertEqual(picking.picking_type_code, "incoming")
        self.assertEqual(picking.partner_id, self.customer)
        self._check_print(picking, self.doc_return_receipt)

    def test_print_purchase_return_shipment(self):
        picking = self._return_shipment()
        self.assertEqual(picking.picking_type_code, "outgoing")
        self.assertEqual(picking.partner_id, self.vendor)
        self._check_print(picking, self.doc_return_shipment)

    def test_return_of_a_return_is_a_plain_transfer(self):
        # The customer's return is shipped back again: a sales shipment.
        return_receipt = self._return_receipt()
        self._validate(return_receipt)
        redelivery = self._return(return_receipt)
        self.assertEqual(redelivery.picking_type_code, "outgoing")
        self.print_document(self.report_delivery, redelivery, STOCK_USER)
        self.assert_logged(
            self.entries_of(redelivery),
            redelivery,
            self.doc_shipment,
            self.customer,
            "paper",
            1,
        )

    def test_internal_transfer_is_not_logged(self):
        picking = self._create_picking(self.warehouse.int_type_id, self.customer)
        self.print_document(self.report_picking, picking, STOCK_USER)
        self.assertFalse(self.entries_of(picking))

    def test_print_100_receipts_same_logging_queries_as_1(self):
        receipts = self.env["stock.picking"].create(
            [
                {
                    "picking_type_id": self.warehouse.in_type_id.id,
                    "partner_id": (self.vendor if i % 2 else self.customer).id,
                }
                for i in range(101)
            ]
        )
        Report = self.env["ir.actions.report"].with_user(self.stock_user)
        report_name = self.report_delivery.report_name

        def logging_queries(batch):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            Report._interaction_log_print(report_name, batch.ids, "pdf")
            return self.cr.sql_log_count - before

        # The first call loads what any print needs (access rules, the
        # user's groups): not part of the comparison.
        logging_queries(receipts[0])
        batch = receipts[1:]
        self.assertEqual(len(batch), 100)
        self.assertEqual(logging_queries(batch[0]), logging_queries(batch))
        self.assertEqual(len(self.entries_of(batch, "purchase_receipt")), 101)

        # And through the route, as the browser prints them.
        self.print_document(self.report_delivery, batch, STOCK_USER)
        entries = self.entries_of(batch, "purchase_receipt")
        self.assertEqual(len(entries), 201)
        self.assertEqual(len(entries.filtered(lambda e: e.channel == "paper")), 201)

    # ------------------------------------------------------------------
    # Email: the chatter's "Send message" (transfers have no Send button)
    # ------------------------------------------------------------------

    def test_email_sale_shipment(self):
        self._check_email(self._shipment(), self.doc_shipment)

    def test_email_purchase_receipt(self):
        self._check_email(self._receipt(), self.doc_receipt)

    def test_email_sale_return_receipt(self):
        self._check_email(self._return_receipt(), self.doc_return_receipt)

    def test_email_purchase_return_shipment(self):
        self._check_email(self._return_shipment(), self.doc_return_shipment)

    def test_email_reaches_followers(self):
        picking = self._shipment()
        self.assertIn(self.customer, picking.message_partner_ids)
        message = self._send_message(picking, self.contact_1, keep_followers=True)
        recipients = self.contact_1 | self.customer
        self.assertEqual(message.notification_ids.res_partner_id, recipients)
        self.assert_logged(
            self.entries_of(picking), picking, self.doc_shipment, recipients, "email", 1
        )

    def test_email_several_transfers_from_the_list(self):
        # The list view's "Send email" action: the composer in mass-mail mode.
        pickings = self._shipment() | self._receipt()
        composer_form = Form(
            self.env["mail.compose.message"]
            .with_user(self.stock_user)
            .with_context(
                default_composition_mode="mass_mail",
                default_model="stock.picking",
                default_res_ids=pickings.ids,
            )
        )
        composer_form.subject = "Your transfer"
        composer_form.body = "<p>Details of your transfer</p>"
        composer = composer_form.save()
        with self.mock_mail_gateway():
            composer.action_send_mail()
            self.env["mail.mail"].sudo().process_email_queue()
        for picking, doc_type in zip(
            pickings, (self.doc_shipment, self.doc_receipt), strict=True
        ):
            entries = self.entries_of(picking)
            self.assert_logged(
                entries, picking, doc_type, picking.partner_id, "email", 1
            )
            self.assertEqual(entries.delivery_status, "sent")

    def test_email_invalid_address_fails(self):
        picking = self._shipment()
        self._send_message(picking, self.contact_1 | self.contact_invalid)
        self.assert_one_sent_one_failed(
            self.entries_of(picking),
            self.contact_1,
            self.contact_invalid,
            "broken-address",
        )

    def test_delivery_confirmation_email(self):
        # Inventory's "Email Confirmation" setting mails the customer when a
        # delivery is validated: that is the shipment sent by email.
        self.company_admin.stock_move_email_validation = True
        picking = self._shipment()
        with self.mock_mail_gateway():
            self._validate(picking)
        entries = self.entries_of(picking)
        self.assert_logged(
            entries, picking, self.doc_shipment, self.customer, "email", 1
        )
        self.assertEqual(entries.delivery_status, "sent")

    def test_internal_note_is_not_logged(self):
        picking = self._shipment()
        picking.with_user(self.stock_user).message_post(
            body="Check the pallet",
            partner_ids=self.contact_1.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self.assertFalse(self.entries_of(picking))

    # ------------------------------------------------------------------
    # Blank template in the setup
    # ------------------------------------------------------------------

    def test_blank_template_logs_nothing(self):
        self.doc_types.with_company(self.company_admin).template_id = False
        pickings = (
            self._shipment()
            | self._receipt()
            | self._return_receipt()
            | self._return_shipment()
        )
        response = self.print_document(self.report_delivery, pickings, STOCK_USER)
        self.assertTrue(response.content)
        for picking in pickings:
            message = self._send_message(picking, self.contact_1)
            self.assertEqual(
                message.notification_ids.mapped("notification_status"), ["sent"]
            )
            self.assertFalse(self.Entry.search([("mail_message_id", "=", message.id)]))
        self.assertFalse(self.entries_of(pickings))

    # ------------------------------------------------------------------
    # Smart button
    # ------------------------------------------------------------------

    def test_smart_button(self):
        picking = self._shipment()
        self.print_document(self.report_delivery, picking, STOCK_USER)
        picking = picking.with_user(self.stock_user)
        picking.invalidate_recordset()
        self.assertEqual(picking.interaction_log_count, 1)
        action = picking.action_view_interaction_log()
        self.assertEqual(
            self.env["interaction.log.entry"]
            .with_user(self.stock_user)
            .search(action["domain"]),
            self.entries_of(picking),
        )
        arch = picking.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="action_view_interaction_log"', arch)
