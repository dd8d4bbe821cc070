from odoo import models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _notify_thread_by_sms(self, message, recipients_data, msg_vals=False, **kwargs):
        # Every text message posted on a document ends here (chatter SMS,
        # the composer on one or several documents in comment mode, SMS
        # templates and server actions), once, with one notification per
        # recipient. A resend comes back with the same notifications: the
        # entries are unique per (message, contact) and follow them.
        # Most messages send no text message at all, and a blank setup logs
        # none: then the notifications are not even looked for.
        logging = any(r.get("notif") == "sms" for r in recipients_data) and (
            self.env["interaction.document.type"]._logging_enabled()
        )
        resend = bool(kwargs.get("resend_existing"))
        if logging and not resend:
            # Sent for the first time: no entry to follow the notifications
            # yet (they are logged below, with their status), none to look
            # for when the provider answers.
            self.env["interaction.log.entry"]._messages_new_now().add(message.id)
        result = super()._notify_thread_by_sms(
            message, recipients_data, msg_vals=msg_vals, **kwargs
        )
        if not logging:
            return result
        Notification = self.env["mail.notification"].sudo()
        created = Notification._interaction_sms_created_now().get(message.id)
        if not resend and created is not None:
            # The notifications super() just made: no search.
            notifications = Notification.browse(created).filtered("res_partner_id")
        else:
            notifications = Notification.search(
                [
                    ("mail_message_id", "=", message.id),
                    ("notification_type", "=", "sms"),
                    ("res_partner_id", "!=", False),
                ]
            )
        if notifications:
            # msg_vals holds what message_post just wrote: no need to read it.
            values = msg_vals or {}
            model = values["model"] if "model" in values else message.model
            res_id = values["res_id"] if "res_id" in values else message.res_id
            on_record = len(self) == 1 and model == self._name and res_id == self.id
            message.sudo()._interaction_log_sms(
                notifications,
                record=self.sudo() if on_record else None,
                check_existing=resend,
            )
        return result
