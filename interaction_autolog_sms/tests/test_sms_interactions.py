from odoo.tests import Form, tagged

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.addons.sms.tests.common import SMSCommon

NUMBER_ALICE = "+358401234567"
NUMBER_BOB = "+358501112222"
NUMBER_CAROL = "+358441230000"


@tagged("post_install", "-at_install")
class TestSmsInteractions(SMSCommon):
    """Text messages sent the ways a user sends them, with only the SMS
    provider (IAP) replaced by sms's own MockSMS gateway."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Entry = cls.env["interaction.log.entry"].sudo()
        cls.company = cls.company_admin
        cls.company.interaction_never_log = False
        cls.doc_sms = cls.env.ref("interaction_autolog_sms.document_type_sms")
        cls.template_sms = cls.env.ref(
            "interaction_autolog_sms.interaction_template_sms"
        )
        cls.template_sms.unit_cost = 0.5
        cls.customer = cls.env["res.partner"].create(
            {"name": "Acme Oy", "is_company": True, "email": "info@acme.example.com"}
        )
        cls.alice, cls.bob, cls.carol = cls.env["res.partner"].create(
            [
                {
                    "name": name,
                    "parent_id": cls.customer.id,
                    "email": f"{name.lower()}@acme.example.com",
                    "mobile": number,
                }
                for name, number in (
                    ("Alice", NUMBER_ALICE),
                    ("Bob", NUMBER_BOB),
                    ("Carol", NUMBER_CAROL),
                )
            ]
        )
        # A salesperson: may edit contacts, so may text them.
        cls.user_sales = mail_new_test_user(
            cls.env,
            login="sms_sales",
            name="Sanna Sales",
            email="sanna@test.example.com",
            groups="base.group_user,base.group_partner_manager",
            company_id=cls.company.id,
        )

    def _entries(self, **domain):
        return self.Entry.search(
            [("document_type_id", "=", self.doc_sms.id)]
            + [(fname, "=", value) for fname, value in domain.items()],
            order="id",
        )

    def _sms_of(self, number):
        return self._new_sms.filtered(lambda sms: sms.number == number)

    def _composer(self, **context):
        return Form(
            self.env["sms.composer"].with_user(self.user_sales).with_context(**context)
        )

    # ------------------------------------------------------------------
    # Chatter: _message_sms and message_post(message_type="sms")
    # ------------------------------------------------------------------

    def test_chatter_sms_logs_each_recipient_contact(self):
        with self.mockSMSGateway():
            message = self.customer.with_user(self.user_sales)._message_sms(
                "Your order is ready for pick-up.",
                partner_ids=(self.alice | self.bob).ids,
            )
        entries = self._entries(mail_message_id=message.id)
        self.assertEqual(entries.partner_id, self.alice | self.bob)
        # One create for both: the order of the entries is not the point.
        numbers = {self.alice: NUMBER_ALICE, self.bob: NUMBER_BOB}
        for entry in entries:
            self.assertRecordValues(
                entry,
                [
                    {
                        "channel": "sms",
                        "contact_via": numbers[entry.partner_id],
                        "template_id": self.template_sms.id,
                        "res_model": "res.partner",
                        "res_id": self.customer.id,
                        "document_name": self.customer.display_name,
                        "document_version": 1,
                        "information_flow": "outbound",
                        "initiated_by": "us",
                        "cost": 0.5,
                        "user_id": self.user_sales.id,
                        "delivery_status": "sent",
                        "attempt_failed": False,
                        "subject": "Your order is ready for pick-up.",
                        "is_automatic": True,
                    }
                ],
            )

    def test_message_post_sms_type_logs_recipients(self):
        with self.mockSMSGateway():
            message = self.customer.with_user(self.user_sales).message_post(
                body="We called you, please call back.",
                message_type="sms",
                partner_ids=self.carol.ids,
            )
        entry = self._entries(mail_message_id=message.id)
        self.assertEqual(entry.partner_id, self.carol)
        self.assertEqual(entry.contact_via, NUMBER_CAROL)
        self.assertEqual(entry.delivery_status, "sent")

    def test_sms_to_colleagues_and_plain_numbers_not_logged(self):
        """Colleagues are no contacts, and a number without a contact has
        nobody to log against."""
        self.partner_employee.mobile = "+358409990000"
        with self.mockSMSGateway():
            message = self.customer.with_user(self.user_sales)._message_sms(
                "Stock count tonight.",
                partner_ids=self.partner_employee.ids,
                sms_numbers=["+358409998888"],
            )
        self.assertEqual(len(self._sms), 2, "both text messages were sent")
        self.assertFalse(self._entries(mail_message_id=message.id))

    # ------------------------------------------------------------------
    # The SMS composer
    # ------------------------------------------------------------------

    def test_composer_on_a_contact_logs_it(self):
        """The SMS button of a contact's phone field: comment mode, one
        recipient, the number of the field."""
        composer = self._composer(
            default_res_model="res.partner",
            default_res_id=self.alice.id,
            default_number_field_name="mobile",
            default_composition_mode="comment",
        )
        composer.body = "See you at 10:00."
        with self.mockSMSGateway():
            composer.save().action_send_sms()
        entry = self._entries(partner_id=self.alice.id)
        self.assertEqual(len(entry), 1)
        self.assertRecordValues(
            entry,
            [
                {
                    "res_model": "res.partner",
                    "res_id": self.alice.id,
                    "contact_via": NUMBER_ALICE,
                    "delivery_status": "sent",
                    "subject": "See you at 10:00.",
                }
            ],
        )
        self.assertEqual(entry.mail_message_id, self.alice.message_ids[0])

    def test_composer_comment_mode_on_several_documents(self):
        """Several documents posted one by one (comment mode): one message
        and one entry per document."""
        composer = self._composer(
            default_res_model="res.partner",
            default_res_ids=repr([self.alice.id, self.bob.id]),
            default_composition_mode="comment",
        )
        composer.body = "Hello {{ object.name }}"
        with self.mockSMSGateway():
            composer.save().action_send_sms()
        entries = self._entries(res_model="res.partner")
        self.assertEqual(entries.partner_id, self.alice | self.bob)
        self.assertEqual(entries.mapped("subject"), ["Hello Alice", "Hello Bob"])
        self.assertEqual(len(entries.mail_message_id), 2)

    def test_composer_mass_mode_on_a_selection(self):
        """Contacts selected in the list, Send SMS: the composer's mass mode,
        sent at once; one entry per contact, no notification behind it."""
        composer = self._composer(
            active_model="res.partner",
            active_ids=(self.alice | self.bob | self.carol).ids,
            sms_composition_mode="guess",
        )
        composer.body = "Spring prices for {{ object.name }}"
        composer = composer.save()
        self.assertEqual(composer.composition_mode, "mass")
        with self.mockSMSGateway():
            composer.action_send_sms_mass_now()
        entries = self._entries(res_model="res.partner")
        self.assertEqual(entries.partner_id, self.alice | self.bob | self.carol)
        by_partner = {entry.partner_id: entry for entry in entries}
        for partner, number in (
            (self.alice, NUMBER_ALICE),
            (self.bob, NUMBER_BOB),
            (self.carol, NUMBER_CAROL),
        ):
            entry = by_partner[partner]
            self.assertEqual(entry.res_id, partner.id)
            self.assertEqual(entry.contact_via, number)
            self.assertEqual(entry.delivery_status, "sent")
            self.assertEqual(entry.subject, f"Spring prices for {partner.name}")
            self.assertEqual(entry.user_id, self.user_sales)

    def test_composer_mass_mode_queued_then_sent_then_failed_report(self):
        """Mass mode without "send now": queued, sent by the queue, then the
        provider's delivery report of a failure reaches the entry."""
        composer = self._composer(
            active_model="res.partner",
            active_ids=(self.alice | self.bob).ids,
            sms_composition_mode="guess",
        )
        composer.body = "Reminder"
        with self.mockSMSGateway():
            composer.save().action_send_sms()
            entries = self._entries(res_model="res.partner")
            self.assertEqual(entries.mapped("delivery_status"), ["queued", "queued"])
            self.env["sms.sms"].sudo()._process_queue(ids=self._new_sms.ids)
        self.assertEqual(entries.mapped("delivery_status"), ["sent", "sent"])
        bob_sms = self._sms_of(NUMBER_BOB)
        self._make_webhook_jsonrpc_request(
            [{"sms_status": "invalid_destination", "uuids": [bob_sms.uuid]}]
        )
        bob_entry = entries.filtered(lambda e: e.partner_id == self.bob)
        self.assertEqual(bob_entry.delivery_status, "failed")
        self.assertTrue(bob_entry.attempt_failed)
        self.assertEqual((entries - bob_entry).delivery_status, "sent")

    def test_composer_mass_mode_duplicate_number_logged_once(self):
        """Two contacts sharing one number get one text message: only the
        one it was sent for is logged."""
        self.bob.mobile = NUMBER_ALICE
        composer = self._composer(
            active_model="res.partner",
            active_ids=(self.alice | self.bob).ids,
            sms_composition_mode="guess",
        )
        composer.body = "Reminder"
        with self.mockSMSGateway():
            composer.save().action_send_sms_mass_now()
        self.assertEqual(self._entries(res_model="res.partner").partner_id, self.alice)

    # ------------------------------------------------------------------
    # Delivery status follows the notification
    # ------------------------------------------------------------------

    def test_failed_sms_is_a_failed_attempt_and_resend_recovers(self):
        with self.mockSMSGateway(sim_error="wrong_number_format"):
            message = self.customer.with_user(self.user_sales)._message_sms(
                "Call me", partner_ids=self.alice.ids
            )
        entry = self._entries(mail_message_id=message.id)
        self.assertEqual(entry.delivery_status, "failed")
        self.assertTrue(entry.attempt_failed)
        # The entry says why, from the SMS notification (not the email's).
        self.assertEqual(entry.delivery_failure, "Wrong Number Format")

        # The user fixes the number in the resend wizard of the failure.
        resend = Form(
            self.env["sms.resend"]
            .with_user(self.user_sales)
            .with_context(default_mail_message_id=message.id)
        ).save()
        resend.recipient_ids.sms_number = NUMBER_CAROL
        with self.mockSMSGateway():
            resend.action_resend()
        self.assertEqual(self._entries(mail_message_id=message.id), entry)
        self.assertRecordValues(
            entry,
            [
                {
                    "delivery_status": "sent",
                    "attempt_failed": False,
                    "contact_via": NUMBER_CAROL,
                }
            ],
        )

    def test_failed_sms_opens_the_sms_failure_dialog(self):
        """ "Recipients and Resend" of a failed text message opens the SMS
        failure dialog of that message (number and reason per recipient),
        not the email one."""
        with self.mockSMSGateway(sim_error="wrong_number_format"):
            message = self.customer.with_user(self.user_sales)._message_sms(
                "Call me", partner_ids=self.alice.ids
            )
        entry = self._entries(mail_message_id=message.id)
        action = entry.with_user(self.user_sales).action_open_message()
        self.assertEqual(action["res_model"], "sms.resend")
        resend = Form(
            self.env[action["res_model"]]
            .with_user(self.user_sales)
            .with_context(**action["context"])
        ).save()
        self.assertEqual(resend.mail_message_id, message)
        self.assertEqual(resend.recipient_ids.partner_id, self.alice)
        self.assertEqual(resend.recipient_ids.sms_number, NUMBER_ALICE)
        self.assertEqual(resend.recipient_ids.failure_type, "sms_number_format")

    def test_no_provider_reachable_says_so(self):
        """When Odoo's SMS service cannot be reached at all, the reason says
        that no provider was reached, not a bare "Server Error"."""
        with self.mockSMSGateway(sim_error="jsonrpc_exception"):
            message = self.customer.with_user(self.user_sales)._message_sms(
                "Call me", partner_ids=self.alice.ids
            )
        entry = self._entries(mail_message_id=message.id)
        self.assertEqual(entry.delivery_status, "failed")
        self.assertIn("No SMS provider could be reached", entry.delivery_failure)
        self.assertIn("Server Error", entry.delivery_failure)

    def test_delivery_report_bounce_fails_the_entry(self):
        with self.mockSMSGateway():
            message = self.customer.with_user(self.user_sales)._message_sms(
                "Call me", partner_ids=(self.alice | self.bob).ids
            )
        entries = self._entries(mail_message_id=message.id)
        self.assertEqual(entries.mapped("delivery_status"), ["sent", "sent"])
        self._make_webhook_jsonrpc_request(
            [
                {"sms_status": "delivered", "uuids": [self._sms_of(NUMBER_ALICE).uuid]},
                {
                    "sms_status": "not_delivered",
                    "uuids": [self._sms_of(NUMBER_BOB).uuid],
                },
            ]
        )
        alice_entry = entries.filtered(lambda e: e.partner_id == self.alice)
        self.assertEqual(alice_entry.delivery_status, "sent")
        self.assertEqual((entries - alice_entry).delivery_status, "failed")
        self.assertTrue((entries - alice_entry).attempt_failed)

    def test_queued_sms_is_queued_until_sent(self):
        with self.mockSMSGateway():
            message = self.customer.with_user(self.user_sales)._message_sms(
                "Later", partner_ids=self.alice.ids, put_in_queue=True
            )
            entry = self._entries(mail_message_id=message.id)
            self.assertEqual(entry.delivery_status, "queued")
            self.env["sms.sms"].sudo()._process_queue(ids=self._new_sms.ids)
        self.assertEqual(entry.delivery_status, "sent")

    # ------------------------------------------------------------------
    # Never log
    # ------------------------------------------------------------------

    def test_never_log_numbers_prefixes_and_addresses(self):
        """Numbers in any format, starts of numbers and email addresses of
        the never-log list keep those contacts out of the log."""
        dave = self.env["res.partner"].create(
            {"name": "Dave", "parent_id": self.customer.id, "mobile": "+358451112233"}
        )
        self.company.interaction_never_log = "\n".join(
            [
                "*@example.org",
                "+358 50 111 2222",  # Bob, written with spaces
                "+35844*",  # Carol's operator prefix
                "alice@acme.example.com",  # Alice, by her address
            ]
        )
        with self.mockSMSGateway():
            message = self.customer.with_user(self.user_sales)._message_sms(
                "Hello",
                partner_ids=(self.alice | self.bob | self.carol | dave).ids,
            )
        self.assertEqual(len(self._sms), 4, "never-log does not stop the sending")
        self.assertEqual(self._entries(mail_message_id=message.id).partner_id, dave)

    def test_never_log_applies_to_mass_mode(self):
        self.company.interaction_never_log = "0035850*"
        composer = self._composer(
            active_model="res.partner",
            active_ids=(self.alice | self.bob).ids,
            sms_composition_mode="guess",
        )
        composer.body = "Reminder"
        with self.mockSMSGateway():
            composer.save().action_send_sms_mass_now()
        self.assertEqual(self._entries(res_model="res.partner").partner_id, self.alice)

    def test_never_log_national_number_in_company_country(self):
        self.company.country_id = self.env.ref("base.fi")
        self.company.interaction_never_log = "040 123 4567"
        never_logged = self.company._interaction_number_never_logged()
        self.assertTrue(never_logged(NUMBER_ALICE))
        self.assertTrue(never_logged("0401234567"))
        self.assertFalse(never_logged(NUMBER_BOB))
        self.assertFalse(never_logged(False))

    # ------------------------------------------------------------------
    # Cost
    # ------------------------------------------------------------------

    def _contacts(self, count, prefix):
        return self.env["res.partner"].create(
            [
                {"name": f"{prefix} {i}", "mobile": f"+3584{prefix}{i:05d}"}
                for i in range(count)
            ]
        )

    def _count_queries(self, func):
        self.env.flush_all()
        self.env.invalidate_all()
        start = self.cr.sql_log_count
        func()
        self.env.flush_all()
        return self.cr.sql_log_count - start

    def test_query_count_independent_of_recipient_count(self):
        """Logging a text message to 20 contacts, or the composer's mass mode
        on 20 documents, costs the queries of 2."""

        def mass(partners):
            composer = (
                self.env["sms.composer"]
                .with_user(self.user_sales)
                .with_context(active_model="res.partner", active_ids=partners.ids)
                .create({"body": "Hi", "composition_mode": "mass"})
            )
            records = composer._get_records()
            values = composer._prepare_mass_sms_values(records)
            return lambda: composer._interaction_log_mass_sms(records, values)

        def chatter(partners):
            with self.mockSMSGateway():
                message = self.customer._message_sms("Hi", partner_ids=partners.ids)
            # As the hook finds them.
            notifications = self.env["mail.notification"].search(
                [("mail_message_id", "=", message.id)]
            )
            entries = self._entries(mail_message_id=message.id)
            entries.with_context(interaction_erasure=True).unlink()
            return lambda: message._interaction_log_sms(notifications)

        for prepare, prefix in ((mass, "1"), (chatter, "2")):
            self._count_queries(prepare(self._contacts(2, prefix + "0")))  # warm
            two = self._count_queries(prepare(self._contacts(2, prefix + "1")))
            twenty = prepare(self._contacts(20, prefix + "2"))
            self.env.flush_all()
            self.env.invalidate_all()
            with self.assertQueryCount(two):
                twenty()
                self.env.flush_all()
