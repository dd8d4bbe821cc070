from odoo import models

from .mail_notification import DELIVERY_READ_FIELDS


class MailMail(models.Model):
    _inherit = "mail.mail"

    def _postprocess_sent_message(
        self, success_pids, failure_reason=False, failure_type=None
    ):
        # Emails with notifications are followed through mail.notification;
        # the others are the composer's mass-mail ones, which keep a log
        # message (is_notification) without notifications. Update before
        # super(), which may delete the mail and its message. With a blank
        # setup nothing is logged any more: no query here.
        if not self.env["interaction.document.type"]._logging_enabled():
            return super()._postprocess_sent_message(
                success_pids, failure_reason=failure_reason, failure_type=failure_type
            )
        Entry = self.env["interaction.log.entry"]._as_engine()
        # The composer's mass mode just logged its new messages: their
        # entries are known, and they have no notifications.
        plain_now = Entry._plain_messages_now()
        known = self.filtered(lambda mail: mail.mail_message_id.id in plain_now)
        others = self - known
        notified = (
            self.env["mail.notification"]
            .sudo()
            .search([("mail_mail_id", "in", others.filtered("is_notification").ids)])
            .mail_mail_id
            if others
            else others
        )
        plain = self.filtered("mail_message_id") - notified
        if plain:
            message_ids = plain.mail_message_id.ids
            entries = Entry._entries_of_new_messages(message_ids)
            if entries is None:
                entries = Entry.search_fetch(
                    [("mail_message_id", "in", message_ids)], DELIVERY_READ_FIELDS
                )
            Notification = self.env["mail.notification"]
            Notification._interaction_write_entries(
                entries,
                lambda entry: Notification._interaction_delivery_values(
                    entry,
                    "email",
                    "sent"
                    if not failure_type or entry.partner_id in success_pids
                    else "exception",
                ),
            )
        return super()._postprocess_sent_message(
            success_pids, failure_reason=failure_reason, failure_type=failure_type
        )
