from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import InteractionCommon


@tagged("post_install", "-at_install")
class TestPartnerDelete(InteractionCommon):
    """A contact with interactions cannot be deleted (archive it instead),
    but an email still in Odoo's queue is no interaction yet, and entries of
    the deleting transaction itself are no history yet."""

    def _email(self, partner, send_at_once):
        record = self.customer.with_user(self.user_employee).with_context(
            mail_notify_force_send=send_at_once
        )
        with self.mock_mail_gateway():
            message = record.message_post(
                body="<p>Here is our price list.</p>",
                subject="Price list",
                partner_ids=partner.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        return self.Entry.search(
            [("mail_message_id", "=", message.id), ("partner_id", "=", partner.id)]
        )

    def _new_contact(self):
        return self.env["res.partner"].create(
            {"name": "Typo Address", "email": "typo@exmaple.com"}
        )

    def _logged_earlier(self, entries):
        # A test is one transaction: move the entries back in time, as if an
        # earlier request (the user's, every time) had committed them.
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE interaction_log_entry SET create_date = create_date - "
            "interval '1 minute' WHERE id IN %s",
            [tuple(entries.ids)],
        )
        self.env.invalidate_all()

    def test_contact_emailed_but_not_reached_is_deletable(self):
        """Deleted before the queue ran: the email never reaches it (Odoo
        drops its notification), and its queued entry goes with it."""
        contact = self._new_contact()
        entry = self._email(contact, send_at_once=False)
        self.assertEqual(entry.delivery_status, "queued")
        self._logged_earlier(entry)
        contact.unlink()
        self.assertFalse(entry.exists())
        self.assertFalse(contact.exists())

    def test_contact_reached_is_kept(self):
        contact = self._new_contact()
        entry = self._email(contact, send_at_once=True)
        self.assertEqual(entry.delivery_status, "sent")
        self._logged_earlier(entry)
        with self.assertRaisesRegex(UserError, "has logged interactions"):
            contact.unlink()
        self.assertTrue(entry.exists())

    def test_queued_email_does_not_hide_other_interactions(self):
        contact = self._new_contact()
        printed = self.Entry._log_interaction(contact, "cover_sheet")
        queued = self._email(contact, send_at_once=False)
        self._logged_earlier(printed | queued)
        with self.assertRaisesRegex(UserError, "has logged interactions"):
            contact.unlink()
        self.assertTrue((printed | queued).exists())

    def test_created_emailed_and_deleted_in_one_go(self):
        """As an import or automation cleaning up after itself (or Odoo's
        own mail tests): nothing of it was ever committed."""
        contact = self._new_contact()
        entry = self._email(contact, send_at_once=True)
        self.assertEqual(entry.delivery_status, "sent")
        contact.unlink()
        self.assertFalse(entry.exists())
