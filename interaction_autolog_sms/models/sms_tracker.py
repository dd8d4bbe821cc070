from odoo import fields, models


class SmsTracker(models.Model):
    """A text message of the composer's mass mode has no notification: its
    tracker carries the entry instead, and the provider's answers and
    delivery reports reach the entry through it."""

    _inherit = "sms.tracker"

    interaction_log_entry_id = fields.Many2one(
        "interaction.log.entry",
        ondelete="cascade",
        index="btree_not_null",
    )

    def _update_sms_notifications(
        self, notification_status, failure_type=False, failure_reason=False
    ):
        result = super()._update_sms_notifications(
            notification_status,
            failure_type=failure_type,
            failure_reason=failure_reason,
        )
        if not self.env["interaction.document.type"]._logging_enabled():
            return result
        entries = self.interaction_log_entry_id
        if entries:
            Notification = self.env["mail.notification"]
            Notification._interaction_write_entries(
                self.env["interaction.log.entry"]._as_engine().browse(entries.ids),
                lambda entry: Notification._interaction_delivery_values(
                    entry, "sms", notification_status
                ),
            )
        return result
