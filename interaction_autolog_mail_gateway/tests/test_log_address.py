import email  # noqa: F401
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import LOG_MAIL_LOGGER, LogAddressCommon

OUTLOOK_FORWARD_HTML = """From: {email_from}
To: {to}
Subject: FW: Offer for the spring collection
Message-ID: <{msg_id}@mail.ourcompany.example.com>
Date: Mon, 02 Nov 2026 11:00:00 +0000
MIME-Version: 1.0
Content-Type: text/html; charset="utf-8"

<html><body>
<div><p class="MsoNormal">For the record.</p></div>
<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">
<p class="MsoNormal"><b>From:</b> Ernest Employee &lt;{user_email}&gt;<br>
<b>Sent:</b> Friday, October 30, 2026 2:15 PM<br>
<b>To:</b> <a href="mailto:alice@acme.example.com">Alice Buyer</a>;
Bob Accounts &lt;bob@acme.example.com&gt;<br>
<b>Subject:</b> Offer for the spring collection</p>
</div>
<p class="MsoNormal">Dear Alice, please find our offer below.</p>
</body></html>
"""

ATTACHED_FORWARD = """From: {email_from}
To: {to}
Subject: Fwd: Delivery dates
Message-ID: <{msg_id}@mail.ourcompany.example.com>
Date: Mon, 02 Nov 2026 12:00:00 +0000
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="OUTER"

--OUTER
Content-Type: text/plain; charset="utf-8"

Logging this one.

--OUTER
Content-Type: message/rfc822
Content-Disposition: attachment; filename="Delivery dates.eml"

From: {original_from}
To: Alice Buyer <alice@acme.example.com>
Cc: bob@acme.example.com
Subject: Delivery dates
Message-ID: <original-{msg_id}@mail.example.com>
Date: Wed, 28 Oct 2026 08:00:00 +0000
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

The goods leave our warehouse on Friday.

--OUTER--
"""


