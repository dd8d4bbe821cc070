import base64
import email
import email.policy

from freezegun import freeze_time
from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import LogAddressCommon


@freeze_time("2026-11-03 12:00:00")
@tagged("post_install", "-at_install")
class TestLogMailReadonly(LogAddressCommon):
    """A logged email is an audit record: shown as it came, nobody adds to
    it or removes its attachments, whatever the form offers."""

    def _with_attachment(self, raw):
        message = email.message_from_string(raw, policy=email.policy.default)
        message.add_attachment(
            b"%PDF-1.4 our offer",
            maintype="application",
            subtype="pdf",
            filename="offer.pdf",
        )
        return message.as_string()

    def _log_mail(self):
        self._receive(
            self._with_attachment(self._bcc("Alice Buyer <alice@acme.example.com>"))
        )
        log_mail = self.LogMail.search([])
        self.assertEqual(len(log_mail), 1)
        return log_mail

    def test_form_shows_the_email_read_only_without_chatter(self):
        arch = etree.fromstring(self.LogMail.get_view(view_type="form")["arch"])
        self.assertFalse(arch.xpath("//chatter"), "no composer on a logged email")
        self.assertFalse(arch.xpath("//div[contains(@class, 'oe_chatter')]"))
        [body] = arch.xpath("//page[@name='email']/field[@name='body']")
        self.assertEqual(body.get("readonly"), "1")
        [attachments] = arch.xpath("//field[@name='attachment_ids']")
        self.assertEqual(attachments.get("widget"), "many2many_binary")
        self.assertEqual(attachments.get("readonly"), "1")
        # What the form shows, as its author reads it.
        log_mail = self._log_mail().with_user(self.user_employee)
        self.assertIn("here is our offer", log_mail.body)
        self.assertEqual(log_mail.attachment_ids.mapped("name"), ["offer.pdf"])
        self.assertEqual(
            base64.b64decode(log_mail.attachment_ids.datas), b"%PDF-1.4 our offer"
        )
        self.assertFalse(log_mail.reply_message_ids)

    def test_replies_shown_with_the_email(self):
        log_mail = self._log_mail()
        sent = log_mail.mail_message_id
        self._receive(
            self._email(
                "Ernest Employee <ernest@ourcompany.example.com>",
                email_from="Alice Buyer <alice@acme.example.com>",
                headers=f"In-Reply-To: {sent.message_id}\n",
                subject="Re: Our offer",
                body="Thanks, we will order next week.",
            )
        )
        reply = log_mail.with_user(self.user_employee).reply_message_ids
        self.assertEqual(reply.mapped("subject"), ["Re: Our offer"])
        self.assertIn("we will order next week", reply.body)

    def test_nobody_posts_on_a_logged_email(self):
        log_mail = self._log_mail()
        messages = log_mail.message_ids
        for user in (self.user_interaction_manager, self.user_employee):
            with self.subTest(user=user.login):
                for message_type in ("comment", "notification"):
                    with self.assertRaises(AccessError):
                        log_mail.with_user(user).message_post(
                            body="Changed my mind", message_type=message_type
                        )
                with self.assertRaises(AccessError):
                    log_mail.with_user(user).message_post(
                        body="Note", subtype_xmlid="mail.mt_note"
                    )
        self.assertEqual(log_mail.message_ids, messages)

    def test_attachments_cannot_be_deleted_replaced_or_added(self):
        log_mail = self._log_mail()
        attachment = log_mail.attachment_ids
        self.assertEqual(len(attachment), 1)
        for user in (self.user_interaction_manager, self.user_employee):
            with self.subTest(user=user.login):
                mine = attachment.with_user(user)
                self.assertEqual(mine.name, "offer.pdf")
                with self.assertRaises(AccessError):
                    mine.unlink()
                with self.assertRaises(AccessError):
                    mine.write({"datas": base64.b64encode(b"forged")})
                with self.assertRaises(AccessError):
                    self.env["ir.attachment"].with_user(user).create(
                        {
                            "name": "extra.pdf",
                            "raw": b"extra",
                            "res_model": log_mail._name,
                            "res_id": log_mail.id,
                        }
                    )
        self.assertTrue(attachment.exists())
        self.assertEqual(base64.b64decode(attachment.datas), b"%PDF-1.4 our offer")
        self.assertEqual(log_mail.attachment_ids, attachment)
