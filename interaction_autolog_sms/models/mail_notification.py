from odoo import api, models


class MailNotification(models.Model):
    _inherit = "mail.notification"

    @api.model_create_multi
    def create(self, vals_list):
        notifications = super().create(vals_list)
        # The text message notifications of messages sent for the first time
        # (see mail.thread): the hook logs them without searching for them.
        new_now = self.env["interaction.log.entry"]._messages_new_now()
        if new_now:
            created = self._interaction_sms_created_now()
            for notification, vals in zip(notifications, vals_list):
                message_id = vals.get("mail_message_id")
                if vals.get("notification_type") == "sms" and message_id in new_now:
                    created.setdefault(message_id, []).append(notification.id)
        return notifications

    @api.model
    def _interaction_sms_created_now(self):
        """``{mail message id: ids of its text message notifications created
        in this transaction}``, for the messages of ``_messages_new_now``
        (forgotten at commit or rollback)."""
        return self.env.cr.precommit.data.setdefault(
            "interaction_autolog_sms.notifications_by_message", {}
        )

    @api.model
    def _interaction_synced_fields(self):
        # The resend wizard may send a failed text message to a corrected
        # number.
        return super()._interaction_synced_fields() | {"sms_number"}

    def _interaction_entry_values(self, entry):
        values = super()._interaction_entry_values(entry)
        if (
            self.notification_type == "sms"
            and self.sms_number
            and entry.contact_via != self.sms_number
        ):
            values["contact_via"] = self.sms_number
        return values
