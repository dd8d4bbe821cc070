"""What this transaction logged for which mail message, and why a
message did not reach its contact.

The delivery status of an emailed or texted entry follows its message's
notifications (``mail.notification``, ``mail.mail``, the SMS provider's
answer). For messages sent for the first time in this transaction, the
engine remembers their entries here, so that the follow-up finds them
without a search. Everything is forgotten at commit or rollback. A failed
entry says why in ``delivery_failure``, from the contact's notification.
"""

from odoo import api, models


class InteractionLogDelivery(models.AbstractModel):
    _name = "interaction.log.delivery"
    _description = "Interaction Delivery Follow-up"

    @api.model
    def _messages_logged_now(self):
        """Ids of the mail messages this transaction logged entries for
        (forgotten at commit or rollback)."""
        return self._entries_logged_now().keys()

    @api.model
    def _entries_logged_now(self):
        """``{mail message id: ids of the entries this transaction logged for
        it}`` (forgotten at commit or rollback)."""
        return self.env.cr.precommit.data.setdefault(
            "interaction_autolog.entries_by_message", {}
        )

    @api.model
    def _messages_new_now(self):
        """Ids of the mail messages that had no entry before this
        transaction (new ones, sent for the first time): their entries are
        all in ``_entries_logged_now``, no search needed."""
        return self.env.cr.precommit.data.setdefault(
            "interaction_autolog.new_message_ids", set()
        )

    @api.model
    def _plain_messages_now(self):
        """Ids of the new mail messages of this transaction sent without
        notifications (the composer's mass mode): their mails carry their
        delivery (mail.mail)."""
        return self.env.cr.precommit.data.setdefault(
            "interaction_autolog.plain_message_ids", set()
        )

    @api.model
    def _entries_of_new_messages(self, message_ids):
        """The entries of ``message_ids`` when all of them are new (see
        ``_messages_new_now``), else None: the caller searches."""
        if not message_ids or not set(message_ids) <= self._messages_new_now():
            return None
        logged = self._entries_logged_now()
        return self._as_engine().browse(
            [entry_id for mid in message_ids for entry_id in logged.get(mid, ())]
        )

    def _compute_delivery_failure(self):
        failed = self.filtered(lambda e: e.delivery_status == "failed")
        (self - failed).delivery_failure = False
        if not failed:
            return
        notifications = (
            self.env["mail.notification"]
            .sudo()
            .search(
                [
                    ("mail_message_id", "in", failed.mail_message_id.ids),
                    ("res_partner_id", "in", failed.partner_id.ids),
                    ("notification_type", "in", ("email", "sms")),
                ]
            )
        )
        # A text message fails in its SMS notification, an email in its email
        # one: the same message can have both for the same contact.
        by_key = {
            (n.mail_message_id.id, n.res_partner_id.id, n.notification_type): n
            for n in notifications
        }
        labels = dict(
            notifications._fields["failure_type"]._description_selection(self.env)
        )
        for entry in failed:
            kind = "sms" if entry.channel == "sms" else "email"
            notification = by_key.get(
                (entry.mail_message_id.id, entry.partner_id.id, kind)
            )
            reasons = entry._delivery_failure_reasons(notification, labels)
            entry.delivery_failure = "\n".join(filter(None, reasons)) or (
                self.env._("The SMS provider gave no reason.")
                if kind == "sms"
                else self.env._("The mail server gave no reason.")
            )

    def _delivery_failure_reasons(self, notification, labels):
        """Why the entry's message did not reach its contact, from the
        contact's notification (``labels``: its failure types' labels)."""
        reasons = []
        if notification and notification.failure_type:
            reasons.append(labels.get(notification.failure_type))
        if notification and notification.failure_reason:
            reasons.append(notification.failure_reason)
        return reasons
