"""What this transaction logged for which mail message.

The delivery status of an emailed or texted entry follows its message's
notifications (``mail.notification``, ``mail.mail``, the SMS provider's
answer). For messages sent for the first time in this transaction, the
engine remembers their entries here, so that the follow-up finds them
without a search. Everything is forgotten at commit or rollback.
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
