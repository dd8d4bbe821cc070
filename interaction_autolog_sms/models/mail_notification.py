from odoo import models

from .mail_message import entries_for_update, sync_delivery


class MailNotification(models.Model):
    _inherit = "mail.notification"

    def write(self, vals):
        result = super().write(vals)
        watched = "notification_status" in vals or "sms_number" in vals
        if watched and self.env["interaction.document.type"]._logging_enabled():
            self.filtered(
                lambda n: n.notification_type == "sms"
            )._interaction_sync_sms_delivery()
        return result

    def _interaction_sync_sms_delivery(self):
        """Let the text message's entries follow its notifications: sent by
        the provider, delivered, failed, resent (maybe to a corrected
        number)."""
        if not self:
            return
        entries = entries_for_update(self.env).search(
            [
                ("mail_message_id", "in", self.mail_message_id.ids),
                ("partner_id", "in", self.res_partner_id.ids),
                ("channel", "=", "sms"),
            ]
        )
        if not entries:
            return
        by_key = {(n.mail_message_id.id, n.res_partner_id.id): n for n in self}

        def notification(entry):
            return by_key[(entry.mail_message_id.id, entry.partner_id.id)]

        sync_delivery(
            entries.filtered(
                lambda e: (e.mail_message_id.id, e.partner_id.id) in by_key
            ),
            lambda entry: notification(entry).notification_status,
            lambda entry: notification(entry).sms_number,
        )
