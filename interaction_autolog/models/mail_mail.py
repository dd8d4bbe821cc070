from odoo import models


class MailMail(models.Model):
    _inherit = "mail.mail"

    def _postprocess_sent_message(
        self, success_pids, failure_reason=False, failure_type=None
    ):
        # Emails with notifications are followed through mail.notification;
        # these are the composer's mass-mail ones. Update before super(),
        # which may delete the mail and its message.
        plain = self.filtered(lambda m: not m.is_notification and m.mail_message_id)
        if plain:
            entries = (
                self.env["interaction.log.entry"]
                .sudo()
                .search([("mail_message_id", "in", plain.mail_message_id.ids)])
            )
            succeeded = entries.filtered(
                lambda e: not failure_type or e.partner_id in success_pids
            )
            succeeded.write({"delivery_status": "sent", "attempt_failed": False})
            (entries - succeeded).write(
                {"delivery_status": "failed", "attempt_failed": True}
            )
        return super()._postprocess_sent_message(
            success_pids, failure_reason=failure_reason, failure_type=failure_type
        )
