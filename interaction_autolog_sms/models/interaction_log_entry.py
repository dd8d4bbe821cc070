from odoo import models

# What Odoo's SMS service answers when it cannot be used at all: the
# request never reached a provider ("server_error", also when the service
# itself is unreachable), or this database has no account there.
NO_PROVIDER_FAILURES = ("sms_server", "sms_acc")


class InteractionLogEntry(models.Model):
    _inherit = "interaction.log.entry"

    def _delivery_failure_reasons(self, notification, labels):
        reasons = super()._delivery_failure_reasons(notification, labels)
        if (
            self.channel == "sms"
            and notification
            and notification.failure_type in NO_PROVIDER_FAILURES
            and not notification.failure_reason
        ):
            # "Server Error" reads like a fault of the contact's number or
            # of Odoo; the message simply never left.
            return [
                self.env._(
                    "No SMS provider could be reached, so the text message was "
                    "not sent (%(failure)s). Check the SMS settings, then resend it.",
                    failure=labels.get(notification.failure_type),
                )
            ]
        return reasons

    def action_open_message(self):
        """A text message's failure opens the SMS failure dialog: each
        recipient's number and reason, with Resend and Ignore."""
        self.ensure_one()
        if self.channel != "sms" or not self.mail_message_id:
            return super().action_open_message()
        action = self.env["ir.actions.act_window"]._for_xml_id("sms.sms_resend_action")
        action["context"] = {"default_mail_message_id": self.mail_message_id.id}
        return action
