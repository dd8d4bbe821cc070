from odoo import models


class MailMail(models.Model):
    _inherit = "mail.mail"

    def _postprocess_sent_message(
        self, success_pids, failure_reason=False, failure_type=None
    ):
        # mail_tracking keeps an SMTP error to its own record and lets Odoo
        # count the recipient as a success: once Odoo (and the core's
        # delivery sync) marked the entries sent, the trackings that failed
        # have the last word. Read before super(), which may delete the mails.
        message_ids = self.mail_message_id.ids
        result = super()._postprocess_sent_message(
            success_pids, failure_reason=failure_reason, failure_type=failure_type
        )
        if message_ids:
            self.env["mail.tracking.email"]._interaction_sync_messages(message_ids)
        return result
