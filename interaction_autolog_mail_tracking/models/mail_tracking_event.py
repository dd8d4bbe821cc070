from odoo import api, models


class MailTrackingEvent(models.Model):
    _inherit = "mail.tracking.event"

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        # The tracking is already "opened" when its open event is created:
        # the event carries the date.
        for event in events.filtered(lambda e: e.event_type == "open"):
            event.tracking_email_id._interaction_sync(opened_at=event.time)
        return events
