"""The log address never costs the conversation it rides on, believes only
senders a trusted mail server vouches for, and forgets a contact on
request. Every email goes through the real mail gateway (message_process)."""

from freezegun import freeze_time

from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import LOG_MAIL_LOGGER, LogAddressCommon

ATTACHED_FORWARD_DATED = """From: Ernest Employee <ernest@ourcompany.example.com>
To: {to}
Subject: Fwd: Old news
Message-ID: <{msg_id}@mail.ourcompany.example.com>
Date: Mon, 02 Nov 2026 12:00:00 +0000
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="OUTER"

--OUTER
Content-Type: text/plain; charset="utf-8"

Logging this one.

--OUTER
Content-Type: message/rfc822

From: Alice Buyer <alice@acme.example.com>
To: Ernest Employee <ernest@ourcompany.example.com>
Subject: Old news
Message-ID: <original-{msg_id}@mail.example.com>
Date: {date}
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

Written long ago, or never.

--OUTER--
"""


@freeze_time("2026-11-03 12:00:00")
@tagged("post_install", "-at_install")
class TestLogAddressSafety(LogAddressCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Another alias of the company, as a helpdesk or sales address.
        cls.partner_alias = cls.env["mail.alias"].create(
            {
                "alias_name": "newcontacts",
                "alias_model_id": cls.env["ir.model"]._get_id("res.partner"),
                "alias_domain_id": cls.mail_alias_domain.id,
            }
        )

    # ------------------------------------------------------------------
    # The conversation first
    # ------------------------------------------------------------------

    def test_lead_created_as_without_log_address(self):
        if "crm.lead" not in self.env:
            self.skipTest("CRM is not installed")
        team = self.env["crm.team"].create(
            {"name": "Sales", "alias_name": "sales", "use_leads": True}
        )
        self.assertTrue(team.alias_id.alias_full_name)
        self._receive(
            self._bcc(
                f"Sales <{team.alias_id.alias_full_name}>",
                cc="Alice Buyer <alice@acme.example.com>",
                subject="Lead for the spring fair",
            )
        )
        lead = self.env["crm.lead"].search([("name", "=", "Lead for the spring fair")])
        self.assertEqual(len(lead), 1, "the sales alias created its lead")
        self.assertEqual(lead.team_id, team)
        log_mail = self.LogMail.search([])
        self.assertEqual(self._entries(log_mail).partner_id, self.contact)
        self.assertEqual(
            self.Entry.sudo().search_count([("partner_id", "=", self.contact.id)]),
            1,
            "logged once",
        )

    def test_stranger_loses_only_the_log_route(self):
        # Anyone may write to the other alias; the log address is for users.
        with mute_logger(LOG_MAIL_LOGGER):
            self._receive(
                self._bcc(
                    f"newcontacts@{self.alias_domain}",
                    email_from="Mallory <mallory@elsewhere.example.com>",
                    subject="Martha Stranger",
                )
            )
        self.assertTrue(
            self.env["res.partner"].search([("name", "=", "Martha Stranger")]),
            "the other alias still received it",
        )
        self.assertFalse(self.LogMail.search([]))
        self.assertFalse(self._mails, "no refusal while another alias accepted it")

    def test_absurd_dates_still_logged(self):
        for date in (
            "Mon, 01 Jan 0001 00:00:00 +0200",
            "Fri, 31 Dec 9999 23:59:59 -1200",
            "31 Feb 2026 99:99:99 +0000",
            "Thu, Oct 29, 0001 at 3:05 PM",
        ):
            with self.subTest(date=date):
                self.msg_count += 1
                raw = ATTACHED_FORWARD_DATED.format(
                    to=self.log_address, msg_id=f"absurd-{self.msg_count}", date=date
                )
                self._receive(raw)
                log_mail = self.LogMail.search(
                    [("message_ids.message_id", "like", f"absurd-{self.msg_count}@")]
                )
                self.assertEqual(len(log_mail), 1, "kept")
                self.assertEqual(log_mail.name, "Old news")
                self.assertEqual(self._entries(log_mail).partner_id, self.contact)
                self.assertLessEqual(log_mail.date, self.env.cr.now())

    def test_broken_forward_still_routed(self):
        # A forwarded block whose header lines are garbage, a broken
        # encoded-word in the subject: the email is logged as it came.
        body = (
            "---------- Forwarded message ---------\n"
            "From: =?utf-8?q?=ZZ=broken?= <\n"
            "Date: \x00\x00\n"
            "To: ,,,;;;<<>>\n\n"
            "Text.\n"
        )
        self._receive(
            self._email(
                self.log_address,
                subject="=?utf-8?b?not base64?= Fwd: broken",
                body=body,
            )
        )
        self.assertEqual(len(self.LogMail.search([])), 1)

    def test_old_claimed_date_logged_at_receipt(self):
        self._receive(
            ATTACHED_FORWARD_DATED.format(
                to=self.log_address,
                msg_id="old",
                date="Fri, 04 Sep 2026 10:00:00 +0000",
            )
        )
        log_mail = self.LogMail.search([])
        self.assertEqual(str(log_mail.date), "2026-11-03 12:00:00")
        self.assertEqual(str(log_mail.claimed_date), "2026-09-04 10:00:00")
        entry = self._entries(log_mail)
        self.assertEqual(str(entry.date), "2026-11-03 12:00:00")
        self.assertIn("2026-09-04 10:00:00", entry.note)
        # Within 30 days, the claimed date is the date.
        self._receive(
            ATTACHED_FORWARD_DATED.format(
                to=self.log_address,
                msg_id="recent",
                date="Mon, 12 Oct 2026 10:00:00 +0000",
            )
        )
        recent = self.LogMail.search([]) - log_mail
        self.assertEqual(str(recent.date), "2026-10-12 10:00:00")
        self.assertFalse(recent.claimed_date)

    def test_concurrent_update_keeps_the_email_and_retries(self):
        # Another transaction (a second fetchmail worker) takes the version
        # counter of the next logged email and commits while this one is
        # running: logging it then fails with a serialization error, as in
        # production under load. The email must still land.
        self.env.cr.execute("SELECT last_value FROM interaction_log_mail_id_seq")
        next_id = self.env.cr.fetchone()[0] + 1
        doc_type = self.doc_email.id
        with self.registry.cursor() as other:
            other.execute(
                "INSERT INTO interaction_log_version"
                " (res_model, res_id, document_type_id, last_version)"
                " VALUES ('interaction.log.mail', %s, %s, 7)",
                [next_id, doc_type],
            )
        try:
            with mute_logger(LOG_MAIL_LOGGER):
                self._receive(self._bcc("Alice Buyer <alice@acme.example.com>"))
        finally:
            with self.registry.cursor() as other:
                other.execute(
                    "DELETE FROM interaction_log_version"
                    " WHERE res_model = 'interaction.log.mail' AND res_id = %s",
                    [next_id],
                )
        log_mail = self.LogMail.search([])
        self.assertEqual(log_mail.id, next_id)
        self.assertTrue(log_mail.log_pending, "to be logged again")
        self.assertIn("here is our offer", log_mail.message_ids.body, "kept")
        cron = self.env.ref(
            "interaction_autolog_mail_gateway.ir_cron_interaction_log_mail_retry"
        )
        self.assertTrue(
            self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]),
            "retried soon",
        )

    def test_retry_logs_pending_emails(self):
        self._receive(self._bcc("Alice Buyer <alice@acme.example.com>"))
        log_mail = self.LogMail.search([])
        self._entries(log_mail).with_context(interaction_erasure=True).sudo().unlink()
        log_mail.write({"log_pending": True, "partner_ids": [(5,)]})
        self.LogMail._cron_retry_logging()
        self.assertFalse(log_mail.log_pending)
        self.assertEqual(self._entries(log_mail).partner_id, self.contact)

    # ------------------------------------------------------------------
    # Only real senders
    # ------------------------------------------------------------------

    def _receive_with(self, header, **kwargs):
        raw = self._bcc("Alice Buyer <alice@acme.example.com>", **kwargs)
        if header:
            raw = f"Authentication-Results: {header}\n{raw}"
        with mute_logger(LOG_MAIL_LOGGER):
            self._receive(raw, auth=False)
        return self.LogMail.search([])

    def test_trusted_pass_logged(self):
        domain = self.alias_domain
        for header in (
            f"mx.{domain}; dmarc=pass header.from=ourcompany.example.com",
            f"{domain}; dkim=pass (good signature) header.d=ourcompany.example.com",
            f"smtp.{domain}; spf=pass smtp.mailfrom=ernest@ourcompany.example.com",
            # A parent domain's signature vouches for a subdomain's sender.
            f"mx.{domain}; dkim=pass header.d=example.com",
        ):
            with self.subTest(header=header):
                log_mail = self._receive_with(header)
                self.assertEqual(len(log_mail), 1)
                self.assertEqual(self._entries(log_mail).partner_id, self.contact)
                log_mail.message_ids.unlink()
                self._entries(log_mail).with_context(
                    interaction_erasure=True
                ).sudo().unlink()
                log_mail.unlink()

    def test_untrusted_or_missing_results_refused(self):
        for header in (
            None,
            # Anyone can write this header: not one of the company's servers.
            "mx.attacker.example.net; dmarc=pass header.from=ourcompany.example.com",
            # A look-alike of the alias domain.
            f"evil{self.alias_domain}; dmarc=pass header.from=ourcompany.example.com",
            # Passing for another domain says nothing of the From domain.
            f"mx.{self.alias_domain}; dkim=pass header.d=attacker.example.net",
            f"mx.{self.alias_domain}; none",
        ):
            with self.subTest(header=header):
                self.assertFalse(self._receive_with(header))
                self.assertFalse(self.Entry.sudo().search([]))
                self.assertFalse(self._mails, "no reply")
                self.assertFalse(
                    self.env["res.partner"].search(
                        [
                            ("email", "=", "alice@acme.example.com"),
                            ("id", "!=", self.contact.id),
                        ]
                    )
                )

    def test_trusted_fail_logs_and_answers_nothing(self):
        self.company.write(
            {
                "interaction_log_alias_require_auth": False,
                "interaction_log_alias_create_contact": True,
            }
        )
        for header in (
            f"mx.{self.alias_domain}; dmarc=fail header.from=ourcompany.example.com",
            f"mx.{self.alias_domain}; spf=fail smtp.mailfrom=ourcompany.example.com",
        ):
            for sender in (None, "Mallory <mallory@ourcompany.example.com>"):
                with self.subTest(header=header, sender=sender):
                    raw = self._bcc(
                        "Nina New <nina@newco.example.com>", email_from=sender
                    )
                    with mute_logger(LOG_MAIL_LOGGER):
                        self._receive(
                            f"Authentication-Results: {header}\n{raw}", auth=False
                        )
                    self.assertFalse(self.LogMail.search([]))
                    self.assertFalse(self._mails, "no reply to a forged address")
                    self.assertFalse(
                        self.env["res.partner"].search(
                            [("email", "=", "nina@newco.example.com")]
                        )
                    )

    def test_settings_checkbox_and_sender_settings(self):
        settings = Form(self.env["res.config.settings"].with_user(self.user_admin))
        # The core's "Log Address" checkbox is ticked: this addon is there.
        self.assertTrue(settings.module_interaction_autolog_mail_gateway)
        self.assertTrue(settings.interaction_log_alias_require_auth)
        settings.interaction_log_alias_require_auth = False
        settings.interaction_log_alias_trusted_servers = "mx.google.com"
        settings.save().execute()
        self.assertFalse(self.company.interaction_log_alias_require_auth)
        self.assertEqual(
            self.company.interaction_log_alias_trusted_servers, "mx.google.com"
        )

    def test_require_authenticated_senders_off(self):
        self.company.interaction_log_alias_require_auth = False
        log_mail = self._receive_with(None)
        self.assertEqual(self._entries(log_mail).partner_id, self.contact)

    def test_admin_lists_more_trusted_servers(self):
        header = "mx.google.com; dkim=pass header.i=@ourcompany.example.com"
        self.assertFalse(self._receive_with(header))
        self.company.interaction_log_alias_trusted_servers = "mx.google.com\n"
        log_mail = self._receive_with(header)
        self.assertEqual(self._entries(log_mail).partner_id, self.contact)

    def test_unknown_contacts_created_at_most_twenty(self):
        other = self.env["res.company"].create({"name": "Other Company"})
        self.assertNotEqual(self.env.company, other)
        self.company.interaction_log_alias_create_contact = True
        to = ", ".join(f"New {n} <new{n}@newco.example.com>" for n in range(25))
        self._receive(self._bcc(to))
        created = self.env["res.partner"].search(
            [("email", "like", "@newco.example.com")]
        )
        self.assertEqual(len(created), 20)
        self.assertEqual(created.company_id, self.company)
        log_mail = self.LogMail.search([])
        self.assertEqual(log_mail.partner_ids, created)
        self.assertEqual(
            [code for _address, code in log_mail.skipped_reasons], ["too_many"] * 5
        )
        self.assertIn("at most 20 new contacts", log_mail.skipped_addresses)

    def test_skipped_reasons_in_the_readers_language(self):
        self.company.interaction_never_log = "*@spam.example.com"
        self._receive(self._bcc("junk@spam.example.com, nobody@nowhere.example.com"))
        log_mail = self.LogMail.search([])
        # Stored as codes, shown through the translation of the reader.
        self.assertEqual(
            log_mail.skipped_reasons,
            [
                ["junk@spam.example.com", "never"],
                ["nobody@nowhere.example.com", "unknown"],
            ],
        )
        self.assertEqual(
            log_mail.skipped_addresses,
            "junk@spam.example.com: on the never-log list\n"
            "nobody@nowhere.example.com: no contact with this address",
        )

    # ------------------------------------------------------------------
    # Erasure
    # ------------------------------------------------------------------

    def test_erasure_removes_the_contact_from_logged_emails(self):
        self.contact.phone = "+358 40 123 4567"
        self.company.interaction_never_log = "*@spam.example.com"
        raw = self._bcc(
            "Alice Buyer <alice@acme.example.com>, junk@spam.example.com",
            cc="Bob Accounts <bob@acme.example.com>",
            subject="Offer for Alice Buyer",
            body="Dear Alice Buyer, call me back at +358 40 123 4567.",
        )
        raw = raw.replace(
            "Content-Type: text/plain",
            'Content-Type: multipart/mixed; boundary="B"\n\n--B\n'
            "Content-Type: text/plain",
        )
        raw += (
            "\n--B\nContent-Type: text/plain\nContent-Disposition: attachment; "
            'filename="alice.txt"\n\nAlice Buyer, alice@acme.example.com\n--B--\n'
        )
        self._receive(raw)
        # Alice answers to all: her reply joins the logged email.
        log_mail = self.LogMail.search([])
        self.assertTrue(log_mail.message_ids.attachment_ids)
        self._receive(
            self._email(
                "Ernest Employee <ernest@ourcompany.example.com>",
                email_from="Alice Buyer <alice@acme.example.com>",
                headers=(
                    f"Cc: Log <{self.log_address}>\n"
                    f"In-Reply-To: {log_mail.mail_message_id.message_id}\n"
                ),
                subject="Re: Offer for Alice Buyer",
                body="Thanks, Alice Buyer (+358 40 123 4567)",
            )
        )
        self.assertEqual(len(log_mail.message_ids), 2)
        wizard = (
            self.env["interaction.erasure.wizard"]
            .with_user(self.user_interaction_manager)
            .create({"partner_id": self.contact.id, "reason": "GDPR request"})
        )
        wizard.action_erase()
        needles = ["Alice Buyer", "alice@acme.example.com", "+358 40 123 4567", "Alice"]
        records = [log_mail]
        messages = self.env["mail.message"].search(
            [("model", "=", log_mail._name), ("res_id", "=", log_mail.id)]
        )
        records.append(messages)
        attachments = self.env["ir.attachment"].search(
            [
                "|",
                ("res_model", "=", log_mail._name),
                ("id", "in", messages.attachment_ids.ids),
            ]
        )
        records.append(attachments)
        self.env.flush_all()
        for recordset in records:
            text_fields = [
                name
                for name, field in recordset._fields.items()
                if field.store and field.type in ("char", "text", "html", "json")
            ]
            for record in recordset:
                for name in text_fields:
                    value = str(record[name] or "")
                    for needle in needles:
                        self.assertNotIn(
                            needle.lower(),
                            value.lower(),
                            f"{record}.{name} still names the contact",
                        )
        self.assertNotIn(self.contact, log_mail.partner_ids)
        self.assertNotIn(self.contact, messages.author_id | messages.partner_ids)
        # Bob, also in the email, stays logged.
        self.assertIn(self.contact_2, log_mail.partner_ids)
        self.assertIn("bob@acme.example.com", log_mail.email_cc)

    # ------------------------------------------------------------------
    # Cost
    # ------------------------------------------------------------------

    def test_query_count_one_or_fifty_recipients(self):
        contacts = self.env["res.partner"].create(
            [
                {"name": f"Contact {n}", "email": f"contact{n}@acme.example.com"}
                for n in range(50)
            ]
        )

        def raw_to(partners, subject):
            return self._authenticated(
                self._bcc(
                    ", ".join(f"{p.name} <{p.email}>" for p in partners),
                    subject=subject,
                )
            )

        MailThread = self.env["mail.thread"].sudo()
        with self.mock_mail_gateway():
            MailThread.message_process(None, raw_to(contacts[:1], "warm-up"))
            one = raw_to(contacts[1:2], "one")
            fifty = raw_to(contacts, "fifty")
            self.env.flush_all()
            self.env.invalidate_all()
            # The whole gateway run (parse, route, keep, log): no query per
            # recipient, 50 contacts cost what one does. 51 alone; CRM's
            # glue reads the contacts' open opportunities in 2 more, and the
            # entries dated on a closed day (the email's Date) mark that day
            # for the analysis figures in 1 more.
            with self.assertQueryCount(54):
                MailThread.message_process(None, one)
                self.env.flush_all()
            self.env.invalidate_all()
            with self.assertQueryCount(54):
                MailThread.message_process(None, fifty)
                self.env.flush_all()
        self.assertEqual(
            len(self.LogMail.search([("name", "=", "fifty")]).partner_ids), 50
        )