# The emails of these tests are dated early November 2026: received the
# next day, well within what the log address believes of a date.
@freeze_time("2026-11-03 12:00:00")
@tagged("post_install", "-at_install")
class TestLogAddress(LogAddressCommon):
    # ------------------------------------------------------------------
    # Where the log address shows
    # ------------------------------------------------------------------

    def test_bcc_seen_only_in_delivered_to(self):
        raw = self._bcc(
            "Alice Buyer <alice@acme.example.com>",
            cc="Bob Accounts <bob@acme.example.com>",
        )
        self.assertNotIn(
            self.log_address, raw.split("Delivered-To")[1].split("\n", 1)[1]
        )
        self._receive(raw)
        log_mail = self.LogMail.search([])
        self.assertEqual(len(log_mail), 1)
        # The message itself is kept: subject, body, on the logged email.
        message = log_mail.mail_message_id
        self.assertEqual(message.model, log_mail._name)
        self.assertEqual(message.res_id, log_mail.id)
        self.assertEqual(message.subject, "Our offer")
        self.assertIn("here is our offer", message.body)
        self.assertEqual(message.author_id, self.partner_employee)
        self.assertEqual(message.message_type, "email")
        self.assertRecordValues(
            log_mail,
            [
                {
                    "name": "Our offer",
                    "user_id": self.user_employee.id,
                    "company_id": self.company.id,
                    "source": "copy",
                    "direction": "outbound",
                    "date": datetime(2026, 11, 2, 9, 30),
                    "skipped_addresses": False,
                }
            ],
        )
        self.assertEqual(log_mail.partner_ids, self.contact | self.contact_2)
        entries = self.assert_outbound(
            log_mail,
            self.contact | self.contact_2,
            {
                self.contact: "alice@acme.example.com",
                self.contact_2: "bob@acme.example.com",
            },
        )
        # Logged when it was written, not when it was fetched.
        self.assertEqual(set(entries.mapped("date")), {datetime(2026, 11, 2, 9, 30)})
        self.assertEqual(log_mail.interaction_log_count, 2)
        # Nothing is sent: no bounce, no notification to anyone.
        self.assertFalse(self._mails)
        self.assertFalse(log_mail.message_partner_ids)

    def test_log_address_in_any_recipient_header(self):
        cases = {
            "X-Original-To (Postfix)": f"X-Original-To: {self.log_address}\n",
            "Bcc kept by the client": f"Bcc: {self.log_address}\n",
            "Cc, visible": f"Cc: {self.log_address}\n",
            "Envelope-To (Exim)": f"Envelope-To: {self.log_address.upper()}\n",
        }
        for label, headers in cases.items():
            with self.subTest(label):
                raw = self._email(
                    "Alice Buyer <alice@acme.example.com>", headers=headers
                )
                self._receive(raw)
                log_mail = self.LogMail.search([], limit=1)
                self.assertEqual(self._entries(log_mail).partner_id, self.contact)
        self.assertEqual(self.LogMail.search_count([]), len(cases))

    def test_dedicated_mailbox_creating_logged_emails(self):
        # An incoming mail server set to create Logged Emails: the mailbox
        # is the log address, no header names it.
        self._receive(
            self._email("Alice Buyer <alice@acme.example.com>"),
            model="interaction.log.mail",
        )
        log_mail = self.LogMail.search([])
        self.assertEqual(log_mail.company_id, self.company)
        self.assertEqual(self._entries(log_mail).partner_id, self.contact)

    def test_other_emails_are_not_intercepted(self):
        # A new email to the catchall address is handled by Odoo as before.
        with (
            self.assertRaises(ValueError),
            mute_logger("odoo.addons.mail.models.mail_thread"),
        ):
            self._receive(self._email(f"someone.else@{self.alias_domain}"))
        self.assertFalse(self.LogMail.search([]))

    # ------------------------------------------------------------------
    # Who is logged
    # ------------------------------------------------------------------

    def test_known_unknown_never_logged_and_colleagues(self):
        self.company.interaction_never_log = "bob@acme.example.com"
        raw = self._bcc(
            "Alice Buyer <alice@acme.example.com>, Nina New <nina@newco.example.com>",
            cc=(
                "Bob Accounts <bob@acme.example.com>, "
                "Carla Colleague <carla@ourcompany.example.com>, "
                f"catchall <{self.alias_catchall}@{self.alias_domain}>"
            ),
        )
        partners_before = self.env["res.partner"].search_count([])
        self._receive(raw)
        log_mail = self.LogMail.search([])
        self.assert_outbound(
            log_mail, self.contact, {self.contact: "alice@acme.example.com"}
        )
        self.assertEqual(log_mail.partner_ids, self.contact)
        self.assertEqual(
            log_mail.skipped_addresses.splitlines(),
            [
                "bob@acme.example.com: on the never-log list",
                "nina@newco.example.com: no contact with this address",
            ],
        )
        self.assertEqual(self.env["res.partner"].search_count([]), partners_before)

    def test_unknown_addresses_become_contacts_when_set(self):
        self.company.write(
            {
                "interaction_log_alias_create_contact": True,
                "interaction_never_log": "*@spam.example.com",
            }
        )
        self._receive(
            self._bcc(
                "Nina New <nina@newco.example.com>, junk@spam.example.com",
                cc="Alice Buyer <alice@acme.example.com>",
            )
        )
        nina = self.env["res.partner"].search(
            [("email", "=", "nina@newco.example.com")]
        )
        self.assertEqual(nina.name, "Nina New")
        self.assertFalse(
            self.env["res.partner"].search(
                [("email_normalized", "=", "junk@spam.example.com")]
            )
        )
        log_mail = self.LogMail.search([])
        self.assertEqual(self._entries(log_mail).partner_id, self.contact | nina)
        self.assertEqual(
            log_mail.skipped_addresses, "junk@spam.example.com: on the never-log list"
        )

    def test_blank_template_keeps_the_email_logs_nothing(self):
        self.doc_email.with_company(self.company).template_id = False
        self._receive(self._bcc("Alice Buyer <alice@acme.example.com>"))
        log_mail = self.LogMail.search([])
        self.assertTrue(log_mail.mail_message_id)
        self.assertFalse(self._entries(log_mail))

    # ------------------------------------------------------------------
    # Forwarded emails: the recipients are in the body or the attachment
    # ------------------------------------------------------------------

    def test_forward_inline_gmail(self):
        body = (
            "For the record.\n\n"
            "---------- Forwarded message ---------\n"
            "From: Ernest Employee <ernest@ourcompany.example.com>\n"
            "Date: Thu, Oct 29, 2026 at 3:05 PM\n"
            "Subject: Price list 2027\n"
            "To: Alice Buyer <alice@acme.example.com>\n"
            "Cc: Bob Accounts <bob@acme.example.com>, "
            "Carla Colleague <carla@ourcompany.example.com>\n\n"
            "Dear Alice, our new price list is attached.\n"
        )
        self._receive(
            self._email(self.log_address, subject="Fwd: Price list 2027", body=body)
        )
        log_mail = self.LogMail.search([])
        self.assertRecordValues(
            log_mail,
            [
                {
                    "name": "Price list 2027",
                    "source": "forward",
                    "direction": "outbound",
                    "email_to": "Alice Buyer <alice@acme.example.com>",
                    # Read in the user's time zone (the test user's is UTC).
                    "date": datetime(2026, 10, 29, 15, 5),
                }
            ],
        )
        self.assert_outbound(
            log_mail,
            self.contact | self.contact_2,
            {
                self.contact: "alice@acme.example.com",
                self.contact_2: "bob@acme.example.com",
            },
        )

    def test_forward_inline_outlook_html(self):
        self.msg_count += 1
        self._receive(
            OUTLOOK_FORWARD_HTML.format(
                email_from="Ernest Employee <ernest@ourcompany.example.com>",
                to=f"Log <{self.log_address}>",
                user_email="ernest@ourcompany.example.com",
                msg_id=f"log-{self.msg_count}",
            )
        )
        log_mail = self.LogMail.search([])
        self.assertEqual(log_mail.source, "forward")
        self.assertEqual(log_mail.name, "Offer for the spring collection")
        self.assertEqual(log_mail.date, datetime(2026, 10, 30, 14, 15))
        self.assert_outbound(
            log_mail,
            self.contact | self.contact_2,
            {
                self.contact: "alice@acme.example.com",
                self.contact_2: "bob@acme.example.com",
            },
        )

    def test_forward_as_attachment(self):
        self.msg_count += 1
        self._receive(
            ATTACHED_FORWARD.format(
                email_from="ernest@ourcompany.example.com",
                to=self.log_address,
                original_from="Ernest Employee <ernest@ourcompany.example.com>",
                msg_id=f"log-{self.msg_count}",
            )
        )
        log_mail = self.LogMail.search([])
        self.assertRecordValues(
            log_mail,
            [
                {
                    "name": "Delivery dates",
                    "source": "attachment",
                    "direction": "outbound",
                    "date": datetime(2026, 10, 28, 8, 0),
                }
            ],
        )
        self.assert_outbound(
            log_mail,
            self.contact | self.contact_2,
            {
                self.contact: "alice@acme.example.com",
                self.contact_2: "bob@acme.example.com",
            },
        )
        # The attached email is kept with the message.
        self.assertTrue(log_mail.mail_message_id.attachment_ids)

    def test_forwarded_email_from_a_contact_logged_as_received(self):
        self.msg_count += 1
        self._receive(
            ATTACHED_FORWARD.format(
                email_from="ernest@ourcompany.example.com",
                to=self.log_address,
                original_from="Alice Buyer <alice@acme.example.com>",
                msg_id=f"log-{self.msg_count}",
            )
        )
        log_mail = self.LogMail.search([])
        self.assertEqual(log_mail.direction, "inbound")
        entry = self._entries(log_mail)
        self.assertRecordValues(
            entry,
            [
                {
                    "partner_id": self.contact.id,
                    "document_type_id": self.env.ref(
                        "interaction_autolog.document_type_email_inbound"
                    ).id,
                    "information_flow": "inbound",
                    "initiated_by": "them",
                    "channel": "email",
                    "contact_via": "alice@acme.example.com",
                    "user_id": self.user_employee.id,
                }
            ],
        )

    # ------------------------------------------------------------------
    # Odoo's loop protection never bounces a busy user
    # ------------------------------------------------------------------

    def test_busy_user_never_bounced(self):
        # Odoo bounces a sender after 20 new records of one model in 2 hours.
        get_param = self.env["ir.config_parameter"].sudo().get_param
        threshold = int(get_param("mail.gateway.loop.threshold", 20))
        self.assertLess(threshold, 25)
        with self.mock_mail_gateway():
            for index in range(25):
                raw = self._bcc(
                    "Alice Buyer <alice@acme.example.com>",
                    cc="Bob Accounts <bob@acme.example.com>",
                    subject=f"Follow-up {index}",
                )
                self.env["mail.thread"].sudo().message_process(
                    None, self._authenticated(raw)
                )
            self.assertFalse(self._mails, "nothing sent back, no bounce")
        log_mails = self.LogMail.search([])
        self.assertEqual(len(log_mails), 25)
        entries = self._entries(log_mails)
        self.assertEqual(len(entries), 50)
        self.assertEqual(len(entries.mail_message_id), 25)

    def test_queries_do_not_grow_with_recipients(self):
        contacts = self.env["res.partner"].create(
            [
                {
                    "name": f"Contact {index}",
                    "email": f"contact{index}@acme.example.com",
                }
                for index in range(10)
            ]
        )

        def queries_for(partners):
            to = ", ".join(f"{p.name} <{p.email}>" for p in partners)
            raw = self._bcc(to, subject=f"To {len(partners)}")
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            self._receive(raw)
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        queries_for(contacts[:1])  # warm the caches
        few = queries_for(contacts[:2])
        many = queries_for(contacts)
        self.assertEqual(len(self.Entry.sudo().search([])), 13)
        # Ten contacts cost what two do, give or take a query per contact
        # for Odoo's own recipient bookkeeping on the message.
        self.assertLessEqual(many - few, 8, f"{few} queries for 2, {many} for 10")
        # The whole gateway run (parse, route, keep, log): 37 queries here.
        self.assertLessEqual(many, 60)

    def test_logged_emails_read_by_their_author_and_managers_only(self):
        self._receive(self._bcc("Alice Buyer <alice@acme.example.com>"))
        log_mail = self.LogMail.search([])
        # The author reads it, its message and the entries it logged.
        mine = log_mail.with_user(self.user_employee)
        self.assertEqual(mine.name, "Our offer")
        self.assertIn("here is our offer", mine.message_ids.body)
        entry = self._entries(log_mail).with_user(self.user_employee)
        action = entry.action_open_document()
        self.assertEqual(
            (action["res_model"], action["res_id"]), (log_mail._name, log_mail.id)
        )
        with self.assertRaises(AccessError):
            mine.write({"name": "Changed"})
        # An interaction administrator reads everyone's.
        self.assertEqual(
            log_mail.with_user(self.user_interaction_manager).name, "Our offer"
        )
        # A colleague sees the entry, not the email itself.
        self.assertEqual(
            self.LogMail.with_user(self.colleague).search([]), self.LogMail
        )
        with self.assertRaises(AccessError):
            log_mail.with_user(self.colleague).read(["name"])
        portal = self._create_portal_user()
        with self.assertRaises(AccessError):
            self.LogMail.with_user(portal).browse(log_mail.id).read(["name"])

    # ------------------------------------------------------------------
    # Only users: others are refused, replies still reach their thread
    # ------------------------------------------------------------------

    def test_sender_not_a_user_refused(self):
        senders = {
            "stranger": "Mallory <mallory@elsewhere.example.com>",
            "contact": "Alice Buyer <alice@acme.example.com>",
            "portal user": f"Chell <{self._create_portal_user().email}>",
        }
        for label, sender in senders.items():
            with self.subTest(label):
                with mute_logger(LOG_MAIL_LOGGER):
                    self._receive(
                        self._bcc(
                            "Bob Accounts <bob@acme.example.com>", email_from=sender
                        )
                    )
                self.assertFalse(self.LogMail.search([]))
                self.assertFalse(self.Entry.sudo().search([]))
                # Told politely why, by a bounce the gateway recognises.
                self.assertEqual(len(self._mails), 1)
                bounce = self._mails[0]
                self.assertIn(sender.split("<")[1].rstrip(">"), bounce["email_to"][0])
                self.assertIn("keeps a record of the emails", bounce["body"])
                self.assertIn("loop-detection-bounce-email", bounce["references"])

    def test_robot_refused_silently(self):
        with mute_logger(LOG_MAIL_LOGGER):
            self._receive(
                self._email(
                    "Bob Accounts <bob@acme.example.com>",
                    email_from="Mallory <mallory@elsewhere.example.com>",
                    headers=(
                        "Auto-Submitted: auto-replied\n"
                        f"Delivered-To: {self.log_address}\n"
                    ),
                )
            )
        self.assertFalse(self.LogMail.search([]))
        self.assertFalse(self._mails)

    def test_user_of_another_company_refused(self):
        other = self.env["res.company"].create({"name": "Other Company"})
        outsider = mail_new_test_user(
            self.env,
            login="outsider",
            email="oscar@othercompany.example.com",
            groups="base.group_user",
            company_id=other.id,
        )
        with mute_logger(LOG_MAIL_LOGGER):
            self._receive(
                self._bcc(
                    "Bob Accounts <bob@acme.example.com>", email_from=outsider.email
                )
            )
        self.assertFalse(self.LogMail.search([]))

    def test_reply_to_chatter_email_still_logged_received(self):
        with self.mock_mail_gateway():
            message = self.customer.with_user(self.user_employee).message_post(
                body="<p>Here is our price list.</p>",
                subject="Price list",
                partner_ids=self.contact.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self._receive(
            self._email(
                f"{self.alias_catchall}@{self.alias_domain}",
                email_from="Alice Buyer <alice@acme.example.com>",
                headers=f"In-Reply-To: {message.message_id}\n",
                subject="Re: Price list",
            )
        )
        entry = self.Entry.sudo().search(
            [("document_type_id.code", "=", "email_inbound")]
        )
        self.assertRecordValues(
            entry,
            [
                {
                    "partner_id": self.contact.id,
                    "res_model": "res.partner",
                    "res_id": self.customer.id,
                    "information_flow": "inbound",
                }
            ],
        )
        self.assertFalse(self.LogMail.search([]))

    def test_reply_all_to_logged_email_logged_received(self):
        # The user had the log address in Cc, visible: the contact's reply to
        # all reaches it too. It is not refused: it joins the logged email.
        self._receive(
            self._email(
                "Alice Buyer <alice@acme.example.com>",
                headers=f"Cc: Log <{self.log_address}>\n",
            )
        )
        log_mail = self.LogMail.search([])
        sent = log_mail.mail_message_id
        self._receive(
            self._email(
                "Ernest Employee <ernest@ourcompany.example.com>",
                email_from="Alice Buyer <alice@acme.example.com>",
                headers=(
                    f"Cc: Log <{self.log_address}>\nIn-Reply-To: {sent.message_id}\n"
                ),
                subject="Re: Our offer",
                body="Thanks, we will order next week.",
            )
        )
        self.assertEqual(self.LogMail.search([]), log_mail)
        self.assertFalse(self._mails, "neither refused nor notified")
        reply = log_mail.message_ids.filtered(lambda m: m.subject == "Re: Our offer")
        self.assertEqual(reply.author_id, self.contact)
        received = self.Entry.sudo().search([("mail_message_id", "=", reply.id)])
        self.assertRecordValues(
            received,
            [
                {
                    "partner_id": self.contact.id,
                    "document_type_id": self.env.ref(
                        "interaction_autolog.document_type_email_inbound"
                    ).id,
                    "information_flow": "inbound",
                    "initiated_by": "them",
                    "res_model": log_mail._name,
                    "res_id": log_mail.id,
                }
            ],
        )

    def test_user_reply_to_odoo_thread_posted_notified_logged_once(self):
        # A user answers, from Outlook, an email Odoo sent from a contact's
        # chatter (To: its reply-to, the catchall), with the log address in
        # Bcc: Odoo posts it on the chatter and sends it to the followers as
        # it would without the log address; each contact is logged once.
        self.customer.message_subscribe(partner_ids=self.contact.ids)
        with self.mock_mail_gateway():
            message = self.customer.with_user(self.user_employee).message_post(
                body="<p>Here is our price list.</p>",
                subject="Price list",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        chatter_before = self.customer.message_ids
        self._receive(
            self._email(
                f"{self.alias_catchall}@{self.alias_domain}",
                headers=(
                    f"Delivered-To: {self.log_address}\n"
                    f"Cc: Bob Accounts <bob@acme.example.com>\n"
                    f"In-Reply-To: {message.message_id}\n"
                ),
                subject="Re: Price list",
            )
        )
        reply = self.customer.message_ids - chatter_before
        self.assertEqual(len(reply), 1, "posted on the contact's chatter")
        self.assertEqual(reply.author_id, self.user_employee.partner_id)
        self.assertSentEmail(self.user_employee.partner_id, [self.contact])
        # Alice, a follower, was logged by the email Odoo sent her; Bob, in
        # Cc of the user's own email, by the log address.
        log_mail = self.LogMail.search([])
        self.assertEqual(log_mail.partner_ids, self.contact_2)
        entries = self.Entry.sudo().search(
            [("mail_message_id", "in", (reply | log_mail.mail_message_id).ids)]
        )
        self.assertEqual(
            sorted(entries.mapped(lambda e: (e.partner_id.name, e.res_model))),
            [("Alice Buyer", "res.partner"), ("Bob Accounts", log_mail._name)],
        )

    def test_other_alias_in_copy_still_creates_its_document(self):
        self.env["mail.alias"].create(
            {
                "alias_name": "newcontacts",
                "alias_model_id": self.env["ir.model"]._get_id("res.partner"),
                "alias_domain_id": self.mail_alias_domain.id,
            }
        )
        self._receive(
            self._bcc(
                "Alice Buyer <alice@acme.example.com>",
                cc=f"newcontacts@{self.alias_domain}",
                subject="Otto Newcomer",
            )
        )
        self.assertEqual(
            self._entries(self.LogMail.search([])).partner_id, self.contact
        )
        self.assertTrue(
            self.env["res.partner"].search([("name", "=", "Otto Newcomer")])
        )

    # ------------------------------------------------------------------
    # Settings ▸ Interactions ▸ Log Address
    # ------------------------------------------------------------------

    def _set_in_settings(self, name):
        settings = Form(self.env["res.config.settings"].with_user(self.user_admin))
        settings.interaction_log_alias_name = name
        settings.save().execute()

    def test_settings_create_rename_remove_log_address(self):
        self.company._interaction_set_log_alias(False)
        self.assertFalse(self.alias.exists())
        self._set_in_settings("Sales Log")
        alias = self.company.interaction_log_alias_id
        self.assertRecordValues(
            alias,
            [
                {
                    "alias_name": "sales-log",
                    "alias_full_name": f"sales-log@{self.alias_domain}",
                    "alias_model_id": self.env["ir.model"]._get_id(
                        "interaction.log.mail"
                    ),
                    "alias_defaults": repr({"company_id": self.company.id}),
                }
            ],
        )
        settings = self.env["res.config.settings"].with_user(self.user_admin).create({})
        self.assertEqual(settings.interaction_log_alias_name, "sales-log")
        self.assertEqual(settings.interaction_log_alias_domain, self.alias_domain)
        # It works at once.
        self._receive(
            self._email(
                "Alice Buyer <alice@acme.example.com>",
                headers=f"Delivered-To: sales-log@{self.alias_domain}\n",
            )
        )
        self.assertEqual(len(self.LogMail.search([])), 1)

        self._set_in_settings("journal")
        self.assertEqual(self.company.interaction_log_alias_id, alias)
        self.assertEqual(alias.alias_full_name, f"journal@{self.alias_domain}")

        self._set_in_settings(False)
        self.assertFalse(self.company.interaction_log_alias_id)
        self.assertFalse(alias.exists())

    def test_settings_address_already_used(self):
        self.env["mail.alias"].create(
            {
                "alias_name": "taken",
                "alias_model_id": self.env["ir.model"]._get_id("res.partner"),
                "alias_domain_id": self.mail_alias_domain.id,
            }
        )
        with self.assertRaises(UserError):
            self._set_in_settings("taken")
        self.assertEqual(self.company.interaction_log_alias_id, self.alias)
        self.assertEqual(self.alias.alias_name, "log")
