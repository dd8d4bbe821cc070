from odoo import models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _notify_thread_by_sms(self, message, recipients_data, msg_vals=False, **kwargs):
        # Every text message posted on a document ends here (chatter SMS,
        # the composer on one or several documents in comment mode, SMS
        # templates and server actions), once, with one notification per
        # recipient. A resend comes back with the same notifications: the
        # entries are unique per (message, contact) and follow them.
        result = super()._notify_thread_by_sms(
            message, recipients_data, msg_vals=msg_vals, **kwargs
        )
        # Most messages send no text message at all, and a blank setup logs
        # none: then the notifications are not even looked for.
        if not any(r.get("notif") == "sms" for r in recipients_data) or not (
            self.env["interaction.document.type"]._logging_enabled()
        ):
            return result
        notifications = (
            self.env["mail.notification"]
            .sudo()
            .search(
                [
                    ("mail_message_id", "=", message.id),
                    ("notification_type", "=", "sms"),
                    ("res_partner_id", "!=", False),
                ]
            )
        )
        if notifications:
            message.sudo()._interaction_log_sms(notifications)
        return result
