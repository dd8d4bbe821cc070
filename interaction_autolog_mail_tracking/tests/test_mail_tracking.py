from datetime import datetime

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.interaction_autolog.tests.common import InteractionCommon


@tagged("post_install", "-at_install")
class TestMailTrackingDelivery(InteractionCommon):
    """An email entry follows OCA mail_tracking's record of the email."""

    def _post(self, partners):
        with self.mock_mail_gateway():
            return self.customer.with_user(self.user_employee).message_post(
                body="<p>Here is our price list.</p>",
                subject="Price list",
                partner_ids=partners.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )

    def _entry_and_tracking(self, message, partner):
        entry = self.Entry.search(
            [("mail_message_id", "=", message.id), ("partner_id", "=", partner.id)]
        )
        tracking = (
            self.env["mail.tracking.email"]
            .sudo()
            .search(
                [("mail_message_id", "=", message.id), ("partner_id", "=", partner.id)]
            )
        )
        self.assertEqual(len(entry), 1)
        self.assertEqual(len(tracking), 1)
        return entry, tracking

    @mute_logger("odoo.addons.mail.models.mail_mail")
    def test_invalid_address_fails_with_the_reason(self):
        broken = self.env["res.partner"].create(
            {"name": "Broken Address", "email": "not-an-address"}
        )
        message = self._post(broken | self.contact)
        entry, tracking = self._entry_and_tracking(message, broken)
        self.assertEqual(entry.delivery_status, "failed")
        self.assertTrue(entry.attempt_failed)
        self.assertTrue(entry.delivery_failure)
        ok, _tracking = self._entry_and_tracking(message, self.contact)
        self.assertEqual(ok.delivery_status, "sent")
        self.assertFalse(ok.delivery_failure)

    def test_opened_email(self):
        """An opening of the email (mail_tracking's tracking image, or a
        provider's report) marks the entry opened, with the date of the
        first opening. The image's route works on a cursor of its own, which
        cannot see this test's transaction: its event is created as the
        route creates it."""
        message = self._post(self.contact)
        entry, tracking = self._entry_and_tracking(message, self.contact)
        self.assertEqual(entry.delivery_status, "sent")
        self.assertFalse(entry.opened_date)
        tracking.event_create(
            "open", {"timestamp": 1767225600.0, "time": "2026-01-01 00:00:00"}
        )
        self.assertEqual(tracking.state, "opened")
        self.assertEqual(entry.delivery_status, "opened")
        self.assertEqual(entry.opened_date, datetime(2026, 1, 1))
        self.assertFalse(entry.attempt_failed)
        self.assertFalse(entry.delivery_failure)
        # A later opening keeps the first one's date.
        tracking.event_create(
            "open", {"timestamp": 1767312000.0, "time": "2026-01-02 00:00:00"}
        )
        self.assertEqual(entry.opened_date, datetime(2026, 1, 1))

    def test_rejected_and_bounced_emails_fail(self):
        """What an email provider reports (a mail_tracking provider addon
        creates these events): rejected or bounced, with the reason."""
        message = self._post(self.contact | self.contact_2)
        rejected, tracking = self._entry_and_tracking(message, self.contact)
        tracking.event_create("reject", {})
        self.assertEqual(rejected.delivery_status, "failed")
        self.assertTrue(rejected.attempt_failed)
        self.assertIn("Rejected", rejected.delivery_failure)

        bounced, tracking = self._entry_and_tracking(message, self.contact_2)
        tracking.event_create(
            "hard_bounce",
            {"bounce_type": "hard", "bounce_description": "550 No such user"},
        )
        self.assertEqual(bounced.delivery_status, "failed")
        self.assertTrue(bounced.attempt_failed)
        self.assertIn("550 No such user", bounced.delivery_failure)
