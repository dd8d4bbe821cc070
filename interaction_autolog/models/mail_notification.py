from collections import defaultdict

from odoo import api, models

from .mail_message import NOTIFICATION_DELIVERY

# Entry delivery status per notification type and mail.notification status.
# A text message's "pending" means the SMS provider accepted it (Odoo shows it
# as Sent) and its "sent" that it was delivered; an email is pending until
# the mail server takes it.
DELIVERY_BY_TYPE = {
    "email": NOTIFICATION_DELIVERY,
    "sms": dict(NOTIFICATION_DELIVERY, pending="sent"),
}
# What a delivery update reads of an entry (see _interaction_delivery_values).
DELIVERY_READ_FIELDS = ["mail_message_id", "partner_id", "channel", "delivery_status"]


class MailNotification(models.Model):
    _inherit = "mail.notification"

    def write(self, vals):
        result = super().write(vals)
        if set(vals) & self._interaction_synced_fields() and (
            self.env["interaction.document.type"]._logging_enabled()
        ):
            self._interaction_sync_delivery()
        return result

    @api.model
    def _interaction_synced_fields(self):
        """Fields of a notification its interaction entry follows."""
        return {"notification_status"}

    def _interaction_sync_delivery(self):
        """Let the interaction entries of these notifications follow them: an
        email or a text message queued, sent, failed, sent again."""
        notifications = self.filtered(
            lambda n: (
                n.notification_type in DELIVERY_BY_TYPE
                and n.mail_message_id
                and n.res_partner_id
            )
        )
        if not notifications:
            return
        Entry = self.env["interaction.log.entry"]._as_engine()
        message_ids = notifications.mail_message_id.ids
        entries = Entry._entries_of_new_messages(message_ids)
        if entries is None:
            # With what the update reads of them, in the same query: a mail
            # sent after its transaction committed costs one query less.
            entries = Entry.search_fetch(
                [
                    ("mail_message_id", "in", message_ids),
                    ("partner_id", "in", notifications.res_partner_id.ids),
                ],
                DELIVERY_READ_FIELDS,
            )
        if not entries:
            return
        # A text message's entry follows its SMS notification, an email's its
        # email one: the same message may notify a contact both ways.
        by_key = {
            (n.mail_message_id.id, n.res_partner_id.id, n.notification_type): n
            for n in notifications
        }

        def values_of(entry):
            notification = by_key.get(
                (
                    entry.mail_message_id.id,
                    entry.partner_id.id,
                    self._interaction_notification_type(entry),
                )
            )
            if not notification:
                return {}
            return notification._interaction_entry_values(entry)

        self._interaction_write_entries(entries, values_of)

    @api.model
    def _interaction_notification_type(self, entry):
        """The type of notification ``entry``'s message reached it by."""
        return "sms" if entry.channel == "sms" else "email"

    def _interaction_entry_values(self, entry):
        """What ``entry`` takes from this notification, its contact's."""
        self.ensure_one()
        return self._interaction_delivery_values(
            entry, self.notification_type, self.notification_status
        )

    @api.model
    def _interaction_delivery_values(self, entry, notification_type, status):
        """The delivery values ``entry`` takes from a notification of
        ``notification_type`` reaching ``status``; empty when nothing changes.
        """
        delivery = DELIVERY_BY_TYPE.get(notification_type, {}).get(status)
        if not delivery or entry.delivery_status == delivery:
            return {}
        if delivery == "sent" and entry.delivery_status == "opened":
            return {}  # opened is further than sent: keep it
        return {"delivery_status": delivery, "attempt_failed": delivery == "failed"}

    @api.model
    def _interaction_write_entries(self, entries, values_of):
        """Write ``values_of(entry)`` on each of ``entries``, as the engine.

        Entries taking the same values are written together: an email to many
        contacts, or a batch of text messages the queue sends, becomes sent in
        one write.
        """
        todo = defaultdict(list)
        for entry in entries:
            values = values_of(entry)
            if values:
                todo[tuple(sorted(values.items()))].append(entry.id)
        Entry = self.env["interaction.log.entry"]._as_engine()
        for values, entry_ids in todo.items():
            Entry.browse(entry_ids).write(dict(values))
