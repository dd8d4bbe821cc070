from datetime import timedelta

from odoo import fields
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import InteractionCommon

INBOUND = """Return-Path: <{email_from}>
To: {to}
From: {email_from}
Subject: {subject}
Message-ID: <{msg_id}@acme.example.com>
{extra}MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Date: Tue, 24 Nov 2026 10:00:00 +0000

Hello, please call me back about the offer.
"""


BOUNCE = """From: MAILER-DAEMON@mx.acme.example.com
To: {to}
Subject: Undelivered Mail Returned to Sender
Message-ID: <dsn-1@mx.acme.example.com>
Date: Tue, 24 Nov 2026 10:05:00 +0000
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="DSN"

--DSN
Content-Type: text/plain; charset="utf-8"

Your message could not be delivered: mailbox unknown.

--DSN
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.acme.example.com

Final-Recipient: rfc822; {recipient}
Action: failed
Status: 5.1.1

--DSN
Content-Type: text/rfc822-headers

Message-ID: {original}
To: {recipient}
Subject: Price list

--DSN--
"""


@tagged("post_install", "-at_install")
class TestEmailInteractions(InteractionCommon):
    def _receive(self, raw):
        """Feed a raw RFC 822 message to the mail gateway, as the fetchmail
        cron does."""
        with self.mock_mail_gateway():
            self.env["mail.thread"].sudo().message_process(None, raw)

    def _post(self, record, partners, **kwargs):
        with self.mock_mail_gateway():
            message = record.with_user(self.user_employee).message_post(
                body="<p>Here is our price list.</p>",
                subject=kwargs.pop("subject", "Price list"),
                partner_ids=partners.ids,
                message_type="comment",
                subtype_xmlid=kwargs.pop("subtype_xmlid", "mail.mt_comment"),
                **kwargs,
            )
        return message

    def test_chatter_email_logs_each_recipient(self):
        message = self._post(self.customer, self.contact | self.contact_2)
        entries = self.Entry.search([("mail_message_id", "=", message.id)])
        self.assertEqual(entries.partner_id, self.contact | self.contact_2)
        for entry in entries:
            self.assertRecordValues(
                entry,
                [
                    {
                        "document_type_id": self.doc_email.id,
                        "template_id": self.template_email.id,
                        "channel": "email",
                        "subject": "Price list",
                        "contact_via": entry.partner_id.email,
                        "delivery_status": "sent",
                        "attempt_failed": False,
                        "res_model": "res.partner",
                        "res_id": self.customer.id,
                        "user_id": self.user_employee.id,
                    }
                ],
            )

    def test_queued_then_sent(self):
        """Outside of a forced send the entry exists while the mail waits in
        the queue and follows it once the mail server accepted it."""
        message = self._post(
            self.customer.with_context(mail_notify_force_send=False), self.contact
        )
        entry = self.Entry.search([("mail_message_id", "=", message.id)])
        self.assertEqual(entry.delivery_status, "queued")
        with self.mock_mail_gateway():
            self.env["mail.mail"].sudo().process_email_queue()
        self.assertEqual(entry.delivery_status, "sent")
        self.assertFalse(entry.attempt_failed)

    @mute_logger("odoo.addons.mail.models.mail_mail")
    def test_invalid_address_fails(self):
        broken = self.env["res.partner"].create(
            {"name": "Broken Address", "email": "not-an-address"}
        )
        message = self._post(self.customer, broken | self.contact)
        entries = self.Entry.search([("mail_message_id", "=", message.id)])
        failed = entries.filtered(lambda e: e.partner_id == broken)
        self.assertEqual(failed.delivery_status, "failed")
        self.assertTrue(failed.attempt_failed)
        ok = entries - failed
        self.assertEqual(ok.delivery_status, "sent")

    @mute_logger("odoo.addons.mail.models.mail_mail")
    def test_failed_email_says_why_and_leads_to_the_message(self):
        """The entry of a failed email shows the mail server's reason and
        opens the chatter's own failure dialog (recipients, Resend)."""
        broken = self.env["res.partner"].create(
            {"name": "Broken Address", "email": "not-an-address"}
        )
        message = self._post(self.customer, broken | self.contact)
        entries = self.Entry.search([("mail_message_id", "=", message.id)])
        failed = entries.filtered(lambda e: e.partner_id == broken)
        self.assertEqual(failed.delivery_failure, "Invalid email address")
        self.assertFalse((entries - failed).delivery_failure)

        action = failed.with_user(self.user_employee).action_open_message()
        self.assertEqual(action["res_model"], "mail.resend.message")
        wizard = (
            self.env["mail.resend.message"]
            .with_user(self.user_employee)
            .with_context(**action["context"])
            .create({})
        )
        self.assertEqual(wizard.mail_message_id, message)
        self.assertEqual(wizard.partner_ids.partner_id, broken)

    def test_never_logged(self):
        """Internal users, the sender, notes, channels and the never-log
        list are never logged."""
        self.company.interaction_never_log = (
            "*@blocked.example.com\nbob@acme.example.com"
        )
        blocked = self.env["res.partner"].create(
            {"name": "Blocked", "email": "anyone@blocked.example.com"}
        )
        self.user_admin.notification_type = "email"
        message = self._post(
            self.customer,
            self.contact
            | self.contact_2
            | blocked
            | self.partner_admin
            | self.user_employee.partner_id,
        )
        entries = self.Entry.search([("mail_message_id", "=", message.id)])
        self.assertEqual(entries.partner_id, self.contact)

        note = self._post(self.customer, self.contact, subtype_xmlid="mail.mt_note")
        self.assertFalse(self.Entry.search([("mail_message_id", "=", note.id)]))

        channel = self.env["discuss.channel"].create({"name": "Sales team"})
        channel.add_members(partner_ids=self.contact.ids)
        with self.mock_mail_gateway():
            chat = channel.message_post(body="hi", message_type="comment")
        self.assertFalse(self.Entry.search([("mail_message_id", "=", chat.id)]))

    def test_blank_template_logs_nothing_email_still_sent(self):
        self.doc_email.with_company(self.company).template_id = False
        message = self._post(self.customer, self.contact)
        self.assertFalse(self.Entry.search([("mail_message_id", "=", message.id)]))
        self.assertSentEmail(self.user_employee.partner_id, [self.contact])

    def test_scheduled_email_logged_once_when_sent(self):
        scheduled = fields.Datetime.now() + timedelta(hours=2)
        message = self._post(self.customer, self.contact, scheduled_date=scheduled)
        self.assertFalse(self.Entry.search([("mail_message_id", "=", message.id)]))
        schedule = (
            self.env["mail.message.schedule"]
            .sudo()
            .search([("mail_message_id", "=", message.id)])
        )
        self.assertTrue(schedule)
        with self.mock_mail_gateway():
            schedule._send_notifications()
        entries = self.Entry.search([("mail_message_id", "=", message.id)])
        self.assertEqual(len(entries), 1)
        self.assertEqual(entries.partner_id, self.contact)

    def test_inbound_email_logged(self):
        message = self._post(self.customer, self.contact)
        self._receive(
            INBOUND.format(
                email_from=self.contact.email,
                to=f"{self.alias_catchall}@{self.alias_domain}",
                subject="Re: Price list",
                extra=f"In-Reply-To: {message.message_id}\n",
                msg_id="reply-1",
            )
        )
        entry = self.Entry.search([("document_type_id.code", "=", "email_inbound")])
        self.assertRecordValues(
            entry,
            [
                {
                    "partner_id": self.contact.id,
                    "information_flow": "inbound",
                    "initiated_by": "them",
                    "channel": "email",
                    "res_model": "res.partner",
                    "res_id": self.customer.id,
                    "contact_via": self.contact.email,
                    "subject": "Re: Price list",
                }
            ],
        )

    def test_inbound_email_switched_off(self):
        self.company.interaction_log_inbound_email = False
        message = self._post(self.customer, self.contact)
        self._receive(
            INBOUND.format(
                email_from=self.contact.email,
                to=f"{self.alias_catchall}@{self.alias_domain}",
                subject="Re: Price list",
                extra=f"In-Reply-To: {message.message_id}\n",
                msg_id="reply-2",
            )
        )
        self.assertFalse(
            self.Entry.search([("document_type_id.code", "=", "email_inbound")])
        )

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_bounce_turns_sent_into_failed(self):
        message = self._post(self.customer, self.contact)
        entry = self.Entry.search([("mail_message_id", "=", message.id)])
        self.assertEqual(entry.delivery_status, "sent")
        # A delivery status notification (RFC 3464) naming the original
        # message and the recipient that bounced.
        self._receive(
            BOUNCE.format(
                to=f"{self.alias_bounce}@{self.alias_domain}",
                recipient=self.contact.email,
                original=message.message_id,
            )
        )
        self.assertEqual(entry.delivery_status, "failed")
        self.assertTrue(entry.attempt_failed)

    def test_direction_is_a_fact_not_the_template(self):
        """An email received is inbound and the contact's doing, an email
        sent outbound and ours, whichever template the setup picks."""
        template_in = self.env.ref("interaction_autolog.interaction_template_email_in")
        self.doc_email.with_company(self.company).template_id = template_in
        doc_inbound = self.env.ref("interaction_autolog.document_type_email_inbound")
        doc_inbound.with_company(self.company).template_id = self.template_email
        self.assertEqual(template_in.information_flow, "inbound")
        self.assertEqual(self.template_email.initiated_by, "us")

        message = self._post(self.customer, self.contact)
        sent = self.Entry.search([("mail_message_id", "=", message.id)])
        self.assertRecordValues(
            sent,
            [
                {
                    "template_id": template_in.id,
                    "information_flow": "outbound",
                    "initiated_by": "us",
                }
            ],
        )
        self._receive(
            INBOUND.format(
                email_from=self.contact.email,
                to=f"{self.alias_catchall}@{self.alias_domain}",
                subject="Re: Price list",
                extra=f"In-Reply-To: {message.message_id}\n",
                msg_id="reply-direction",
            )
        )
        received = self.Entry.search([("document_type_id", "=", doc_inbound.id)])
        self.assertRecordValues(
            received,
            [
                {
                    "template_id": self.template_email.id,
                    "information_flow": "inbound",
                    "initiated_by": "them",
                }
            ],
        )
        # An answer does not count as an attempt of ours.
        self.assertEqual(self.contact.last_attempt_date, sent.date)
        self.assertEqual(self.contact.last_interaction_date, received.date)

    # ------------------------------------------------------------------
    # Email templates a document type counts as sending it
    # ------------------------------------------------------------------

    def _contact_template(self):
        return self.env["mail.template"].create(
            {
                "name": "Contact sheet by email",
                "model_id": self.env.ref("base.model_res_partner").id,
                "partner_to": "{{ object.id }}",
                "subject": "Your contact sheet",
                "body_html": "<p>Please check your details.</p>",
            }
        )

    def _send_with_template(self, template, partners):
        """The composer with a template, as "Send Email" opens it on the
        contacts: one contact in comment mode, several in mass mode."""
        composer = Form(
            self.env["mail.compose.message"]
            .with_user(self.user_employee)
            .with_context(
                default_model="res.partner",
                default_res_ids=partners.ids,
                default_template_id=template.id,
                default_composition_mode="comment"
                if len(partners) == 1
                else "mass_mail",
            )
        ).save()
        with self.mock_mail_gateway():
            composer.action_send_mail()

    def test_template_listed_on_a_type_logs_that_type(self):
        template = self._contact_template()
        # The administrator lists the template on the type, in its form.
        with Form(self.doc_cover.with_user(self.user_interaction_manager)) as form:
            form.mail_template_ids.add(template)
        self.assertIn("mail_template_ids", self.doc_cover._customized())
        self._send_with_template(template, self.contact)
        entries = self.entries_of(self.contact)
        self.assertRecordValues(
            entries,
            [
                {
                    "document_type_id": self.doc_cover.id,
                    "template_id": self.template_cover.id,
                    "partner_id": self.contact.id,
                    "channel": "email",
                }
            ],
        )
        # Several contacts at once (the composer's mass mode): each one.
        self._send_with_template(template, self.contact_2 | self.customer)
        entries = self.entries_of(self.contact_2 | self.customer)
        self.assertEqual(entries.document_type_id, self.doc_cover)
        self.assertEqual(entries.partner_id, self.contact_2 | self.customer)

    def test_template_listed_on_no_type_is_a_plain_email(self):
        template = self._contact_template()
        self._send_with_template(template, self.contact)
        self.assertEqual(self.entries_of(self.contact).document_type_id, self.doc_email)
