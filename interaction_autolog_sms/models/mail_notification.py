from odoo import api, models


class MailNotification(models.Model):
    _inherit = "mail.notification"

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
