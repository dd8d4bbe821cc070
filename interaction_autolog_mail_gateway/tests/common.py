"""What the log address tests share: a company with a log address, its
users, and raw emails as mail servers hand them to Odoo."""

import email

from odoo.tools.mail import email_normalize

from odoo.addons.interaction_autolog.tests.common import InteractionCommon
from odoo.addons.mail.tests.common import mail_new_test_user

LOG_MAIL_LOGGER = (
    "odoo.addons.interaction_autolog_mail_gateway.models.interaction_log_mail"
)

# An email as Outlook or Gmail sends it. The log address appears where the
# test puts it: in Bcc the sender's server removes the Bcc header, and only
# the receiving server's Delivered-To (or X-Original-To) names it.
PLAIN = """{headers}From: {email_from}
To: {to}
Subject: {subject}
Message-ID: <{msg_id}@mail.ourcompany.example.com>
Date: Mon, 02 Nov 2026 09:30:00 +0000
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

{body}
"""


class LogAddressCommon(InteractionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.LogMail = cls.env["interaction.log.mail"]
        cls.alias = cls.company._interaction_set_log_alias("log")
        cls.log_address = cls.alias.alias_full_name
        cls.user_employee.email = "ernest@ourcompany.example.com"
        cls.colleague = mail_new_test_user(
            cls.env,
            login="colleague",
            name="Carla Colleague",
            email="carla@ourcompany.example.com",
            groups="base.group_user",
            company_id=cls.company.id,
        )
        cls.msg_count = 0

    def _receive(self, raw, model=None, auth=True):
        """Feed a raw RFC 5322 message to the mail gateway, as the fetchmail
        cron or the mailgate script does; ``auth``: as the company's
        receiving server vouches for the sender's domain."""
        if auth:
            raw = self._authenticated(raw)
        with self.mock_mail_gateway():
            return self.env["mail.thread"].sudo().message_process(model, raw)

    def _authenticated(self, raw, result="pass"):
        """``raw`` with the Authentication-Results header of the company's
        receiving server (a subdomain of its alias domain)."""
        if "Authentication-Results:" in raw:
            return raw
        sender = email.message_from_string(raw)["From"]
        domain = email_normalize(sender).rpartition("@")[2]
        return (
            f"Authentication-Results: mx.{self.alias_domain};\n"
            f" dmarc={result} header.from={domain}\n{raw}"
        )

    def _email(self, to, email_from=None, headers="", subject="Our offer", body=None):
        self.msg_count += 1
        return PLAIN.format(
            headers=headers,
            email_from=email_from or "Ernest Employee <ernest@ourcompany.example.com>",
            to=to,
            subject=subject,
            msg_id=f"log-{self.msg_count}",
            body=body or "Dear Alice, here is our offer.",
        )

    def _bcc(self, to, cc="", **kwargs):
        """The email as it reaches Odoo when the log address was in Bcc."""
        headers = f"Delivered-To: {self.log_address}\n"
        if cc:
            headers += f"Cc: {cc}\n"
        return self._email(to, headers=headers, **kwargs)

    def _entries(self, log_mail):
        return self.Entry.sudo().search(
            [("res_model", "=", log_mail._name), ("res_id", "in", log_mail.ids)],
            order="id",
        )

    def assert_outbound(self, log_mail, partners, addresses):
        entries = self._entries(log_mail)
        self.assertEqual(entries.partner_id, partners)
        self.assertEqual(len(entries), len(partners))
        for entry in entries:
            self.assertRecordValues(
                entry,
                [
                    {
                        "document_type_id": self.doc_email.id,
                        "template_id": self.template_email.id,
                        "information_flow": "outbound",
                        "initiated_by": "us",
                        "channel": "email",
                        "contact_via": addresses[entry.partner_id],
                        "mail_message_id": log_mail.mail_message_id.id,
                        "user_id": self.user_employee.id,
                        "company_id": self.company.id,
                        "delivery_status": "sent",
                        "subject": log_mail.name,
                        "is_automatic": True,
                    }
                ],
            )
        return entries
